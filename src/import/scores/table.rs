//! One table of a sheet: its form (asked when the header allows two),
//! the unit of a one-unit table, its value columns, then its rows, and
//! what became of each of its cells.

use std::ops::Range;

use super::super::band::Band;
use super::super::collect::{Collector, with_col};
use super::super::forms::{self, Form, SheetUnit, ValueColumn};
use super::super::headers::Field;
use super::super::ledger::{Ledger, Mark};
use super::super::problems::Place;
use super::super::report::TableReport;
use super::super::sheet::{Sheet, column_letter};
use super::{Reader, Table};
use crate::model::Model;

impl Reader<'_> {
    /// Reads one table; returns its last row.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn table(
        &mut self,
        c: &mut Collector,
        si: usize,
        sheet: &Sheet,
        band: &Band,
        preamble: Range<usize>,
        body: Range<usize>,
        ledger: &mut Ledger,
    ) -> usize {
        for r in band.top..=band.last {
            ledger.mark_row(sheet, r, &Mark::Frame);
        }
        let place = self.place(si, sheet, band.top + 1);
        let Some(form) = self.choose(c, band, &place) else {
            return self.unread(
                sheet,
                band,
                body,
                &place,
                "đọc được theo nhiều cách",
                ledger,
            );
        };
        let unit = match self.unit_for(c, form, band, sheet, preamble, &place, ledger) {
            Ok(unit) => unit,
            Err(why) => return self.unread(sheet, band, body, &place, why, ledger),
        };
        let values = self.distinct(c, band, forms::value_columns(band, form), &place);
        let t = Table {
            si,
            sheet,
            band,
            form,
            values,
            unit: unit.as_ref().map(|(u, _)| *u),
            body,
        };
        self.check_columns(c, &t, ledger);
        let last = match form {
            Form::UnitsAsRows => self.unit_rows(c, &t, ledger),
            _ => self.criterion_rows(c, &t, ledger),
        };
        let model = self.model;
        let why = |col| reason(model, band, form, col);
        let counts = ledger.close(sheet, band.top..=last, &why, &place, &mut c.problems);
        let named = unit.map(|(u, how)| format!("`{}`, {how}", model.units[u].id));
        self.tables.push(TableReport {
            place,
            rows: forms::rows_text(band.top + 1, last + 1),
            form: Some(form.option()),
            description: forms::describe(band, form, &t.values, named.as_deref()),
            counts,
        });
        last
    }

    /// A table not read (two readings, no unit): its cells are named by
    /// the error already given.
    fn unread(
        &mut self,
        sheet: &Sheet,
        band: &Band,
        body: Range<usize>,
        place: &Place,
        why: &str,
        ledger: &mut Ledger,
    ) -> usize {
        let last = body
            .clone()
            .rfind(|&r| !sheet.is_blank_row(r))
            .unwrap_or(band.last);
        for r in body {
            ledger.mark_row(sheet, r, &Mark::Reported);
        }
        self.tables.push(TableReport {
            place: place.clone(),
            rows: forms::rows_text(band.top + 1, last + 1),
            form: None,
            description: format!("{why}: không nhập"),
            counts: Default::default(),
        });
        last
    }

    /// The form of a table: the one its header allows, or the one `--form`
    /// names among several; else an error asking.
    fn choose(&self, c: &mut Collector, band: &Band, place: &Place) -> Option<Form> {
        let readings = forms::readings(band);
        let names: Vec<&str> = readings.iter().map(|f| f.label()).collect();
        match (self.options.form, readings.as_slice()) {
            (Some(f), _) if readings.contains(&f) => Some(f),
            (Some(f), _) => {
                c.problems.error(
                    with_col(place, band_first(band)),
                    format!(
                        "bảng này không đọc được dạng --form {}: chỉ đọc được dạng {}",
                        f.option(),
                        names.join(" hoặc ")
                    ),
                    Some("bỏ --form, hoặc chọn một dạng bảng này có".into()),
                );
                None
            }
            (None, [one]) => Some(*one),
            (None, _) => {
                let options: Vec<String> = readings
                    .iter()
                    .map(|f| format!("--form {}", f.option()))
                    .collect();
                c.problems.error(
                    with_col(place, second_reading_column(band, &readings)),
                    format!(
                        "bảng này đọc được theo {} cách: {}",
                        readings.len(),
                        names.join(", hoặc ")
                    ),
                    Some(format!(
                        "không đoán: chọn một bằng {}",
                        options.join(" hoặc ")
                    )),
                );
                None
            }
        }
    }

    /// The unit of a one-unit table (and where it is named), none for the
    /// other forms; an error when it is not known.
    #[allow(clippy::too_many_arguments)]
    fn unit_for(
        &self,
        c: &mut Collector,
        form: Form,
        band: &Band,
        sheet: &Sheet,
        preamble: Range<usize>,
        place: &Place,
        ledger: &mut Ledger,
    ) -> Result<Option<(usize, String)>, &'static str> {
        if form != Form::PerUnit {
            return Ok(None);
        }
        match forms::sheet_unit(&self.units, sheet, preamble) {
            SheetUnit::Found(u, how, cell) => {
                if let Some((r, col)) = cell {
                    ledger.mark(r, col, Mark::Frame);
                }
                Ok(Some((u, how)))
            }
            SheetUnit::Several(found) => {
                let list: Vec<String> = found
                    .iter()
                    .map(|(u, how, _)| format!("`{}` ({how})", self.model.units[*u].id))
                    .collect();
                let at = match found.iter().find_map(|(_, _, cell)| *cell) {
                    Some((row, col)) => Place {
                        row: row + 1,
                        col: Some(col),
                        ..place.clone()
                    },
                    None => with_col(place, band_first(band)),
                };
                c.problems.error(
                    at,
                    format!("không biết bảng này là điểm của đơn vị nào: trang tính nêu {}", list.join(", ")),
                    Some("giữ một tên đơn vị phía trên bảng (hoặc ở tên trang tính), hoặc thêm cột Đơn vị".into()),
                );
                Err("nêu nhiều đơn vị")
            }
            SheetUnit::None => {
                c.problems.error(
                    with_col(place, band.col(Field::Code).unwrap_or(band_first(band))),
                    "không biết trang tính này là điểm của đơn vị nào".into(),
                    Some("đặt tên trang tính theo tên đơn vị, ghi \"Đơn vị: …\" phía trên bảng, hoặc thêm cột Đơn vị".into()),
                );
                Err("không rõ đơn vị")
            }
        }
    }

    /// The value columns, each (unit, criterion, field) once: a second
    /// column of the same is an error, and is not read.
    fn distinct(
        &self,
        c: &mut Collector,
        band: &Band,
        values: Vec<ValueColumn>,
        place: &Place,
    ) -> Vec<ValueColumn> {
        let mut kept: Vec<ValueColumn> = Vec::new();
        let mut seen: std::collections::HashMap<_, usize> = Default::default();
        for v in values {
            let key = (v.unit, v.code.clone(), v.field);
            match seen.get(&key).map(|&i| &kept[i]) {
                Some(first) => c.problems.error(
                    with_col(place, v.col),
                    format!(
                        "cột {} và cột {} cùng là {} (`{}`)",
                        column_letter(first.col),
                        column_letter(v.col),
                        v.field.label(),
                        band.columns[v.col].text()
                    ),
                    Some("đổi tên hoặc xóa một trong hai cột".into()),
                ),
                None => {
                    seen.insert(key, kept.len());
                    kept.push(v);
                }
            }
        }
        kept
    }
}

/// Why a column no form read is left.
fn reason(model: &Model, band: &Band, form: Form, col: usize) -> String {
    let Some(column) = band.column(col).filter(|c| !c.text().is_empty()) else {
        return "cột không có tên".into();
    };
    let text = column.text();
    match column.field() {
        Some(f @ (Field::Percent | Field::Band)) => format!("{} do tiendo tự tính", f.label()),
        Some(f @ (Field::Total | Field::Rank)) => {
            format!(
                "cột {} chỉ được đối chiếu ở bảng đơn vị theo dòng",
                f.label()
            )
        }
        Some(f) if f.is_score() => match column.unit {
            Some(u) => format!(
                "cột của đơn vị `{}`, không đọc ở {}",
                model.units[u].id,
                form.label()
            ),
            None => format!("cột `{text}` không thuộc đơn vị hay tiêu chí nào của bảng"),
        },
        _ => format!("tên cột `{text}` không được nhận"),
    }
}

/// The first column of a header that names something.
fn band_first(band: &Band) -> usize {
    band.columns
        .iter()
        .find(|c| !c.parts.is_empty())
        .map_or(0, |c| c.col)
}

/// The first column a second reading of a table reads that the first does
/// not: where the two readings part.
fn second_reading_column(band: &Band, readings: &[Form]) -> usize {
    let first: Vec<usize> = forms::value_columns(band, readings[0])
        .iter()
        .map(|v| v.col)
        .collect();
    readings[1..]
        .iter()
        .flat_map(|&f| forms::value_columns(band, f))
        .map(|v| v.col)
        .find(|c| !first.contains(c))
        .unwrap_or_else(|| band_first(band))
}
