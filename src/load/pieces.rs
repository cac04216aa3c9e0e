//! A large score file read in pieces.
//!
//! `serde_yaml` gathers every event of a document before it deserializes
//! any: for a national snapshot (4,000 units, half a million values, 7 MB)
//! that is a vector of millions of events, grown by copying, most of the
//! load stage's time. Read as its header and its `scores:` items in pieces
//! of a few hundred kilobytes, the same file takes a fraction of the memory
//! and the pieces are read on every core.
//!
//! This is only a faster way to the same result. The file is cut at the
//! lines that begin an item of the top-level `scores:` list; whenever the
//! file is not plainly of that shape, or any piece does not parse, [`read`]
//! gives `None` and the caller reads the whole file as before, so every
//! diagnostic (line, column, message) is the whole file's.

use rayon::prelude::*;

use super::raw::{RawSnapshot, RawUnitScores};

/// Items are gathered into pieces of about this many bytes: small enough
/// that a piece's events stay in the processor's cache (at L, 32 KB pieces
/// took 25 MB less peak memory than 256 KB ones, for the same time).
const PIECE_BYTES: usize = 32 * 1024;

/// Below this size a file is read whole: cutting would not pay.
const MIN_FILE_BYTES: usize = 2 * PIECE_BYTES;

/// The snapshot in `text`, read in pieces; `None` when it must be read whole.
pub fn read(text: &str) -> Option<RawSnapshot> {
    if text.len() < MIN_FILE_BYTES {
        return None;
    }
    let cut = cut(text)?;
    let header: RawSnapshot = serde_yaml::from_str(&cut.header).ok()?;
    if !header.scores.is_empty() {
        return None;
    }
    let pieces: Vec<Vec<RawUnitScores>> = cut
        .pieces
        .par_iter()
        .with_max_len(1)
        .map(|piece| serde_yaml::from_str::<Vec<RawUnitScores>>(piece).ok())
        .collect::<Option<_>>()?;
    let mut snapshot = header;
    snapshot.scores = pieces.into_iter().flatten().collect();
    Some(snapshot)
}

/// A score file cut for [`read`]: its other keys with `scores: []`, and the
/// text of its items, whole items to a piece, in file order.
#[derive(Debug, PartialEq)]
struct Cut<'t> {
    header: String,
    pieces: Vec<&'t str>,
}

/// Cuts `text`, or `None` when its shape is not the plain one: exactly one
/// `scores:` line at the left margin followed by a block list, no tabs in
/// indentation, no document markers or directives.
fn cut(text: &str) -> Option<Cut<'_>> {
    let (lines, scores_line) = plain_lines(text)?;

    // The first item sets the list's indentation.
    let is_blank = |line: &str| {
        let t = line.trim();
        t.is_empty() || t.starts_with('#')
    };
    let first = (scores_line + 1..lines.len()).find(|&i| !is_blank(lines[i].1))?;
    let first_line = lines[first].1;
    let indent = first_line.len() - first_line.trim_start_matches(' ').len();
    let starts_item = |line: &str| {
        line.len() > indent
            && line.as_bytes()[..indent].iter().all(|&b| b == b' ')
            && line[indent..].starts_with('-')
            && line[indent + 1..].starts_with([' ', '\r', '\n'])
    };
    if !starts_item(first_line) {
        return None;
    }
    // The list ends at the first line, not blank, that is neither an item
    // nor indented deeper than the items (at the margin: not `- `).
    let belongs = |line: &str| {
        if is_blank(line) || starts_item(line) {
            return true;
        }
        let own = line.len() - line.trim_start_matches(' ').len();
        own > indent
    };
    let end = (first..lines.len())
        .find(|&i| !belongs(lines[i].1))
        .unwrap_or(lines.len());
    // Trailing blank and comment lines go back to the header's part.
    let mut last = end;
    while last > first && is_blank(lines[last - 1].1) {
        last -= 1;
    }

    let offset = |i: usize| lines.get(i).map_or(text.len(), |(at, _)| *at);
    let mut pieces = Vec::new();
    let mut start = first;
    for i in first + 1..last {
        if starts_item(lines[i].1) && offset(i) - offset(start) >= PIECE_BYTES {
            pieces.push(&text[offset(start)..offset(i)]);
            start = i;
        }
    }
    pieces.push(&text[offset(start)..offset(last)]);

    let mut header = String::with_capacity(offset(first) + text.len() - offset(last) + 16);
    header.push_str(&text[..offset(scores_line)]);
    header.push_str("scores: []\n");
    header.push_str(&text[offset(scores_line + 1)..offset(first)]);
    header.push_str(&text[offset(last)..]);
    Some(Cut { header, pieces })
}

/// The lines of `text` with the byte offset of each, and which of them is
/// its one `scores:` line; `None` when there is no such line or more than
/// one, or the text has a tab in its indentation, a document marker or a
/// directive.
fn plain_lines(text: &str) -> Option<(Vec<(usize, &str)>, usize)> {
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        lines.push((at, line));
        at += line.len();
    }
    let mut scores_line = None;
    for (i, (_, line)) in lines.iter().enumerate() {
        let bare = line.trim_end();
        if bare.starts_with("---") || bare.starts_with("...") || bare.starts_with('%') {
            return None;
        }
        if line.starts_with('\t')
            || (line.starts_with(' ') && line.trim_start_matches(' ').starts_with('\t'))
        {
            return None;
        }
        if bare == "scores:" {
            if scores_line.is_some() {
                return None;
            }
            scores_line = Some(i);
        }
    }
    Some((lines, scores_line?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A score file of `units` units, each with `values` criteria, with
    /// the shapes a district writes: comments, blank lines, the long form,
    /// a block text whose lines begin with dashes, keys after the list.
    fn file(units: usize, values: usize, indent: &str) -> String {
        let mut out = String::from("# Điểm đợt 1\ndate: 2024-06-15\nstage: công bố\nscores:\n");
        for u in 0..units {
            out.push_str(&format!("{indent}- unit: don-vi-{u}\n"));
            if u % 7 == 0 {
                out.push_str("\n# một ghi chú giữa các đơn vị\n");
            }
            out.push_str(&format!("{indent}  points:\n"));
            for c in 0..values {
                if c == 0 && u % 5 == 0 {
                    out.push_str(&format!(
                        "{indent}    \"1.{c}\":\n{indent}      points: 0,5\n{indent}      explanation: |\n{indent}        - dòng một\n{indent}        - dòng hai\n"
                    ));
                } else {
                    out.push_str(&format!("{indent}    \"1.{c}\": {}.{}\n", c % 3, u % 10));
                }
            }
        }
        out.push_str("\n# nguồn\nsource: \"Báo cáo số 1/BC\"\n");
        out
    }

    fn whole(text: &str) -> RawSnapshot {
        serde_yaml::from_str(text).expect("the test file is valid")
    }

    fn same(a: &RawSnapshot, b: &RawSnapshot) -> bool {
        format!("{a:?}") == format!("{b:?}")
    }

    #[test]
    fn pieces_read_what_the_whole_file_says() {
        for indent in ["", "  ", "    "] {
            let text = file(3000, 40, indent);
            assert!(
                text.len() > MIN_FILE_BYTES,
                "the file is large enough to cut"
            );
            let cut = cut(&text).expect("a plain score file is cut");
            assert!(cut.pieces.len() > 2, "into several pieces");
            let read = read(&text).expect("and read in pieces");
            let whole = whole(&text);
            assert_eq!(read.scores.len(), 3000);
            assert!(
                same(&read, &whole),
                "indent {indent:?}: pieces differ from the whole"
            );
        }
    }

    #[test]
    fn windows_line_ends_are_read_alike() {
        let text = file(3000, 40, "  ").replace('\n', "\r\n");
        let read = read(&text).expect("read in pieces");
        assert!(same(&read, &whole(&text)));
    }

    #[test]
    fn the_pieces_cover_every_line_of_the_list_once() {
        let text = file(3000, 40, "  ");
        let cut = cut(&text).unwrap();
        let joined: String = cut.pieces.concat();
        let start = text.find("  - unit: don-vi-0").unwrap();
        let end = text.find("\n# nguồn").unwrap();
        assert_eq!(joined.trim_end(), text[start..end].trim_end());
        assert!(cut.header.contains("scores: []\n"));
        assert!(cut.header.contains("source: \"Báo cáo số 1/BC\""));
    }

    #[test]
    fn a_file_of_another_shape_is_read_whole() {
        let big = file(3000, 40, "  ");
        // A mistake inside one item: the whole file is read, and reports it.
        let broken = big.replacen("    \"1.3\": 0.7\n", "    \"1.3\": [0.7\n", 1);
        assert!(read(&broken).is_none());
        // An unknown field in an item.
        let unknown = big.replacen(
            "  - unit: don-vi-2000\n",
            "  - unit: don-vi-2000\n    colour: red\n",
            1,
        );
        assert!(read(&unknown).is_none());
        // An alias into an earlier piece.
        let alias = big
            .replacen("  - unit: don-vi-0\n", "  - unit: &first don-vi-0\n", 1)
            .replacen("  - unit: don-vi-2999\n", "  - unit: *first\n", 1);
        assert!(read(&alias).is_none());
        // Two documents, a flow list, a second scores key, a tab.
        assert!(cut(&format!("{big}---\ndate: 2024-01-01\n")).is_none());
        assert!(cut(&big.replacen("scores:\n", "scores: [\n", 1)).is_none());
        assert!(cut(&format!("{big}scores:\n  - unit: x\n")).is_none());
        assert!(cut(&big.replacen("  - unit: don-vi-9\n", "\t- unit: don-vi-9\n", 1)).is_none());
        // Small files are read whole.
        assert!(read(&file(3, 4, "  ")).is_none());
    }

    #[test]
    fn an_alias_within_one_piece_reads_as_the_whole_file_does() {
        let text = file(3000, 40, "  ")
            .replacen("  - unit: don-vi-1\n", "  - unit: &one don-vi-1\n", 1)
            .replacen(
                "  - unit: don-vi-2\n",
                "  - unit: don-vi-2\n    framework: *one\n",
                1,
            );
        let whole_read: Option<RawSnapshot> = serde_yaml::from_str(&text).ok();
        let pieces = read(&text);
        match (whole_read, pieces) {
            (Some(w), Some(p)) => assert!(same(&w, &p)),
            (None, None) => {}
            (w, p) => panic!("whole {} and pieces {} disagree", w.is_some(), p.is_some()),
        }
    }
}
