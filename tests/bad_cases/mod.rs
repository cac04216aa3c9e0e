//! The broken content folders of `tests/fixtures/bad/`, applied over the
//! minimal site as `tests/bad_content.rs` does (overlay and remove.txt;
//! cases that generate files at test time are left out here).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad")
}

fn lines_of(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Names of the cases made only of files (no generate.txt), sorted.
pub fn plain_cases() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(cases_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !cases_dir().join(n).join("generate.txt").exists())
        .collect();
    names.sort();
    names
}

/// Whether `tiendo check` finds an error in the case (its expected.txt
/// has a line starting with `lỗi:`).
pub fn expects_error(name: &str) -> bool {
    lines_of(&cases_dir().join(name).join("expected.txt"))
        .iter()
        .any(|l| l.starts_with("lỗi:"))
}

/// A temporary folder holding `content/`: the minimal site with the case.
pub fn prepare(name: &str) -> tempfile::TempDir {
    let case = cases_dir().join(name);
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal"),
        &content,
    );
    for rel in lines_of(&case.join("remove.txt")) {
        let target = content.join(rel);
        if target.is_dir() {
            std::fs::remove_dir_all(&target).unwrap();
        } else {
            std::fs::remove_file(&target).unwrap();
        }
    }
    if case.join("overlay").is_dir() {
        copy_dir(&case.join("overlay"), &content);
    }
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
