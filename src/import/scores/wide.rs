//! The wide form: one row per criterion, one column per unit.

use super::super::collect::{At, Collector, Entry, Total, Values, points_of, with_col};
use super::super::headers::Header;
use super::super::problems::Place;
use super::super::sheet::Sheet;
use super::{Reader, RowErrors, is_numbering, is_total, number_hint, report, sheet_max};

impl Reader<'_> {
    /// Reads a wide sheet: a column per unit.
    pub(super) fn wide(
        &mut self,
        c: &mut Collector,
        si: usize,
        sheet: &Sheet,
        header: &Header,
        cols: &[(usize, usize)],
    ) {
        for row in header.last_row + 1..sheet.rows.len() {
            if sheet.is_blank_row(row) || is_numbering(sheet, row) {
                continue;
            }
            let place = self.place(si, sheet, row + 1);
            let mut errors: RowErrors = Vec::new();
            let cells: Vec<(usize, usize, Option<At>)> = cols
                .iter()
                .filter_map(|&(col, unit)| match points_of(sheet.cell(row, col)) {
                    Ok(p) => Some((col, unit, p.map(|points| At { points, col }))),
                    Err(m) => {
                        errors.push((with_col(&place, col), m, Some(number_hint())));
                        None
                    }
                })
                .collect();
            let values = Values {
                points: cells.iter().find_map(|c| c.2),
                ..Values::default()
            };
            if is_total(sheet, row, header) {
                self.wide_totals(c, &cells, &place);
                continue;
            }
            let code = self.code_cell(sheet, row, header, &values, &place, &mut errors);
            report(c, errors);
            let Some(code) = code else {
                continue;
            };
            let sheet_max = sheet_max(sheet, row, header);
            for &(col, unit, at) in &cells {
                let Some(at) = at else { continue };
                let cell_place = with_col(&place, col);
                let mut errs = Vec::new();
                let target = self
                    .row_framework(sheet, row, header, unit, &cell_place, &mut errs)
                    .and_then(|fw| {
                        Some((fw, self.criterion_of(fw, &code, header, &place, &mut errs)?))
                    });
                for (p, m, h) in errs {
                    c.problems.error(p, m, h);
                }
                if let Some((framework, criterion)) = target {
                    c.add(Entry {
                        unit,
                        framework,
                        criterion,
                        values: Values {
                            points: Some(at),
                            ..Values::default()
                        },
                        sheet_max,
                        place: cell_place,
                    });
                }
            }
        }
    }

    /// A total row of a wide sheet: one total per unit column.
    fn wide_totals(&self, c: &mut Collector, cells: &[(usize, usize, Option<At>)], place: &Place) {
        for &(_, unit, at) in cells {
            if let (Some(at), Some(fw)) = (at, self.framework_of(unit)) {
                c.total(Total {
                    scope: Some((unit, fw)),
                    values: Values {
                        points: Some(at),
                        ..Values::default()
                    },
                    place: place.clone(),
                });
            }
        }
    }
}
