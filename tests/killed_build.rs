//! A build killed at any moment leaves the previous site whole.

mod common;

use std::time::Duration;

use common::*;

#[test]
fn sigkill_mid_build_leaves_the_previous_site_whole() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&repo().join("tests/fixtures/progress"), &content);
    // Enough notes that a build takes a while to render and write.
    for i in 0..600 {
        std::fs::write(
            content.join(format!("notes/them-{i:04}.md")),
            format!(
                "---\ntitle: \"Ghi chú số {i}\"\ndate: 2024-06-01\nunit: tan-loi\n---\n# Mục {i}\n\n{}\n",
                "Nội dung ghi chú có dấu tiếng Việt. ".repeat(40)
            ),
        )
        .unwrap();
    }
    let output = dir.path().join("public");
    build(&content, &output, &[]);
    let before = snapshot_dir(&output);
    assert!(before.len() > 600);

    // The next build has different content, so a half-written site would show.
    std::fs::write(
        content.join("notes/moi.md"),
        "---\ntitle: \"Ghi chú mới\"\ndate: 2024-06-14\n---\nMới.\n",
    )
    .unwrap();
    // The site the next build makes when it is not killed.
    let reference = dir.path().join("reference");
    build(&content, &reference, &[]);
    let new = snapshot_dir(&reference);
    assert_ne!(new, before);
    for delay_ms in [0, 2, 5, 10, 20, 40, 80, 160, 320] {
        let mut child = build_command(&content, &output)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let after = snapshot_dir(&output);
        // Either the previous site, untouched, or the new one, whole (the
        // kill came after the swap): never a mix, never nothing.
        if after == new {
            break;
        }
        assert!(
            after == before,
            "after a build killed at {delay_ms} ms the site is neither the old nor the new one"
        );
    }
    // A build that is left to finish cleans up what the killed ones left.
    build(&content, &output, &[]);
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("tiendo"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert!(output.join("ghi-chu/moi/index.html").is_file());
}
