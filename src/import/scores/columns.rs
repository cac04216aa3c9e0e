//! Columns a table holds numbers in but whose header names nothing known:
//! in a table with a column group per unit, a unit misspelled; in a table
//! with a column per criterion, a code that no framework has. Refused, with
//! the nearest name, so that a unit's scores are never dropped quietly.

use super::super::band::Column;
use super::super::collect::Collector;
use super::super::forms::Form;
use super::super::ledger::{Ledger, Mark};
use super::super::matching::{self, UnitMiss, clean_code, is_code_like};
use super::super::problems::Place;
use super::super::sheet::column_letter;
use super::{Reader, Table};

impl Reader<'_> {
    /// Refuses the visible columns of numbers whose header names no unit
    /// (wide) or no criterion (units as rows); a hidden one is left to the
    /// warnings of left cells.
    pub(super) fn check_columns(&mut self, c: &mut Collector, t: &Table, ledger: &mut Ledger) {
        if !matches!(t.form, Form::Wide | Form::UnitsAsRows) {
            return;
        }
        let mut seen: Vec<String> = Vec::new();
        for column in &t.band.columns {
            let unknown = column.field.is_none() && column.is_plain() && !column.text().is_empty();
            let owner = match (&column.other_owner, unknown) {
                (Some(owner), _) if t.form == Form::Wide => owner.clone(),
                (None, true) => column.parts.last().cloned().unwrap_or_default(),
                _ => continue,
            };
            let rows: Vec<usize> = t
                .body
                .clone()
                .filter(|&r| {
                    t.sheet.cell(r, column.col).is_numeric()
                        || matches!(t.sheet.cell(r, column.col), super::Cell::Uncached(_))
                })
                .collect();
            if rows.is_empty() || column.hidden {
                continue;
            }
            for &r in &rows {
                ledger.mark(r, column.col, Mark::Reported);
            }
            if seen.contains(&owner) {
                continue;
            }
            seen.push(owner.clone());
            let cols = self.span(t, column, &owner);
            let place = self.header_place(t, column, &owner);
            let (message, hint) = match t.form {
                Form::Wide => self.no_unit(&owner, &cols),
                _ => self.no_criterion(&owner, &cols),
            };
            c.problems.error(place, message, Some(hint));
        }
    }

    /// `cột D–E`: the columns that share the name.
    fn span(&self, t: &Table, column: &Column, owner: &str) -> String {
        let same = |c: &&Column| {
            c.other_owner.as_deref() == Some(owner)
                || c.parts.last().map(String::as_str) == Some(owner)
        };
        let cols: Vec<usize> = t.band.columns.iter().filter(same).map(|c| c.col).collect();
        match (cols.first(), cols.last()) {
            (Some(a), Some(b)) if a != b => {
                format!("cột {}–{}", column_letter(*a), column_letter(*b))
            }
            _ => format!("cột {}", column_letter(column.col)),
        }
    }

    /// The header cell that holds the name.
    fn header_place(&self, t: &Table, column: &Column, owner: &str) -> Place {
        let row = (t.band.top..=t.band.last)
            .find(|&r| t.sheet.shown(r, column.col).text() == owner)
            .unwrap_or(t.band.top);
        Place {
            col: Some(column.col),
            ..self.place(t.si, t.sheet, row + 1)
        }
    }

    fn no_unit(&self, owner: &str, cols: &str) -> (String, String) {
        let hint = match self.units.find(owner) {
            Err(UnitMiss::Unknown(None)) | Ok(_) => {
                "sửa tên trên bảng tính cho đúng tên trong units.yaml, hoặc thêm đơn vị vào units.yaml".into()
            }
            Err(miss) => self.unit_hint(miss),
        };
        (format!("không có đơn vị `{owner}` ({cols} có điểm)"), hint)
    }

    fn no_criterion(&self, owner: &str, cols: &str) -> (String, String) {
        let code = clean_code(owner);
        if !is_code_like(&code) {
            return (
                format!("cột `{owner}` có số nhưng không phải tiêu chí nào ({cols})"),
                "ghi mã tiêu chí ở tên cột (ví dụ TC 1.4), hoặc xóa cột".into(),
            );
        }
        let nearest = self
            .model
            .frameworks
            .iter()
            .filter_map(|fw| matching::nearest_code(fw, &code))
            .next();
        (
            format!("không bộ chỉ số nào có tiêu chí `{code}` ({cols})"),
            match nearest {
                Some(n) => format!("có phải ý bạn là `{n}`?"),
                None => "xem các mã trong frameworks/".into(),
            },
        )
    }
}
