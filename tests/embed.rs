//! The frameable summaries a portal shows in an `<iframe>` (`nhung/`), and
//! the code to paste on the home and unit pages: on a public site online
//! only, small, with no script, noindex, every link to the top window,
//! never in the sitemap; the code escapes what it names.
//! (tests/browser/embed.mjs frames them from another origin in Chromium.)

mod common;

use common::*;
use scraper::{Html, Selector};

const SECRET: &str = "nhung-cua-ban-chi-dao-thu-nghiem-0123456789";

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn built(content: &std::path::Path, extra: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    build(content, &dir.path().join("public"), extra);
    dir
}

/// The `<iframe>` an editor copies from `page`: its code, as text.
fn code_on(page: &str) -> Option<String> {
    let doc = Html::parse_document(page);
    doc.select(&sel("pre.embed-code"))
        .next()
        .map(|e| e.text().collect())
}

#[test]
fn a_public_site_has_small_summaries_and_the_code_to_frame_them() {
    let dir = built(&example_content(), &[]);
    let public = dir.path().join("public");
    let summaries: Vec<_> = walkdir::WalkDir::new(public.join("nhung"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.is_file())
        .collect();
    // The site's and one a unit.
    let units = std::fs::read_dir(public.join("don-vi"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_dir())
        .count();
    assert_eq!(summaries.len(), units + 1);
    for file in &summaries {
        let html = read(file);
        assert!(
            html.len() < 8 * 1024,
            "{}: {} bytes",
            file.display(),
            html.len()
        );
        let doc = Html::parse_document(&html);
        assert!(
            doc.select(&sel("script, nav, form, iframe"))
                .next()
                .is_none()
        );
        assert!(
            doc.select(&sel("meta[name=robots][content=noindex]"))
                .next()
                .is_some()
        );
        let links: Vec<_> = doc.select(&sel("a")).collect();
        assert!(!links.is_empty());
        assert!(
            links
                .iter()
                .all(|a| a.value().attr("target") == Some("_top"))
        );
    }
    let tan_loi = read(&public.join("nhung/don-vi/tan-loi/index.html"));
    for shown in [
        "UBND xã Tân Lợi",
        "Chưa có điểm",
        "20/11/2023",
        "9 nhiệm vụ",
    ] {
        assert!(page_text(&tan_loi).contains(shown), "{shown}");
    }
    let site = page_text(&read(&public.join("nhung/index.html")));
    assert!(site.contains("7,9/18,5 điểm"), "{site}");
    assert!(!read(&public.join("sitemap.xml")).contains("/nhung/"));

    let code = code_on(&read(&public.join("don-vi/tan-loi/index.html"))).unwrap();
    assert_eq!(
        code,
        "<iframe src=\"https://example.gov.vn/cchc/nhung/don-vi/tan-loi/\" \
         title=\"Tiến độ cải cách hành chính: UBND xã Tân Lợi\" width=\"100%\" \
         height=\"460\" style=\"border:0\" loading=\"lazy\"></iframe>"
    );
    let home = code_on(&read(&public.join("index.html"))).unwrap();
    assert!(home.starts_with("<iframe src=\"https://example.gov.vn/cchc/nhung/\""));
}

#[test]
fn an_offline_copy_and_the_committees_build_have_none() {
    let offline = built(&example_content(), &["--offline"]);
    let public = offline.path().join("public");
    assert!(!public.join("nhung").exists());
    assert!(code_on(&read(&public.join("don-vi/tan-loi/index.html"))).is_none());
    assert!(!read(&public.join("index.html")).contains("Nhúng vào cổng thông tin"));

    let content = tempfile::tempdir().unwrap();
    copy_dir(&example_content(), &content.path().join("content"));
    let committee = built(
        &content.path().join("content"),
        &["--audience", "committee", "--secret-path", SECRET],
    );
    let root = committee.path().join("public").join(SECRET);
    assert!(root.join("index.html").is_file());
    assert!(!root.join("nhung").exists());
    assert!(code_on(&read(&root.join("don-vi/tan-loi/index.html"))).is_none());
}

#[test]
fn the_code_holds_a_name_with_quotes_and_tags_as_text() {
    let dir = built(&repo().join("tests/fixtures/injection"), &[]);
    let public = dir.path().join("public");
    let code = code_on(&read(&public.join("don-vi/xa-mot/index.html"))).unwrap();
    // Pasted into a portal, the code is one frame with these attributes,
    // the unit's name whole inside its title.
    let pasted = Html::parse_fragment(&code);
    let frames: Vec<_> = pasted.select(&sel("iframe")).collect();
    assert_eq!(frames.len(), 1, "{code}");
    let mut attrs: Vec<&str> = frames[0].value().attrs().map(|(k, _)| k).collect();
    attrs.sort_unstable();
    assert_eq!(
        attrs,
        ["height", "loading", "src", "style", "title", "width"]
    );
    assert_eq!(
        frames[0].value().attr("title"),
        Some("Tiến độ cải cách hành chính: Xã \"><img src=x onerror=alert(1)>")
    );
    assert!(pasted.select(&sel("img")).next().is_none());
}

/// The custom properties of the first `:root { … }` after `from` in `css`.
fn colours(css: &str, from: &str) -> Vec<(String, String)> {
    let start = css.find(from).unwrap() + from.len();
    let rest = &css[start..];
    let open = rest.find(":root {").unwrap() + ":root {".len();
    let close = rest[open..].find('}').unwrap();
    rest[open..open + close]
        .split(';')
        .filter_map(|d| d.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .filter(|(k, _)| k.starts_with("--"))
        .collect()
}

#[test]
fn the_summaries_have_the_sites_colours_light_and_dark() {
    let theme = repo().join("themes/default");
    let site = read(&theme.join("static/style.css"));
    let embed = read(&theme.join("templates/embed.html"));
    for scheme in ["", "@media (prefers-color-scheme: dark)"] {
        let of_site = colours(&site, scheme);
        let of_embed = colours(&embed, scheme);
        assert!(of_embed.len() >= 14, "{scheme}: {of_embed:?}");
        for (name, value) in &of_embed {
            let in_site = of_site.iter().find(|(k, _)| k == name).map(|(_, v)| v);
            assert_eq!(in_site, Some(value), "{name} {scheme}");
        }
    }
}
