//! The data of each page: what its template sees. Lookups go through the
//! [`Index`](super::index::Index); long lists are grouped or split so that
//! no page grows with the size of the whole country.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::charts;
use super::export;
use super::format::date_vi;
use super::labels;
use super::markdown::markdown_to_safe_html;
use super::routes;
use super::views::*;
use super::{DETAIL_LIMIT, Job, MAX_HEADLINE_UNITS, ROW_LIMIT, Shared};
use crate::compute::{self, DeadlineKind, Status, UnitResult};
use crate::model::{Audience, CriterionRef, Model, Points};

/// The route, template, title and data of one page.
pub(super) fn page_context(shared: &Shared, job: &Job) -> (String, &'static str, String, Value) {
    let model = shared.model;
    let v = Views {
        model,
        routes: &shared.routes,
        statuses: &shared.statuses,
        task_pages: &shared.index.task_page,
    };
    match job {
        Job::Home => (
            "".into(),
            "index.html",
            model.site.title.clone(),
            home(shared, &v),
        ),
        Job::Units => (
            routes::UNITS.into(),
            "units.html",
            "Các đơn vị".into(),
            units_index(shared, &v),
        ),
        Job::Unit(u) => (
            routes::unit_route(&model.units[*u].id),
            "unit.html",
            model.units[*u].name.clone(),
            unit_page(shared, &v, *u),
        ),
        Job::Criteria => (
            routes::CRITERIA.into(),
            "criteria.html",
            "Các tiêu chí".into(),
            criteria_index(shared, &v),
        ),
        Job::Criterion(c) => {
            let crit = model.criterion(*c);
            (
                routes::criterion_route(&model.frameworks[c.framework].id, &crit.code),
                "criterion.html",
                format!("Tiêu chí {}. {}", crit.code, crit.title),
                criterion_page(shared, &v, *c),
            )
        }
        Job::Timeline => (
            routes::TIMELINE.into(),
            "timeline.html",
            "Thời hạn các nhiệm vụ".into(),
            timeline_page(shared, &v),
        ),
        Job::TimelineMonth(y, m) => (
            routes::timeline_month_route(*y, *m),
            "timeline.html",
            format!("Thời hạn tháng {m}/{y}"),
            timeline_month_page(shared, &v, *y, *m, None),
        ),
        Job::TimelineMonthGroup(y, m, g) => (
            routes::timeline_month_group_route(*y, *m, &model.units[*g].id),
            "timeline.html",
            format!("Thời hạn tháng {m}/{y} – {}", model.units[*g].name),
            timeline_month_page(shared, &v, *y, *m, Some(*g)),
        ),
        Job::Directive(d, page) => (
            routes::directive_page_route(&model.directives[*d].id, *page),
            "directive.html",
            if *page == 0 {
                model.directives[*d].source.clone()
            } else {
                format!("{} (trang {})", model.directives[*d].source, page + 1)
            },
            directive_page(shared, &v, *d, *page),
        ),
        Job::Note(n) => (
            routes::note_route(&model.notes[*n].id),
            "note.html",
            model.notes[*n].title.clone(),
            note_page(&v, *n),
        ),
        Job::Snapshot(s) => (
            routes::snapshot_route(model.snapshots[*s].date),
            "snapshot.html",
            format!("Đợt đánh giá ngày {}", date_vi(model.snapshots[*s].date)),
            snapshot_page(shared, &v, *s, None),
        ),
        Job::SnapshotGroup(s, g) => (
            routes::snapshot_group_route(model.snapshots[*s].date, &model.units[*g].id),
            "snapshot.html",
            format!(
                "Đợt đánh giá ngày {} – {}",
                date_vi(model.snapshots[*s].date),
                model.units[*g].name
            ),
            snapshot_page(shared, &v, *s, Some(*g)),
        ),
        Job::Data => (
            export::DATA_DIR.into(),
            "data.html",
            "Dữ liệu mở".into(),
            data_page(&v),
        ),
        Job::NotFound => (
            "404.html".into(),
            "404.html",
            "Không tìm thấy trang".into(),
            json!({}),
        ),
    }
}

fn note_links<'a>(v: &Views, notes: impl IntoIterator<Item = &'a usize>) -> Vec<Value> {
    notes
        .into_iter()
        .map(|&i| &v.model.notes[i])
        .map(|n| {
            json!({
                "title": n.title,
                "date": n.date.to_string(),
                "href": v.routes.note(&n.id),
                "summary": n.summary,
                "committee": n.audience == Audience::Committee,
            })
        })
        .collect()
}

fn snapshot_links(v: &Views) -> Vec<Value> {
    v.model
        .snapshots
        .iter()
        .rev()
        .map(|s| {
            json!({
                "date": s.date.to_string(),
                "href": v.routes.snapshot(s.date),
                "stage": labels::stage(s.stage),
                "title": s.title,
                "source": s.source,
            })
        })
        .collect()
}

fn home(shared: &Shared, v: &Views) -> Value {
    let model = shared.model;
    // Headline units: scored units with no scored unit above them (a
    // district over its communes). When there are many (a province's
    // departments), the rankings below show them all instead.
    let scored = |u: usize| shared.latest(u).is_some();
    let mut headline: Vec<&(usize, UnitResult)> = shared
        .latests()
        .filter(|(_, r)| {
            let mut p = model.units[r.unit].parent;
            while let Some(u) = p {
                if scored(u) {
                    return false;
                }
                p = model.units[u].parent;
            }
            true
        })
        .collect();
    if headline.len() > MAX_HEADLINE_UNITS {
        headline.clear();
    }
    let headline: Vec<Value> = headline
        .into_iter()
        .map(|(si, r)| {
            let fw = &model.frameworks[r.framework];
            let fields: Vec<Value> = fw
                .roots
                .iter()
                .map(|&c| {
                    let crit = &fw.criteria[c];
                    let p = r.by_criterion[c];
                    json!({
                        "code": crit.code,
                        "title": crit.title,
                        "href": v.routes.criterion(&fw.id, &crit.code),
                        "points": p.map(pts),
                        "max": pts(crit.max),
                        "bar": p.map(|p| bar(p, crit.max)).unwrap_or(0.0),
                    })
                })
                .collect();
            json!({
                "result": v.result(*si, r, shared.ranks.get(&r.unit).copied(), shared.previous(r.unit, *si)),
                "fields": fields,
                "bars": field_bars(model, r),
                "history": history_points(shared, r.unit),
            })
        })
        .collect();
    let as_of = model.site.as_of;
    let mut overdue: Vec<usize> = (0..model.tasks.len())
        .filter(|&t| shared.statuses[t] == Status::Overdue)
        .collect();
    overdue.sort_by_key(|&t| (model.tasks[t].due, t));
    let overdue_total = overdue.len();
    overdue.truncate(20);
    let mut next: Vec<usize> = (0..model.tasks.len())
        .filter(|&t| {
            matches!(shared.statuses[t], Status::DueSoon | Status::Upcoming)
                && model.tasks[t].due.is_some_and(|d| d >= as_of)
        })
        .collect();
    next.sort_by_key(|&t| (model.tasks[t].due, t));
    next.truncate(10);
    json!({
        "headline": headline,
        "status_counts": v.status_counts(0..model.tasks.len()),
        "task_total": model.tasks.len(),
        "overdue": v.tasks(overdue),
        "overdue_total": overdue_total,
        "next": v.tasks(next),
        "rankings": rankings(shared, v),
        "notes": note_links(v, (0..model.notes.len().min(5)).collect::<Vec<_>>().iter()),
        "snapshots": snapshot_links(v),
        "timeline_href": v.routes.href(routes::TIMELINE),
    })
}

/// Rankings longer than this show only their first and last units.
const RANKING_LIMIT: usize = 20;

fn rankings(shared: &Shared, v: &Views) -> Vec<Value> {
    let model = shared.model;
    type Group<'a> = Vec<&'a (usize, UnitResult)>;
    let mut groups: BTreeMap<(usize, &str, usize), Group> = BTreeMap::new();
    for entry in shared.latests() {
        let kind = model.units[entry.1.unit].kind.as_str();
        groups
            .entry((labels::kind_order(kind), kind, entry.1.framework))
            .or_default()
            .push(entry);
    }
    groups
        .into_iter()
        .map(|((_, kind, _), mut entries)| {
            entries.sort_by(|a, b| {
                b.1.percent
                    .cmp(&a.1.percent)
                    .then_with(|| model.units[a.1.unit].id.cmp(&model.units[b.1.unit].id))
            });
            let total = entries.len();
            if total > RANKING_LIMIT {
                // The first and the last units; the full list is in the open data.
                let tail = entries.split_off(total - RANKING_LIMIT / 2);
                entries.truncate(RANKING_LIMIT / 2);
                entries.extend(tail);
            }
            let rows: Vec<ResultView> = entries
                .iter()
                .map(|(si, r)| {
                    v.result(
                        *si,
                        r,
                        shared.ranks.get(&r.unit).copied(),
                        shared.previous(r.unit, *si),
                    )
                })
                .collect();
            let bars: Vec<charts::Bar> = entries
                .iter()
                .zip(&rows)
                .map(|((_, res), r)| charts::Bar {
                    label: model.units[res.unit].display_name().to_string(),
                    value: r.percent,
                    max: 100.0,
                    prefix: r.rank.map(|n| n.to_string()),
                })
                .collect();
            json!({
                "kind": labels::kind(kind),
                "slug": kind,
                "rows": rows,
                "bars": bars,
                "total": total,
                "shortened": total > RANKING_LIMIT,
                "cut_after": RANKING_LIMIT / 2,
                "hidden": total.saturating_sub(RANKING_LIMIT),
            })
        })
        .collect()
}

fn units_index(shared: &Shared, v: &Views) -> Value {
    let model = shared.model;
    let mut groups: BTreeMap<(usize, &str), Vec<usize>> = BTreeMap::new();
    for (i, u) in model.units.iter().enumerate() {
        groups
            .entry((labels::kind_order(&u.kind), u.kind.as_str()))
            .or_default()
            .push(i);
    }
    let led = &shared.index.tasks_by_lead;
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|((_, kind), units)| {
            if units.len() > ROW_LIMIT {
                // Too many to list: count them by group; each group's page
                // lists its units.
                let mut by_group: BTreeMap<usize, usize> = BTreeMap::new();
                for &u in &units {
                    if let Some(g) = shared.index.group[u] {
                        *by_group.entry(g).or_default() += 1;
                    }
                }
                let counts: Vec<Value> = by_group
                    .into_iter()
                    .map(|(g, n)| json!({"group": v.unit(g), "count": n}))
                    .collect();
                return json!({"kind": labels::kind(kind), "slug": kind, "count": units.len(), "units": [], "by_group": counts});
            }
            let rows: Vec<Value> = units
                .iter()
                .map(|&u| {
                    let result = shared.latest_view(v, u);
                    let overdue = led[u]
                        .iter()
                        .filter(|&&t| shared.statuses[t] == Status::Overdue)
                        .count();
                    json!({
                        "unit": v.unit(u),
                        "result": result,
                        "tasks": led[u].len(),
                        "overdue": overdue,
                    })
                })
                .collect();
            json!({"kind": labels::kind(kind), "slug": kind, "count": units.len(), "units": rows, "by_group": []})
        })
        .collect();
    json!({ "groups": groups })
}

fn unit_page(shared: &Shared, v: &Views, u: usize) -> Value {
    let model = shared.model;
    let unit = &model.units[u];
    let ix = &shared.index;
    let children = &ix.children[u];
    let result = shared.latest(u).and_then(|(si, r)| {
        let scores = model.snapshots[*si]
            .units
            .iter()
            .find(|us| us.unit == u && us.framework == r.framework)?;
        let previous = shared.previous(u, *si);
        Some(json!({
            "summary": shared.latest_view(v, u),
            "rows": v.score_rows(r, scores, previous.map(|(_, p)| p), false),
            "fields": field_bars(model, r),
            "history": history_points(shared, u),
        }))
    });
    let owned: Vec<Value> = ix.assignments_by_unit[u]
        .iter()
        .map(|&a| &model.assignments[a])
        .map(|a| {
            let c = model.criterion(a.criterion);
            let points = shared
                .latest(a.scored_unit)
                .filter(|(_, r)| r.framework == a.criterion.framework)
                .and_then(|(_, r)| r.by_criterion[a.criterion.criterion]);
            json!({
                "criterion": v.criterion(a.criterion),
                "for": v.unit(a.scored_unit),
                "role": if a.owner == u { "Chủ trì" } else { "Phối hợp" },
                "points": points.map(pts),
                "max": pts(c.max),
                "bar": points.map(|p| bar(p, c.max)).unwrap_or(0.0),
                "source": a.source,
            })
        })
        .collect();
    let led = &ix.tasks_by_lead[u];
    let partner = &ix.tasks_by_partner[u];
    json!({
        "unit": v.unit(u),
        "kind": labels::kind(&unit.kind),
        "short_name": unit.short_name,
        "parent": unit.parent.map(|p| v.unit(p)),
        "children": v.units(children),
        "framework": unit.framework.map(|f| v.framework(f)),
        "result": result,
        "owned": owned,
        "status_counts": v.status_counts(led.iter().copied()),
        "task_total": led.len(),
        "undated": v.tasks(led.iter().copied().filter(|&t| model.tasks[t].due.is_none())),
        "partner_tasks": capped_tasks(shared, v, partner),
        "partner_total": partner.len(),
        "timeline": timeline(shared, v, Some(u), None, None),
        "notes": note_links(v, &ix.notes_by_unit[u]),
    })
}

fn criteria_index(_shared: &Shared, v: &Views) -> Value {
    let frameworks: Vec<Value> = v
        .model
        .frameworks
        .iter()
        .enumerate()
        .map(|(f, fw)| {
            let rows: Vec<Value> = fw
                .criteria
                .iter()
                .map(|c| {
                    json!({
                        "code": c.code,
                        "title": c.title,
                        "href": v.routes.criterion(&fw.id, &c.code),
                        "depth": c.depth,
                        "max": pts(c.max),
                        "is_leaf": c.children.is_empty(),
                    })
                })
                .collect();
            json!({
                "framework": v.framework(f),
                "scheme": fw.scheme,
                "year": fw.year,
                "max": pts(fw.max),
                "criteria": rows,
            })
        })
        .collect();
    json!({ "frameworks": frameworks })
}

fn criterion_page(shared: &Shared, v: &Views, r: CriterionRef) -> Value {
    let model = shared.model;
    let fw = &model.frameworks[r.framework];
    let c = model.criterion(r);
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
    let children: Vec<Value> = c
        .children
        .iter()
        .map(|&ch| {
            json!({
                "link": v.criterion(CriterionRef { framework: r.framework, criterion: ch }),
                "max": pts(fw.criteria[ch].max),
            })
        })
        .collect();
    let ix = &shared.index;
    // History: per unit and snapshot when few units are scored on this
    // framework, else per snapshot (mean, lowest, highest); and for the
    // chart one point per snapshot (the mean when several units).
    let detailed =
        ix.units_by_framework[r.framework].len() * model.snapshots.len() <= HISTORY_ROW_LIMIT;
    let mut history = Vec::new();
    let mut summary = Vec::new();
    let mut series: Vec<charts::Point> = Vec::new();
    let mut units_in_series = 0;
    for (si, snap) in model.snapshots.iter().enumerate() {
        let mut values: Vec<i64> = Vec::new();
        for us in snap.units.iter().filter(|us| us.framework == r.framework) {
            let points = match shared
                .result_at(us.unit, si)
                .filter(|res| res.framework == r.framework)
            {
                Some(res) => res.by_criterion[r.criterion],
                None => compute::unit_result(model, us).by_criterion[r.criterion],
            };
            if let Some(p) = points {
                values.push(p.0);
            }
            if !detailed {
                continue;
            }
            let change = shared
                .previous(us.unit, si)
                .and_then(|(_, prev)| prev.by_criterion[r.criterion])
                .zip(points)
                .map(|(before, now)| pts(Points(now.0 - before.0)));
            let score = us.detail(r.criterion);
            history.push(json!({
                "date": snap.date.to_string(),
                "snapshot_href": v.routes.snapshot(snap.date),
                "stage": labels::stage(snap.stage),
                "unit": v.unit(us.unit),
                "points": points.map(pts),
                "self_assessed": score.and_then(|s| s.self_assessed).map(pts),
                "appraised": score.and_then(|s| s.appraised).map(pts),
                "survey": score.and_then(|s| s.survey).map(pts),
                "explanation": score.and_then(|s| s.explanation.clone()),
                "evidence": score.map(|s| s.evidence.clone()).unwrap_or_default(),
                "bar": points.map(|p| bar(p, c.max)).unwrap_or(0.0),
                "change": change,
            }));
        }
        if values.is_empty() {
            continue;
        }
        let n = values.len() as i64;
        let mean = Points((values.iter().sum::<i64>() as f64 / n as f64).round() as i64);
        units_in_series = units_in_series.max(values.len());
        series.push(charts::Point {
            date: snap.date.to_string(),
            value: pts(mean),
        });
        if !detailed {
            summary.push(json!({
                "date": snap.date.to_string(),
                "snapshot_href": v.routes.snapshot(snap.date),
                "stage": labels::stage(snap.stage),
                "scored": values.len(),
                "mean": pts(mean),
                "lowest": values.iter().min().map(|&p| pts(Points(p))),
                "highest": values.iter().max().map(|&p| pts(Points(p))),
                "full": values.iter().filter(|&&p| p >= c.max.0).count(),
                "bar": bar(mean, c.max),
            }));
        }
    }
    // Owners: of this criterion or of a criterion above it.
    let mut owners = Vec::new();
    let mut at = Some(r.criterion);
    while let Some(ci) = at {
        let here = CriterionRef {
            framework: r.framework,
            criterion: ci,
        };
        for &a in ix.assignments_by_criterion.get(&here).into_iter().flatten() {
            let a = &model.assignments[a];
            owners.push(json!({
                "for": v.unit(a.scored_unit),
                "owner": v.unit(a.owner),
                "partners": v.units(&a.partners),
                "source": a.source,
                "criterion": v.criterion(a.criterion),
            }));
        }
        at = fw.criteria[ci].parent;
    }
    // Tasks: of this criterion or of one below it.
    let mut tasks: Vec<usize> = Vec::new();
    let mut stack = vec![r.criterion];
    while let Some(ci) = stack.pop() {
        let here = CriterionRef {
            framework: r.framework,
            criterion: ci,
        };
        tasks.extend(ix.tasks_by_criterion.get(&here).into_iter().flatten());
        stack.extend(&fw.criteria[ci].children);
    }
    tasks.sort_unstable();
    // Units scored on this framework that do not have the full points yet.
    let mut lacking: Vec<(usize, Option<Points>)> = Vec::new();
    for &u in &ix.units_by_framework[r.framework] {
        let points = shared
            .latest(u)
            .filter(|(_, res)| res.framework == r.framework)
            .and_then(|(_, res)| res.by_criterion[r.criterion]);
        if points.is_none_or(|p| p < c.max) {
            lacking.push((u, points));
        }
    }
    let lacking_total = lacking.len();
    let (lacking_list, lacking_groups) = if lacking_total > LACKING_LIMIT {
        let mut by_group: BTreeMap<usize, usize> = BTreeMap::new();
        for (u, _) in &lacking {
            if let Some(g) = ix.group[*u] {
                *by_group.entry(g).or_default() += 1;
            }
        }
        let groups: Vec<Value> = by_group
            .into_iter()
            .map(|(g, n)| json!({"group": v.unit(g), "count": n}))
            .collect();
        (Vec::new(), groups)
    } else {
        let list: Vec<Value> = lacking
            .iter()
            .map(|(u, p)| json!({"unit": v.unit(*u), "points": p.map(pts)}))
            .collect();
        (list, Vec::new())
    };
    json!({
        "criterion": v.criterion(r),
        "framework": v.framework(r.framework),
        "scheme": fw.scheme,
        "max": pts(c.max),
        "method": labels::method(c.method),
        "note": c.note,
        "ancestors": ancestors,
        "children": children,
        "history": history,
        "summary": summary,
        "series": series,
        "series_title": if units_in_series > 1 {
            format!("Điểm trung bình của {units_in_series} đơn vị qua các đợt đánh giá")
        } else {
            "Điểm qua các đợt đánh giá".to_string()
        },
        "owners": owners,
        "status_counts": v.status_counts(tasks.iter().copied()),
        "task_total": tasks.len(),
        "tasks": capped_tasks(shared, v, &tasks),
        "lacking": lacking_list,
        "lacking_groups": lacking_groups,
        "lacking_total": lacking_total,
        "data_href": v.routes.href(export::DATA_DIR),
        "notes": note_links(v, ix.notes_by_criterion.get(&r).into_iter().flatten()),
    })
}

/// A criterion's history lists each unit in each snapshot up to this many
/// rows; beyond, one summary row per snapshot.
const HISTORY_ROW_LIMIT: usize = 40;

/// Task lists on unit and criterion pages show at most this many tasks,
/// the most urgent first; the timeline and the open data have them all.
const TASK_LIST_LIMIT: usize = 40;

/// The most urgent of `tasks` (overdue, then due soon…, earliest first),
/// at most [`TASK_LIST_LIMIT`], in that order.
fn capped_tasks(shared: &Shared, v: &Views, tasks: &[usize]) -> Vec<TaskView> {
    let mut sorted = tasks.to_vec();
    if sorted.len() > TASK_LIST_LIMIT {
        sorted.sort_by_key(|&t| (shared.statuses[t], v.model.tasks[t].due, t));
        sorted.truncate(TASK_LIST_LIMIT);
    }
    v.tasks(sorted)
}

/// Longer lists of units lacking a criterion are counted by group.
const LACKING_LIMIT: usize = 60;

/// Bars of a result's points by field (lĩnh vực).
fn field_bars(model: &Model, r: &UnitResult) -> Vec<charts::Bar> {
    let fw = &model.frameworks[r.framework];
    fw.roots
        .iter()
        .map(|&c| charts::Bar {
            label: format!("{}. {}", fw.criteria[c].code, fw.criteria[c].title),
            value: r.by_criterion[c].map(pts).unwrap_or(0.0),
            max: pts(fw.criteria[c].max),
            prefix: None,
        })
        .collect()
}

/// A unit's total at each snapshot that scored it, and the scale's max.
fn history_points(shared: &Shared, unit: usize) -> Value {
    let Some(h) = shared.histories.get(&unit) else {
        return Value::Null;
    };
    let points: Vec<charts::Point> = h
        .iter()
        .map(|(si, r)| charts::Point {
            date: shared.model.snapshots[*si].date.to_string(),
            value: pts(r.total),
        })
        .collect();
    let max = h.last().map(|(_, r)| pts(r.max)).unwrap_or(0.0);
    json!({"points": points, "max": max})
}

/// The deadline items of the site, of one unit (the tasks it leads and the
/// escalations it must make) or of one month, grouped by date, with the
/// "as of" marker in its place.
fn timeline(
    shared: &Shared,
    v: &Views,
    unit: Option<usize>,
    month: Option<(i32, u32)>,
    group: Option<usize>,
) -> Vec<Value> {
    use chrono::Datelike;
    let model = v.model;
    let as_of = model.site.as_of;
    let ix = &shared.index;
    let own: Vec<compute::Deadline>;
    let deadlines: &[compute::Deadline] = match unit {
        Some(u) => {
            // Built from the unit's own tasks, not by filtering the site's.
            own = {
                let mut v: Vec<compute::Deadline> = ix.tasks_by_lead[u]
                    .iter()
                    .filter_map(|&t| {
                        let task = &model.tasks[t];
                        task.due.map(|date| compute::Deadline {
                            date,
                            kind: DeadlineKind::Task,
                            task: t,
                            status: shared.statuses[t],
                        })
                    })
                    .chain(ix.escalations_by_unit[u].iter().filter_map(|&t| {
                        let task = &model.tasks[t];
                        let due = task.escalation.as_ref()?.due?;
                        Some(compute::Deadline {
                            date: due,
                            kind: DeadlineKind::Escalation,
                            task: t,
                            status: compute::escalation_status(task.done_on, Some(due), as_of),
                        })
                    }))
                    .collect();
                v.sort_by_key(|d| (d.date, d.kind, d.task));
                v
            };
            &own
        }
        None => &ix.deadlines,
    };
    let in_month =
        |date: chrono::NaiveDate| month.is_none_or(|(y, m)| date.year() == y && date.month() == m);
    let marker_here = month.is_none_or(|(y, m)| as_of.year() == y && as_of.month() == m);
    let mut groups: Vec<Value> = Vec::new();
    let mut current: Option<(chrono::NaiveDate, Vec<Value>)> = None;
    let mut marker_placed = !marker_here;
    let flush = |current: &mut Option<(chrono::NaiveDate, Vec<Value>)>, groups: &mut Vec<Value>| {
        if let Some((date, items)) = current.take() {
            groups.push(json!({"date": date.to_string(), "items": items, "as_of": false}));
        }
    };
    let in_group = |d: &compute::Deadline| group.is_none_or(|g| shared.deadline_group(d) == g);
    for d in deadlines.iter().filter(|d| in_month(d.date) && in_group(d)) {
        if !marker_placed && d.date > as_of {
            flush(&mut current, &mut groups);
            groups.push(json!({"date": as_of.to_string(), "items": [], "as_of": true}));
            marker_placed = true;
        }
        if current.as_ref().is_none_or(|(date, _)| *date != d.date) {
            flush(&mut current, &mut groups);
            current = Some((d.date, Vec::new()));
        }
        let item = json!({
            "kind": match d.kind { DeadlineKind::Task => "task", DeadlineKind::Escalation => "escalation" },
            "status": d.status.slug(),
            "status_label": labels::status(d.status),
            "task": v.task(d.task),
        });
        if let Some((_, items)) = current.as_mut() {
            items.push(item);
        }
    }
    flush(&mut current, &mut groups);
    if !marker_placed {
        groups.push(json!({"date": as_of.to_string(), "items": [], "as_of": true}));
    }
    groups
}

/// Tasks without a date, listed under the timeline when they are few.
const UNDATED_LIMIT: usize = 150;

fn timeline_page(shared: &Shared, v: &Views) -> Value {
    use chrono::Datelike;
    let model = v.model;
    let undated: Vec<usize> = (0..model.tasks.len())
        .filter(|&t| model.tasks[t].due.is_none())
        .collect();
    let undated_total = undated.len();
    let undated: Vec<usize> = if undated_total > UNDATED_LIMIT {
        Vec::new()
    } else {
        undated
    };
    if shared.index.deadlines.len() <= super::TIMELINE_LIMIT {
        return json!({
            "groups": timeline(shared, v, None, None, None),
            "months": [],
            "month_groups": [],
            "undated": v.tasks(undated),
            "undated_total": undated_total,
        });
    }
    // One page per month; here, each month with its counts by status.
    let mut months: BTreeMap<(i32, u32), [usize; 5]> = BTreeMap::new();
    for d in &shared.index.deadlines {
        let counts = months.entry((d.date.year(), d.date.month())).or_default();
        counts[Status::ALL.iter().position(|s| *s == d.status).unwrap_or(0)] += 1;
    }
    let as_of = model.site.as_of;
    let months: Vec<Value> = months
        .into_iter()
        .map(|((y, m), counts)| {
            let counts: Vec<Value> = Status::ALL
                .iter()
                .zip(counts)
                .filter(|(_, n)| *n > 0)
                .map(|(s, n)| json!({"status": s.slug(), "label": labels::status(*s), "count": n}))
                .collect();
            json!({
                "label": format!("Tháng {m}/{y}"),
                "href": v.routes.href(&routes::timeline_month_route(y, m)),
                "current": as_of.year() == y && as_of.month() == m,
                "counts": counts,
            })
        })
        .collect();
    json!({
        "groups": [],
        "months": months,
        "month_groups": [],
        "undated": v.tasks(undated),
        "undated_total": undated_total,
    })
}

fn timeline_month_page(
    shared: &Shared,
    v: &Views,
    year: i32,
    month: u32,
    group: Option<usize>,
) -> Value {
    use chrono::Datelike;
    let model = v.model;
    let month_href = v.routes.href(&routes::timeline_month_route(year, month));
    let in_month = |d: &&compute::Deadline| d.date.year() == year && d.date.month() == month;
    let count = shared.index.deadlines.iter().filter(in_month).count();
    let mut base = json!({
        "groups": [],
        "months": [],
        "month_groups": [],
        "undated": [],
        "undated_total": 0,
        "month": format!("tháng {month}/{year}"),
        "all_href": v.routes.href(routes::TIMELINE),
        "month_href": if group.is_some() { Some(month_href) } else { None },
        "group": group.map(|g| v.unit(g)),
    });
    if group.is_none() && count > super::MONTH_LIMIT {
        // Too many for one page: one page per group, counted here.
        let mut by_group: BTreeMap<usize, [usize; 5]> = BTreeMap::new();
        for d in shared.index.deadlines.iter().filter(in_month) {
            let counts = by_group.entry(shared.deadline_group(d)).or_default();
            counts[Status::ALL.iter().position(|s| *s == d.status).unwrap_or(0)] += 1;
        }
        let rows: Vec<Value> = by_group
            .into_iter()
            .map(|(g, counts)| {
                let counts: Vec<Value> = Status::ALL
                    .iter()
                    .zip(counts)
                    .filter(|(_, n)| *n > 0)
                    .map(|(s, n)| json!({"status": s.slug(), "label": labels::status(*s), "count": n}))
                    .collect();
                json!({
                    "label": model.units[g].name,
                    "href": v.routes.href(&routes::timeline_month_group_route(year, month, &model.units[g].id)),
                    "counts": counts,
                })
            })
            .collect();
        base["month_groups"] = json!(rows);
        return base;
    }
    base["groups"] = json!(timeline(shared, v, None, Some((year, month)), group));
    base
}

fn directive_page(shared: &Shared, v: &Views, d: usize, page: usize) -> Value {
    let model = v.model;
    let dir = &model.directives[d];
    let all = &shared.index.tasks_by_directive[d];
    let per = super::index::TASKS_PER_PAGE;
    let pages = all.len().div_ceil(per).max(1);
    let details: Vec<Value> = all
        .iter()
        .skip(page * per)
        .take(per)
        .map(|&t| {
            json!({
                "task": v.task(t),
                "detail": model.tasks[t].detail.as_deref().map(markdown_to_safe_html),
            })
        })
        .collect();
    let page_links: Vec<Value> = (0..pages)
        .map(|p| {
            json!({
                "number": p + 1,
                "href": v.routes.href(&routes::directive_page_route(&dir.id, p)),
                "current": p == page,
            })
        })
        .collect();
    json!({
        "directive": v.directive(d),
        "issued": dir.issued.map(|d| d.to_string()),
        "issuer": dir.issuer.map(|u| v.unit(u)),
        "legal_basis": dir.legal_basis,
        "status_counts": v.status_counts(all.iter().copied()),
        "task_total": all.len(),
        "tasks": details,
        "pages": if pages > 1 { page_links } else { Vec::new() },
    })
}

fn note_page(v: &Views, n: usize) -> Value {
    let note = &v.model.notes[n];
    json!({
        "title": note.title,
        "date": note.date.to_string(),
        "unit": note.unit.map(|u| v.unit(u)),
        "criterion": note.criterion.map(|c| v.criterion(c)),
        "task": note.task.map(|t| v.task(t)),
        "committee": note.audience == Audience::Committee,
        "body": markdown_to_safe_html(&note.markdown),
    })
}

fn data_page(v: &Views) -> Value {
    let m = v.model;
    let file = |name: &str| v.routes.href(&format!("{}{name}", export::DATA_DIR));
    let mut scores = Vec::new();
    for s in m.snapshots.iter().rev() {
        for (fi, fw) in m.frameworks.iter().enumerate() {
            if s.units.iter().any(|us| us.framework == fi) {
                scores.push(json!({
                    "date": s.date.to_string(),
                    "framework": fw.title,
                    "href": file(&format!("diem-{}-{}.csv", s.date, fw.id)),
                }));
            }
        }
    }
    json!({
        "units_csv": file("don-vi.csv"),
        "criteria_csv": file("tieu-chi.csv"),
        "tasks_csv": file("nhiem-vu.csv"),
        "json": file("tiendo.json"),
        "feed": v.routes.href("feed.xml"),
        "scores": scores,
        "points_json": m.snapshots.iter().rev().map(|s| json!({
            "date": s.date.to_string(),
            "href": file(&format!("diem-{}.json", s.date)),
        })).collect::<Vec<_>>(),
    })
}

/// A snapshot, frozen: what stood on its date. Few units: each with its
/// criteria; more: one row per unit; many: counts per group, each group on
/// a page of its own.
fn snapshot_page(shared: &Shared, v: &Views, s: usize, group: Option<usize>) -> Value {
    let model = v.model;
    let snap = &model.snapshots[s];
    let result_of = |us: &crate::model::UnitScores| -> UnitResult {
        match shared
            .result_at(us.unit, s)
            .filter(|r| r.framework == us.framework)
        {
            Some(r) => r.clone(),
            None => compute::unit_result(model, us),
        }
    };
    let base = json!({
        "date": snap.date.to_string(),
        "stage": labels::stage(snap.stage),
        "title": snap.title,
        "source": snap.source,
        "group": group.map(|g| v.unit(g)),
        "all_href": v.routes.snapshot(snap.date),
        "data_href": v.routes.href(export::DATA_DIR),
        "groups": [],
        "rows": [],
        "results": [],
    });
    let with = |mut base: Value, key: &str, value: Value| {
        base[key] = value;
        base
    };
    if group.is_none() && snap.units.len() > super::ROW_LIMIT {
        let mut groups: BTreeMap<usize, (usize, i64)> = BTreeMap::new();
        for us in &snap.units {
            if let Some(g) = shared.index.group[us.unit] {
                let r = result_of(us);
                let entry = groups.entry(g).or_default();
                entry.0 += 1;
                entry.1 += r.percent.0;
            }
        }
        let rows: Vec<Value> = groups
            .into_iter()
            .map(|(g, (n, sum))| {
                json!({
                    "group": v.unit(g),
                    "count": n,
                    "mean_percent": (sum as f64 / n as f64 / 100.0).round() / 10.0,
                    "href": v.routes.href(&routes::snapshot_group_route(snap.date, &model.units[g].id)),
                })
            })
            .collect();
        return with(base, "groups", json!(rows));
    }
    let units: Vec<&crate::model::UnitScores> = snap
        .units
        .iter()
        .filter(|us| group.is_none_or(|g| shared.index.group[us.unit] == Some(g)))
        .collect();
    if group.is_none() && units.len() <= DETAIL_LIMIT {
        let results: Vec<Value> = units
            .iter()
            .map(|us| {
                let r = result_of(us);
                let previous = shared.previous(us.unit, s);
                json!({
                    "summary": v.result(s, &r, None, previous),
                    "rows": v.score_rows(&r, us, previous.map(|(_, p)| p), true),
                })
            })
            .collect();
        return with(base, "results", json!(results));
    }
    // One row per unit, ranked within its framework over the whole snapshot.
    let mut percents: BTreeMap<usize, Vec<Points>> = BTreeMap::new();
    let all: Vec<(usize, UnitResult)> = snap
        .units
        .iter()
        .map(|us| (us.unit, result_of(us)))
        .collect();
    for (_, r) in &all {
        percents.entry(r.framework).or_default().push(r.percent);
    }
    let rows: Vec<Value> = all
        .iter()
        .filter(|(u, _)| group.is_none_or(|g| shared.index.group[*u] == Some(g)))
        .map(|(u, r)| {
            let same = &percents[&r.framework];
            let rank = 1 + same.iter().filter(|p| **p > r.percent).count();
            v.result(s, r, Some((rank, same.len())), shared.previous(*u, s))
        })
        .map(|view| json!(view))
        .collect();
    with(base, "rows", json!(rows))
}
