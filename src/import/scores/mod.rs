//! Score sheets: every table of every sheet, read in the form its header
//! gives (see [`Form`]); a header that allows two forms is a question for
//! `--form`, never a choice. Each value is checked against the framework of
//! its own unit, and every non-empty cell of a table is imported or named.

mod by_unit;
mod columns;
mod kinds;
mod rows;
mod table;

use std::collections::{BTreeSet, HashSet};
use std::ops::Range;

use chrono::NaiveDate;

use super::band::{self, Band, Names};
use super::collect::{At, CellError, Collector, Values, points_of, uncached, with_col};
use super::forms::{self, Form, ValueColumn};
use super::headers::{Field, SCORE_HEADERS};
use super::ledger::Ledger;
use super::matching::{self, UnitMiss, Units, clean_code, is_code_like};
use super::problems::Place;
use super::report::{Preview, TableReport};
use super::sheet::{Cell, Sheet, Workbook};
use super::{Imported, ScoresOptions, norm, yaml};
use crate::model::Model;

/// The framework given by --framework, if any.
fn framework_option(model: &Model, options: &ScoresOptions) -> anyhow::Result<Option<usize>> {
    Ok(match &options.framework {
        Some(f) => Some(*model.framework_index.get(f.trim()).ok_or_else(|| {
            let known: Vec<&str> = model.frameworks.iter().map(|f| f.id.as_str()).collect();
            anyhow::anyhow!(
                "không có bộ chỉ số `{f}`: --framework nhận một trong {}",
                known.join(", ")
            )
        })?),
        None => None,
    })
}

pub(super) fn import(
    model: &Model,
    book: &Workbook,
    options: &ScoresOptions,
) -> anyhow::Result<Imported> {
    let framework = framework_option(model, options)?;
    let codes = model
        .frameworks
        .iter()
        .enumerate()
        .filter(|(i, _)| framework.is_none_or(|f| f == *i))
        .flat_map(|(_, fw)| fw.criteria.iter().map(|c| c.code.clone()))
        .collect();
    let mut r = Reader {
        model,
        units: Units::new(model),
        book,
        options,
        framework,
        codes,
        other_dates: BTreeSet::new(),
        tables: Vec::new(),
        notes: Vec::new(),
        without_framework: HashSet::new(),
        other_date: format!("của đợt khác, không phải đợt {}", options.date).into(),
    };
    let mut c = Collector::new(model);
    for (si, sheet) in book.sheets.iter().enumerate() {
        r.sheet(&mut c, si, sheet);
    }
    for name in &book.hidden_sheets {
        r.notes.push(format!(
            "trang tính ẩn `{name}` không được đọc (đọc nó bằng --sheet \"{name}\")"
        ));
    }
    if r.tables.is_empty() {
        anyhow::bail!(
            "`{}` không có bảng điểm nào nhận ra được: cần một dòng tiêu đề có cột mã tiêu chí và cột điểm (hoặc một cột cho mỗi đơn vị); xem `tiendo help nhap`",
            book.file
        );
    }
    c.check_sums();
    if c.leaves.is_empty() && !r.other_dates.is_empty() {
        let dates: Vec<String> = r.other_dates.iter().map(|d| d.to_string()).collect();
        anyhow::bail!(
            "`{}` không có dòng nào của đợt {}; bảng có các đợt: {}; hãy chọn một ngày đó bằng --date",
            book.file,
            options.date,
            dates.join(", ")
        );
    }
    let values = c.leaves.values().map(|(v, _)| v.count()).sum();
    Ok(Imported {
        yaml: yaml::snapshot(model, options, &c.leaves),
        taken: c.leaves.len(),
        values,
        preview: Preview::new(model, &c.leaves, &c.sheet_totals),
        problems: c.problems,
        tables: r.tables,
        notes: r.notes,
    })
}

struct Reader<'a> {
    model: &'a Model,
    units: Units<'a>,
    book: &'a Workbook,
    options: &'a ScoresOptions,
    framework: Option<usize>,
    /// Every criterion code of the frameworks a sheet may use.
    codes: HashSet<String>,
    /// Snapshot dates of rows left out because they are of another date.
    other_dates: BTreeSet<NaiveDate>,
    tables: Vec<TableReport>,
    notes: Vec<String>,
    /// Units already named for having no framework.
    without_framework: HashSet<usize>,
    /// Why a row of another snapshot is left.
    other_date: std::rc::Rc<str>,
}

/// One table being read.
struct Table<'s> {
    si: usize,
    sheet: &'s Sheet,
    band: &'s Band,
    form: Form,
    values: Vec<ValueColumn>,
    /// The unit of a one-unit table.
    unit: Option<usize>,
    /// The rows below the header up to the next table (0-based).
    body: Range<usize>,
}

/// What a row holds in one value column.
enum Read {
    Nothing,
    /// A cell that says "not scored" (`-`).
    Blank,
    Points(At),
    Text(String),
    Bad(CellError),
}

impl Read {
    /// A number, or a cell that should have held one (a formula).
    fn is_number(&self) -> bool {
        match self {
            Read::Points(_) => true,
            Read::Bad(e) => e.formula,
            _ => false,
        }
    }
}

impl Reader<'_> {
    fn place(&self, sheet_index: usize, sheet: &Sheet, row: usize) -> Place {
        Place {
            file: self.book.file.clone(),
            sheet_index,
            sheet: (!self.book.csv).then(|| sheet.name.clone()),
            row,
            col: None,
        }
    }

    /// Reads every table of a sheet, then names what lies outside them.
    fn sheet(&mut self, c: &mut Collector, si: usize, sheet: &Sheet) {
        let codes = &self.codes;
        let is_code = |code: &str| codes.contains(code);
        let names = Names {
            table: SCORE_HEADERS,
            units: Some(&self.units),
            is_code: &is_code,
        };
        let accept = |b: &Band| !forms::readings(b).is_empty();
        let mut bands = Vec::new();
        let mut from = 0;
        while let Some(band) = band::find(sheet, from, &names, &accept) {
            from = band.last + 1;
            bands.push(band);
        }
        let mut ledger = Ledger::default();
        let mut preamble = 0;
        for (i, band) in bands.iter().enumerate() {
            let end = bands.get(i + 1).map_or(sheet.rows.len(), |b| b.top);
            let last = self.table(
                c,
                si,
                sheet,
                band,
                preamble..band.top,
                band.last + 1..end,
                &mut ledger,
            );
            preamble = last + 1;
        }
        let place = self.place(si, sheet, 0);
        if bands.is_empty() {
            c.problems.warning(
                place,
                "không có bảng điểm nhận ra được (cần cột mã tiêu chí và cột điểm): bỏ qua".into(),
                Some("tên cột được nhận: `tiendo help nhap`".into()),
            );
            return;
        }
        self.outside(c, sheet, &ledger, place);
    }

    /// Names the cells no table took: numbers in a warning, text (titles,
    /// signatures) in the summary.
    fn outside(&mut self, c: &mut Collector, sheet: &Sheet, ledger: &Ledger, place: Place) {
        let outside = ledger.outside(sheet);
        let rows = outside.rows;
        if rows.is_empty() {
            return;
        }
        let where_ = super::ledger::row_list(&rows);
        if let Some((row, col)) = outside.first_number {
            c.problems.warning(
                Place {
                    row: row + 1,
                    col: Some(col),
                    ..place.clone()
                },
                format!(
                    "{} ô số nằm ngoài các bảng đã nhận ra ({where_}): không được nhập",
                    outside.numbers
                ),
                Some(
                    "nếu đó là điểm, hãy đặt chúng dưới một dòng tên cột (xem `tiendo help nhap`)"
                        .into(),
                ),
            );
        }
        let name = match &place.sheet {
            Some(s) => format!("{} › {s}", place.file),
            None => place.file.clone(),
        };
        self.notes.push(format!(
            "{name}: các ô ngoài bảng ({where_}) là tiêu đề, ghi chú hoặc chữ ký: không đọc"
        ));
    }

    fn framework_of(&self, unit: usize) -> Option<usize> {
        self.framework.or(self.model.units[unit].framework)
    }

    /// The framework a row's scores of `unit` are checked against: the
    /// row's `Bộ chỉ số`, --framework, or the unit's own.
    fn row_framework(
        &mut self,
        c: &mut Collector,
        t: &Table,
        row: usize,
        unit: usize,
        place: &Place,
    ) -> Option<usize> {
        if let Some(col) = t.band.col(Field::Framework) {
            let text = t.sheet.cell(row, col).text();
            if !text.is_empty() {
                let found = self.model.framework_index.get(&text).copied().or_else(|| {
                    let key = norm(&text);
                    self.model
                        .frameworks
                        .iter()
                        .position(|f| norm(&f.title) == key)
                });
                if found.is_none() {
                    c.problems.error(
                        with_col(place, col),
                        format!("không có bộ chỉ số `{text}`"),
                        Some("ghi mã bộ chỉ số như tên tệp trong frameworks/".into()),
                    );
                }
                return found;
            }
        }
        let found = self.framework_of(unit);
        if found.is_none() && self.without_framework.insert(unit) {
            c.problems.error(
                place.clone(),
                format!("đơn vị `{}` không được chấm theo bộ chỉ số nào", self.model.units[unit].id),
                Some("chọn bộ chỉ số bằng --framework, hoặc thêm `framework:` cho đơn vị trong units.yaml".into()),
            );
        }
        found
    }

    /// The criterion of a code in a framework, or an error at `place`.
    fn criterion_of(
        &self,
        c: &mut Collector,
        fw: usize,
        code: &str,
        place: &Place,
    ) -> Option<usize> {
        let framework = &self.model.frameworks[fw];
        let found = matching::criterion(framework, code);
        if found.is_none() {
            let hint = matching::nearest_code(framework, code)
                .map(|c| format!("có phải ý bạn là `{c}`?"))
                .unwrap_or_else(|| format!("xem các mã trong frameworks/{}.yaml", framework.id));
            c.problems.error(
                place.clone(),
                format!("bộ chỉ số `{}` không có tiêu chí `{code}`", framework.id),
                Some(hint),
            );
        }
        found
    }

    /// The hint for a name that is no unit.
    fn unit_hint(&self, miss: UnitMiss) -> String {
        match miss {
            UnitMiss::Unknown(Some(id)) => format!("có phải ý bạn là `{id}`?"),
            UnitMiss::Unknown(None) => {
                "ghi đúng tên, tên ngắn hoặc mã đơn vị như trong units.yaml".into()
            }
            UnitMiss::Ambiguous(ids) => {
                format!(
                    "tên này trùng nhiều đơn vị ({}); ghi mã đơn vị",
                    ids.join(", ")
                )
            }
        }
    }
}

/// What a row holds in each value column of the table.
fn read_row<'t>(t: &'t Table, row: usize) -> Vec<(&'t ValueColumn, Read)> {
    t.values
        .iter()
        .map(|v| {
            let cell = t.sheet.cell(row, v.col);
            let read = if v.field.is_points() {
                match points_of(cell) {
                    Ok(Some(points)) => Read::Points(At { points, col: v.col }),
                    Ok(None) if cell.is_empty() => Read::Nothing,
                    Ok(None) => Read::Blank,
                    Err(e) => Read::Bad(e),
                }
            } else {
                match cell {
                    Cell::Uncached(_) => Read::Bad(uncached(&cell.text())),
                    _ if cell.is_empty() => Read::Nothing,
                    _ => Read::Text(cell.text()),
                }
            };
            (v, read)
        })
        .collect()
}

/// The scores a group of cells gives.
fn values_of(reads: &[&(&ValueColumn, Read)]) -> Values {
    let mut v = Values::default();
    for (col, read) in reads {
        match (col.field, read) {
            (Field::Points, Read::Points(at)) => v.points = Some(*at),
            (Field::SelfAssessed, Read::Points(at)) => v.self_assessed = Some(*at),
            (Field::Appraised, Read::Points(at)) => v.appraised = Some(*at),
            (Field::Survey, Read::Points(at)) => v.survey = Some(*at),
            (Field::Explanation, Read::Text(t)) => v.explanation = Some(t.clone()),
            (Field::Evidence, Read::Text(t)) => {
                v.evidence = t
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect();
            }
            _ => {}
        }
    }
    v
}

/// The code at the start of a criterion's title: `1.4. Hình thức …` → `1.4`.
fn leading_code(title: &str) -> Option<String> {
    let cleaned = clean_code(title);
    let first = cleaned.split_whitespace().next()?;
    let code = first.trim_end_matches(['.', ':', ')']).to_string();
    is_code_like(&code).then_some(code)
}
