//! Open data as JSON, for programs.

use serde::Serialize;

use super::{ExportInput, Exporter};
use crate::model::Points;
use crate::routes::{self, OutputFile};

/// JSON for programs: `tiendo.json` with units, criteria, tasks and the
/// totals of each snapshot, and one `diem-DATE.json` per snapshot with
/// every point. Written from borrowed structs, never as a generic tree:
/// a national snapshot has half a million units' points.
pub struct JsonExporter;

#[derive(Serialize)]
struct JsonSite<'a> {
    site: JsonSiteInfo<'a>,
    units: Vec<JsonUnit<'a>>,
    frameworks: Vec<JsonFramework<'a>>,
    tasks: Vec<JsonTask<'a>>,
    snapshots: Vec<JsonSnapshot<'a>>,
}

#[derive(Serialize)]
struct JsonSiteInfo<'a> {
    title: &'a str,
    organization: &'a str,
    as_of: String,
}

#[derive(Serialize)]
struct JsonUnit<'a> {
    id: &'a str,
    name: &'a str,
    short_name: Option<&'a str>,
    kind: &'a str,
    parent: Option<&'a str>,
    framework: Option<&'a str>,
    latest: Option<JsonResult<'a>>,
}

#[derive(Serialize)]
struct JsonResult<'a> {
    date: String,
    total: f64,
    max: f64,
    percent: f64,
    band: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonFramework<'a> {
    id: &'a str,
    title: &'a str,
    scheme: Option<&'a str>,
    year: Option<i32>,
    max: f64,
    criteria: Vec<JsonCriterion<'a>>,
}

#[derive(Serialize)]
struct JsonCriterion<'a> {
    code: &'a str,
    title: &'a str,
    max: f64,
    parent: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonTask<'a> {
    id: &'a str,
    title: &'a str,
    lead: &'a str,
    partners: Vec<&'a str>,
    criterion: Option<String>,
    due: Option<String>,
    due_text: Option<&'a str>,
    done_on: Option<String>,
    status: &'static str,
    escalation: Option<JsonEscalation<'a>>,
    source: &'a str,
}

#[derive(Serialize)]
struct JsonEscalation<'a> {
    action: &'a str,
    by: Option<&'a str>,
    to: Option<&'a str>,
    due: Option<String>,
    basis: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonSnapshot<'a> {
    date: String,
    stage: &'a str,
    title: Option<&'a str>,
    source: Option<&'a str>,
    /// Where every point of this snapshot is.
    points_file: String,
    totals: Vec<JsonTotal<'a>>,
}

#[derive(Serialize)]
struct JsonTotal<'a> {
    unit: &'a str,
    framework: &'a str,
    total: f64,
}

#[derive(Serialize)]
struct JsonPoints<'a> {
    date: String,
    frameworks: Vec<JsonFrameworkPoints<'a>>,
}

/// The points of one framework in one snapshot: `codes` name the columns of
/// each unit's `points` (null where not scored).
#[derive(Serialize)]
struct JsonFrameworkPoints<'a> {
    framework: &'a str,
    codes: Vec<&'a str>,
    units: Vec<JsonUnitPoints<'a>>,
}

#[derive(Serialize)]
struct JsonUnitPoints<'a> {
    unit: &'a str,
    points: Vec<Option<f64>>,
}

impl Exporter for JsonExporter {
    fn export(&self, input: &ExportInput) -> Vec<OutputFile> {
        let mut files = vec![site_file(input)];
        files.extend(input.model.snapshots.iter().map(|s| points_file(input, s)));
        files
    }
}

/// `tiendo.json`: everything but the points of each criterion.
fn site_file(input: &ExportInput) -> OutputFile {
    let m = input.model;
    let site = JsonSite {
        site: JsonSiteInfo {
            title: &m.site.title,
            organization: &m.site.organization,
            as_of: m.site.as_of.to_string(),
        },
        units: units(input),
        frameworks: frameworks(input),
        tasks: tasks(input),
        snapshots: snapshots(input),
    };
    OutputFile {
        path: routes::DATA_JSON.into(),
        bytes: serde_json::to_vec(&site).unwrap_or_default(),
    }
}

fn units<'a>(input: &ExportInput<'a>) -> Vec<JsonUnit<'a>> {
    let m = input.model;
    let id = |u: usize| m.units[u].id.as_str();
    m.units
        .iter()
        .enumerate()
        .map(|(i, u)| JsonUnit {
            id: &u.id,
            name: &u.name,
            short_name: u.short_name.as_deref(),
            kind: &u.kind,
            parent: u.parent.map(id),
            framework: u.framework.map(|f| m.frameworks[f].id.as_str()),
            latest: input.latest(i).map(|(si, r)| JsonResult {
                date: m.snapshots[*si].date.to_string(),
                total: r.total.as_f64(),
                max: r.max.as_f64(),
                percent: r.percent.as_f64(),
                band: r
                    .band
                    .map(|b| m.frameworks[r.framework].bands[b].name.as_str()),
            }),
        })
        .collect()
}

fn frameworks<'a>(input: &ExportInput<'a>) -> Vec<JsonFramework<'a>> {
    input
        .model
        .frameworks
        .iter()
        .map(|fw| JsonFramework {
            id: &fw.id,
            title: &fw.title,
            scheme: fw.scheme.as_deref(),
            year: fw.year,
            max: fw.max.as_f64(),
            criteria: fw
                .criteria
                .iter()
                .map(|c| JsonCriterion {
                    code: &c.code,
                    title: &c.title,
                    max: c.max.as_f64(),
                    parent: c.parent.map(|p| fw.criteria[p].code.as_str()),
                })
                .collect(),
        })
        .collect()
}

fn tasks<'a>(input: &ExportInput<'a>) -> Vec<JsonTask<'a>> {
    let m = input.model;
    let id = |u: usize| m.units[u].id.as_str();
    m.tasks
        .iter()
        .enumerate()
        .map(|(i, t)| JsonTask {
            id: &t.id,
            title: &t.title,
            lead: id(t.lead),
            partners: t.partners.iter().map(|&p| id(p)).collect(),
            criterion: t.criterion.map(|c| m.criterion_key(c)),
            due: t.due.map(|d| d.to_string()),
            due_text: t.due_text.as_deref(),
            done_on: t
                .done_on
                .filter(|d| *d <= m.site.as_of)
                .map(|d| d.to_string()),
            status: input.computed.statuses[i].slug(),
            escalation: t.escalation.as_ref().map(|e| JsonEscalation {
                action: &e.action,
                by: e.by.map(id),
                to: e.to.map(id),
                due: e.due.map(|d| d.to_string()),
                basis: e.basis.as_deref(),
            }),
            source: &m.directives[t.directive].source,
        })
        .collect()
}

fn snapshots<'a>(input: &ExportInput<'a>) -> Vec<JsonSnapshot<'a>> {
    let m = input.model;
    let id = |u: usize| m.units[u].id.as_str();
    m.snapshots
        .iter()
        .map(|s| JsonSnapshot {
            date: s.date.to_string(),
            stage: input.words.stage(s.stage),
            title: s.title.as_deref(),
            source: s.source.as_deref(),
            points_file: routes::data_points_json(s.date)
                .trim_start_matches(routes::DATA_DIR)
                .to_string(),
            totals: s
                .units
                .iter()
                .map(|us| JsonTotal {
                    unit: id(us.unit),
                    framework: &m.frameworks[us.framework].id,
                    total: us.scored().map(|(_, p)| p).sum::<Points>().as_f64(),
                })
                .collect(),
        })
        .collect()
}

/// `diem-DATE.json`: every point of one snapshot.
fn points_file(input: &ExportInput, s: &crate::model::Snapshot) -> OutputFile {
    let m = input.model;
    let id = |u: usize| m.units[u].id.as_str();
    let frameworks = m
        .frameworks
        .iter()
        .enumerate()
        .filter_map(|(fi, fw)| {
            let rows: Vec<_> = s.units.iter().filter(|us| us.framework == fi).collect();
            if rows.is_empty() {
                return None;
            }
            let leaves: Vec<usize> = (0..fw.criteria.len())
                .filter(|&c| fw.criteria[c].children.is_empty())
                .collect();
            Some(JsonFrameworkPoints {
                framework: &fw.id,
                codes: leaves
                    .iter()
                    .map(|&c| fw.criteria[c].code.as_str())
                    .collect(),
                units: rows
                    .iter()
                    .map(|us| JsonUnitPoints {
                        unit: id(us.unit),
                        points: leaves
                            .iter()
                            .map(|&c| us.get(c).map(Points::as_f64))
                            .collect(),
                    })
                    .collect(),
            })
        })
        .collect();
    let points = JsonPoints {
        date: s.date.to_string(),
        frameworks,
    };
    OutputFile {
        path: routes::data_points_json(s.date),
        bytes: serde_json::to_vec(&points).unwrap_or_default(),
    }
}
