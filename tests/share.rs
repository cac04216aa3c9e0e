//! Share previews on the example site: every page has og:title,
//! og:description (one sentence), og:url on base_url and the Twitter tags;
//! the home page and every unit page have an og:image that is a valid
//! 1200×630 PNG written by the build, and a unit's sentence gives its
//! score, band and overdue tasks.

mod common;

use std::collections::BTreeMap;

use common::*;
use scraper::{Html, Selector};

const BASE_URL: &str = "https://example.gov.vn/cchc/";

fn meta(doc: &Html, key: &str) -> Vec<String> {
    let selector = Selector::parse(&format!(
        "head meta[property=\"{key}\"], head meta[name=\"{key}\"]"
    ))
    .unwrap();
    doc.select(&selector)
        .filter_map(|m| m.value().attr("content"))
        .map(str::to_string)
        .collect()
}

fn one(doc: &Html, key: &str, rel: &str) -> String {
    let values = meta(doc, key);
    assert_eq!(values.len(), 1, "{rel}: {key} = {values:?}");
    assert!(!values[0].trim().is_empty(), "{rel}: empty {key}");
    values[0].clone()
}

#[test]
fn every_page_has_share_tags_and_home_and_unit_pages_a_1200_by_630_png() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&example_content(), &out, &[]);
    let files: BTreeMap<String, Vec<u8>> = snapshot_dir(&out);
    let canonical = Selector::parse("link[rel=canonical]").unwrap();
    let mut images = 0;
    let mut units = 0;
    // A portal's frame (nhung/) is not shared: it has no share tags.
    let shared = |rel: &str| rel.ends_with(".html") && !rel.starts_with("nhung/");
    for (rel, bytes) in files.iter().filter(|(rel, _)| shared(rel)) {
        let doc = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        let title = one(&doc, "og:title", rel);
        let description = one(&doc, "og:description", rel);
        let url = one(&doc, "og:url", rel);
        // X falls back to the og: tags; twins of them would only add bytes.
        for twin in ["twitter:title", "twitter:description", "twitter:image"] {
            assert!(meta(&doc, twin).is_empty(), "{rel}: {twin} repeats og:");
        }
        assert!(!title.is_empty(), "{rel}");
        // The header closes before the content (a template tag the
        // minifier misread once left every page inside the header).
        let inside = Selector::parse("header main, header footer").unwrap();
        assert!(
            doc.select(&inside).next().is_none(),
            "{rel}: main inside the header"
        );
        assert!(url.starts_with(BASE_URL), "{rel}: og:url {url}");
        let canonical = doc.select(&canonical).next().unwrap();
        assert_eq!(canonical.value().attr("href"), Some(url.as_str()), "{rel}");
        // One sentence: one full stop, at the end.
        assert!(description.ends_with('.'), "{rel}: {description}");
        let is_unit = rel.starts_with("don-vi/") && rel != "don-vi/index.html";
        let wants_image = rel == "index.html" || is_unit;
        let image = meta(&doc, "og:image");
        assert_eq!(image.len(), usize::from(wants_image), "{rel}: {image:?}");
        if let Some(image) = image.first() {
            assert_eq!(one(&doc, "twitter:card", rel), "summary_large_image");
            assert_eq!(one(&doc, "og:image:width", rel), "1200");
            assert_eq!(one(&doc, "og:image:height", rel), "630");
            let path = image.strip_prefix(BASE_URL).expect("og:image on base_url");
            let png = files
                .get(path)
                .unwrap_or_else(|| panic!("{rel}: no file {path}"));
            let reader = png::Decoder::new(std::io::Cursor::new(png.as_slice()))
                .read_info()
                .unwrap_or_else(|e| panic!("{path}: {e}"));
            let mut reader = reader;
            let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
            let frame = reader.next_frame(&mut buffer).unwrap();
            assert_eq!((frame.width, frame.height), (1200, 630), "{path}");
            assert!(png.len() < 150_000, "{path}: {} bytes", png.len());
            images += 1;
        } else {
            assert_eq!(one(&doc, "twitter:card", rel), "summary");
        }
        if is_unit {
            units += 1;
            assert!(
                description.contains("nhiệm vụ quá hạn"),
                "{rel}: {description}"
            );
        }
    }
    assert!(units > 20, "{units} unit pages");
    assert_eq!(images, units + 1);
}

#[test]
fn a_units_sentence_gives_its_score_band_and_overdue_tasks() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&example_content(), &out, &[]);
    let html = read(&out.join("don-vi/hon-quan/index.html"));
    let doc = Html::parse_document(&html);
    let description = one(&doc, "og:description", "hon-quan");
    // The score and band as the page shows them.
    let total = Selector::parse("p.total").unwrap();
    let shown = page_text(&doc.select(&total).next().unwrap().html());
    let band = shown.rsplit("xếp loại").next().unwrap().trim();
    let band = band.split(" –").next().unwrap().trim();
    let points = shown.split(" điểm").next().unwrap().replace(' ', "");
    assert!(
        description.starts_with("Huyện Hớn Quản đạt "),
        "{description}"
    );
    assert!(
        description.contains(&format!("{points} điểm")),
        "{description} / {shown}"
    );
    assert!(
        description.contains(&format!("xếp loại {band}")),
        "{description} / {shown}"
    );
    assert!(description.contains("nhiệm vụ quá hạn"), "{description}");
}
