//! `tiendo new DIR`: a site an officer can build at once, without a
//! warning, in today's structure (a province, its departments, communes
//! and wards; no districts); `--example hon-quan` for the district letter
//! of 2023.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;

fn tiendo_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tiendo"))
        .current_dir(dir)
        // Mistakes on the command line are told in the locale's language.
        .env("LC_ALL", "vi_VN.UTF-8")
        .args(args)
        .output()
        .expect("the tiendo binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn new_site(parent: &Path, name: &str, extra: &[&str]) -> std::path::PathBuf {
    let mut args = vec!["new", name];
    args.extend_from_slice(extra);
    let out = tiendo_in(parent, &args);
    assert!(out.status.success(), "new failed:\n{}", stderr(&out));
    parent.join(name)
}

#[test]
fn a_new_site_builds_in_place_with_no_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let site = new_site(tmp.path(), "trang-cchc", &[]);
    for file in [
        "README.md",
        ".vscode/settings.json",
        "content/site.yaml",
        "content/units.yaml",
    ] {
        assert!(site.join(file).is_file(), "{file} missing");
    }

    let out = tiendo_in(&site, &["build"]);
    let messages = stderr(&out);
    assert!(out.status.success(), "build failed:\n{messages}");
    assert!(
        !messages.contains("cảnh báo") && !messages.contains("lỗi"),
        "the new site builds with messages:\n{messages}"
    );
    let home = page_text(&read(&site.join("public/index.html")));
    assert!(home.contains("Sở Nội vụ tỉnh An Bình"), "{home}");
    assert!(home.contains("1 quá hạn, 1 sắp đến hạn"), "{home}");
    // A ranking of each kind, named in Vietnamese.
    for heading in ["Xếp hạng Sở, ban, ngành", "Xếp hạng Xã", "Xếp hạng Phường"]
    {
        assert!(home.contains(heading), "{heading}: {home}");
    }

    let out = tiendo_in(&site, &["check"]);
    assert!(out.status.success());
    assert!(!stderr(&out).contains("cảnh báo"), "{}", stderr(&out));
}

#[test]
fn the_new_site_is_a_province_with_departments_communes_and_wards() {
    let tmp = tempfile::tempdir().unwrap();
    let site = new_site(tmp.path(), "site", &[]);
    let units = load_yaml(&site.join("content/units.yaml"));
    let kinds: Vec<&str> = units["units"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|u| u["kind"].as_str().unwrap())
        .collect();
    assert!(!kinds.contains(&"district"), "{kinds:?}");
    for kind in ["province", "department", "commune", "ward"] {
        assert!(kinds.contains(&kind), "no {kind}: {kinds:?}");
    }
    let site_yaml = load_yaml(&site.join("content/site.yaml"));
    assert_eq!(
        site_yaml["organization"].as_str(),
        Some("Sở Nội vụ tỉnh An Bình")
    );
    // Every scored unit's parent is the province: two tiers.
    for unit in units["units"].as_sequence().unwrap() {
        if unit["framework"].as_str().is_some() {
            assert_eq!(unit["parent"].as_str(), Some("an-binh"), "{unit:?}");
        }
    }
}

#[test]
fn one_task_is_due_soon_and_one_overdue_as_of_the_site_date() {
    let tmp = tempfile::tempdir().unwrap();
    let site = new_site(tmp.path(), "site", &["--as-of", "2024-05-20"]);
    let yaml = load_yaml(&site.join("content/site.yaml"));
    assert_eq!(yaml["as_of"].as_str(), Some("2024-05-20"));

    let out = tiendo_in(&site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let timeline = page_text(&read(&site.join("public/thoi-han/index.html")));
    // Statuses from the words file: one task of each.
    assert!(timeline.contains("Quá hạn"), "{timeline}");
    assert!(timeline.contains("Sắp đến hạn"), "{timeline}");
    assert!(timeline.contains("15/05/2024"), "overdue date: {timeline}");
    assert!(timeline.contains("23/05/2024"), "due-soon date: {timeline}");

    // The public note is public; the committee note only for the committee.
    assert!(site.join("public/ghi-chu/bat-dau/index.html").is_file());
    assert!(!site.join("public/ghi-chu/ghi-chu-ban-chi-dao").exists());
    // The committee's build goes under its secret folder.
    let secret = "thu-muc-bi-mat-cua-ban-chi-dao-0123456789";
    let out = tiendo_in(
        &site,
        &[
            "build",
            "--audience",
            "committee",
            "--output",
            "bcd",
            "--secret-path",
            secret,
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        site.join("bcd")
            .join(secret)
            .join("ghi-chu/ghi-chu-ban-chi-dao/index.html")
            .is_file()
    );
}

#[test]
fn the_hon_quan_example_is_the_repository_letter() {
    let tmp = tempfile::tempdir().unwrap();
    let site = new_site(tmp.path(), "hon-quan", &["--example", "hon-quan"]);
    // The example content, file for file.
    assert_eq!(
        snapshot_dir(&site.join("content")),
        snapshot_dir(&example_content())
    );
    assert!(site.join("README.md").is_file());
    let out = tiendo_in(&site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let home = page_text(&read(&site.join("public/index.html")));
    assert!(home.contains("Hớn Quản"), "{home}");
    assert!(home.contains("14/11/2023"), "the letter's date: {home}");

    // Another date moves only `as_of`.
    let moved = new_site(
        tmp.path(),
        "hon-quan-2",
        &["--example", "hon-quan", "--as-of", "2023-12-01"],
    );
    let yaml = load_yaml(&moved.join("content/site.yaml"));
    assert_eq!(yaml["as_of"].as_str(), Some("2023-12-01"));
}

#[test]
fn an_unknown_example_is_refused_with_the_ones_there_are() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tiendo_in(tmp.path(), &["new", "x", "--example", "huyen"]);
    assert_eq!(out.status.code(), Some(2));
    let messages = stderr(&out);
    assert!(
        messages.contains("lỗi: `huyen` không phải giá trị của `--example")
            && messages.contains("tinh, hon-quan"),
        "{messages}"
    );
    assert!(!tmp.path().join("x").exists());
}

#[test]
fn a_folder_that_is_not_empty_is_refused_and_left_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("co-san");
    std::fs::create_dir_all(dir.join("content")).unwrap();
    std::fs::write(dir.join("ghi-chu.txt"), "của tôi").unwrap();
    std::fs::write(dir.join("content/site.yaml"), "title: x\n").unwrap();
    let before = snapshot_dir(&dir);

    let out = tiendo_in(tmp.path(), &["new", "co-san"]);
    assert!(!out.status.success());
    let messages = stderr(&out);
    assert!(
        messages.contains("co-san") && messages.contains("không trống"),
        "{messages}"
    );
    assert_eq!(snapshot_dir(&dir), before);
    assert!(!dir.join("README.md").exists());

    // A file of that name is refused too.
    std::fs::write(tmp.path().join("tep"), "x").unwrap();
    let out = tiendo_in(tmp.path(), &["new", "tep"]);
    assert!(!out.status.success());
    assert_eq!(read(&tmp.path().join("tep")), "x");
}

#[test]
fn an_empty_folder_is_used() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("trong")).unwrap();
    let site = new_site(tmp.path(), "trong", &[]);
    assert!(site.join("content/site.yaml").is_file());
}
