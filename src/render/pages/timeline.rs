//! The deadline timeline: every deadline in date order, with the "as of"
//! marker in its place. On large sites, one page per month, and a busy
//! month's deadlines on one page per group (province…).

use std::collections::BTreeMap;

use chrono::Datelike;
use chrono::NaiveDate;
use serde::Serialize;

use super::calendar::{self, CalendarLink};
use super::{Rendered, rendered};
use crate::compute::{
    Deadline, DeadlineKind, Status, StatusCounts, TimelineEntry, by_day, in_month,
};
use crate::limits::LIMITS;
use crate::render::lines::UnitStatus;
use crate::render::views::*;
use crate::routes;
use crate::text::format::serialize_iso;

/// One day of a timeline, or the "as of" marker (`as_of`, no items).
#[derive(Serialize)]
pub struct DayView {
    #[serde(serialize_with = "serialize_iso")]
    date: NaiveDate,
    items: Vec<DeadlineView>,
    as_of: bool,
}

/// A deadline, or the deadlines of a line of tasks given to several units
/// (see [`TaskLines::deadlines`](crate::compute::TaskLines::deadlines)):
/// the first one's task, and with several units each with the status of
/// its own deadline.
#[derive(Serialize)]
struct DeadlineView {
    kind: &'static str,
    status: &'static str,
    status_label: String,
    task: TaskView,
    units: Vec<UnitStatus>,
    /// With several units, how many of them are in each status.
    counts: Vec<StatusCount>,
    /// Whether a unit of the line is overdue: its escalation applies.
    escalate: bool,
}

#[derive(Serialize, Default)]
struct TimelinePage {
    /// The deadlines by day (a small site, a month, or a month's group).
    groups: Vec<DayView>,
    /// The months, each with its counts (a large site's first page).
    months: Vec<MonthLink>,
    /// The groups of a busy month, each with its counts.
    month_groups: Vec<MonthLink>,
    undated: Vec<TaskView>,
    undated_total: usize,
    /// On a month's pages: `tháng 11/2023`.
    month: Option<String>,
    all_href: Option<String>,
    month_href: Option<String>,
    group: Option<Link>,
    /// Every dated task as a calendar (on the timeline's first page).
    calendar: Option<CalendarLink>,
}

/// A month, or a group of a month, with how many deadlines of each status.
#[derive(Serialize)]
struct MonthLink {
    label: String,
    href: String,
    current: bool,
    counts: Vec<StatusCount>,
}

/// The views of timeline entries.
pub fn days(v: &Views, entries: &[TimelineEntry]) -> Vec<DayView> {
    entries
        .iter()
        .map(|e| match e {
            TimelineEntry::AsOf(date) => DayView {
                date: *date,
                items: Vec::new(),
                as_of: true,
            },
            TimelineEntry::Day { date, deadlines } => DayView {
                date: *date,
                items: v
                    .computed
                    .lines
                    .deadlines(deadlines.iter().copied())
                    .iter()
                    .map(|line| deadline(v, line))
                    .collect(),
                as_of: false,
            },
        })
        .collect()
}

/// A line of deadlines (one, or one for each unit of a line of tasks).
fn deadline(v: &Views, line: &[&Deadline]) -> DeadlineView {
    let d = line[0];
    let (units, counts) = if line.len() > 1 {
        let units = line
            .iter()
            .map(|d| v.unit_status(v.model.tasks[d.task].lead, d.status))
            .collect();
        let counts = StatusCounts::of(line.iter().map(|d| d.status));
        (units, v.counts(&counts, true))
    } else {
        (Vec::new(), Vec::new())
    };
    DeadlineView {
        kind: match d.kind {
            DeadlineKind::Task => "task",
            DeadlineKind::Escalation => "escalation",
        },
        status: d.status.slug(),
        status_label: v.words.status(d.status).to_string(),
        task: v.task(d.task),
        units,
        counts,
        escalate: line.iter().any(|d| d.status == Status::Overdue),
    }
}

pub fn page(v: &Views) -> anyhow::Result<Rendered> {
    let model = v.model;
    let deadlines = &v.computed.index.deadlines;
    let undated: Vec<usize> = (0..model.tasks.len())
        .filter(|&t| model.tasks[t].due.is_none())
        .collect();
    let undated_total = undated.len();
    let undated = if undated_total > LIMITS.undated_tasks {
        Vec::new()
    } else {
        undated
    };
    let mut view = TimelinePage {
        undated: v.tasks(undated),
        undated_total,
        calendar: Some(calendar::link(v, routes::TIMELINE_CALENDAR, undated_total)),
        ..TimelinePage::default()
    };
    if deadlines.len() <= LIMITS.timeline_deadlines {
        view.groups = days(v, &by_day(deadlines, model.site.as_of, true));
    } else {
        view.months = months(v);
    }
    let title = v.words.get("title.timeline").to_string();
    rendered("timeline.html", title, view)
}

/// Each month with its counts by status.
fn months(v: &Views) -> Vec<MonthLink> {
    let mut months: BTreeMap<(i32, u32), StatusCounts> = BTreeMap::new();
    for d in &v.computed.index.deadlines {
        months
            .entry((d.date.year(), d.date.month()))
            .or_default()
            .add(d.status);
    }
    let as_of = v.model.site.as_of;
    months
        .into_iter()
        .map(|((y, m), counts)| MonthLink {
            label: month_word(v, "timeline.month_label", y, m),
            href: v.routes.href(&routes::timeline_month_route(y, m)),
            current: as_of.year() == y && as_of.month() == m,
            counts: v.counts(&counts, true),
        })
        .collect()
}

fn month_word(v: &Views, key: &str, year: i32, month: u32) -> String {
    v.words.fill(
        key,
        &[("month", &month.to_string()), ("year", &year.to_string())],
    )
}

/// The deadlines of one month, or of one group in a busy month.
pub fn month_page(
    v: &Views,
    year: i32,
    month: u32,
    group: Option<usize>,
) -> anyhow::Result<Rendered> {
    let model = v.model;
    let c = v.computed;
    let deadlines = in_month(&c.index.deadlines, year, month);
    let month_route = routes::timeline_month_route(year, month);
    let mut view = TimelinePage {
        month: Some(month_word(v, "timeline.month_name", year, month)),
        all_href: Some(v.routes.href(routes::TIMELINE)),
        month_href: group.map(|_| v.routes.href(&month_route)),
        group: group.map(|g| v.unit(g)),
        ..TimelinePage::default()
    };
    if group.is_none() && deadlines.len() > LIMITS.month_deadlines {
        view.month_groups = month_groups(v, deadlines, year, month);
    } else {
        let as_of = model.site.as_of;
        let with_marker = as_of.year() == year && as_of.month() == month;
        let in_group = |d: &&Deadline| group.is_none_or(|g| c.deadline_group(model, d) == g);
        let in_group = deadlines.iter().filter(in_group);
        view.groups = days(v, &by_day(in_group, as_of, with_marker));
    }
    let title = match group {
        None => month_word(v, "title.timeline_month", year, month),
        Some(g) => v.words.fill(
            "title.timeline_month_group",
            &[
                ("month", &month.to_string()),
                ("year", &year.to_string()),
                ("group", &model.units[g].name),
            ],
        ),
    };
    rendered("timeline.html", title, view)
}

/// A busy month's groups (from the month's `deadlines`), each with its
/// counts by status.
fn month_groups(v: &Views, deadlines: &[Deadline], year: i32, month: u32) -> Vec<MonthLink> {
    let model = v.model;
    let mut by_group: BTreeMap<usize, StatusCounts> = BTreeMap::new();
    for d in deadlines {
        by_group
            .entry(v.computed.deadline_group(model, d))
            .or_default()
            .add(d.status);
    }
    by_group
        .into_iter()
        .map(|(g, counts)| MonthLink {
            label: model.units[g].name.clone(),
            href: v.routes.href(&routes::timeline_month_group_route(
                year,
                month,
                &model.units[g].id,
            )),
            current: false,
            counts: v.counts(&counts, true),
        })
        .collect()
}
