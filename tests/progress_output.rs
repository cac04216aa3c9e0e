//! Progress of long builds: on a terminal only, never with --quiet, never
//! in a pipe; the summary line stays.

mod common;

use std::process::Command;

use common::*;

/// Progress shown at once instead of after a second, so that a small site
/// would show it.
const AT_ONCE: (&str, &str) = ("TIENDO_PROGRESS_AFTER_MS", "0");

#[test]
fn a_build_into_a_pipe_prints_no_progress_and_keeps_the_summary() {
    let tmp = tempfile::tempdir().unwrap();
    for command in ["build", "check"] {
        let mut run = if command == "build" {
            build_command(&example_content(), &tmp.path().join("public"))
        } else {
            let mut c = Command::new(env!("CARGO_BIN_EXE_tiendo"));
            c.args(["check", "--content", example_content().to_str().unwrap()]);
            c
        };
        let out = run.env(AT_ONCE.0, AT_ONCE.1).output().unwrap();
        assert!(out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains('\r') && !stderr.contains('\x1b'),
            "{stderr:?}"
        );
        assert!(
            !stderr.contains("tạo trang") && !stderr.contains("đọc nội dung"),
            "{stderr}"
        );
        let last = stderr.lines().last().unwrap_or("");
        let summary = if command == "build" {
            "đã tạo"
        } else {
            "nội dung hợp lệ"
        };
        assert!(last.starts_with(summary), "{command}: last line {last:?}");
    }
}

/// `script` runs the build on a pseudo-terminal, as a user's terminal.
/// It is part of every Debian system (bsdutils); `tests/run-all.sh`
/// installs it where it is missing.
fn on_a_terminal(extra: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let line = format!(
        "{} build --content {} --output {} {extra}",
        env!("CARGO_BIN_EXE_tiendo"),
        example_content().display(),
        tmp.path().join("public").display()
    );
    let out = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env(AT_ONCE.0, AT_ONCE.1)
        .output()
        .expect("`script` runs the build on a terminal: install bsdutils (util-linux)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_terminal_shows_progress_unless_quiet() {
    let shown = on_a_terminal("");
    assert!(shown.contains("tạo trang"), "{shown:?}");
    assert!(shown.contains("đã tạo"), "the summary stays: {shown:?}");
    let quiet = on_a_terminal("--quiet");
    assert!(
        !quiet.contains("tạo trang") && !quiet.contains("đọc nội dung"),
        "{quiet:?}"
    );
    assert!(quiet.contains("đã tạo"), "{quiet:?}");
}
