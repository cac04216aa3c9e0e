//! `tiendo help <topic>`: what an officer reads offline instead of the
//! repository's docs. Each topic is one file built into the binary; these
//! tests keep it naming what the code and the English reference name, so
//! that neither can change alone.

mod common;

use std::collections::BTreeSet;

use common::*;
use tiendo::limits::LIMITS;

fn topic(name: &str) -> String {
    let out = tiendo(&["help", name]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The text with every run of blanks as one space: names wrap over lines.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every property name of the JSON Schemas `tiendo schema` writes: the
/// fields the loader reads.
fn schema_fields() -> BTreeSet<String> {
    fn walk(value: &serde_json::Value, out: &mut BTreeSet<String>) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                    out.extend(props.keys().cloned());
                }
                map.values().for_each(|v| walk(v, out));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let out = tiendo(&["schema", dir.path().to_str().unwrap()]);
    assert!(out.status.success());
    let mut fields = BTreeSet::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let text = read(&entry.unwrap().path());
        walk(&serde_json::from_str(&text).unwrap(), &mut fields);
    }
    fields
}

/// The first cells of a Markdown file's table rows, where they are one
/// `name` in backticks: the fields (or options) a reference documents.
fn documented(markdown: &str) -> BTreeSet<String> {
    markdown
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`'))
        .map(|(name, _)| name.split_whitespace().next().unwrap_or(name).to_string())
        .collect()
}

#[test]
fn the_content_topic_names_every_field_the_loader_reads() {
    let text = topic("noi-dung");
    let fields = schema_fields();
    assert!(fields.len() > 50, "{fields:?}");
    for field in &fields {
        assert!(text.contains(&format!("`{field}`")), "`{field}` missing");
    }
    // …and every field the English reference documents.
    let reference = documented(&read(&repo().join("docs/content-format.md")));
    let fields_there: Vec<&String> = reference.iter().filter(|f| !f.ends_with(".json")).collect();
    assert!(fields_there.len() > 30, "{reference:?}");
    for field in fields_there {
        assert!(text.contains(&format!("`{field}`")), "`{field}` missing");
    }
}

#[test]
fn the_import_topic_names_every_option_and_header_of_the_reference() {
    let text = flat(&topic("nhap"));
    let reference = read(&repo().join("docs/import.md"));
    let options = documented(&reference);
    let options: Vec<&String> = options.iter().filter(|o| o.starts_with("--")).collect();
    assert!(options.len() >= 10, "{options:?}");
    for option in options {
        assert!(text.contains(option.as_str()), "{option} missing");
    }
    // The accepted header names: the second cell of the tables of names
    // (for scores, and for task lists), without their notes in brackets.
    let mut names = 0;
    let mut in_names = false;
    for line in reference.lines() {
        if line.starts_with('#') {
            in_names = line == "### Header names for scores" || line == "## Task lists";
            continue;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // A row of names starts with a column's name in English words.
        let named_row = cells.len() >= 4
            && !cells[1].is_empty()
            && cells[1] != "column"
            && cells[1].chars().all(|c| c.is_ascii_lowercase() || c == ' ');
        if !in_names || !named_row {
            continue;
        }
        let accepted = cells[2].split(" (").next().unwrap();
        let separator = if accepted.contains('·') { '·' } else { ',' };
        for name in accepted.split(separator).map(str::trim) {
            names += 1;
            assert!(
                text.contains(name),
                "header `{name}` ({}) missing",
                cells[1]
            );
        }
    }
    assert!(
        names > 60,
        "only {names} header names read from the reference"
    );
}

#[test]
fn the_committee_topic_says_what_the_code_does() {
    let text = flat(&topic("ban-chi-dao"));
    for fact in [
        "--audience committee",
        "--secret-path",
        "--passphrase-file",
        "TIENDO_PASSPHRASE",
        ".tiendo/committee-secret",
        "AES-256-GCM",
        "PBKDF2-HMAC-SHA256",
    ] {
        assert!(text.contains(fact), "{fact} missing");
    }
    let rounds = LIMITS.pbkdf2_iterations.to_string();
    let (thousands, rest) = rounds.split_at(rounds.len() - 3);
    assert!(
        text.contains(&format!("{thousands}.{rest} vòng")),
        "{rounds} rounds"
    );
}

#[test]
fn topics_are_found_with_or_without_accents_and_unknown_ones_are_named() {
    assert_eq!(topic("nội dung"), topic("noi-dung"));
    let out = tiendo(&["help", "noi-dugn"]);
    assert_eq!(out.status.code(), Some(1));
    let messages = String::from_utf8_lossy(&out.stderr);
    assert!(
        messages.contains("không có chủ đề hay lệnh `noi-dugn`")
            && messages.contains("noi-dung, nhap, ban-chi-dao"),
        "{messages}"
    );
    // A command's help, as `--help` gives it.
    let help = tiendo(&["help", "build"]);
    let flag = tiendo(&["build", "--help"]);
    assert_eq!(help.stdout, flag.stdout);
}

#[test]
fn every_hint_that_names_a_topic_names_one_there_is() {
    let mut named = 0;
    let roots = [repo().join("src"), repo().join("themes")];
    for root in roots {
        for entry in walkdir::WalkDir::new(root) {
            let entry = entry.unwrap();
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            for (at, _) in text.match_indices("tiendo help ") {
                let name: String = text[at + 12..]
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                    .collect();
                if name.is_empty() || ["build", "import"].contains(&name.as_str()) {
                    continue;
                }
                named += 1;
                let out = tiendo(&["help", &name]);
                assert!(
                    out.status.success(),
                    "{}: `tiendo help {name}` is no topic",
                    entry.path().display()
                );
            }
        }
    }
    assert!(named >= 5, "{named}");
}
