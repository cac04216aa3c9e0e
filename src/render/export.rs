//! Open data and feeds: files beside the pages, each made by an exporter
//! with one verb. CSV files start with a UTF-8 byte-order mark so that Excel
//! shows Vietnamese correctly; JSON is for programs; Atom for feed readers.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::OutputFile;
use super::format::date_vi;
use super::labels;
use crate::compute::{Status, UnitResult};
use crate::model::{Audience, Model, Points};

/// What exporters read: the model and what was computed from it.
pub struct ExportInput<'a> {
    pub model: &'a Model,
    pub statuses: &'a [Status],
    /// Results per scored unit over the snapshots.
    pub histories: &'a BTreeMap<usize, Vec<(usize, UnitResult)>>,
}

impl ExportInput<'_> {
    fn latest(&self, unit: usize) -> Option<&(usize, UnitResult)> {
        self.histories.get(&unit).and_then(|h| h.last())
    }
}

/// Makes some files of the site from the whole model.
pub trait Exporter: Sync {
    fn export(&self, input: &ExportInput) -> Vec<OutputFile>;
}

/// The folder of the open data files.
pub const DATA_DIR: &str = "du-lieu/";

/// The exporters of a build, in order.
pub fn exporters() -> Vec<Box<dyn Exporter>> {
    vec![
        Box::new(CsvExporter),
        Box::new(JsonExporter),
        Box::new(AtomFeed),
    ]
}

/// Quotes a CSV field when needed (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with([' ', '=', '+', '-', '@']) {
        // A leading = + - @ would be taken as a formula by spreadsheets:
        // quote and prefix with an apostrophe-free space-less guard.
        let guarded = if s.starts_with(['=', '+', '-', '@']) && s.parse::<f64>().is_err() {
            format!("'{s}")
        } else {
            s.to_string()
        };
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for row in rows {
        let fields: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn unit_ids(model: &Model, us: &[usize]) -> String {
    us.iter()
        .map(|&u| model.units[u].id.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

pub struct CsvExporter;

impl Exporter for CsvExporter {
    fn export(&self, input: &ExportInput) -> Vec<OutputFile> {
        let m = input.model;
        let mut files = Vec::new();
        let units = m.units.iter().enumerate().map(|(i, u)| {
            let r = input.latest(i);
            vec![
                u.id.clone(),
                u.name.clone(),
                opt(u.short_name.as_ref()),
                u.kind.clone(),
                opt(u.parent.map(|p| &m.units[p].id)),
                opt(u.framework.map(|f| &m.frameworks[f].id)),
                opt(r.map(|(_, r)| r.total)),
                opt(r.map(|(_, r)| r.max)),
                opt(r.map(|(_, r)| r.percent)),
                opt(r.and_then(|(_, r)| {
                    r.band
                        .map(|b| m.frameworks[r.framework].bands[b].name.clone())
                })),
                opt(r.map(|(si, _)| m.snapshots[*si].date)),
            ]
        });
        files.push(OutputFile {
            path: format!("{DATA_DIR}don-vi.csv"),
            bytes: csv(
                &[
                    "id",
                    "ten",
                    "ten_ngan",
                    "loai",
                    "cap_tren",
                    "bo_chi_so",
                    "diem",
                    "diem_toi_da",
                    "ty_le_phan_tram",
                    "xep_loai",
                    "ngay_danh_gia",
                ],
                units,
            ),
        });
        let criteria = m.frameworks.iter().flat_map(|fw| {
            fw.criteria.iter().map(move |c| {
                vec![
                    fw.id.clone(),
                    c.code.clone(),
                    c.title.clone(),
                    c.max.to_string(),
                    labels::method(c.method).to_string(),
                    opt(c.parent.map(|p| &fw.criteria[p].code)),
                    opt(c.note.as_ref()),
                ]
            })
        });
        files.push(OutputFile {
            path: format!("{DATA_DIR}tieu-chi.csv"),
            bytes: csv(
                &[
                    "bo_chi_so",
                    "ma",
                    "ten",
                    "diem_toi_da",
                    "phuong_phap",
                    "ma_cap_tren",
                    "ghi_chu",
                ],
                criteria,
            ),
        });
        let tasks = m.tasks.iter().enumerate().map(|(i, t)| {
            vec![
                t.id.clone(),
                t.title.clone(),
                m.units[t.lead].id.clone(),
                unit_ids(m, &t.partners),
                opt(t.criterion.map(|c| m.criterion_key(c))),
                opt(t.due),
                opt(t.due_text.as_ref()),
                opt(t.done_on.filter(|d| *d <= m.site.as_of)),
                input.statuses[i].slug().to_string(),
                m.directives[t.directive].source.clone(),
            ]
        });
        files.push(OutputFile {
            path: format!("{DATA_DIR}nhiem-vu.csv"),
            bytes: csv(
                &[
                    "id",
                    "ten",
                    "chu_tri",
                    "phoi_hop",
                    "tieu_chi",
                    "han",
                    "han_nguyen_van",
                    "ngay_hoan_thanh",
                    "trang_thai",
                    "van_ban",
                ],
                tasks,
            ),
        });
        // Scores: one wide table per snapshot and framework, a row per unit
        // and a column per scored criterion, as score sheets are kept.
        for snap in &m.snapshots {
            for (fi, fw) in m.frameworks.iter().enumerate() {
                let rows: Vec<_> = snap.units.iter().filter(|us| us.framework == fi).collect();
                if rows.is_empty() {
                    continue;
                }
                let leaves: Vec<usize> = (0..fw.criteria.len())
                    .filter(|&c| fw.criteria[c].children.is_empty())
                    .collect();
                let mut header = vec!["don_vi".to_string(), "tong".to_string()];
                header.extend(leaves.iter().map(|&c| fw.criteria[c].code.clone()));
                let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
                let body = rows.iter().map(|us| {
                    let total: Points = us.scored().map(|(_, p)| p).sum();
                    let mut row = vec![m.units[us.unit].id.clone(), total.to_string()];
                    row.extend(leaves.iter().map(|&c| opt(us.get(c))));
                    row
                });
                files.push(OutputFile {
                    path: format!("{DATA_DIR}diem-{}-{}.csv", snap.date, fw.id),
                    bytes: csv(&header_refs, body),
                });
            }
        }
        files
    }
}

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
    stage: &'static str,
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

fn points_file(date: chrono::NaiveDate) -> String {
    format!("diem-{date}.json")
}

impl Exporter for JsonExporter {
    fn export(&self, input: &ExportInput) -> Vec<OutputFile> {
        let m = input.model;
        let id = |u: usize| m.units[u].id.as_str();
        let units = m
            .units
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
            .collect();
        let frameworks = m
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
            .collect();
        let tasks = m
            .tasks
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
                status: input.statuses[i].slug(),
                escalation: t.escalation.as_ref().map(|e| JsonEscalation {
                    action: &e.action,
                    by: e.by.map(id),
                    to: e.to.map(id),
                    due: e.due.map(|d| d.to_string()),
                    basis: e.basis.as_deref(),
                }),
                source: &m.directives[t.directive].source,
            })
            .collect();
        let snapshots = m
            .snapshots
            .iter()
            .map(|s| JsonSnapshot {
                date: s.date.to_string(),
                stage: labels::stage(s.stage),
                title: s.title.as_deref(),
                source: s.source.as_deref(),
                points_file: points_file(s.date),
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
            .collect();
        let site = JsonSite {
            site: JsonSiteInfo {
                title: &m.site.title,
                organization: &m.site.organization,
                as_of: m.site.as_of.to_string(),
            },
            units,
            frameworks,
            tasks,
            snapshots,
        };
        let mut files = vec![OutputFile {
            path: format!("{DATA_DIR}tiendo.json"),
            bytes: serde_json::to_vec(&site).unwrap_or_default(),
        }];
        for s in &m.snapshots {
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
            files.push(OutputFile {
                path: format!("{DATA_DIR}{}", points_file(s.date)),
                bytes: serde_json::to_vec(&points).unwrap_or_default(),
            });
        }
        files
    }
}

/// How many entries the feed keeps: feed readers want what is new.
const FEED_ENTRIES: usize = 50;

/// An Atom feed of the notes and the score reports, newest first.
pub struct AtomFeed;

fn xml(s: &str) -> String {
    super::charts::escape(s)
}

impl Exporter for AtomFeed {
    fn export(&self, input: &ExportInput) -> Vec<OutputFile> {
        let m = input.model;
        let tz = &m.site.timezone;
        let base = &m.site.base_url;
        let mut entries: Vec<(chrono::NaiveDate, String)> = Vec::new();
        for n in m
            .notes
            .iter()
            .filter(|n| n.audience == Audience::Public || m.site.audience == Audience::Committee)
        {
            let url = format!("{base}{}", super::routes::note_route(&n.id));
            let summary = match n.summary.as_deref() {
                Some(s) if !s.trim().is_empty() => format!("<summary>{}</summary>", xml(s)),
                _ => String::new(),
            };
            entries.push((
                n.date,
                format!(
                    "<entry><title>{}</title><link href=\"{}\"/><id>{}</id><updated>{}T00:00:00{tz}</updated>{summary}</entry>",
                    xml(&n.title),
                    xml(&url),
                    xml(&url),
                    n.date,
                ),
            ));
        }
        for s in &m.snapshots {
            let url = format!("{base}{}", super::routes::snapshot_route(s.date));
            let title = format!(
                "Đợt đánh giá ngày {} ({})",
                date_vi(s.date),
                labels::stage(s.stage)
            );
            let summary = format!(
                "{} đơn vị được chấm điểm.{}",
                s.units.len(),
                s.source
                    .as_ref()
                    .map(|x| format!(" Nguồn: {x}."))
                    .unwrap_or_default()
            );
            entries.push((
                s.date,
                format!(
                    "<entry><title>{}</title><link href=\"{}\"/><id>{}</id><updated>{}T00:00:00{tz}</updated><summary>{}</summary></entry>",
                    xml(&title),
                    xml(&url),
                    xml(&url),
                    s.date,
                    xml(&summary)
                ),
            ));
        }
        entries.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        entries.truncate(FEED_ENTRIES);
        let updated = entries.first().map(|e| e.0).unwrap_or(m.site.as_of);
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">",
        );
        let _ = write!(
            out,
            "<title>{}</title><link href=\"{}\"/><link rel=\"self\" href=\"{}feed.xml\"/><id>{}</id><updated>{}T00:00:00{tz}</updated><author><name>{}</name></author>",
            xml(&m.site.title),
            xml(base),
            xml(base),
            xml(base),
            updated,
            xml(&m.site.organization)
        );
        for (_, e) in entries {
            out.push_str(&e);
        }
        out.push_str("</feed>\n");
        vec![OutputFile {
            path: "feed.xml".into(),
            bytes: out.into_bytes(),
        }]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_guards_formulas() {
        assert_eq!(csv_field("Tân Lợi"), "Tân Lợi");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-1.5"), "\"-1.5\"");
    }

    #[test]
    fn csv_starts_with_a_bom() {
        let bytes = csv(
            &["a", "b"],
            std::iter::once(vec!["1".into(), "Đồng Nơ".into()]),
        );
        assert!(bytes.starts_with("\u{feff}".as_bytes()));
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "\u{feff}a,b\r\n1,Đồng Nơ\r\n"
        );
    }
}
