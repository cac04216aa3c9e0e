//! A corpus of broken content folders, one problem each (a few combine two on
//! purpose): `tiendo check` reports each with its exact message, file, line
//! and hint, exits with 1 (0 when there are only warnings), never panics and
//! never takes long; `tiendo build` leaves the published site alone.
//!
//! A case is a folder of `tests/fixtures/bad/`, applied over
//! `tests/fixtures/minimal/` in a temporary copy:
//!
//! - `overlay/`: files that replace or are added to the base;
//! - `remove.txt`: files of the base to delete, one a line;
//! - `generate.txt`: files made at test time, `<kind> <path>` a line, for what
//!   is too big or too odd to commit (see [`generate`]);
//! - `expected.txt`: lines that must each appear in a line of stderr. A count
//!   line (`2 lỗi, 0 cảnh báo`) must be a whole line, so that a cascade of
//!   extra errors fails the test. Blank lines and lines starting with `#` are
//!   comments. The exit code must be 1 when a line starts with `lỗi:`, else 0.
//!
//! A new case starts with an empty `expected.txt`: its test fails and
//! prints all that `tiendo check` said, to copy the lines that matter from.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// How long one `tiendo check` of a tiny folder may take, at most.
const LIMIT: Duration = Duration::from_secs(10);

fn cases_dir() -> PathBuf {
    repo().join("tests/fixtures/bad")
}

fn minimal() -> PathBuf {
    repo().join("tests/fixtures/minimal")
}

/// A case applied over a copy of the minimal site.
struct Case {
    name: String,
    dir: tempfile::TempDir,
    expected: Vec<String>,
}

impl Case {
    fn content(&self) -> PathBuf {
        self.dir.path().join("content")
    }

    fn expects_error(&self) -> bool {
        self.expected.iter().any(|l| l.starts_with("lỗi:"))
    }
}

fn lines_of(path: &Path) -> Vec<String> {
    if !path.is_file() {
        return Vec::new();
    }
    read(path)
        .lines()
        .map(|l| l.trim_end().to_string())
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .collect()
}

fn prepare(name: &str) -> Case {
    let case = cases_dir().join(name);
    assert!(case.is_dir(), "no case folder {}", case.display());
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&minimal(), &content);
    for rel in lines_of(&case.join("remove.txt")) {
        let target = content.join(rel.trim());
        if target.is_dir() {
            std::fs::remove_dir_all(&target).unwrap();
        } else {
            std::fs::remove_file(&target)
                .unwrap_or_else(|e| panic!("{name}: removing {}: {e}", target.display()));
        }
    }
    if case.join("overlay").is_dir() {
        copy_dir(&case.join("overlay"), &content);
    }
    for line in lines_of(&case.join("generate.txt")) {
        let (kind, rel) = line
            .split_once(' ')
            .unwrap_or_else(|| panic!("{name}: generate.txt line `{line}`"));
        generate(kind, &content.join(rel.trim()));
    }
    let expected = lines_of(&case.join("expected.txt"));
    Case {
        name: name.to_string(),
        dir,
        expected,
    }
}

/// Makes a file at test time:
///
/// - `latin1`: re-encodes the (UTF-8, Latin-1 only) file there as Latin-1;
/// - `large`: a file of 65 MiB, just over the limit (sparse: no disk used);
/// - `long-line`: a note with a 1.5 MiB line on line 6;
/// - `crlf`: rewrites the file there with Windows line ends;
/// - `deep`: a score snapshot whose points hold a list nested 5000 deep.
fn generate(kind: &str, path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    match kind {
        "latin1" => {
            let text = read(path);
            let bytes: Vec<u8> = text
                .chars()
                .map(|c| u8::try_from(u32::from(c)).expect("only Latin-1 characters"))
                .collect();
            assert!(bytes.iter().any(|&b| b >= 0x80), "nothing to re-encode");
            std::fs::write(path, bytes).unwrap();
        }
        "large" => {
            let file = std::fs::File::create(path).unwrap();
            file.set_len(65 * 1024 * 1024).unwrap();
        }
        "long-line" => {
            let mut text =
                String::from("---\ntitle: \"Ghi chú dài\"\ndate: 2023-11-05\n---\nMở đầu.\n");
            text.push_str(&"a".repeat(1536 * 1024));
            text.push('\n');
            std::fs::write(path, text).unwrap();
        }
        "crlf" => {
            let text = read(path);
            assert!(!text.contains('\r'));
            std::fs::write(path, text.replace('\n', "\r\n")).unwrap();
        }
        "deep" => {
            let depth = 5000;
            let text = format!(
                "date: 2023-11-02\nstage: rà soát\nscores:\n  - unit: xa-dong-no\n    points:\n      \"1.1\": {}{}\n",
                "[".repeat(depth),
                "]".repeat(depth)
            );
            std::fs::write(path, text).unwrap();
        }
        other => panic!("unknown generator `{other}`"),
    }
}

/// Output of one run: exit code (None when killed), stdout, stderr, time.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    took: Duration,
}

/// Runs tiendo with output to files (no pipe to fill) and kills it when it
/// takes more than three times [`LIMIT`].
fn run_tiendo(dir: &Path, args: &[&str]) -> Run {
    let out_path = dir.join("stdout.txt");
    let err_path = dir.join("stderr.txt");
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tiendo"))
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("the tiendo binary runs");
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if start.elapsed() > LIMIT * 3 {
            child.kill().unwrap();
            child.wait().unwrap();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let took = start.elapsed();
    let text = |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap()).to_string();
    let run = Run {
        code,
        stdout: text(&out_path),
        stderr: text(&err_path),
        took,
    };
    std::fs::remove_file(out_path).unwrap();
    std::fs::remove_file(err_path).unwrap();
    run
}

fn is_count_line(line: &str) -> bool {
    line.starts_with(|c: char| c.is_ascii_digit()) && line.ends_with(" cảnh báo")
}

/// Checks the output of a run against a case; returns every mismatch.
fn mismatches(case: &Case, run: &Run) -> Vec<String> {
    let mut problems = Vec::new();
    let want = if case.expects_error() { 1 } else { 0 };
    if run.code != Some(want) {
        problems.push(format!("exit code {:?}, expected {want}", run.code));
    }
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        for bad in ["panicked", "RUST_BACKTRACE"] {
            if text.contains(bad) {
                problems.push(format!("{stream} contains `{bad}`"));
            }
        }
    }
    if run.took > LIMIT {
        problems.push(format!(
            "took {:.1} s (limit {} s)",
            run.took.as_secs_f64(),
            LIMIT.as_secs()
        ));
    }
    let lines: Vec<&str> = run.stderr.lines().map(str::trim_end).collect();
    for e in &case.expected {
        let found = if is_count_line(e) {
            lines.iter().any(|l| l == e)
        } else {
            lines.iter().any(|l| l.contains(e.as_str()))
        };
        if !found {
            problems.push(format!("missing line: {e}"));
        }
    }
    if !case.expects_error() && lines.iter().any(|l| l.starts_with("lỗi")) {
        problems.push("an error was reported where none is expected".into());
    }
    if !case.expected.iter().any(|l| is_count_line(l))
        && lines.iter().any(|l| l.starts_with("cảnh báo"))
    {
        problems.push("a warning was reported where none is expected".into());
    }
    problems
}

fn run_case(name: &str) {
    let case = prepare(name);
    let content = case.content();
    let run = run_tiendo(
        case.dir.path(),
        &["check", "--content", content.to_str().unwrap()],
    );
    let mut problems = mismatches(&case, &run);
    if case.expected.is_empty() {
        problems.insert(0, "expected.txt is missing or empty".into());
    }
    assert!(
        problems.is_empty(),
        "case `{}`:\n  - {}\n--- stderr:\n{}\n--- stdout:\n{}",
        case.name,
        problems.join("\n  - "),
        run.stderr,
        run.stdout
    );
}

macro_rules! cases {
    ($($case:ident,)*) => {
        $(
            #[test]
            fn $case() {
                run_case(&stringify!($case).replace('_', "-"));
            }
        )*
        const CASES: &[&str] = &[$(stringify!($case)),*];
    };
}

cases! {
    // YAML itself
    yaml_syntax_error,
    tab_indentation,
    unknown_field,
    empty_units_file,
    empty_task_file,
    deep_nesting,
    yaml_alias_bomb,
    // required fields and files
    missing_site_title,
    missing_base_url,
    missing_unit_name,
    missing_unit_kind,
    missing_note_date,
    unknown_note_field,
    missing_criterion_title,
    missing_site,
    missing_units,
    note_without_front_matter,
    note_unclosed_front_matter,
    // reading files
    non_utf8_file,
    file_too_large,
    long_line,
    crlf_note_bad_date,
    // unit references
    unknown_lead,
    unknown_partner,
    unknown_fanout_unit,
    unknown_escalation_units,
    unknown_assignment_owner,
    unknown_assignment_partner,
    unknown_note_unit,
    unknown_note_task,
    unknown_score_unit,
    unknown_parent,
    // criterion and framework references
    unknown_criterion_code,
    unknown_score_code,
    criterion_without_framework,
    unknown_framework_in_criterion,
    unknown_unit_framework,
    duplicate_criterion_code,
    leaf_without_max,
    blank_legal_basis,
    // points
    score_above_max,
    score_self_above_max,
    negative_score,
    score_not_a_number,
    score_too_many_decimals,
    score_on_parent_criterion,
    // dates
    date_invalid_day,
    date_invalid_month,
    date_in_words,
    date_invalid_dd_mm_yyyy,
    date_as_a_list,
    // ids and duplicates
    duplicate_unit_id,
    duplicate_task_id,
    duplicate_fanout_task_id,
    duplicate_snapshot_date,
    invalid_unit_id,
    invalid_task_id,
    parent_cycle,
    unit_own_parent,
    // groups of units
    group_unknown_unit,
    group_id_of_a_unit,
    group_without_units,
    // tasks, snapshots, notes, site
    task_lead_and_units,
    task_without_lead,
    done_without_done_on,
    invalid_status,
    invalid_escalation_when,
    invalid_stage,
    invalid_audience,
    invalid_note_file_name,
    duplicate_note_name,
    invalid_base_url,
    invalid_base_url_host,
    invalid_timezone,
    two_problems_in_one_task,
    // warnings only, and forms that are accepted
    warning_task_without_due,
    warning_stray_file,
    accepted_vietnamese_forms,
    accepted_service_unit_kind,
    accepted_group_in_tasks,
}

#[test]
fn every_case_folder_is_tested_and_there_are_enough() {
    let mut folders: Vec<String> = std::fs::read_dir(cases_dir())
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    folders.sort();
    let mut listed: Vec<String> = CASES.iter().map(|c| c.replace('_', "-")).collect();
    listed.sort();
    assert_eq!(
        folders, listed,
        "folders of tests/fixtures/bad vs cases! list"
    );
    let errors = folders
        .iter()
        .filter(|f| {
            lines_of(&cases_dir().join(f).join("expected.txt"))
                .iter()
                .any(|l| l.starts_with("lỗi:"))
        })
        .count();
    assert!(errors >= 32, "only {errors} error cases");
}

#[test]
fn the_base_site_itself_is_valid() {
    let out = tiendo(&["check", "--content", minimal().to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A failed build leaves a previously built site byte-identical, and nothing
/// beside it.
#[test]
fn failed_builds_leave_the_published_site_byte_identical() {
    for name in [
        "yaml-syntax-error",
        "unknown-lead",
        "duplicate-unit-id",
        "non-utf8-file",
        "file-too-large",
        "yaml-alias-bomb",
        "missing-site",
        "score-above-max",
    ] {
        let case = prepare(name);
        let work = case.dir.path().join("work");
        std::fs::create_dir(&work).unwrap();
        let output = work.join("public");
        build(&minimal(), &output, &[]);
        let before = snapshot_dir(&output);
        assert!(before.contains_key("index.html"), "{name}: no site built");
        let run = run_tiendo(
            case.dir.path(),
            &[
                "build",
                "--content",
                case.content().to_str().unwrap(),
                "--output",
                output.to_str().unwrap(),
            ],
        );
        assert_eq!(run.code, Some(1), "{name}: build exit code\n{}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
        assert!(run.took < LIMIT, "{name}: build took {:?}", run.took);
        assert!(
            snapshot_dir(&output) == before,
            "{name}: the previous site was changed"
        );
        let beside: Vec<String> = std::fs::read_dir(&work)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|n| n != "public")
            .collect();
        assert!(
            beside.is_empty(),
            "{name}: left beside the site: {beside:?}"
        );
    }
}
