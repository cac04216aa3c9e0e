//! What an import read, said before anything is written: each table found
//! (its form, where its units and criteria are, what became of its cells),
//! and the preview of the scores: units × criteria with each unit's sum
//! beside the sheet's own total. As text for the officer, as JSON for
//! scripts.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Value, json};

use super::collect::Values;
use super::ledger::Counts;
use super::problems::{Place, Problem};
use super::sheet::column_letter;
use crate::diagnostics::Severity;
use crate::model::{Model, Points};

/// One table of a sheet, as read.
#[derive(Debug, Clone)]
pub struct TableReport {
    /// The table's first row.
    pub place: Place,
    /// `dòng 6–24`.
    pub rows: String,
    /// The form's `--form` name, or none when the table was not read.
    pub form: Option<&'static str>,
    /// What was found where: "bảng rộng: 13 đơn vị ở dòng 6–7, …".
    pub description: String,
    pub counts: Counts,
}

impl TableReport {
    /// The summary's line for the table.
    pub fn line(&self) -> String {
        let c = &self.counts;
        let mut line = format!(
            "{} ({}): {}\n  {} ô được nhập, {} ô đối chiếu (tổng, tiêu chí cha, điểm tối đa), {} ô là tên cột, mã, đơn vị",
            self.place_name(),
            self.rows,
            self.description,
            c.imported,
            c.checked,
            c.frame
        );
        if c.reported > 0 {
            let _ = write!(line, ", {} ô có lỗi hoặc cảnh báo (ở trên)", c.reported);
        }
        let _ = write!(line, ", {} ô bỏ lại", c.left);
        line
    }

    fn place_name(&self) -> String {
        match &self.place.sheet {
            Some(s) => format!("{} › {s}", self.place.file),
            None => self.place.file.clone(),
        }
    }
}

/// The scores an import would write, unit by unit.
#[derive(Debug, Clone, Default)]
pub struct Preview {
    pub units: Vec<UnitPreview>,
}

#[derive(Debug, Clone)]
pub struct UnitPreview {
    pub unit: String,
    pub framework: String,
    /// (criterion code, what was read) in the framework's order.
    pub scores: Vec<(String, ScorePreview)>,
    /// The sum of the points that count.
    pub sum: Points,
    /// The sheet's own total, where it gives one.
    pub sheet_total: Option<Points>,
}

#[derive(Debug, Clone, Default)]
pub struct ScorePreview {
    pub points: Option<Points>,
    pub self_assessed: Option<Points>,
    pub appraised: Option<Points>,
    pub survey: Option<Points>,
    /// The points that count: points, else appraised, else self-assessed.
    pub counting: Option<Points>,
}

impl Preview {
    pub fn new(
        model: &Model,
        leaves: &BTreeMap<(usize, usize, usize), (Values, Place)>,
        totals: &BTreeMap<(usize, usize), (Points, Place)>,
    ) -> Preview {
        let mut units: Vec<UnitPreview> = Vec::new();
        let mut current = None;
        for (&(unit, fw, criterion), (values, _)) in leaves {
            if current != Some((unit, fw)) {
                current = Some((unit, fw));
                units.push(UnitPreview {
                    unit: model.units[unit].id.clone(),
                    framework: model.frameworks[fw].id.clone(),
                    scores: Vec::new(),
                    sum: Points(0),
                    sheet_total: totals.get(&(unit, fw)).map(|(p, _)| *p),
                });
            }
            let Some(u) = units.last_mut() else { continue };
            let p = |a: Option<super::collect::At>| a.map(|a| a.points);
            let score = ScorePreview {
                points: p(values.points),
                self_assessed: p(values.self_assessed),
                appraised: p(values.appraised),
                survey: p(values.survey),
                counting: values.counting(),
            };
            u.sum = u.sum + score.counting.unwrap_or_default();
            let code = model.frameworks[fw].criteria[criterion].code.clone();
            u.scores.push((code, score));
        }
        Preview { units }
    }

    /// One table per framework: a row per unit, a column per criterion,
    /// then the sum and the sheet's own total.
    pub fn text(&self) -> String {
        let mut out = String::new();
        // Each framework once, in the order of its first unit: a sheet may
        // list communes and offices in turn.
        let mut frameworks: Vec<&str> = Vec::new();
        for u in &self.units {
            if !frameworks.contains(&u.framework.as_str()) {
                frameworks.push(&u.framework);
            }
        }
        for fw in frameworks {
            let units: Vec<&UnitPreview> =
                self.units.iter().filter(|u| u.framework == fw).collect();
            let mut codes: Vec<&str> = Vec::new();
            for u in &units {
                for (code, _) in &u.scores {
                    if !codes.contains(&code.as_str()) {
                        codes.push(code);
                    }
                }
            }
            let _ = writeln!(
                out,
                "bộ chỉ số `{fw}`: {} đơn vị × {} tiêu chí (điểm tính: điểm, hoặc thẩm định, hoặc tự chấm)",
                units.len(),
                codes.len()
            );
            let mut rows = vec![header(&codes)];
            for u in &units {
                let mut row = vec![u.unit.clone()];
                for code in &codes {
                    let found = u.scores.iter().find(|(c, _)| c == code);
                    row.push(
                        found
                            .and_then(|(_, s)| s.counting)
                            .map(|p| p.to_string())
                            .unwrap_or_else(|| "·".into()),
                    );
                }
                row.push(u.sum.to_string());
                row.push(
                    u.sheet_total
                        .map(|p| p.to_string())
                        .unwrap_or_else(|| "–".into()),
                );
                rows.push(row);
            }
            out.push_str(&aligned(&rows));
        }
        out
    }

    pub fn json(&self) -> Value {
        let num = |p: Option<Points>| p.map(|p| json!(p.as_f64())).unwrap_or(Value::Null);
        Value::Array(
            self.units
                .iter()
                .map(|u| {
                    let scores: serde_json::Map<String, Value> = u
                        .scores
                        .iter()
                        .map(|(code, s)| {
                            (
                                code.clone(),
                                json!({
                                    "points": num(s.points),
                                    "self": num(s.self_assessed),
                                    "appraised": num(s.appraised),
                                    "survey": num(s.survey),
                                    "counting": num(s.counting),
                                }),
                            )
                        })
                        .collect();
                    json!({
                        "unit": u.unit,
                        "framework": u.framework,
                        "scores": scores,
                        "sum": u.sum.as_f64(),
                        "sheet_total": num(u.sheet_total),
                    })
                })
                .collect(),
        )
    }
}

fn header(codes: &[&str]) -> Vec<String> {
    let mut row = vec!["đơn vị".to_string()];
    row.extend(codes.iter().map(|c| c.to_string()));
    row.push("tổng".into());
    row.push("tổng trên bảng".into());
    row
}

/// Rows as columns aligned on their widths (in characters).
fn aligned(rows: &[Vec<String>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..width)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|t| t.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, t)| format!("{t}{}", " ".repeat(widths[c] - t.chars().count())))
            .collect();
        let _ = writeln!(out, "{}", cells.join("  ").trim_end());
    }
    out
}

/// A problem as JSON: severity, file, sheet, row, column, message, hint.
pub fn problem_json(p: &Problem) -> Value {
    json!({
        "severity": match p.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        "file": p.place.file,
        "sheet": p.place.sheet,
        "row": (p.place.row > 0).then_some(p.place.row),
        "column": p.place.col.map(column_letter),
        "message": p.message,
        "hint": p.hint,
    })
}

/// A table as JSON.
pub fn table_json(t: &TableReport) -> Value {
    json!({
        "sheet": t.place.sheet,
        "rows": t.rows,
        "form": t.form,
        "description": t.description,
        "imported": t.counts.imported,
        "checked": t.counts.checked,
        "frame": t.counts.frame,
        "reported": t.counts.reported,
        "left": t.counts.left,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_with_vietnamese_letters() {
        let rows = vec![
            vec!["đơn vị".to_string(), "1.4".into()],
            vec!["an-khuong".to_string(), "0.75".into()],
        ];
        assert_eq!(aligned(&rows), "đơn vị     1.4\nan-khuong  0.75\n");
    }

    #[test]
    fn one_table_per_framework_though_its_units_are_apart() {
        let unit = |unit: &str, framework: &str| UnitPreview {
            unit: unit.into(),
            framework: framework.into(),
            scores: vec![(
                "1.1".into(),
                ScorePreview {
                    points: Some(Points(1000)),
                    counting: Some(Points(1000)),
                    ..ScorePreview::default()
                },
            )],
            sum: Points(1000),
            sheet_total: None,
        };
        let preview = Preview {
            units: vec![
                unit("an-phu", "commune"),
                unit("phong-noi-vu", "district"),
                unit("tan-loi", "commune"),
            ],
        };
        let text = preview.text();
        assert_eq!(text.matches("bộ chỉ số `commune`").count(), 1, "{text}");
        assert_eq!(text.matches("bộ chỉ số `district`").count(), 1, "{text}");
        assert!(text.contains("2 đơn vị"), "{text}");
    }
}
