//! The list of units, by kind; a kind with very many units (communes of
//! the country) is counted by group instead, each group's page listing its
//! own.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Rendered, rendered};
use crate::compute::Status;
use crate::limits::LIMITS;
use crate::render::views::*;

#[derive(Serialize)]
struct UnitsPage {
    groups: Vec<KindGroup>,
}

/// The units of one kind.
#[derive(Serialize)]
struct KindGroup {
    kind: String,
    slug: String,
    count: usize,
    units: Vec<UnitRow>,
    /// When the kind has too many units to list: how many in each group.
    by_group: Vec<GroupCount>,
}

#[derive(Serialize)]
struct UnitRow {
    unit: Link,
    result: Option<ResultView>,
    tasks: usize,
    overdue: usize,
}

pub fn page(v: &Views) -> anyhow::Result<Rendered> {
    let model = v.model;
    let mut kinds: BTreeMap<(usize, &str), Vec<usize>> = BTreeMap::new();
    for (i, u) in model.units.iter().enumerate() {
        kinds
            .entry((kind_order(&u.kind), u.kind.as_str()))
            .or_default()
            .push(i);
    }
    let led = &v.computed.index.tasks_by_lead;
    let groups = kinds
        .into_iter()
        .map(|((_, kind), units)| {
            let count = units.len();
            let (units, by_group) = if count > LIMITS.unit_rows {
                (Vec::new(), v.by_group(units))
            } else {
                let rows = units
                    .iter()
                    .map(|&u| UnitRow {
                        unit: v.unit(u),
                        result: v.latest_result(u),
                        tasks: led[u].len(),
                        overdue: v
                            .computed
                            .status_counts(led[u].iter().copied())
                            .get(Status::Overdue),
                    })
                    .collect();
                (rows, Vec::new())
            };
            KindGroup {
                kind: v.words.kind(kind).to_string(),
                slug: kind.to_string(),
                count,
                units,
                by_group,
            }
        })
        .collect();
    let title = v.words.get("title.units").to_string();
    rendered("units.html", title, UnitsPage { groups })
}
