//! Tables whose rows are criteria: the long form (a unit column), one
//! unit's table, and the wide form (a group of columns per unit). Total
//! rows, parts numbered in Roman numerals and parent criteria are checked
//! against the rows they sum, not imported.

use chrono::NaiveDate;

use super::super::collect::{Collector, Entry, Total, Values, with_col};
use super::super::forms::{Form, ValueColumn};
use super::super::headers::Field;
use super::super::ledger::{Ledger, Mark};
use super::super::problems::Place;
use super::super::sheet::Cell;
use super::kinds::{RowKind, is_numbering, row_kind};
use super::{Read, Reader, Table, read_row, values_of};
use crate::diagnostics::Severity;
use crate::import::norm;

/// Where a criterion's row is: its row, its place, and the place of its
/// code (for errors about the code).
struct Spot<'p> {
    row: usize,
    place: &'p Place,
    code_place: &'p Place,
}

/// The state carried down the rows of a table.
struct Rows {
    /// The last row that belongs to the table.
    last: usize,
    last_unit: Option<usize>,
    last_date: Option<NaiveDate>,
    /// The row of the last total or part: a subtotal sums what follows it.
    boundary: usize,
    /// Parts waiting for their end: row, place and the sums per unit.
    parts: Vec<(usize, Place, Sums)>,
    /// Heading rows, left with a reason when they lie inside the table.
    headings: Vec<usize>,
}

type Reads<'t> = Vec<(&'t ValueColumn, Read)>;

/// What a row holds in the columns of one unit.
type Group<'r, 't> = (Option<usize>, Vec<&'r (&'t ValueColumn, Read)>);

/// The sums a total row gives, per unit (none: every unit).
type Sums = Vec<(Option<usize>, Values)>;

impl Reader<'_> {
    /// Reads the rows of a table of criteria; returns its last row.
    pub(super) fn criterion_rows(
        &mut self,
        c: &mut Collector,
        t: &Table,
        ledger: &mut Ledger,
    ) -> usize {
        let mut state = Rows {
            last: t.band.last,
            last_unit: t.unit,
            last_date: None,
            boundary: t.band.last,
            parts: Vec::new(),
            headings: Vec::new(),
        };
        for row in t.body.clone() {
            if t.sheet.is_blank_row(row) {
                continue;
            }
            if is_numbering(t.sheet, row) {
                ledger.mark_row(t.sheet, row, &Mark::Frame);
                continue;
            }
            let place = self.place(t.si, t.sheet, row + 1);
            if !self.of_this_snapshot(c, t, row, &place, &mut state.last_date, ledger) {
                state.last = row;
                continue;
            }
            let reads = read_row(t, row);
            match row_kind(t, row, &reads) {
                RowKind::Heading => {
                    state.headings.push(row);
                    continue;
                }
                RowKind::Total(grand) => {
                    self.total_row(c, t, row, grand, &reads, &mut state, ledger)
                }
                RowKind::Part => {
                    self.close_parts(c, &mut state, row);
                    let sums = self.sums(c, t, row, &reads, ledger);
                    state.parts.push((row, place, sums));
                    state.boundary = row;
                    frame(t, row, ledger);
                }
                RowKind::Bad(message, hint, col) => {
                    c.problems.error(with_col(&place, col), message, Some(hint));
                    ledger.mark_row(t.sheet, row, &Mark::Reported);
                }
                RowKind::Criterion(code) => {
                    self.criterion_row(c, t, row, &code, &reads, &mut state, ledger)
                }
            }
            state.last = row;
        }
        let end = state.last + 1;
        self.close_parts(c, &mut state, end);
        for row in state.headings.iter().filter(|&&r| r < state.last) {
            frame(t, *row, ledger);
            ledger.mark_row(
                t.sheet,
                *row,
                &Mark::Left("dòng không có mã tiêu chí và không có số".into()),
            );
        }
        state.last
    }

    /// A total row: one total for each unit it sums (or for all the rows
    /// above, in a long table).
    #[allow(clippy::too_many_arguments)]
    fn total_row(
        &mut self,
        c: &mut Collector,
        t: &Table,
        row: usize,
        grand: bool,
        reads: &Reads,
        state: &mut Rows,
        ledger: &mut Ledger,
    ) {
        self.close_parts(c, state, row);
        let from = if grand { t.band.last } else { state.boundary };
        let place = self.place(t.si, t.sheet, row + 1);
        for (unit, values) in self.sums(c, t, row, reads, ledger) {
            c.total(Total {
                unit,
                code: None,
                from,
                to: row,
                values,
                place: place.clone(),
            });
        }
        state.boundary = row;
        frame(t, row, ledger);
    }

    /// The sums a total or part row gives, per unit (none: every unit of
    /// the rows it sums); a cell that is no number is named.
    fn sums(
        &mut self,
        c: &mut Collector,
        t: &Table,
        row: usize,
        reads: &Reads,
        ledger: &mut Ledger,
    ) -> Sums {
        let place = self.place(t.si, t.sheet, row + 1);
        for (v, read) in reads {
            match read {
                Read::Bad(e) => {
                    let why = " (dòng tổng, không đối chiếu được)";
                    c.problems.push(
                        Severity::Warning,
                        with_col(&place, v.col),
                        format!("{}{why}", e.message),
                        Some(e.hint.clone()),
                        e.fold(why),
                    );
                    ledger.mark(row, v.col, Mark::Reported);
                }
                Read::Nothing => {}
                _ => ledger.mark(row, v.col, Mark::Checked),
            }
        }
        groups(t, reads)
            .into_iter()
            .map(|(unit, cells)| (unit.or(t.unit), values_of(&cells)))
            .filter(|(_, v)| !v.is_empty())
            .collect()
    }

    /// Ends the parts that wait for their end, at `row`.
    fn close_parts(&mut self, c: &mut Collector, state: &mut Rows, row: usize) {
        for (from, place, sums) in state.parts.drain(..) {
            for (unit, values) in sums {
                c.total(Total {
                    unit,
                    code: None,
                    from,
                    to: row,
                    values,
                    place: place.clone(),
                });
            }
        }
    }

    /// A criterion's row: each unit's scores, checked against the unit's
    /// framework.
    #[allow(clippy::too_many_arguments)]
    fn criterion_row(
        &mut self,
        c: &mut Collector,
        t: &Table,
        row: usize,
        code: &str,
        reads: &Reads,
        state: &mut Rows,
        ledger: &mut Ledger,
    ) {
        let place = self.place(t.si, t.sheet, row + 1);
        frame(t, row, ledger);
        let Some(row_unit) = self.row_unit(c, t, row, state, &place, ledger) else {
            mark_reads(ledger, row, reads, Mark::Reported);
            return;
        };
        let code_place = match t.band.col(Field::Code).or(t.band.col(Field::Title)) {
            Some(col) => with_col(&place, col),
            None => place.clone(),
        };
        let mut missing: Vec<usize> = Vec::new();
        for (unit, cells) in groups(t, reads) {
            let Some(unit) = unit.or(row_unit) else {
                continue;
            };
            let at = Spot {
                row,
                place: &place,
                code_place: &code_place,
            };
            self.unit_scores(c, t, &at, unit, code, &cells, &mut missing, ledger);
        }
    }

    /// The unit of a long table's row (its cell, or the row above's);
    /// `Some(None)` for the other forms, none when the unit is unknown.
    fn row_unit(
        &mut self,
        c: &mut Collector,
        t: &Table,
        row: usize,
        state: &mut Rows,
        place: &Place,
        ledger: &mut Ledger,
    ) -> Option<Option<usize>> {
        match (t.form, t.band.col(Field::Unit)) {
            (Form::Long, Some(col)) => {
                let cell = t.sheet.cell(row, col);
                let unit = self.unit_cell(c, cell, &mut state.last_unit, place, col);
                let mark = if unit.is_some() {
                    Mark::Frame
                } else {
                    Mark::Reported
                };
                ledger.mark(row, col, mark);
                unit.map(Some)
            }
            _ => Some(t.unit),
        }
    }

    /// One unit's cells of a criterion's row, checked against the unit's
    /// framework; a framework whose criterion is missing is named once
    /// (`missing`).
    #[allow(clippy::too_many_arguments)]
    fn unit_scores(
        &mut self,
        c: &mut Collector,
        t: &Table,
        at: &Spot,
        unit: usize,
        code: &str,
        cells: &[&(&ValueColumn, Read)],
        missing: &mut Vec<usize>,
        ledger: &mut Ledger,
    ) {
        let row = at.row;
        if cells
            .iter()
            .all(|(_, r)| matches!(r, Read::Nothing | Read::Blank))
        {
            mark_cells(ledger, row, cells, Mark::Frame);
            return;
        }
        let Some(fw) = self.row_framework(c, t, row, unit, at.place) else {
            mark_cells(ledger, row, cells, Mark::Reported);
            return;
        };
        let criterion = if missing.contains(&fw) {
            None
        } else {
            self.criterion_of(c, fw, code, at.code_place)
        };
        let Some(criterion) =
            criterion.filter(|&ci| self.title_agrees(c, t, row, fw, ci, at.place))
        else {
            missing.push(fw);
            mark_cells(ledger, row, cells, Mark::Reported);
            return;
        };
        let parent = !self.model.frameworks[fw].criteria[criterion]
            .children
            .is_empty();
        if self.bad_cells(c, at.place, row, cells, parent, ledger) && !parent {
            return;
        }
        let values = values_of(cells);
        if values.is_empty() {
            leave_text(ledger, row, cells);
            return;
        }
        let taken = c.add(Entry {
            unit,
            framework: fw,
            criterion,
            values,
            sheet_max: sheet_max(t, row, ledger),
            place: at.place.clone(),
        });
        let mark = match (parent, taken) {
            (true, _) => Mark::Checked,
            (false, true) => Mark::Imported,
            (false, false) => Mark::Reported,
        };
        mark_cells(ledger, row, cells, mark);
    }

    /// Names the cells of a group that hold no readable value: errors,
    /// or warnings in a parent criterion's row (checked, not imported).
    /// Whether there were any (then a criterion's group is not taken).
    pub(super) fn bad_cells(
        &self,
        c: &mut Collector,
        place: &Place,
        row: usize,
        cells: &[&(&ValueColumn, Read)],
        parent: bool,
        ledger: &mut Ledger,
    ) -> bool {
        let mut bad = false;
        for (v, read) in cells {
            if let Read::Bad(e) = read {
                let at = with_col(place, v.col);
                let hint = Some(e.hint.clone());
                if parent {
                    let why = " (tiêu chí cha, không đối chiếu được)";
                    let message = format!("{}{why}", e.message);
                    c.problems
                        .push(Severity::Warning, at, message, hint, e.fold(why));
                    ledger.mark(row, v.col, Mark::Reported);
                } else {
                    let message = e.message.clone();
                    c.problems
                        .push(Severity::Error, at, message, hint, e.fold(""));
                }
                bad = true;
            }
        }
        if bad && !parent {
            mark_cells(ledger, row, cells, Mark::Reported);
        }
        bad
    }

    /// Whether the row's title, when it is exactly another criterion's
    /// title, agrees with its code (a numbering column read as codes would
    /// not); else an error.
    fn title_agrees(
        &self,
        c: &mut Collector,
        t: &Table,
        row: usize,
        fw: usize,
        criterion: usize,
        place: &Place,
    ) -> bool {
        let Some(col) = t.band.col(Field::Title) else {
            return true;
        };
        let title = norm(&t.sheet.cell(row, col).text());
        let framework = &self.model.frameworks[fw];
        if title.is_empty() || norm(&framework.criteria[criterion].title) == title {
            return true;
        }
        match framework.criteria.iter().find(|k| norm(&k.title) == title) {
            Some(other) => {
                c.problems.error(
                    with_col(place, col),
                    format!(
                        "mã `{}` nhưng tên là của tiêu chí `{}` (`{}`)",
                        framework.criteria[criterion].code, other.code, other.title
                    ),
                    Some("sửa mã hoặc tên tiêu chí cho khớp; nếu cột mã chỉ là số thứ tự, ghi mã ở đầu tên (1.4. …)".into()),
                );
                false
            }
            None => true,
        }
    }

    /// Whether a row belongs to the snapshot imported, by its snapshot
    /// column (rows of other dates are left out; an empty cell is the date
    /// of the row above, as in a merged cell).
    fn of_this_snapshot(
        &mut self,
        c: &mut Collector,
        t: &Table,
        row: usize,
        place: &Place,
        last_date: &mut Option<NaiveDate>,
        ledger: &mut Ledger,
    ) -> bool {
        let Some(col) = t.band.col(Field::Snapshot) else {
            return true;
        };
        match snapshot_of(t.sheet.cell(row, col), *last_date) {
            Ok(date) => *last_date = date,
            Err(message) => {
                c.problems.error(with_col(place, col), message, None);
                ledger.mark_row(t.sheet, row, &Mark::Reported);
                return false;
            }
        }
        match *last_date {
            Some(d) if d != self.options.date => {
                self.other_dates.insert(d);
                ledger.mark_row(t.sheet, row, &Mark::Left(self.other_date.clone()));
                false
            }
            _ => true,
        }
    }

    fn unit_cell(
        &self,
        c: &mut Collector,
        cell: &Cell,
        last: &mut Option<usize>,
        place: &Place,
        col: usize,
    ) -> Option<usize> {
        let text = cell.text();
        if text.is_empty() {
            if last.is_none() {
                c.problems.error(
                    with_col(place, col),
                    "thiếu tên đơn vị".into(),
                    Some("ghi tên hoặc mã đơn vị vào ô này".into()),
                );
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
                c.problems.error(
                    with_col(place, col),
                    format!("không có đơn vị `{text}`"),
                    Some(self.unit_hint(miss)),
                );
                None
            }
        }
    }
}

/// The cells of a row by unit: one group per unit column group in a wide
/// table, one group (the row's unit) otherwise.
fn groups<'r, 't>(t: &Table, reads: &'r Reads<'t>) -> Vec<Group<'r, 't>> {
    let mut out: Vec<Group> = Vec::new();
    let mut at: std::collections::HashMap<Option<usize>, usize> = Default::default();
    for read in reads {
        let unit = if t.form == Form::Wide {
            read.0.unit
        } else {
            None
        };
        match at.get(&unit) {
            Some(&i) => out[i].1.push(read),
            None => {
                at.insert(unit, out.len());
                out.push((unit, vec![read]));
            }
        }
    }
    out
}

/// The max the sheet gives for the row, if it has a max column.
fn sheet_max(t: &Table, row: usize, ledger: &mut Ledger) -> Option<super::At> {
    let col = t.band.col(Field::Max)?;
    let points = super::points_of(t.sheet.cell(row, col)).ok().flatten()?;
    ledger.mark(row, col, Mark::Checked);
    Some(super::At { points, col })
}

/// Marks the cells that say which row this is: code, title, numbering,
/// framework and max of a total.
fn frame(t: &Table, row: usize, ledger: &mut Ledger) {
    for c in &t.band.columns {
        let framing = matches!(
            c.field(),
            Some(
                Field::Code
                    | Field::Title
                    | Field::Framework
                    | Field::Snapshot
                    | Field::Unit
                    | Field::Stage
            )
        ) && c.is_plain();
        if framing && !t.sheet.cell(row, c.col).is_empty() {
            ledger.mark_new(row, c.col, Mark::Frame);
        }
    }
    if let Some(col) = t.band.col(Field::Max) {
        ledger.mark_new(row, col, Mark::Frame);
    }
}

fn mark_reads(ledger: &mut Ledger, row: usize, reads: &Reads, mark: Mark) {
    for (v, read) in reads {
        if !matches!(read, Read::Nothing) {
            ledger.mark(row, v.col, mark.clone());
        }
    }
}

pub(super) fn mark_cells(
    ledger: &mut Ledger,
    row: usize,
    cells: &[&(&ValueColumn, Read)],
    mark: Mark,
) {
    for (v, read) in cells {
        match read {
            Read::Nothing => {}
            Read::Blank => ledger.mark(row, v.col, Mark::Frame),
            _ => ledger.mark(row, v.col, mark.clone()),
        }
    }
}

/// Text of a unit's cells without points (an explanation with no score).
pub(super) fn leave_text(ledger: &mut Ledger, row: usize, cells: &[&(&ValueColumn, Read)]) {
    for (v, read) in cells {
        match read {
            Read::Text(_) => ledger.mark(row, v.col, Mark::Left("chữ không kèm điểm nào".into())),
            Read::Blank => ledger.mark(row, v.col, Mark::Frame),
            _ => {}
        }
    }
}

/// The snapshot date of a row: its cell, or the row above's when empty
/// (a merged cell).
fn snapshot_of(cell: &Cell, last: Option<NaiveDate>) -> Result<Option<NaiveDate>, String> {
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
