//! Open data as one Excel workbook, `du-lieu/tiendo.xlsx`: numbers are
//! number cells and dates date cells, so that it opens right in every
//! locale (a CSV with `1.4` does not in Vietnamese-locale Excel). Headers
//! are frozen and filterable, columns sized to their content, and text
//! that looks like a formula stays text. The workbook's creation date is
//! the site's `as_of`, so two builds give the same bytes.
//!
//! The scores sheet is in the long form `tiendo import scores` reads.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::{ExportInput, Exporter};
use crate::compute;
use crate::model::{Model, Points};
use crate::routes::{DATA_XLSX, OutputFile};

/// Rows of scores the workbook holds at most, over all its snapshots: a
/// quarter of a million rows is a workbook of about 12 MB that a
/// spreadsheet on an office PC opens in seconds. A district or a province
/// holds every snapshot well within it (the M benchmark corpus, a province
/// of 150 units scored monthly for a year, has 216,000).
const MAX_SCORE_ROWS: usize = 250_000;

/// Which snapshots the workbook's scores sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoresSheet {
    /// Every snapshot.
    Every,
    /// The newest ones, from this snapshot on: all of them would not fit.
    From(usize),
    /// None: the newest snapshot alone does not fit. A national site has
    /// half a million scores in each (4,000 units, 120 criteria), which
    /// no spreadsheet works with in one sheet, and writing them took a
    /// tenth of such a build's time; they are in the CSV and JSON files.
    Without,
}

/// The snapshots the workbook's scores sheet holds.
pub fn scores_sheet(m: &Model) -> ScoresSheet {
    scores_sheet_within(m, MAX_SCORE_ROWS)
}

fn scores_sheet_within(m: &Model, max_rows: usize) -> ScoresSheet {
    let mut rows = 0;
    for (i, s) in m.snapshots.iter().enumerate().rev() {
        rows += s.units.iter().map(|us| us.scored().count()).sum::<usize>();
        if rows > max_rows {
            return if i + 1 == m.snapshots.len() {
                ScoresSheet::Without
            } else {
                ScoresSheet::From(i + 1)
            };
        }
    }
    ScoresSheet::Every
}

pub struct XlsxExporter;

impl Exporter for XlsxExporter {
    fn export(&self, input: &ExportInput) -> Vec<OutputFile> {
        match workbook(input) {
            Ok(bytes) => vec![OutputFile {
                path: DATA_XLSX.into(),
                bytes,
            }],
            // Only an internal limit can fail here; the site is still
            // worth publishing without the workbook.
            Err(e) => {
                eprintln!("cảnh báo: không tạo được {DATA_XLSX}: {e}");
                Vec::new()
            }
        }
    }
}

/// One cell's value; text borrowed from the model where it can be (the
/// scores sheet has millions of rows at national scale).
enum V<'a> {
    Text(Cow<'a, str>),
    Num(f64),
    Date(NaiveDate),
    Empty,
}

fn text<'a>(s: impl Into<Cow<'a, str>>) -> V<'a> {
    V::Text(s.into())
}

fn opt_text(s: Option<&str>) -> V<'_> {
    s.map_or(V::Empty, text)
}

fn num(p: Option<Points>) -> V<'static> {
    p.map_or(V::Empty, |p| V::Num(p.as_f64()))
}

fn date(d: Option<NaiveDate>) -> V<'static> {
    d.map_or(V::Empty, V::Date)
}

/// How many characters `{n}` writes, without making the string.
fn number_width(n: f64) -> usize {
    struct Count(usize);
    impl std::fmt::Write for Count {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0 += s.len();
            Ok(())
        }
    }
    let mut count = Count(0);
    let _ = std::fmt::Write::write_fmt(&mut count, format_args!("{n}"));
    count.0
}

/// Writes a table on a sheet: a bold header, rows, then frozen header,
/// filter and column widths.
struct Table<'w> {
    ws: &'w mut Worksheet,
    widths: Vec<usize>,
    row: u32,
    formats: &'w Formats,
}

struct Formats {
    header: Format,
    date: Format,
    /// Text that a spreadsheet would take for a formula: shown as typed.
    guarded: Format,
}

impl<'w> Table<'w> {
    fn new(
        ws: &'w mut Worksheet,
        name: &str,
        header: &[String],
        formats: &'w Formats,
    ) -> Result<Table<'w>, XlsxError> {
        ws.set_name(name)?;
        for (c, h) in header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &formats.header)?;
        }
        Ok(Table {
            ws,
            widths: header.iter().map(|h| h.chars().count() + 2).collect(),
            row: 1,
            formats,
        })
    }

    fn row<'v>(&mut self, values: impl IntoIterator<Item = V<'v>>) -> Result<(), XlsxError> {
        for (c, v) in values.into_iter().enumerate() {
            let col = c as u16;
            let width = match v {
                V::Text(s) => {
                    let width = s.chars().count();
                    if s.starts_with(['=', '+', '-', '@']) {
                        self.ws.write_string_with_format(
                            self.row,
                            col,
                            s.into_owned(),
                            &self.formats.guarded,
                        )?;
                    } else {
                        self.ws.write_string(self.row, col, s.into_owned())?;
                    }
                    width
                }
                V::Num(n) => {
                    self.ws.write_number(self.row, col, n)?;
                    number_width(n)
                }
                V::Date(d) => {
                    self.ws.write_datetime_with_format(
                        self.row,
                        col,
                        excel_date(d)?,
                        &self.formats.date,
                    )?;
                    10
                }
                V::Empty => 0,
            };
            if let Some(w) = self.widths.get_mut(c) {
                *w = (*w).max(width + 1);
            }
        }
        self.row += 1;
        Ok(())
    }

    fn finish(self) -> Result<(), XlsxError> {
        let last_col = self.widths.len().saturating_sub(1) as u16;
        self.ws.set_freeze_panes(1, 0)?;
        self.ws
            .autofilter(0, 0, self.row.saturating_sub(1).max(1), last_col)?;
        for (c, w) in self.widths.iter().enumerate() {
            self.ws
                .set_column_width(c as u16, (*w).clamp(6, 60) as f64)?;
        }
        Ok(())
    }
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

fn workbook(input: &ExportInput) -> Result<Vec<u8>, XlsxError> {
    let m = input.model;
    let mut wb = Workbook::new();
    // Deflate's fastest level: at L (5.76 million score rows) the default
    // level 6 spent most of the workbook's time searching for matches.
    wb.set_zip_compression_level(2);
    let created = excel_date(m.site.as_of)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(&m.site.title)
            .set_author(&m.site.organization)
            .set_creation_datetime(&created),
    );
    let formats = Formats {
        header: Format::new().set_bold(),
        date: Format::new().set_num_format("dd/mm/yyyy"),
        guarded: Format::new().set_quote_prefix(),
    };
    units_sheet(&mut wb, input, &formats)?;
    criteria_sheet(&mut wb, input, &formats)?;
    scores_sheets(&mut wb, input, &formats)?;
    results_sheet(&mut wb, input, &formats)?;
    tasks_sheet(&mut wb, input, &formats)?;
    wb.save_to_buffer()
}

fn units_sheet(wb: &mut Workbook, input: &ExportInput, f: &Formats) -> Result<(), XlsxError> {
    let m = input.model;
    let mut t = Table::new(
        wb.add_worksheet(),
        input.words.get("workbook.units"),
        &header(
            input,
            &[
                "unit_id",
                "name",
                "short_name",
                "kind",
                "parent",
                "framework",
            ],
        ),
        f,
    )?;
    for u in &m.units {
        t.row([
            text(&u.id),
            text(&u.name),
            opt_text(u.short_name.as_deref()),
            text(input.words.kind(&u.kind)),
            opt_text(u.parent.map(|p| m.units[p].id.as_str())),
            opt_text(u.framework.map(|f| m.frameworks[f].id.as_str())),
        ])?;
    }
    t.finish()
}

fn criteria_sheet(wb: &mut Workbook, input: &ExportInput, f: &Formats) -> Result<(), XlsxError> {
    let m = input.model;
    let mut t = Table::new(
        wb.add_worksheet(),
        input.words.get("workbook.criteria"),
        &header(
            input,
            &[
                "framework",
                "code",
                "title",
                "max",
                "method",
                "parent_code",
                "note",
            ],
        ),
        f,
    )?;
    for fw in &m.frameworks {
        for c in &fw.criteria {
            t.row([
                text(&fw.id),
                text(&c.code),
                text(&c.title),
                num(Some(c.max)),
                text(input.words.method(c.method)),
                opt_text(c.parent.map(|p| fw.criteria[p].code.as_str())),
                opt_text(c.note.as_deref()),
            ])?;
        }
    }
    t.finish()
}

/// The columns of the scores sheet: the long form `import scores` reads.
const SCORE_COLUMNS: [&str; 13] = [
    "snapshot",
    "unit_id",
    "unit_name",
    "framework",
    "code",
    "points",
    "self",
    "appraised",
    "survey",
    "max",
    "stage",
    "explanation",
    "evidence",
];

/// The header of a sheet: each column's word from `workbook.column.*`.
fn header(input: &ExportInput, columns: &[&str]) -> Vec<String> {
    columns
        .iter()
        .map(|c| input.words.get(&format!("workbook.column.{c}")).to_owned())
        .collect()
}

/// Every scored criterion of the snapshots [`scores_sheet`] names, one
/// row each; no sheet when it names none.
fn scores_sheets(wb: &mut Workbook, input: &ExportInput, f: &Formats) -> Result<(), XlsxError> {
    let m = input.model;
    let words = input.words;
    let first = match scores_sheet(m) {
        ScoresSheet::Every => 0,
        ScoresSheet::From(first) => first,
        ScoresSheet::Without => return Ok(()),
    };
    let rows = m.snapshots[first..].iter().flat_map(|s| {
        s.units.iter().flat_map(move |us| {
            let fw = &m.frameworks[us.framework];
            us.scored().map(move |(c, points)| {
                let detail = us.detail(c);
                let d = |get: fn(&crate::model::ScoreDetail) -> Option<Points>| {
                    num(detail.and_then(get))
                };
                [
                    V::Date(s.date),
                    text(&m.units[us.unit].id),
                    text(m.units[us.unit].display_name()),
                    text(&fw.id),
                    text(&fw.criteria[c].code),
                    num(Some(points)),
                    d(|x| x.self_assessed),
                    d(|x| x.appraised),
                    d(|x| x.survey),
                    num(Some(fw.criteria[c].max)),
                    text(words.stage(s.stage)),
                    opt_text(detail.and_then(|x| x.explanation.as_deref())),
                    detail
                        .filter(|x| !x.evidence.is_empty())
                        .map_or(V::Empty, |x| text(x.evidence.join("\n"))),
                ]
            })
        })
    });
    // Rows go to a temporary file as they are written instead of staying
    // in memory.
    let mut t = Table::new(
        wb.add_worksheet_with_low_memory()?,
        words.get("workbook.scores"),
        &header(input, &SCORE_COLUMNS),
        f,
    )?;
    for row in rows {
        t.row(row)?;
    }
    t.finish()
}

fn results_sheet(wb: &mut Workbook, input: &ExportInput, f: &Formats) -> Result<(), XlsxError> {
    let m = input.model;
    let mut t = Table::new(
        wb.add_worksheet(),
        input.words.get("workbook.results"),
        &header(
            input,
            &[
                "snapshot",
                "unit_id",
                "unit_name",
                "framework",
                "total",
                "max",
                "percent",
                "rank",
                "rank_of",
                "band",
            ],
        ),
        f,
    )?;
    for (si, s) in m.snapshots.iter().enumerate() {
        let results: Vec<&compute::UnitResult> = input
            .computed
            .histories
            .values()
            .flat_map(|h| h.iter().filter(|(x, _)| *x == si).map(|(_, r)| r))
            .collect();
        let ranks = compute::ranks_by_kind(m, results.iter().copied());
        for r in results {
            let rank = ranks[&r.unit];
            let fw = &m.frameworks[r.framework];
            t.row([
                V::Date(s.date),
                text(&m.units[r.unit].id),
                text(m.units[r.unit].display_name()),
                text(&fw.id),
                num(Some(r.total)),
                num(Some(r.max)),
                num(Some(r.percent)),
                V::Num(rank.place as f64),
                V::Num(rank.of as f64),
                opt_text(r.band.map(|b| fw.bands[b].name.as_str())),
            ])?;
        }
    }
    t.finish()
}

fn tasks_sheet(wb: &mut Workbook, input: &ExportInput, f: &Formats) -> Result<(), XlsxError> {
    let m = input.model;
    let mut t = Table::new(
        wb.add_worksheet(),
        input.words.get("workbook.tasks"),
        &header(
            input,
            &[
                "task_id",
                "task",
                "lead",
                "partners",
                "criterion",
                "due",
                "due_text",
                "done_on",
                "status",
                "source",
            ],
        ),
        f,
    )?;
    for (i, task) in m.tasks.iter().enumerate() {
        let partners: Vec<&str> = task
            .partners
            .iter()
            .map(|&p| m.units[p].id.as_str())
            .collect();
        t.row([
            text(&task.id),
            text(&task.title),
            text(&m.units[task.lead].id),
            text(partners.join(", ")),
            task.criterion
                .map_or(V::Empty, |c| text(m.criterion_key(c))),
            date(task.due),
            opt_text(task.due_text.as_deref()),
            date(task.done_on.filter(|d| *d <= m.site.as_of)),
            text(input.words.status(input.computed.statuses[i])),
            text(&m.directives[task.directive].source),
        ])?;
    }
    t.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::{self, Outcome};

    /// A site with three snapshots.
    fn progress() -> Model {
        let content =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/progress");
        let options = crate::validate::Options {
            as_of: None,
            committee: false,
        };
        match site::load_model(&content, &options).unwrap() {
            Outcome::Done(m, _) => m,
            Outcome::Invalid(d) => panic!("{d:?}"),
        }
    }

    #[test]
    fn the_scores_sheet_keeps_the_newest_snapshots_that_fit() {
        let m = progress();
        let rows: Vec<usize> = m
            .snapshots
            .iter()
            .map(|s| s.units.iter().map(|us| us.scored().count()).sum())
            .collect();
        let n = rows.len();
        assert!(n >= 3 && rows.iter().all(|&r| r > 0), "{rows:?}");
        let all: usize = rows.iter().sum();
        assert_eq!(scores_sheet_within(&m, all), ScoresSheet::Every);
        assert_eq!(scores_sheet_within(&m, all - 1), ScoresSheet::From(1));
        let last_two = rows[n - 1] + rows[n - 2];
        assert_eq!(scores_sheet_within(&m, last_two), ScoresSheet::From(n - 2));
        assert_eq!(
            scores_sheet_within(&m, rows[n - 1]),
            ScoresSheet::From(n - 1)
        );
        // The newest snapshot alone too long: no scores sheet.
        assert_eq!(
            scores_sheet_within(&m, rows[n - 1] - 1),
            ScoresSheet::Without
        );
    }
}
