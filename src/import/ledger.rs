//! What became of every non-empty cell of a sheet: imported, checked (a
//! total, a parent criterion, a max), read as part of the table's frame
//! (names, codes, headers), named in an error, or left with a reason. A
//! cell of a table that nothing read is left, and every left cell is named
//! in a warning: nothing is dropped without a word.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::problems::{Place, Problems};
use super::sheet::{Sheet, column_letter};

/// What became of a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    Imported,
    Checked,
    /// Read as the table's frame: a header, a code, a unit's name.
    Frame,
    /// Named in an error or a warning of its own.
    Reported,
    /// Not imported, for this reason (shared by the cells it is given to).
    Left(Rc<str>),
}

/// The marks of one sheet's cells (0-based row and column), row by row.
#[derive(Debug, Default)]
pub struct Ledger {
    marks: Vec<Vec<Option<Mark>>>,
}

/// How many cells of a table ended each way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub imported: usize,
    pub checked: usize,
    pub frame: usize,
    pub reported: usize,
    pub left: usize,
}

impl Ledger {
    fn slot(&mut self, row: usize, col: usize) -> &mut Option<Mark> {
        if self.marks.len() <= row {
            self.marks.resize_with(row + 1, Vec::new);
        }
        let cells = &mut self.marks[row];
        if cells.len() <= col {
            cells.resize_with(col + 1, || None);
        }
        &mut cells[col]
    }

    /// Marks a cell; a cell named in an error stays so.
    pub fn mark(&mut self, row: usize, col: usize, mark: Mark) {
        let slot = self.slot(row, col);
        if *slot != Some(Mark::Reported) {
            *slot = Some(mark);
        }
    }

    /// Marks a cell only if nothing has yet.
    pub fn mark_new(&mut self, row: usize, col: usize, mark: Mark) {
        self.slot(row, col).get_or_insert(mark);
    }

    pub fn get(&self, row: usize, col: usize) -> Option<&Mark> {
        self.marks.get(row)?.get(col)?.as_ref()
    }

    /// Marks every non-empty cell of a row.
    pub fn mark_row(&mut self, sheet: &Sheet, row: usize, mark: &Mark) {
        for (col, cell) in sheet.rows[row].iter().enumerate() {
            if !cell.is_empty() {
                self.mark_new(row, col, mark.clone());
            }
        }
    }

    /// Leaves every unmarked non-empty cell of the rows, with the reason
    /// `why` gives for its column, then names the left cells in warnings,
    /// one for each column and reason. Returns the table's counts.
    pub fn close(
        &mut self,
        sheet: &Sheet,
        rows: std::ops::RangeInclusive<usize>,
        why: &dyn Fn(usize) -> String,
        place: &Place,
        problems: &mut Problems,
    ) -> Counts {
        let mut counts = Counts::default();
        let mut left: BTreeMap<(usize, Rc<str>), Vec<usize>> = BTreeMap::new();
        let mut hidden: BTreeMap<Hidden, usize> = BTreeMap::new();
        for row in rows {
            let Some(cells) = sheet.rows.get(row) else {
                continue;
            };
            for (col, cell) in cells.iter().enumerate() {
                if cell.is_empty() {
                    continue;
                }
                let mark = self
                    .slot(row, col)
                    .get_or_insert_with(|| Mark::Left(why(col).into()));
                if *mark == Mark::Imported {
                    if sheet.row_hidden(row) {
                        *hidden.entry(Hidden::Row(row)).or_default() += 1;
                    }
                    if sheet.col_hidden(col) {
                        *hidden.entry(Hidden::Col(col)).or_default() += 1;
                    }
                }
                match mark {
                    Mark::Imported => counts.imported += 1,
                    Mark::Checked => counts.checked += 1,
                    Mark::Frame => counts.frame += 1,
                    Mark::Reported => counts.reported += 1,
                    Mark::Left(reason) => {
                        counts.left += 1;
                        left.entry((col, reason.clone())).or_default().push(row);
                    }
                }
            }
        }
        hidden_warnings(hidden, place, problems);
        for ((col, reason), rows) in left {
            let hidden = if sheet.col_hidden(col) {
                " (cột ẩn)"
            } else {
                ""
            };
            problems.warning(
                Place {
                    row: rows[0] + 1,
                    col: Some(col),
                    ..place.clone()
                },
                format!(
                    "{} ô của cột {}{hidden} không được nhập ({}): {reason}",
                    rows.len(),
                    column_letter(col),
                    row_list(&rows)
                ),
                None,
            );
        }
        counts
    }

    /// The non-empty cells of the sheet no table took: their rows
    /// (0-based), how many are numbers, and the first number's cell.
    pub fn outside(&self, sheet: &Sheet) -> Outside {
        let mut out = Outside::default();
        for (r, cells) in sheet.rows.iter().enumerate() {
            for (c, cell) in cells.iter().enumerate() {
                if !cell.is_empty() && self.get(r, c).is_none() {
                    if out.rows.last() != Some(&r) {
                        out.rows.push(r);
                    }
                    if cell.is_numeric() {
                        out.numbers += 1;
                        out.first_number.get_or_insert((r, c));
                    }
                }
            }
        }
        out
    }
}

/// What lies outside a sheet's tables.
#[derive(Debug, Default)]
pub struct Outside {
    pub rows: Vec<usize>,
    pub numbers: usize,
    pub first_number: Option<(usize, usize)>,
}

/// A hidden row or column a value was imported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Hidden {
    Row(usize),
    Col(usize),
}

/// Says where values were imported from rows or columns the officer does
/// not see.
fn hidden_warnings(hidden: BTreeMap<Hidden, usize>, place: &Place, problems: &mut Problems) {
    for (at, n) in hidden {
        let (what, place) = match at {
            Hidden::Row(row) => (
                format!("dòng {} bị ẩn", row + 1),
                Place {
                    row: row + 1,
                    ..place.clone()
                },
            ),
            Hidden::Col(col) => (
                format!("cột {} bị ẩn", column_letter(col)),
                Place {
                    col: Some(col),
                    ..place.clone()
                },
            ),
        };
        problems.warning(
            place,
            format!("{what} nhưng có điểm: {n} ô vẫn được nhập"),
            Some("bỏ ẩn để kiểm tra các số này; xóa đi nếu không phải điểm của đợt này".into()),
        );
    }
}

/// `dòng 6, 8–12` for 0-based rows in order.
pub fn row_list(rows: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let mut j = i;
        while j + 1 < rows.len() && rows[j + 1] == rows[j] + 1 {
            j += 1;
        }
        parts.push(if i == j {
            format!("{}", rows[i] + 1)
        } else {
            format!("{}–{}", rows[i] + 1, rows[j] + 1)
        });
        i = j + 1;
    }
    format!("dòng {}", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sheet::Cell;

    #[test]
    fn rows_as_ranges() {
        assert_eq!(row_list(&[5, 7, 8, 9, 11]), "dòng 6, 8–10, 12");
        assert_eq!(row_list(&[0]), "dòng 1");
    }

    #[test]
    fn every_unmarked_cell_is_named() {
        let n = |v: f64| Cell::Number(v);
        let sheet = Sheet::new(
            "s",
            vec![
                vec![Cell::Text("Mã".into()), Cell::Text("Điểm".into())],
                vec![Cell::Text("1.4".into()), n(1.0), n(0.5)],
                vec![Cell::Text("1.5".into()), n(1.0), n(0.25)],
            ],
        );
        let mut ledger = Ledger::default();
        ledger.mark_row(&sheet, 0, &Mark::Frame);
        for r in 1..=2 {
            ledger.mark(r, 0, Mark::Frame);
            ledger.mark(r, 1, Mark::Imported);
        }
        let place = Place {
            file: "a.xlsx".into(),
            sheet_index: 0,
            sheet: Some("s".into()),
            row: 0,
            col: None,
        };
        let mut problems = Problems::default();
        let counts = ledger.close(
            &sheet,
            0..=2,
            &|_| "cột không có tên".into(),
            &place,
            &mut problems,
        );
        assert_eq!(counts.imported, 2);
        assert_eq!(counts.left, 2);
        let text: Vec<String> = problems.sorted().iter().map(|p| p.to_string()).collect();
        assert_eq!(
            text,
            [
                "cảnh báo: a.xlsx › s › dòng 2, cột C: 2 ô của cột C không được nhập (dòng 2–3): cột không có tên"
            ]
        );
    }
}
