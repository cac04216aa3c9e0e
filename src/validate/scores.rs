//! `scores/*.yaml`: snapshots of points by unit and criterion.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rayon::prelude::*;

use super::{Validator, suggest};
use crate::diagnostics::Fold;
use crate::load::raw::{self, Scalar};
use crate::load::{FileId, Seg};
use crate::model::*;
use crate::path;

impl Validator<'_> {
    pub(super) fn snapshots(&mut self, model: &mut Model) {
        let content = self.content;
        // Each file is checked on its own, on every core (a national
        // snapshot has half a million values); the problems are gathered
        // in the order of the files, as one pass would find them.
        let checked: Vec<_> = content
            .snapshots
            .par_iter()
            .map(|(file, raw)| {
                let file = *file;
                let mut one = self.for_one_file();
                let date = one.date(file, &path!["date"], &raw.date);
                let stage = one.stage(file, &raw.stage);
                let units = one.snapshot_units(model, file, &raw.scores);
                (file, raw, date, stage, units, one.diags)
            })
            .collect();
        let mut by_date: BTreeMap<NaiveDate, FileId> = BTreeMap::new();
        for (file, raw, date, stage, units, diags) in checked {
            self.diags.extend(diags);
            let (Some(date), Some(stage)) = (date, stage) else {
                continue;
            };
            if let Some(&prev) = by_date.get(&date) {
                let other = content.files[prev].rel.clone();
                self.error(
                    file,
                    &path!["date"],
                    format!("đã có đợt điểm ngày {date} ở {other}"),
                    Some("mỗi ngày chỉ một đợt điểm; gộp hai tệp hoặc sửa ngày".into()),
                );
                continue;
            }
            by_date.insert(date, file);
            model.snapshots.push(Snapshot {
                date,
                stage,
                title: raw.title.as_ref().map(|t| t.vi().to_string()),
                title_en: raw.title.as_ref().and_then(raw::RawText::en),
                source: raw.source.clone(),
                units: std::sync::Arc::new(units),
            });
        }
        model.snapshots.sort_by_key(|s| s.date);
    }

    fn stage(&mut self, file: FileId, stage: &str) -> Option<Stage> {
        match stage.trim() {
            "tự đánh giá" | "self" => Some(Stage::SelfAssessment),
            "rà soát" | "review" => Some(Stage::Review),
            "thẩm định" | "appraisal" => Some(Stage::Appraisal),
            "công bố" | "published" => Some(Stage::Published),
            other => {
                self.error(
                    file,
                    &path!["stage"],
                    format!("giai đoạn `{other}` không hợp lệ"),
                    Some("dùng một trong: tự đánh giá, rà soát, thẩm định, công bố".into()),
                );
                None
            }
        }
    }

    /// The scores of each unit of one snapshot.
    fn snapshot_units(
        &mut self,
        model: &Model,
        file: FileId,
        scores: &[raw::RawUnitScores],
    ) -> Vec<UnitScores> {
        let mut units = Vec::new();
        let mut seen_units: HashMap<(usize, usize), usize> = HashMap::new();
        for (i, us) in scores.iter().enumerate() {
            let Some(unit) = self.unit_ref(model, file, &path!["scores", i, "unit"], &us.unit)
            else {
                continue;
            };
            let Some(framework) = self.score_framework(model, file, i, us, unit) else {
                continue;
            };
            if let Some(prev) = seen_units.insert((unit, framework), i) {
                self.error(
                    file,
                    &path!["scores", i, "unit"],
                    format!(
                        "điểm của đơn vị `{}` đã có ở mục thứ {} của tệp này",
                        model.units[unit].id,
                        prev + 1
                    ),
                    Some("gộp các điểm của một đơn vị vào một mục".into()),
                );
                continue;
            }
            let (points, details) = self.unit_scores(model, file, i, framework, &us.points);
            units.push(UnitScores {
                unit,
                framework,
                points,
                details,
            });
        }
        units
    }

    /// The framework one unit's scores are given in: its own unless the entry
    /// names another.
    fn score_framework(
        &mut self,
        model: &Model,
        file: FileId,
        i: usize,
        us: &raw::RawUnitScores,
        unit: usize,
    ) -> Option<usize> {
        let framework = match &us.framework {
            Some(f) => match model.framework_index.get(f.trim()) {
                Some(&fi) => Some(fi),
                None if self.content.failed("frameworks/") => return None,
                None => {
                    let hint = suggest(f, model.framework_index.keys());
                    self.error(
                        file,
                        &path!["scores", i, "framework"],
                        format!("không có bộ chỉ số `{f}`"),
                        hint,
                    );
                    return None;
                }
            },
            None => model.units[unit].framework,
        };
        if framework.is_none() && !self.unresolved_framework.contains(&unit) {
            self.error(
                file,
                &path!["scores", i, "unit"],
                format!(
                    "đơn vị `{}` không được chấm theo bộ chỉ số nào",
                    model.units[unit].id
                ),
                Some("thêm `framework:` cho đơn vị trong units.yaml hoặc cho mục điểm này".into()),
            );
        }
        framework
    }

    fn unit_scores(
        &mut self,
        model: &Model,
        file: FileId,
        i: usize,
        framework: usize,
        points: &raw::RawPoints,
    ) -> (Vec<Option<Points>>, BTreeMap<usize, ScoreDetail>) {
        let fw = &model.frameworks[framework];
        let mut scores = vec![None; fw.criteria.len()];
        let mut details = BTreeMap::new();
        let mut last = None;
        for (code, value) in &points.0 {
            let at = path!["scores", i, "points", code.as_str()];
            let found = last.and_then(|l| following(fw, l, code));
            let Some(c) = found.or_else(|| {
                self.code_ref(model, framework, file, &at, code)
                    .map(|r| r.criterion)
            }) else {
                continue;
            };
            last = Some(c);
            let criterion = &fw.criteria[c];
            if !criterion.children.is_empty() {
                self.error(
                    file,
                    &at,
                    format!("tiêu chí `{code}` có tiêu chí con: chấm điểm ở các tiêu chí con"),
                    Some("điểm của tiêu chí cha là tổng điểm các tiêu chí con".into()),
                );
                continue;
            }
            let Some((points, detail)) = self.score(file, &at, value) else {
                continue;
            };
            let max = criterion.max;
            let fw_id = &fw.id;
            if self
                .max_missing
                .iter()
                .any(|(f, c)| f == fw_id && c == code)
            {
                scores[c] = Some(points);
                continue;
            }
            for (what, p) in [
                ("điểm", Some(points)),
                (
                    "điểm tự đánh giá",
                    detail.as_ref().and_then(|d| d.self_assessed),
                ),
                ("điểm thẩm định", detail.as_ref().and_then(|d| d.appraised)),
            ] {
                let Some(p) = p else { continue };
                if p > max {
                    self.error(
                        file,
                        &at,
                        format!("{what} {p} của tiêu chí `{code}` vượt điểm tối đa {max}"),
                        Some(format!("điểm phải từ 0 đến {max}; kiểm tra lại số đã chép")),
                    );
                }
            }
            scores[c] = Some(points);
            if let Some(detail) = detail {
                details.insert(c, detail);
            }
        }
        (scores, details)
    }

    /// The points that count, and the long form's details if any.
    fn score(
        &mut self,
        file: FileId,
        at: &[Seg],
        value: &raw::RawScoreValue,
    ) -> Option<(Points, Option<ScoreDetail>)> {
        match value {
            raw::RawScoreValue::Short(scalar) => self.points(file, at, scalar).map(|p| (p, None)),
            raw::RawScoreValue::Long(long) => {
                let mut field = |name: &str, s: &Option<Scalar>| {
                    s.as_ref()
                        .and_then(|s| self.points(file, &[at.to_vec(), path![name]].concat(), s))
                };
                let points = field("points", &long.points);
                let self_assessed = field("self", &long.self_assessed);
                let appraised = field("appraised", &long.appraised);
                let survey = field("survey", &long.survey);
                let Some(points) = points.or(appraised).or(self_assessed) else {
                    self.error(
                        file,
                        at,
                        "điểm thiếu số điểm (points, appraised hoặc self)".into(),
                        Some("thêm `points: 1.4`".into()),
                    );
                    return None;
                };
                Some((
                    points,
                    Some(ScoreDetail {
                        self_assessed,
                        appraised,
                        survey,
                        evidence: long.evidence.clone(),
                        explanation: long.explanation.clone(),
                    }),
                ))
            }
            raw::RawScoreValue::Other => {
                self.error(
                    file,
                    at,
                    "điểm phải là một số (1.4) hoặc dạng dài".into(),
                    Some("ví dụ `\"7.3.5\": 1.4`".into()),
                );
                None
            }
        }
    }

    /// A unit that has a framework but no score in any snapshot: a warning,
    /// since the site then shows it without points.
    pub(super) fn unscored_units(&mut self, model: &Model) {
        // With errors, a snapshot may have been left out: fix those first.
        if self.diags.has_errors() || !self.content.unparsed.is_empty() {
            return;
        }
        let Some((file, _)) = &self.content.units else {
            return;
        };
        let file = *file;
        let mut scored = vec![false; model.units.len()];
        for snap in &model.snapshots {
            for us in snap.units.iter() {
                scored[us.unit] = true;
            }
        }
        for (u, unit) in model.units.iter().enumerate() {
            if unit.framework.is_none() || scored[u] {
                continue;
            }
            let i = self.unit_raw_index.get(u).copied().unwrap_or(0);
            self.warning_folding(
                file,
                &path!["units", i],
                format!("đơn vị `{}` chưa có điểm trong đợt đánh giá nào", unit.id),
                Some("thêm điểm của đơn vị vào một tệp trong scores/, hoặc bỏ trường framework nếu đơn vị không được chấm điểm".into()),
                Fold {
                    cause: "unit without scores",
                    name: format!("`{}`", unit.id),
                    message: "{count} đơn vị chưa có điểm trong đợt đánh giá nào: {names}",
                },
            );
        }
    }
}

/// The criterion `code` names among the few that follow criterion `after`
/// in the framework's order, found without hashing the code: a score file
/// lists a unit's points in that order, with a code or two of groups
/// between one leaf and the next. None when it is not there: the caller
/// looks in the framework's index.
fn following(fw: &Framework, after: usize, code: &str) -> Option<usize> {
    let next = fw.criteria.get(after + 1..)?;
    let k = next.iter().take(4).position(|c| c.code == code)?;
    Some(after + 1 + k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_criteria_are_found_as_the_index_finds_them() {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let crate::site::Outcome::Done(model, _) =
            crate::site::load_model(&content, &Default::default()).unwrap()
        else {
            panic!("the example is valid");
        };
        for fw in &model.frameworks {
            for after in 0..fw.criteria.len() {
                for (code, &c) in &fw.code_index {
                    match following(fw, after, code) {
                        Some(found) => assert_eq!(found, c, "{code} after {after}"),
                        None => assert!(c <= after || c > after + 4, "{code} after {after}"),
                    }
                }
            }
        }
    }
}
