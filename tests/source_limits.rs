//! The house rule on size, kept: no file in `src/` over 600 lines before
//! its tests. (Functions are kept to 70 lines by clippy: `clippy.toml` and
//! the `too_many_lines` lint of `src/lib.rs` and `src/main.rs`.)

mod common;

const MAX_LINES: usize = 600;

/// The lines of a source file before its test module: an attribute
/// `#[cfg(test)]` at the margin, then `mod …{` on the next line (a
/// `#[cfg(test)] mod helpers;` declared among the others does not end the
/// count).
fn lines_before_tests(text: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .windows(2)
        .position(|w| w[0] == "#[cfg(test)]" && w[1].starts_with("mod ") && w[1].ends_with('{'))
        .unwrap_or(lines.len())
}

#[test]
fn no_file_in_src_is_over_600_lines_before_its_tests() {
    let src = common::repo().join("src");
    let mut over = Vec::new();
    let mut files = 0;
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        files += 1;
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let lines = lines_before_tests(&text);
        if lines > MAX_LINES {
            let rel = entry.path().strip_prefix(&src).unwrap().display();
            over.push(format!("src/{rel}: {lines} lines"));
        }
    }
    assert!(files > 100, "found {files} source files");
    assert!(
        over.is_empty(),
        "over {MAX_LINES} lines before their tests: split them\n{}",
        over.join("\n")
    );
}

#[test]
fn lines_are_counted_up_to_the_test_module() {
    let code = "fn a() {}\n".repeat(MAX_LINES + 1);
    assert_eq!(lines_before_tests(&code), MAX_LINES + 1);
    let with_tests = format!("{code}#[cfg(test)]\nmod tests {{\n    fn t() {{}}\n}}\n");
    assert_eq!(lines_before_tests(&with_tests), MAX_LINES + 1);
    let helpers = format!("#[cfg(test)]\nmod testing;\n{code}");
    assert_eq!(lines_before_tests(&helpers), MAX_LINES + 3);
    let small = "fn a() {}\n#[cfg(test)]\nmod tests {\n}\n";
    assert_eq!(lines_before_tests(small), 1);
}
