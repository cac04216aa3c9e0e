//! Stage 1, load: walk the content folder, read every file, parse YAML and
//! front matter into the raw structs of [`raw`]. Problems become diagnostics;
//! nothing here knows what an id refers to.

mod pieces;
mod position;
pub mod raw;
mod shapes;
mod text;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::limits::LIMITS;
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

impl Content {
    /// Reads the file `rel` of `root` again, in place, as [`load`] would:
    /// for a preview that follows edits without reading the whole folder.
    /// Gives the file's new parse problem (`Some(None)`: none), or `None`
    /// when the file was not loaded before or is gone: load the folder again.
    pub fn reread(&mut self, root: &Path, rel: &str) -> Option<Option<Diagnostic>> {
        let path = Path::new(rel);
        let kind = kind_of(path).filter(|_| is_content_file(path))?;
        let id = self.files.iter().position(|f| f.rel == rel)?;
        if !root.join(path).is_file() {
            return None;
        }
        let (source, result) = read_and_parse(root, path, kind);
        self.files[id] = source;
        self.unparsed.retain(|&f| f != id);
        fn put<T>(list: &mut Vec<(FileId, T)>, id: FileId, value: Option<T>) {
            list.retain(|(f, _)| *f != id);
            if let Some(value) = value {
                let at = list.partition_point(|(f, _)| *f < id);
                list.insert(at, (id, value));
            }
        }
        let mut problem = None;
        match result {
            Ok(Parsed::Site(v)) => self.site = Some((id, v)),
            Ok(Parsed::Units(v)) => self.units = Some((id, v)),
            Ok(Parsed::Framework(v)) => put(&mut self.frameworks, id, Some(v)),
            Ok(Parsed::Assignments(v)) => put(&mut self.assignments, id, Some(v)),
            Ok(Parsed::Snapshot(v)) => put(&mut self.snapshots, id, Some(v)),
            Ok(Parsed::Directive(v)) => put(&mut self.directives, id, Some(v)),
            Ok(Parsed::Note(v)) => put(&mut self.notes, id, Some(v)),
            Err(d) => {
                match kind {
                    Kind::Site => self.site = None,
                    Kind::Units => self.units = None,
                    Kind::Framework => put(&mut self.frameworks, id, None),
                    Kind::Assignments => put(&mut self.assignments, id, None),
                    Kind::Snapshot => put(&mut self.snapshots, id, None),
                    Kind::Directive => put(&mut self.directives, id, None),
                    Kind::Note => put(&mut self.notes, id, None),
                }
                let at = self.unparsed.partition_point(|&f| f < id);
                self.unparsed.insert(at, id);
                problem = Some(d);
            }
        }
        Some(problem)
    }

    /// Adds the new file `rel` of `root`, read and parsed as [`load`]
    /// would, in its place in [`load`]'s order. Gives its parse problem
    /// (`Some(None)`: none), or `None` when it is no content file, is
    /// loaded already or is no plain file: load the folder again.
    pub fn insert(&mut self, root: &Path, rel: &str) -> Option<Option<Diagnostic>> {
        let path = Path::new(rel);
        let meta = std::fs::symlink_metadata(root.join(path)).ok()?;
        if !is_content_file(path) || !meta.is_file() || self.files.iter().any(|f| f.rel == rel) {
            return None;
        }
        // load walks each folder in name order: the order of components.
        let at = self.files.partition_point(|f| Path::new(&f.rel) < path);
        self.renumber(|id| if id >= at { id + 1 } else { id });
        self.files.insert(at, SourceFile::unread(rel));
        self.reread(root, rel)
    }

    /// Forgets the file `rel`, gone from the folder. Gives whether it was
    /// loaded.
    pub fn remove(&mut self, rel: &str) -> bool {
        let Some(gone) = self.files.iter().position(|f| f.rel == rel) else {
            return false;
        };
        self.files.remove(gone);
        if self.site.as_ref().is_some_and(|(f, _)| *f == gone) {
            self.site = None;
        }
        if self.units.as_ref().is_some_and(|(f, _)| *f == gone) {
            self.units = None;
        }
        self.frameworks.retain(|(f, _)| *f != gone);
        self.assignments.retain(|(f, _)| *f != gone);
        self.snapshots.retain(|(f, _)| *f != gone);
        self.directives.retain(|(f, _)| *f != gone);
        self.notes.retain(|(f, _)| *f != gone);
        self.unparsed.retain(|f| *f != gone);
        self.renumber(|id| if id > gone { id - 1 } else { id });
        true
    }

    /// Gives every file id a new number, in the same order.
    fn renumber(&mut self, new: impl Fn(FileId) -> FileId) {
        fn each<T>(list: &mut [(FileId, T)], new: &impl Fn(FileId) -> FileId) {
            for (f, _) in list {
                *f = new(*f);
            }
        }
        each(
            self.site
                .as_mut()
                .map(std::slice::from_mut)
                .unwrap_or_default(),
            &new,
        );
        each(
            self.units
                .as_mut()
                .map(std::slice::from_mut)
                .unwrap_or_default(),
            &new,
        );
        each(&mut self.frameworks, &new);
        each(&mut self.assignments, &new);
        each(&mut self.snapshots, &new);
        each(&mut self.directives, &new);
        each(&mut self.notes, &new);
        for f in &mut self.unparsed {
            *f = new(*f);
        }
    }
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

/// Reads a file as UTF-8 text without a BOM, in NFC. Files and lines
/// larger than the [`LIMITS`] are refused: content is written by people,
/// and a bigger file is a mistake (an export of the wrong sheet) or an attack.
fn read_text(path: &Path, rel: &str) -> Result<String, Diagnostic> {
    use std::io::Read;
    let cannot_read = |e: std::io::Error| file_error(rel, format!("không đọc được tệp: {e}"), None);
    let mut file = std::fs::File::open(path).map_err(cannot_read)?;
    let size = file.metadata().map_err(cannot_read)?.len();
    if size > LIMITS.max_file_bytes {
        return Err(file_error(
            rel,
            format!(
                "tệp quá lớn ({} MB; tối đa {} MB)",
                size / (1024 * 1024),
                LIMITS.max_file_bytes / (1024 * 1024)
            ),
            Some(
                "tách nội dung thành nhiều tệp nhỏ hơn (ví dụ mỗi đợt điểm, mỗi văn bản một tệp)"
                    .into(),
            ),
        ));
    }
    // One open and one stat of the open file (a metadata by path, then
    // fs::read, would look the path up twice and stat twice).
    let mut bytes = Vec::with_capacity(size as usize);
    file.read_to_end(&mut bytes).map_err(cannot_read)?;
    decode_text(bytes, rel)
}

/// Checks line lengths and UTF-8, drops a BOM, normalizes to NFC.
fn decode_text(bytes: Vec<u8>, rel: &str) -> Result<String, Diagnostic> {
    // Line ends found with memchr, many bytes at a time: the content of a
    // large site is hundreds of MB.
    let ends = memchr::memchr_iter(b'\n', &bytes).chain([bytes.len()]);
    let mut start = 0;
    for (n, end) in ends.enumerate() {
        let line = &bytes[start..end];
        start = end + 1;
        if line.len() > LIMITS.max_line_bytes {
            let mut d = file_error(
                rel,
                format!(
                    "dòng quá dài ({} KB; tối đa {} KB)",
                    line.len() / 1024,
                    LIMITS.max_line_bytes / 1024
                ),
                Some("xuống dòng trong nội dung; hình ảnh hoặc tệp đính kèm không đặt trực tiếp vào tệp nội dung".into()),
            );
            d.line = n + 1;
            d.column = 1;
            return Err(d);
        }
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let upto = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..upto].iter().filter(|&&b| b == b'\n').count() + 1;
        let mut d = file_error(
            rel,
            "tệp không phải văn bản UTF-8".into(),
            Some("lưu lại tệp với bảng mã UTF-8 (trong Excel: \"CSV UTF-8\")".into()),
        );
        d.line = line;
        d.column = 1;
        d
    })?;
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    Ok(nfc(text))
}

/// `text` in NFC. Only the lines that may not be are normalized (a line
/// break composes with nothing, so lines normalize alone): a task list
/// with a few titles typed in NFD is otherwise copied whole. Lines of ASCII
/// (most of a score file) are in NFC and checked far faster.
fn nfc(text: String) -> String {
    let in_nfc = |line: &str| line.is_ascii() || is_nfc_quick(line.chars()) == IsNormalized::Yes;
    // Where the first line that may not be in NFC starts.
    let mut done = 0;
    for line in lines_inclusive(&text) {
        if !in_nfc(line) {
            break;
        }
        done += line.len();
    }
    if done == text.len() {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..done]);
    for line in lines_inclusive(&text[done..]) {
        if in_nfc(line) {
            out.push_str(line);
        } else {
            out.extend(line.nfc());
        }
    }
    out
}

/// The lines of `text`, each with its line break (as `split_inclusive`),
/// found with memchr.
fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .map(|end| end + 1)
        .chain([text.len()])
        .filter_map(move |end| {
            // A line break is one byte: each end is on a char boundary.
            let line = text.get(start..end).filter(|line| !line.is_empty());
            start = end;
            line
        })
}

fn read_and_parse(root: &Path, rel: &Path, kind: Kind) -> (SourceFile, Result<Parsed, Diagnostic>) {
    let rel_text = rel.display().to_string().replace('\\', "/");
    match read_text(&root.join(rel), &rel_text) {
        Ok(text) => parse_text(rel_text, kind, text),
        Err(d) => (SourceFile::unread(&rel_text), Err(d)),
    }
}

fn parse_text(
    rel_text: String,
    kind: Kind,
    text: String,
) -> (SourceFile, Result<Parsed, Diagnostic>) {
    let rel = Path::new(&rel_text).to_path_buf();
    let mut source = SourceFile::unread(&rel_text);
    if text.trim().is_empty() {
        return (
            source,
            Err(file_error(
                &rel_text,
                "tệp trống".into(),
                Some("ghi nội dung vào tệp, hoặc xóa tệp nếu không dùng".into()),
            )),
        );
    }
    if kind == Kind::Note {
        let (front, body, offset) = match split_front_matter(&text) {
            Some(parts) => parts,
            None if text.starts_with("---") => {
                let mut d = file_error(
                    &rel_text,
                    "phần đầu YAML (front matter) không có dòng `---` kết thúc".into(),
                    Some("thêm một dòng chỉ có `---` sau các trường title, date…".into()),
                );
                d.line = 1;
                d.column = 1;
                return (source, Err(d));
            }
            None => {
                return (
                    source,
                    Err(file_error(
                        &rel_text,
                        "ghi chú thiếu phần đầu YAML (front matter)".into(),
                        Some("bắt đầu tệp bằng một dòng `---`, các trường title, date…, rồi một dòng `---`".into()),
                    )),
                );
            }
        };
        source.line_offset = offset;
        source.yaml = front.to_string();
        let body = body.to_string();
        let id = rel
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let result =
            parse_yaml::<RawNoteMeta>(&source).map(|meta| Parsed::Note(RawNote { id, meta, body }));
        return (source, result);
    }
    source.yaml = text;
    let result = match kind {
        Kind::Site => parse_yaml(&source).map(Parsed::Site),
        Kind::Units => parse_yaml(&source).map(Parsed::Units),
        Kind::Framework => parse_yaml(&source).map(Parsed::Framework),
        Kind::Assignments => parse_yaml(&source).map(Parsed::Assignments),
        Kind::Snapshot => match pieces::read(&source.yaml) {
            Some(snapshot) => Ok(Parsed::Snapshot(snapshot)),
            None => parse_yaml(&source).map(Parsed::Snapshot),
        },
        Kind::Directive => parse_yaml(&source).map(Parsed::Directive),
        Kind::Note => unreachable!("notes are parsed above"),
    };
    (source, result)
}

/// Splits `---\nYAML\n---\nbody` into the YAML, the body and the number of
/// lines before the YAML.
fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Some((front, body, 1));
        }
        offset += line.len();
    }
    None
}

fn parse_yaml<T: serde::de::DeserializeOwned>(source: &SourceFile) -> Result<T, Diagnostic> {
    serde_yaml::from_str(&source.yaml).map_err(|e| yaml_error(source, &e))
}

/// Turns a serde_yaml error into a diagnostic in Vietnamese, with position.
fn yaml_error(source: &SourceFile, e: &serde_yaml::Error) -> Diagnostic {
    let (line, column) = e
        .location()
        .map(|l| (l.line(), l.column()))
        .unwrap_or((0, 0));
    let raw = e.to_string();
    // serde_yaml appends " at line L column C"; we print the position ourselves.
    let text = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw,
    };
    let (message, mut hint) = explain_yaml_error(&text);
    let has_tab = line > 0
        && source
            .yaml
            .lines()
            .nth(line - 1)
            .is_some_and(|l| l.trim_end().starts_with([' ', '\t']) && l.contains('\t'));
    if has_tab {
        hint = Some("dòng này có ký tự tab: YAML chỉ cho thụt lề bằng dấu cách".into());
    }
    let mut d = file_error(&source.rel, message, hint).with_source_of(source, line);
    d.column = column;
    d
}

fn explain_yaml_error(text: &str) -> (String, Option<String>) {
    // serde_yaml names the field first: `tasks[3].due: invalid type: …`.
    if let Some((field, rest)) = text.split_once(": ") {
        let is_path = !field.is_empty()
            && field
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '[' | ']'));
        if is_path {
            let (message, hint) = explain_yaml_error(rest);
            return (format!("trường `{field}`: {message}"), hint);
        }
    }
    let doc = "xem các trường và ví dụ: `tiendo help noi-dung`".to_string();
    if text.contains("recursion limit exceeded") {
        return (
            "cấu trúc YAML lồng nhau quá sâu".into(),
            Some("nội dung tiendo không cần quá vài cấp lồng nhau; kiểm tra thụt lề".into()),
        );
    }
    if text.contains("repetition limit exceeded") {
        return (
            "tệp dùng alias (*tên) lặp lại quá nhiều lần".into(),
            Some("viết giá trị trực tiếp thay vì dùng anchor & và alias *".into()),
        );
    }
    if let Some(rest) = text.strip_prefix("missing field ") {
        return (
            format!("thiếu trường bắt buộc {rest}"),
            Some(format!("thêm trường {rest}; {doc}")),
        );
    }
    if let Some(rest) = text.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
        let hint = if expected.is_empty() {
            doc
        } else {
            format!(
                "các trường hợp lệ:{}",
                expected.trim_start_matches(" one of")
            )
        };
        return (format!("trường không hợp lệ {field}"), Some(hint));
    }
    if text.starts_with("invalid type") {
        return (
            format!("kiểu giá trị sai ({text})"),
            Some(format!(
                "kiểm tra giá trị này có đúng dạng (văn bản, số, danh sách); {doc}"
            )),
        );
    }
    if text.contains("did not find expected")
        || text.contains("mapping values are not allowed")
        || text.contains("found character")
        || text.contains("while parsing")
        || text.contains("while scanning")
    {
        return (
            format!("lỗi cú pháp YAML: {text}"),
            Some("kiểm tra thụt lề, dấu `:` và dấu ngoặc kép; chuỗi có dấu `:` cần đặt trong ngoặc kép".into()),
        );
    }
    (text.to_string(), Some(doc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_those_of_split_inclusive() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\nb",
            "a\nb\n",
            "\n\nx\n\n",
            "Tân\r\nLợi\n…",
        ] {
            let lines: Vec<&str> = lines_inclusive(text).collect();
            let split: Vec<&str> = text.split_inclusive('\n').collect();
            assert_eq!(lines, split, "{text:?}");
        }
    }

    #[test]
    fn front_matter_is_split() {
        let (front, body, offset) = split_front_matter("---\ntitle: a\n---\nbody\n").unwrap();
        assert_eq!(front, "title: a\n");
        assert_eq!(body, "body\n");
        assert_eq!(offset, 1);
        assert!(split_front_matter("title: a\n").is_none());
    }

    #[test]
    fn only_lines_that_need_it_are_normalized() {
        let nfd: String = "Tân Lợi, Đồng Nơ".nfd().collect();
        let text = format!("id: tan-loi\nname: {nfd}\r\nnote: Thác Mơ\nlast: {nfd}");
        assert_ne!(text, text.nfc().collect::<String>());
        assert_eq!(nfc(text.clone()), text.nfc().collect::<String>());
        let plain = "id: tan-loi\nname: Tân Lợi\n".to_string();
        assert_eq!(nfc(plain.clone()), plain);
    }

    #[test]
    fn kinds_by_place() {
        assert_eq!(kind_of(Path::new("site.yaml")), Some(Kind::Site));
        assert_eq!(kind_of(Path::new("scores/2023.yaml")), Some(Kind::Snapshot));
        assert_eq!(kind_of(Path::new("notes/a/b.md")), Some(Kind::Note));
        assert_eq!(kind_of(Path::new("scores/x/2023.yaml")), None);
        assert_eq!(kind_of(Path::new("readme.txt")), None);
    }
}
