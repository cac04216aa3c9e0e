//! Themes: a folder that holds only the files it changes, every word of the
//! site from the theme's words file, template errors with file and line.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;
use unicode_normalization::UnicodeNormalization;

const DEFAULT_WORDS: &str = "themes/default/words/vi.yaml";

#[test]
fn a_theme_with_one_template_changes_only_its_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let theme = tmp.path().join("theme");
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    let unit = read(&repo().join("themes/default/templates/unit.html")).replace(
        "{% block content %}",
        "{% block content %}<p class=\"giao-dien-rieng\">Giao diện của huyện</p>",
    );
    std::fs::write(theme.join("templates/unit.html"), unit).unwrap();

    let plain = tmp.path().join("plain");
    let themed = tmp.path().join("themed");
    build(&example_content(), &plain, &[]);
    build(
        &example_content(),
        &themed,
        &["--theme", theme.to_str().unwrap()],
    );
    let plain = snapshot_dir(&plain);
    let themed = snapshot_dir(&themed);
    assert_eq!(
        plain.keys().collect::<Vec<_>>(),
        themed.keys().collect::<Vec<_>>()
    );
    let mut unit_pages = 0;
    for (path, bytes) in &plain {
        let is_unit_page = path.starts_with("don-vi/")
            && path.ends_with("/index.html")
            && path != "don-vi/index.html";
        let html = String::from_utf8_lossy(&themed[path]);
        if is_unit_page {
            unit_pages += 1;
            assert!(
                html.contains("Giao diện của huyện"),
                "{path} does not show the theme's unit.html"
            );
        } else {
            assert!(
                &themed[path] == bytes,
                "{path} changed although the theme only has unit.html"
            );
        }
    }
    assert!(unit_pages > 20, "only {unit_pages} unit pages");
}

#[test]
fn a_broken_template_is_reported_with_its_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let theme = tmp.path().join("theme");
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    std::fs::write(
        theme.join("templates/criterion.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ criterion.code </h1>\n{% endblock content %}\n",
    )
    .unwrap();
    let out = tiendo(&[
        "check",
        "--content",
        example_content().to_str().unwrap(),
        "--theme",
        theme.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("criterion.html:3:"),
        "no file and line in:\n{stderr}"
    );
    // The build refuses it too, and writes nothing.
    let output = tmp.path().join("public");
    let out = build_command(&example_content(), &output)
        .args(["--theme", theme.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("criterion.html:3:"));
    assert!(!output.exists());
}

/// Builds the example with a words file whose every entry is a marker:
/// once every piece of content is taken out of the pages' text, no word may
/// be left.
#[test]
fn every_word_of_the_interface_comes_from_the_words_file() {
    let tmp = tempfile::tempdir().unwrap();
    let theme = tmp.path().join("theme");
    std::fs::create_dir_all(theme.join("words")).unwrap();
    let mut words = load_yaml(&repo().join(DEFAULT_WORDS));
    let mut n = 0;
    mark(&mut words, &mut n);
    assert!(n > 200, "only {n} words");
    std::fs::write(
        theme.join("words/vi.yaml"),
        serde_yaml::to_string(&words).unwrap(),
    )
    .unwrap();
    let marked = tmp.path().join("marked");
    let out = build(
        &example_content(),
        &marked,
        &["--theme", theme.to_str().unwrap()],
    );
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("không trang nào dùng từ"),
        "the marker words should all be known keys"
    );

    let mut content = content_strings(&example_content());
    content.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    let mut leftovers = BTreeSet::new();
    let mut markers = 0;
    let mut pages = 0;
    for (path, bytes) in html_pages(&marked) {
        pages += 1;
        for text in interface_text(&bytes) {
            markers += text.matches('⟦').count();
            let mut rest = text.nfc().collect::<String>();
            for c in &content {
                if rest.contains(c.as_str()) {
                    rest = rest.replace(c.as_str(), " ");
                }
            }
            for w in words_of(&rest) {
                leftovers.insert(format!("{path}: `{w}` in `{}`", text.trim()));
            }
        }
    }
    assert!(pages > 50 && markers > pages * 20, "{markers} markers");
    assert!(
        leftovers.is_empty(),
        "{} words on the pages come neither from the words file nor from the content:\n{}",
        leftovers.len(),
        leftovers
            .into_iter()
            .take(40)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Replaces every word by a marker `⟦n⟧`.
fn mark(value: &mut serde_yaml::Value, n: &mut usize) {
    match value {
        serde_yaml::Value::Mapping(map) => {
            for (_, v) in map.iter_mut() {
                mark(v, n);
            }
        }
        serde_yaml::Value::String(s) => {
            *n += 1;
            *s = format!("⟦{n}⟧");
        }
        _ => {}
    }
}

fn html_pages(dir: &Path) -> Vec<(String, Vec<u8>)> {
    snapshot_dir(dir)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .collect()
}

/// The pieces of text a reader sees or hears (text nodes, SVG titles, the
/// attributes read out), without the notes' and tasks' own Markdown and the
/// chart labels (content, cut short).
fn interface_text(html: &[u8]) -> Vec<String> {
    let doc = scraper::Html::parse_document(&String::from_utf8_lossy(html));
    // The <iframe> code a portal's editor copies is markup, not words.
    let skipped_class = ["prose", "task-detail", "chart-label", "embed-code"];
    let mut out = Vec::new();
    for node in doc.root_element().descendants() {
        match node.value() {
            scraper::Node::Text(t) => {
                let skipped = node.ancestors().any(|a| {
                    a.value().as_element().is_some_and(|e| {
                        matches!(e.name(), "script" | "style")
                            || skipped_class
                                .iter()
                                .any(|c| e.has_class(c, scraper::CaseSensitivity::CaseSensitive))
                    })
                });
                let in_noscript = node
                    .parent()
                    .and_then(|p| p.value().as_element().map(|e| e.name() == "noscript"))
                    .unwrap_or(false);
                if skipped {
                    continue;
                }
                if in_noscript {
                    // A parser that runs scripts reads <noscript> as text:
                    // its markup is parsed here for the words in it.
                    let inner = scraper::Html::parse_fragment(t);
                    out.extend(inner.root_element().text().map(str::to_string));
                } else {
                    // The page's address, printed on paper: a URL, not words.
                    let words: Vec<&str> = t
                        .split(' ')
                        .filter(|w| !w.starts_with("https://") && !w.starts_with("http://"))
                        .collect();
                    out.push(words.join(" "));
                }
            }
            scraper::Node::Element(e) => {
                for attr in ["aria-label", "title", "alt", "placeholder"] {
                    if let Some(v) = e.attr(attr) {
                        out.push(v.to_string());
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().any(char::is_alphabetic))
        .map(|w| w.nfc().collect::<String>().to_lowercase())
}

/// Every string of the content folder: YAML scalars (names, titles,
/// sources…) and the lines of Markdown notes (titles, summaries).
fn content_strings(dir: &Path) -> Vec<String> {
    fn scalars(v: &serde_yaml::Value, out: &mut Vec<String>) {
        match v {
            serde_yaml::Value::String(s) => out.push(s.nfc().collect()),
            serde_yaml::Value::Number(n) => out.push(n.to_string()),
            serde_yaml::Value::Sequence(items) => items.iter().for_each(|i| scalars(i, out)),
            serde_yaml::Value::Mapping(map) => map.values().for_each(|i| scalars(i, out)),
            serde_yaml::Value::Tagged(t) => scalars(&t.value, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (path, bytes) in snapshot_dir(dir) {
        let text = String::from_utf8_lossy(&bytes);
        if path.ends_with(".md") {
            for line in text.lines() {
                let value = line.split_once(": ").map_or(line, |(_, v)| v);
                out.push(value.trim().trim_matches('"').nfc().collect());
            }
        } else if let Ok(v) = serde_yaml::from_str::<serde_yaml::Value>(&text) {
            scalars(&v, &mut out);
        }
    }
    out.retain(|s| !s.trim().is_empty());
    out
}
