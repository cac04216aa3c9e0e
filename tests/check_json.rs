//! `tiendo check --format json`: one JSON object per problem and line, whose
//! file and line are those of the text diagnostics; and warnings that share
//! a cause are shown once.

mod bad_cases;
mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

fn check(content: &Path, json: bool) -> (String, String, Option<i32>) {
    let mut args = vec!["check", "--content", content.to_str().unwrap()];
    if json {
        args.extend(["--format", "json"]);
    }
    let out = tiendo(&args);
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code(),
    )
}

/// `file:line` (or `file` when the problem has no line) of each problem of
/// the text output, in order.
fn text_places(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter_map(|l| {
            l.strip_prefix("lỗi: ")
                .or_else(|| l.strip_prefix("cảnh báo: "))
        })
        .map(|rest| {
            let mut parts = rest.splitn(3, ':');
            let file = parts.next().unwrap().to_string();
            match parts.next().map(str::trim) {
                Some(n) if n.parse::<usize>().is_ok() => format!("{file}:{n}"),
                _ => file,
            }
        })
        .collect()
}

fn json_places(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
            for key in ["severity", "file", "message"] {
                assert!(v[key].is_string(), "{key} in {l}");
            }
            assert!(v["hint"].is_string() || v["hint"].is_null(), "{l}");
            let file = v["file"].as_str().unwrap();
            match v["line"].as_u64() {
                Some(n) => {
                    assert!(v["column"].as_u64().unwrap() >= 1, "{l}");
                    format!("{file}:{n}")
                }
                None => file.to_string(),
            }
        })
        .collect()
}

#[test]
fn json_diagnostics_match_the_text_ones_on_every_broken_fixture() {
    let mut compared = 0;
    for name in bad_cases::plain_cases() {
        let dir = bad_cases::prepare(&name);
        let content = dir.path().join("content");
        let (_, text, text_code) = check(&content, false);
        let (json, json_stderr, json_code) = check(&content, true);
        assert_eq!(text_code, json_code, "{name}: exit codes");
        assert!(json_stderr.is_empty(), "{name}: {json_stderr}");
        let places = text_places(&text);
        assert_eq!(json_places(&json), places, "{name}:\n{text}\n{json}");
        compared += places.len();
    }
    assert!(compared > 40, "only {compared} problems compared");
}

#[test]
fn a_valid_site_gives_no_json_line() {
    let (json, _, code) = check(&repo().join("tests/fixtures/minimal"), true);
    assert_eq!(code, Some(0));
    assert!(
        json.lines()
            .all(|l| serde_json::from_str::<Value>(l).is_ok())
    );
}

/// A warning's message with the names in it (`` `tan-loi` ``) left out: two
/// warnings with the same such message have one cause.
fn cause_of(message: &str) -> String {
    message
        .split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
        .map(|(_, part)| part)
        .collect::<Vec<_>>()
        .join("`…`")
}

#[test]
fn building_the_example_gives_at_most_one_warning_per_cause() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = build(&example_content(), &out_dir.path().join("public"), &[]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    let warnings: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("cảnh báo: "))
        .map(|l| l.splitn(4, ':').last().unwrap().trim())
        .collect();
    let mut causes: Vec<String> = warnings.iter().map(|w| cause_of(w)).collect();
    causes.sort();
    let before = causes.len();
    causes.dedup();
    assert_eq!(before, causes.len(), "{stderr}");
    // The thirteen communes without scores are one warning naming each.
    let unscored = warnings
        .iter()
        .find(|w| w.contains("chưa có điểm"))
        .expect("the example has communes without scores");
    assert!(unscored.starts_with("13 đơn vị"), "{unscored}");
    for unit in ["`an-khuong`", "`tan-loi`", "`tan-hung`"] {
        assert!(unscored.contains(unit), "{unit} in {unscored}");
    }
    assert!(
        stderr.contains(&format!("0 lỗi, {} cảnh báo", warnings.len())),
        "{stderr}"
    );
}
