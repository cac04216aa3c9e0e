//! A snapshot, frozen: what stood on its date. Few units: each with its
//! criteria; more: one row per unit; many: counts per group, each group on
//! a page of its own.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Rendered, rendered};
use crate::compute::{Rank, rank};
use crate::limits::LIMITS;
use crate::model::{Points, UnitScores};
use crate::render::views::*;
use crate::routes;

#[derive(Serialize)]
struct SnapshotPage {
    date: String,
    stage: String,
    title: Option<String>,
    source: Option<String>,
    group: Option<Link>,
    all_href: String,
    data_href: String,
    /// Many units: one row per group.
    groups: Vec<GroupRow>,
    /// More units: one row per unit.
    rows: Vec<ResultView>,
    /// Few units: each with its criteria.
    results: Vec<UnitDetail>,
}

#[derive(Serialize)]
struct GroupRow {
    group: Link,
    count: usize,
    mean_percent: f64,
    href: String,
}

#[derive(Serialize)]
struct UnitDetail {
    summary: ResultView,
    rows: Vec<ScoreRow>,
}

pub fn page(v: &Views, s: usize, group: Option<usize>) -> anyhow::Result<Rendered> {
    let model = v.model;
    let snap = &model.snapshots[s];
    let mut view = SnapshotPage {
        date: snap.date.to_string(),
        stage: v.words.stage(snap.stage).to_string(),
        title: snap.title.clone(),
        source: snap.source.clone(),
        group: group.map(|g| v.unit(g)),
        all_href: v.routes.snapshot(snap.date),
        data_href: v.routes.href(routes::DATA_DIR),
        groups: Vec::new(),
        rows: Vec::new(),
        results: Vec::new(),
    };
    let group_of = |u: usize| v.computed.index.group[u];
    let in_group = |us: &&UnitScores| group.is_none_or(|g| group_of(us.unit) == Some(g));
    let units: Vec<&UnitScores> = snap.units.iter().filter(in_group).collect();
    if group.is_none() && snap.units.len() > LIMITS.unit_rows {
        view.groups = group_rows(v, s);
    } else if group.is_none() && units.len() <= LIMITS.snapshot_detail_units {
        view.results = units
            .iter()
            .map(|us| {
                let r = v.computed.result_of(model, us, s);
                let previous = v.computed.previous(us.unit, s);
                UnitDetail {
                    summary: v.result(s, &r, None, previous),
                    rows: v.score_rows(&r, us, previous.map(|(_, p)| p), true),
                }
            })
            .collect();
    } else {
        view.rows = ranked_rows(v, s, group);
    }
    let date = v.date(snap.date);
    let title = match group {
        None => v.words.fill("title.snapshot", &[("date", &date)]),
        Some(g) => v.words.fill(
            "title.snapshot_group",
            &[("date", &date), ("group", &model.units[g].name)],
        ),
    };
    rendered("snapshot.html", title, view)
}

/// Each group with its number of units and their mean percentage.
fn group_rows(v: &Views, s: usize) -> Vec<GroupRow> {
    let model = v.model;
    let snap = &model.snapshots[s];
    let mut groups: BTreeMap<usize, (usize, i64)> = BTreeMap::new();
    for us in snap.units.iter() {
        if let Some(g) = v.computed.index.group[us.unit] {
            let r = v.computed.result_of(model, us, s);
            let entry = groups.entry(g).or_default();
            entry.0 += 1;
            entry.1 += r.percent.0;
        }
    }
    groups
        .into_iter()
        .map(|(g, (n, sum))| GroupRow {
            group: v.unit(g),
            count: n,
            mean_percent: (sum as f64 / n as f64 / 10.0).round() / 100.0,
            href: v
                .routes
                .href(&routes::snapshot_group_route(snap.date, &model.units[g].id)),
        })
        .collect()
}

/// One row per unit (of `group`), ranked within its framework over the
/// whole snapshot.
fn ranked_rows(v: &Views, s: usize, group: Option<usize>) -> Vec<ResultView> {
    let model = v.model;
    let snap = &model.snapshots[s];
    let all: Vec<_> = snap
        .units
        .iter()
        .map(|us| v.computed.result_of(model, us, s))
        .collect();
    let mut by_framework: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, r) in all.iter().enumerate() {
        by_framework.entry(r.framework).or_default().push(i);
    }
    let mut ranks: Vec<Option<Rank>> = vec![None; all.len()];
    for members in by_framework.values() {
        let percents: Vec<Points> = members.iter().map(|&i| all[i].percent).collect();
        for (&i, place) in members.iter().zip(rank(&percents)) {
            let of = members.len();
            ranks[i] = Some(Rank { place, of });
        }
    }
    all.iter()
        .zip(ranks)
        .filter(|(r, _)| group.is_none_or(|g| v.computed.index.group[r.unit] == Some(g)))
        .map(|(r, rank)| v.result_with_change(s, r, rank))
        .collect()
}
