//! One criterion's page: its score over the snapshots, who owns it, its
//! tasks, and the units that still lack its full points.

use serde::Serialize;

use super::{Rendered, rendered};
use crate::graphics::charts;
use crate::limits::LIMITS;
use crate::model::{CriterionRef, Points};
use crate::render::views::*;
use crate::routes;

#[derive(Serialize)]
struct CriterionPage {
    criterion: CriterionLink,
    framework: Link,
    scheme: Option<String>,
    max: f64,
    method: String,
    note: Option<String>,
    ancestors: Vec<CriterionLink>,
    children: Vec<ChildCriterion>,
    #[serde(flatten)]
    history: History,
    owners: Vec<Owner>,
    status_counts: Vec<StatusCount>,
    task_total: usize,
    tasks: Vec<TaskView>,
    lacking: Vec<Lacking>,
    lacking_groups: Vec<GroupCount>,
    lacking_total: usize,
    data_href: String,
    notes: Vec<NoteLink>,
}

#[derive(Serialize)]
struct ChildCriterion {
    link: CriterionLink,
    max: f64,
}

/// The criterion over the snapshots: per unit and snapshot when few units
/// are scored on its framework, else per snapshot; and one point per
/// snapshot for the chart (the mean when several units).
#[derive(Serialize, Default)]
struct History {
    history: Vec<HistoryRow>,
    summary: Vec<SummaryRow>,
    series: Vec<charts::Point>,
    series_title: String,
}

#[derive(Serialize)]
struct HistoryRow {
    date: String,
    snapshot_href: String,
    stage: String,
    unit: Link,
    points: Option<f64>,
    self_assessed: Option<f64>,
    appraised: Option<f64>,
    survey: Option<f64>,
    explanation: Option<String>,
    evidence: Vec<String>,
    #[serde(serialize_with = "crate::render::views::plain")]
    bar: f64,
    change: Option<f64>,
}

#[derive(Serialize)]
struct SummaryRow {
    date: String,
    snapshot_href: String,
    stage: String,
    scored: usize,
    mean: f64,
    lowest: Option<f64>,
    highest: Option<f64>,
    full: usize,
    #[serde(serialize_with = "crate::render::views::plain")]
    bar: f64,
}

#[derive(Serialize)]
struct Owner {
    #[serde(rename = "for")]
    scored_unit: Link,
    owner: Link,
    partners: Vec<Link>,
    source: Option<String>,
    criterion: CriterionLink,
}

#[derive(Serialize)]
struct Lacking {
    unit: Link,
    points: Option<f64>,
}

pub fn page(v: &Views, r: CriterionRef) -> anyhow::Result<Rendered> {
    let model = v.model;
    let fw = &model.frameworks[r.framework];
    let c = model.criterion(r);
    let ix = &v.computed.index;
    let mut ancestors = Vec::new();
    let mut p = c.parent;
    while let Some(i) = p {
        ancestors.push(v.criterion(CriterionRef {
            framework: r.framework,
            criterion: i,
        }));
        p = fw.criteria[i].parent;
    }
    ancestors.reverse();
    let children = c
        .children
        .iter()
        .map(|&ch| ChildCriterion {
            link: v.criterion(CriterionRef {
                framework: r.framework,
                criterion: ch,
            }),
            max: pts(fw.criteria[ch].max),
        })
        .collect();
    let tasks = tasks_below(v, r);
    let lacking = lacking(v, r);
    let lacking_total = lacking.len();
    let (lacking, lacking_groups) = if lacking_total > LIMITS.lacking_units {
        (Vec::new(), v.by_group(lacking.iter().map(|l| l.0)))
    } else {
        let list = lacking
            .into_iter()
            .map(|(u, p)| Lacking {
                unit: v.unit(u),
                points: p.map(pts),
            })
            .collect();
        (list, Vec::new())
    };
    let view = CriterionPage {
        criterion: v.criterion(r),
        framework: v.framework(r.framework),
        scheme: fw.scheme.clone(),
        max: pts(c.max),
        method: v.words.method(c.method).to_string(),
        note: c.note.clone(),
        ancestors,
        children,
        history: history(v, r),
        owners: owners(v, r),
        status_counts: v.status_counts(tasks.iter().copied()),
        task_total: tasks.len(),
        tasks: v.capped_tasks(&tasks),
        lacking,
        lacking_groups,
        lacking_total,
        data_href: v.routes.href(routes::DATA_DIR),
        notes: v.note_links(ix.notes_by_criterion.get(&r).into_iter().flatten()),
    };
    let title = v
        .words
        .fill("title.criterion", &[("code", &c.code), ("title", &c.title)]);
    rendered("criterion.html", title, view)
}

fn history(v: &Views, r: CriterionRef) -> History {
    let model = v.model;
    let comp = v.computed;
    let c = model.criterion(r);
    let detailed = comp.index.units_by_framework[r.framework].len() * model.snapshots.len()
        <= LIMITS.history_rows;
    let mut out = History::default();
    let mut units_in_series = 0;
    let stats = &comp.criterion_stats[r.framework];
    for (si, snap) in model.snapshots.iter().enumerate() {
        if detailed {
            for us in snap.units.iter().filter(|us| us.framework == r.framework) {
                let result = comp.result_of(model, us, si);
                let points = result.by_criterion[r.criterion];
                let change = comp
                    .previous(us.unit, si)
                    .and_then(|(_, prev)| prev.by_criterion[r.criterion])
                    .zip(points)
                    .map(|(before, now)| pts(Points(now.0 - before.0)));
                let score = us.detail(r.criterion);
                out.history.push(HistoryRow {
                    date: snap.date.to_string(),
                    snapshot_href: v.routes.snapshot(snap.date),
                    stage: v.words.stage(snap.stage).to_string(),
                    unit: v.unit(us.unit),
                    points: points.map(pts),
                    self_assessed: score.and_then(|s| s.self_assessed).map(pts),
                    appraised: score.and_then(|s| s.appraised).map(pts),
                    survey: score.and_then(|s| s.survey).map(pts),
                    explanation: score.and_then(|s| s.explanation.clone()),
                    evidence: score.map(|s| s.evidence.clone()).unwrap_or_default(),
                    bar: points.map(|p| bar(p, c.max)).unwrap_or(0.0),
                    change,
                });
            }
        }
        let s = stats[si][r.criterion];
        let Some(mean) = s.mean() else {
            continue;
        };
        units_in_series = units_in_series.max(s.scored);
        out.series.push(charts::Point {
            date: snap.date,
            value: pts(mean),
        });
        if !detailed {
            out.summary.push(SummaryRow {
                date: snap.date.to_string(),
                snapshot_href: v.routes.snapshot(snap.date),
                stage: v.words.stage(snap.stage).to_string(),
                scored: s.scored,
                mean: pts(mean),
                lowest: Some(pts(Points(s.lowest))),
                highest: Some(pts(Points(s.highest))),
                full: s.full,
                bar: bar(mean, c.max),
            });
        }
    }
    out.series_title = if units_in_series > 1 {
        let count = units_in_series.to_string();
        v.words.fill("criterion.series_mean", &[("count", &count)])
    } else {
        v.words.get("criterion.series").to_string()
    };
    out
}

/// Owners: of this criterion or of a criterion above it.
fn owners(v: &Views, r: CriterionRef) -> Vec<Owner> {
    let model = v.model;
    let fw = &model.frameworks[r.framework];
    let mut owners = Vec::new();
    let mut at = Some(r.criterion);
    while let Some(ci) = at {
        let here = CriterionRef {
            framework: r.framework,
            criterion: ci,
        };
        let assigned = v.computed.index.assignments_by_criterion.get(&here);
        for &a in assigned.into_iter().flatten() {
            let a = &model.assignments[a];
            owners.push(Owner {
                scored_unit: v.unit(a.scored_unit),
                owner: v.unit(a.owner),
                partners: v.units(&a.partners),
                source: a.source.clone(),
                criterion: v.criterion(a.criterion),
            });
        }
        at = fw.criteria[ci].parent;
    }
    owners
}

/// Tasks of this criterion or of one below it, in content order.
fn tasks_below(v: &Views, r: CriterionRef) -> Vec<usize> {
    let fw = &v.model.frameworks[r.framework];
    let mut tasks: Vec<usize> = Vec::new();
    let mut stack = vec![r.criterion];
    while let Some(ci) = stack.pop() {
        let here = CriterionRef {
            framework: r.framework,
            criterion: ci,
        };
        let of_here = v.computed.index.tasks_by_criterion.get(&here);
        tasks.extend(of_here.into_iter().flatten());
        stack.extend(&fw.criteria[ci].children);
    }
    tasks.sort_unstable();
    tasks
}

/// Units scored on this framework that do not have the full points yet.
fn lacking(v: &Views, r: CriterionRef) -> Vec<(usize, Option<Points>)> {
    let c = v.model.criterion(r);
    let mut lacking = Vec::new();
    for &u in &v.computed.index.units_by_framework[r.framework] {
        let points = v
            .computed
            .latest(u)
            .filter(|(_, res)| res.framework == r.framework)
            .and_then(|(_, res)| res.by_criterion[r.criterion]);
        if points.is_none_or(|p| p < c.max) {
            lacking.push((u, points));
        }
    }
    lacking
}
