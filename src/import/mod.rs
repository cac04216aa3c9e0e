//! Import: the score sheets and task lists officers keep in Excel,
//! LibreOffice or CSV, turned into content YAML. Units and criteria are
//! matched against a loaded content folder; every row that cannot be taken
//! is named by file, sheet, row and column.
//!
//! - [`sheet`]: reading .xlsx, .ods and .csv into grids of cells, with
//!   hidden rows and columns, merged cells and formulas without a value
//! - [`headers`]: the names officers give to columns
//! - [`band`]: finding a table's header (one to three rows) and what each
//!   column holds; [`forms`]: the forms a header allows
//! - [`matching`]: units by name, criteria by code, groups by name
//! - [`scores`] and [`collect`]: the four forms of score sheets, checked
//! - [`ledger`]: what became of every cell; [`report`]: the summary and
//!   the preview
//! - [`tasks`]: task lists
//! - [`yaml`]: writing the content files

mod band;
mod collect;
mod forms;
mod groups;
mod headers;
mod ledger;
mod matching;
mod problems;
mod report;
mod scores;
mod sheet;
mod tasks;
mod yaml;

use std::path::Path;

use chrono::NaiveDate;

use crate::model::Model;
pub use forms::Form;
pub use headers::{Field, SCORE_HEADERS, TASK_HEADERS};
pub use ledger::Counts;
pub use matching::unit_key;
pub use problems::{Place, Problem, Problems};
pub use report::{Preview, ScorePreview, TableReport, UnitPreview, problem_json, table_json};
pub use sheet::{Cell, Sheet, Workbook, read_csv};

/// What `tiendo import scores` was asked for.
#[derive(Debug, Clone)]
pub struct ScoresOptions {
    pub date: NaiveDate,
    /// The stage as written in the snapshot (`thẩm định`).
    pub stage: String,
    /// The framework of every row, when the units' own is not meant.
    pub framework: Option<String>,
    /// Only this sheet.
    pub sheet: Option<String>,
    pub source: Option<String>,
    pub title: Option<String>,
    /// The form of the tables, when their header allows more than one.
    pub form: Option<Form>,
}

/// What `tiendo import tasks` was asked for.
#[derive(Debug, Clone)]
pub struct TasksOptions {
    /// The directive the tasks come from (`Công văn số …`).
    pub source: String,
    pub issued: Option<NaiveDate>,
    pub framework: Option<String>,
    pub sheet: Option<String>,
}

/// The YAML made from what could be taken, how much that was, every
/// problem, and what was read: the tables found, notes on what was not
/// read, the preview of the scores.
#[derive(Debug)]
pub struct Imported {
    pub yaml: String,
    /// Scores (a unit's criterion) or tasks taken.
    pub taken: usize,
    /// Values taken: points of each kind, explanations, evidence.
    pub values: usize,
    pub problems: Problems,
    pub tables: Vec<TableReport>,
    pub notes: Vec<String>,
    pub preview: Preview,
}

/// Reads a score sheet into a snapshot file.
pub fn import_scores(
    model: &Model,
    path: &Path,
    options: &ScoresOptions,
) -> anyhow::Result<Imported> {
    let book = sheet::read(path, options.sheet.as_deref())?;
    scores::import(model, &book, options)
}

/// Reads a task list into a directive file.
pub fn import_tasks(
    model: &Model,
    path: &Path,
    options: &TasksOptions,
) -> anyhow::Result<Imported> {
    let book = sheet::read(path, options.sheet.as_deref())?;
    tasks::import(model, &book, options)
}

/// A file name for a directive: the slug of its source, shortened
/// (`Công văn số 1297/UBND-NV` → `cong-van-so-1297-ubnd-nv`).
pub fn file_stem_for(source: &str) -> String {
    let slug = crate::slug::slugify(source);
    let mut out = String::new();
    for word in slug.split('-') {
        if !out.is_empty() && out.len() + word.len() >= 60 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        "nhiem-vu".into()
    } else {
        out
    }
}

/// Writes `text` to `path` whole or not at all (beside, then renamed), so
/// that the content folder never holds half a file.
pub fn write_file(path: &Path, text: &str) -> anyhow::Result<()> {
    use anyhow::Context as _;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("không tạo được thư mục `{}`", dir.display()))?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.tiendo-import"));
    std::fs::write(&temp, text)
        .with_context(|| format!("không ghi được tệp `{}`", temp.display()))?;
    std::fs::rename(&temp, path)
        .with_context(|| format!("không ghi được tệp `{}`", path.display()))?;
    Ok(())
}

/// The stage as the snapshot format writes it, from what was typed
/// (`tham dinh`, `Thẩm định`, `appraisal`).
pub fn stage_name(text: &str) -> Option<&'static str> {
    match norm(text).as_str() {
        "tu danh gia" | "tu cham" | "self" => Some("tự đánh giá"),
        "ra soat" | "review" => Some("rà soát"),
        "tham dinh" | "appraisal" => Some("thẩm định"),
        "cong bo" | "published" => Some("công bố"),
        _ => None,
    }
}

/// Text reduced for comparing names: no accents, lower case, words
/// separated by single spaces (`Điểm  tự chấm` → `diem tu cham`).
pub fn norm(text: &str) -> String {
    crate::slug::slugify(text).replace('-', " ")
}

/// The first date in a text: `trước ngày 20/11/2023` → 2023-11-20;
/// `cuối tháng 11/2023` → 2023-11-30 (the month's last day).
pub fn date_in_text(text: &str) -> Option<NaiveDate> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit()) {
            let rest: String = chars[i..].iter().collect();
            let token: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.'))
                .collect();
            let token = token.trim_end_matches(['/', '-', '.']);
            if let Some(d) = full_date(token) {
                return Some(d);
            }
            if let Some(d) = month_end(token) {
                return Some(d);
            }
        }
        i += 1;
    }
    None
}

fn full_date(token: &str) -> Option<NaiveDate> {
    if let Some(d) = crate::validate::parse_date(token) {
        return Some(d);
    }
    let parts: Vec<&str> = token.split(['/', '-', '.']).collect();
    if parts.len() != 3 || parts[2].len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(
        parts[2].parse().ok()?,
        parts[1].parse().ok()?,
        parts[0].parse().ok()?,
    )
}

fn month_end(token: &str) -> Option<NaiveDate> {
    let (m, y) = token.split_once('/')?;
    if y.len() != 4 || m.is_empty() || m.len() > 2 {
        return None;
    }
    let (m, y): (u32, i32) = (m.parse().ok()?, y.parse().ok()?);
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    }?;
    next.pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_deadline_wording() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(date_in_text("trước ngày 20/11/2023"), d(2023, 11, 20));
        assert_eq!(date_in_text("20/11/2023"), d(2023, 11, 20));
        assert_eq!(date_in_text("cuối tháng 11/2023"), d(2023, 11, 30));
        assert_eq!(date_in_text("trong tháng 12/2023"), d(2023, 12, 31));
        assert_eq!(date_in_text("2023-11-20"), d(2023, 11, 20));
        assert_eq!(date_in_text("thường xuyên"), None);
    }

    #[test]
    fn stages_without_accents() {
        assert_eq!(stage_name("tham dinh"), Some("thẩm định"));
        assert_eq!(stage_name("Tự đánh giá"), Some("tự đánh giá"));
        assert_eq!(stage_name("x"), None);
    }
}
