//! Rows that cannot be taken, named as the officer finds them in the
//! sheet: `Tan Loi.xlsx › Tổng hợp › dòng 14, cột D`, with the value, the
//! reason and what to do, in the style of `tiendo check`.

use std::fmt;

use crate::diagnostics::{Severity, terminal_safe};

use super::sheet::column_letter;

/// Where a problem is: the file, the sheet (none for CSV), the 1-based row
/// and the 0-based column, when known.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub file: String,
    /// Index of the sheet in the workbook, to keep the workbook's order.
    pub sheet_index: usize,
    pub sheet: Option<String>,
    pub row: usize,
    pub col: Option<usize>,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", terminal_safe(&self.file))?;
        if let Some(sheet) = &self.sheet {
            write!(f, " › {}", terminal_safe(sheet))?;
        }
        if self.row > 0 {
            write!(f, " › dòng {}", self.row)?;
            if let Some(col) = self.col {
                write!(f, ", cột {}", column_letter(col))?;
            }
        }
        Ok(())
    }
}

/// One row or cell that was not taken (an error) or that looks wrong but
/// was taken (a warning).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub place: Place,
    pub message: String,
    pub hint: Option<String>,
    /// What the problem says without what is particular to its cell (a
    /// formula's text): problems of one row with the same `fold` are said
    /// once, naming their columns ([`Problems::folded`]).
    pub fold: Option<String>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
        };
        // A sheet's cells are the officer's, or anyone's: printed as
        // they are, they could move the cursor or rewrite the line.
        write!(
            f,
            "{kind}: {}: {}",
            self.place,
            terminal_safe(&self.message)
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  gợi ý: {}", terminal_safe(hint))?;
        }
        Ok(())
    }
}

/// Every problem of one import, in the sheet's order.
#[derive(Debug, Default)]
pub struct Problems {
    items: Vec<Problem>,
}

impl Problems {
    pub fn error(&mut self, place: Place, message: String, hint: Option<String>) {
        self.push(Severity::Error, place, message, hint, None);
    }

    pub fn warning(&mut self, place: Place, message: String, hint: Option<String>) {
        self.push(Severity::Warning, place, message, hint, None);
    }

    /// A problem that [`Problems::folded`] says once with the others of
    /// its row that have the same `fold`.
    pub fn push(
        &mut self,
        severity: Severity,
        place: Place,
        message: String,
        hint: Option<String>,
        fold: Option<String>,
    ) {
        self.items.push(Problem {
            severity,
            place,
            message,
            hint,
            fold,
        });
    }

    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// Sorted by sheet, row and column, leaving these as they are.
    pub fn clone_sorted(&self) -> Vec<Problem> {
        Problems {
            items: self.items.clone(),
        }
        .sorted()
    }

    /// Sorted as [`Problems::clone_sorted`], with the problems of one row
    /// that say the same thing of several cells (a row of formulas saved
    /// without their values) said once, naming their columns: for people,
    /// where a sheet of totals would otherwise give hundreds of lines.
    /// Programs get every cell ([`Problems::clone_sorted`]).
    pub fn folded(&self) -> Vec<Problem> {
        // Each problem, with the columns of the others it stands for.
        let mut said: Vec<(Problem, Vec<usize>)> = Vec::new();
        for p in self.clone_sorted() {
            let same = said.iter_mut().find(|(q, _)| folds_with(q, &p));
            match same {
                Some((_, cols)) => cols.extend(p.place.col),
                None => {
                    let cols = p.place.col.into_iter().collect();
                    said.push((p, cols));
                }
            }
        }
        said.into_iter().map(|(p, cols)| fold(p, &cols)).collect()
    }

    /// Sorted by sheet, row and column.
    pub fn sorted(mut self) -> Vec<Problem> {
        self.items.sort_by(|a, b| {
            (&a.place.file, a.place.sheet_index, a.place.row, a.place.col).cmp(&(
                &b.place.file,
                b.place.sheet_index,
                b.place.row,
                b.place.col,
            ))
        });
        self.items.dedup();
        self.items
    }
}

/// Whether `b` is said together with `a`: the same kind of problem, in
/// the same row, with the same hint (the problems are in column order).
fn folds_with(a: &Problem, b: &Problem) -> bool {
    a.fold.is_some()
        && a.fold == b.fold
        && a.severity == b.severity
        && a.hint == b.hint
        && (&a.place.file, a.place.sheet_index, a.place.row)
            == (&b.place.file, b.place.sheet_index, b.place.row)
}

/// `p` said for all of `cols` when it stands for several cells: the row,
/// its columns (`D–AC`), how many cells and what they have.
fn fold(mut p: Problem, cols: &[usize]) -> Problem {
    if cols.len() < 2 {
        return p;
    }
    let what = p.fold.clone().unwrap_or_default();
    p.message = format!("cột {}: {} ô {what}", column_ranges(cols), cols.len());
    p.place.col = None;
    p
}

/// Columns as the officer reads them: `D–AC`, `B, D–F`.
fn column_ranges(cols: &[usize]) -> String {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for &c in cols {
        match ranges.last_mut() {
            Some((_, end)) if c == *end + 1 => *end = c,
            Some((_, end)) if c == *end => {}
            _ => ranges.push((c, c)),
        }
    }
    ranges
        .iter()
        .map(|&(a, b)| match a == b {
            true => column_letter(a),
            false => format!("{}–{}", column_letter(a), column_letter(b)),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_as_in_the_sheet() {
        let p = Problem {
            severity: Severity::Error,
            place: Place {
                file: "Tan Loi.xlsx".into(),
                sheet_index: 0,
                sheet: Some("Tổng hợp".into()),
                row: 14,
                col: Some(3),
            },
            message: "không có đơn vị `Tân Lọi`".into(),
            hint: Some("có phải ý bạn là `tan-loi`?".into()),
            fold: None,
        };
        assert_eq!(
            p.to_string(),
            "lỗi: Tan Loi.xlsx › Tổng hợp › dòng 14, cột D: không có đơn vị `Tân Lọi`\n  gợi ý: có phải ý bạn là `tan-loi`?"
        );
    }

    fn place(row: usize, col: usize) -> Place {
        Place {
            file: "Tong hop.xlsx".into(),
            sheet_index: 0,
            sheet: Some("Tổng hợp".into()),
            row,
            col: Some(col),
        }
    }

    #[test]
    fn a_row_of_the_same_problem_is_said_once_with_its_columns() {
        let mut problems = Problems::default();
        let fold = Some("có công thức nhưng tệp không lưu giá trị đã tính".to_string());
        // Columns D–F and H of row 10, and D of row 11: two problems.
        for (row, col) in [(10, 7), (10, 3), (10, 4), (10, 5), (11, 3)] {
            problems.push(
                Severity::Warning,
                place(row, col),
                format!("ô có công thức `=SUM(X{col})` nhưng tệp không lưu giá trị đã tính"),
                Some("lưu lại".into()),
                fold.clone(),
            );
        }
        // Another kind of problem in row 10 stays on its own.
        problems.error(place(10, 6), "`đạt` không phải là số".into(), None);
        let said: Vec<String> = problems.folded().iter().map(|p| p.to_string()).collect();
        assert_eq!(
            said,
            [
                "cảnh báo: Tong hop.xlsx › Tổng hợp › dòng 10: cột D–F, H: 4 ô có công thức nhưng tệp không lưu giá trị đã tính\n  gợi ý: lưu lại",
                "lỗi: Tong hop.xlsx › Tổng hợp › dòng 10, cột G: `đạt` không phải là số",
                "cảnh báo: Tong hop.xlsx › Tổng hợp › dòng 11, cột D: ô có công thức `=SUM(X3)` nhưng tệp không lưu giá trị đã tính\n  gợi ý: lưu lại",
            ]
        );
        // Programs still get every cell.
        assert_eq!(problems.clone_sorted().len(), 6);
    }
}
