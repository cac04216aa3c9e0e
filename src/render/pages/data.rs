//! The open data page: every file to download.

use serde::Serialize;

use super::{Rendered, rendered};
use crate::export::{ScoresSheet, scores_sheet};
use crate::render::views::*;
use crate::routes;

#[derive(Serialize)]
struct DataPage {
    units_csv: String,
    criteria_csv: String,
    tasks_csv: String,
    json: String,
    xlsx: String,
    /// When the workbook's scores sheet holds only the newest snapshots:
    /// the date of the first it holds.
    xlsx_scores_from: Option<String>,
    /// When the workbook has no scores sheet (a national site's snapshot
    /// is too long for one).
    xlsx_without_scores: bool,
    feed: String,
    scores: Vec<DataFile>,
    points_json: Vec<DataFile>,
}

/// A data file of one snapshot (and framework).
#[derive(Serialize)]
struct DataFile {
    date: String,
    framework: Option<String>,
    href: String,
}

pub fn page(v: &Views) -> anyhow::Result<Rendered> {
    let m = v.model;
    let r = v.routes;
    let mut scores = Vec::new();
    for s in m.snapshots.iter().rev() {
        for (fi, fw) in m.frameworks.iter().enumerate() {
            if s.units.iter().any(|us| us.framework == fi) {
                scores.push(DataFile {
                    date: s.date.to_string(),
                    framework: Some(fw.title.clone()),
                    href: r.href(&routes::data_scores_csv(s.date, &fw.id)),
                });
            }
        }
    }
    let points_json = m
        .snapshots
        .iter()
        .rev()
        .map(|s| DataFile {
            date: s.date.to_string(),
            framework: None,
            href: r.href(&routes::data_points_json(s.date)),
        })
        .collect();
    let scores_sheet = scores_sheet(m);
    let view = DataPage {
        units_csv: r.href(routes::DATA_UNITS_CSV),
        criteria_csv: r.href(routes::DATA_CRITERIA_CSV),
        tasks_csv: r.href(routes::DATA_TASKS_CSV),
        json: r.href(routes::DATA_JSON),
        xlsx: r.href(routes::DATA_XLSX),
        xlsx_scores_from: match scores_sheet {
            ScoresSheet::From(i) => Some(m.snapshots[i].date.to_string()),
            _ => None,
        },
        xlsx_without_scores: scores_sheet == ScoresSheet::Without,
        feed: r.href(routes::FEED),
        scores,
        points_json,
    };
    let title = v.words.get("title.data").to_string();
    rendered("data.html", title, view)
}
