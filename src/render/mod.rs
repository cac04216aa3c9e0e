//! Stage 5, render: the model and computed results through the theme's Tera
//! templates into pages. Every page is rendered and minified in parallel.

pub mod charts;
pub mod export;
mod format;
mod labels;
mod markdown;
mod routes;
mod theme;
mod views;

use std::collections::BTreeMap;

use anyhow::Context as _;
use rayon::prelude::*;
use serde_json::{Value, json};

use crate::compute::{self, DeadlineKind, Status, UnitResult};
use crate::model::{Audience, CriterionRef, Model};
pub use format::{date_vi, num_vi};
pub use markdown::markdown_to_safe_html;
pub use routes::Routes;
pub use theme::Theme;
use views::*;

/// One file of the built site: its path under the output folder and bytes.
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// At most this many units get their own score card on the home page.
const MAX_HEADLINE_UNITS: usize = 3;

enum Job {
    Home,
    Units,
    Unit(usize),
    Criteria,
    Criterion(CriterionRef),
    Timeline,
    Directive(usize),
    Note(usize),
    Snapshot(usize),
    Data,
    NotFound,
}

/// What every page needs, computed once.
struct Shared<'m> {
    model: &'m Model,
    routes: Routes,
    statuses: Vec<Status>,
    /// Results per scored unit over the snapshots: (snapshot index, result).
    histories: BTreeMap<usize, Vec<(usize, UnitResult)>>,
    /// Rank of each scored unit among the units of its kind: (rank, of how many).
    ranks: BTreeMap<usize, (usize, usize)>,
}

impl Shared<'_> {
    /// The unit's latest result: (snapshot index, result).
    fn latest(&self, unit: usize) -> Option<&(usize, UnitResult)> {
        self.histories.get(&unit).and_then(|h| h.last())
    }

    /// The unit's result in the last snapshot before snapshot `si` that
    /// scored it.
    fn previous(&self, unit: usize, si: usize) -> Option<&(usize, UnitResult)> {
        self.histories
            .get(&unit)
            .and_then(|h| h.iter().rev().find(|(s, _)| *s < si))
    }

    /// The result view of a unit's latest result, with rank and change.
    fn latest_view(&self, v: &Views, unit: usize) -> Option<ResultView> {
        let (si, r) = self.latest(unit)?;
        Some(v.result(
            *si,
            r,
            self.ranks.get(&unit).copied(),
            self.previous(unit, *si),
        ))
    }

    /// Latest results of every scored unit, by unit index.
    fn latests(&self) -> impl Iterator<Item = &(usize, UnitResult)> {
        self.histories.values().filter_map(|h| h.last())
    }
}

/// Renders every page of the site and the files beside them.
pub fn render_site(model: &Model, theme: &Theme) -> anyhow::Result<Vec<OutputFile>> {
    let routes = Routes::new(&model.site.base_path);
    let as_of = model.site.as_of;
    let statuses = model
        .tasks
        .iter()
        .map(|t| compute::task_status(t.due, t.done_on, as_of))
        .collect();
    let histories = compute::histories(model);
    let ranks = ranks_by_kind(
        model,
        histories.values().filter_map(|h| h.last()).map(|(_, r)| r),
    );
    let shared = Shared {
        model,
        routes,
        statuses,
        histories,
        ranks,
    };

    let mut jobs = vec![
        Job::Home,
        Job::Units,
        Job::Criteria,
        Job::Timeline,
        Job::Data,
        Job::NotFound,
    ];
    jobs.extend((0..model.units.len()).map(Job::Unit));
    for (f, fw) in model.frameworks.iter().enumerate() {
        jobs.extend((0..fw.criteria.len()).map(|c| {
            Job::Criterion(CriterionRef {
                framework: f,
                criterion: c,
            })
        }));
    }
    jobs.extend((0..model.directives.len()).map(Job::Directive));
    jobs.extend((0..model.notes.len()).map(Job::Note));
    jobs.extend((0..model.snapshots.len()).map(Job::Snapshot));

    let pages: Vec<(String, Vec<u8>)> = jobs
        .par_iter()
        .map(|job| render_job(&shared, theme, job))
        .collect::<anyhow::Result<_>>()?;

    let mut files: Vec<OutputFile> = Vec::with_capacity(pages.len() + 3);
    let mut sitemap_routes = Vec::new();
    for (route, bytes) in pages {
        if route != "404.html" {
            sitemap_routes.push(route.clone());
        }
        files.push(OutputFile {
            path: Routes::file(&route),
            bytes,
        });
    }
    files.push(OutputFile {
        path: routes::STYLESHEET.into(),
        bytes: theme.stylesheet().as_bytes().to_vec(),
    });
    files.push(OutputFile {
        path: "robots.txt".into(),
        bytes: robots(model).into_bytes(),
    });
    if model.site.audience == Audience::Public {
        sitemap_routes.sort();
        files.push(OutputFile {
            path: "sitemap.xml".into(),
            bytes: sitemap(model, &sitemap_routes).into_bytes(),
        });
    }
    let input = export::ExportInput {
        model,
        statuses: &shared.statuses,
        histories: &shared.histories,
    };
    let exported: Vec<Vec<OutputFile>> = export::exporters()
        .par_iter()
        .map(|e| e.export(&input))
        .collect();
    files.extend(exported.into_iter().flatten());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn ranks_by_kind<'r>(
    model: &Model,
    results: impl Iterator<Item = &'r UnitResult>,
) -> BTreeMap<usize, (usize, usize)> {
    let mut by_kind: BTreeMap<(&str, usize), Vec<&UnitResult>> = BTreeMap::new();
    for r in results {
        by_kind
            .entry((model.units[r.unit].kind.as_str(), r.framework))
            .or_default()
            .push(r);
    }
    let mut out = BTreeMap::new();
    for group in by_kind.values() {
        let percents: Vec<_> = group.iter().map(|r| r.percent).collect();
        for (r, rank) in group.iter().zip(compute::rank(&percents)) {
            out.insert(r.unit, (rank, group.len()));
        }
    }
    out
}

fn robots(model: &Model) -> String {
    match model.site.audience {
        Audience::Committee => "User-agent: *\nDisallow: /\n".into(),
        Audience::Public => format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
            model.site.base_url
        ),
    }
}

fn sitemap(model: &Model, routes: &[String]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for r in routes {
        out.push_str("<url><loc>");
        out.push_str(&xml_escape(&format!("{}{}", model.site.base_url, r)));
        out.push_str("</loc></url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn render_job(shared: &Shared, theme: &Theme, job: &Job) -> anyhow::Result<(String, Vec<u8>)> {
    let (route, template, title, ctx) = page_context(shared, job);
    let mut context = tera::Context::from_value(ctx).context("building a page context")?;
    let model = shared.model;
    let r = &shared.routes;
    context.insert(
        "site",
        &json!({
            "title": model.site.title,
            "organization": model.site.organization,
            "description": model.site.description,
            "lang": model.site.language,
            "as_of": model.site.as_of.to_string(),
            "committee": model.site.audience == Audience::Committee,
            "home": r.home(),
            "stylesheet": r.href(routes::STYLESHEET),
            "feed": r.href("feed.xml"),
            "data": r.href(export::DATA_DIR),
        }),
    );
    context.insert(
        "page",
        &json!({
            "title": title,
            "frozen": matches!(job, Job::Snapshot(_)),
            "canonical": format!("{}{}", model.site.base_url, if route == "404.html" { "" } else { &route }),
        }),
    );
    let nav: Vec<Value> = [
        ("", "Tổng quan"),
        (routes::UNITS, "Đơn vị"),
        (routes::CRITERIA, "Tiêu chí"),
        (routes::TIMELINE, "Thời hạn"),
    ]
    .iter()
    .map(|(to, label)| {
        json!({
            "href": r.href(to),
            "label": label,
            "current": route == *to,
        })
    })
    .collect();
    context.insert("nav", &nav);
    let html = theme
        .render(template, &context)
        .with_context(|| format!("rendering {route} with template {template}"))?;
    Ok((route, theme::minify(&html)))
}

/// The route, template, title and data of one page.
fn page_context(shared: &Shared, job: &Job) -> (String, &'static str, String, Value) {
    let model = shared.model;
    let v = Views {
        model,
        routes: &shared.routes,
        statuses: &shared.statuses,
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
            timeline(&v, None),
        ),
        Job::Directive(d) => (
            routes::directive_route(&model.directives[*d].id),
            "directive.html",
            model.directives[*d].source.clone(),
            directive_page(&v, *d),
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
            snapshot_page(shared, &v, *s),
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

fn note_links(v: &Views, filter: impl Fn(&crate::model::Note) -> bool) -> Vec<Value> {
    v.model
        .notes
        .iter()
        .filter(|n| filter(n))
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
        "notes": note_links(v, |_| true).into_iter().take(5).collect::<Vec<_>>(),
        "snapshots": snapshot_links(v),
        "timeline_href": v.routes.href(routes::TIMELINE),
    })
}

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
            json!({"kind": labels::kind(kind), "slug": kind, "rows": rows, "bars": bars})
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
    let mut led: Vec<Vec<usize>> = vec![Vec::new(); model.units.len()];
    for (t, task) in model.tasks.iter().enumerate() {
        led[task.lead].push(t);
    }
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|((_, kind), units)| {
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
            json!({"kind": labels::kind(kind), "slug": kind, "units": rows})
        })
        .collect();
    json!({ "groups": groups })
}

fn unit_page(shared: &Shared, v: &Views, u: usize) -> Value {
    let model = shared.model;
    let unit = &model.units[u];
    let children: Vec<usize> = model
        .units
        .iter()
        .enumerate()
        .filter(|(_, c)| c.parent == Some(u))
        .map(|(i, _)| i)
        .collect();
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
    let owned: Vec<Value> = model
        .assignments
        .iter()
        .filter(|a| a.owner == u || a.partners.contains(&u))
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
    let led: Vec<usize> = (0..model.tasks.len())
        .filter(|&t| model.tasks[t].lead == u)
        .collect();
    let partner: Vec<usize> = (0..model.tasks.len())
        .filter(|&t| model.tasks[t].partners.contains(&u))
        .collect();
    json!({
        "unit": v.unit(u),
        "kind": labels::kind(&unit.kind),
        "short_name": unit.short_name,
        "parent": unit.parent.map(|p| v.unit(p)),
        "children": v.units(&children),
        "framework": unit.framework.map(|f| v.framework(f)),
        "result": result,
        "owned": owned,
        "status_counts": v.status_counts(led.iter().copied()),
        "tasks": v.tasks(led.iter().copied()),
        "partner_tasks": v.tasks(partner),
        "timeline": timeline(v, Some(u))["groups"].clone(),
        "notes": note_links(v, |n| n.unit == Some(u)),
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
    // History: every snapshot's points on this criterion, per unit, and for
    // the chart one point per snapshot (the mean when several units).
    let mut history = Vec::new();
    let mut series: Vec<charts::Point> = Vec::new();
    let mut units_in_series = 0;
    for (si, snap) in model.snapshots.iter().enumerate() {
        let (mut sum, mut n) = (0i64, 0i64);
        for us in snap.units.iter().filter(|us| us.framework == r.framework) {
            let result = compute::unit_result(model, us);
            let points = result.by_criterion[r.criterion];
            if let Some(p) = points {
                sum += p.0;
                n += 1;
            }
            let change = shared
                .previous(us.unit, si)
                .and_then(|(_, prev)| prev.by_criterion[r.criterion])
                .zip(points)
                .map(|(before, now)| pts(crate::model::Points(now.0 - before.0)));
            let score = us.scores.get(&r.criterion);
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
                "latest": shared.latest(us.unit).is_some_and(|(l, _)| *l == si),
                "change": change,
            }));
        }
        if n > 0 {
            units_in_series = units_in_series.max(n);
            series.push(charts::Point {
                date: snap.date.to_string(),
                value: (sum as f64 / n as f64).round() / crate::model::Points::SCALE as f64,
            });
        }
    }
    let owners: Vec<Value> = model
        .assignments
        .iter()
        .filter(|a| a.criterion == r || is_ancestor(fw, a.criterion.criterion, r.criterion))
        .filter(|a| a.criterion.framework == r.framework)
        .map(|a| {
            json!({
                "for": v.unit(a.scored_unit),
                "owner": v.unit(a.owner),
                "partners": v.units(&a.partners),
                "source": a.source,
                "criterion": v.criterion(a.criterion),
            })
        })
        .collect();
    let tasks: Vec<usize> = (0..model.tasks.len())
        .filter(|&t| {
            model.tasks[t].criterion.is_some_and(|tc| {
                tc.framework == r.framework
                    && (tc.criterion == r.criterion || is_ancestor(fw, r.criterion, tc.criterion))
            })
        })
        .collect();
    // Units scored on this framework that do not have the full points yet.
    let mut lacking = Vec::new();
    for (u, unit) in model.units.iter().enumerate() {
        if unit.framework != Some(r.framework) {
            continue;
        }
        let points = shared
            .latest(u)
            .filter(|(_, res)| res.framework == r.framework)
            .and_then(|(_, res)| res.by_criterion[r.criterion]);
        if points.is_none_or(|p| p < c.max) {
            lacking.push(json!({
                "unit": v.unit(u),
                "points": points.map(pts),
            }));
        }
    }
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
        "series": series,
        "series_title": if units_in_series > 1 {
            format!("Điểm trung bình của {units_in_series} đơn vị qua các đợt đánh giá")
        } else {
            "Điểm qua các đợt đánh giá".to_string()
        },
        "owners": owners,
        "status_counts": v.status_counts(tasks.iter().copied()),
        "tasks": v.tasks(tasks),
        "lacking": lacking,
        "notes": note_links(v, |n| n.criterion == Some(r)),
    })
}

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

/// Whether `ancestor` is above `c` in the framework's tree.
fn is_ancestor(fw: &crate::model::Framework, ancestor: usize, c: usize) -> bool {
    let mut p = fw.criteria[c].parent;
    while let Some(i) = p {
        if i == ancestor {
            return true;
        }
        p = fw.criteria[i].parent;
    }
    false
}

/// The deadline timeline, for the whole site or for one unit (the tasks it
/// leads and the escalations it must make).
fn timeline(v: &Views, unit: Option<usize>) -> Value {
    let model = v.model;
    let as_of = model.site.as_of;
    let mut groups: Vec<Value> = Vec::new();
    let mut current: Option<(chrono::NaiveDate, Vec<Value>)> = None;
    let mut marker_placed = false;
    let flush = |current: &mut Option<(chrono::NaiveDate, Vec<Value>)>, groups: &mut Vec<Value>| {
        if let Some((date, items)) = current.take() {
            groups.push(json!({"date": date.to_string(), "items": items, "as_of": false}));
        }
    };
    for d in compute::deadlines(model, as_of) {
        let task = &model.tasks[d.task];
        let escalation = task.escalation.as_ref();
        if let Some(u) = unit {
            let involved = match d.kind {
                DeadlineKind::Task => task.lead == u,
                DeadlineKind::Escalation => escalation.is_some_and(|e| e.by == Some(u)),
            };
            if !involved {
                continue;
            }
        }
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
    let undated: Vec<usize> = (0..model.tasks.len())
        .filter(|&t| model.tasks[t].due.is_none() && unit.is_none_or(|u| model.tasks[t].lead == u))
        .collect();
    json!({"groups": groups, "undated": v.tasks(undated)})
}

fn directive_page(v: &Views, d: usize) -> Value {
    let model = v.model;
    let dir = &model.directives[d];
    let tasks: Vec<usize> = (0..model.tasks.len())
        .filter(|&t| model.tasks[t].directive == d)
        .collect();
    let details: Vec<Value> = tasks
        .iter()
        .map(|&t| {
            json!({
                "task": v.task(t),
                "detail": model.tasks[t].detail.as_deref().map(markdown_to_safe_html),
            })
        })
        .collect();
    json!({
        "directive": v.directive(d),
        "issued": dir.issued.map(|d| d.to_string()),
        "issuer": dir.issuer.map(|u| v.unit(u)),
        "legal_basis": dir.legal_basis,
        "status_counts": v.status_counts(tasks.iter().copied()),
        "tasks": details,
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
    })
}

fn snapshot_page(shared: &Shared, v: &Views, s: usize) -> Value {
    let model = v.model;
    let snap = &model.snapshots[s];
    let results: Vec<Value> = snap
        .units
        .iter()
        .map(|us| {
            let r = compute::unit_result(model, us);
            let previous = shared.previous(us.unit, s);
            json!({
                "summary": v.result(s, &r, None, previous),
                "rows": v.score_rows(&r, us, previous.map(|(_, p)| p), true),
            })
        })
        .collect();
    json!({
        "date": snap.date.to_string(),
        "stage": labels::stage(snap.stage),
        "title": snap.title,
        "source": snap.source,
        "results": results,
    })
}
