//! A generated site large enough to take every "too many to list" path:
//! more than 300 units, more than 400 deadlines, a directive with more than
//! 150 tasks, long rankings. Every link must still resolve.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use common::*;
use scraper::{Html, Selector};

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// 4 provinces × 90 communes, 3 snapshots, 540 tasks in one directive.
fn generate(root: &Path) {
    write(
        root,
        "site.yaml",
        "title: \"Cả nước\"\norganization: \"Bộ Nội vụ\"\nbase_url: \"https://example.gov.vn/ca-nuoc/\"\nas_of: 2024-06-15\n",
    );
    let mut units = String::from("units:\n  - { id: ca-nuoc, name: \"Cả nước\", kind: country }\n");
    let mut ids = Vec::new();
    for p in 0..4 {
        let _ = writeln!(
            units,
            "  - {{ id: tinh-{p}, name: \"Tỉnh số {p}\", kind: province, parent: ca-nuoc }}"
        );
        for c in 0..90 {
            let id = format!("xa-{p}-{c}");
            let _ = writeln!(
                units,
                "  - {{ id: {id}, name: \"Xã {p}.{c}\", kind: commune, framework: xa, parent: tinh-{p} }}"
            );
            ids.push(id);
        }
    }
    write(root, "units.yaml", &units);
    write(
        root,
        "frameworks/xa.yaml",
        "title: \"Bộ chỉ số xã\"\ncriteria:\n  - code: \"1\"\n    title: \"Lĩnh vực một\"\n    children:\n      - { code: \"1.1\", title: \"Một\", max: 2 }\n      - { code: \"1.2\", title: \"Hai\", max: 1 }\n",
    );
    for (m, date) in ["2024-02-15", "2024-04-15", "2024-06-15"]
        .iter()
        .enumerate()
    {
        let mut s = format!("date: {date}\nstage: công bố\nscores:\n");
        for (i, id) in ids.iter().enumerate() {
            let a = ((i + m) % 5) as f64 * 0.5;
            let b = ((i * 7 + m) % 3) as f64 * 0.5;
            let _ = writeln!(
                s,
                "  - {{ unit: {id}, points: {{ \"1.1\": {}, \"1.2\": {} }} }}",
                a.min(2.0),
                b.min(1.0)
            );
        }
        write(root, &format!("scores/{date}.yaml"), &s);
    }
    let mut tasks = String::from("source: \"Kế hoạch lớn\"\ntasks:\n");
    for (i, id) in ids.iter().enumerate().take(360) {
        let month = 1 + i % 12;
        let _ = writeln!(
            tasks,
            "  - {{ id: viec-{i}, title: \"Việc {i}\", lead: {id}, criterion: xa/1.{}, due: 2024-{month:02}-10 }}",
            1 + i % 2
        );
    }
    for i in 360..540 {
        let _ = writeln!(
            tasks,
            "  - {{ id: viec-{i}, title: \"Việc {i}\", lead: tinh-{}, due: 2024-06-{:02}, status: done, done_on: 2024-06-01 }}",
            i % 4,
            1 + i % 28
        );
    }
    // A busy month: 700 more deadlines in June, from every province.
    let mut busy = String::from("source: \"Đợt cao điểm\"\ntasks:\n");
    for i in 0..700 {
        let _ = writeln!(
            busy,
            "  - {{ id: cao-diem-{i}, title: \"Cao điểm {i}\", lead: {}, due: 2024-06-{:02} }}",
            ids[i % ids.len()],
            1 + i % 30
        );
    }
    write(root, "tasks/ke-hoach.yaml", &tasks);
    write(root, "tasks/cao-diem.yaml", &busy);
}

/// The targets of a page's links.
fn links_of(html: &str) -> Vec<String> {
    let links = Selector::parse("a[href]").unwrap();
    Html::parse_document(html)
        .select(&links)
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

#[test]
fn a_large_site_is_grouped_and_every_link_resolves() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    generate(&content);
    let public = dir.path().join("public");
    build(&content, &public, &[]);

    // Split pages exist.
    assert!(
        public.join("thoi-han/2024-06/index.html").is_file(),
        "timeline by month"
    );
    // June has over 600 deadlines: its page counts them by province, and
    // each province has a page.
    let june = page_text(&read(&public.join("thoi-han/2024-06/index.html")));
    assert!(
        !june.contains("Cao điểm 5"),
        "the busy month lists every deadline"
    );
    let june_2 = links_of(&read(&public.join("thoi-han/2024-06/tinh-2/index.html")));
    let links_to = |id: &str| june_2.iter().any(|href| href.ends_with(&format!("#{id}")));
    assert!(links_to("cao-diem-182"), "xa-2-2 leads task 182");
    assert!(!links_to("cao-diem-1"), "task 1 belongs to province 0");
    assert!(
        !public.join("thoi-han/2024-05/tinh-2/index.html").exists(),
        "quiet months are one page"
    );
    assert!(
        public.join("van-ban/ke-hoach/trang-4/index.html").is_file(),
        "540 tasks on 4 pages"
    );
    assert!(
        public
            .join("dot-danh-gia/2024-06-15/tinh-2/index.html")
            .is_file(),
        "snapshot by province"
    );
    // No page lists every unit.
    let snapshot = page_text(&read(&public.join("dot-danh-gia/2024-06-15/index.html")));
    assert!(
        !snapshot.contains("Xã 3.89"),
        "the snapshot page lists all units"
    );
    let group = page_text(&read(
        &public.join("dot-danh-gia/2024-06-15/tinh-3/index.html"),
    ));
    assert!(group.contains("Xã 3.89"));
    let home = page_text(&read(&public.join("index.html")));
    assert!(home.contains("340 đơn vị khác"), "{home}");

    // Every internal link is relative and resolves.
    let links = Selector::parse("a[href], link[href]").unwrap();
    let mut broken = Vec::new();
    for entry in walkdir::WalkDir::new(&public) {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "html") || path == public.join("404.html") {
            continue;
        }
        let doc = Html::parse_document(&read(&path));
        for a in doc.select(&links) {
            let href = a.value().attr("href").unwrap();
            if a.value().attr("rel") == Some("canonical") || href.starts_with("webcal://") {
                continue;
            }
            match resolve_link(&public, &path, href) {
                Some((target, _)) if target.is_file() => {}
                _ => broken.push(format!("{}: {href}", path.display())),
            }
        }
    }
    assert!(
        broken.is_empty(),
        "{} broken links, e.g. {:?}",
        broken.len(),
        &broken[..broken.len().min(5)]
    );
}
