//! Two languages from one content folder: `languages: [vi, en]` builds the
//! Vietnamese pages at the root and their English twins under `en/`, each
//! with the content's own English where it gives one, the theme's words,
//! dates and numbers of its language, and links to its twin.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::*;
use scraper::{Html, Selector};

const BASE_URL: &str = "https://example.gov.vn/cchc/";

fn fixture() -> PathBuf {
    repo().join("tests/fixtures/bilingual")
}

fn built() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let public = dir.path().join("public");
    let out = build(&fixture(), &public, &[]);
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("cảnh báo:"),
        "the fixture builds without warnings: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, public)
}

/// Every HTML page of the site by its path under `public`.
fn pages(public: &Path) -> Vec<(String, String)> {
    snapshot_dir(public)
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
        .collect()
}

fn is_english(path: &str) -> bool {
    path.starts_with("en/")
}

fn text_of(public: &Path, path: &str) -> String {
    page_text(&read(&public.join(path)))
}

/// A portal's frame (nhung/, en/nhung/): out of the sitemap, no navigation.
fn is_frame(path: &str) -> bool {
    path.starts_with("nhung/") || path.starts_with("en/nhung/")
}

#[test]
fn english_pages_show_the_content_in_english_and_vietnamese_pages_in_vietnamese() {
    let (_dir, public) = built();
    let unit_en = text_of(&public, "en/don-vi/xa-tan-loi/index.html");
    let unit_vi = text_of(&public, "don-vi/xa-tan-loi/index.html");
    // Unit names, criterion and field titles, the framework and the band.
    let pairs = [
        ("Xã Tân Lợi", "Tan Loi Commune"),
        ("Ban hành kế hoạch cải cách", "Reform plan issued"),
        ("Lĩnh vực chỉ đạo điều hành", "Direction and management"),
        ("Lĩnh vực thủ tục hành chính", "Administrative procedures"),
        ("Bộ chỉ số xã", "Commune index"),
        (
            "Tiến độ cải cách hành chính tỉnh Thử",
            "Administrative reform progress",
        ),
        ("UBND tỉnh Thử", "Thu Provincial People's Committee"),
        ("Tỉnh Thử", "Thu Province"),
    ];
    for (vi, en) in pairs {
        assert!(unit_en.contains(en), "`{en}` not on the English unit page");
        assert!(!unit_en.contains(vi), "`{vi}` on the English unit page");
        assert!(
            unit_vi.contains(vi),
            "`{vi}` not on the Vietnamese unit page"
        );
        assert!(!unit_vi.contains(en), "`{en}` on the Vietnamese unit page");
    }
    // What the content gives in one language only shows in both.
    assert!(unit_en.contains("Mức độ hài lòng của người dân"));
    assert!(unit_vi.contains("Mức độ hài lòng của người dân"));
    // Bands: "Khá" has an English name.
    assert!(unit_en.contains("band Fair") && unit_vi.contains("xếp loại Khá"));

    let criterion_en = text_of(&public, "en/tieu-chi/xa/1.1/index.html");
    assert!(
        criterion_en.contains("Reform plan issued"),
        "{criterion_en}"
    );
    let criterion_vi = text_of(&public, "tieu-chi/xa/1.1/index.html");
    assert!(criterion_vi.contains("Ban hành kế hoạch cải cách"));
    assert!(!criterion_vi.contains("Reform plan issued"));

    let timeline_en = text_of(&public, "en/thoi-han/index.html");
    assert!(timeline_en.contains("Send the self-assessment report"));
    assert!(!timeline_en.contains("Gửi báo cáo tự đánh giá"));
    assert!(timeline_en.contains("Công khai thủ tục trên cổng"));
    let timeline_vi = text_of(&public, "thoi-han/index.html");
    assert!(timeline_vi.contains("Gửi báo cáo tự đánh giá"));
    assert!(!timeline_vi.contains("Send the self-assessment report"));

    let snapshot_en = text_of(&public, "en/dot-danh-gia/2023-11-01/index.html");
    assert!(snapshot_en.contains("November appraisal"), "{snapshot_en}");
    let snapshot_vi = text_of(&public, "dot-danh-gia/2023-11-01/index.html");
    assert!(snapshot_vi.contains("Thẩm định tháng 11"));

    // The same ids and slugs in both languages.
    let vi: BTreeSet<String> = pages(&public)
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| !is_english(p) && p != "404.html")
        .collect();
    let en: BTreeSet<String> = pages(&public)
        .into_iter()
        .filter_map(|(p, _)| p.strip_prefix("en/").map(str::to_string))
        .collect();
    assert_eq!(vi, en);
    assert!(vi.len() > 15, "{vi:?}");
}

#[test]
fn every_page_has_its_language_and_links_to_its_twin_and_back() {
    let (_dir, public) = built();
    let switch = Selector::parse("nav.lang-switch a").unwrap();
    let alternate = Selector::parse("link[rel=alternate][hreflang]").unwrap();
    let html_lang = Selector::parse("html").unwrap();
    let mut checked = 0;
    for (path, html) in pages(&public) {
        let doc = Html::parse_document(&html);
        let lang = if is_english(&path) { "en" } else { "vi" };
        let root = doc.select(&html_lang).next().unwrap();
        assert_eq!(root.value().attr("lang"), Some(lang), "{path}");
        if path == "404.html" || is_frame(&path) {
            // One 404 page answers every address, in the first language;
            // a portal's frame has no navigation.
            assert_eq!(doc.select(&switch).count(), 0);
            continue;
        }
        let twin_lang = if lang == "en" { "vi" } else { "en" };
        let twin = if lang == "en" {
            path.strip_prefix("en/").unwrap().to_string()
        } else {
            format!("en/{path}")
        };
        // The switcher: one link, in the twin's language, to the twin.
        let links: Vec<_> = doc.select(&switch).collect();
        assert_eq!(links.len(), 1, "{path}: {} switcher links", links.len());
        let a = links[0].value();
        assert_eq!(a.attr("hreflang"), Some(twin_lang), "{path}");
        assert_eq!(a.attr("lang"), Some(twin_lang), "{path}");
        let href = a.attr("href").unwrap();
        let (target, _) = resolve_link(&public, &public.join(&path), href)
            .unwrap_or_else(|| panic!("{path}: the switcher's link {href} is not relative"));
        assert_eq!(target, public.join(&twin), "{path}: switcher {href}");
        assert!(target.is_file(), "{path}: {href} leads nowhere");
        // The twin links back.
        let back = Html::parse_document(&read(&target));
        let back_href = back.select(&switch).next().unwrap().value().attr("href");
        let (back_target, _) =
            resolve_link(&public, &target, back_href.unwrap()).expect("a relative link");
        assert_eq!(back_target, public.join(&path), "{twin} does not link back");

        // hreflang alternates: both languages and x-default, absolute.
        let mut alternates: Vec<(String, String)> = doc
            .select(&alternate)
            .map(|l| {
                let v = l.value();
                (
                    v.attr("hreflang").unwrap().to_string(),
                    v.attr("href").unwrap().to_string(),
                )
            })
            .collect();
        alternates.sort();
        let page_url = |p: &str| {
            let route = p.strip_suffix("index.html").unwrap_or(p);
            format!("{BASE_URL}{route}")
        };
        let (vi_page, en_page) = if lang == "en" {
            (twin.clone(), path.clone())
        } else {
            (path.clone(), twin.clone())
        };
        assert_eq!(
            alternates,
            vec![
                ("en".to_string(), page_url(&en_page)),
                ("vi".to_string(), page_url(&vi_page)),
                ("x-default".to_string(), page_url(&vi_page)),
            ],
            "{path}"
        );
        for (_, url) in &alternates {
            let file = url.strip_prefix(BASE_URL).unwrap();
            let file = if file.is_empty() || file.ends_with('/') {
                format!("{file}index.html")
            } else {
                file.to_string()
            };
            assert!(public.join(&file).is_file(), "{path}: {url} is no page");
        }
        checked += 1;
    }
    assert!(checked > 30, "only {checked} pages");
}

#[test]
fn the_sitemap_lists_the_pages_of_both_languages() {
    let (_dir, public) = built();
    let sitemap = read(&public.join("sitemap.xml"));
    let listed: BTreeSet<String> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap().to_string())
        .collect();
    let expected: BTreeSet<String> = pages(&public)
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p != "404.html" && !is_frame(p))
        .map(|p| format!("{BASE_URL}{}", p.strip_suffix("index.html").unwrap_or(&p)))
        .collect();
    assert_eq!(listed, expected);
    assert!(listed.iter().any(|u| u.contains("/cchc/en/don-vi/")));
    // Open data is not copied per language; search and the feed are.
    assert!(public.join("du-lieu/tiendo.json").is_file());
    assert!(!public.join("en/du-lieu/tiendo.json").exists());
    assert!(public.join("en/du-lieu/index.html").is_file());
    assert!(public.join("tim-kiem/chi-muc").is_dir());
    assert!(public.join("en/tim-kiem/chi-muc").is_dir());
    let feed_en = read(&public.join("en/feed.xml"));
    assert!(
        feed_en.contains(&format!("{BASE_URL}en/ghi-chu/")),
        "{feed_en}"
    );
}

#[test]
fn dates_and_numbers_follow_the_language() {
    let (_dir, public) = built();
    let en = text_of(&public, "en/don-vi/xa-tan-loi/index.html");
    let vi = text_of(&public, "don-vi/xa-tan-loi/index.html");
    for want in [
        "14 Nov 2023",
        "1 Nov 2023",
        "3.65",
        "/6.5",
        "56.15%",
        "1.4/1.5",
    ] {
        assert!(en.contains(want), "`{want}` not on the English page");
    }
    for want in [
        "14/11/2023",
        "01/11/2023",
        "3,65",
        "/6,5",
        "56,15%",
        "1,4/1,5",
    ] {
        assert!(vi.contains(want), "`{want}` not on the Vietnamese page");
        assert!(!en.contains(want), "`{want}` on the English page");
    }
    for not in ["14 Nov 2023", "3.65", "56.15%"] {
        assert!(!vi.contains(not), "`{not}` on the Vietnamese page");
    }
    let home_en = text_of(&public, "en/index.html");
    assert!(home_en.contains("Figures as of 14 Nov 2023"), "{home_en}");
}

/// The parts of a word between its `{slots}`, trimmed of spaces and of
/// the punctuation a slot leans on.
fn fragments(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = word;
    loop {
        let (part, next) = match rest.find('{') {
            Some(open) => (
                &rest[..open],
                rest[open..].find('}').map_or("", |c| &rest[open + c + 1..]),
            ),
            None => (rest, ""),
        };
        let part = part.trim_matches(|c: char| !c.is_alphanumeric());
        out.push(part.to_string());
        if next.is_empty() {
            break;
        }
        rest = next;
    }
    out
}

/// Whether `text` holds `fragment` as whole words.
fn holds(text: &str, fragment: &str) -> bool {
    text.match_indices(fragment).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + fragment.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The fragments of the words of `language` that must not show on the
/// pages of the other one, each with the key of its word.
fn checked_fragments(
    own: &[(String, String)],
    other: &[(String, String)],
    content: &str,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (key, word) in own {
        for f in fragments(word) {
            // Skipped, each for its reason:
            // - no letters: marks and patterns (`/`, `–`), not words;
            // - shorter than four letters (`of`, `to`, `%`): as a whole word
            //   it is also a word of the other language (Vietnamese "to",
            //   "in" in an address), proving nothing;
            // - the other language's words hold it too: the same in both
            //   (the languages' own names on the switcher, `Excel`, `CSV`);
            // - the content holds it: the page may quote the content.
            let letters = f.chars().filter(|c| c.is_alphabetic()).count();
            if letters < 4 || other.iter().any(|(_, w)| holds(w, &f)) || holds(content, &f) {
                continue;
            }
            out.push((key.clone(), f));
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn no_page_shows_a_word_of_the_other_language() {
    let (_dir, public) = built();
    let vi = words(&repo().join("themes/default/words/vi.yaml"));
    let en = words(&repo().join("themes/default/words/en.yaml"));
    let mut content = String::new();
    for (_, bytes) in snapshot_dir(&fixture()) {
        content.push_str(&String::from_utf8_lossy(&bytes));
    }
    let vi_checked = checked_fragments(&vi, &en, &content);
    let en_checked = checked_fragments(&en, &vi, &content);
    assert!(
        vi_checked.len() > 200,
        "only {} fragments",
        vi_checked.len()
    );
    assert!(
        en_checked.len() > 200,
        "only {} fragments",
        en_checked.len()
    );
    let mut found = Vec::new();
    let mut seen = [0, 0];
    for (path, html) in pages(&public) {
        let text = page_text(&html);
        let (foreign, i) = if is_english(&path) {
            (&vi_checked, 0)
        } else {
            (&en_checked, 1)
        };
        seen[i] += 1;
        for (key, f) in foreign {
            if holds(&text, f) {
                found.push(format!("{path}: `{f}` ({key})"));
            }
        }
    }
    assert!(seen[0] > 15 && seen[1] > 15, "{seen:?}");
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn languages_that_conflict_or_are_unknown_are_named_on_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixture(), &content);
    let site = read(&content.join("site.yaml"));
    let cases = [
        (
            site.replace("languages: [vi, en]", "language: vi\nlanguages: [en, vi]"),
            "site.yaml:10",
            "language",
        ),
        (
            site.replace("languages: [vi, en]", "languages: [vi, fr]"),
            "site.yaml:10",
            "fr",
        ),
        (
            site.replace("languages: [vi, en]", "languages: [vi, vi]"),
            "site.yaml:10",
            "hai lần",
        ),
        // A text in two languages with a key that is no language.
        (
            site.replace("  en: \"Administrative", "  eng: \"Administrative"),
            "site.yaml:2",
            "`eng`",
        ),
    ];
    for (text, place, what) in cases {
        std::fs::write(content.join("site.yaml"), &text).unwrap();
        let out = tiendo(&["check", "--content", content.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains(place) && stderr.contains(what),
            "no `{place}` naming `{what}` in:\n{stderr}"
        );
    }
}

/// GET `path` of the server at `address`: the status and the body.
fn get(address: &str, path: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {address}\r\n\r\n").unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    let status = reply.split_whitespace().nth(1).unwrap().parse().unwrap();
    let body = reply.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    (status, body.to_string())
}

#[test]
fn the_preview_serves_the_pages_of_both_languages() {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tiendo"))
        .args(["serve", "--port", "0", "--content"])
        .arg(fixture())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("tiendo serve starts");
    // Read all serve says, so that it never writes to a closed pipe.
    let stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let (send, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in stderr.lines().map_while(Result::ok) {
            let _ = send.send(line);
        }
    });
    let address = lines
        .iter()
        .find_map(|line| {
            let url = line.split_whitespace().find(|w| w.starts_with("http://"))?;
            Some(
                url.trim_start_matches("http://")
                    .trim_end_matches('/')
                    .to_string(),
            )
        })
        .expect("serve names its address");
    let checks = [
        (
            "/en/don-vi/xa-tan-loi/",
            "Tan Loi Commune",
            "<html lang=\"en\"",
        ),
        ("/don-vi/xa-tan-loi/", "Xã Tân Lợi", "<html lang=\"vi\""),
        ("/en/feed.xml", "Administrative reform progress", "<feed"),
        (
            "/en/tim-kiem/chi-muc/index.js",
            "tiendoSearch(",
            "\"docs\":",
        ),
    ];
    let mut failures = Vec::new();
    for (path, want, also) in checks {
        let (status, body) = get(&address, path);
        if status != 200 || !body.contains(want) || !body.contains(also) {
            failures.push(format!("{path}: {status}"));
        }
    }
    let (status, _) = get(&address, "/en/no-such-page/");
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(failures.is_empty(), "{failures:?}");
    assert_eq!(status, 404);
}
