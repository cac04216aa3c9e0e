//! Helpers shared by the integration tests: run the binary, copy fixture
//! sites, read built pages.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn example_content() -> PathBuf {
    repo().join("content")
}

pub fn tiendo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tiendo"))
        .args(args)
        .output()
        .expect("the tiendo binary runs")
}

/// Builds `content` into `output` with extra arguments; panics with the
/// binary's messages when the build fails.
/// `tiendo build --content CONTENT --output OUTPUT`, ready to run.
pub fn build_command(content: &Path, output: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tiendo"));
    command.args([
        "build",
        "--content",
        content.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ]);
    command
}

pub fn build(content: &Path, output: &Path, extra: &[&str]) -> Output {
    let out = build_command(content, output)
        .args(extra)
        .output()
        .expect("the tiendo binary runs");
    assert!(
        out.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir`, by relative path, with its bytes.
pub fn snapshot_dir(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .display()
                .to_string();
            out.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// The text of a page without its tags, with entities decoded, spaces folded.
pub fn page_text(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let text: Vec<&str> = doc.root_element().text().collect();
    text.concat()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn load_yaml(path: &Path) -> serde_yaml::Value {
    serde_yaml::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The file a relative link of the page `page` (a file under `public`)
/// leads to, as a browser resolves it from that page's folder (`../../x/`
/// → `x/index.html`), and the link's fragment. None for a link that is not
/// relative (an absolute URL or path) or that climbs out of `public`.
pub fn resolve_link(public: &Path, page: &Path, link: &str) -> Option<(PathBuf, String)> {
    if link.starts_with('/') || link.contains("://") || link.starts_with("mailto:") {
        return None;
    }
    let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
    let mut parts: Vec<String> = page
        .parent()?
        .strip_prefix(public)
        .ok()?
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s.to_string()),
        }
    }
    let mut target = public.to_path_buf();
    target.extend(&parts);
    if path.is_empty() {
        target = page.to_path_buf();
    } else if path.ends_with('/') || path == "." {
        target.push("index.html");
    }
    Some((target, fragment.to_string()))
}

/// Every word of a words file, by dotted key; plural forms each on their own.
pub fn words(path: &Path) -> Vec<(String, String)> {
    fn walk(prefix: &str, v: &serde_yaml::Value, out: &mut Vec<(String, String)>) {
        match v {
            serde_yaml::Value::Mapping(m) => {
                for (k, v) in m {
                    let key = k.as_str().unwrap();
                    let path = if prefix.is_empty() {
                        key.to_string()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    walk(&path, v, out);
                }
            }
            serde_yaml::Value::String(s) => out.push((prefix.to_string(), s.clone())),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk("", &load_yaml(path), &mut out);
    out
}
