//! One unit's page: its scores by criterion, the criteria it owns for
//! others, its tasks with their deadlines, its units and its notes.

use serde::Serialize;

use super::calendar::{self, CalendarLink};
use super::embed::{self, EmbedCode};
use super::timeline::{DayView, days};
use super::{Rendered, rendered};
use crate::compute::by_day;
use crate::graphics::charts;
use crate::render::views::*;
use crate::routes;

#[derive(Serialize)]
struct UnitPage {
    unit: Link,
    kind: String,
    short_name: Option<String>,
    parent: Option<Link>,
    children: Vec<Link>,
    framework: Option<Link>,
    result: Option<UnitScoresView>,
    owned: Vec<OwnedCriterion>,
    status_counts: Vec<StatusCount>,
    task_total: usize,
    pace: Vec<charts::PacePoint>,
    undated: Vec<TaskView>,
    partner_tasks: Vec<TaskView>,
    partner_total: usize,
    timeline: Vec<DayView>,
    notes: Vec<NoteLink>,
    /// The unit's deadlines as a calendar, when it has tasks.
    calendar: Option<CalendarLink>,
    /// The code that frames the unit's summary in a portal.
    embed: Option<EmbedCode>,
}

/// The unit's latest scores.
#[derive(Serialize)]
struct UnitScoresView {
    summary: Option<ResultView>,
    rows: Vec<ScoreRow>,
    fields: Vec<charts::Bar<'static>>,
    history: Option<HistoryView>,
}

/// A criterion the unit owns (or takes part in) for a scored unit.
#[derive(Serialize)]
struct OwnedCriterion {
    criterion: CriterionLink,
    #[serde(rename = "for")]
    scored_unit: Link,
    role: String,
    points: Option<f64>,
    max: f64,
    #[serde(serialize_with = "crate::render::views::plain")]
    bar: f64,
    source: Option<String>,
}

pub fn page(v: &Views, u: usize) -> anyhow::Result<Rendered> {
    let model = v.model;
    let unit = &model.units[u];
    let ix = &v.computed.index;
    let led = &ix.tasks_by_lead[u];
    let partner = &ix.tasks_by_partner[u];
    let deadlines = v.computed.unit_deadlines(model, u);
    let view = UnitPage {
        unit: v.unit(u),
        kind: v.words.kind(&unit.kind).to_string(),
        short_name: unit.short_name.clone(),
        parent: unit.parent.map(|p| v.unit(p)),
        children: v.units(&ix.children[u]),
        framework: unit.framework.map(|f| v.framework(f)),
        result: scores(v, u),
        owned: owned(v, u),
        status_counts: v.status_counts(led.iter().copied()),
        task_total: led.len(),
        pace: v.pace(led.iter().copied()),
        undated: v.tasks(
            led.iter()
                .copied()
                .filter(|&t| model.tasks[t].due.is_none()),
        ),
        partner_tasks: v.capped_tasks(partner),
        partner_total: partner.len(),
        timeline: days(v, &by_day(&deadlines, model.site.as_of, true)),
        notes: v.note_links(&ix.notes_by_unit[u]),
        calendar: (!led.is_empty() || !partner.is_empty()).then(|| {
            let undated = led
                .iter()
                .chain(partner)
                .filter(|&&t| model.tasks[t].due.is_none())
                .count();
            calendar::link(v, &routes::unit_calendar(&unit.id), undated)
        }),
        embed: embed::code(v, Some(u)),
    };
    rendered("unit.html", unit.name.clone(), view)
}

fn scores(v: &Views, u: usize) -> Option<UnitScoresView> {
    let (si, r) = v.computed.latest(u)?;
    let scores = v.model.snapshots[*si]
        .units
        .iter()
        .find(|us| us.unit == u && us.framework == r.framework)?;
    let previous = v.computed.previous(u, *si);
    Some(UnitScoresView {
        summary: v.latest_result(u),
        rows: v.score_rows(r, scores, previous.map(|(_, p)| p), false),
        fields: v.field_bars(r),
        history: v.history(u),
    })
}

fn owned(v: &Views, u: usize) -> Vec<OwnedCriterion> {
    let model = v.model;
    v.computed.index.assignments_by_unit[u]
        .iter()
        .map(|&a| &model.assignments[a])
        .map(|a| {
            let c = model.criterion(a.criterion);
            let points = v.computed.latest_points(a.scored_unit, a.criterion);
            let role = if a.owner == u {
                "common.lead"
            } else {
                "common.partner"
            };
            OwnedCriterion {
                criterion: v.criterion(a.criterion),
                scored_unit: v.unit(a.scored_unit),
                role: v.words.get(role).to_string(),
                points: points.map(pts),
                max: pts(c.max),
                bar: points.map(|p| bar(p, c.max)).unwrap_or(0.0),
                source: a.source.clone(),
            }
        })
        .collect()
}
