//! The progress fixture: charts read back against the content, rankings with
//! ties, change since the previous snapshot, frozen snapshot pages.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use common::*;
use scraper::{ElementRef, Html, Selector};

fn fixture() -> std::path::PathBuf {
    repo().join("tests/fixtures/progress")
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Points a score entry counts for, read straight from the YAML.
fn counted(v: &serde_yaml::Value) -> f64 {
    match v {
        serde_yaml::Value::Number(n) => n.as_f64().unwrap(),
        serde_yaml::Value::String(s) => s.replace(',', ".").parse().unwrap(),
        serde_yaml::Value::Mapping(_) => ["points", "appraised", "self"]
            .iter()
            .find_map(|k| v.get(*k).filter(|x| !x.is_null()).map(counted))
            .unwrap(),
        other => panic!("unexpected score {other:?}"),
    }
}

/// Totals per unit per snapshot date, computed from the content files.
fn totals() -> BTreeMap<String, BTreeMap<String, f64>> {
    let mut out: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
    for entry in std::fs::read_dir(fixture().join("scores")).unwrap() {
        let doc = load_yaml(&entry.unwrap().path());
        let date = doc["date"].as_str().unwrap().to_string();
        for us in doc["scores"].as_sequence().unwrap() {
            let unit = us["unit"].as_str().unwrap().to_string();
            let total: f64 = us["points"]
                .as_mapping()
                .unwrap()
                .values()
                .map(counted)
                .sum();
            out.entry(unit).or_default().insert(date.clone(), total);
        }
    }
    out
}

fn max_of(framework: &str) -> f64 {
    fn walk(c: &serde_yaml::Value) -> f64 {
        c.as_sequence()
            .unwrap()
            .iter()
            .map(|c| match c.get("children") {
                Some(ch) if c.get("max").is_none() => walk(ch),
                _ => c["max"].as_f64().unwrap_or_else(|| {
                    c["max"]
                        .as_str()
                        .unwrap()
                        .replace(',', ".")
                        .parse()
                        .unwrap()
                }),
            })
            .sum()
    }
    walk(&load_yaml(&fixture().join(format!("frameworks/{framework}.yaml")))["criteria"])
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.006
}

/// The rows of a chart's table of numbers (its text alternative, where
/// every number the chart draws is written): the row's header and its
/// cells, as text.
fn table_rows(figure: ElementRef) -> Vec<(String, Vec<String>)> {
    figure
        .select(&sel("details table tbody tr"))
        .map(|tr| {
            let head = tr.select(&sel("th")).next().unwrap();
            let cells = tr
                .select(&sel("td"))
                .map(|td| td.text().collect())
                .collect();
            (head.text().collect(), cells)
        })
        .collect()
}

/// A number as the site writes it in Vietnamese (`1.234,5`).
fn vi_number(text: &str) -> f64 {
    text.trim_end_matches('%')
        .replace('.', "")
        .replace(',', ".")
        .parse()
        .unwrap_or_else(|e| panic!("`{text}`: {e}"))
}

/// A date as the site writes it in Vietnamese (`15/03/2024`).
fn vi_date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%d/%m/%Y").unwrap_or_else(|e| panic!("`{text}`: {e}"))
}

/// Each row's header and the first number of its first cell (`12,5` of
/// `12,5/20`).
fn table_values(figure: ElementRef) -> Vec<(String, f64)> {
    table_rows(figure)
        .into_iter()
        .map(|(head, cells)| {
            let value = cells[0].split('/').next().unwrap();
            (head, vi_number(value))
        })
        .collect()
}

fn built(content: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    build(content, &dir.path().join("public"), &[]);
    dir
}

#[test]
fn charts_plot_the_numbers_of_the_content() {
    let dir = built(&fixture());
    let public = dir.path().join("public");
    let totals = totals();

    // History on every unit page: one point per snapshot, the unit's total.
    let mut checked = 0;
    for (unit, by_date) in &totals {
        let doc = Html::parse_document(&read(&public.join(format!("don-vi/{unit}/index.html"))));
        let figure = doc
            .select(&sel("figure.chart-history"))
            .next()
            .unwrap_or_else(|| panic!("{unit}: no history chart"));
        let plotted = table_values(figure);
        assert_eq!(plotted.len(), by_date.len(), "{unit}");
        for ((date, value), (want_date, want)) in plotted.iter().zip(by_date) {
            assert_eq!(vi_date(date).to_string(), *want_date);
            assert!(
                close(*value, *want),
                "{unit} {date}: plotted {value}, content {want}"
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 13);

    // Rankings on the home page: percentages of the latest totals, sorted,
    // ties sharing a rank.
    let home = Html::parse_document(&read(&public.join("index.html")));
    for (kind, framework) in [("department", "so"), ("commune", "xa")] {
        let figure = home
            .select(&sel(&format!("figure#xep-hang-{kind}")))
            .next()
            .unwrap_or_else(|| panic!("no ranking chart for {kind}"));
        let plotted = table_values(figure);
        let max = max_of(framework);
        let mut expected: Vec<(f64, &String)> = totals
            .iter()
            .filter(|(u, _)| unit_framework(u) == framework)
            .map(|(u, d)| (d["2024-05-15"] / max * 100.0, u))
            .collect();
        expected.sort_by(|a, b| b.0.total_cmp(&a.0));
        assert_eq!(plotted.len(), expected.len(), "{kind}");
        for ((_, value), (want, unit)) in plotted.iter().zip(&expected) {
            assert!(
                (value - want).abs() < 0.06,
                "{kind} {unit}: plotted {value}, content {want}"
            );
        }
    }
    let ranking = home
        .select(&sel("table.ranking"))
        .map(|t| t.text().collect::<String>())
        .collect::<Vec<_>>()
        .join("|");
    assert!(
        ranking.contains("2UBND xã Hưng Thịnh")
            && ranking.contains("2Xã Mỹ Lộc")
            && ranking.contains("4"),
        "{ranking}"
    );

    // Status breakdown on the home page: the counts of the fixture's README.
    let status = table_values(home.select(&sel("figure.chart-stacked")).next().unwrap())
        .into_iter()
        .collect::<BTreeMap<_, _>>();
    assert_eq!(status["Tổng"], 50.0);
    assert_eq!(status["Đã hoàn thành"], 13.0);
    assert_eq!(status["Hoàn thành trễ hạn"], 8.0);
    assert_eq!(status["Quá hạn"], 8.0);
    assert_eq!(status["Sắp đến hạn"], 7.0);
    assert_eq!(status["Chưa đến hạn"], 14.0);
}

/// Every task of the fixture after fan-out: (lead, due, done_on), read
/// straight from the YAML.
fn fixture_tasks() -> Vec<(String, Option<NaiveDate>, Option<NaiveDate>)> {
    let date = |v: &serde_yaml::Value| {
        v.as_str().map(|s| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
                .unwrap()
        })
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(fixture().join("tasks")).unwrap() {
        let doc = load_yaml(&entry.unwrap().path());
        for t in doc["tasks"].as_sequence().unwrap() {
            let leads: Vec<String> = match t.get("units") {
                Some(us) => us
                    .as_sequence()
                    .unwrap()
                    .iter()
                    .map(|u| u.as_str().unwrap().to_string())
                    .collect(),
                None => vec![t["lead"].as_str().unwrap().to_string()],
            };
            for lead in leads {
                out.push((lead, date(&t["due"]), t.get("done_on").and_then(date)));
            }
        }
    }
    out
}

/// The (date, due, done) points of the pace chart `id` on a page, read
/// from its table.
fn pace_read_back(html: &str, id: &str) -> Vec<(NaiveDate, usize, usize)> {
    let doc = Html::parse_document(html);
    let figure = doc
        .select(&sel(&format!("figure.chart-pace#{id}")))
        .next()
        .unwrap_or_else(|| panic!("no pace chart #{id}"));
    table_rows(figure)
        .into_iter()
        .map(|(date, cells)| {
            assert_eq!(cells.len(), 2, "{date}: {cells:?}");
            (
                vi_date(&date),
                cells[0].parse().unwrap(),
                cells[1].parse().unwrap(),
            )
        })
        .collect()
}

fn assert_pace_matches(
    plotted: &[(NaiveDate, usize, usize)],
    tasks: &[&(String, Option<NaiveDate>, Option<NaiveDate>)],
    as_of: NaiveDate,
) {
    assert!(plotted.len() > 2, "{plotted:?}");
    assert_eq!(plotted.last().unwrap().0, as_of, "the chart ends at as_of");
    for (date, due, done) in plotted {
        let want_due = tasks
            .iter()
            .filter(|(_, d, _)| d.is_some_and(|d| d <= *date && d <= as_of))
            .count();
        let want_done = tasks
            .iter()
            .filter(|(_, d, on)| d.is_some() && on.is_some_and(|on| on <= *date && on <= as_of))
            .count();
        assert_eq!((*due, *done), (want_due, want_done), "on {date}");
    }
}

#[test]
fn pace_chart_cumulates_the_tasks_of_the_content() {
    let dir = built(&fixture());
    let public = dir.path().join("public");
    let as_of = NaiveDate::from_ymd_opt(2024, 6, 15).unwrap();
    let tasks = fixture_tasks();
    assert_eq!(tasks.len(), 50);

    let home = pace_read_back(&read(&public.join("index.html")), "tien-do-chung");
    let all: Vec<_> = tasks.iter().collect();
    assert_pace_matches(&home, &all, as_of);
    // The fixture's README: 13 done + 8 done late; due by 15/06 are those
    // 21, 8 overdue and kiem-tra-cchc (due on 15/06).
    assert_eq!(home.last().map(|p| (p.1, p.2)), Some((30, 21)));

    let unit = "so-tai-chinh";
    let page = pace_read_back(
        &read(&public.join(format!("don-vi/{unit}/index.html"))),
        "tien-do",
    );
    let led: Vec<_> = tasks.iter().filter(|(lead, _, _)| lead == unit).collect();
    assert_eq!(led.len(), 5);
    assert_pace_matches(&page, &led, as_of);
    assert_eq!(page.last().map(|p| (p.1, p.2)), Some((4, 2)));
}

/// The framework a unit of the fixture is scored on: departments' ids start
/// with `so-` (see the fixture's README).
fn unit_framework(unit: &str) -> &'static str {
    if unit.starts_with("so-") { "so" } else { "xa" }
}

#[test]
fn charts_are_inert_and_described() {
    let dir = built(&fixture());
    let public = dir.path().join("public");
    let mut charts = 0;
    for entry in walkdir::WalkDir::new(&public) {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let doc = Html::parse_document(&read(&path));
        // No script, but the search page's own (the search).
        let scripts = doc.select(&sel("script")).count();
        let search_page = path == public.join("tim-kiem/index.html");
        assert_eq!(scripts, usize::from(search_page), "{}", path.display());
        for figure in doc.select(&sel("figure.chart")) {
            charts += 1;
            let svg = figure.select(&sel("svg")).next().unwrap();
            assert_eq!(svg.value().attr("role"), Some("img"));
            assert!(svg.select(&sel("title")).next().is_some());
            assert!(figure.select(&sel("figcaption")).next().is_some());
            assert!(
                figure.select(&sel("table")).next().is_some(),
                "numbers beside the chart"
            );
            for el in svg.select(&sel("*")) {
                for (name, value) in el.value().attrs() {
                    assert!(
                        !name.starts_with("on"),
                        "event handler in {}",
                        path.display()
                    );
                    assert!(!value.contains("javascript:"));
                }
            }
        }
    }
    assert!(charts > 30, "only {charts} charts");
}

#[test]
fn change_since_the_previous_snapshot_is_shown_in_words() {
    let dir = built(&fixture());
    let public = dir.path().join("public");
    // The words are on the page; the arrow before them is drawn by the
    // stylesheet for `.up` and `.down`, with an empty text alternative.
    let change = |page: &str, class: &str| -> Vec<String> {
        let doc = Html::parse_document(&read(&public.join(page)));
        doc.select(&sel(&format!("span.{class}")))
            .map(|e| e.text().collect::<String>())
            .collect()
    };
    let tan_loi = change("don-vi/tan-loi/index.html", "up");
    assert!(
        tan_loi
            .iter()
            .any(|t| t == "tăng 0,25 điểm so với đợt 15/03/2024"),
        "{tan_loi:?}"
    );
    let tu_phap = change("don-vi/so-tu-phap/index.html", "down");
    assert!(
        tu_phap
            .iter()
            .any(|t| t == "giảm 0,75 điểm so với đợt 15/03/2024"),
        "{tu_phap:?}"
    );
    let css = read(&public.join("assets/style.css"));
    assert!(css.contains(
        r#".up::before, .rows td b::before { content: "\25B2  "; content: "\25B2  " / ""; }"#
    ));
    assert!(css.contains(
        r#".down::before, .rows td b.down::before { content: "\25BC  "; content: "\25BC  " / ""; }"#
    ));
    // In the criteria table, where each of a hundred rows may carry one, a
    // change is a <b> (up) or <b class="down">, with the same words.
    let row_changes = |page: &str| -> Vec<(bool, String)> {
        let doc = Html::parse_document(&read(&public.join(page)));
        doc.select(&sel("table.rows td b"))
            .map(|b| {
                (
                    b.value()
                        .has_class("down", scraper::CaseSensitivity::CaseSensitive),
                    b.text().collect(),
                )
            })
            .collect()
    };
    let tan_loi_rows = row_changes("don-vi/tan-loi/index.html");
    assert!(
        tan_loi_rows.contains(&(false, "tăng 0,25".to_string())),
        "{tan_loi_rows:?}"
    );
    let tu_phap_rows = row_changes("don-vi/so-tu-phap/index.html");
    assert!(
        tu_phap_rows
            .iter()
            .any(|(down, t)| *down && t.starts_with("giảm ")),
        "{tu_phap_rows:?}"
    );
    let home = page_text(&read(&public.join("index.html")));
    assert!(home.contains("tăng 0,25 điểm"));
    let criterion = page_text(&read(&public.join("tieu-chi/xa/2.1/index.html")));
    assert!(criterion.contains("tăng 0,25"), "{criterion}");
}

/// A criterion's legal basis, as the content gives it: on its page, after
/// its other facts, and in each open data file's criteria.
#[test]
fn a_criterion_shows_its_legal_basis_and_the_open_data_carries_it() {
    let dir = built(&fixture());
    let public = dir.path().join("public");
    let basis = [
        "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ",
        "Quyết định số 88/QĐ-UBND ngày 12/01/2024 của UBND tỉnh Thử nghiệm",
    ];
    let page = Html::parse_document(&read(&public.join("tieu-chi/xa/2.1/index.html")));
    let facts: Vec<(String, String)> = page
        .select(&sel("dl.facts > *"))
        .map(|e| (e.value().name().to_string(), e.text().collect()))
        .collect();
    let at = facts
        .iter()
        .position(|(tag, text)| tag == "dt" && text == "Căn cứ")
        .unwrap_or_else(|| panic!("no legal basis among {facts:?}"));
    let documents: Vec<&str> = facts[at + 1..]
        .iter()
        .take_while(|(tag, _)| tag == "dd")
        .map(|(_, text)| text.as_str())
        .collect();
    assert_eq!(documents, basis);
    // A criterion without one shows none.
    let other = read(&public.join("tieu-chi/xa/2.2/index.html"));
    assert!(!other.contains("Căn cứ"), "{other}");

    let csv = read(&public.join("du-lieu/tieu-chi.csv"));
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().ends_with(",ghi_chu,can_cu"));
    let row = lines.find(|l| l.starts_with("xa,2.1,")).unwrap();
    assert!(row.ends_with(&format!(",{}", basis.join("; "))), "{row}");
    let json: serde_json::Value =
        serde_json::from_str(&read(&public.join("du-lieu/tiendo.json"))).unwrap();
    let criteria = json["frameworks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["criteria"].as_array().unwrap());
    let with_basis: Vec<&serde_json::Value> = criteria
        .filter(|c| !c["legal_basis"].as_array().unwrap().is_empty())
        .collect();
    assert_eq!(with_basis.len(), 1);
    assert_eq!(with_basis[0]["code"], "2.1");
    assert_eq!(with_basis[0]["legal_basis"], serde_json::json!(basis));
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(public.join("du-lieu/tiendo.xlsx")).unwrap();
    let sheet = calamine::Reader::worksheet_range(&mut book, "Tiêu chí").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows[0].last().map(String::as_str), Some("Căn cứ"));
    let row = rows.iter().find(|r| r[0] == "xa" && r[1] == "2.1").unwrap();
    assert_eq!(row.last(), Some(&basis.join("; ")));
}

#[test]
fn earlier_snapshot_pages_do_not_change_when_a_new_report_comes() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixture(), &content);
    let first = dir.path().join("first");
    build(&content, &first, &[]);
    let pages =
        ["2024-01-15", "2024-03-15", "2024-05-15"].map(|d| format!("dot-danh-gia/{d}/index.html"));
    let before: Vec<Vec<u8>> = pages
        .iter()
        .map(|p| std::fs::read(first.join(p)).unwrap())
        .collect();

    // A fourth snapshot with changed points, and new tasks.
    let latest = read(&content.join("scores/2024-05-15.yaml"));
    let next = latest
        .replace("date: 2024-05-15", "date: 2024-07-15")
        .replace("\"1.1\": 0.5", "\"1.1\": 1");
    std::fs::write(content.join("scores/2024-07-15.yaml"), next).unwrap();
    std::fs::write(
        content.join("tasks/moi.yaml"),
        "source: \"Kế hoạch bổ sung\"\ntasks:\n  - id: viec-moi\n    title: \"Việc mới\"\n    lead: tan-loi\n    due: 2024-08-01\n",
    )
    .unwrap();
    let second = dir.path().join("second");
    build(&content, &second, &[]);
    assert!(second.join("dot-danh-gia/2024-07-15/index.html").is_file());
    for (page, bytes) in pages.iter().zip(before) {
        assert!(
            std::fs::read(second.join(page)).unwrap() == bytes,
            "{page} changed"
        );
    }
    // The home page did change: it shows the new report.
    assert_ne!(
        std::fs::read(first.join("index.html")).unwrap(),
        std::fs::read(second.join("index.html")).unwrap()
    );
}

#[test]
fn example_home_page_with_its_css_stays_under_60_kb() {
    let dir = tempfile::tempdir().unwrap();
    build(&example_content(), &dir.path().join("public"), &[]);
    let html = std::fs::metadata(dir.path().join("public/index.html"))
        .unwrap()
        .len();
    let css = std::fs::metadata(dir.path().join("public/assets/style.css"))
        .unwrap()
        .len();
    assert!(html + css < 60 * 1024, "home {html} B + css {css} B");
}
