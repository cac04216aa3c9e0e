//! What templates see: plain serializable views of the model, with links and
//! statuses already worked out. Templates never compute; they format.

use serde::Serialize;

use crate::compute::{Status, UnitResult};
use crate::model::{CriterionRef, Model, Points, Task, UnitScores};

use super::labels;
use super::routes::Routes;

#[derive(Serialize, Clone)]
pub struct Link {
    pub id: String,
    pub name: String,
    pub href: String,
}

#[derive(Serialize, Clone)]
pub struct CriterionLink {
    pub key: String,
    pub code: String,
    pub title: String,
    pub href: String,
}

#[derive(Serialize)]
pub struct EscalationView {
    pub action: String,
    pub by: Option<Link>,
    pub to: Option<Link>,
    pub due: Option<String>,
    pub basis: Option<String>,
    pub status: &'static str,
    pub status_label: &'static str,
}

#[derive(Serialize)]
pub struct TaskView {
    pub id: String,
    pub title: String,
    pub href: String,
    pub lead: Link,
    pub partners: Vec<Link>,
    pub criterion: Option<CriterionLink>,
    pub due: Option<String>,
    pub due_text: Option<String>,
    pub done_on: Option<String>,
    pub status: &'static str,
    pub status_label: &'static str,
    pub escalation: Option<EscalationView>,
    pub directive: Link,
}

#[derive(Serialize)]
pub struct StatusCount {
    pub status: &'static str,
    pub label: &'static str,
    pub count: usize,
}

/// One row of a score table: a criterion with the unit's points on it.
#[derive(Serialize)]
pub struct ScoreRow {
    pub code: String,
    pub title: String,
    pub href: String,
    pub depth: usize,
    pub is_leaf: bool,
    pub max: f64,
    pub points: Option<f64>,
    /// Width of the progress bar, 0 to 100.
    pub bar: f64,
    pub full: bool,
    pub explanation: Option<String>,
    /// Points gained (or lost) since the previous snapshot.
    pub change: Option<f64>,
}

#[derive(Serialize)]
pub struct ResultView {
    pub unit: Link,
    pub framework: Link,
    pub total: f64,
    pub max: f64,
    pub percent: f64,
    pub bar: f64,
    pub band: Option<String>,
    pub scored: usize,
    pub leaves: usize,
    pub snapshot_date: String,
    pub snapshot_href: String,
    pub rank: Option<usize>,
    pub rank_of: Option<usize>,
    /// Points gained (or lost) since the previous snapshot, and its date.
    pub change: Option<f64>,
    pub previous_date: Option<String>,
}

pub struct Views<'m> {
    pub model: &'m Model,
    pub routes: &'m Routes,
    pub statuses: &'m [Status],
    /// The page of its directive each task is listed on.
    pub task_pages: &'m [usize],
}

pub fn pts(p: Points) -> f64 {
    p.as_f64()
}

/// A percentage with one decimal, for bars and text.
pub fn bar(part: Points, whole: Points) -> f64 {
    let pct = crate::compute::percent(part, whole);
    (pct.0 as f64 / 100.0).round() / 10.0
}

impl Views<'_> {
    pub fn unit(&self, u: usize) -> Link {
        let unit = &self.model.units[u];
        Link {
            id: unit.id.clone(),
            name: unit.name.clone(),
            href: self.routes.unit(&unit.id),
        }
    }

    pub fn units(&self, us: &[usize]) -> Vec<Link> {
        us.iter().map(|&u| self.unit(u)).collect()
    }

    pub fn criterion(&self, r: CriterionRef) -> CriterionLink {
        let c = self.model.criterion(r);
        let fw = &self.model.frameworks[r.framework];
        CriterionLink {
            key: self.model.criterion_key(r),
            code: c.code.clone(),
            title: c.title.clone(),
            href: self.routes.criterion(&fw.id, &c.code),
        }
    }

    pub fn framework(&self, f: usize) -> Link {
        let fw = &self.model.frameworks[f];
        Link {
            id: fw.id.clone(),
            name: fw.title.clone(),
            href: self.routes.framework(&fw.id),
        }
    }

    pub fn directive(&self, d: usize) -> Link {
        let dir = &self.model.directives[d];
        Link {
            id: dir.id.clone(),
            name: dir.source.clone(),
            href: self.routes.directive(&dir.id),
        }
    }

    pub fn task(&self, i: usize) -> TaskView {
        let t: &Task = &self.model.tasks[i];
        let status = self.statuses[i];
        let escalation = t.escalation.as_ref().map(|e| {
            let s = crate::compute::escalation_status(t.done_on, e.due, self.model.site.as_of);
            EscalationView {
                action: e.action.clone(),
                by: e.by.map(|u| self.unit(u)),
                to: e.to.map(|u| self.unit(u)),
                due: e.due.map(|d| d.to_string()),
                basis: e.basis.clone(),
                status: s.slug(),
                status_label: labels::status(s),
            }
        });
        let dir = &self.model.directives[t.directive];
        TaskView {
            id: t.id.clone(),
            title: t.title.clone(),
            href: format!(
                "{}#{}",
                self.routes.href(&super::routes::directive_page_route(
                    &dir.id,
                    self.task_pages[i]
                )),
                t.id
            ),
            lead: self.unit(t.lead),
            partners: self.units(&t.partners),
            criterion: t.criterion.map(|c| self.criterion(c)),
            due: t.due.map(|d| d.to_string()),
            due_text: t.due_text.clone(),
            done_on: t
                .done_on
                .filter(|d| *d <= self.model.site.as_of)
                .map(|d| d.to_string()),
            status: status.slug(),
            status_label: labels::status(status),
            escalation,
            directive: self.directive(t.directive),
        }
    }

    pub fn tasks(&self, ids: impl IntoIterator<Item = usize>) -> Vec<TaskView> {
        ids.into_iter().map(|i| self.task(i)).collect()
    }

    pub fn status_counts(&self, tasks: impl IntoIterator<Item = usize>) -> Vec<StatusCount> {
        let mut counts = [0usize; 5];
        for t in tasks {
            let s = self.statuses[t];
            counts[Status::ALL.iter().position(|x| *x == s).unwrap_or(0)] += 1;
        }
        Status::ALL
            .iter()
            .zip(counts)
            .map(|(s, count)| StatusCount {
                status: s.slug(),
                label: labels::status(*s),
                count,
            })
            .collect()
    }

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
        fw.criteria
            .iter()
            .enumerate()
            .filter(|(i, _)| !scored_only || r.by_criterion[*i].is_some())
            .map(|(i, c)| {
                let points = r.by_criterion[i];
                ScoreRow {
                    code: c.code.clone(),
                    title: c.title.clone(),
                    href: self.routes.criterion(&fw.id, &c.code),
                    depth: c.depth,
                    is_leaf: c.children.is_empty(),
                    max: pts(c.max),
                    points: points.map(pts),
                    bar: points.map(|p| bar(p, c.max)).unwrap_or(0.0),
                    full: points.is_some_and(|p| p >= c.max),
                    explanation: scores.detail(i).and_then(|s| s.explanation.clone()),
                    change: match (points, previous.and_then(|p| p.by_criterion[i])) {
                        (Some(now), Some(before)) => Some(pts(Points(now.0 - before.0))),
                        _ => None,
                    },
                }
            })
            .collect()
    }

    pub fn result(
        &self,
        snapshot: usize,
        r: &UnitResult,
        rank: Option<(usize, usize)>,
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
            snapshot_date: snap.date.to_string(),
            snapshot_href: self.routes.snapshot(snap.date),
            rank: rank.map(|r| r.0),
            rank_of: rank.map(|r| r.1),
            change: previous.map(|(_, p)| pts(Points(r.total.0 - p.total.0))),
            previous_date: previous.map(|(si, _)| self.model.snapshots[*si].date.to_string()),
        }
    }
}
