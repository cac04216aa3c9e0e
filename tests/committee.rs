//! The committee's protected build, on a copy of tests/fixtures/progress
//! (its committee note holds the marker "MẬT-NỘI-BỘ-7731" in its title and
//! body): the public build has the marker nowhere; the committee build has
//! it only under its secret folder, which is kept beside the content folder
//! and the same from build to build; sealed with a passphrase, no file of
//! the output holds the marker or the note's title, the note's address is
//! a keyed hash of its slug, and the pages open with the passphrase only;
//! the sealed build's data files and search index open to the unsealed
//! build's bytes. On the example too: the addresses of its committee note.

mod common;

use std::path::{Path, PathBuf};

use base64::Engine as _;
use common::*;
use scraper::{Html, Selector};
use tiendo::committee::Sealer;
use unicode_normalization::UnicodeNormalization;

const MARKER: &str = "MẬT-NỘI-BỘ-7731";
const TITLE: &str = "Ghi chú Ban Chỉ đạo MẬT-NỘI-BỘ-7731: đơn vị cần nhắc nhở";
const NOTE_ROUTE: &str = "ghi-chu/2024-06-14-noi-bo-ban-chi-dao/index.html";
const PASSPHRASE: &str = "mật khẩu của Ban Chỉ đạo năm 2024";

/// A copy of the progress fixture in `tmp/site/content`: the build keeps
/// its secret in `tmp/site/.tiendo/`.
fn site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("site").join("content");
    copy_dir(&repo().join("tests/fixtures/progress"), &content);
    let text = read(&content.join("notes/2024-06-14-noi-bo-ban-chi-dao.md"));
    assert!(text.contains(&format!("title: \"{TITLE}\"")), "{text}");
    (tmp, content)
}

fn secret_file(content: &Path) -> PathBuf {
    content.parent().unwrap().join(".tiendo/committee-secret")
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    let n = needle.as_bytes();
    haystack.windows(n.len()).any(|w| w == n)
}

/// Files of `dir` holding `needle`, as written or in NFD.
fn files_with(dir: &Path, needle: &str) -> Vec<String> {
    let nfd: String = needle.nfd().collect();
    snapshot_dir(dir)
        .into_iter()
        .filter(|(rel, bytes)| {
            contains(bytes, needle) || contains(bytes, &nfd) || rel.contains(needle)
        })
        .map(|(rel, _)| rel)
        .collect()
}

fn committee_build(content: &Path, out: &Path, extra: &[&str]) -> String {
    let mut args = vec!["--audience", "committee"];
    args.extend_from_slice(extra);
    let output = build(content, out, &args);
    String::from_utf8(output.stdout).unwrap().trim().to_string()
}

#[test]
fn the_public_build_has_the_marker_nowhere_and_keeps_no_secret() {
    let (tmp, content) = site();
    let out = tmp.path().join("public");
    build(&content, &out, &[]);
    assert!(snapshot_dir(&out).len() > 50);
    assert_eq!(files_with(&out, MARKER), Vec::<String>::new());
    assert!(
        !secret_file(&content).exists(),
        "a public build made a secret"
    );
}

#[test]
fn the_committee_build_has_the_marker_only_under_its_secret_folder_kept_between_builds() {
    let (tmp, content) = site();
    let first = tmp.path().join("ban-chi-dao");
    let link = committee_build(&content, &first, &[]);
    let secret = read(&secret_file(&content)).trim().to_string();
    assert_eq!(secret.len(), 32, "{secret}");
    assert!(secret.chars().all(|c| c.is_ascii_hexdigit()), "{secret}");
    assert_eq!(link, format!("https://example.gov.vn/tien-do/{secret}/"));

    // Beside the secret folder: robots.txt and a page that says nothing.
    let top: Vec<String> = std::fs::read_dir(&first)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(top, [secret.as_str(), "index.html", "robots.txt"]);
    for file in ["index.html", "robots.txt"] {
        let text = read(&first.join(file));
        assert!(!text.contains(&secret), "{file} names the secret folder");
        assert!(!text.contains(MARKER), "{file}");
    }
    assert!(read(&first.join("robots.txt")).contains("Disallow: /"));

    let with_marker = files_with(&first, MARKER);
    assert!(
        with_marker.contains(&format!("{secret}/{NOTE_ROUTE}")),
        "{with_marker:?}"
    );
    for rel in &with_marker {
        assert!(
            rel.starts_with(&format!("{secret}/")),
            "{rel} is outside the secret folder"
        );
    }

    // Every page: noindex and no referrer; links on the secret folder.
    let robots = Selector::parse("head meta[name=robots]").unwrap();
    let referrer = Selector::parse("head meta[name=referrer]").unwrap();
    let canonical = Selector::parse("link[rel=canonical]").unwrap();
    let pages: Vec<(String, Vec<u8>)> = snapshot_dir(&first)
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".html"))
        .collect();
    assert!(pages.len() > 50);
    for (rel, bytes) in &pages {
        let doc = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        let content_of = |s: &Selector| {
            doc.select(s)
                .filter_map(|m| m.value().attr("content"))
                .collect::<Vec<_>>()
        };
        assert_eq!(content_of(&robots), ["noindex, nofollow"], "{rel}");
        assert_eq!(content_of(&referrer), ["no-referrer"], "{rel}");
        if let Some(link) = doc.select(&canonical).next() {
            let href = link.value().attr("href").unwrap();
            assert!(href.starts_with(&link_prefix(&secret)), "{rel}: {href}");
        }
    }

    // The next build finds the same folder.
    let second = tmp.path().join("lan-hai");
    assert_eq!(committee_build(&content, &second, &[]), link);
    assert!(second.join(&secret).join(NOTE_ROUTE).is_file());
}

fn link_prefix(secret: &str) -> String {
    format!("https://example.gov.vn/tien-do/{secret}/")
}

/// The sealed page's salt, rounds and sealed bytes.
fn sealed_parts(html: &str) -> ([u8; 16], u32, Vec<u8>) {
    let doc = Html::parse_document(html);
    let node = doc
        .select(&Selector::parse("script#trang-khoa").unwrap())
        .next()
        .expect("a sealed page");
    let b64 = base64::engine::general_purpose::STANDARD;
    let salt = b64.decode(node.value().attr("data-salt").unwrap()).unwrap();
    let rounds = node
        .value()
        .attr("data-iterations")
        .unwrap()
        .parse()
        .unwrap();
    let sealed = b64.decode(node.text().collect::<String>().trim()).unwrap();
    (salt.try_into().unwrap(), rounds, sealed)
}

#[test]
fn with_a_passphrase_no_file_holds_committee_text_and_pages_open_with_it_only() {
    let (tmp, content) = site();
    let phrase_file = tmp.path().join("site/.mat-khau");
    std::fs::write(&phrase_file, format!("{PASSPHRASE}\n")).unwrap();
    let out = tmp.path().join("kin");
    let link = committee_build(
        &content,
        &out,
        &["--passphrase-file", phrase_file.to_str().unwrap()],
    );
    let secret = read(&secret_file(&content)).trim().to_string();
    assert_eq!(link, link_prefix(&secret));
    let files = snapshot_dir(&out);
    assert!(files.len() > 50);
    let escaped = serde_json::to_string(TITLE).unwrap();
    for needle in [
        MARKER,
        TITLE,
        "cần nhắc nhở",
        PASSPHRASE,
        escaped.trim_matches('"'),
    ] {
        assert_eq!(files_with(&out, needle), Vec::<String>::new(), "{needle:?}");
    }
    // Every page's title is the same generic one.
    let title = Selector::parse("title").unwrap();
    let mut titles = std::collections::BTreeSet::new();
    for (rel, bytes) in files.iter().filter(|(rel, _)| rel.ends_with(".html")) {
        let doc = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        titles.insert(doc.select(&title).next().map(|t| t.inner_html()));
        if rel.starts_with(&secret) {
            assert!(
                doc.select(&Selector::parse("form#khoa label[for=mat-khau]").unwrap())
                    .next()
                    .is_some(),
                "{rel}"
            );
        }
    }
    assert_eq!(
        titles.len(),
        2,
        "the form's title and the root's: {titles:?}"
    );
    // Data files are sealed too: no header row of the CSV in the clear.
    let csv = &files[&format!("{secret}/du-lieu/don-vi.csv")];
    assert!(!contains(csv, "tinh-thu-nghiem"));

    // The note's page opens with the passphrase, and with no other.
    // Sealed, the note is at its hidden address.
    let slug = NOTE_ROUTE.split('/').nth(1).unwrap();
    let address = tiendo::committee::AddressKey::new(PASSPHRASE, &secret).address(slug);
    assert!(!files.keys().any(|rel| rel.contains(slug)));
    let note = String::from_utf8(files[&format!("{secret}/ghi-chu/{address}/index.html")].clone())
        .unwrap();
    let (salt, rounds, sealed) = sealed_parts(&note);
    assert!(rounds >= 600_000, "{rounds} rounds");
    let sealer = Sealer::with_salt(PASSPHRASE, salt, rounds, [0; 4]);
    let page = String::from_utf8(sealer.open(&sealed).expect("opens")).unwrap();
    assert!(page.contains(MARKER) && page.contains("<title>"), "{page}");
    let wrong = Sealer::with_salt("một mật khẩu sai hẳn", salt, rounds, [0; 4]);
    assert!(wrong.open(&sealed).is_none());
    // One key for the build: the data files open with it as well.
    let json = sealer
        .open(&files[&format!("{secret}/du-lieu/tiendo.json")])
        .expect("the JSON opens");
    assert!(contains(&json, "tinh-thu-nghiem"));
}

#[test]
fn the_passphrase_can_come_from_the_environment() {
    let (tmp, content) = site();
    let out = tmp.path().join("kin");
    let status = build_command(&content, &out)
        .args(["--audience", "committee"])
        .env("TIENDO_PASSPHRASE", PASSPHRASE)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert_eq!(files_with(&out, MARKER), Vec::<String>::new());
}

#[test]
fn bad_secret_paths_and_misplaced_options_are_refused() {
    let (tmp, content) = site();
    let out = tmp.path().join("out");
    for bad in [
        "ngan-qua",
        "../../../../../../../../../../etc",
        "co dau cach o giua va rat dai nua",
    ] {
        let o = build_command(&content, &out)
            .args(["--audience", "committee", "--secret-path", bad])
            .output()
            .unwrap();
        assert!(!o.status.success(), "{bad} accepted");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("--secret-path"), "{err}");
    }
    let o = build_command(&content, &out)
        .args(["--passphrase-file", "khong-co.txt"])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--audience committee"));
    let short = tmp.path().join("ngan.txt");
    std::fs::write(&short, "1234\n").unwrap();
    let o = build_command(&content, &out)
        .args([
            "--audience",
            "committee",
            "--passphrase-file",
            short.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("ngan.txt"));
    assert!(!out.exists(), "a refused build wrote something");
}

/// One word of the theme's Vietnamese words file (`section.key`).
fn word(key: &str) -> String {
    let words: serde_yaml::Value =
        serde_yaml::from_str(&read(&repo().join("themes/default/words/vi.yaml"))).unwrap();
    let (section, name) = key.split_once('.').unwrap();
    words[section][name].as_str().unwrap().to_string()
}

/// A sealed page of `files`, opened with `sealer`.
fn opened_page(
    files: &std::collections::BTreeMap<String, Vec<u8>>,
    rel: &str,
    sealer: &Sealer,
) -> String {
    let (_, _, sealed) = sealed_parts(std::str::from_utf8(&files[rel]).unwrap());
    String::from_utf8(sealer.open(&sealed).expect(rel)).unwrap()
}

#[test]
fn a_sealed_build_opens_to_the_unsealed_builds_data_and_search_and_names_what_it_cannot_hold() {
    let (tmp, content) = site();
    let secret = "bi-mat-de-so-sanh-hai-ban-0123456789abcdef";
    let phrase_file = tmp.path().join("site/.mat-khau");
    std::fs::write(&phrase_file, format!("{PASSPHRASE}\n")).unwrap();
    let (sealed_dir, plain_dir) = (tmp.path().join("kin"), tmp.path().join("mo"));
    let phrase = phrase_file.to_str().unwrap();
    committee_build(
        &content,
        &sealed_dir,
        &["--secret-path", secret, "--passphrase-file", phrase],
    );
    committee_build(&content, &plain_dir, &["--secret-path", secret]);
    let (sealed, plain) = (snapshot_dir(&sealed_dir), snapshot_dir(&plain_dir));
    let home = format!("{secret}/index.html");
    let (salt, rounds, _) = sealed_parts(std::str::from_utf8(&sealed[&home]).unwrap());
    let sealer = Sealer::with_salt(PASSPHRASE, salt, rounds, [0; 4]);

    // Every data file opens to the unsealed build's bytes; every file of
    // the search index is a script handing its sealed bytes to the page,
    // which open to the unsealed build's script, the note's link at its
    // hidden address.
    let b64 = base64::engine::general_purpose::STANDARD;
    let slug = NOTE_ROUTE.split('/').nth(1).unwrap();
    let hidden: Vec<&str> = sealed
        .keys()
        .filter_map(|rel| rel.strip_prefix(&format!("{secret}/ghi-chu/")))
        .filter_map(|rel| rel.strip_suffix("/index.html"))
        .filter(|id| !plain.contains_key(&format!("{secret}/ghi-chu/{id}/index.html")))
        .collect();
    assert_eq!(hidden.len(), 1, "{hidden:?}");
    let moved = |bytes: &[u8]| {
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        text.replace(
            &format!("ghi-chu/{slug}/"),
            &format!("ghi-chu/{}/", hidden[0]),
        )
    };
    let (mut data, mut index) = (0, 0);
    for (rel, bytes) in &plain {
        let Some(got) = sealed.get(rel) else { continue };
        if rel.starts_with(&format!("{secret}/du-lieu/")) && !rel.ends_with(".html") {
            assert_ne!(got, bytes, "{rel} is in the clear");
            assert_eq!(sealer.open(got).as_ref(), Some(bytes), "{rel}");
            data += 1;
        } else if rel.starts_with(&format!("{secret}/tim-kiem/chi-muc/")) {
            let text = std::str::from_utf8(got).unwrap();
            let inner = text
                .strip_prefix("tiendoSealed(\"")
                .and_then(|t| t.strip_suffix("\");\n"))
                .unwrap_or_else(|| panic!("{rel}: {text}"));
            let opened = sealer.open(&b64.decode(inner).unwrap()).expect(rel);
            assert_eq!(String::from_utf8(opened).unwrap(), moved(bytes), "{rel}");
            index += 1;
        }
    }
    assert!(
        data >= 5 && index >= 3,
        "{data} data files, {index} index files"
    );

    // The feed: linked from the unsealed build; in the sealed one, where
    // its links were, the words that say why a feed reader cannot have it.
    let feed = "feed.xml";
    for rel in [format!("{secret}/du-lieu/index.html"), home.clone()] {
        assert!(contains(&plain[&rel], feed), "{rel}");
        let page = opened_page(&sealed, &rel, &sealer);
        assert!(
            !page.contains(feed) && !page.contains("application/atom+xml"),
            "{rel}: {page}"
        );
        assert!(page.contains(&word("site.feed_sealed")), "{rel}");
    }
    let data_page = opened_page(&sealed, &format!("{secret}/du-lieu/index.html"), &sealer);
    assert!(data_page.contains(&word("data.feed_sealed")), "{data_page}");
    // A chat app fetching a sealed link: the protected page's words, no
    // picture (none is made).
    let locked = std::str::from_utf8(&sealed[&home]).unwrap();
    assert!(locked.contains(&word("locked.share")), "{locked}");
    assert!(!locked.contains("og:image"));
    assert!(!sealed.keys().any(|rel| rel.ends_with(".png")));
}

/// A committee build of `content` into `out` under `secret`, sealed with
/// `phrase` (from the environment): its files.
fn sealed_files(
    content: &Path,
    out: &Path,
    secret: &str,
    phrase: &str,
) -> std::collections::BTreeMap<String, Vec<u8>> {
    let o = build_command(content, out)
        .args(["--audience", "committee", "--secret-path", secret])
        .env("TIENDO_PASSPHRASE", phrase)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    snapshot_dir(out)
}

/// Every file of a sealed build that opens with `sealer`, opened (pages,
/// data files, the search index's scripts), as text.
fn opened_text(files: &std::collections::BTreeMap<String, Vec<u8>>, sealer: &Sealer) -> String {
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut all = String::new();
    for (rel, bytes) in files {
        let text = String::from_utf8_lossy(bytes);
        let plain = if rel.ends_with(".html") && text.contains("id=\"trang-khoa\"") {
            sealer.open(&sealed_parts(&text).2)
        } else if let Some(inner) = text.strip_prefix("tiendoSealed(\"") {
            sealer.open(
                &b64.decode(inner.trim_end().trim_end_matches("\");"))
                    .unwrap(),
            )
        } else {
            sealer.open(bytes)
        };
        if let Some(plain) = plain {
            all.push_str(&String::from_utf8_lossy(&plain));
        }
    }
    all
}

#[test]
fn a_sealed_build_hides_the_addresses_of_committee_notes_behind_the_passphrase() {
    const NOTE: &str = "2023-11-14-ghi-chu-noi-bo";
    let content = example_content();
    let note = read(&content.join(format!("notes/{NOTE}.md")));
    assert!(note.contains("audience: committee"), "{note}");
    let title = note
        .lines()
        .find_map(|l| l.strip_prefix("title: "))
        .unwrap()
        .trim_matches('"');
    let title_words: Vec<String> = tiendo::slug::slugify(title)
        .split('-')
        .map(str::to_string)
        .collect();
    assert!(title_words.len() > 5, "{title_words:?}");

    let tmp = tempfile::tempdir().unwrap();
    let secret = "bi-mat-cho-dia-chi-an-0123456789abcdef";
    let public_dir = tmp.path().join("cong-khai");
    build(&content, &public_dir, &[]);
    let public = snapshot_dir(&public_dir);
    let first = sealed_files(&content, &tmp.path().join("kin-1"), secret, PASSPHRASE);
    let address = tiendo::committee::AddressKey::new(PASSPHRASE, secret).address(NOTE);
    let note_page = format!("{secret}/ghi-chu/{address}/index.html");
    assert!(first.contains_key(&note_page), "{:?}", first.keys());

    // Under the secret folder, what the public build also has keeps its
    // address; the rest is the note's hidden address or the search index's
    // numbered files. No file or folder name holds the note's slug, and
    // the names the public build lacks hold no word of its title.
    let hex = |s: &str| s.len() == 32 && s.chars().all(|c| c.is_ascii_hexdigit());
    for rel in first.keys() {
        assert!(!rel.contains(NOTE), "{rel}");
        let Some(inner) = rel.strip_prefix(&format!("{secret}/")) else {
            assert!(
                ["index.html", "robots.txt"].contains(&rel.as_str()),
                "{rel}"
            );
            continue;
        };
        if public.contains_key(inner) {
            continue;
        }
        let hidden = inner
            .strip_prefix("ghi-chu/")
            .and_then(|r| r.strip_suffix("/index.html"))
            .is_some_and(hex);
        let numbered = inner
            .strip_prefix("tim-kiem/chi-muc/")
            .and_then(|r| r.strip_suffix(".js"))
            .is_some_and(|n| n.len() > 1 && n[1..].chars().all(|c| c.is_ascii_digit()));
        assert!(hidden || numbered, "{rel} is neither public nor hidden");
        let name = inner.rsplit('/').nth(usize::from(hidden)).unwrap();
        for word in &title_words {
            assert!(!name.contains(word.as_str()), "{rel} holds `{word}`");
        }
    }

    // Links, the search index and the feed name the hidden address only.
    let home = std::str::from_utf8(&first[&format!("{secret}/index.html")]).unwrap();
    let (salt, rounds, _) = sealed_parts(home);
    let sealer = Sealer::with_salt(PASSPHRASE, salt, rounds, [0; 4]);
    let home_page = opened_page(&first, &format!("{secret}/index.html"), &sealer);
    assert!(
        home_page.contains(&format!("ghi-chu/{address}/")),
        "{home_page}"
    );
    let opened = opened_text(&first, &sealer);
    for needle in [
        // The search index's document, and the feed's entry.
        format!("\"ghi-chu/{address}/\""),
        format!("{secret}/ghi-chu/{address}/</id>"),
    ] {
        assert!(opened.contains(&needle), "no {needle}");
    }
    assert!(!opened.contains(NOTE));
    assert!(!first.keys().any(|rel| rel.ends_with("sitemap.xml")));

    // The same passphrase gives the same addresses (another one gives
    // another: the unit tests of `AddressKey`).
    let again = sealed_files(&content, &tmp.path().join("kin-2"), secret, PASSPHRASE);
    assert!(first.keys().eq(again.keys()));

    // Without a passphrase the address stays readable.
    let open_dir = tmp.path().join("mo");
    committee_build(&content, &open_dir, &["--secret-path", secret]);
    assert!(
        open_dir
            .join(format!("{secret}/ghi-chu/{NOTE}/index.html"))
            .is_file()
    );
}
