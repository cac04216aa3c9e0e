//! Stage 1, load: walk the content folder, read every file, parse YAML and
//! front matter into the raw structs of [`raw`]. Problems become diagnostics;
//! nothing here knows what an id refers to.

mod decode;
mod parse;
mod pieces;
mod position;
pub mod raw;
mod reread;
mod shapes;
mod text;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use decode::decode_text;
use parse::{parse_text, read_and_parse};
pub use position::{Seg, locate};
use raw::*;

/// Index of a file in [`Content::files`].
pub type FileId = usize;

/// A file that was read: its path relative to the content folder, its YAML
/// text (for a note, the front matter) and the line the YAML starts on.
pub struct SourceFile {
    pub rel: String,
    pub yaml: String,
    pub line_offset: usize,
}

impl SourceFile {
    /// A file known by its path only (it could not be read).
    fn unread(rel: &str) -> SourceFile {
        SourceFile {
            rel: rel.to_string(),
            yaml: String::new(),
            line_offset: 0,
        }
    }
}

pub struct RawNote {
    pub id: String,
    pub meta: RawNoteMeta,
    pub body: String,
}

/// Everything read from a content folder.
#[derive(Default)]
pub struct Content {
    pub files: Vec<SourceFile>,
    pub site: Option<(FileId, RawSite)>,
    pub units: Option<(FileId, RawUnits)>,
    pub frameworks: Vec<(FileId, RawFramework)>,
    pub assignments: Vec<(FileId, RawAssignments)>,
    pub snapshots: Vec<(FileId, RawSnapshot)>,
    pub directives: Vec<(FileId, RawDirective)>,
    pub notes: Vec<(FileId, RawNote)>,
    /// Files that were found but could not be read or parsed (already
    /// reported): references into them are not reported again.
    pub unparsed: Vec<FileId>,
}

impl Content {
    /// Whether a file under `dir` (`frameworks`, `tasks`…) or named `name`
    /// failed to parse.
    pub fn failed(&self, prefix: &str) -> bool {
        self.unparsed
            .iter()
            .any(|&f| self.files[f].rel.starts_with(prefix))
    }
}

impl Content {
    /// A diagnostic about the value at `path` in `file`, with its position.
    pub fn diagnostic(
        &self,
        severity: Severity,
        file: FileId,
        path: &[Seg],
        message: String,
        hint: Option<String>,
    ) -> Diagnostic {
        let source = &self.files[file];
        let (line, column) = locate(&source.yaml, path);
        let mut d =
            Diagnostic::file(severity, &source.rel, message, hint).with_source_of(source, line);
        d.column = column;
        d
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Site,
    Units,
    Framework,
    Assignments,
    Snapshot,
    Directive,
    Note,
}

impl Kind {
    /// When files of this kind are read: score files are the largest (a
    /// snapshot of a whole province), then task files; notes, many and
    /// small, fill the end.
    fn read_rank(self) -> u8 {
        match self {
            Kind::Snapshot => 0,
            Kind::Directive => 1,
            Kind::Site | Kind::Units | Kind::Framework | Kind::Assignments => 2,
            Kind::Note => 3,
        }
    }
}

fn kind_of(rel: &Path) -> Option<Kind> {
    let mut parts = rel.iter().map(|p| p.to_str().unwrap_or(""));
    let first = parts.next()?;
    let rest: Vec<&str> = parts.collect();
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
    let yaml = ext == "yaml" || ext == "yml";
    match (first, rest.len()) {
        ("site.yaml" | "site.yml", 0) => Some(Kind::Site),
        ("units.yaml" | "units.yml", 0) => Some(Kind::Units),
        ("frameworks", 1) if yaml => Some(Kind::Framework),
        ("assignments", 1) if yaml => Some(Kind::Assignments),
        ("scores", 1) if yaml => Some(Kind::Snapshot),
        ("tasks", 1) if yaml => Some(Kind::Directive),
        ("notes", n) if n >= 1 && ext == "md" => Some(Kind::Note),
        _ => None,
    }
}

/// A file read and parsed, or the problem that stopped it.
type ParseResult = (SourceFile, Result<Parsed, Diagnostic>);

enum Parsed {
    Site(RawSite),
    Units(RawUnits),
    Framework(RawFramework),
    Assignments(RawAssignments),
    Snapshot(RawSnapshot),
    Directive(RawDirective),
    Note(RawNote),
}

/// Reads and parses every content file under `root`. Fails only when the
/// folder itself cannot be read; every problem in a file is a diagnostic.
pub fn load(root: &Path) -> anyhow::Result<(Content, Diagnostics)> {
    if !root.is_dir() {
        anyhow::bail!(
            "không tìm thấy thư mục nội dung `{}`: hãy chỉ đúng thư mục bằng --content",
            root.display()
        );
    }
    let mut diags = Diagnostics::default();
    let mut paths: Vec<(PathBuf, Kind)> = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let rel = e
                    .path()
                    .and_then(|p| p.strip_prefix(root).ok())
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                diags.push(file_error(&rel, format!("không đọc được: {e}"), None));
                continue;
            }
        };
        if entry.file_type().is_symlink() {
            let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
            diags.push(Diagnostic::file(
                Severity::Warning,
                &rel.display().to_string(),
                "liên kết tượng trưng (symlink) bị bỏ qua".into(),
                Some("chép tệp thật vào thư mục nội dung thay cho liên kết".into()),
            ));
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
        // Hidden files and the folder's own read-me are not content.
        if name.starts_with('.') || name.to_ascii_lowercase().starts_with("readme") {
            continue;
        }
        match kind_of(rel) {
            Some(kind) => paths.push((rel.to_path_buf(), kind)),
            None => diags.push(Diagnostic::file(
                Severity::Warning,
                &rel.display().to_string(),
                "tệp này không thuộc loại nội dung nào nên bị bỏ qua".into(),
                Some(
                    "đặt tệp YAML vào frameworks/, assignments/, scores/ hoặc tasks/, ghi chú .md vào notes/"
                        .into(),
                ),
            )),
        }
    }

    // The kinds of large files first, so that both cores stay busy to the
    // end (a national site has a few large score and task files among many
    // small notes); by kind, not size, as a stat of each of 40,000 files
    // would run before any is read. Results are put back in name order.
    let mut order: Vec<usize> = (0..paths.len()).collect();
    order.sort_by_key(|&i| (paths[i].1.read_rank(), i));
    let mut parsed: Vec<(usize, ParseResult)> = order
        .par_iter()
        .with_max_len(1)
        .map(|&i| (i, read_and_parse(root, &paths[i].0, paths[i].1)))
        .collect();
    parsed.sort_by_key(|(i, _)| *i);
    let results = parsed.into_iter().map(|(_, r)| r).collect();
    Ok(assemble(results, diags))
}

/// Whether `rel` (relative to the content folder) is a file [`load`] reads.
pub fn is_content_file(rel: &Path) -> bool {
    let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
    !name.starts_with('.')
        && !name.to_ascii_lowercase().starts_with("readme")
        && kind_of(rel).is_some()
}

/// Parses content given as (relative path, text) pairs, as [`load`] parses
/// files: for tests and fuzzing without a file system.
pub fn load_from_memory(files: &[(&str, &str)]) -> (Content, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut results = Vec::new();
    for (rel, text) in files {
        let Some(kind) = kind_of(Path::new(rel)) else {
            diags.push(Diagnostic::file(
                Severity::Warning,
                rel,
                "not content".into(),
                None,
            ));
            continue;
        };
        let parsed = match decode_text(text.as_bytes().to_vec(), rel) {
            Ok(text) => parse_text(rel.to_string(), kind, text),
            Err(d) => (SourceFile::unread(rel), Err(d)),
        };
        results.push(parsed);
    }
    assemble(results, diags)
}

fn assemble(
    results: Vec<(SourceFile, Result<Parsed, Diagnostic>)>,
    mut diags: Diagnostics,
) -> (Content, Diagnostics) {
    let mut content = Content::default();
    for (file, result) in results {
        let id = content.files.len();
        content.files.push(file);
        match result {
            Ok(Parsed::Site(v)) => content.site = Some((id, v)),
            Ok(Parsed::Units(v)) => content.units = Some((id, v)),
            Ok(Parsed::Framework(v)) => content.frameworks.push((id, v)),
            Ok(Parsed::Assignments(v)) => content.assignments.push((id, v)),
            Ok(Parsed::Snapshot(v)) => content.snapshots.push((id, v)),
            Ok(Parsed::Directive(v)) => content.directives.push((id, v)),
            Ok(Parsed::Note(v)) => content.notes.push((id, v)),
            Err(d) => {
                content.unparsed.push(id);
                diags.push(d);
            }
        }
    }
    (content, diags)
}

fn file_error(rel: &str, message: String, hint: Option<String>) -> Diagnostic {
    Diagnostic::file(Severity::Error, rel, message, hint)
}

impl Diagnostic {
    /// Sets the position to `line` of the file's YAML (0: unknown) and
    /// attaches that source line.
    fn with_source_of(mut self, source: &SourceFile, line: usize) -> Diagnostic {
        if line > 0 {
            self.line = line;
            self = self.with_source(&source.yaml);
            self.line = line + source.line_offset;
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_place() {
        assert_eq!(kind_of(Path::new("site.yaml")), Some(Kind::Site));
        assert_eq!(kind_of(Path::new("scores/2023.yaml")), Some(Kind::Snapshot));
        assert_eq!(kind_of(Path::new("notes/a/b.md")), Some(Kind::Note));
        assert_eq!(kind_of(Path::new("scores/x/2023.yaml")), None);
        assert_eq!(kind_of(Path::new("readme.txt")), None);
    }
}
