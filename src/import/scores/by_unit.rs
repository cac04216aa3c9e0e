//! Tables whose rows are units and whose columns are criteria (the
//! ranking sheets provinces publish): each unit's scores against its own
//! framework; the total and rank columns, a total row and a row of maxima
//! checked, not imported.

use super::super::collect::{Collector, Entry, Total, points_of, with_col};
use super::super::forms::ValueColumn;
use super::super::headers::Field;
use super::super::ledger::{Ledger, Mark};
use super::super::problems::Place;
use super::kinds::is_numbering;
use super::rows::{leave_text, mark_cells};
use super::{Read, Reader, Table, read_row, values_of};
use crate::diagnostics::Severity;
use crate::import::norm;
use crate::model::Points;

/// A unit's row with a rank written: where, the rank, the sum imported.
struct Ranked {
    row: usize,
    rank: i64,
    sum: Points,
}

impl Reader<'_> {
    /// Reads the rows of units; returns the table's last row.
    pub(super) fn unit_rows(&mut self, c: &mut Collector, t: &Table, ledger: &mut Ledger) -> usize {
        let Some(unit_col) = t.band.col(Field::Unit) else {
            return t.band.last;
        };
        let mut last = t.band.last;
        let mut ranked: Vec<Ranked> = Vec::new();
        for row in t.body.clone() {
            if t.sheet.is_blank_row(row) {
                continue;
            }
            if is_numbering(t.sheet, row) {
                ledger.mark_row(t.sheet, row, &Mark::Frame);
                continue;
            }
            let place = self.place(t.si, t.sheet, row + 1);
            let reads = read_row(t, row);
            let name = t.sheet.cell(row, unit_col).text();
            let key = norm(&name);
            let numbers = reads.iter().any(|(_, r)| r.is_number());
            if key.starts_with("tong") || key == "cong" {
                self.column_totals(c, t, row, &reads, &place, ledger);
            } else if matches!(
                key.as_str(),
                "diem toi da" | "toi da" | "thang diem" | "diem chuan"
            ) {
                self.maxima(c, row, &reads, &place, ledger);
                max_total(c, t, row, &reads, &place, ledger);
            } else if [
                "trung binh",
                "binh quan",
                "diem trung binh",
                "diem binh quan",
            ]
            .iter()
            .any(|w| key.starts_with(w))
            {
                ledger.mark(row, unit_col, Mark::Frame);
                ledger.mark_row(
                    t.sheet,
                    row,
                    &Mark::Left("dòng trung bình do tiendo tự tính".into()),
                );
            } else if name.is_empty() && !numbers {
                continue;
            } else if let Some(sum) = self.unit_row(c, t, row, unit_col, &reads, &place, ledger) {
                self.row_checks(c, t, row, sum, &place, &mut ranked, ledger);
            }
            ledger.mark_new(row, unit_col, Mark::Frame);
            if let Some(col) = t.band.col(Field::Code) {
                ledger.mark_new(row, col, Mark::Frame);
            }
            last = row;
        }
        check_ranks(c, t, &ranked, self);
        last
    }

    /// One unit's row; the sum of the points it gave, or none when the
    /// unit is not known.
    #[allow(clippy::too_many_arguments)]
    fn unit_row(
        &mut self,
        c: &mut Collector,
        t: &Table,
        row: usize,
        unit_col: usize,
        reads: &[(&ValueColumn, Read)],
        place: &Place,
        ledger: &mut Ledger,
    ) -> Option<Points> {
        let name = t.sheet.cell(row, unit_col).text();
        let unit = match self.units.find(&name) {
            Ok(u) if !name.is_empty() => u,
            found => {
                let (message, hint) = match found {
                    Err(miss) if !name.is_empty() => {
                        (format!("không có đơn vị `{name}`"), self.unit_hint(miss))
                    }
                    _ => (
                        "thiếu tên đơn vị".into(),
                        "ghi tên hoặc mã đơn vị vào ô này".to_string(),
                    ),
                };
                c.problems
                    .error(with_col(place, unit_col), message, Some(hint));
                ledger.mark(row, unit_col, Mark::Reported);
                for (v, r) in reads {
                    if !matches!(r, Read::Nothing) {
                        ledger.mark(row, v.col, Mark::Reported);
                    }
                }
                return None;
            }
        };
        let mut sum = Points(0);
        // Each criterion once, though its columns may stand apart (a group
        // of self-assessed scores, then one of appraised scores).
        let mut codes: Vec<&str> = Vec::new();
        for code in t.values.iter().filter_map(|v| v.code.as_deref()) {
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        for code in codes {
            let cells: Vec<&(&ValueColumn, Read)> = reads
                .iter()
                .filter(|(v, _)| v.code.as_deref() == Some(code))
                .collect();
            sum = sum + self.unit_cells(c, t, row, unit, code, &cells, place, ledger);
        }
        Some(sum)
    }

    /// A unit's cells of one criterion; the points that count, when taken.
    #[allow(clippy::too_many_arguments)]
    fn unit_cells(
        &mut self,
        c: &mut Collector,
        t: &Table,
        row: usize,
        unit: usize,
        code: &str,
        cells: &[&(&ValueColumn, Read)],
        place: &Place,
        ledger: &mut Ledger,
    ) -> Points {
        if cells
            .iter()
            .all(|(_, r)| matches!(r, Read::Nothing | Read::Blank))
        {
            mark_cells(ledger, row, cells, Mark::Frame);
            return Points(0);
        }
        let at = with_col(place, cells[0].0.col);
        let found = self
            .row_framework(c, t, row, unit, place)
            .and_then(|fw| Some((fw, self.criterion_of(c, fw, code, &at)?)));
        let Some((framework, criterion)) = found else {
            mark_cells(ledger, row, cells, Mark::Reported);
            return Points(0);
        };
        let parent = !self.model.frameworks[framework].criteria[criterion]
            .children
            .is_empty();
        if self.bad_cells(c, place, row, cells, parent, ledger) && !parent {
            return Points(0);
        }
        let values = values_of(cells);
        if values.is_empty() {
            leave_text(ledger, row, cells);
            return Points(0);
        }
        let counting = values.counting().unwrap_or_default();
        let taken = c.add(Entry {
            unit,
            framework,
            criterion,
            values,
            sheet_max: None,
            place: place.clone(),
        });
        let mark = match (parent, taken) {
            (true, _) => Mark::Checked,
            (false, true) => Mark::Imported,
            (false, false) => Mark::Reported,
        };
        mark_cells(ledger, row, cells, mark);
        if taken && !parent {
            counting
        } else {
            Points(0)
        }
    }

    /// The unit's total (checked against its row) and rank (kept for the
    /// check of ranks).
    #[allow(clippy::too_many_arguments)]
    fn row_checks(
        &mut self,
        c: &mut Collector,
        t: &Table,
        row: usize,
        sum: Points,
        place: &Place,
        ranked: &mut Vec<Ranked>,
        ledger: &mut Ledger,
    ) {
        if let Some(col) = t.band.col(Field::Total) {
            match points_of(t.sheet.cell(row, col)) {
                Ok(Some(points)) => {
                    let unit = self
                        .units
                        .find(
                            &t.sheet
                                .cell(row, t.band.col(Field::Unit).unwrap_or(0))
                                .text(),
                        )
                        .ok();
                    c.total(Total {
                        unit,
                        code: None,
                        from: row.saturating_sub(1),
                        to: row + 1,
                        values: super::super::collect::Values {
                            points: Some(super::At { points, col }),
                            ..Default::default()
                        },
                        place: place.clone(),
                    });
                    ledger.mark(row, col, Mark::Checked);
                }
                Ok(None) => {}
                Err(e) => {
                    let why = " (tổng điểm, không đối chiếu được)";
                    c.problems.push(
                        Severity::Warning,
                        with_col(place, col),
                        format!("{}{why}", e.message),
                        Some(e.hint.clone()),
                        e.fold(why),
                    );
                    ledger.mark(row, col, Mark::Reported);
                }
            }
        }
        if let Some(col) = t.band.col(Field::Rank) {
            let cell = t.sheet.cell(row, col);
            match cell.text().trim().parse::<i64>() {
                Ok(rank) => {
                    ranked.push(Ranked { row, rank, sum });
                    ledger.mark(row, col, Mark::Checked);
                }
                Err(_) if cell.is_empty() => {}
                Err(_) => ledger.mark(row, col, Mark::Left("không phải một số thứ hạng".into())),
            }
        }
    }

    /// A total row under the units: each criterion column's sum.
    fn column_totals(
        &mut self,
        c: &mut Collector,
        t: &Table,
        row: usize,
        reads: &[(&ValueColumn, Read)],
        place: &Place,
        ledger: &mut Ledger,
    ) {
        for (v, read) in reads {
            match read {
                Read::Points(at) => {
                    let mut values = super::super::collect::Values::default();
                    match v.field {
                        Field::SelfAssessed => values.self_assessed = Some(*at),
                        Field::Appraised => values.appraised = Some(*at),
                        Field::Survey => values.survey = Some(*at),
                        _ => values.points = Some(*at),
                    }
                    c.total(Total {
                        unit: None,
                        code: v.code.clone(),
                        from: t.band.last,
                        to: row,
                        values,
                        place: place.clone(),
                    });
                    ledger.mark(row, v.col, Mark::Checked);
                }
                Read::Nothing => {}
                _ => ledger.mark(
                    row,
                    v.col,
                    Mark::Left("ô của dòng tổng không phải số".into()),
                ),
            }
        }
        for col in [Field::Total, Field::Rank]
            .iter()
            .filter_map(|&f| t.band.col(f))
        {
            ledger.mark_new(
                row,
                col,
                Mark::Left("tổng của cột tổng điểm không được đối chiếu".into()),
            );
        }
    }

    /// A row of maxima: each checked against the frameworks with the code.
    fn maxima(
        &mut self,
        c: &mut Collector,
        row: usize,
        reads: &[(&ValueColumn, Read)],
        place: &Place,
        ledger: &mut Ledger,
    ) {
        for (v, read) in reads {
            let (Read::Points(at), Some(code)) = (read, &v.code) else {
                continue;
            };
            let maxima: Vec<(String, Points)> = self
                .model
                .frameworks
                .iter()
                .enumerate()
                .filter(|(i, _)| self.framework.is_none_or(|f| f == *i))
                .filter_map(|(_, fw)| {
                    fw.code_index
                        .get(code)
                        .map(|&ci| (fw.id.clone(), fw.criteria[ci].max))
                })
                .collect();
            if !maxima.is_empty() && maxima.iter().all(|(_, m)| *m != at.points) {
                let list: Vec<String> = maxima
                    .iter()
                    .map(|(fw, m)| format!("{m} ở `{fw}`"))
                    .collect();
                c.problems.warning(
                    with_col(place, v.col),
                    format!("điểm tối đa {} của tiêu chí `{code}` khác với bộ chỉ số ({})", at.points, list.join(", ")),
                    Some("bộ chỉ số trong thư mục nội dung được dùng; kiểm tra mã tiêu chí của cột này".into()),
                );
            }
            ledger.mark(row, v.col, Mark::Checked);
        }
    }
}

/// The total column of the row of maxima: the sum of the maxima it sums.
fn max_total(
    c: &mut Collector,
    t: &Table,
    row: usize,
    reads: &[(&ValueColumn, Read)],
    place: &Place,
    ledger: &mut Ledger,
) {
    let Some(col) = t.band.col(Field::Total) else {
        return;
    };
    let Ok(Some(written)) = points_of(t.sheet.cell(row, col)) else {
        return;
    };
    let sum: Points = reads
        .iter()
        .filter_map(|(_, r)| match r {
            Read::Points(at) => Some(at.points),
            _ => None,
        })
        .sum();
    if sum != written {
        c.problems.warning(
            with_col(place, col),
            format!("tổng điểm tối đa {written} khác tổng các điểm tối đa của dòng ({sum})"),
            None,
        );
    }
    ledger.mark(row, col, Mark::Checked);
}

/// Warns where a written rank is not the unit's place by the sums
/// imported (equal sums share a rank).
fn check_ranks(c: &mut Collector, t: &Table, ranked: &[Ranked], r: &Reader) {
    let Some(col) = t.band.col(Field::Rank) else {
        return;
    };
    for one in ranked {
        let place = 1 + ranked.iter().filter(|o| o.sum > one.sum).count() as i64;
        if place != one.rank {
            c.problems.warning(
                with_col(&r.place(t.si, t.sheet, one.row + 1), col),
                format!(
                    "xếp hạng {} khác thứ hạng theo tổng điểm đã nhập ({place}, tổng {})",
                    one.rank, one.sum
                ),
                Some(
                    "xếp hạng không được nhập: tiendo tự xếp hạng; kiểm tra điểm của dòng này"
                        .into(),
                ),
            );
        }
    }
}
