//! A content file's bytes into text: within the size limits, UTF-8,
//! without a BOM, in NFC.

use std::path::Path;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::file_error;
use crate::diagnostics::Diagnostic;
use crate::limits::LIMITS;

/// Reads a file as UTF-8 text without a BOM, in NFC. Files and lines
/// larger than the [`LIMITS`] are refused: content is written by people,
/// and a bigger file is a mistake (an export of the wrong sheet) or an attack.
pub(super) fn read_text(path: &Path, rel: &str) -> Result<String, Diagnostic> {
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
pub(super) fn decode_text(bytes: Vec<u8>, rel: &str) -> Result<String, Diagnostic> {
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
pub(super) fn nfc(text: String) -> String {
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
pub(super) fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
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
    fn only_lines_that_need_it_are_normalized() {
        let nfd: String = "Tân Lợi, Đồng Nơ".nfd().collect();
        let text = format!("id: tan-loi\nname: {nfd}\r\nnote: Thác Mơ\nlast: {nfd}");
        assert_ne!(text, text.nfc().collect::<String>());
        assert_eq!(nfc(text.clone()), text.nfc().collect::<String>());
        let plain = "id: tan-loi\nname: Tân Lợi\n".to_string();
        assert_eq!(nfc(plain.clone()), plain);
    }
}
