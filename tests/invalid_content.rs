//! Broken content: every problem reported at once, with file and line, and
//! the published site left alone.

mod common;

use std::path::Path;

use common::*;

/// Replaces the first `from` by `to`; returns the 1-based line it stood on.
fn replace_in(path: &Path, from: &str, to: &str) -> usize {
    let text = read(path);
    let at = text
        .find(from)
        .unwrap_or_else(|| panic!("`{from}` not in {}", path.display()));
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
    text[..at].matches('\n').count() + 1
}

/// The example content broken four ways at once.
fn broken_copy() -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&example_content(), &content);
    let tasks = content.join("tasks/cv-ra-soat-cchc-2023.yaml");
    let lead_line = replace_in(
        &tasks,
        "lead: phong-tai-chinh-ke-hoach\n",
        "lead: phong-tai-chinh-ke-hoac\n",
    );
    let date_line = replace_in(&tasks, "due: 2023-11-07\n", "due: 2023-11-31\n");
    let scores = content.join("scores/2023-11-01.yaml");
    let score_line = replace_in(&scores, "\"7.3.5\": 1.4\n", "\"7.3.5\": 2.4\n");
    let note = content.join("notes/2023-11-14-thu-dien-tu-cong-vu.md");
    let syntax_line = replace_in(&note, "audience: public\n", "audience: public: yes\n");
    let expected = vec![
        format!(
            "lỗi: tasks/cv-ra-soat-cchc-2023.yaml:{lead_line}:11: không có đơn vị `phong-tai-chinh-ke-hoac`"
        ),
        "gợi ý: có phải ý bạn là `phong-tai-chinh-ke-hoach`?".to_string(),
        format!(
            "lỗi: tasks/cv-ra-soat-cchc-2023.yaml:{date_line}:10: ngày `2023-11-31` không hợp lệ"
        ),
        format!(
            "lỗi: scores/2023-11-01.yaml:{score_line}:16: điểm 2.4 của tiêu chí `7.3.5` vượt điểm tối đa 2"
        ),
        format!("lỗi: notes/2023-11-14-thu-dien-tu-cong-vu.md:{syntax_line}:"),
        "lỗi cú pháp YAML".to_string(),
        "4 lỗi, ".to_string(),
    ];
    (dir, expected)
}

#[test]
fn check_reports_all_four_problems_with_file_and_line() {
    let (dir, expected) = broken_copy();
    let content = dir.path().join("content");
    let out = tiendo(&["check", "--content", content.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for e in &expected {
        assert!(stderr.contains(e.as_str()), "expected `{e}` in:\n{stderr}");
    }
    assert!(!stderr.contains("panicked"));
}

#[test]
fn failed_build_leaves_the_previous_site_byte_identical() {
    let (dir, _) = broken_copy();
    let output = dir.path().join("public");
    build(&example_content(), &output, &[]);
    let before = snapshot_dir(&output);
    let out = tiendo(&[
        "build",
        "--content",
        dir.path().join("content").to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(snapshot_dir(&output), before);
    // Nothing is left beside it either.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("tiendo"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_broken_units_file_is_one_error_not_a_hundred() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&example_content(), &content);
    let units = content.join("units.yaml");
    replace_in(&units, "units:\n", "units: [\n");
    let out = tiendo(&["check", "--content", content.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("lỗi: units.yaml:"), "{stderr}");
    assert!(stderr.contains("1 lỗi, 0 cảnh báo"), "{stderr}");
}

#[test]
fn missing_content_folder_is_a_clear_error() {
    let out = tiendo(&["check", "--content", "/nonexistent/tiendo-content"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("không tìm thấy thư mục nội dung"),
        "{stderr}"
    );
}

#[test]
fn output_folder_holding_the_content_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&example_content(), &content);
    let out = tiendo(&[
        "build",
        "--content",
        content.to_str().unwrap(),
        "--output",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(content.join("site.yaml").is_file());
}
