//! Which pages a site has: one entry per page to render, planned from the
//! model and the computed lookups before anything is rendered. Long lists
//! are split over pages here (by month, by group, by page of tasks).

use std::collections::{BTreeMap, BTreeSet};

use chrono::Datelike;

use crate::compute::Computed;
use crate::limits::LIMITS;
use crate::model::{Audience, CriterionRef, Model};

use super::routes;

/// One page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
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
    Search,
    NotFound,
    /// The site's frameable summary, for a portal's `<iframe>`.
    Embed,
    /// A unit's frameable summary.
    UnitEmbed(usize),
}

impl Page {
    /// A frameable summary: not in the sitemap, not in an offline copy.
    pub fn is_embed(&self) -> bool {
        matches!(self, Page::Embed | Page::UnitEmbed(_))
    }
}

/// Every page of the site, in a fixed order: the large pages first and the
/// notes (many and small) last, so that a parallel render ends on small
/// pages and no core is left alone with a run of large ones.
pub fn pages(model: &Model, computed: &Computed) -> Vec<Page> {
    let mut pages = vec![
        Page::Home,
        Page::Units,
        Page::Criteria,
        Page::Timeline,
        Page::Data,
        Page::Search,
        Page::NotFound,
    ];
    pages.extend((0..model.units.len()).map(Page::Unit));
    for (f, fw) in model.frameworks.iter().enumerate() {
        pages.extend((0..fw.criteria.len()).map(|c| {
            Page::Criterion(CriterionRef {
                framework: f,
                criterion: c,
            })
        }));
    }
    for (d, tasks) in computed.index.tasks_by_directive.iter().enumerate() {
        let count = tasks.len().div_ceil(LIMITS.tasks_per_page).max(1);
        pages.extend((0..count).map(|p| Page::Directive(d, p)));
    }
    snapshot_pages(model, computed, &mut pages);
    timeline_pages(model, computed, &mut pages);
    // A portal frames a public site's summaries; the committee's build,
    // under its secret folder, has none to give.
    if model.site.audience == Audience::Public {
        pages.push(Page::Embed);
        pages.extend((0..model.units.len()).map(Page::UnitEmbed));
    }
    pages.extend((0..model.notes.len()).map(Page::Note));
    pages
}

/// Each snapshot; with many units, also one page per group.
fn snapshot_pages(model: &Model, computed: &Computed, pages: &mut Vec<Page>) {
    for (s, snap) in model.snapshots.iter().enumerate() {
        pages.push(Page::Snapshot(s));
        if snap.units.len() > LIMITS.unit_rows {
            let groups: BTreeSet<usize> = snap
                .units
                .iter()
                .filter_map(|us| computed.index.group[us.unit])
                .collect();
            pages.extend(groups.into_iter().map(|g| Page::SnapshotGroup(s, g)));
        }
    }
}

/// With many deadlines, one page per month; a busy month, one per group.
fn timeline_pages(model: &Model, computed: &Computed, pages: &mut Vec<Page>) {
    let deadlines = &computed.index.deadlines;
    if deadlines.len() <= LIMITS.timeline_deadlines {
        return;
    }
    let mut months: BTreeMap<(i32, u32), (usize, BTreeSet<usize>)> = BTreeMap::new();
    for d in deadlines {
        let month = months.entry((d.date.year(), d.date.month())).or_default();
        month.0 += 1;
        month.1.insert(computed.deadline_group(model, d));
    }
    for ((y, m), (count, groups)) in months {
        pages.push(Page::TimelineMonth(y, m));
        if count > LIMITS.month_deadlines {
            pages.extend(
                groups
                    .into_iter()
                    .map(|g| Page::TimelineMonthGroup(y, m, g)),
            );
        }
    }
}

/// Whether a page shows a snapshot as it stood: no "as of" line.
pub fn is_frozen(page: &Page) -> bool {
    matches!(page, Page::Snapshot(_) | Page::SnapshotGroup(..))
}

/// Where a page is written, and so where its links start from.
pub fn route(model: &Model, page: &Page) -> String {
    let unit = |u: usize| model.units[u].id.as_str();
    match *page {
        Page::Home => routes::HOME.into(),
        Page::Units => routes::UNITS.into(),
        Page::Unit(u) => routes::unit_route(unit(u)),
        Page::Criteria => routes::CRITERIA.into(),
        Page::Criterion(r) => {
            routes::criterion_route(&model.frameworks[r.framework].id, &model.criterion(r).code)
        }
        Page::Timeline => routes::TIMELINE.into(),
        Page::TimelineMonth(y, m) => routes::timeline_month_route(y, m),
        Page::TimelineMonthGroup(y, m, g) => routes::timeline_month_group_route(y, m, unit(g)),
        Page::Directive(d, p) => routes::directive_page_route(&model.directives[d].id, p),
        Page::Note(n) => routes::note_route(&model.notes[n].id),
        Page::Snapshot(s) => routes::snapshot_route(model.snapshots[s].date),
        Page::SnapshotGroup(s, g) => routes::snapshot_group_route(model.snapshots[s].date, unit(g)),
        Page::Data => routes::DATA_DIR.into(),
        Page::Search => routes::SEARCH.into(),
        Page::NotFound => routes::NOT_FOUND.into(),
        Page::Embed => routes::EMBED.into(),
        Page::UnitEmbed(u) => routes::unit_embed_route(unit(u)),
    }
}
