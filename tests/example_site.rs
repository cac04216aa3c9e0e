//! The example site (the Hớn Quản 2023 letter), built the way a user builds it.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;
use scraper::{Html, Selector};

fn built(extra: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    build(&example_content(), &dir.path().join("public"), extra);
    dir
}

fn html_files(root: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect()
}

#[test]
fn writes_home_units_criteria_and_timeline() {
    let dir = built(&[]);
    let public = dir.path().join("public");
    assert!(public.join("index.html").is_file());
    assert!(public.join("thoi-han/index.html").is_file());
    let units = std::fs::read_dir(public.join("don-vi"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().join("index.html").is_file())
        .count();
    assert!(units >= 20, "only {units} unit pages");
    for code in [
        "1.1.2", "1.2", "1.5.2", "3.3.3", "3.4.3", "7.2.5", "7.3.3", "7.3.5", "7.3.6", "8.1.2",
        "8.1.3", "8.2", "8.3", "8.4",
    ] {
        let page = public.join(format!("tieu-chi/district/{code}/index.html"));
        assert!(page.is_file(), "no page for criterion {code}");
    }
}

/// Every href and src of every page (but the 404 page) is relative and
/// leads to a file that exists, with its fragment; returns how many were
/// checked. `offline`: no link to a folder, each names its index.html.
fn check_links(public: &Path, offline: bool) -> usize {
    let selector = Selector::parse("[href], [src]").unwrap();
    let ids = Selector::parse("[id]").unwrap();
    let mut checked = 0;
    let mut broken = BTreeSet::new();
    for file in html_files(public) {
        if file == public.join("404.html") {
            continue; // shown at any address: links on base_url (see below)
        }
        let doc = Html::parse_document(&read(&file));
        for el in doc.select(&selector) {
            let link = el.value().attr("href").or(el.value().attr("src")).unwrap();
            if el.value().attr("rel") == Some("canonical") {
                assert!(link.starts_with("https://example.gov.vn/cchc/"), "{link}");
                continue;
            }
            // A calendar to subscribe to is named by its address online.
            if let Some(calendar) = link.strip_prefix("webcal://") {
                assert!(calendar.starts_with("example.gov.vn/cchc/"), "{link}");
                assert!(calendar.ends_with("/lich.ics"), "{link}");
                continue;
            }
            checked += 1;
            let Some((target, fragment)) = resolve_link(public, &file, link) else {
                broken.insert(format!("{}: {link} is not relative", file.display()));
                continue;
            };
            let folder = link.split('#').next().unwrap().ends_with('/');
            if offline && folder {
                broken.insert(format!("{}: {link} names no file", file.display()));
            }
            if !target.is_file() {
                broken.insert(format!("{}: {link}", file.display()));
                continue;
            }
            if !fragment.is_empty() && target.extension().is_some_and(|e| e == "html") {
                let has = Html::parse_document(&read(&target))
                    .select(&ids)
                    .any(|e| e.value().attr("id") == Some(fragment.as_str()));
                if !has {
                    broken.insert(format!("{}: {link} (no #{fragment})", file.display()));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "broken links:\n{}",
        broken.into_iter().collect::<Vec<_>>().join("\n")
    );
    checked
}

#[test]
fn every_internal_link_is_relative_and_resolves() {
    let dir = built(&[]);
    let public = dir.path().join("public");
    let checked = check_links(&public, false);
    assert!(checked > 500, "only {checked} links checked");
    // The 404 page is sent for any missing address, at any depth: its
    // links start at the path of base_url (canonical and feed: on base_url).
    let doc = Html::parse_document(&read(&public.join("404.html")));
    let links: Vec<&str> = doc
        .select(&Selector::parse("[href], [src]").unwrap())
        .filter_map(|e| e.value().attr("href").or(e.value().attr("src")))
        .filter(|l| !l.starts_with('#'))
        .collect();
    assert!(links.len() > 5, "{links:?}");
    assert!(links.contains(&"/cchc/assets/style.css"), "{links:?}");
    for link in links {
        assert!(
            link.starts_with("/cchc/") || link.starts_with("https://example.gov.vn/cchc/"),
            "404.html: {link}"
        );
    }
}

/// `--offline`: a copy to open from the file system, where no server turns
/// a folder into its index.html.
#[test]
fn the_offline_copy_links_name_their_files() {
    let dir = built(&["--offline"]);
    let public = dir.path().join("public");
    let checked = check_links(&public, true);
    assert!(checked > 500, "only {checked} links checked");
    let not_found = read(&public.join("404.html"));
    assert!(!not_found.contains("href=\"https://example.gov.vn/cchc/assets"));
    // The canonical URL, the sitemap and the feed stay on base_url.
    let home = Html::parse_document(&read(&public.join("index.html")));
    let canonical = home
        .select(&Selector::parse("link[rel=canonical]").unwrap())
        .next()
        .and_then(|l| l.value().attr("href"));
    assert_eq!(canonical, Some("https://example.gov.vn/cchc/"));
    let sitemap = read(&public.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://example.gov.vn/cchc/don-vi/tan-loi/</loc>"));
    let feed = read(&public.join("feed.xml"));
    assert!(
        feed.contains("https://example.gov.vn/cchc/ghi-chu/"),
        "{feed}"
    );
}

/// Each number and date of the letter, read from content/, stands on the
/// site the way Vietnamese readers write it.
#[test]
fn every_fact_of_the_letter_is_on_the_site() {
    let dir = built(&[]);
    let public = dir.path().join("public");
    let content = example_content();

    // Scores: "1,4/2" on the district's page and on the criterion's page.
    let framework = load_yaml(&content.join("frameworks/district.yaml"));
    let mut max_of = std::collections::BTreeMap::new();
    fn walk(c: &serde_yaml::Value, out: &mut std::collections::BTreeMap<String, f64>) {
        for c in c.as_sequence().unwrap() {
            let code = c["code"].as_str().unwrap().to_string();
            if let Some(m) = c["max"].as_f64() {
                out.insert(code, m);
            }
            if let Some(ch) = c.get("children") {
                walk(ch, out);
            }
        }
    }
    walk(&framework["criteria"], &mut max_of);
    let scores = load_yaml(&content.join("scores/2023-11-01.yaml"));
    let unit_page = page_text(&read(&public.join("don-vi/hon-quan/index.html")));
    let mut n = 0;
    for entry in scores["scores"].as_sequence().unwrap() {
        for (code, value) in entry["points"].as_mapping().unwrap() {
            let code = code.as_str().unwrap();
            let points = value.as_f64().or_else(|| value["points"].as_f64()).unwrap();
            let expected = format!("{}/{}", vi(points), vi(max_of[code]));
            assert!(
                unit_page.contains(&expected),
                "{code}: {expected} missing on the unit page"
            );
            let crit = page_text(&read(
                &public.join(format!("tieu-chi/district/{code}/index.html")),
            ));
            assert!(
                crit.contains(&expected),
                "{code}: {expected} missing on its page"
            );
            assert!(crit.contains(code));
            n += 1;
        }
    }
    assert_eq!(n, 13, "the letter gives 13 scores");

    // Due dates, as dd/mm/yyyy on the timeline.
    let timeline = page_text(&read(&public.join("thoi-han/index.html")));
    let tasks = read(&content.join("tasks/cv-ra-soat-cchc-2023.yaml"));
    let mut dates = BTreeSet::new();
    for line in tasks.lines() {
        if let Some(d) = line.trim().strip_prefix("due: ") {
            let (y, rest) = d.split_once('-').unwrap();
            let (m, day) = rest.split_once('-').unwrap();
            dates.insert(format!("{day}/{m}/{y}"));
        }
    }
    for d in [
        "07/11/2023",
        "13/11/2023",
        "15/11/2023",
        "20/11/2023",
        "22/11/2023",
        "30/11/2023",
    ] {
        assert!(dates.contains(d), "content has no deadline {d}");
    }
    for d in &dates {
        assert!(
            timeline.contains(d.as_str()),
            "deadline {d} missing on the timeline"
        );
    }
    assert!(timeline.contains("cuối tháng 11/2023"));

    // Criterion codes on the criteria index; every commune by name.
    let criteria = page_text(&read(&public.join("tieu-chi/index.html")));
    for code in max_of.keys() {
        assert!(criteria.contains(code.as_str()), "criterion {code} missing");
    }
    let units = page_text(&read(&public.join("don-vi/index.html")));
    for commune in [
        "An Khương",
        "An Phú",
        "Phước An",
        "Tân Lợi",
        "Đồng Nơ",
        "Minh Tâm",
        "Thanh An",
        "Tân Hiệp",
        "Tân Khai",
        "Minh Đức",
        "Tân Quan",
        "Thanh Bình",
        "Tân Hưng",
    ] {
        assert!(units.contains(commune), "{commune} missing");
    }
    // The escalation under Quyết định 212 and the legal bases.
    let directive = page_text(&read(
        &public.join("van-ban/cv-ra-soat-cchc-2023/index.html"),
    ));
    for basis in [
        "1492/QĐ-UBND",
        "1297/QĐ-UBND",
        "2353/UBND-NC",
        "1240/BC-PNV",
        "1250/TTr-PNV",
        "212/QĐ-UBND",
    ] {
        assert!(directive.contains(basis), "{basis} missing");
    }
}

fn vi(x: f64) -> String {
    let s = format!("{x}");
    s.replace('.', ",")
}

/// Statuses of the items of the timeline dated `date`.
fn statuses_on(public: &Path, date: &str) -> Vec<String> {
    let doc = Html::parse_document(&read(&public.join("thoi-han/index.html")));
    let day = Selector::parse(".timeline > li").unwrap();
    let time = Selector::parse("h2 time, h3 time").unwrap();
    let item =
        Selector::parse("li:not(.deadline-escalation) > p:first-child > [data-status]").unwrap();
    doc.select(&day)
        .filter(|d| {
            d.select(&time)
                .any(|t| t.value().attr("datetime") == Some(date))
        })
        .flat_map(|d| {
            d.select(&item)
                .map(|i| i.value().attr("data-status").unwrap().to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn statuses_follow_as_of() {
    let dir = built(&["--as-of", "2023-11-14"]);
    let public = dir.path().join("public");
    let on_13 = statuses_on(&public, "2023-11-13");
    assert!(!on_13.is_empty());
    assert!(on_13.iter().all(|s| s == "overdue"), "{on_13:?}");
    let on_15 = statuses_on(&public, "2023-11-15");
    assert!(!on_15.is_empty());
    assert!(on_15.iter().all(|s| s == "due-soon"), "{on_15:?}");
    let on_30 = statuses_on(&public, "2023-11-30");
    assert!(on_30.iter().all(|s| s == "upcoming"), "{on_30:?}");
    let home = read(&public.join("index.html"));
    assert!(page_text(&home).contains("Quá hạn"));

    let dir = built(&["--as-of", "2023-11-01"]);
    let public = dir.path().join("public");
    for file in html_files(&public) {
        let html = read(&file);
        let doc = Html::parse_document(&html);
        let overdue = doc
            .select(&Selector::parse("[data-status=overdue]").unwrap())
            .filter(|e| !e.value().classes().any(|c| c == "status-count"))
            .count();
        assert_eq!(overdue, 0, "{} shows overdue work on 01/11", file.display());
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let a = built(&[]);
    let b = built(&[]);
    let left = snapshot_dir(&a.path().join("public"));
    let right = snapshot_dir(&b.path().join("public"));
    assert_eq!(
        left.keys().collect::<Vec<_>>(),
        right.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &left {
        assert!(bytes == &right[path], "{path} differs between builds");
    }
}

#[test]
fn pages_are_vietnamese_and_minified() {
    let dir = built(&[]);
    let home = read(&dir.path().join("public/index.html"));
    assert!(home.contains("lang=vi") || home.contains("lang=\"vi\""));
    assert!(home.lines().count() <= 3, "the home page is not minified");
    let text = page_text(&home);
    assert!(text.contains("Số liệu tính đến ngày 14/11/2023"), "{text}");
    assert!(
        text.contains("7,9/18,5"),
        "the district's total is missing: {text}"
    );
}

/// The markup the stylesheet finds by place holds on every page, as a
/// browser parses it: score rows leave their closing tags out, so a
/// template minifier that dropped the table's end would put the rest of
/// the page inside the last cell; task items carry no classes, so their
/// title must be the first paragraph and their status in the next one.
#[test]
fn open_score_rows_and_bare_task_items_parse_as_meant() {
    let dir = built(&[]);
    let public = dir.path().join("public");
    let row = Selector::parse("table.rows > tbody > tr").unwrap();
    let cells = Selector::parse(":scope > th, :scope > td").unwrap();
    let inside_table = Selector::parse("table section, table h2, table footer").unwrap();
    let item = Selector::parse(".tasks > li:not(.task-detail)").unwrap();
    let chip = Selector::parse(":scope > p:nth-child(2) > span[data-status]").unwrap();
    let line_units = Selector::parse(":scope > ul.unit-statuses").unwrap();
    let (mut rows, mut written_rows, mut items) = (0, 0, 0);
    for file in html_files(&public) {
        let html = read(&file);
        // The bar cell begins each row's last cell: one per row written.
        written_rows += html.matches("<td style=--v:").count();
        let doc = Html::parse_document(&html);
        let stray: Vec<String> = doc
            .select(&inside_table)
            .map(|e| e.value().name().to_string())
            .collect();
        assert!(
            stray.is_empty(),
            "{}: {stray:?} inside a table",
            file.display()
        );
        for r in doc.select(&row) {
            rows += 1;
            assert_eq!(
                r.select(&cells).count(),
                3,
                "{}: {}",
                file.display(),
                r.html()
            );
        }
        for li in doc.select(&item) {
            items += 1;
            let first = li.first_child().and_then(|c| c.value().as_element());
            assert_eq!(
                first.map(|e| e.name()),
                Some("p"),
                "{}: {}",
                file.display(),
                li.html()
            );
            // A task has one status chip; a line of tasks given to
            // several units one for each status among them.
            let chips = li.select(&chip).count();
            let line = li.select(&line_units).next().is_some();
            assert!(
                chips == 1 || (line && chips >= 1),
                "{}: {}",
                file.display(),
                li.html()
            );
        }
    }
    assert!(rows > 0);
    assert_eq!(rows, written_rows, "score rows written and parsed");
    assert!(items > 20, "only {items} task items");
}
