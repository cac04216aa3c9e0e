//! The forms a score table can have, told apart by its header, and which
//! of them a header allows: when it allows two, the import asks.

use super::band::{Band, Column};
use super::headers::Field;
use super::matching::Units;
use super::norm;
use super::sheet::{Sheet, column_letter};

/// A form of score table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// One row per unit and criterion: a unit column, a code column.
    Long,
    /// One unit's table: rows are criteria; the sheet's name or a cell
    /// above the table names the unit.
    PerUnit,
    /// One row per criterion, one column (or group of columns) per unit.
    Wide,
    /// One row per unit, one column (or group of columns) per criterion.
    UnitsAsRows,
}

impl Form {
    pub const ALL: [Form; 4] = [Form::Long, Form::Wide, Form::PerUnit, Form::UnitsAsRows];

    /// The name `--form` takes.
    pub fn option(self) -> &'static str {
        match self {
            Form::Long => "long",
            Form::PerUnit => "per-unit",
            Form::Wide => "wide",
            Form::UnitsAsRows => "units-as-rows",
        }
    }

    /// How the summary names it.
    pub fn label(self) -> &'static str {
        match self {
            Form::Long => "bảng dọc (mỗi dòng một đơn vị và một tiêu chí)",
            Form::PerUnit => "bảng của một đơn vị",
            Form::Wide => "bảng rộng (mỗi đơn vị một nhóm cột)",
            Form::UnitsAsRows => "bảng đơn vị theo dòng (mỗi tiêu chí một nhóm cột)",
        }
    }

    pub fn parse(text: &str) -> Option<Form> {
        Form::ALL.into_iter().find(|f| f.option() == text.trim())
    }
}

/// A column that holds scores: of which unit (or the row's), of which
/// criterion (or the row's), and what.
#[derive(Debug, Clone)]
pub struct ValueColumn {
    pub col: usize,
    pub field: Field,
    pub unit: Option<usize>,
    pub code: Option<String>,
}

/// The plain columns of scores (no unit, no criterion above them).
fn plain(band: &Band) -> impl Iterator<Item = &Column> {
    band.columns
        .iter()
        .filter(|c| c.is_plain() && c.field().is_some_and(Field::is_score))
}

fn unit_columns(band: &Band) -> impl Iterator<Item = &Column> {
    band.columns
        .iter()
        .filter(|c| c.unit.is_some() && c.field().is_none_or(Field::is_score))
}

fn code_columns(band: &Band) -> impl Iterator<Item = &Column> {
    band.columns
        .iter()
        .filter(|c| c.unit.is_none() && c.code.is_some() && c.field().is_none_or(Field::is_score))
}

/// Every form the header allows.
pub fn readings(band: &Band) -> Vec<Form> {
    let rows_are_criteria = band.has(Field::Code) || band.has(Field::Title);
    let points = |c: &&Column| c.field().is_none_or(Field::is_points);
    let units = unit_columns(band).any(|c| points(&c));
    let named = plain(band).filter(points).any(|c| c.other_owner.is_none());
    let scores = named || (!units && plain(band).any(|c| points(&c)));
    let mut out = Vec::new();
    if band.has(Field::Unit) && rows_are_criteria && scores {
        out.push(Form::Long);
    }
    if rows_are_criteria && units {
        out.push(Form::Wide);
    }
    if !band.has(Field::Unit) && rows_are_criteria && scores {
        out.push(Form::PerUnit);
    }
    if band.has(Field::Unit) && code_columns(band).any(|c| points(&c)) {
        out.push(Form::UnitsAsRows);
    }
    out
}

/// The columns a form reads scores from.
pub fn value_columns(band: &Band, form: Form) -> Vec<ValueColumn> {
    let of = |c: &Column| ValueColumn {
        col: c.col,
        field: c.field().unwrap_or(Field::Points),
        unit: c.unit,
        code: c.code.clone(),
    };
    match form {
        Form::Long | Form::PerUnit => plain(band)
            .filter(|c| c.other_owner.is_none() || unit_columns(band).next().is_none())
            .map(of)
            .collect(),
        Form::Wide => unit_columns(band).map(of).collect(),
        Form::UnitsAsRows => code_columns(band).map(of).collect(),
    }
}

/// "13 đơn vị ở dòng 6–7, tiêu chí ở cột A": where a form found its units
/// and criteria.
pub fn describe(band: &Band, form: Form, values: &[ValueColumn], unit: Option<&str>) -> String {
    let rows = rows_text(band.top + 1, band.last + 1);
    let col = |f: Field| band.col(f).map(|c| format!("cột {}", column_letter(c)));
    let criteria = col(Field::Code)
        .or_else(|| col(Field::Title).map(|c| format!("{c} (mã đầu tên tiêu chí)")))
        .unwrap_or_default();
    let mut kinds: Vec<&str> = Vec::new();
    for v in values {
        if !kinds.contains(&v.field.label()) {
            kinds.push(v.field.label());
        }
    }
    let kinds = kinds.join(", ");
    match form {
        Form::Long => format!(
            "{}: đơn vị ở {}, tiêu chí ở {criteria}; {kinds}",
            form.label(),
            col(Field::Unit).unwrap_or_default()
        ),
        Form::PerUnit => format!(
            "{} ({}): tiêu chí ở {criteria}; {kinds}",
            form.label(),
            unit.unwrap_or("")
        ),
        Form::Wide => {
            let mut units: Vec<usize> = values.iter().filter_map(|v| v.unit).collect();
            units.dedup();
            format!(
                "{}: {} đơn vị ở {rows}, tiêu chí ở {criteria}; {kinds}",
                form.label(),
                units.len()
            )
        }
        Form::UnitsAsRows => {
            let mut codes: Vec<&str> = values.iter().filter_map(|v| v.code.as_deref()).collect();
            codes.dedup();
            format!(
                "{}: đơn vị ở {}, {} tiêu chí ở {rows}; {kinds}",
                form.label(),
                col(Field::Unit).unwrap_or_default(),
                codes.len()
            )
        }
    }
}

/// `dòng 6` or `dòng 6–7` (1-based).
pub fn rows_text(first: usize, last: usize) -> String {
    if first == last {
        format!("dòng {first}")
    } else {
        format!("dòng {first}–{last}")
    }
}

/// How a one-unit table's unit is known.
pub enum SheetUnit {
    /// The unit, where it is named (`theo tên trang tính`), and the cell
    /// that names it, if a cell does.
    Found(usize, String, Option<(usize, usize)>),
    /// Several units are named: each with where, and the cell if a cell
    /// names it.
    Several(Vec<Named>),
    None,
}

/// A unit named, where, and by which cell.
type Named = (usize, String, Option<(usize, usize)>);

/// The unit of a one-unit table: named by a cell above it with "của …" or
/// "Đơn vị: …", or by the sheet's name; else by a cell that is a unit's
/// name alone (`UBND XÃ AN PHÚ`). Two units named the same way are a
/// question, not a choice.
pub fn sheet_unit(units: &Units, sheet: &Sheet, rows: std::ops::Range<usize>) -> SheetUnit {
    let mut said: Vec<Named> = Vec::new();
    let mut bare: Vec<Named> = Vec::new();
    if let Ok(u) = units.find(&sheet.name) {
        said.push((u, "theo tên trang tính".into(), None));
    }
    for row in rows {
        for (col, cell) in sheet.rows.get(row).into_iter().flatten().enumerate() {
            let text = cell.text();
            if text.is_empty() {
                continue;
            }
            let place = format!("theo ô {}{} `{text}`", column_letter(col), row + 1);
            if let Ok(u) = units.find(&text) {
                bare.push((u, place, Some((row, col))));
            } else if let Some(u) = named_after(units, &text) {
                said.push((u, place, Some((row, col))));
            }
        }
    }
    let pick = |found: Vec<Named>| {
        let mut distinct: Vec<Named> = Vec::new();
        for named in found {
            if !distinct.iter().any(|(d, _, _)| *d == named.0) {
                distinct.push(named);
            }
        }
        match distinct.len() {
            0 => SheetUnit::None,
            1 => {
                let (u, how, cell) = distinct.remove(0);
                SheetUnit::Found(u, how, cell)
            }
            _ => SheetUnit::Several(distinct),
        }
    };
    match pick(said) {
        SheetUnit::None => pick(bare),
        other => other,
    }
}

/// The unit a text names after "của" or a colon: `BẢNG ĐIỂM CỦA UBND XÃ
/// AN PHÚ NĂM 2023` → An Phú; `Đơn vị: UBND xã Tân Lợi` → Tân Lợi.
fn named_after(units: &Units, text: &str) -> Option<usize> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut starts: Vec<usize> = words
        .iter()
        .enumerate()
        .filter(|(_, w)| norm(w) == "cua")
        .map(|(i, _)| i + 1)
        .collect();
    if let Some(at) = words.iter().position(|w| w.ends_with(':')) {
        starts.push(at + 1);
    }
    for start in starts {
        for end in (start + 1..=words.len()).rev() {
            let name = words[start..end].join(" ");
            if let Ok(u) = units.find(name.trim_end_matches([',', '.', ';', ')'])) {
                return Some(u);
            }
        }
    }
    None
}
