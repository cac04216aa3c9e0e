//! English words: a site with `language: en` shows the theme's English
//! words, with their plural forms, and no Vietnamese word of the interface.

mod common;

use common::*;

/// The parts of a word between its `{slots}`.
fn fragments(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = word;
    while let Some(open) = rest.find('{') {
        out.push(rest[..open].trim().to_string());
        rest = rest[open..].find('}').map_or("", |c| &rest[open + c + 1..]);
    }
    out.push(rest.trim().to_string());
    out.retain(|f| f.chars().count() >= 8 && f.contains(' '));
    out
}

fn english_example() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&example_content(), &content);
    let site = read(&content.join("site.yaml")).replace("language: vi", "language: en");
    assert!(site.contains("language: en"));
    std::fs::write(content.join("site.yaml"), site).unwrap();
    let public = dir.path().join("public");
    build(&content, &public, &[]);
    (dir, public)
}

#[test]
fn english_pages_show_english_words_with_plurals() {
    let (_dir, public) = english_example();
    let home_html = read(&public.join("index.html"));
    assert!(home_html.contains("<html lang=\"en\""), "lang");
    let home = page_text(&home_html);
    for want in [
        "Overview",
        "Figures as of",
        "Progress of 105 tasks",
        "Tasks by status",
    ] {
        assert!(home.contains(want), "{want} not on the home page: {home}");
    }
    let unit = page_text(&read(&public.join("don-vi/hon-quan/index.html")));
    assert!(unit.contains("PAR index score"), "{unit}");
}

#[test]
fn no_vietnamese_interface_word_on_english_pages() {
    let (_dir, public) = english_example();
    let vi = words(&repo().join("themes/default/words/vi.yaml"));
    let en: Vec<String> = words(&repo().join("themes/default/words/en.yaml"))
        .into_iter()
        .map(|(_, w)| w)
        .collect();
    // Content is Vietnamese: a fragment that the content also holds proves
    // nothing.
    let mut content = String::new();
    for (_, bytes) in snapshot_dir(&example_content()) {
        content.push_str(&String::from_utf8_lossy(&bytes));
    }
    let checked: Vec<(String, String)> = vi
        .iter()
        .flat_map(|(key, word)| fragments(word).into_iter().map(move |f| (key.clone(), f)))
        .filter(|(_, f)| {
            !content.contains(f.as_str()) && !en.iter().any(|w| w.contains(f.as_str()))
        })
        .collect();
    assert!(checked.len() > 100, "only {} fragments", checked.len());
    let mut found = Vec::new();
    let mut pages = 0;
    for (path, bytes) in snapshot_dir(&public) {
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let text = page_text(&String::from_utf8_lossy(&bytes));
        for (key, f) in &checked {
            if text.contains(f.as_str()) {
                found.push(format!("{path}: `{f}` ({key})"));
            }
        }
    }
    assert!(pages > 50);
    found.dedup();
    assert!(found.is_empty(), "{}", found.join("\n"));
}
