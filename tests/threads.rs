//! The S corpus of the benchmark builds to the same bytes on one thread and
//! on two, and twice in a row.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::*;

/// The corpus generator, built by `cargo test` with the other examples.
fn corpus_generator() -> PathBuf {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_tiendo"));
    let path = bin.parent().unwrap().join("examples").join("corpus");
    assert!(
        path.is_file(),
        "{} is missing: run the tests with `cargo test`, which builds the examples",
        path.display()
    );
    path
}

fn build_with_threads(content: &std::path::Path, output: &std::path::Path, threads: &str) {
    let out = build_command(content, output)
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn same_bytes_on_one_thread_and_two() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("corpus");
    let status = Command::new(corpus_generator())
        .args(["S", content.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
    let one = dir.path().join("one");
    let two = dir.path().join("two");
    let again = dir.path().join("again");
    build_with_threads(&content, &one, "1");
    build_with_threads(&content, &two, "2");
    build_with_threads(&content, &again, "2");
    let one = snapshot_dir(&one);
    let two = snapshot_dir(&two);
    assert!(one.len() > 200, "only {} files", one.len());
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &one {
        assert!(
            bytes == &two[path],
            "{path} differs between 1 and 2 threads"
        );
    }
    assert!(
        snapshot_dir(&again) == two,
        "two builds on two threads differ"
    );
}
