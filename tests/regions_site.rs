//! A site unlike the example, as a new user would write it: regions (a
//! kind of unit tiendo does not know, named in `site.yaml`), scored on one
//! total percentage with two decimals, and no tasks at all.

mod common;

use common::*;
use scraper::{Html, Selector};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn built() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    build(
        &repo().join("tests/fixtures/regions"),
        &dir.path().join("public"),
        &[],
    );
    dir
}

#[test]
fn the_kind_named_in_site_yaml_heads_rankings_and_unit_pages() {
    let dir = built();
    let public = dir.path().join("public");
    let home_html = read(&public.join("index.html"));
    let home = page_text(&home_html);
    assert!(home.contains("Xếp hạng Vùng kinh tế"), "{home}");
    assert!(
        !home.contains("region"),
        "raw slug on the home page: {home}"
    );
    let doc = Html::parse_document(&home_html);
    let caption: String = doc
        .select(&sel("table.ranking caption"))
        .next()
        .expect("a ranking table")
        .text()
        .collect();
    assert_eq!(caption, "Vùng kinh tế");
    let unit = page_text(&read(&public.join("don-vi/dong-nam-bo/index.html")));
    assert!(unit.contains("Vùng kinh tế – chấm điểm theo"), "{unit}");
    let units = page_text(&read(&public.join("don-vi/index.html")));
    assert!(units.contains("Vùng kinh tế (3)"), "{units}");
    assert!(!units.contains("region"), "{units}");
}

#[test]
fn percentages_keep_the_two_decimals_of_the_data() {
    let dir = built();
    let public = dir.path().join("public");
    let doc = Html::parse_document(&read(&public.join("index.html")));
    let rows: Vec<Vec<String>> = doc
        .select(&sel("table.ranking tbody tr"))
        .map(|tr| {
            tr.select(&sel("td, th"))
                .map(|c| c.text().collect::<String>())
                .collect()
        })
        .collect();
    let shares: Vec<&str> = rows.iter().map(|r| r[3].as_str()).collect();
    assert_eq!(shares, ["85,42%", "85,4%", "78,07%"]);
    // Close units are not tied: ranks 1 and 2.
    let ranks: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ranks, ["1", "2", "3"]);
    let unit = page_text(&read(&public.join("don-vi/dong-bang-song-hong/index.html")));
    assert!(unit.contains("(85,42%)"), "{unit}");
    // The chart of the ranking says the same.
    let chart: String = doc
        .select(&sel("figure#xep-hang-region figcaption"))
        .next()
        .expect("a ranking chart")
        .text()
        .collect();
    assert!(
        chart.contains("85,42%") && chart.contains("78,07%"),
        "{chart}"
    );
}

#[test]
fn sections_with_nothing_to_show_are_left_out() {
    let dir = built();
    let public = dir.path().join("public");
    let home = Html::parse_document(&read(&public.join("index.html")));
    for id in ["trang-thai", "qua-han", "sap-toi"] {
        assert!(
            home.select(&sel(&format!("#{id}"))).next().is_none(),
            "home page has an empty #{id}"
        );
    }
    assert_eq!(home.select(&sel("figure.chart-stacked")).count(), 0);
    // A total with one field has no chart of fields: it would repeat the total.
    assert_eq!(
        home.select(&sel("figure.chart-bars[id^=linh-vuc]")).count(),
        0
    );
    let nav: String = home.select(&sel("nav")).next().unwrap().text().collect();
    assert!(!nav.contains("Thời hạn"), "{nav}");
    for unit in ["dong-bang-song-hong", "dong-nam-bo", "tay-nguyen"] {
        let doc = Html::parse_document(&read(&public.join(format!("don-vi/{unit}/index.html"))));
        assert!(doc.select(&sel("#nhiem-vu")).next().is_none(), "{unit}");
        assert!(doc.select(&sel("table.scores")).next().is_some(), "{unit}");
    }
    let criterion = Html::parse_document(&read(&public.join("tieu-chi/tong/1/index.html")));
    assert!(criterion.select(&sel("#nhiem-vu")).next().is_none());
    let units = page_text(&read(&public.join("don-vi/index.html")));
    assert!(!units.contains("Nhiệm vụ chủ trì"), "{units}");
}

#[test]
fn the_site_builds_without_a_warning() {
    let dir = built();
    let out = build(
        &repo().join("tests/fixtures/regions"),
        &dir.path().join("again"),
        &[],
    );
    let messages = String::from_utf8_lossy(&out.stderr);
    assert!(!messages.contains("cảnh báo"), "{messages}");
}

#[test]
fn a_kind_nothing_names_is_one_warning_with_the_line_to_add() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&repo().join("tests/fixtures/regions"), &content);
    // Take the name away, as a user who never read of `unit_kinds` would.
    let site = read(&content.join("site.yaml"));
    let cut = site.find("unit_kinds:").unwrap();
    std::fs::write(content.join("site.yaml"), &site[..cut]).unwrap();

    for command in ["build", "check"] {
        let mut args = vec![command, "--content", content.to_str().unwrap()];
        let output = dir.path().join("public");
        if command == "build" {
            args.extend(["--output", output.to_str().unwrap()]);
        }
        let out = tiendo(&args);
        let messages = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{messages}");
        // Three units of the kind: one warning, at the first.
        assert_eq!(messages.matches("cảnh báo: ").count(), 1, "{messages}");
        let units = read(&content.join("units.yaml"));
        let first = units
            .lines()
            .position(|l| l.contains("kind: region"))
            .unwrap()
            + 1;
        assert!(
            messages.contains(&format!("cảnh báo: units.yaml:{first}:")),
            "{messages}"
        );
        assert!(
            messages.contains("loại đơn vị `region` chưa có tên"),
            "{messages}"
        );
        // The line to add, under `unit_kinds:`.
        assert!(
            messages.contains("`unit_kinds:`") && messages.contains(r#"`  region: "…"`"#),
            "{messages}"
        );
    }
}
