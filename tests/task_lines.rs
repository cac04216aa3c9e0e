//! A task the letter gives to eleven communes in one line reads as one
//! line, with each commune and its own status, on the timeline, on the
//! home page and in an escalation's "Áp dụng cho"; each commune's page
//! still lists its own task, and nothing counted changes.

mod common;

use common::*;
use scraper::{ElementRef, Html, Selector};

const TITLE: &str = "Có giải pháp, sáng kiến trong triển khai công tác CCHC";
const COMMUNES: [&str; 11] = [
    "an-khuong",
    "an-phu",
    "phuoc-an",
    "tan-loi",
    "dong-no",
    "minh-tam",
    "thanh-an",
    "tan-hiep",
    "tan-khai",
    "minh-duc",
    "tan-quan",
];

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef) -> String {
    e.text().collect::<String>()
}

/// The items of the timeline's day `date` (`2023-11-20`) that name `TITLE`.
fn items_on<'a>(doc: &'a Html, date: &str) -> Vec<ElementRef<'a>> {
    doc.select(&sel(".timeline > li"))
        .filter(|day| {
            day.select(&sel("h2 time"))
                .any(|t| t.value().attr("datetime") == Some(date))
        })
        .flat_map(|day| day.select(&sel(":scope > ul > li")).collect::<Vec<_>>())
        .filter(|item| text(*item).contains(TITLE))
        .collect()
}

/// The units an item lists with their status words: (unit link, status).
fn unit_statuses(item: ElementRef) -> Vec<(String, String)> {
    item.select(&sel("ul.unit-statuses > li"))
        .map(|li| {
            let href = li.select(&sel("a")).next().unwrap().value().attr("href");
            let status = li.select(&sel("span[data-status]")).next().unwrap();
            (href.unwrap().to_string(), text(status))
        })
        .collect()
}

#[test]
fn the_eleven_communes_task_reads_once_with_each_commune_and_its_status() {
    let dir = tempfile::tempdir().unwrap();
    let public = dir.path().join("public");
    build(&example_content(), &public, &[]);
    let doc = Html::parse_document(&read(&public.join("thoi-han/index.html")));

    let due = items_on(&doc, "2023-11-20");
    assert_eq!(due.len(), 1, "the task is one item on its day");
    let units = unit_statuses(due[0]);
    let hrefs: Vec<String> = COMMUNES.iter().map(|c| format!("../don-vi/{c}/")).collect();
    assert_eq!(
        units.iter().map(|(h, _)| h.clone()).collect::<Vec<_>>(),
        hrefs
    );
    // As of 14/11/2023 each commune's task is due soon, said in words.
    assert!(units.iter().all(|(_, s)| s == "Sắp đến hạn"), "{units:?}");
    assert!(text(due[0]).contains("11 sắp đến hạn"));

    // The escalation due on 22/11 names the task once, with the communes.
    let escalation = items_on(&doc, "2023-11-22");
    assert_eq!(escalation.len(), 1);
    assert_eq!(unit_statuses(escalation[0]).len(), 11);
    let page = text(doc.root_element());
    assert_eq!(
        page.matches(TITLE).count(),
        2,
        "the day's item and the escalation's"
    );

    // Every commune's page still lists its own task.
    for c in COMMUNES {
        let unit = read(&public.join(format!("don-vi/{c}/index.html")));
        assert!(unit.contains(TITLE), "{c}'s page lists the task");
        assert!(
            unit.contains(&format!("#xa-sang-kien-{c}")),
            "{c}'s own task"
        );
    }
}

#[test]
fn the_home_page_says_a_line_once_and_counts_every_task() {
    let dir = tempfile::tempdir().unwrap();
    let public = dir.path().join("public");
    build(&example_content(), &public, &[]);
    let home = Html::parse_document(&read(&public.join("index.html")));
    let next: Vec<ElementRef> = home
        .select(&sel("#sap-toi ~ ul.tasks > li"))
        .filter(|li| text(*li).contains(TITLE))
        .collect();
    assert_eq!(next.len(), 1, "one line among the next deadlines");
    assert_eq!(unit_statuses(next[0]).len(), 11);

    // The count of tasks is that of the open data, one row a task.
    let tasks = read(&public.join("du-lieu/nhiem-vu.csv"));
    let rows = tasks.lines().count() - 1;
    let heading = text(home.select(&sel("#trang-thai")).next().unwrap());
    assert!(
        heading.contains(&format!("{rows} nhiệm vụ")),
        "{heading} against {rows} tasks"
    );
}

#[test]
fn a_list_of_some_of_a_lines_units_says_how_many_were_given_it() {
    // Tân Quan has done its part: its own task, done; the ten others are
    // what the home page lists next.
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&example_content(), &content);
    let path = content.join("tasks/cv-ra-soat-cchc-2023.yaml");
    let mut yaml = load_yaml(&path);
    let tasks = yaml["tasks"].as_sequence_mut().unwrap();
    let at = tasks
        .iter()
        .position(|t| t["id"].as_str() == Some("xa-sang-kien"))
        .unwrap();
    let mut done = tasks[at].clone();
    let units = tasks[at]["units"].as_sequence_mut().unwrap();
    units.retain(|u| u.as_str() != Some("tan-quan"));
    let done = done.as_mapping_mut().unwrap();
    done.remove("units");
    done.insert("id".into(), "xa-sang-kien-xong".into());
    done.insert("lead".into(), "tan-quan".into());
    done.insert("status".into(), "done".into());
    done.insert("done_on".into(), "2023-11-10".into());
    tasks.insert(at + 1, serde_yaml::Value::Mapping(done.clone()));
    std::fs::write(&path, serde_yaml::to_string(&yaml).unwrap()).unwrap();

    let public = dir.path().join("public");
    let out = build(&content, &public, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let home = Html::parse_document(&read(&public.join("index.html")));
    let next: Vec<ElementRef> = home
        .select(&sel("#sap-toi ~ ul.tasks > li"))
        .filter(|li| text(*li).contains(TITLE))
        .collect();
    assert_eq!(next.len(), 1);
    assert_eq!(unit_statuses(next[0]).len(), 10);
    let said = text(next[0]);
    assert!(said.contains("10 trong số 11 đơn vị được giao"), "{said}");
    assert!(!said.contains("Giao 10 đơn vị"), "{said}");

    // The timeline's day has the whole line: Tân Quan done among them.
    let timeline = Html::parse_document(&read(&public.join("thoi-han/index.html")));
    let day = items_on(&timeline, "2023-11-20");
    assert_eq!(day.len(), 1);
    assert_eq!(unit_statuses(day[0]).len(), 11);
    assert!(text(day[0]).contains("Giao 11 đơn vị"), "{}", text(day[0]));
}
