//! Rows that cannot be taken, named as the officer finds them in the
//! sheet: `Tan Loi.xlsx › Tổng hợp › dòng 14, cột D`, with the value, the
//! reason and what to do, in the style of `tiendo check`.

use std::fmt;

use crate::diagnostics::Severity;

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
        write!(f, "{}", self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, " › {sheet}")?;
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
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
        };
        write!(f, "{kind}: {}: {}", self.place, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  gợi ý: {hint}")?;
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
        self.items.push(Problem {
            severity: Severity::Error,
            place,
            message,
            hint,
        });
    }

    pub fn warning(&mut self, place: Place, message: String, hint: Option<String>) {
        self.items.push(Problem {
            severity: Severity::Warning,
            place,
            message,
            hint,
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
        };
        assert_eq!(
            p.to_string(),
            "lỗi: Tan Loi.xlsx › Tổng hợp › dòng 14, cột D: không có đơn vị `Tân Lọi`\n  gợi ý: có phải ý bạn là `tan-loi`?"
        );
    }
}
