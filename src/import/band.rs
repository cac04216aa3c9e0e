//! Finding a table's header: one to three rows of column names (a unit's
//! name merged over its `Tự chấm | Thẩm định`, a merged "Điểm" over
//! sub-columns, codes of criteria across), and what each column holds.
//!
//! A row can be part of a header only if it names something (a column, a
//! unit, criteria) and holds no numbers but criterion codes: a title row
//! names nothing, a data row holds points. Of the header bands a sheet
//! allows, the one naming the most wins.

use std::collections::BTreeMap;

use super::headers::{Field, recognise};
use super::matching::{Units, clean_code, has_code_prefix, is_code_like};
use super::norm;
use super::sheet::{Cell, Sheet};

/// What the names of a header are matched against.
pub struct Names<'a> {
    pub table: &'static [(&'static str, Field, u8)],
    /// Units, for headers that name them (score sheets only).
    pub units: Option<&'a Units<'a>>,
    /// Whether a code is a criterion of some framework.
    pub is_code: &'a dyn Fn(&str) -> bool,
}

/// One column of a header.
#[derive(Debug, Clone, Default)]
pub struct Column {
    pub col: usize,
    /// Its header texts, top to bottom, merged cells spread over the
    /// columns they cover.
    pub parts: Vec<String>,
    /// The field its lowest name gives (`Tự chấm`), with its rank.
    pub field: Option<(Field, u8)>,
    /// The unit a name above (or beside) the field names.
    pub unit: Option<usize>,
    /// A criterion code above the field (`TC 1.4`).
    pub code: Option<String>,
    /// A name over a field that names nothing known: a unit misspelled
    /// over its sub-columns.
    pub other_owner: Option<String>,
    pub hidden: bool,
    /// How many of its texts name something (a field, a unit, a code).
    named: usize,
}

impl Column {
    pub fn text(&self) -> String {
        self.parts.join(" ")
    }

    pub fn field(&self) -> Option<Field> {
        self.field.map(|(f, _)| f)
    }

    /// A column that belongs to no unit and no criterion.
    pub fn is_plain(&self) -> bool {
        self.unit.is_none() && self.code.is_none()
    }
}

/// A table's header: its rows and columns.
#[derive(Debug, Clone)]
pub struct Band {
    /// 0-based first and last row.
    pub top: usize,
    pub last: usize,
    pub columns: Vec<Column>,
    /// The column of each field among the plain columns: the lowest rank,
    /// then the leftmost.
    pub fields: BTreeMap<Field, usize>,
}

impl Band {
    pub fn col(&self, field: Field) -> Option<usize> {
        self.fields.get(&field).copied()
    }

    pub fn has(&self, field: Field) -> bool {
        self.fields.contains_key(&field)
    }

    pub fn column(&self, col: usize) -> Option<&Column> {
        self.columns.get(col)
    }

    /// How much the band names: each header text that names a field, a
    /// unit or a code.
    fn score(&self) -> usize {
        self.columns.iter().map(|c| c.named).sum()
    }
}

/// What a row offers to a header.
#[derive(Debug, Clone, Copy, Default)]
struct RowInfo {
    eligible: bool,
    /// Its numbers are criterion codes (a header of codes across).
    codes: bool,
}

/// What each row offers to a header, worked out when first asked: a
/// search reads a sheet's rows once, up to the header it finds.
struct Infos<'s> {
    sheet: &'s Sheet,
    names: &'s Names<'s>,
    rows: Vec<std::cell::OnceCell<RowInfo>>,
}

impl<'s> Infos<'s> {
    fn new(sheet: &'s Sheet, names: &'s Names<'s>) -> Infos<'s> {
        Infos {
            sheet,
            names,
            rows: (0..sheet.rows.len())
                .map(|_| std::cell::OnceCell::new())
                .collect(),
        }
    }

    fn get(&self, row: usize) -> RowInfo {
        *self.rows[row].get_or_init(|| row_info(self.sheet, row, self.names))
    }
}

/// How many rows a header may take.
const MAX_DEPTH: usize = 3;

/// The first table header from row `from` on: the first row that starts
/// an accepted header, then the best header starting within the next few
/// rows (a header of two or three rows may start on the row before).
pub fn find(
    sheet: &Sheet,
    from: usize,
    names: &Names,
    accept: &dyn Fn(&Band) -> bool,
) -> Option<Band> {
    let infos = Infos::new(sheet, names);
    let width = sheet.width();
    let first = (from..sheet.rows.len()).find(|&r| {
        infos.get(r).eligible
            && (1..=MAX_DEPTH)
                .any(|d| candidate_at(sheet, r, d, width, &infos, names, accept).is_some())
    })?;
    let mut best: Option<Band> = None;
    for top in first..(first + MAX_DEPTH).min(sheet.rows.len()) {
        for depth in 1..=MAX_DEPTH {
            let Some(band) = candidate_at(sheet, top, depth, width, &infos, names, accept) else {
                continue;
            };
            if best.as_ref().is_none_or(|b| band.score() > b.score()) {
                best = Some(band);
            }
        }
    }
    best
}

#[allow(clippy::too_many_arguments)]
fn candidate_at(
    sheet: &Sheet,
    top: usize,
    depth: usize,
    width: usize,
    infos: &Infos,
    names: &Names,
    accept: &dyn Fn(&Band) -> bool,
) -> Option<Band> {
    let rows = top..top + depth;
    if rows.end > sheet.rows.len() || !rows.clone().all(|r| infos.get(r).eligible) {
        return None;
    }
    let band = candidate(sheet, top, depth, width, infos, names)?;
    accept(&band).then_some(band)
}

/// Whether a row may be part of a header, and whether its numbers are
/// criterion codes.
fn row_info(sheet: &Sheet, row: usize, names: &Names) -> RowInfo {
    let cells: Vec<&Cell> = sheet.rows[row].iter().filter(|c| !c.is_empty()).collect();
    let numeric: Vec<String> = cells
        .iter()
        .filter(|c| c.is_numeric())
        .map(|c| clean_code(&c.text()))
        .collect();
    // A number that is no criterion's code: points, a data row (most rows
    // of a sheet end here).
    if numeric
        .iter()
        .any(|t| !(is_code_like(t) && (names.is_code)(t)))
    {
        return RowInfo::default();
    }
    if cells.is_empty() || is_counting_row(&cells) {
        return RowInfo::default();
    }
    let mut codes: Vec<String> = cells
        .iter()
        .map(|c| clean_code(&c.text()))
        .filter(|t| is_code_like(t) && (names.is_code)(t))
        .collect();
    let all_codes = numeric.iter().all(|t| codes.contains(t));
    codes.sort();
    let distinct = codes.windows(2).all(|w| w[0] != w[1]);
    let units = |t: &str| names.units.is_some_and(|u| u.find(t).is_ok());
    let has_unit = cells.iter().any(|c| units(&c.text()));
    let code_row = codes.len() >= 2 && all_codes && distinct && !has_unit;
    let named = cells.iter().any(|c| {
        let t = c.text();
        recognise(&t, names.table).is_some()
            || (!c.is_numeric() && (units(&t) || split_unit_kind(&t, names).is_some()))
            || (has_code_prefix(&t) && (names.is_code)(&clean_code(&t)))
    });
    RowInfo {
        eligible: code_row || (numeric.is_empty() && named),
        codes: code_row,
    }
}

/// A row numbering the columns: `1 2 3 4 …` or `(1) (2) (3)`.
pub fn is_counting_row(cells: &[&Cell]) -> bool {
    let texts: Vec<String> = cells.iter().map(|c| c.text()).collect();
    let bracketed = texts.iter().all(|t| t.starts_with('(') && t.ends_with(')'));
    let numbers: Vec<Option<u32>> = texts
        .iter()
        .map(|t| {
            t.strip_prefix('(')
                .and_then(|t| t.strip_suffix(')'))
                .unwrap_or(t)
                .parse()
                .ok()
        })
        .collect();
    let consecutive = numbers.iter().all(Option::is_some)
        && numbers
            .windows(2)
            .all(|w| w[1] == w[0].and_then(|n| n.checked_add(1)));
    // `(1)` alone says it numbers a column; plain numbers need a run.
    !cells.is_empty()
        && (bracketed && numbers.iter().all(Option::is_some) || consecutive && cells.len() >= 3)
}

/// The header of rows `top..top + depth`, or none when a name over a
/// column that says which row or column is which (STT, Mã tiêu chí) is a
/// unit: that is a title above the table, not a unit's columns.
fn candidate(
    sheet: &Sheet,
    top: usize,
    depth: usize,
    width: usize,
    infos: &Infos,
    names: &Names,
) -> Option<Band> {
    let grid = spread(sheet, top, depth, width);
    let mut columns = Vec::with_capacity(width);
    for col in 0..width {
        let mut parts: Vec<(String, bool)> = Vec::new();
        for (i, row) in grid.iter().enumerate() {
            let text = &row[col];
            if !text.is_empty() && parts.last().is_none_or(|(p, _)| p != text) {
                parts.push((text.clone(), infos.get(top + i).codes));
            }
        }
        let column = classify(col, &parts, names);
        if column.unit.is_some() && column.field().is_some_and(|f| !f.is_score()) {
            return None;
        }
        columns.push(Column {
            hidden: sheet.col_hidden(col),
            ..column
        });
    }
    let mut fields: BTreeMap<Field, (u8, usize)> = BTreeMap::new();
    for c in columns
        .iter()
        .filter(|c| c.is_plain() && c.other_owner.is_none())
    {
        if let Some((field, rank)) = c.field
            && fields.get(&field).is_none_or(|&(r, _)| rank < r)
        {
            fields.insert(field, (rank, c.col));
        }
    }
    Some(Band {
        top,
        last: top + depth - 1,
        columns,
        fields: fields.into_iter().map(|(f, (_, c))| (f, c)).collect(),
    })
}

/// The header rows' texts with merged cells spread over the columns they
/// cover; where a file keeps no merges (CSV), a name over sub-columns is
/// carried right while the sub-columns go on.
fn spread(sheet: &Sheet, top: usize, depth: usize, width: usize) -> Vec<Vec<String>> {
    let mut grid: Vec<Vec<String>> = (top..top + depth)
        .map(|r| (0..width).map(|c| sheet.shown(r, c).text()).collect())
        .collect();
    for r in 0..depth.saturating_sub(1) {
        let (upper, lower) = grid.split_at_mut(r + 1);
        let mut carried: Option<String> = None;
        for (c, cell) in upper[r].iter_mut().enumerate() {
            let below = lower.iter().any(|row| !row[c].is_empty());
            if !cell.is_empty() {
                carried = below.then(|| cell.clone());
            } else if !below {
                carried = None;
            } else if let Some(text) = &carried {
                cell.clone_from(text);
            }
        }
    }
    grid
}

/// What a column's names say. `parts` are its texts top to bottom, each
/// with whether its row is a row of codes.
fn classify(col: usize, parts: &[(String, bool)], names: &Names) -> Column {
    let mut out = Column {
        col,
        parts: parts.iter().map(|(p, _)| p.clone()).collect(),
        ..Column::default()
    };
    let Some((lowest, _)) = parts.last() else {
        return out;
    };
    out.field = recognise(&out.text(), names.table).or_else(|| recognise(lowest, names.table));
    let is_field = |t: &str| recognise(t, names.table).is_some();
    for (i, (part, _)) in parts.iter().enumerate().rev() {
        if is_field(part) {
            continue;
        }
        if let Some(u) = names.units.and_then(|units| units.find(part).ok()) {
            out.unit = Some(u);
            break;
        }
        if let Some((u, kind)) = split_unit_kind(part, names) {
            out.unit = Some(u);
            if i == parts.len() - 1 || out.field.is_none() {
                out.field = Some(kind);
            }
            break;
        }
    }
    for (part, in_code_row) in parts.iter().rev() {
        let code = clean_code(part);
        if (*in_code_row || has_code_prefix(part)) && is_code_like(&code) && (names.is_code)(&code)
        {
            out.code = Some(code);
            break;
        }
    }
    out.named = parts
        .iter()
        .filter(|(p, in_code_row)| {
            let code = clean_code(p);
            is_field(p)
                || names.units.is_some_and(|u| u.find(p).is_ok())
                || split_unit_kind(p, names).is_some()
                || ((*in_code_row || has_code_prefix(p))
                    && is_code_like(&code)
                    && (names.is_code)(&code))
        })
        .count();
    if out.field().is_some_and(Field::is_score) && out.is_plain() {
        out.other_owner = parts[..parts.len() - 1]
            .iter()
            .rev()
            .map(|(p, _)| p)
            .find(|p| !is_field(p) && !is_code_like(&clean_code(p)))
            .cloned();
    }
    out
}

/// A unit's name and a field in one header (`An Khương – Tự chấm`,
/// `Thẩm định (Tân Lợi)`): the unit and the field.
pub fn split_unit_kind(text: &str, names: &Names) -> Option<(usize, (Field, u8))> {
    let units = names.units?;
    let key = norm(text);
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    for at in 1..words.len() {
        let (a, b) = (words[..at].join(" "), words[at..].join(" "));
        for (unit, field) in [(&a, &b), (&b, &a)] {
            if let Some(found) = recognise(field, names.table)
                && found.0.is_score()
                && let Ok(u) = units.find(unit)
            {
                return Some((u, found));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::headers::SCORE_HEADERS;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        let rows = rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|t| match t.parse::<f64>() {
                        _ if t.is_empty() => Cell::Empty,
                        Ok(n) if !t.contains('.') => Cell::Number(n),
                        _ => Cell::Text(t.to_string()),
                    })
                    .collect()
            })
            .collect();
        Sheet::new("s", rows)
    }

    fn no_codes(_: &str) -> bool {
        false
    }

    #[test]
    fn two_row_header_with_a_merged_cell() {
        let s = sheet(&[
            &["BẢNG ĐIỂM"],
            &["Mã tiêu chí", "Nội dung", "Điểm", "", "", "Ghi chú"],
            &["", "", "Tối đa", "Tự chấm", "Thẩm định", ""],
            &["1.4", "Tuyên truyền", "1", "1", "0,5", ""],
        ]);
        let names = Names {
            table: SCORE_HEADERS,
            units: None,
            is_code: &no_codes,
        };
        let h = find(&s, 0, &names, &|b| b.has(Field::Code)).unwrap();
        assert_eq!((h.top, h.last), (1, 2));
        assert_eq!(h.col(Field::Code), Some(0));
        assert_eq!(h.col(Field::Max), Some(2));
        assert_eq!(h.col(Field::SelfAssessed), Some(3));
        assert_eq!(h.col(Field::Appraised), Some(4));
        assert_eq!(h.col(Field::Explanation), Some(5));
        assert_eq!(h.col(Field::Points), None);
    }

    #[test]
    fn rows_that_count_columns_are_not_headers() {
        let s = sheet(&[&["1", "2", "3", "4"]]);
        let cells: Vec<&Cell> = s.rows[0].iter().collect();
        assert!(is_counting_row(&cells));
        let s = sheet(&[&["(1)", "(2)", "(3)"]]);
        let cells: Vec<&Cell> = s.rows[0].iter().collect();
        assert!(is_counting_row(&cells));
        let s = sheet(&[&["(1)", "(2)"]]);
        let cells: Vec<&Cell> = s.rows[0].iter().collect();
        assert!(is_counting_row(&cells));
        let s = sheet(&[&["1", "1", "0"]]);
        let cells: Vec<&Cell> = s.rows[0].iter().collect();
        assert!(!is_counting_row(&cells));
        // The largest number a cell can hold as a count has no next one.
        let s = sheet(&[&["4294967294", "4294967295", "1"]]);
        let cells: Vec<&Cell> = s.rows[0].iter().collect();
        assert!(!is_counting_row(&cells));
    }
}
