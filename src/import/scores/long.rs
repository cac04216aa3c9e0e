//! The long form (a unit column) and one sheet per unit: one row per
//! criterion.

use chrono::NaiveDate;

use super::super::collect::{Collector, Entry, Total, with_col};
use super::super::headers::{Field, Header};
use super::super::matching::UnitMiss;
use super::super::problems::Place;
use super::super::sheet::{Cell, Sheet};
use super::{Reader, RowErrors, is_numbering, is_total, read_values, report, sheet_max};

impl Reader<'_> {
    /// Reads a long or one-unit sheet.
    pub(super) fn rows(
        &mut self,
        c: &mut Collector,
        si: usize,
        sheet: &Sheet,
        header: &Header,
        fixed_unit: Option<usize>,
    ) {
        let mut last_unit = fixed_unit;
        let mut last_date: Option<NaiveDate> = None;
        for row in header.last_row + 1..sheet.rows.len() {
            if sheet.is_blank_row(row) || is_numbering(sheet, row) {
                continue;
            }
            let place = self.place(si, sheet, row + 1);
            if !self.of_this_snapshot(c, sheet, row, header, &place, &mut last_date) {
                continue;
            }
            let mut errors: RowErrors = Vec::new();
            let values = read_values(sheet, row, header, &place, &mut errors);
            if is_total(sheet, row, header) {
                let scope = fixed_unit.and_then(|u| Some((u, self.framework_of(u)?)));
                if errors.is_empty() {
                    c.total(Total {
                        scope,
                        values,
                        place,
                    });
                }
                continue;
            }
            let Some(code) = self.code_cell(sheet, row, header, &values, &place, &mut errors)
            else {
                report(c, errors);
                continue;
            };
            let unit = match (fixed_unit, header.col(Field::Unit)) {
                (Some(u), _) => Some(u),
                (None, Some(col)) => self.unit_cell(
                    sheet.cell(row, col),
                    &mut last_unit,
                    &place,
                    col,
                    &mut errors,
                ),
                (None, None) => None,
            };
            let entry = unit.and_then(|u| {
                let fw = self.row_framework(sheet, row, header, u, &place, &mut errors)?;
                let criterion = self.criterion_of(fw, &code, header, &place, &mut errors)?;
                Some((u, fw, criterion))
            });
            if !errors.is_empty() {
                report(c, errors);
                continue;
            }
            let Some((unit, framework, criterion)) = entry else {
                continue;
            };
            if values.is_empty() {
                continue;
            }
            let sheet_max = sheet_max(sheet, row, header);
            c.add(Entry {
                unit,
                framework,
                criterion,
                values,
                sheet_max,
                place,
            });
        }
    }

    /// Whether a row belongs to the snapshot imported, by its snapshot
    /// column (rows of other dates are left out; an empty cell is the date
    /// of the row above, as in a merged cell).
    fn of_this_snapshot(
        &mut self,
        c: &mut Collector,
        sheet: &Sheet,
        row: usize,
        header: &Header,
        place: &Place,
        last_date: &mut Option<NaiveDate>,
    ) -> bool {
        let Some(col) = header.col(Field::Snapshot) else {
            return true;
        };
        match self.snapshot_of(sheet.cell(row, col), *last_date) {
            Ok(date) => *last_date = date,
            Err(message) => {
                c.problems.error(with_col(place, col), message, None);
                return false;
            }
        }
        match *last_date {
            Some(d) if d != self.options.date => {
                self.other_dates.insert(d);
                false
            }
            _ => true,
        }
    }

    /// The snapshot date of a row: its cell, or the row above's when empty
    /// (a merged cell).
    fn snapshot_of(
        &self,
        cell: &Cell,
        last: Option<NaiveDate>,
    ) -> Result<Option<NaiveDate>, String> {
        match cell {
            Cell::Empty => Ok(last),
            Cell::Date(d) => Ok(Some(*d)),
            other => {
                let text = other.text();
                if text.is_empty() {
                    return Ok(last);
                }
                crate::validate::parse_date(&text).map(Some).ok_or_else(|| {
                    format!("`{text}` không phải ngày của đợt đánh giá (dạng 01/11/2023)")
                })
            }
        }
    }

    fn unit_cell(
        &self,
        cell: &Cell,
        last: &mut Option<usize>,
        place: &Place,
        col: usize,
        errors: &mut RowErrors,
    ) -> Option<usize> {
        let text = cell.text();
        if text.is_empty() {
            if last.is_none() {
                errors.push((
                    with_col(place, col),
                    "thiếu tên đơn vị".into(),
                    Some("ghi tên hoặc mã đơn vị vào ô này".into()),
                ));
            }
            return *last;
        }
        match self.units.find(&text) {
            Ok(u) => {
                *last = Some(u);
                Some(u)
            }
            Err(miss) => {
                *last = None;
                let hint = match miss {
                    UnitMiss::Unknown(Some(id)) => format!("có phải ý bạn là `{id}`?"),
                    UnitMiss::Unknown(None) => {
                        "ghi đúng tên, tên ngắn hoặc mã đơn vị như trong units.yaml".into()
                    }
                    UnitMiss::Ambiguous(ids) => {
                        format!(
                            "tên này trùng nhiều đơn vị ({}); ghi mã đơn vị",
                            ids.join(", ")
                        )
                    }
                };
                errors.push((
                    with_col(place, col),
                    format!("không có đơn vị `{text}`"),
                    Some(hint),
                ));
                None
            }
        }
    }
}
