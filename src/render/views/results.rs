//! Scores as pages show them: the rows of a score table, a unit's result
//! with its rank and change, its history, the bars of its fields, counts
//! by group.

use chrono::NaiveDate;
use serde::Serialize;
use tera::Value;

use super::{Link, Views, bar, plain, pts};
use crate::compute::{Rank, UnitResult};
use crate::graphics::charts;
use crate::model::{Points, UnitScores};
use crate::text::format::{self, serialize_iso, serialize_iso_opt};

/// One row of a score table: a criterion with the unit's points on it.
/// The numbers come written in the site's language, the way `num_vi` and
/// `percent` would write them: a unit page has a row per criterion, and
/// formatting in the template was most of its rendering time.
#[derive(Serialize)]
pub struct ScoreRow {
    pub code: Value,
    pub title: Value,
    pub href: Value,
    pub depth: usize,
    pub is_leaf: bool,
    /// The criterion's maximum, written (`1,5`).
    pub max: Value,
    /// The unit's points, written (`0,75`); none when not scored.
    pub points: Option<String>,
    /// Width of the progress bar, 0 to 100, in whole percents: the bar is a
    /// few rem wide, so a hundredth of a percent is no pixel at all, and
    /// the exact figure is written beside it (`percent`).
    #[serde(serialize_with = "plain")]
    pub bar: f64,
    /// The bar as a percentage, written (`85,42%`); none when not scored.
    pub percent: Option<String>,
    pub explanation: Option<String>,
    /// `"up"` or `"down"` since the previous snapshot; none when the points
    /// did not change or there is nothing to compare with.
    pub trend: Option<&'static str>,
    /// How many points the unit gained or lost, written without a sign
    /// (`0,5`); with `trend`.
    pub change: Option<String>,
}

#[derive(Serialize)]
pub struct ResultView {
    pub unit: Link,
    pub framework: Link,
    pub total: f64,
    pub max: f64,
    pub percent: f64,
    #[serde(serialize_with = "plain")]
    pub bar: f64,
    pub band: Option<String>,
    pub scored: usize,
    pub leaves: usize,
    #[serde(serialize_with = "serialize_iso")]
    pub snapshot_date: NaiveDate,
    pub snapshot_href: String,
    pub rank: Option<usize>,
    pub rank_of: Option<usize>,
    /// Points gained (or lost) since the previous snapshot, and its date.
    pub change: Option<f64>,
    #[serde(serialize_with = "serialize_iso_opt")]
    pub previous_date: Option<NaiveDate>,
}

/// A unit's total at each snapshot that scored it, and the scale's max.
#[derive(Serialize)]
pub struct HistoryView {
    pub points: Vec<charts::Point>,
    pub max: f64,
}

/// A unit and how many of something it has (units lacking a criterion in
/// a province…).
#[derive(Serialize)]
pub struct GroupCount {
    pub group: Link,
    pub count: usize,
}

impl Views<'_> {
    /// Rows for every criterion of the result's framework, parents first.
    /// `scores` are the unit's scores the result was computed from.
    pub fn score_rows(
        &self,
        r: &UnitResult,
        scores: &UnitScores,
        previous: Option<&UnitResult>,
        scored_only: bool,
    ) -> Vec<ScoreRow> {
        let fw = &self.model.frameworks[r.framework];
        let language = self.words.language();
        fw.criteria
            .iter()
            .enumerate()
            .filter(|(i, _)| !scored_only || r.by_criterion[*i].is_some())
            .map(|(i, c)| {
                let points = r.by_criterion[i];
                let change = previous.and_then(|p| r.change_on(p, i)).map_or(0, |c| c.0);
                let bar = points.map(|p| bar(p, c.max)).unwrap_or(0.0);
                let texts = &self.shared.frameworks[r.framework].criteria[i];
                ScoreRow {
                    code: texts.code.clone(),
                    title: texts.title.clone(),
                    href: self.links.criteria[r.framework][i].clone(),
                    depth: c.depth,
                    is_leaf: c.children.is_empty(),
                    max: texts.max.clone(),
                    points: points.map(|p| self.number(pts(p))),
                    bar: bar.round(),
                    percent: points.map(|_| format::percent(language, bar)),
                    explanation: scores.detail(i).and_then(|s| s.explanation.clone()),
                    trend: match change.cmp(&0) {
                        std::cmp::Ordering::Greater => Some("up"),
                        std::cmp::Ordering::Less => Some("down"),
                        std::cmp::Ordering::Equal => None,
                    },
                    change: (change != 0).then(|| self.number(pts(Points(change.abs())))),
                }
            })
            .collect()
    }

    /// A number written the way `num_vi` writes it by default (up to three
    /// decimals) in the words' language.
    pub fn number(&self, value: f64) -> String {
        format::number(self.words.language(), value, 3)
    }

    pub fn result(
        &self,
        snapshot: usize,
        r: &UnitResult,
        rank: Option<Rank>,
        previous: Option<&(usize, UnitResult)>,
    ) -> ResultView {
        let fw = &self.model.frameworks[r.framework];
        let snap = &self.model.snapshots[snapshot];
        ResultView {
            unit: self.unit(r.unit),
            framework: self.framework(r.framework),
            total: pts(r.total),
            max: pts(r.max),
            percent: bar(r.total, r.max),
            bar: bar(r.total, r.max),
            band: r.band.map(|b| fw.bands[b].name.clone()),
            scored: r.scored_leaves,
            leaves: r.leaves,
            snapshot_date: snap.date,
            snapshot_href: self.routes.snapshot(snap.date),
            rank: rank.map(|r| r.place),
            rank_of: rank.map(|r| r.of),
            change: previous.map(|(_, p)| pts(r.change_since(p))),
            previous_date: previous.map(|(si, _)| self.model.snapshots[*si].date),
        }
    }

    /// The result view of a unit's latest result, with rank and change.
    pub fn latest_result(&self, unit: usize) -> Option<ResultView> {
        let c = self.computed;
        let (si, r) = c.latest(unit)?;
        Some(self.result(*si, r, c.ranks.get(&unit).copied(), c.previous(unit, *si)))
    }

    /// A result of snapshot `si` with the change since the unit's previous
    /// snapshot.
    pub fn result_with_change(&self, si: usize, r: &UnitResult, rank: Option<Rank>) -> ResultView {
        self.result(si, r, rank, self.computed.previous(r.unit, si))
    }

    /// Bars of a result's points by field (lĩnh vực).
    pub fn field_bars(&self, r: &UnitResult) -> Vec<charts::Bar<'static>> {
        let fw = &self.model.frameworks[r.framework];
        fw.roots
            .iter()
            .map(|&c| charts::Bar {
                label: format!("{}. {}", fw.criteria[c].code, fw.criteria[c].title).into(),
                value: r.by_criterion[c].map(pts).unwrap_or(0.0),
                max: pts(fw.criteria[c].max),
                prefix: None,
            })
            .collect()
    }

    /// A unit's total at each snapshot that scored it.
    pub fn history(&self, unit: usize) -> Option<HistoryView> {
        let h = self.computed.histories.get(&unit)?;
        let points = h
            .iter()
            .map(|(si, r)| charts::Point {
                date: self.model.snapshots[*si].date,
                value: pts(r.total),
            })
            .collect();
        let max = h.last().map(|(_, r)| pts(r.max)).unwrap_or(0.0);
        Some(HistoryView { points, max })
    }

    /// Counts of `units` by their group (province…).
    pub fn by_group(&self, units: impl IntoIterator<Item = usize>) -> Vec<GroupCount> {
        let counts = self.computed.count_by_group(units);
        counts
            .into_iter()
            .map(|(g, count)| GroupCount {
                group: self.unit(g),
                count,
            })
            .collect()
    }
}
