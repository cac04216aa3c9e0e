//! Score sheets in their three forms, recognised by their header:
//! - long: one row per unit and criterion (a unit column);
//! - one sheet per unit: rows are criteria, the sheet's name or a cell
//!   above the table names the unit;
//! - wide: one row per criterion, one column per unit.

mod long;
mod wide;

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::collect::{At, Collector, Values, points_of, with_col};
use super::headers::{Field, Header, SCORE_HEADERS, find_header, header_matches};
use super::matching::{self, Units, clean_code, is_roman};
use super::problems::Place;
use super::sheet::{Cell, Sheet, Workbook};
use super::{Imported, ScoresOptions, norm, yaml};
use crate::model::Model;

const SCORE_FIELDS: [Field; 4] = [
    Field::Points,
    Field::SelfAssessed,
    Field::Appraised,
    Field::Survey,
];

enum Form {
    Long,
    PerUnit(usize),
    /// (column, unit) of every unit column.
    Wide(Vec<(usize, usize)>),
}

struct Reader<'a> {
    model: &'a Model,
    units: Units<'a>,
    book: &'a Workbook,
    options: &'a ScoresOptions,
    framework: Option<usize>,
    /// Snapshot dates of rows left out because they are of another date.
    other_dates: BTreeSet<NaiveDate>,
}

/// The framework given by --framework, if any.
fn framework_option(model: &Model, options: &ScoresOptions) -> anyhow::Result<Option<usize>> {
    Ok(match &options.framework {
        Some(f) => Some(*model.framework_index.get(f.trim()).ok_or_else(|| {
            let known: Vec<&str> = model.frameworks.iter().map(|f| f.id.as_str()).collect();
            anyhow::anyhow!(
                "không có bộ chỉ số `{f}`: --framework nhận một trong {}",
                known.join(", ")
            )
        })?),
        None => None,
    })
}

pub(super) fn import(
    model: &Model,
    book: &Workbook,
    options: &ScoresOptions,
) -> anyhow::Result<Imported> {
    let framework = framework_option(model, options)?;
    let mut r = Reader {
        model,
        units: Units::new(model),
        book,
        options,
        framework,
        other_dates: BTreeSet::new(),
    };
    let mut c = Collector::new(model);
    let mut found = false;
    for (si, sheet) in book.sheets.iter().enumerate() {
        let place = r.place(si, sheet, 0);
        match r.form(sheet) {
            Some((header, Form::Wide(cols))) => {
                found = true;
                r.wide(&mut c, si, sheet, &header, &cols);
            }
            Some((header, form)) => {
                found = true;
                let unit = match form {
                    Form::PerUnit(u) => Some(u),
                    _ => None,
                };
                r.rows(&mut c, si, sheet, &header, unit);
            }
            None if r.has_score_header(sheet) => c.problems.error(
                place,
                "không biết trang tính này là điểm của đơn vị nào".into(),
                Some("đặt tên trang tính theo tên đơn vị, ghi \"Đơn vị: …\" phía trên bảng, hoặc thêm cột Đơn vị".into()),
            ),
            None => c.problems.warning(
                place,
                "không có bảng điểm nhận ra được (cần cột mã tiêu chí và cột điểm): bỏ qua".into(),
                Some("tên cột được nhận: `tiendo help nhap`".into()),
            ),
        }
    }
    if !found {
        anyhow::bail!(
            "`{}` không có bảng điểm nào nhận ra được: cần một dòng tiêu đề có cột mã tiêu chí và cột điểm (hoặc một cột cho mỗi đơn vị); xem `tiendo help nhap`",
            book.file
        );
    }
    c.check_sums();
    if c.leaves.is_empty() && !r.other_dates.is_empty() {
        let dates: Vec<String> = r.other_dates.iter().map(|d| d.to_string()).collect();
        anyhow::bail!(
            "`{}` không có dòng nào của đợt {}; bảng có các đợt: {}; hãy chọn một ngày đó bằng --date",
            book.file,
            options.date,
            dates.join(", ")
        );
    }
    let yaml = yaml::snapshot(model, options, &c.leaves);
    Ok(Imported {
        yaml,
        taken: c.leaves.len(),
        problems: c.problems,
    })
}

impl Reader<'_> {
    fn place(&self, sheet_index: usize, sheet: &Sheet, row: usize) -> Place {
        Place {
            file: self.book.file.clone(),
            sheet_index,
            sheet: (!self.book.csv).then(|| sheet.name.clone()),
            row,
            col: None,
        }
    }

    fn has_score_header(&self, sheet: &Sheet) -> bool {
        find_header(sheet, SCORE_HEADERS, &|_| false, &|h| {
            h.has(Field::Code) && SCORE_FIELDS.iter().any(|&f| h.has(f))
        })
        .is_some()
    }

    fn form(&self, sheet: &Sheet) -> Option<(Header, Form)> {
        let units = &self.units;
        let is_unit = |t: &str| units.is_unit(t);
        let unit_cols = |h: &Header| -> Vec<(usize, usize)> {
            (0..h.texts.len())
                .filter(|c| !h.columns.values().any(|v| v == c))
                .filter_map(|c| {
                    let mut texts = vec![h.texts[c].clone()];
                    texts.extend(h.parts[c].iter().rev().cloned());
                    texts
                        .iter()
                        .find_map(|t| units.find(t).ok())
                        .filter(|_| header_matches(h, c, &is_unit))
                        .map(|u| (c, u))
                })
                .collect()
        };
        let has_scores = |h: &Header| SCORE_FIELDS.iter().any(|&f| h.has(f));
        let header = find_header(sheet, SCORE_HEADERS, &is_unit, &|h| {
            h.has(Field::Code) && (has_scores(h) || !unit_cols(h).is_empty())
        })?;
        if has_scores(&header) {
            if header.has(Field::Unit) {
                return Some((header, Form::Long));
            }
            let unit = self.unit_of_sheet(sheet, &header)?;
            return Some((header, Form::PerUnit(unit)));
        }
        let cols = unit_cols(&header);
        Some((header, Form::Wide(cols)))
    }

    /// The unit a one-unit sheet is about: named by the sheet, or by a
    /// cell above the table ("Đơn vị: UBND xã Tân Lợi", "… CỦA UBND XÃ
    /// TÂN LỢI").
    fn unit_of_sheet(&self, sheet: &Sheet, header: &Header) -> Option<usize> {
        if let Ok(u) = self.units.find(&sheet.name) {
            return Some(u);
        }
        for row in 0..=header.last_row {
            for cell in sheet.rows.get(row).into_iter().flatten() {
                let text = cell.text();
                let tail = text
                    .rsplit_once(':')
                    .map(|(_, t)| t.to_string())
                    .unwrap_or_else(|| text.clone());
                let after_cua = split_after_word(&text, "cua");
                for t in [Some(text.clone()), Some(tail), after_cua]
                    .into_iter()
                    .flatten()
                {
                    if let Ok(u) = self.units.find(&t) {
                        return Some(u);
                    }
                }
            }
        }
        None
    }

    /// The row's criterion code; none for a heading row (no code, no
    /// points) or a part numbered in Roman numerals.
    fn code_cell(
        &self,
        sheet: &Sheet,
        row: usize,
        header: &Header,
        values: &Values,
        place: &Place,
        errors: &mut RowErrors,
    ) -> Option<String> {
        let col = header.col(Field::Code)?;
        let code = clean_code(&sheet.cell(row, col).text());
        if code.is_empty() {
            if !values.is_empty() {
                errors.push((
                    with_col(place, col),
                    "dòng có điểm nhưng thiếu mã tiêu chí".into(),
                    Some("ghi mã tiêu chí (ví dụ 7.2.5) vào ô này".into()),
                ));
                return Some(String::new());
            }
            return None;
        }
        if is_roman(&code) {
            return None;
        }
        Some(code)
    }

    fn framework_of(&self, unit: usize) -> Option<usize> {
        self.framework.or(self.model.units[unit].framework)
    }

    fn row_framework(
        &self,
        sheet: &Sheet,
        row: usize,
        header: &Header,
        unit: usize,
        place: &Place,
        errors: &mut RowErrors,
    ) -> Option<usize> {
        if let Some(col) = header.col(Field::Framework) {
            let text = sheet.cell(row, col).text();
            if !text.is_empty() {
                let found = self.model.framework_index.get(&text).copied().or_else(|| {
                    let key = norm(&text);
                    self.model
                        .frameworks
                        .iter()
                        .position(|f| norm(&f.title) == key)
                });
                if found.is_none() {
                    errors.push((
                        with_col(place, col),
                        format!("không có bộ chỉ số `{text}`"),
                        Some("ghi mã bộ chỉ số như tên tệp trong frameworks/".into()),
                    ));
                }
                return found;
            }
        }
        let found = self.framework_of(unit);
        if found.is_none() {
            errors.push((
                place.clone(),
                format!(
                    "đơn vị `{}` không được chấm theo bộ chỉ số nào",
                    self.model.units[unit].id
                ),
                Some("chọn bộ chỉ số bằng --framework, hoặc thêm `framework:` cho đơn vị trong units.yaml".into()),
            ));
        }
        found
    }

    fn criterion_of(
        &self,
        fw: usize,
        code: &str,
        header: &Header,
        place: &Place,
        errors: &mut RowErrors,
    ) -> Option<usize> {
        if code.is_empty() {
            return None;
        }
        let framework = &self.model.frameworks[fw];
        let found = matching::criterion(framework, code);
        if found.is_none() {
            let hint = matching::nearest_code(framework, code)
                .map(|c| format!("có phải ý bạn là `{c}`?"))
                .unwrap_or_else(|| format!("xem các mã trong frameworks/{}.yaml", framework.id));
            let place = match header.col(Field::Code) {
                Some(col) => with_col(place, col),
                None => place.clone(),
            };
            errors.push((
                place,
                format!("bộ chỉ số `{}` không có tiêu chí `{code}`", framework.id),
                Some(hint),
            ));
        }
        found
    }
}

type RowErrors = Vec<(Place, String, Option<String>)>;

fn report(c: &mut Collector, errors: RowErrors) {
    for (p, m, h) in errors {
        c.problems.error(p, m, h);
    }
}

fn number_hint() -> String {
    "ghi điểm bằng số, ví dụ 1,5 hoặc 1.5; để trống nếu chưa chấm".into()
}

/// The points, explanation and evidence of a row.
fn read_values(
    sheet: &Sheet,
    row: usize,
    header: &Header,
    place: &Place,
    errors: &mut RowErrors,
) -> Values {
    let mut read = |field: Field| -> Option<At> {
        let col = header.col(field)?;
        match points_of(sheet.cell(row, col)) {
            Ok(p) => p.map(|points| At { points, col }),
            Err(message) => {
                errors.push((with_col(place, col), message, Some(number_hint())));
                None
            }
        }
    };
    let points = read(Field::Points);
    let self_assessed = read(Field::SelfAssessed);
    let appraised = read(Field::Appraised);
    let survey = read(Field::Survey);
    let text = |field: Field| {
        header
            .col(field)
            .map(|c| sheet.cell(row, c).text())
            .filter(|t| !t.is_empty())
    };
    Values {
        points,
        self_assessed,
        appraised,
        survey,
        explanation: text(Field::Explanation),
        evidence: text(Field::Evidence)
            .map(|t| {
                t.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default(),
    }
}

fn sheet_max(sheet: &Sheet, row: usize, header: &Header) -> Option<At> {
    let col = header.col(Field::Max)?;
    points_of(sheet.cell(row, col))
        .ok()
        .flatten()
        .map(|points| At { points, col })
}

/// A row that sums the table ("Tổng cộng", "Tổng điểm", "Cộng"): its code
/// cell is empty or says so.
fn is_total(sheet: &Sheet, row: usize, header: &Header) -> bool {
    let says_total = |text: String| {
        let n = norm(&text);
        n.starts_with("tong") || n == "cong" || n.starts_with("cong ")
    };
    let code = header.col(Field::Code).map(|c| sheet.cell(row, c).text());
    if let Some(code) = &code
        && !code.is_empty()
    {
        return says_total(code.clone());
    }
    [Field::Title, Field::Unit]
        .iter()
        .filter_map(|&f| header.col(f))
        .map(|c| sheet.cell(row, c).text())
        .chain(
            sheet.rows[row]
                .iter()
                .map(Cell::text)
                .find(|t| !t.is_empty()),
        )
        .any(says_total)
}

/// The row of column numbers under a header: `(1) (2) (3)`.
fn is_numbering(sheet: &Sheet, row: usize) -> bool {
    sheet.rows[row].iter().filter(|c| !c.is_empty()).all(|c| {
        let t = c.text();
        t.starts_with('(')
            && t.ends_with(')')
            && t[1..t.len() - 1].chars().all(|ch| ch.is_ascii_digit())
    })
}

/// The text after a word (in its normalized form): `Bảng điểm của UBND xã
/// Tân Lợi` after `cua` → `UBND xã Tân Lợi`.
fn split_after_word(text: &str, word: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let at = words.iter().rposition(|w| norm(w) == word)?;
    let rest = words[at + 1..].join(" ");
    (!rest.is_empty()).then_some(rest)
}
