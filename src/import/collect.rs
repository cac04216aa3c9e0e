//! Scores read from any form of sheet, gathered and checked: each against
//! its criterion's max, no criterion twice for a unit, parent and total
//! rows against the sum of what they hold.

use std::collections::{BTreeMap, HashMap};

use crate::model::{Model, Points};

use super::problems::{Place, Problems};
use super::sheet::Cell;

/// A number read from a cell, and the cell's column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct At {
    pub points: Points,
    pub col: usize,
}

/// What one row says about one criterion of one unit.
#[derive(Debug, Clone, Default)]
pub struct Values {
    pub points: Option<At>,
    pub self_assessed: Option<At>,
    pub appraised: Option<At>,
    pub survey: Option<At>,
    pub explanation: Option<String>,
    pub evidence: Vec<String>,
}

/// The columns of points that can be summed and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Points,
    SelfAssessed,
    Appraised,
    Survey,
}

impl Kind {
    const ALL: [Kind; 4] = [
        Kind::Points,
        Kind::SelfAssessed,
        Kind::Appraised,
        Kind::Survey,
    ];

    fn of(self, v: &Values) -> Option<At> {
        match self {
            Kind::Points => v.points,
            Kind::SelfAssessed => v.self_assessed,
            Kind::Appraised => v.appraised,
            Kind::Survey => v.survey,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Kind::Points => "điểm",
            Kind::SelfAssessed => "điểm tự chấm",
            Kind::Appraised => "điểm thẩm định",
            Kind::Survey => "điểm điều tra XHH",
        }
    }
}

impl Values {
    /// How many values it holds: points of each kind, an explanation, the
    /// evidence.
    pub fn count(&self) -> usize {
        Kind::ALL.iter().filter(|k| k.of(self).is_some()).count()
            + usize::from(self.explanation.is_some())
            + usize::from(!self.evidence.is_empty())
    }

    pub fn is_empty(&self) -> bool {
        Kind::ALL.iter().all(|k| k.of(self).is_none())
    }

    /// The points that count, as the loader reads the long form.
    pub fn counting(&self) -> Option<Points> {
        self.points
            .or(self.appraised)
            .or(self.self_assessed)
            .map(|a| a.points)
    }
}

/// Why a cell gives no points: what it holds and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    pub message: String,
    pub hint: String,
    /// A formula saved without its value: a number is meant there.
    pub formula: bool,
}

impl CellError {
    /// What [`Problems::folded`](super::problems::Problems::folded) says
    /// of a row of such cells, `why` after it: only of formulas saved
    /// without their values, whose messages differ by the formula alone.
    pub fn fold(&self, why: &str) -> Option<String> {
        self.formula
            .then(|| format!("có công thức nhưng tệp không lưu giá trị đã tính{why}"))
    }
}

fn number_error(message: String) -> CellError {
    CellError {
        formula: false,
        message,
        hint: "ghi điểm bằng số, ví dụ 1,5 hoặc 1.5; để trống nếu chưa chấm".into(),
    }
}

/// Reads points from a cell: a number, or text such as `1,4` or `1.4`;
/// empty, `-` or `–` mean no points. A formula saved without its value is
/// an error, never an empty cell.
pub fn points_of(cell: &Cell) -> Result<Option<Points>, CellError> {
    let value = cell.text();
    let parsed = match cell {
        Cell::Empty => return Ok(None),
        Cell::Text(t) if matches!(t.trim(), "" | "-" | "–" | "—") => return Ok(None),
        Cell::Number(n) => Points::from_f64(*n)
            .ok_or_else(|| number_error(format!("`{value}` có quá 3 chữ số thập phân")))?,
        Cell::Text(t) => Points::parse(t).ok_or_else(|| {
            let decimals = t.trim().replace(',', ".");
            number_error(if decimals.parse::<f64>().is_ok() {
                format!("`{value}` có quá 3 chữ số thập phân")
            } else {
                format!("`{value}` không phải là số")
            })
        })?,
        Cell::Date(_) => {
            return Err(number_error(format!(
                "`{value}` là ngày, không phải số điểm"
            )));
        }
        Cell::Uncached(_) => return Err(uncached(&value)),
    };
    if parsed.0 < 0 {
        return Err(number_error(format!("điểm âm `{value}`")));
    }
    Ok(Some(parsed))
}

/// A formula whose value the file does not hold.
pub fn uncached(formula: &str) -> CellError {
    CellError {
        formula: true,
        message: format!("ô có công thức `{formula}` nhưng tệp không lưu giá trị đã tính"),
        hint: "mở tệp bằng Excel hoặc LibreOffice rồi lưu lại (để công thức được tính), hoặc chép giá trị thay cho công thức".into(),
    }
}

/// One row's scores for one criterion.
pub struct Entry {
    pub unit: usize,
    pub framework: usize,
    pub criterion: usize,
    pub values: Values,
    /// The max the sheet gives, if it has a max column.
    pub sheet_max: Option<At>,
    /// The row (no column).
    pub place: Place,
}

/// A row (or column) that sums scores read elsewhere: checked, not
/// imported. It sums the scores of its sheet taken from rows after `from`
/// and before `to` (0-based), of `unit` (or of every unit) and of the
/// criterion `code` (or of every one).
pub struct Total {
    pub unit: Option<usize>,
    pub code: Option<String>,
    pub from: usize,
    pub to: usize,
    pub values: Values,
    pub place: Place,
}

type Key = (usize, usize, usize);

/// Everything read so far.
pub struct Collector<'m> {
    pub model: &'m Model,
    pub problems: Problems,
    pub leaves: BTreeMap<Key, (Values, Place)>,
    parents: Vec<Entry>,
    totals: Vec<Total>,
    /// Rows recognised as totals or parents: read, checked, not imported.
    pub checked_rows: usize,
    /// The sheet's own total of each unit (and framework), where a total
    /// row or column gives one: shown beside the sums in a preview.
    pub sheet_totals: BTreeMap<(usize, usize), (Points, Place)>,
}

impl<'m> Collector<'m> {
    pub fn new(model: &'m Model) -> Collector<'m> {
        Collector {
            model,
            problems: Problems::default(),
            leaves: BTreeMap::new(),
            parents: Vec::new(),
            totals: Vec::new(),
            checked_rows: 0,
            sheet_totals: BTreeMap::new(),
        }
    }

    /// Takes a row's scores, or reports why not. Returns whether it was
    /// taken (or kept for the check of a parent row).
    pub fn add(&mut self, entry: Entry) -> bool {
        let fw = &self.model.frameworks[entry.framework];
        let criterion = &fw.criteria[entry.criterion];
        let code = criterion.code.clone();
        if let Some(sheet_max) = entry.sheet_max
            && sheet_max.points != criterion.max
        {
            self.problems.warning(
                with_col(&entry.place, sheet_max.col),
                format!(
                    "điểm tối đa {} của tiêu chí `{code}` khác với bộ chỉ số `{}` ({})",
                    sheet_max.points, fw.id, criterion.max
                ),
                Some(
                    "bộ chỉ số trong thư mục nội dung được dùng; kiểm tra mã tiêu chí của dòng này"
                        .into(),
                ),
            );
        }
        if !criterion.children.is_empty() {
            self.checked_rows += 1;
            self.parents.push(entry);
            return true;
        }
        let mut ok = true;
        for kind in [Kind::Points, Kind::SelfAssessed, Kind::Appraised] {
            if let Some(at) = kind.of(&entry.values)
                && at.points > criterion.max
            {
                ok = false;
                self.problems.error(
                    with_col(&entry.place, at.col),
                    format!(
                        "{} {} của tiêu chí `{code}` vượt điểm tối đa {}",
                        kind.label(),
                        at.points,
                        criterion.max
                    ),
                    Some(format!(
                        "điểm phải từ 0 đến {}; kiểm tra lại số đã chép",
                        criterion.max
                    )),
                );
            }
        }
        let key = (entry.unit, entry.framework, entry.criterion);
        if let Some((_, first)) = self.leaves.get(&key) {
            self.problems.error(
                entry.place.clone(),
                format!(
                    "điểm tiêu chí `{code}` của đơn vị `{}` đã có ở {first}",
                    self.model.units[entry.unit].id
                ),
                Some("mỗi đơn vị chỉ một dòng cho mỗi tiêu chí; xóa dòng trùng".into()),
            );
            return false;
        }
        if ok {
            self.leaves.insert(key, (entry.values, entry.place));
        }
        ok
    }

    pub fn total(&mut self, total: Total) {
        self.checked_rows += 1;
        self.totals.push(total);
    }

    /// Checks parent and total rows against the sums of the scores taken.
    pub fn check_sums(&mut self) {
        let parents = std::mem::take(&mut self.parents);
        for p in &parents {
            let fw = &self.model.frameworks[p.framework];
            let leaves: Vec<&Values> = descendants(fw, p.criterion)
                .into_iter()
                .filter_map(|c| self.leaves.get(&(p.unit, p.framework, c)))
                .map(|(v, _)| v)
                .collect();
            let what = format!("tiêu chí cha `{}`", fw.criteria[p.criterion].code);
            compare(&mut self.problems, &what, &p.values, &leaves, &p.place);
        }
        let totals = std::mem::take(&mut self.totals);
        // The leaves by sheet and row, to find what a total sums by halving.
        let mut by_row: Vec<(usize, usize, Key)> = self
            .leaves
            .iter()
            .map(|(k, (_, p))| (p.sheet_index, p.row, *k))
            .collect();
        by_row.sort_unstable();
        let mut per_unit: HashMap<(usize, usize, usize), usize> = HashMap::new();
        for &(sheet, _, (u, f, _)) in &by_row {
            *per_unit.entry((sheet, u, f)).or_default() += 1;
        }
        for t in &totals {
            let sheet = t.place.sheet_index;
            let start = by_row.partition_point(|&(s, r, _)| (s, r) <= (sheet, t.from + 1));
            let end = by_row.partition_point(|&(s, r, _)| (s, r) < (sheet, t.to + 1));
            let found: Vec<Key> = by_row[start..end]
                .iter()
                .map(|&(_, _, k)| k)
                .filter(|&(u, f, c)| {
                    t.unit.is_none_or(|tu| tu == u)
                        && t.code
                            .as_ref()
                            .is_none_or(|code| self.model.frameworks[f].criteria[c].code == *code)
                })
                .collect();
            let leaves: Vec<&Values> = found.iter().map(|k| &self.leaves[k].0).collect();
            compare(
                &mut self.problems,
                "dòng tổng",
                &t.values,
                &leaves,
                &t.place,
            );
            self.sheet_total(t, &found, &per_unit);
        }
        self.check_unit_totals();
    }

    /// Keeps a total as its unit's total on the sheet when it sums all of
    /// that unit's scores on the sheet, and only them.
    fn sheet_total(
        &mut self,
        t: &Total,
        found: &[Key],
        per_unit: &HashMap<(usize, usize, usize), usize>,
    ) {
        let Some(&(u, f, _)) = found.first() else {
            return;
        };
        let on_sheet = per_unit
            .get(&(t.place.sheet_index, u, f))
            .copied()
            .unwrap_or(0);
        if t.code.is_none()
            && on_sheet == found.len()
            && found.iter().all(|&(lu, lf, _)| (lu, lf) == (u, f))
            && let Some(at) = t
                .values
                .points
                .or(t.values.appraised)
                .or(t.values.self_assessed)
        {
            self.sheet_totals
                .insert((u, f), (at.points, with_col(&t.place, at.col)));
        }
    }

    /// Warns where a unit's total as tiendo counts it (each criterion's
    /// points, else appraised, else self-assessed) differs from the
    /// sheet's own total of that unit.
    fn check_unit_totals(&mut self) {
        for (&(unit, fw), (total, place)) in &self.sheet_totals {
            let sum: Points = self
                .leaves
                .range((unit, fw, 0)..(unit, fw, usize::MAX))
                .filter_map(|(_, (v, _))| v.counting())
                .sum();
            if sum != *total {
                self.problems.warning(
                    place.clone(),
                    format!(
                        "tổng điểm của `{}` trên bảng là {total}, tiendo sẽ tính {sum}",
                        self.model.units[unit].id
                    ),
                    Some("tiêu chí không có điểm thẩm định thì tính điểm tự chấm; kiểm tra các ô thẩm định còn trống".into()),
                );
            }
        }
    }
}

/// Warns when a parent or total row differs from the sum of the rows it
/// holds, none included.
fn compare(
    problems: &mut Problems,
    what: &str,
    values: &Values,
    leaves: &[&Values],
    place: &Place,
) {
    // With nothing under it, a sum other than 0 sums what was not
    // imported (a numbering read as codes): said too.
    for kind in Kind::ALL {
        let Some(at) = kind.of(values) else { continue };
        let sum: Points = leaves
            .iter()
            .filter_map(|v| match kind {
                Kind::Points => v.counting(),
                _ => kind.of(v).map(|a| a.points),
            })
            .sum();
        if sum != at.points {
            problems.warning(
                with_col(place, at.col),
                format!(
                    "{what}: {} {} khác tổng các tiêu chí con đã nhập ({sum})",
                    kind.label(),
                    at.points
                ),
                Some(
                    "dòng này không được nhập, chỉ dùng để đối chiếu; kiểm tra các dòng con".into(),
                ),
            );
        }
    }
}

/// The place with a column.
pub fn with_col(place: &Place, col: usize) -> Place {
    Place {
        col: Some(col),
        ..place.clone()
    }
}

/// Every leaf under a criterion.
fn descendants(fw: &crate::model::Framework, c: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack = vec![c];
    while let Some(x) = stack.pop() {
        let children = &fw.criteria[x].children;
        if children.is_empty() && x != c {
            out.push(x);
        }
        stack.extend(children.iter().copied());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_from_cells() {
        assert_eq!(points_of(&Cell::Number(1.4)), Ok(Some(Points(1400))));
        assert_eq!(points_of(&Cell::Text("1,4".into())), Ok(Some(Points(1400))));
        assert_eq!(points_of(&Cell::Text("-".into())), Ok(None));
        assert_eq!(points_of(&Cell::Empty), Ok(None));
        assert!(
            points_of(&Cell::Text("đạt".into()))
                .unwrap_err()
                .message
                .contains("không phải là số")
        );
        let formula = points_of(&Cell::Uncached("SUM(D9:D11)".into())).unwrap_err();
        assert!(formula.message.contains("`=SUM(D9:D11)`"), "{formula:?}");
        assert!(formula.formula);
        assert!(points_of(&Cell::Number(0.3333)).is_err());
        assert!(points_of(&Cell::Number(-1.0)).is_err());
    }
}
