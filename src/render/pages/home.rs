//! The home page: the headline units' scores, the tasks by status, what is
//! overdue and what comes next, rankings, new notes and the snapshots.

use std::collections::BTreeMap;

use serde::Serialize;

use super::embed::{self, EmbedCode};
use super::{Rendered, rendered};
use crate::compute::UnitResult;
use crate::graphics::charts;
use crate::limits::LIMITS;
use crate::render::lines::TaskLine;
use crate::render::views::*;
use crate::routes;

#[derive(Serialize)]
struct HomePage {
    headline: Vec<Headline>,
    status_counts: Vec<StatusCount>,
    task_total: usize,
    pace: Vec<charts::PacePoint>,
    /// Overdue tasks, a line for the tasks a directive gave in one line.
    overdue: Vec<TaskLine>,
    overdue_total: usize,
    /// Whether some overdue tasks are not listed.
    overdue_more: bool,
    next: Vec<TaskLine>,
    rankings: Vec<Ranking>,
    notes: Vec<NoteLink>,
    snapshots: Vec<SnapshotLink>,
    timeline_href: String,
    /// The code that frames the site's summary in a portal.
    embed: Option<EmbedCode>,
}

/// A unit with its own score card on the home page.
#[derive(Serialize)]
struct Headline {
    result: ResultView,
    fields: Vec<FieldLink>,
    fields_title: String,
    bars: Vec<charts::Bar<'static>>,
    history: Option<HistoryView>,
}

/// A field (lĩnh vực) of a scorecard: a root criterion with its points.
#[derive(Serialize)]
struct FieldLink {
    code: String,
    title: String,
    href: String,
    points: Option<f64>,
    max: f64,
    #[serde(serialize_with = "crate::render::views::plain")]
    bar: f64,
}

/// The units of one kind, ranked.
#[derive(Serialize)]
struct Ranking {
    kind: String,
    slug: String,
    chart_title: String,
    rows: Vec<ResultView>,
    bars: Vec<charts::Bar<'static>>,
    total: usize,
    shortened: bool,
    cut_after: usize,
    hidden: usize,
}

pub fn page(v: &Views) -> anyhow::Result<Rendered> {
    let model = v.model;
    let c = v.computed;
    let overdue = c.overdue(model);
    let overdue_total = overdue.len();
    let overdue = v.task_lines(&overdue, LIMITS.home_overdue_tasks, LIMITS.line_units);
    let listed: usize = overdue.iter().map(|l| l.units.len().max(1)).sum();
    let next = c.due_next(model);
    let notes: Vec<usize> = (0..model.notes.len().min(LIMITS.home_notes)).collect();
    let view = HomePage {
        headline: headline(v),
        status_counts: v.status_counts(0..model.tasks.len()),
        task_total: model.tasks.len(),
        pace: v.pace(0..model.tasks.len()),
        overdue_more: overdue_total > listed,
        overdue,
        overdue_total,
        next: v.task_lines(&next, LIMITS.home_next_tasks, LIMITS.line_units),
        rankings: rankings(v),
        notes: v.note_links(&notes),
        snapshots: v.snapshot_links(),
        timeline_href: v.routes.href(routes::TIMELINE),
        embed: embed::code(v, None),
    };
    rendered("index.html", model.site.title.clone(), view)
}

/// Headline units: scored units with no scored unit above them (a district
/// over its communes). When there are many (a province's departments), the
/// rankings show them all instead.
fn headline(v: &Views) -> Vec<Headline> {
    let model = v.model;
    let c = v.computed;
    let headline: Vec<&(usize, UnitResult)> = c
        .headline_units(model)
        .into_iter()
        .filter_map(|u| c.latest(u))
        .collect();
    headline
        .into_iter()
        .map(|(si, r)| {
            let fw = &model.frameworks[r.framework];
            let fields = fw
                .roots
                .iter()
                .map(|&ci| {
                    let crit = &fw.criteria[ci];
                    let p = r.by_criterion[ci];
                    FieldLink {
                        code: crit.code.clone(),
                        title: crit.title.clone(),
                        href: v.routes.criterion(&fw.id, &crit.code),
                        points: p.map(pts),
                        max: pts(crit.max),
                        bar: p.map(|p| bar(p, crit.max)).unwrap_or(0.0),
                    }
                })
                .collect();
            let name = &model.units[r.unit].name;
            Headline {
                result: v.result_with_change(*si, r, c.ranks.get(&r.unit).copied()),
                fields,
                fields_title: v.words.fill("home.fields_chart", &[("unit", name)]),
                bars: v.field_bars(r),
                history: v.history(r.unit),
            }
        })
        .collect()
}

fn rankings(v: &Views) -> Vec<Ranking> {
    let model = v.model;
    let c = v.computed;
    type Group<'a> = Vec<&'a (usize, UnitResult)>;
    let mut groups: BTreeMap<(usize, &str, usize), Group> = BTreeMap::new();
    for entry in c.latests() {
        let kind = model.units[entry.1.unit].kind.as_str();
        groups
            .entry((kind_order(kind), kind, entry.1.framework))
            .or_default()
            .push(entry);
    }
    let limit = LIMITS.ranking_rows;
    groups
        .into_iter()
        .map(|((_, kind, _), mut entries)| {
            entries.sort_by(|a, b| {
                b.1.percent
                    .cmp(&a.1.percent)
                    .then_with(|| model.units[a.1.unit].id.cmp(&model.units[b.1.unit].id))
            });
            let total = entries.len();
            if total > limit {
                // The first and the last units; the full list is in the open data.
                let tail = entries.split_off(total - limit / 2);
                entries.truncate(limit / 2);
                entries.extend(tail);
            }
            let rows: Vec<ResultView> = entries
                .iter()
                .map(|(si, r)| v.result_with_change(*si, r, c.ranks.get(&r.unit).copied()))
                .collect();
            let bars = entries
                .iter()
                .zip(&rows)
                .map(|((_, res), r)| charts::Bar {
                    label: model.units[res.unit].display_name().to_string().into(),
                    value: r.percent,
                    max: 100.0,
                    prefix: r.rank.map(|n| n.to_string().into()),
                })
                .collect();
            let kind_words = v.words.kind(kind).to_string();
            Ranking {
                chart_title: v.words.fill("home.ranking_chart", &[("kind", &kind_words)]),
                kind: kind_words,
                slug: kind.to_string(),
                rows,
                bars,
                total,
                shortened: total > limit,
                cut_after: limit / 2,
                hidden: total.saturating_sub(limit),
            }
        })
        .collect()
}
