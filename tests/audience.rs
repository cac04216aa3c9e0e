//! Audience: a committee note (tests/fixtures/progress, marker
//! "MẬT-NỘI-BỘ-7731") never leaks into the public build, in any file; the
//! `--audience committee` build has it, and is marked and kept out of search
//! engines on every page.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;
use scraper::{Html, Selector};

const MARKER: &str = "MẬT-NỘI-BỘ-7731";
const NOTE_STEM: &str = "2024-06-14-noi-bo-ban-chi-dao";
const NOTE_FILE: &str = "notes/2024-06-14-noi-bo-ban-chi-dao.md";
/// The committee's secret folder in these tests (tests/committee.rs tests
/// the one made and kept by the build).
const SECRET: &str = "bi-mat-cua-ban-chi-dao-trong-cac-bai-thu";

fn fixture() -> PathBuf {
    repo().join("tests/fixtures/progress")
}

/// The progress fixture built for one audience, once per test binary.
fn built(committee: bool) -> PathBuf {
    static PUBLIC: OnceLock<tempfile::TempDir> = OnceLock::new();
    static COMMITTEE: OnceLock<tempfile::TempDir> = OnceLock::new();
    let cell = if committee { &COMMITTEE } else { &PUBLIC };
    cell.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let extra: &[&str] = if committee {
            &["--audience", "committee", "--secret-path", SECRET]
        } else {
            &[]
        };
        build(&fixture(), &dir.path().join("public"), extra);
        dir
    })
    .path()
    .join("public")
}

/// The committee's site: the secret folder of its build.
fn committee_site() -> PathBuf {
    built(true).join(SECRET)
}

/// The committee note's title, read from its front matter.
fn note_title() -> String {
    let text = read(&fixture().join(NOTE_FILE));
    let front = text
        .strip_prefix("---\n")
        .and_then(|t| t.split("\n---\n").next())
        .expect("front matter");
    let meta: serde_yaml::Value = serde_yaml::from_str(front).unwrap();
    assert_eq!(meta["audience"].as_str(), Some("committee"));
    meta["title"].as_str().unwrap().to_string()
}

fn all_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    snapshot_dir(dir).into_iter().collect()
}

fn html_pages(dir: &Path) -> Vec<(String, String)> {
    all_files(dir)
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".html"))
        .map(|(rel, bytes)| (rel, String::from_utf8(bytes).unwrap()))
        .collect()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    let n = needle.as_bytes();
    haystack.windows(n.len()).any(|w| w == n)
}

#[test]
fn the_fixture_has_the_committee_note() {
    let title = note_title();
    assert!(title.contains(MARKER), "{title}");
    assert!(read(&fixture().join(NOTE_FILE)).matches(MARKER).count() >= 2);
}

#[test]
fn public_build_has_no_trace_of_the_committee_note_in_any_file() {
    let out = built(false);
    let files = all_files(&out);
    assert!(files.len() > 50, "{} files", files.len());
    let title = note_title();
    // Words only the note has: its marker, title, file stem, and a link in
    // its body.
    let secrets = [
        MARKER,
        "7731",
        title.as_str(),
        "đơn vị cần nhắc nhở",
        NOTE_STEM,
        "noi-bo-ban-chi-dao",
        "noi-bo/bien-ban",
    ];
    let mut kinds = std::collections::BTreeSet::new();
    for (rel, bytes) in &files {
        kinds.insert(rel.rsplit('.').next().unwrap_or("").to_string());
        for s in secrets {
            assert!(!contains(bytes, s), "public {rel} contains {s:?}");
        }
        // Nor escaped in JSON or as HTML entities.
        let escaped = serde_json::to_string(MARKER).unwrap();
        assert!(!contains(bytes, escaped.trim_matches('"')), "{rel}");
    }
    for kind in ["html", "xml", "json", "csv", "txt"] {
        assert!(
            kinds.contains(kind),
            "no .{kind} file was checked: {kinds:?}"
        );
    }
    assert!(!out.join("ghi-chu").join(NOTE_STEM).exists());
    // The page text, entities decoded, has no trace either.
    for (rel, html) in html_pages(&out) {
        let text = page_text(&html);
        assert!(!text.contains(MARKER), "{rel}");
        assert!(
            !text.contains("không công bố"),
            "{rel}: committee banner in public"
        );
        let doc = Html::parse_document(&html);
        let robots: Vec<_> = doc
            .select(&Selector::parse("meta[name=robots]").unwrap())
            .map(|m| m.value().attr("content").unwrap_or("").to_string())
            .collect();
        // A portal's frame (nhung/) is kept out of search engines: that
        // is no committee's noindex, nofollow.
        let frame = rel.starts_with("nhung/") || rel.starts_with("en/nhung/");
        let expected: &[&str] = if frame { &["noindex"] } else { &[] };
        assert_eq!(robots, expected, "{rel}: robots meta on a public page");
    }
    let robots = read(&out.join("robots.txt"));
    assert!(!robots.contains("Disallow: /\n"), "{robots}");
    assert!(out.join("sitemap.xml").is_file());
}

#[test]
fn committee_build_has_the_note_and_is_not_indexed() {
    let out = committee_site();
    let title = note_title();
    let note = read(&out.join("ghi-chu").join(NOTE_STEM).join("index.html"));
    let text = page_text(&note);
    assert!(text.contains(MARKER), "the note page lacks the marker");
    assert!(text.contains(&title), "the note page lacks its title");
    for page in ["index.html", "don-vi/tinh-thu-nghiem/index.html"] {
        assert!(
            page_text(&read(&out.join(page))).contains(MARKER),
            "{page} does not list the committee note"
        );
    }
    let robots_meta = Selector::parse("head meta[name=robots]").unwrap();
    let pages = html_pages(&out);
    assert!(pages.len() > 50, "{} pages", pages.len());
    for (rel, html) in &pages {
        let doc = Html::parse_document(html);
        let metas: Vec<&str> = doc
            .select(&robots_meta)
            .filter_map(|m| m.value().attr("content"))
            .collect();
        assert_eq!(metas, ["noindex, nofollow"], "{rel}: robots meta");
        assert!(
            page_text(html).contains("không công bố"),
            "{rel}: no committee banner"
        );
    }
    let robots = read(&built(true).join("robots.txt"));
    let lines: Vec<&str> = robots.lines().map(str::trim).collect();
    assert!(lines.contains(&"User-agent: *"), "{robots}");
    assert!(lines.contains(&"Disallow: /"), "{robots}");
    assert!(
        !lines
            .iter()
            .any(|l| l.starts_with("Allow") || l.starts_with("Sitemap")),
        "{robots}"
    );
    assert!(
        !out.join("sitemap.xml").exists(),
        "a committee build writes no sitemap"
    );
    let leftovers: Vec<String> = all_files(&built(true))
        .into_iter()
        .map(|(rel, _)| rel)
        .filter(|rel| rel.contains("sitemap"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_committee_build_over_a_public_one_leaves_no_sitemap_behind() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&fixture(), &out, &[]);
    assert!(out.join("sitemap.xml").is_file());
    build(
        &fixture(),
        &out,
        &["--audience", "committee", "--secret-path", SECRET],
    );
    assert!(!out.join("sitemap.xml").exists());
    assert!(out.join(SECRET).join("ghi-chu").join(NOTE_STEM).is_dir());
    // And back: the committee note is gone again.
    build(&fixture(), &out, &[]);
    assert!(!out.join("ghi-chu").join(NOTE_STEM).exists());
    for (rel, bytes) in all_files(&out) {
        assert!(!contains(&bytes, MARKER), "{rel} after a public rebuild");
    }
}
