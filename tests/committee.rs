//! The committee's protected build, on a copy of tests/fixtures/progress
//! (its committee note holds the marker "MẬT-NỘI-BỘ-7731" in its title and
//! body): the public build has the marker nowhere; the committee build has
//! it only under its secret folder, which is kept beside the content folder
//! and the same from build to build; sealed with a passphrase, no file of
//! the output holds the marker or the note's title, the note's address is
//! hidden, and the pages open with the passphrase only. On the example,
//! built sealed and unsealed: the committee note's address is a keyed hash
//! of its slug, the same from build to build, that every link follows; the
//! sealed data files and search index open to the unsealed build's bytes;
//! the feed and the share picture say why they are not there.

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
    // Sealed, the note is at its hidden address (a keyed hash of its slug:
    // see the example's test below), the only one of 32 hex digits.
    let slug = NOTE_ROUTE.split('/').nth(1).unwrap();
    assert!(!files.keys().any(|rel| rel.contains(slug)));
    let hidden = hidden_notes(&files, &secret);
    assert_eq!(hidden.len(), 1, "{hidden:?}");
    let note = String::from_utf8(files[&hidden[0]].clone()).unwrap();
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

type Files = std::collections::BTreeMap<String, Vec<u8>>;

/// The pages of a sealed build at a hidden address: a 32-hex-digit folder
/// of `ghi-chu/`.
fn hidden_notes(files: &Files, secret: &str) -> Vec<String> {
    let hex = |s: &str| s.len() == 32 && s.chars().all(|c| c.is_ascii_hexdigit());
    files
        .keys()
        .filter(|rel| {
            rel.strip_prefix(&format!("{secret}/ghi-chu/"))
                .and_then(|r| r.strip_suffix("/index.html"))
                .is_some_and(hex)
        })
        .cloned()
        .collect()
}

/// One word of the theme's Vietnamese words file (`section.key`).
fn word(key: &str) -> String {
    let words: serde_yaml::Value =
        serde_yaml::from_str(&read(&repo().join("themes/default/words/vi.yaml"))).unwrap();
    let (section, name) = key.split_once('.').unwrap();
    words[section][name].as_str().unwrap().to_string()
}

/// A sealed page of `files`, opened with `sealer`.
fn opened_page(files: &Files, rel: &str, sealer: &Sealer) -> String {
    let (_, _, sealed) = sealed_parts(std::str::from_utf8(&files[rel]).unwrap());
    String::from_utf8(sealer.open(&sealed).expect(rel)).unwrap()
}

/// A file of the search index as a sealed build writes it: a script handing
/// its sealed bytes to the page's `tiendoSealed`; the bytes, opened.
fn opened_script(rel: &str, bytes: &[u8], sealer: &Sealer) -> Vec<u8> {
    let text = std::str::from_utf8(bytes).unwrap();
    let inner = text
        .strip_prefix("tiendoSealed(\"")
        .and_then(|t| t.strip_suffix("\");\n"))
        .unwrap_or_else(|| panic!("{rel}: {text}"));
    let b64 = base64::engine::general_purpose::STANDARD;
    sealer.open(&b64.decode(inner).unwrap()).expect(rel)
}

/// A committee build of `content` into `out` under `secret`, sealed with
/// `phrase` (from the environment): its files.
fn sealed_files(content: &Path, out: &Path, secret: &str, phrase: &str) -> Files {
    let o = build_command(content, out)
        .args(["--audience", "committee", "--secret-path", secret])
        .env("TIENDO_PASSPHRASE", phrase)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    snapshot_dir(out)
}

/// Under the secret folder of `sealed`, what `public` also has keeps its
/// address; the rest is a hidden note or a numbered file of the search
/// index. No file or folder name holds `slug`, and the names the public
/// build lacks hold no word of `title`.
fn check_names(sealed: &Files, public: &Files, secret: &str, slug: &str, title: &str) {
    let title_words: Vec<String> = tiendo::slug::slugify(title)
        .split('-')
        .map(str::to_string)
        .collect();
    assert!(title_words.len() > 5, "{title_words:?}");
    let hidden = hidden_notes(sealed, secret);
    for rel in sealed.keys() {
        assert!(!rel.contains(slug), "{rel}");
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
        let numbered = inner
            .strip_prefix("tim-kiem/chi-muc/")
            .and_then(|r| r.strip_suffix(".js"))
            .is_some_and(|n| n.len() > 1 && n[1..].chars().all(|c| c.is_ascii_digit()));
        let is_hidden = hidden.contains(rel);
        assert!(is_hidden || numbered, "{rel} is neither public nor hidden");
        let name = inner.rsplit('/').nth(usize::from(is_hidden)).unwrap();
        for word in &title_words {
            assert!(!name.contains(word.as_str()), "{rel} holds `{word}`");
        }
    }
}

/// Every data file of `sealed` opens to the bytes of `plain`'s; every file
/// of its search index is a script whose sealed bytes open to `plain`'s
/// script, with the note's link at its hidden address.
fn check_opens_to(
    sealed: &Files,
    plain: &Files,
    sealer: &Sealer,
    secret: &str,
    moved: (&str, &str),
) {
    let (mut data, mut index) = (0, 0);
    for (rel, bytes) in plain {
        let Some(got) = sealed.get(rel) else { continue };
        if rel.starts_with(&format!("{secret}/du-lieu/")) && !rel.ends_with(".html") {
            assert_ne!(got, bytes, "{rel} is in the clear");
            assert_eq!(sealer.open(got).as_ref(), Some(bytes), "{rel}");
            data += 1;
        } else if rel.starts_with(&format!("{secret}/tim-kiem/chi-muc/")) {
            let opened = String::from_utf8(opened_script(rel, got, sealer)).unwrap();
            let want = String::from_utf8(bytes.clone()).unwrap().replace(
                &format!("ghi-chu/{}/", moved.0),
                &format!("ghi-chu/{}/", moved.1),
            );
            assert_eq!(opened, want, "{rel}");
            index += 1;
        }
    }
    assert!(
        data >= 5 && index >= 3,
        "{data} data files, {index} index files"
    );
}

/// The feed: linked from `plain`'s pages; in `sealed`'s, where its links
/// were, the words that say why a feed reader cannot have it. A chat app
/// fetching a sealed link gets the protected page's words and no picture.
fn check_what_cannot_be_sealed(sealed: &Files, plain: &Files, sealer: &Sealer, secret: &str) {
    let home = format!("{secret}/index.html");
    let data = format!("{secret}/du-lieu/index.html");
    for rel in [&data, &home] {
        assert!(contains(&plain[rel], "feed.xml"), "{rel}");
        let page = opened_page(sealed, rel, sealer);
        assert!(
            !page.contains("feed.xml") && !page.contains("application/atom+xml"),
            "{rel}: {page}"
        );
        assert!(page.contains(&word("site.feed_sealed")), "{rel}");
    }
    let data_page = opened_page(sealed, &data, sealer);
    assert!(data_page.contains(&word("data.feed_sealed")), "{data_page}");
    let locked = std::str::from_utf8(&sealed[&home]).unwrap();
    assert!(locked.contains(&word("locked.share")), "{locked}");
    assert!(!locked.contains("og:image"));
    assert!(!sealed.keys().any(|rel| rel.ends_with(".png")));
}

/// What a sealed page's script is told of its build, from which it tells
/// the build's sealed files from any other address: `data-root` leads from
/// the page to the secret folder (relative, as the page's links; from the
/// base path on the 404 page, sent for any address); `data-plain` names
/// the files there in the clear, and every other file under it that is no
/// page is sealed (opens with the key) or a script of the search index.
/// The form carries what to say when a data file cannot be read from disk.
fn check_what_the_script_knows(sealed: &Files, plain: &Files, sealer: &Sealer, secret: &str) {
    let script = Selector::parse("script#trang-khoa").unwrap();
    let form = Selector::parse("form#khoa").unwrap();
    let local = word("locked.local");
    assert!(local.contains("https://"), "{local}");
    let mut listed = None;
    for (rel, bytes) in sealed {
        let Some(inner) = rel.strip_prefix(&format!("{secret}/")) else {
            continue;
        };
        if !rel.ends_with(".html") {
            continue;
        }
        let doc = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        let said = doc
            .select(&form)
            .next()
            .expect(rel)
            .value()
            .attr("data-local");
        assert_eq!(said, Some(local.as_str()), "{rel}");
        let node = doc.select(&script).next().expect(rel).value();
        let root = node.attr("data-root").expect(rel);
        if inner == "404.html" {
            assert_eq!(root, format!("/cchc/{secret}/"), "{rel}");
        } else {
            // The page's folder, then up as many times as the root says.
            let depth = inner.matches('/').count();
            let want = if depth == 0 {
                "./".to_string()
            } else {
                "../".repeat(depth)
            };
            assert_eq!(root, want, "{rel}");
        }
        let here = node.attr("data-plain").expect(rel).to_string();
        assert_eq!(listed.get_or_insert_with(|| here.clone()), &here, "{rel}");
    }
    let listed = listed.expect("sealed pages");
    // Written in a URL as they are: the script compares them undecoded.
    assert!(
        listed
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-./ ".contains(c)),
        "{listed}"
    );
    let mut clear = 0;
    for name in listed.split(' ') {
        if let Some(bytes) = sealed.get(&format!("{secret}/{name}")) {
            assert_eq!(
                Some(bytes),
                plain.get(&format!("{secret}/{name}")),
                "{name}"
            );
            clear += 1;
        }
    }
    assert!(clear >= 3, "{listed}");
    for (rel, bytes) in sealed {
        let Some(inner) = rel.strip_prefix(&format!("{secret}/")) else {
            continue;
        };
        if rel.ends_with(".html") || listed.split(' ').any(|n| n == inner) {
            continue;
        }
        if inner.starts_with("tim-kiem/chi-muc/") {
            opened_script(rel, bytes, sealer);
        } else {
            assert!(sealer.open(bytes).is_some(), "{rel} is not sealed");
        }
    }
}

/// The example built public, for the committee unsealed, and sealed twice
/// with the same passphrase, under one secret folder.
#[test]
fn the_example_sealed_hides_its_note_and_opens_to_the_unsealed_build() {
    const NOTE: &str = "2023-11-14-ghi-chu-noi-bo";
    let content = example_content();
    let note = read(&content.join(format!("notes/{NOTE}.md")));
    assert!(note.contains("audience: committee"), "{note}");
    let title = note
        .lines()
        .find_map(|l| l.strip_prefix("title: "))
        .unwrap()
        .trim_matches('"');
    let tmp = tempfile::tempdir().unwrap();
    let secret = "bi-mat-cho-dia-chi-an-0123456789abcdef";
    let public_dir = tmp.path().join("cong-khai");
    build(&content, &public_dir, &[]);
    let public = snapshot_dir(&public_dir);
    let plain_dir = tmp.path().join("mo");
    committee_build(&content, &plain_dir, &["--secret-path", secret]);
    let plain = snapshot_dir(&plain_dir);
    let sealed = sealed_files(&content, &tmp.path().join("kin-1"), secret, PASSPHRASE);

    // The note is at the keyed hash of its slug; no name gives it away.
    let address = tiendo::committee::AddressKey::new(PASSPHRASE, secret).address(NOTE);
    let note_page = format!("{secret}/ghi-chu/{address}/index.html");
    assert_eq!(hidden_notes(&sealed, secret), [note_page]);
    check_names(&sealed, &public, secret, NOTE, title);
    // Without a passphrase the address stays readable.
    assert!(plain.contains_key(&format!("{secret}/ghi-chu/{NOTE}/index.html")));

    // Links, the search index and the feed name the hidden address only;
    // data and search open to the unsealed build's bytes.
    let home = format!("{secret}/index.html");
    let (salt, rounds, _) = sealed_parts(std::str::from_utf8(&sealed[&home]).unwrap());
    let sealer = Sealer::with_salt(PASSPHRASE, salt, rounds, [0; 4]);
    let home_page = opened_page(&sealed, &home, &sealer);
    assert!(
        home_page.contains(&format!("ghi-chu/{address}/")),
        "{home_page}"
    );
    assert!(!home_page.contains(NOTE));
    let feed = sealer.open(&sealed[&format!("{secret}/feed.xml")]).unwrap();
    let feed = String::from_utf8(feed).unwrap();
    assert!(
        feed.contains(&format!("{secret}/ghi-chu/{address}/</id>")),
        "{feed}"
    );
    assert!(!feed.contains(NOTE));
    assert!(!sealed.keys().any(|rel| rel.ends_with("sitemap.xml")));
    check_opens_to(&sealed, &plain, &sealer, secret, (NOTE, &address));
    check_what_cannot_be_sealed(&sealed, &plain, &sealer, secret);
    check_what_the_script_knows(&sealed, &plain, &sealer, secret);

    // The same passphrase gives the same addresses (another one gives
    // another: the unit tests of `AddressKey`).
    let again = sealed_files(&content, &tmp.path().join("kin-2"), secret, PASSPHRASE);
    assert!(sealed.keys().eq(again.keys()));
}
