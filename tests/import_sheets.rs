//! The corpus of score sheets in `tests/fixtures/sheets/` (issue 31): each
//! laid out as district offices lay them out, written by the generator in
//! `tests/sheets/` from known values with the example's real units and
//! criteria. Each imports exactly its known values, or is refused with the
//! sheet, row and column named and nothing written; every cell of a table
//! is imported or named; random scores written into each layout come back
//! exactly.
//!
//! The corpus is committed so that it can be opened in Excel or
//! LibreOffice and read by anyone checking what is tested; a test checks
//! that it is exactly what the generator writes. After changing the
//! generator (or the example content): `TIENDO_WRITE_SHEETS=1 cargo test
//! --test import_sheets`.

mod common;
mod sheets;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;
use proptest::prelude::*;
use sheets::{Case, Expect, Known, LAYOUTS, Rng, Save, Score};
use tiendo::model::Model;

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        match tiendo::site::load_model(&example_content(), &Default::default()).unwrap() {
            tiendo::site::Outcome::Done(m, _) => m,
            tiendo::site::Outcome::Invalid(d) => panic!("{:?}", d.sorted()),
        }
    })
}

fn fixtures() -> PathBuf {
    repo().join("tests/fixtures/sheets")
}

fn corpus() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| sheets::corpus(model()))
}

/// The known values as a file beside each sheet, in the snapshot's form.
fn expected_yaml(case: &Case) -> String {
    let mut out = format!(
        "# Các điểm đã biết của {}: `tiendo import scores` phải cho đúng các giá trị này{}.\n",
        case.file,
        match &case.expect {
            Expect::Imports => String::new(),
            Expect::Refuses(_) => " nếu bảng được sửa; bảng này bị từ chối".into(),
        }
    );
    let mut current = String::new();
    for ((unit, code), s) in sheets::by_id(model(), &case.known) {
        if unit != current {
            let _ = writeln!(out, "- unit: {unit}\n  points:");
            current = unit;
        }
        let mut parts = Vec::new();
        for (name, value) in [
            ("points", s.points),
            ("self", s.self_assessed),
            ("appraised", s.appraised),
        ] {
            if let Some(v) = value {
                parts.push(format!("{name}: {}", sheets::decimal(v)));
            }
        }
        if let Some(e) = &s.explanation {
            parts.push(format!("explanation: {e:?}"));
        }
        let _ = writeln!(out, "    \"{code}\": {{{}}}", parts.join(", "));
    }
    out
}

#[test]
fn the_corpus_is_what_the_generator_writes() {
    let write = std::env::var_os("TIENDO_WRITE_SHEETS").is_some();
    let mut files: Vec<String> = Vec::new();
    for case in corpus() {
        if files.contains(&case.file) {
            continue;
        }
        files.push(case.file.clone());
        let path = fixtures().join(&case.file);
        let yaml_path = fixtures().join(format!("{}.expected.yaml", case.file));
        let yaml = expected_yaml(case);
        if write {
            sheets::write::save(&path, &case.bytes);
            sheets::write::save(&yaml_path, yaml.as_bytes());
        }
        assert!(
            std::fs::read(&path).is_ok_and(|b| b == case.bytes),
            "{} is not what the generator writes: TIENDO_WRITE_SHEETS=1 cargo test --test import_sheets",
            case.file
        );
        assert_eq!(read(&yaml_path), yaml, "{}", yaml_path.display());
    }
    assert!(files.len() >= 15, "only {} sheets", files.len());
    let mut on_disk: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".expected.yaml"))
        .collect();
    on_disk.sort();
    files.sort();
    assert_eq!(
        on_disk, files,
        "files in tests/fixtures/sheets/ that no case makes"
    );
}

fn import(file: &Path, output: &Path, extra: &[String]) -> std::process::Output {
    let mut args: Vec<String> = [
        "import",
        "scores",
        file.to_str().unwrap(),
        "--content",
        example_content().to_str().unwrap(),
        "--date",
        "2023-12-15",
        "--stage",
        "thẩm định",
        "--output",
        output.to_str().unwrap(),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(extra.iter().cloned());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    tiendo(&args)
}

#[test]
fn every_sheet_gives_its_known_values_or_is_refused_by_sheet_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    for (i, case) in corpus().iter().enumerate() {
        let output = dir.path().join(format!("{i}.yaml"));
        let out = import(&fixtures().join(&case.file), &output, &case.args);
        let err = String::from_utf8_lossy(&out.stderr);
        let lines: Vec<&str> = err.lines().map(str::trim).collect();
        for line in &case.says {
            assert!(
                err.contains(line.as_str()),
                "{}: missing\n{line}\nin:\n{err}",
                case.file
            );
        }
        match &case.expect {
            Expect::Imports => {
                assert!(out.status.success(), "{}:\n{err}", case.file);
                assert!(!err.contains("lỗi:"), "{}:\n{err}", case.file);
                let got = sheets::read_snapshot(&read(&output));
                assert_eq!(
                    got,
                    sheets::by_id(model(), &case.known),
                    "{}:\n{err}",
                    case.file
                );
            }
            Expect::Refuses(expected) => {
                assert!(
                    !out.status.success(),
                    "{} was not refused:\n{err}",
                    case.file
                );
                for line in lines.iter().filter(|l| l.starts_with("lỗi:")) {
                    let named = line.contains(" › dòng ") && line.contains(", cột ");
                    assert!(
                        named,
                        "{}: a refusal without row and column: {line}",
                        case.file
                    );
                }
                for line in expected {
                    assert!(
                        lines.contains(&line.as_str()),
                        "{}: missing\n{line}\nin:\n{err}",
                        case.file
                    );
                }
                assert!(!output.exists(), "{}: a file was written", case.file);
            }
        }
    }
}

/// How many values known scores hold.
fn count(known: &BTreeMap<(String, String), Score>) -> usize {
    known
        .values()
        .map(|s| {
            [s.points, s.self_assessed, s.appraised]
                .iter()
                .flatten()
                .count()
                + usize::from(s.explanation.is_some())
        })
        .sum()
}

#[test]
fn every_cell_of_a_table_is_imported_or_named() {
    let dir = tempfile::tempdir().unwrap();
    for case in corpus()
        .iter()
        .filter(|c| matches!(c.expect, Expect::Imports))
    {
        let output = dir.path().join("out.yaml");
        let mut args = case.args.clone();
        args.extend(["--dry-run".into(), "--format".into(), "json".into()]);
        let out = import(&fixtures().join(&case.file), &output, &args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!output.exists(), "--dry-run wrote {}", case.file);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let tables = json["tables"].as_array().unwrap();
        let imported: u64 = tables.iter().map(|t| t["imported"].as_u64().unwrap()).sum();
        let known = sheets::by_id(model(), &case.known);
        assert_eq!(
            imported as usize,
            count(&known),
            "{}: cells imported",
            case.file
        );
        let left: u64 = tables.iter().map(|t| t["left"].as_u64().unwrap()).sum();
        let named: u64 = json["problems"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| {
                let m = p["message"].as_str()?;
                let (n, rest) = m.split_once(" ô của cột ")?;
                rest.contains("không được nhập")
                    .then(|| n.parse::<u64>().ok())
                    .flatten()
            })
            .sum();
        assert_eq!(
            left, named,
            "{}: left cells not all named in warnings",
            case.file
        );
        let units = json["scores"].as_array().unwrap();
        assert_eq!(
            units.len(),
            case.known
                .keys()
                .filter(|u| known.keys().any(|(id, _)| *id == model().units[**u].id))
                .count(),
            "{}",
            case.file
        );
        for u in units {
            let id = u["unit"].as_str().unwrap();
            let sum: i64 = known
                .iter()
                .filter(|((unit, _), _)| unit == id)
                .filter_map(|(_, s)| s.counting())
                .sum();
            assert_eq!(
                (u["sum"].as_f64().unwrap() * 1000.0).round() as i64,
                sum,
                "{}: sum of {id}",
                case.file
            );
        }
    }
}

/// Random scores: per unit and criterion, points of each kind below or at
/// the max (in thousandths), or not scored.
fn random_known(
    layout: usize,
    units: usize,
    raw: &[(Option<u16>, Option<u16>, Option<u16>)],
) -> Known {
    let l = &LAYOUTS[layout];
    let m = model();
    let all = sheets::units_on(m, l.framework);
    let mut known = Known::new();
    let mut values = raw.iter().cycle();
    for &u in all.iter().take(units) {
        let fw = m.units[u].framework.unwrap();
        let mut scores = BTreeMap::new();
        for c in sheets::leaves(m, fw) {
            let max = m.frameworks[fw].criteria[c].max.0;
            let (p, s, a) = *values.next().unwrap();
            let fit = |v: Option<u16>| v.map(|v| v as i64 % (max + 1));
            scores.insert(
                c,
                Score {
                    points: l.kinds.points.then(|| fit(p)).flatten(),
                    self_assessed: l.kinds.self_assessed.then(|| fit(s)).flatten(),
                    appraised: l.kinds.appraised.then(|| fit(a)).flatten(),
                    explanation: (l.kinds.explanation && p.is_some_and(|p| p % 3 == 0))
                        .then(|| "Thiếu hồ sơ, \"bổ sung\" sau".to_string()),
                },
            );
        }
        known.insert(u, scores);
    }
    known
}

proptest! {
    #![proptest_config(ProptestConfig {
        // TIENDO_SHEET_CASES=500 for a longer run.
        cases: std::env::var("TIENDO_SHEET_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(24),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_scores_written_into_each_layout_come_back_exactly(
        units in 1usize..=13,
        raw in proptest::collection::vec((any::<Option<u16>>(), any::<Option<u16>>(), any::<Option<u16>>()), 1..200),
        style in any::<u64>(),
        save in 0usize..3,
    ) {
        let dir = tempfile::tempdir().unwrap();
        for (i, layout) in LAYOUTS.iter().enumerate() {
            let known = random_known(i, units, &raw);
            let sheets = (layout.make)(model(), &known, &mut Rng(style | 1));
            let how = [Save::Xlsx, Save::Ods, Save::CsvVietnamese][save];
            // A CSV file has one sheet and keeps nothing hidden: a hidden
            // helper column of numbers is refused there, rightly.
            let csv_fits = sheets.len() == 1 && sheets[0].hidden_cols.is_empty();
            let how = if how == Save::CsvVietnamese && !csv_fits { Save::Xlsx } else { how };
            let ext = match how { Save::Ods => "ods", Save::CsvVietnamese => "csv", _ => "xlsx" };
            // Excel names a sheet saved as CSV after the sheet.
            let stem = if ext == "csv" { sheets[0].name.clone() } else { layout.name.to_string() };
            let path = dir.path().join(format!("{stem}.{ext}"));
            std::fs::write(&path, sheets::layouts::save(&sheets, how)).unwrap();
            let options = tiendo::import::ScoresOptions {
                date: chrono::NaiveDate::from_ymd_opt(2023, 12, 15).unwrap(),
                stage: "thẩm định".into(),
                framework: None,
                sheet: None,
                source: None,
                title: None,
                form: None,
            };
            let imported = tiendo::import::import_scores(model(), &path, &options).unwrap();
            let problems: Vec<String> = imported.problems.clone_sorted().iter().map(|p| p.to_string()).collect();
            prop_assert_eq!(imported.problems.error_count(), 0, "{}: {:#?}", layout.name, problems);
            prop_assert_eq!(
                sheets::read_snapshot(&imported.yaml),
                sheets::by_id(model(), &known),
                "{} ({:?}): {:#?}", layout.name, how, problems
            );
        }
    }
}

/// The text of a built page, without its tags.
fn page_text(path: &Path) -> String {
    let html = read(path);
    let mut out = String::new();
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => {
                inside = false;
                out.push(' ');
            }
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `0,75/1`: points over the max as the pages show them.
fn shown(points: i64, max: i64) -> String {
    format!("{}/{}", sheets::decimal(points), sheets::decimal(max)).replace('.', ",")
}

/// The summary sheet of appraisal as an office keeps it (title rows naming
/// the district, each commune's merged name over `Tự chấm | Thẩm định`, a
/// `Tổng cộng` row, formulas), with every value filled.
fn full_summary(dir: &Path) -> (PathBuf, Known) {
    let m = model();
    let communes = sheets::units_on(m, "commune");
    let kinds = LAYOUTS
        .iter()
        .find(|l| l.name == "wide-pairs")
        .unwrap()
        .kinds;
    let mut rng = Rng(0x338);
    let known = sheets::full_values(m, &communes, kinds, &mut rng);
    let grids = (LAYOUTS[0].make)(m, &known, &mut rng);
    let path = dir.join("Tong hop tham dinh 2023.xlsx");
    let bytes = sheets::layouts::save(&grids, Save::Xlsx);
    // TIENDO_KEEP_SHEET=FILE keeps a copy, to try it by hand.
    if let Some(keep) = std::env::var_os("TIENDO_KEEP_SHEET") {
        std::fs::write(keep, &bytes).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    (path, known)
}

#[test]
fn a_summary_of_13_communes_imports_all_338_values_to_the_right_unit_pages() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&example_content(), &content);
    let (sheet, known) = full_summary(dir.path());
    assert_eq!(count(&sheets::by_id(model(), &known)), 13 * 13 * 2);
    // As an officer runs it: no --framework, no --form.
    let out = tiendo(&[
        "import",
        "scores",
        sheet.to_str().unwrap(),
        "--content",
        content.to_str().unwrap(),
        "--date",
        "2023-12-15",
        "--stage",
        "thẩm định",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("lỗi:") && !err.contains("cảnh báo:"), "{err}");
    assert!(
        err.contains("bảng rộng (mỗi đơn vị một nhóm cột): 13 đơn vị ở dòng 6–7, tiêu chí ở cột A"),
        "{err}"
    );
    assert!(
        err.contains("338 ô được nhập") && err.contains("0 ô bỏ lại"),
        "{err}"
    );
    assert!(
        err.contains("đã ghi 169 điểm tiêu chí (338 giá trị) của 13 đơn vị"),
        "{err}"
    );
    let written = read(&content.join("scores/2023-12-15.yaml"));
    assert_eq!(
        sheets::read_snapshot(&written),
        sheets::by_id(model(), &known)
    );
    assert!(
        !written.contains("hon-quan"),
        "the district named in the title got scores"
    );
    let check = tiendo(&["check", "--content", content.to_str().unwrap()]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let public = dir.path().join("public");
    build(&content, &public, &[]);
    let m = model();
    for (&u, scores) in &known {
        let unit = &m.units[u];
        let fw = &m.frameworks[unit.framework.unwrap()];
        let text = page_text(&public.join(format!("don-vi/{}/index.html", unit.id)));
        for (&c, s) in scores {
            let criterion = &fw.criteria[c];
            let row = format!("{} {}", criterion.code, criterion.title);
            let at = text
                .find(&row)
                .unwrap_or_else(|| panic!("{}: no row {row}", unit.id));
            let value = shown(s.appraised.unwrap(), criterion.max.0);
            assert!(
                text[at + row.len()..].trim_start().starts_with(&value),
                "{}: {} should show {value}: {}",
                unit.id,
                criterion.code,
                &text[at..(at + row.len() + 40).min(text.len())]
            );
        }
    }
}

#[test]
fn the_same_summary_with_a_commune_misspelled_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (sheet, known) = full_summary(dir.path());
    // The sheet again with `Xã Tân Hưng` (the last pair, AB–AC) misspelled.
    let mut grids = (LAYOUTS[0].make)(model(), &known, &mut Rng(1));
    grids[0].text(5, 27, "Xã Tân Hưg");
    std::fs::write(&sheet, sheets::layouts::save(&grids, Save::Xlsx)).unwrap();
    let output = dir.path().join("out.yaml");
    let out = import(&sheet, &output, &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("lỗi: Tong hop tham dinh 2023.xlsx › Tổng hợp › dòng 6, cột AB: không có đơn vị `Xã Tân Hưg` (cột AB–AC có điểm)\n  gợi ý: có phải ý bạn là `tan-hung`?"),
        "{err}"
    );
    assert!(err.contains("không ghi tệp"), "{err}");
    assert!(!output.exists());
}

#[test]
fn a_task_list_with_a_formula_saved_without_its_value_is_refused_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut g = sheets::write::Grid::new("Nhiệm vụ");
    for (c, head) in ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"]
        .iter()
        .enumerate()
    {
        g.text(0, c as u16, head);
    }
    g.text(1, 1, "Gửi báo cáo");
    g.text(1, 2, "An Phú");
    g.set(
        1,
        3,
        sheets::V::Formula("DATE(2023,11,20)".into(), "45250".into()),
    );
    let path = dir.path().join("nhiem-vu.xlsx");
    std::fs::write(&path, sheets::layouts::save(&[g], Save::XlsxUncached)).unwrap();
    let output = dir.path().join("out.yaml");
    let out = tiendo(&[
        "import",
        "tasks",
        path.to_str().unwrap(),
        "--content",
        example_content().to_str().unwrap(),
        "--source",
        "x",
        "--output",
        output.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("lỗi: nhiem-vu.xlsx › Nhiệm vụ › dòng 2, cột D: ô có công thức `=DATE(2023,11,20)` nhưng tệp không lưu giá trị đã tính"),
        "{err}"
    );
    assert!(!output.exists());
}
