//! The command line's help in the officer's language: Vietnamese unless
//! the locale says English, in the words of the diagnostics.

use std::process::{Command, Output};

/// `tiendo ARGS` with only `vars` of the locale's variables set.
fn tiendo_in_locale(vars: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tiendo"));
    for var in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        command.env_remove(var);
    }
    command
        .envs(vars.iter().copied())
        .args(args)
        .output()
        .expect("the tiendo binary runs")
}

fn help(vars: &[(&str, &str)], args: &[&str]) -> String {
    let out = tiendo_in_locale(vars, args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn help_is_vietnamese_unless_the_locale_is_english() {
    for vars in [
        &[][..],
        &[("LANG", "C.UTF-8")][..],
        &[("LANG", "vi_VN.UTF-8")][..],
        &[("LANG", "en_US.UTF-8"), ("LC_ALL", "vi_VN.UTF-8")][..],
    ] {
        let top = help(vars, &["--help"]);
        assert!(top.contains("Cách dùng: tiendo <LỆNH>"), "{vars:?}:\n{top}");
        assert!(
            top.contains("Lệnh:") && top.contains("tiendo help noi-dung"),
            "{top}"
        );
        let build = help(vars, &["build", "--help"]);
        assert!(
            build.contains("Tạo trang web từ thư mục nội dung"),
            "{build}"
        );
        assert!(
            build.contains("Thư mục nội dung [mặc định: content]"),
            "{build}"
        );
        assert!(
            !build.contains("Usage") && !build.contains("Options"),
            "{build}"
        );
    }
    for vars in [
        &[("LANG", "en_US.UTF-8")][..],
        &[("LANG", "vi_VN.UTF-8"), ("LC_MESSAGES", "en_GB.UTF-8")][..],
        &[("LC_ALL", "en_US.UTF-8")][..],
    ] {
        let build = help(vars, &["build", "--help"]);
        assert!(
            build.contains("Usage: tiendo build [OPTIONS]"),
            "{vars:?}:\n{build}"
        );
        assert!(
            build.contains("Build the site from the content folder"),
            "{build}"
        );
        assert!(
            build.contains("Content folder [default: content]"),
            "{build}"
        );
    }
}

#[test]
fn build_and_serve_share_their_flags_and_words() {
    let build = help(&[], &["build", "--help"]);
    let serve = help(&[], &["serve", "--help"]);
    let flag_line = |text: &str, flag: &str| {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(flag))
            .unwrap_or_else(|| panic!("{flag} missing:\n{text}"));
        // The help after the flag, whatever the width of the column.
        let help = &line.trim_start()[flag.len()..];
        help.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    for flag in ["--content", "--as-of", "--audience", "--theme"] {
        assert_eq!(flag_line(&build, flag), flag_line(&serve, flag), "{flag}");
    }
}

#[test]
fn a_mistake_is_told_like_a_problem_of_the_content() {
    let out = tiendo_in_locale(&[("LANG", "vi_VN.UTF-8")], &["serve", "--prot", "8080"]);
    assert_eq!(out.status.code(), Some(2));
    let messages = String::from_utf8_lossy(&out.stderr);
    assert!(
        messages.starts_with("lỗi: không có tùy chọn `--prot`"),
        "{messages}"
    );
    assert!(
        messages.contains("gợi ý: có phải ý bạn là `--port`?"),
        "{messages}"
    );
    assert!(
        messages.contains("Xem hướng dẫn: tiendo serve --help"),
        "{messages}"
    );
    // Without a command, the help, as a mistake (exit code 2).
    let out = tiendo_in_locale(&[], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Cách dùng: tiendo"));
}
