//! Stage 5, render: the model and computed results through the theme's Tera
//! templates into pages. Every page is rendered and minified in parallel.

pub mod charts;
pub mod export;
mod format;
mod index;
mod labels;
mod markdown;
mod pages;
mod routes;
mod theme;
mod views;

use std::collections::BTreeMap;

use anyhow::Context as _;
use rayon::prelude::*;
use serde_json::{Value, json};

use crate::compute::{self, Status, UnitResult};
use crate::model::{Audience, CriterionRef, Model};
pub use format::{date_vi, num_vi};
use index::Index;
pub use markdown::markdown_to_safe_html;
pub use routes::Routes;
pub use theme::Theme;
use views::*;

/// One file of the built site: its path under the output folder and bytes.
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where rendered files go, as soon as each is made: called from several
/// threads at once.
pub type Sink<'a> = dyn Fn(OutputFile) -> anyhow::Result<()> + Sync + 'a;

/// What a render produced.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderReport {
    pub files: usize,
    pub pages: usize,
    pub bytes: usize,
}

/// At most this many units get their own score card on the home page.
const MAX_HEADLINE_UNITS: usize = 3;
/// Up to this many units, a snapshot page shows every unit's criteria.
const DETAIL_LIMIT: usize = 20;
/// Longer lists of units are grouped (by province…) onto pages of their own.
const ROW_LIMIT: usize = 300;
/// More deadlines than this split the timeline into one page per month.
const TIMELINE_LIMIT: usize = 400;
/// A month with more deadlines than this is split by group (province…).
const MONTH_LIMIT: usize = 600;

/// One page to render.
enum Job {
    Home,
    Units,
    Unit(usize),
    Criteria,
    Criterion(CriterionRef),
    Timeline,
    /// The deadlines of one month (year, month), on large sites.
    TimelineMonth(i32, u32),
    /// The deadlines of one group (a province…) in a busy month.
    TimelineMonthGroup(i32, u32, usize),
    /// A directive and the page of its task list (0-based).
    Directive(usize, usize),
    Note(usize),
    Snapshot(usize),
    /// The units of one group (a province…) in a snapshot, on large sites.
    SnapshotGroup(usize, usize),
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
    index: Index,
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

    /// The group a deadline is listed under on a busy month's pages: that
    /// of the unit that must act (the lead, or who escalates).
    fn deadline_group(&self, d: &compute::Deadline) -> usize {
        let task = &self.model.tasks[d.task];
        let unit = match d.kind {
            compute::DeadlineKind::Escalation => task
                .escalation
                .as_ref()
                .and_then(|e| e.by)
                .unwrap_or(task.lead),
            compute::DeadlineKind::Task => task.lead,
        };
        self.index.group[unit].unwrap_or(unit)
    }

    /// The unit's result in snapshot `si`, if it was scored then.
    fn result_at(&self, unit: usize, si: usize) -> Option<&UnitResult> {
        self.histories
            .get(&unit)
            .and_then(|h| h.iter().find(|(s, _)| *s == si))
            .map(|(_, r)| r)
    }

    /// Latest results of every scored unit, by unit index.
    fn latests(&self) -> impl Iterator<Item = &(usize, UnitResult)> {
        self.histories.values().filter_map(|h| h.last())
    }
}

/// Renders every page of the site and the files beside them.
/// Renders every page of the site and the files beside them into `sink`.
pub fn render_site(model: &Model, theme: &Theme, sink: &Sink) -> anyhow::Result<RenderReport> {
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
    let index = Index::new(model);
    let shared = Shared {
        model,
        routes,
        statuses,
        histories,
        ranks,
        index,
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
    for (d, tasks) in shared.index.tasks_by_directive.iter().enumerate() {
        let pages = tasks.len().div_ceil(index::TASKS_PER_PAGE).max(1);
        jobs.extend((0..pages).map(|p| Job::Directive(d, p)));
    }
    jobs.extend((0..model.notes.len()).map(Job::Note));
    for (s, snap) in model.snapshots.iter().enumerate() {
        jobs.push(Job::Snapshot(s));
        if snap.units.len() > ROW_LIMIT {
            let mut groups: Vec<usize> = snap
                .units
                .iter()
                .filter_map(|us| shared.index.group[us.unit])
                .collect();
            groups.sort_unstable();
            groups.dedup();
            jobs.extend(groups.into_iter().map(|g| Job::SnapshotGroup(s, g)));
        }
    }
    if shared.index.deadlines.len() > TIMELINE_LIMIT {
        let mut months: BTreeMap<(i32, u32), std::collections::BTreeSet<usize>> = BTreeMap::new();
        let mut counts: BTreeMap<(i32, u32), usize> = BTreeMap::new();
        for d in &shared.index.deadlines {
            let key = (
                chrono::Datelike::year(&d.date),
                chrono::Datelike::month(&d.date),
            );
            months
                .entry(key)
                .or_default()
                .insert(shared.deadline_group(d));
            *counts.entry(key).or_default() += 1;
        }
        for ((y, m), groups) in months {
            jobs.push(Job::TimelineMonth(y, m));
            if counts[&(y, m)] > MONTH_LIMIT {
                jobs.extend(groups.into_iter().map(|g| Job::TimelineMonthGroup(y, m, g)));
            }
        }
    }

    // Each page goes to the sink as soon as it is made: the site is never
    // held in memory whole.
    let written: Vec<(String, usize)> = jobs
        .par_iter()
        .map(|job| {
            let (route, bytes) = render_job(&shared, theme, job)?;
            let size = bytes.len();
            sink(OutputFile {
                path: Routes::file(&route),
                bytes,
            })?;
            Ok((route, size))
        })
        .collect::<anyhow::Result<_>>()?;
    let mut report = RenderReport {
        files: written.len(),
        pages: written.len(),
        bytes: written.iter().map(|(_, n)| n).sum(),
    };
    let mut sitemap_routes: Vec<String> = written
        .into_iter()
        .map(|(route, _)| route)
        .filter(|route| route != "404.html")
        .collect();
    let mut extra = vec![
        OutputFile {
            path: routes::STYLESHEET.into(),
            bytes: theme.stylesheet().as_bytes().to_vec(),
        },
        OutputFile {
            path: "robots.txt".into(),
            bytes: robots(model).into_bytes(),
        },
    ];
    if model.site.audience == Audience::Public {
        sitemap_routes.sort();
        extra.push(OutputFile {
            path: "sitemap.xml".into(),
            bytes: sitemap(model, &sitemap_routes).into_bytes(),
        });
    }
    let input = export::ExportInput {
        model,
        statuses: &shared.statuses,
        histories: &shared.histories,
    };
    for files in export::exporters()
        .par_iter()
        .map(|e| e.export(&input))
        .collect::<Vec<_>>()
    {
        extra.extend(files);
    }
    for file in extra {
        report.files += 1;
        report.bytes += file.bytes.len();
        sink(file)?;
    }
    Ok(report)
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
    let (route, template, title, ctx) = pages::page_context(shared, job);
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
            "frozen": matches!(job, Job::Snapshot(_) | Job::SnapshotGroup(..)),
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
    Ok((route, html.into_bytes()))
}
