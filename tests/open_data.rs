//! Open data that cannot be made reaches the officer as the other
//! problems do, a warning with the file, what failed and what to do; the
//! rest of the site is built.

mod common;

#[test]
fn a_workbook_excel_cannot_hold_is_a_warning_and_the_rest_is_built() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let output = dir.path().join("public");
    common::copy_dir(&common::repo().join("tests/fixtures/minimal"), &content);
    // A task title longer than the 32,767 characters of an Excel cell, in
    // the first file of tasks: the second row of the tasks sheet.
    let long = "Rà soát thủ tục hành chính ".repeat(1_500);
    let title = long.trim_end();
    assert!(title.chars().count() > 32_767);
    std::fs::write(
        content.join("tasks/dai.yaml"),
        format!(
            "source: \"Kế hoạch dài\"\ntasks:\n  - {{ title: \"{title}\", lead: tinh-thu, due: 2023-12-01 }}\n"
        ),
    )
    .unwrap();
    let out = common::build(&content, &output, &["--quiet"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let warning = stderr
        .lines()
        .position(|l| l.starts_with("cảnh báo: du-lieu/tiendo.xlsx:"))
        .unwrap_or_else(|| panic!("no warning of the workbook in:\n{stderr}"));
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines[warning].contains("không tạo được tệp dữ liệu mở này")
            && lines[warning].contains("trang tính \"Nhiệm vụ\", dòng 2")
            && lines[warning].contains("32,767"),
        "{stderr}"
    );
    assert!(
        lines[warning + 1..]
            .iter()
            .any(|l| l.contains("gợi ý:") && l.contains("rút ngắn")),
        "{stderr}"
    );
    assert!(stderr.contains("0 lỗi, 1 cảnh báo"), "{stderr}");
    assert!(!output.join("du-lieu/tiendo.xlsx").exists());
    let tasks = std::fs::read_to_string(output.join("du-lieu/nhiem-vu.csv")).unwrap();
    assert!(tasks.contains(title));
    assert!(output.join("index.html").exists() && output.join("du-lieu/tiendo.json").exists());
}
