//! `tiendo import` and the open-data workbook (issue 11): score sheets from
//! .xlsx, .ods and .csv give the same YAML; bad rows are named and nothing
//! is written; the built workbook is typed, has no formulas, is the same
//! every build, and its scores sheet imports back to the same values.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use calamine::{Data, Reader};
use common::*;

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/import").join(name)
}

/// A copy of the example content that a test may write into.
fn content_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&example_content(), &dir.path().join("content"));
    dir
}

fn run(args: &[&str]) -> Output {
    tiendo(args)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Column of the criterion code: kept as text, as officers format it.
const CODE_COLUMN: usize = 2;

/// Writes the rows of a CSV fixture as an Excel sheet: numbers as
/// numbers (the code column as text), with merged cells and a hidden
/// column as given.
fn xlsx_from_csv(
    csv: &Path,
    xlsx: &Path,
    sheet: &str,
    merges: &[(u32, u16, u32, u16)],
    hidden: Option<u16>,
) {
    let text = std::fs::read_to_string(csv).unwrap();
    let grid = tiendo::import::read_csv("x.csv", text.as_bytes()).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    let merged_first: Vec<(u32, u16)> = merges.iter().map(|m| (m.0, m.1)).collect();
    for (r, row) in grid.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c16) = (r as u32, c as u16);
            let covered = merges.iter().any(|&(r0, c0, r1, c1)| {
                (r0..=r1).contains(&r) && (c0..=c1).contains(&c16) && (r, c16) != (r0, c0)
            });
            if covered || merged_first.contains(&(r, c16)) {
                continue;
            }
            let t = cell.text();
            match t.parse::<f64>() {
                Ok(n) if c != CODE_COLUMN && !t.contains(',') => {
                    ws.write_number(r, c16, n).unwrap();
                }
                _ if t.is_empty() => {}
                _ => {
                    ws.write_string(r, c16, &t).unwrap();
                }
            }
        }
    }
    let format = rust_xlsxwriter::Format::new();
    for &(r0, c0, r1, c1) in merges {
        let t = grid.rows[r0 as usize]
            .get(c0 as usize)
            .map(|c| c.text())
            .unwrap_or_default();
        ws.merge_range(r0, c0, r1, c1, &t, &format).unwrap();
    }
    if let Some(col) = hidden {
        ws.set_column_hidden(col).unwrap();
    }
    wb.save(xlsx).unwrap();
}

/// The merged cells of tong-hop (0-based, inclusive), as make_ods.py has them.
const TONG_HOP_MERGES: &[(u32, u16, u32, u16)] = &[
    (0, 0, 0, 8),
    (2, 5, 2, 6),
    (2, 0, 3, 0),
    (2, 1, 3, 1),
    (2, 2, 3, 2),
    (2, 3, 3, 3),
    (2, 4, 3, 4),
    (2, 7, 3, 7),
    (2, 8, 3, 8),
    (5, 1, 6, 1),
    (7, 1, 8, 1),
];

fn import_scores(content: &Path, sheet: &Path, output: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "import",
        "scores",
        s(sheet),
        "--content",
        s(content),
        "--date",
        "2023-12-15",
        "--stage",
        "tham dinh",
        "--output",
        s(output),
    ];
    args.extend(extra);
    run(&args)
}

#[test]
fn the_same_scores_from_xlsx_ods_and_csv_give_the_same_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let content = example_content();
    let xlsx = dir.path().join("tong-hop.xlsx");
    xlsx_from_csv(
        &fixture("tong-hop.csv"),
        &xlsx,
        "Tổng hợp",
        TONG_HOP_MERGES,
        Some(7),
    );
    let comma = std::fs::read(fixture("tong-hop.csv")).unwrap();
    let semicolon_bom = std::fs::read(fixture("tong-hop-cham-phay.csv")).unwrap();
    assert!(semicolon_bom.starts_with(b"\xef\xbb\xbf"));
    let comma_bom = dir.path().join("comma-bom.csv");
    std::fs::write(&comma_bom, [b"\xef\xbb\xbf".as_slice(), &comma].concat()).unwrap();
    let semicolon = dir.path().join("semicolon.csv");
    std::fs::write(&semicolon, &semicolon_bom[3..]).unwrap();
    let inputs = [
        xlsx,
        fixture("tong-hop.ods"),
        fixture("tong-hop.csv"),
        comma_bom,
        fixture("tong-hop-cham-phay.csv"),
        semicolon,
    ];
    let expected = std::fs::read_to_string(fixture("tong-hop.expected.yaml")).unwrap();
    for (i, input) in inputs.iter().enumerate() {
        let output = dir.path().join(format!("out-{i}.yaml"));
        let out = import_scores(&content, input, &output, &[]);
        assert!(
            out.status.success(),
            "{}: {}",
            input.display(),
            stderr(&out)
        );
        assert!(!stderr(&out).contains("lỗi:"), "{}", stderr(&out));
        let yaml = std::fs::read_to_string(&output).unwrap();
        assert_eq!(yaml, expected, "{} gives other YAML", input.display());
    }
}

#[test]
fn imported_scores_pass_check_and_show_on_unit_pages() {
    let dir = content_copy();
    let content = dir.path().join("content");
    let out = run(&[
        "import",
        "scores",
        s(&fixture("tong-hop.ods")),
        "--content",
        s(&content),
        "--date",
        "2023-12-15",
        "--stage",
        "thẩm định",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(content.join("scores/2023-12-15.yaml").exists());
    let check = run(&["check", "--content", s(&content)]);
    assert!(check.status.success(), "{}", stderr(&check));
    let public = dir.path().join("public");
    build(&content, &public, &[]);
    let page = std::fs::read_to_string(public.join("don-vi/tan-loi/index.html")).unwrap();
    // 7.1 appraised at 0.75 and 7.2 at 0.5, shown the Vietnamese way.
    assert!(page.contains("0,75"), "Tân Lợi's page lacks 0,75");
    let page = std::fs::read_to_string(public.join("don-vi/an-khuong/index.html")).unwrap();
    assert!(page.contains("Chưa có sáng kiến được công nhận"));
}

#[test]
fn a_second_import_does_not_overwrite_without_force() {
    let dir = content_copy();
    let content = dir.path().join("content");
    let output = content.join("scores/2023-12-15.yaml");
    let first = import_scores(&content, &fixture("tong-hop.csv"), &output, &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let again = import_scores(&content, &fixture("tong-hop.csv"), &output, &[]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    let forced = import_scores(&content, &fixture("tong-hop.csv"), &output, &["--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    // The same date into another file would make two snapshots of one day.
    let other = content.join("scores/khac.yaml");
    let twice = import_scores(&content, &fixture("tong-hop.csv"), &other, &[]);
    assert!(!twice.status.success());
    assert!(
        stderr(&twice).contains("đã có đợt điểm ngày 2023-12-15"),
        "{}",
        stderr(&twice)
    );
    assert!(!other.exists());
}

fn bad_sheet(dir: &Path) -> PathBuf {
    let xlsx = dir.join("sai.xlsx");
    xlsx_from_csv(&fixture("sai.csv"), &xlsx, "Tổng hợp", &[], None);
    xlsx
}

const BAD_ROWS: [&str; 3] = [
    "lỗi: sai.xlsx › Tổng hợp › dòng 3, cột B: không có đơn vị `Xã Thanh Anh`\n  gợi ý: có phải ý bạn là `thanh-an`?",
    "lỗi: sai.xlsx › Tổng hợp › dòng 4, cột D: điểm 1.5 của tiêu chí `1.5` vượt điểm tối đa 1",
    "lỗi: sai.xlsx › Tổng hợp › dòng 5, cột D: `đạt` không phải là số",
];

#[test]
fn bad_rows_are_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.yaml");
    let out = import_scores(&example_content(), &bad_sheet(dir.path()), &output, &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    for row in BAD_ROWS {
        assert!(err.contains(row), "missing:\n{row}\nin:\n{err}");
    }
    assert!(err.contains("3 lỗi"), "{err}");
    assert!(!output.exists(), "nothing may be written");
}

#[test]
fn skip_bad_writes_the_good_rows_and_still_reports_the_bad() {
    let dir = content_copy();
    let content = dir.path().join("content");
    let output = content.join("scores/2023-12-15.yaml");
    let out = import_scores(&content, &bad_sheet(dir.path()), &output, &["--skip-bad"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    for row in BAD_ROWS {
        assert!(err.contains(row), "missing:\n{row}\nin:\n{err}");
    }
    let yaml = std::fs::read_to_string(&output).unwrap();
    assert!(
        yaml.contains("unit: an-phu") && yaml.contains("unit: dong-no"),
        "{yaml}"
    );
    for bad in ["thanh-an", "minh-tam", "tan-hung"] {
        assert!(!yaml.contains(bad), "{bad} was written:\n{yaml}");
    }
    let check = run(&["check", "--content", s(&content)]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn wide_and_one_sheet_per_unit_forms() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("ngang.yaml");
    let out = import_scores(&example_content(), &fixture("ngang.csv"), &output, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let wide = std::fs::read_to_string(&output).unwrap();
    let per_unit = dir.path().join("tung-don-vi.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, title, rows) in [
        ("An Khương", "", [("1.4", 1.0), ("1.5", 0.0)]),
        (
            "Trang 2",
            "BẢNG TỰ CHẤM ĐIỂM CỦA UBND XÃ AN PHÚ",
            [("1.4", 0.5), ("1.5", 1.0)],
        ),
        ("Tân Lợi", "", [("1.4", 1.0), ("1.5", 0.5)]),
    ] {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        ws.write(0, 0, title).unwrap();
        ws.write(2, 0, "Mã tiêu chí").unwrap();
        ws.write(2, 1, "Điểm").unwrap();
        for (i, (code, points)) in rows.iter().enumerate() {
            ws.write(3 + i as u32, 0, *code).unwrap();
            ws.write(3 + i as u32, 1, *points).unwrap();
        }
    }
    wb.save(&per_unit).unwrap();
    let output2 = dir.path().join("tung-don-vi.yaml");
    let out = import_scores(&example_content(), &per_unit, &output2, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&output2).unwrap(), wide);
    assert!(
        wide.contains(
            "  - unit: an-phu\n    framework: commune\n    points:\n      \"1.4\": 0.5\n"
        )
    );
}

#[test]
fn a_total_that_does_not_add_up_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("tong.csv");
    std::fs::write(
        &csv,
        "Mã tiêu chí,Đơn vị,Điểm\n1.4,An Phú,1\n1.5,An Phú,0.5\n,Tổng cộng,2\n",
    )
    .unwrap();
    let output = dir.path().join("out.yaml");
    let out = import_scores(&example_content(), &csv, &output, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cảnh báo: tong.csv › dòng 4, cột C: dòng tổng: điểm 2 khác tổng các tiêu chí con đã nhập (1.5)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_cells_control_characters_are_shown_not_sent_to_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("dieu-khien.csv");
    // A unit's name with an escape sequence that would clear the screen,
    // and a carriage return that would rewrite the line.
    std::fs::write(
        &csv,
        "Mã tiêu chí,Đơn vị,Điểm\n1.4,\"\u{1b}[2JAn Phú\rXã giả\",1\n",
    )
    .unwrap();
    let output = dir.path().join("out.yaml");
    let out = import_scores(&example_content(), &csv, &output, &["--dry-run"]);
    let err = stderr(&out);
    assert!(!err.contains(['\u{1b}', '\r']), "{err:?}");
    assert!(err.contains("\\u{1b}[2JAn Phú\\rXã giả"), "{err}");
}

#[test]
fn task_lists_become_a_directive() {
    let dir = content_copy();
    let content = dir.path().join("content");
    let out = run(&[
        "import",
        "tasks",
        s(&fixture("nhiem-vu.csv")),
        "--content",
        s(&content),
        "--source",
        "Bảng theo dõi nhiệm vụ CCHC tháng 11/2023",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let file = content.join("tasks/bang-theo-doi-nhiem-vu-cchc-thang-11-2023.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap();
    for part in [
        "    lead: phong-van-hoa-thong-tin\n    partners: [van-phong-hdnd-ubnd]\n    criterion: \"district/7.2.5\"\n    due: 2023-11-13\n    status: done\n    done_on: 2023-11-12\n",
        "    criterion: \"district/3.4.3\"\n    due: 2023-11-20\n    due_text: \"trước ngày 20/11/2023\"\n",
        "    units: [an-khuong, an-phu]\n    criterion: \"commune/1.5\"\n    due: 2023-11-30\n    due_text: \"cuối tháng 11/2023\"\n",
        "    lead: tan-loi\n    due_text: \"thường xuyên\"\n",
    ] {
        assert!(yaml.contains(part), "missing:\n{part}\nin:\n{yaml}");
    }
    let check = run(&["check", "--content", s(&content)]);
    assert!(check.status.success(), "{}", stderr(&check));
}

/// The example site built once for the workbook tests.
fn built_example() -> &'static Path {
    static SITE: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        build(&example_content(), &dir.path().join("public"), &[]);
        dir
    })
    .path()
}

fn workbook_path(site: &Path) -> PathBuf {
    site.join("public/du-lieu/tiendo.xlsx")
}

fn no_formulas(path: &Path) {
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    for name in wb.sheet_names() {
        let formulas = wb.worksheet_formula(&name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "sheet {name} has a formula"
        );
    }
}

#[test]
fn the_workbook_is_typed_has_no_formulas_and_is_the_same_every_build() {
    let site = built_example();
    let path = workbook_path(site);
    let again = tempfile::tempdir().unwrap();
    build(&example_content(), &again.path().join("public"), &[]);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(workbook_path(again.path())).unwrap(),
        "two builds give different workbooks"
    );
    no_formulas(&path);
    let mut wb = calamine::open_workbook_auto(&path).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["Đơn vị", "Tiêu chí", "Điểm", "Kết quả", "Nhiệm vụ"]
    );
    let scores = wb.worksheet_range("Điểm").unwrap();
    let rows: Vec<&[Data]> = scores.rows().collect();
    // One row per score of the example's only snapshot (13 criteria).
    assert_eq!(rows.len(), 1 + 13);
    let row = rows
        .iter()
        .find(|r| r[4] == Data::String("8.4".into()))
        .expect("the 8.4 row");
    match &row[0] {
        Data::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            assert_eq!((y, m, day), (2023, 11, 1));
        }
        other => panic!("the snapshot is not a date cell: {other:?}"),
    }
    assert_eq!(row[1], Data::String("hon-quan".into()));
    assert_eq!(row[5], Data::Float(1.4));
    assert_eq!(
        row[9],
        Data::Float(1.5),
        "max of 8.4 in frameworks/district.yaml"
    );
    // Every sheet has a frozen, filterable header and sized columns.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    for n in 1..=5 {
        let mut xml = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name(&format!("xl/worksheets/sheet{n}.xml")).unwrap(),
            &mut xml,
        )
        .unwrap();
        assert!(
            xml.contains("state=\"frozen\""),
            "sheet {n} header not frozen"
        );
        assert!(
            xml.contains("<autoFilter ref=\"A1:"),
            "sheet {n} has no filter"
        );
        assert!(
            xml.contains("customWidth=\"1\""),
            "sheet {n} columns not sized"
        );
    }
    let tasks = wb.worksheet_range("Nhiệm vụ").unwrap();
    let due = tasks.rows().nth(1).unwrap()[5].clone();
    assert!(
        matches!(due, Data::DateTime(_)),
        "due is not a date: {due:?}"
    );
    let data_page = std::fs::read_to_string(site.join("public/du-lieu/index.html")).unwrap();
    assert!(data_page.contains("du-lieu/tiendo.xlsx"));
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    build(
        &repo().join("tests/fixtures/injection"),
        &dir.path().join("public"),
        &[],
    );
    let path = workbook_path(dir.path());
    no_formulas(&path);
    let mut wb = calamine::open_workbook_auto(&path).unwrap();
    let units = wb.worksheet_range("Đơn vị").unwrap();
    assert!(
        units
            .used_cells()
            .any(|(_, _, v)| *v
                == Data::String("=HYPERLINK(\"https://evil.example\",\"bấm\")".into())),
        "the formula-like name is not a text cell"
    );
}

#[test]
fn the_workbook_scores_sheet_imports_back_to_the_same_values() {
    let site = built_example();
    let dir = content_copy();
    let content = dir.path().join("content");
    let output = content.join("scores/2023-11-01.yaml");
    let out = run(&[
        "import",
        "scores",
        s(&workbook_path(site)),
        "--content",
        s(&example_content()),
        "--date",
        "2023-11-01",
        "--stage",
        "rà soát",
        "--output",
        s(&output),
        "--force",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("lỗi:"), "{}", stderr(&out));
    let options = tiendo::validate::Options::default();
    let load = |c: &Path| match tiendo::site::load_model(c, &options).unwrap() {
        tiendo::site::Outcome::Done(m, _) => m,
        tiendo::site::Outcome::Invalid(d) => panic!("{:?}", d.sorted()),
    };
    let (a, b) = (load(&example_content()), load(&content));
    assert_eq!(a.snapshots.len(), b.snapshots.len());
    for (sa, sb) in a.snapshots.iter().zip(&b.snapshots) {
        assert_eq!(sa.date, sb.date);
        assert_eq!(sa.units.len(), sb.units.len());
        for (ua, ub) in sa.units.iter().zip(sb.units.iter()) {
            assert_eq!((ua.unit, ua.framework), (ub.unit, ub.framework));
            assert_eq!(ua.points, ub.points, "points of unit {}", ua.unit);
            for (c, da) in &ua.details {
                let db = ub.detail(*c).expect("the long form comes back");
                assert_eq!(da.self_assessed, db.self_assessed);
                assert_eq!(da.appraised, db.appraised);
                assert_eq!(da.survey, db.survey);
                assert_eq!(da.evidence, db.evidence);
                assert_eq!(da.explanation, db.explanation);
            }
        }
    }
}

#[test]
fn the_workbook_tasks_sheet_reads_as_a_task_list_with_date_cells() {
    let site = built_example();
    let dir = content_copy();
    let content = dir.path().join("content");
    let out = run(&[
        "import",
        "tasks",
        s(&workbook_path(site)),
        "--sheet",
        "Nhiệm vụ",
        "--content",
        s(&content),
        "--source",
        "Bản sao nhiệm vụ",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let yaml = std::fs::read_to_string(content.join("tasks/ban-sao-nhiem-vu.yaml")).unwrap();
    // A task of the example, its deadline read from a date cell and its
    // wording from the column beside it.
    assert!(
        yaml.contains("    title: \"Cung cấp thư điện tử công vụ cho tất cả CBCCVC\"\n    lead: phong-van-hoa-thong-tin\n    criterion: \"district/7.2.5\"\n    due: 2023-11-13\n    due_text: \"trước ngày 13/11/2023\"\n"),
        "{yaml}"
    );
    let check = run(&["check", "--content", s(&content)]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn a_lead_naming_a_group_gives_each_commune_its_task_on_its_page() {
    let dir = content_copy();
    let content = dir.path().join("content");
    let out = run(&[
        "import",
        "tasks",
        s(&fixture("nhiem-vu-nhom.csv")),
        "--content",
        s(&content),
        "--source",
        "Công văn của Chủ tịch UBND huyện (mục 2)",
    ]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("`UBND các xã, thị trấn` là nhóm `cac-xa-thi-tran` (13 đơn vị)"),
        "{err}"
    );
    let yaml =
        std::fs::read_to_string(content.join("tasks/cong-van-cua-chu-tich-ubnd-huyen-muc-2.yaml"))
            .unwrap();
    for part in [
        "    title: \"Cập nhật hồ sơ CCHC của xã lên phần mềm chấm điểm\"\n    units: [cac-xa-thi-tran]\n",
        "    units: [an-khuong, an-phu, phuoc-an, tan-loi, dong-no, minh-tam, thanh-an, tan-hiep, tan-khai, minh-duc, tan-quan]\n",
        "    criterion: \"commune/1.6\"\n",
        "    units: [cac-co-quan-chuyen-mon, cac-xa-thi-tran]\n",
    ] {
        assert!(yaml.contains(part), "missing:\n{part}\nin:\n{yaml}");
    }
    let check = run(&["check", "--content", s(&content)]);
    assert!(check.status.success(), "{}", stderr(&check));
    let public = dir.path().join("public");
    build(&content, &public, &[]);
    let model = match tiendo::site::load_model(&content, &Default::default()).unwrap() {
        tiendo::site::Outcome::Done(m, _) => m,
        tiendo::site::Outcome::Invalid(d) => panic!("{:?}", d.sorted()),
    };
    let group = &model.groups[model.group_index["cac-xa-thi-tran"]];
    assert_eq!(group.members.len(), 13);
    for &u in &group.members {
        let id = &model.units[u].id;
        let page = std::fs::read_to_string(public.join(format!("don-vi/{id}/index.html"))).unwrap();
        assert!(
            page.contains("Cập nhật hồ sơ CCHC của xã lên phần mềm chấm điểm"),
            "{id}'s page lacks its task"
        );
        assert!(
            model
                .task_index
                .contains_key(&format!("cap-nhat-ho-so-cchc-cua-xa-len-{id}"))
        );
    }
    let office = std::fs::read_to_string(public.join("don-vi/phong-noi-vu/index.html")).unwrap();
    assert!(office.contains("Gửi báo cáo hoàn thành tiêu chí về Phòng Nội vụ"));
    assert!(!office.contains("Cập nhật hồ sơ CCHC của xã lên phần mềm chấm điểm"));
}

#[test]
fn a_phrase_that_names_no_group_is_refused_naming_the_groups() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.yaml");
    let out = run(&[
        "import",
        "tasks",
        s(&fixture("nhiem-vu-nhom-sai.csv")),
        "--content",
        s(&example_content()),
        "--source",
        "x",
        "--output",
        s(&output),
    ]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(
        err.contains("lỗi: nhiem-vu-nhom-sai.csv › dòng 2, cột C: không có nhóm đơn vị `UBND các phường`\n  gợi ý: các nhóm có: `cac-co-quan-chuyen-mon` (Các cơ quan chuyên môn thuộc huyện), `cac-xa-thi-tran` (UBND các xã, thị trấn)"),
        "{err}"
    );
    assert!(
        err.contains("lỗi: nhiem-vu-nhom-sai.csv › dòng 3, cột C: `12 UBND xã, thị trấn` ghi 12 đơn vị nhưng nhóm `cac-xa-thi-tran` có 13"),
        "{err}"
    );
    assert!(!output.exists());
}

#[test]
fn a_dry_run_writes_nothing_and_prints_every_unit_and_sum() {
    let dir = content_copy();
    let content = dir.path().join("content");
    let before = snapshot_dir(&content);
    let out = run(&[
        "import",
        "scores",
        s(&fixture("ngang.csv")),
        "--content",
        s(&content),
        "--date",
        "2023-12-15",
        "--stage",
        "thẩm định",
        "--dry-run",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        snapshot_dir(&content),
        before,
        "--dry-run wrote into the content"
    );
    let table = String::from_utf8_lossy(&out.stdout);
    // ngang.csv: 1.4 and 1.5 of three communes, and the sheet's totals.
    for line in [
        "đơn vị     1.4  1.5  tổng  tổng trên bảng",
        "an-khuong  1    0    1     1",
        "an-phu     0.5  1    1.5   1.5",
        "tan-loi    1    0.5  1.5   1.5",
    ] {
        assert!(table.contains(line), "missing:\n{line}\nin:\n{table}");
    }
    assert!(
        stderr(&out)
            .contains("chạy thử, không ghi tệp: sẽ ghi 6 điểm tiêu chí (6 giá trị) của 3 đơn vị")
    );
    let json = run(&[
        "import",
        "scores",
        s(&fixture("ngang.csv")),
        "--content",
        s(&content),
        "--date",
        "2023-12-15",
        "--stage",
        "thẩm định",
        "--dry-run",
        "--format",
        "json",
    ]);
    assert!(json.status.success());
    assert_eq!(snapshot_dir(&content), before);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["written"], false);
    let units: Vec<(&str, f64)> = v["scores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["unit"].as_str().unwrap(), u["sum"].as_f64().unwrap()))
        .collect();
    assert_eq!(
        units,
        [("an-khuong", 1.0), ("an-phu", 1.5), ("tan-loi", 1.5)]
    );
    assert_eq!(v["scores"][1]["sheet_total"], 1.5);
    assert_eq!(v["tables"][0]["form"], "wide");
}

/// The examples of docs/import.md marked `<!-- import: FILE -->` or
/// `<!-- dry-run: FILE -->`, each with the code block under it.
fn docs_examples() -> Vec<(String, String, String)> {
    let doc = std::fs::read_to_string(repo().join("docs/import.md")).unwrap();
    let mut out = Vec::new();
    let mut rest = doc.as_str();
    while let Some(at) = rest.find("<!-- ") {
        rest = &rest[at + 5..];
        let Some((marker, after)) = rest.split_once(" -->") else {
            break;
        };
        if let Some((kind, file)) = marker.split_once(": ") {
            let block = after.split_once("```").unwrap().1;
            let block = block.split_once('\n').unwrap().1;
            let block = block.split_once("```").unwrap().0;
            out.push((kind.to_string(), file.to_string(), block.to_string()));
        }
        rest = after;
    }
    out
}

#[test]
fn the_examples_of_docs_import_are_what_import_gives() {
    let examples = docs_examples();
    assert!(examples.len() >= 4, "{examples:?}");
    let dir = tempfile::tempdir().unwrap();
    for (kind, file, block) in examples {
        let output = dir.path().join("out.yaml");
        let extra: &[&str] = if kind == "dry-run" {
            &["--dry-run"]
        } else {
            &["--force"]
        };
        let out = import_scores(&example_content(), &fixture(&file), &output, extra);
        assert!(out.status.success(), "{file}: {}", stderr(&out));
        let got = if kind == "dry-run" {
            String::from_utf8_lossy(&out.stdout).into_owned()
        } else {
            let yaml = std::fs::read_to_string(&output).unwrap();
            yaml[yaml.find("scores:").unwrap()..].to_string()
        };
        assert_eq!(
            got, block,
            "docs/import.md's example of {file} is not what import gives"
        );
    }
}

#[test]
fn a_numbering_read_as_codes_is_not_taken_in_silence() {
    // STT numbers the rows; the titles carry no codes. Rows 1 and 3 read
    // as fields (parents) with nothing under them: said, and nothing is
    // written.
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("stt.csv");
    std::fs::write(
        &csv,
        "STT,Nội dung,An Khương\n1,Tuyên truyền về CCHC,1\n3,Công khai TTHC,0.5\n",
    )
    .unwrap();
    let output = dir.path().join("out.yaml");
    let out = import_scores(&example_content(), &csv, &output, &[]);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    for line in [
        "cảnh báo: stt.csv › dòng 2, cột C: tiêu chí cha `1`: điểm 1 khác tổng các tiêu chí con đã nhập (0)",
        "cảnh báo: stt.csv › dòng 3, cột C: tiêu chí cha `3`: điểm 0.5 khác tổng các tiêu chí con đã nhập (0)",
        "không có dòng nào để nhập; không ghi tệp",
    ] {
        assert!(err.contains(line), "missing:\n{line}\nin:\n{err}");
    }
    assert!(!output.exists());
}
