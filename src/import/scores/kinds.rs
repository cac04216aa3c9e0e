//! What a row of a table of criteria is: a criterion's row, a total, a
//! part numbered in Roman numerals, a heading, or numbers without a
//! criterion.

use super::super::headers::Field;
use super::super::matching::{clean_code, is_code_like, is_roman};
use super::super::sheet::{Cell, Sheet};
use super::{Read, Table, leading_code};
use crate::import::norm;

/// What a row holds in each value column.
type Reads<'t> = Vec<(&'t super::ValueColumn, Read)>;

/// What a row of criteria is.
pub(super) enum RowKind {
    /// A total: `true` for the table's grand total ("Tổng cộng"), `false`
    /// for a subtotal ("Cộng").
    Total(bool),
    /// A part numbered in Roman numerals, with numbers: it sums the rows
    /// under it.
    Part,
    /// A heading, a note: no code and no number.
    Heading,
    /// Numbers without a criterion: the message, the hint and the column.
    Bad(String, String, usize),
    Criterion(String),
}

pub(super) fn row_kind(t: &Table, row: usize, reads: &Reads) -> RowKind {
    let numbers = reads.iter().any(|(_, r)| r.is_number());
    if is_total(t, row) {
        let text = total_text(t, row);
        return RowKind::Total(!norm(&text).starts_with("cong"));
    }
    let code_col = t.band.col(Field::Code);
    let title_col = t.band.col(Field::Title);
    let col = code_col.or(title_col).unwrap_or(0);
    let written = code_col
        .map(|c| {
            let text = t.sheet.cell(row, c).text();
            let code = clean_code(&text);
            match leading_code(&text) {
                Some(lead) if !is_code_like(&code) => lead,
                _ => code,
            }
        })
        .unwrap_or_default();
    let titled = title_col.and_then(|c| leading_code(&t.sheet.cell(row, c).text()));
    // A numbering column (STT) gives way to a code at the head of the title.
    let numbering = code_col
        .and_then(|c| t.band.column(c))
        .and_then(|c| c.field)
        .is_some_and(|(_, rank)| rank >= 3);
    let code = match titled {
        Some(titled) if written.is_empty() || (numbering && !is_roman(&written)) => titled,
        _ => written,
    };
    if code.is_empty() || !is_code_like(&code) {
        return match (numbers, is_roman(&code), code.is_empty()) {
            (false, _, _) => RowKind::Heading,
            (true, true, _) => RowKind::Part,
            (true, false, true) => RowKind::Bad(
                "dòng có điểm nhưng thiếu mã tiêu chí".into(),
                "ghi mã tiêu chí (ví dụ 7.2.5) vào ô này".into(),
                col,
            ),
            (true, false, false) => RowKind::Bad(
                format!("`{code}` không phải mã tiêu chí"),
                "ghi mã tiêu chí (ví dụ 7.2.5) vào ô này, hoặc để trống nếu dòng không phải điểm"
                    .into(),
                col,
            ),
        };
    }
    RowKind::Criterion(code)
}

/// A row that sums the table ("Tổng cộng", "Tổng điểm", "Cộng"): its code
/// cell is empty or says so.
fn is_total(t: &Table, row: usize) -> bool {
    let says = |text: &str| {
        let n = norm(text);
        n.starts_with("tong") || n == "cong" || n.starts_with("cong ")
    };
    match t.band.col(Field::Code).map(|c| t.sheet.cell(row, c).text()) {
        Some(code) if !code.is_empty() => says(&code),
        _ => says(&total_text(t, row)),
    }
}

/// The text a total row says it is by: its title or unit cell, else its
/// first text.
fn total_text(t: &Table, row: usize) -> String {
    [Field::Code, Field::Title, Field::Unit]
        .iter()
        .filter_map(|&f| t.band.col(f))
        .map(|c| t.sheet.cell(row, c).text())
        .find(|s| !s.is_empty())
        .or_else(|| {
            t.sheet.rows[row]
                .iter()
                .map(Cell::text)
                .find(|s| !s.is_empty())
        })
        .unwrap_or_default()
}

/// The row of column numbers under a header: `(1) (2) (3)` or `1 2 3`.
pub(super) fn is_numbering(sheet: &Sheet, row: usize) -> bool {
    let cells: Vec<&Cell> = sheet.rows[row].iter().filter(|c| !c.is_empty()).collect();
    super::super::band::is_counting_row(&cells)
}
