//! A content file's text into its raw struct: YAML (for a note, its front
//! matter), with an error in Vietnamese at its line and column.

use std::path::Path;

use super::decode::read_text;
use super::raw::*;
use super::{Kind, Parsed, RawNote, SourceFile, file_error, pieces};
use crate::diagnostics::Diagnostic;

pub(super) fn read_and_parse(
    root: &Path,
    rel: &Path,
    kind: Kind,
) -> (SourceFile, Result<Parsed, Diagnostic>) {
    let rel_text = rel.display().to_string().replace('\\', "/");
    match read_text(&root.join(rel), &rel_text) {
        Ok(text) => parse_text(rel_text, kind, text),
        Err(d) => (SourceFile::unread(&rel_text), Err(d)),
    }
}

pub(super) fn parse_text(
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
pub(super) fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
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

pub(super) fn parse_yaml<T: serde::de::DeserializeOwned>(
    source: &SourceFile,
) -> Result<T, Diagnostic> {
    serde_yaml::from_str(&source.yaml).map_err(|e| yaml_error(source, &e))
}

/// Turns a serde_yaml error into a diagnostic in Vietnamese, with position.
pub(super) fn yaml_error(source: &SourceFile, e: &serde_yaml::Error) -> Diagnostic {
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

pub(super) fn explain_yaml_error(text: &str) -> (String, Option<String>) {
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
        let hint = if text.ends_with(super::raw::SCALAR_EXPECTED) {
            // A date or points written as a list or with fields under it.
            format!(
                "ở đây chỉ viết một giá trị: một số (1,5), một ngày (2023-11-20) hoặc một đoạn chữ, không phải danh sách hay các trường con; {doc}"
            )
        } else {
            format!("kiểm tra giá trị này có đúng dạng (văn bản, số, danh sách); {doc}")
        };
        return (format!("kiểu giá trị sai ({text})"), Some(hint));
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
    fn front_matter_is_split() {
        let (front, body, offset) = split_front_matter("---\ntitle: a\n---\nbody\n").unwrap();
        assert_eq!(front, "title: a\n");
        assert_eq!(body, "body\n");
        assert_eq!(offset, 1);
        assert!(split_front_matter("title: a\n").is_none());
    }
}
