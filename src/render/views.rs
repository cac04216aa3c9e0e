//! The pieces page data is made of: plain serializable views of the model
//! (links, tasks, results, score rows), with links, statuses and words
//! already worked out. Templates never compute; they format.

use serde::Serialize;

use crate::compute::{Computed, Rank, StatusCounts, UnitResult};
use crate::limits::LIMITS;
use crate::model::{Audience, CriterionRef, Model, Points, Task, UnitScores};

pub use super::shared::{Links, Shared, iso_date};
use crate::graphics::charts;
use crate::routes::Routes;
use crate::text::{Words, format};
use tera::Value;

/// A link to a unit, a framework or a directive: its texts are shared by
/// every page that shows it (see [`Shared`]).
#[derive(Serialize, Clone)]
pub struct Link {
    pub id: Value,
    pub name: Value,
    pub href: Value,
}

#[derive(Serialize, Clone)]
pub struct CriterionLink {
    pub key: Value,
    pub code: Value,
    pub title: Value,
    pub href: Value,
}

/// Text that goes straight into Tera's value (one copy, not two).
fn text(s: &str) -> Value {
    Value::from(s)
}

#[derive(Serialize)]
pub struct EscalationView {
    pub action: Value,
    pub by: Option<Link>,
    pub to: Option<Link>,
    pub due: Option<Value>,
    pub basis: Option<Value>,
    pub status: &'static str,
    pub status_label: Value,
}

#[derive(Serialize)]
pub struct TaskView {
    pub id: Value,
    pub title: Value,
    pub href: String,
    pub lead: Link,
    pub partners: Vec<Link>,
    pub criterion: Option<CriterionLink>,
    pub due: Option<Value>,
    pub due_text: Option<Value>,
    pub done_on: Option<Value>,
    pub status: &'static str,
    pub status_label: Value,
    pub escalation: Option<EscalationView>,
    pub directive: Link,
}

#[derive(Serialize)]
pub struct StatusCount {
    pub status: &'static str,
    pub label: String,
    pub count: usize,
}

/// One row of a score table: a criterion with the unit's points on it.
/// The numbers come written in the site's language, the way `num_vi` and
/// `percent` would write them: a unit page has a row per criterion, and
/// formatting in the template was most of its rendering time.
#[derive(Serialize)]
pub struct ScoreRow {
    pub code: Value,
    pub title: Value,
    pub href: Value,
    pub depth: usize,
    pub is_leaf: bool,
    /// The criterion's maximum, written (`1,5`).
    pub max: Value,
    /// The unit's points, written (`0,75`); none when not scored.
    pub points: Option<String>,
    /// Width of the progress bar, 0 to 100, in whole percents: the bar is a
    /// few rem wide, so a hundredth of a percent is no pixel at all, and
    /// the exact figure is written beside it (`percent`).
    #[serde(serialize_with = "plain")]
    pub bar: f64,
    /// The bar as a percentage, written (`85,42%`); none when not scored.
    pub percent: Option<String>,
    pub explanation: Option<String>,
    /// `"up"` or `"down"` since the previous snapshot; none when the points
    /// did not change or there is nothing to compare with.
    pub trend: Option<&'static str>,
    /// How many points the unit gained or lost, written without a sign
    /// (`0,5`); with `trend`.
    pub change: Option<String>,
}

#[derive(Serialize)]
pub struct ResultView {
    pub unit: Link,
    pub framework: Link,
    pub total: f64,
    pub max: f64,
    pub percent: f64,
    #[serde(serialize_with = "plain")]
    pub bar: f64,
    pub band: Option<String>,
    pub scored: usize,
    pub leaves: usize,
    pub snapshot_date: String,
    pub snapshot_href: String,
    pub rank: Option<usize>,
    pub rank_of: Option<usize>,
    /// Points gained (or lost) since the previous snapshot, and its date.
    pub change: Option<f64>,
    pub previous_date: Option<String>,
}

/// What every page is made from: the model, what was computed from it, the
/// routes and the theme's words; and the views every page kind shares.
pub struct Views<'m> {
    pub model: &'m Model,
    pub computed: &'m Computed,
    pub routes: &'m Routes,
    pub words: &'m Words,
    /// The texts many pages show, made once.
    pub shared: &'m Shared,
    /// The links of this page's place, made once for every page there.
    pub links: &'m Links,
}

/// A number as a template prints it: a whole number without a decimal
/// point (`48`, not `48.0`), for the widths of bars that go into markup.
pub fn plain<S: serde::Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        s.serialize_i64(*value as i64)
    } else {
        s.serialize_f64(*value)
    }
}

/// What a [`Views`] of the site's root borrows besides the model: the
/// site's words, its shared texts, the root's routes and their links.
pub struct RootParts {
    pub words: Words,
    pub shared: Shared,
    pub routes: Routes,
    pub links: std::sync::Arc<Links>,
}

impl RootParts {
    /// The parts of `model`'s root page, with the theme's words
    /// (`theme_words`) and the site's own.
    pub fn new(model: &Model, theme_words: &Words, offline: bool) -> RootParts {
        let words = super::site_words(theme_words, model);
        let shared = Shared::new(model, &words);
        let routes = Routes::from_page(crate::routes::HOME, offline);
        let links = shared.links(model, &routes);
        RootParts {
            words,
            shared,
            routes,
            links,
        }
    }

    pub fn views<'a>(&'a self, model: &'a Model, computed: &'a Computed) -> Views<'a> {
        Views {
            model,
            computed,
            routes: &self.routes,
            words: &self.words,
            shared: &self.shared,
            links: &self.links,
        }
    }
}

pub fn pts(p: Points) -> f64 {
    p.as_f64()
}

/// A percentage with up to two decimals (PAR results are published with
/// two: 85,42%), for bars and text.
pub fn bar(part: Points, whole: Points) -> f64 {
    percent_value(crate::compute::percent(part, whole))
}

/// A percentage in thousandths of a percent as a number with two decimals.
pub fn percent_value(p: Points) -> f64 {
    (p.0 as f64 / 10.0).round() / 100.0
}

impl Views<'_> {
    /// A number in the language of the page: `1,4` or `1.4`.
    pub fn num(&self, value: f64, decimals: usize) -> String {
        format::number(self.words.language(), value, decimals)
    }

    /// A date in the language of the page: `20/11/2023` or `20 Nov 2023`.
    pub fn date(&self, date: chrono::NaiveDate) -> String {
        format::date(self.words, date)
    }

    pub fn unit(&self, u: usize) -> Link {
        let texts = &self.shared.units[u];
        Link {
            id: texts.id.clone(),
            name: texts.name.clone(),
            href: self.links.units[u].clone(),
        }
    }

    pub fn units(&self, us: &[usize]) -> Vec<Link> {
        us.iter().map(|&u| self.unit(u)).collect()
    }

    pub fn criterion(&self, r: CriterionRef) -> CriterionLink {
        let texts = &self.shared.frameworks[r.framework].criteria[r.criterion];
        CriterionLink {
            key: texts.key.clone(),
            code: texts.code.clone(),
            title: texts.title.clone(),
            href: self.links.criteria[r.framework][r.criterion].clone(),
        }
    }

    pub fn framework(&self, f: usize) -> Link {
        let texts = &self.shared.frameworks[f];
        Link {
            id: texts.id.clone(),
            name: texts.name.clone(),
            href: self.links.frameworks[f].clone(),
        }
    }

    pub fn directive(&self, d: usize) -> Link {
        let texts = &self.shared.directives[d];
        Link {
            id: texts.id.clone(),
            name: texts.name.clone(),
            href: self.links.directives[d].clone(),
        }
    }

    pub fn task(&self, i: usize) -> TaskView {
        let t: &Task = &self.model.tasks[i];
        let status = self.computed.statuses[i];
        let escalation = t.escalation.as_ref().map(|e| {
            let s = crate::compute::escalation_status(t.done_on, e.due, self.model.site.as_of);
            EscalationView {
                action: text(&e.action),
                by: e.by.map(|u| self.unit(u)),
                to: e.to.map(|u| self.unit(u)),
                due: e.due.map(iso_date),
                basis: e.basis.as_deref().map(text),
                status: s.slug(),
                status_label: self.shared.status(s),
            }
        });
        let dir = &self.model.directives[t.directive];
        TaskView {
            id: text(&t.id),
            title: text(&t.title),
            href: self
                .routes
                .task(&dir.id, self.computed.index.task_page[i], &t.id),
            lead: self.unit(t.lead),
            partners: self.units(&t.partners),
            criterion: t.criterion.map(|c| self.criterion(c)),
            due: t.due.map(iso_date),
            due_text: t.due_text.as_deref().map(text),
            done_on: t
                .done_on
                .filter(|d| *d <= self.model.site.as_of)
                .map(iso_date),
            status: status.slug(),
            status_label: self.shared.status(status),
            escalation,
            directive: self.directive(t.directive),
        }
    }

    pub fn tasks(&self, ids: impl IntoIterator<Item = usize>) -> Vec<TaskView> {
        ids.into_iter().map(|i| self.task(i)).collect()
    }

    /// Every status with its count among `tasks`.
    pub fn status_counts(&self, tasks: impl IntoIterator<Item = usize>) -> Vec<StatusCount> {
        self.counts(&self.computed.status_counts(tasks), false)
    }

    /// The statuses of `counts`, each with its word; with `nonzero`, only
    /// those that occur.
    pub fn counts(&self, counts: &StatusCounts, nonzero: bool) -> Vec<StatusCount> {
        counts
            .iter()
            .filter(|(_, n)| !nonzero || *n > 0)
            .map(|(s, count)| StatusCount {
                status: s.slug(),
                label: self.words.status(s).to_string(),
                count,
            })
            .collect()
    }

    /// Rows for every criterion of the result's framework, parents first.
    /// `scores` are the unit's scores the result was computed from.
    pub fn score_rows(
        &self,
        r: &UnitResult,
        scores: &UnitScores,
        previous: Option<&UnitResult>,
        scored_only: bool,
    ) -> Vec<ScoreRow> {
        let fw = &self.model.frameworks[r.framework];
        let language = self.words.language();
        fw.criteria
            .iter()
            .enumerate()
            .filter(|(i, _)| !scored_only || r.by_criterion[*i].is_some())
            .map(|(i, c)| {
                let points = r.by_criterion[i];
                let change = match (points, previous.and_then(|p| p.by_criterion[i])) {
                    (Some(now), Some(before)) => now.0 - before.0,
                    _ => 0,
                };
                let bar = points.map(|p| bar(p, c.max)).unwrap_or(0.0);
                let texts = &self.shared.frameworks[r.framework].criteria[i];
                ScoreRow {
                    code: texts.code.clone(),
                    title: texts.title.clone(),
                    href: self.links.criteria[r.framework][i].clone(),
                    depth: c.depth,
                    is_leaf: c.children.is_empty(),
                    max: texts.max.clone(),
                    points: points.map(|p| self.number(pts(p))),
                    bar: bar.round(),
                    percent: points.map(|_| format::percent(language, bar)),
                    explanation: scores.detail(i).and_then(|s| s.explanation.clone()),
                    trend: match change.cmp(&0) {
                        std::cmp::Ordering::Greater => Some("up"),
                        std::cmp::Ordering::Less => Some("down"),
                        std::cmp::Ordering::Equal => None,
                    },
                    change: (change != 0).then(|| self.number(pts(Points(change.abs())))),
                }
            })
            .collect()
    }

    /// A number written the way `num_vi` writes it by default (up to three
    /// decimals) in the words' language.
    pub fn number(&self, value: f64) -> String {
        format::number(self.words.language(), value, 3)
    }

    pub fn result(
        &self,
        snapshot: usize,
        r: &UnitResult,
        rank: Option<Rank>,
        previous: Option<&(usize, UnitResult)>,
    ) -> ResultView {
        let fw = &self.model.frameworks[r.framework];
        let snap = &self.model.snapshots[snapshot];
        ResultView {
            unit: self.unit(r.unit),
            framework: self.framework(r.framework),
            total: pts(r.total),
            max: pts(r.max),
            percent: bar(r.total, r.max),
            bar: bar(r.total, r.max),
            band: r.band.map(|b| fw.bands[b].name.clone()),
            scored: r.scored_leaves,
            leaves: r.leaves,
            snapshot_date: snap.date.to_string(),
            snapshot_href: self.routes.snapshot(snap.date),
            rank: rank.map(|r| r.place),
            rank_of: rank.map(|r| r.of),
            change: previous.map(|(_, p)| pts(Points(r.total.0 - p.total.0))),
            previous_date: previous.map(|(si, _)| self.model.snapshots[*si].date.to_string()),
        }
    }
}

impl Views<'_> {
    /// The result view of a unit's latest result, with rank and change.
    pub fn latest_result(&self, unit: usize) -> Option<ResultView> {
        let c = self.computed;
        let (si, r) = c.latest(unit)?;
        Some(self.result(*si, r, c.ranks.get(&unit).copied(), c.previous(unit, *si)))
    }

    /// A result of snapshot `si` with the change since the unit's previous
    /// snapshot.
    pub fn result_with_change(&self, si: usize, r: &UnitResult, rank: Option<Rank>) -> ResultView {
        self.result(si, r, rank, self.computed.previous(r.unit, si))
    }
}

/// Order of kinds on listing pages: higher levels first.
pub fn kind_order(k: &str) -> usize {
    match k {
        "ministry" => 0,
        "province" => 1,
        "department" => 2,
        "district" => 3,
        "agency" => 4,
        "service_unit" => 5,
        "commune" => 6,
        "ward" => 7,
        "town" => 8,
        "external" => 10,
        _ => 9,
    }
}

/// A link to a note, with its date and summary.
#[derive(Serialize)]
pub struct NoteLink {
    pub title: Value,
    pub date: Value,
    pub href: String,
    pub summary: Option<Value>,
    pub committee: bool,
}

/// A link to a snapshot's frozen page.
#[derive(Serialize)]
pub struct SnapshotLink {
    pub date: String,
    pub href: String,
    pub stage: String,
    pub title: Option<String>,
    pub source: Option<String>,
}

/// A unit's total at each snapshot that scored it, and the scale's max.
#[derive(Serialize)]
pub struct HistoryView {
    pub points: Vec<charts::Point>,
    pub max: f64,
}

/// A unit and how many of something it has (units lacking a criterion in
/// a province…).
#[derive(Serialize)]
pub struct GroupCount {
    pub group: Link,
    pub count: usize,
}

impl Views<'_> {
    pub fn note_links<'a>(&self, notes: impl IntoIterator<Item = &'a usize>) -> Vec<NoteLink> {
        notes
            .into_iter()
            .map(|&i| &self.model.notes[i])
            .map(|n| NoteLink {
                title: text(&n.title),
                date: iso_date(n.date),
                href: self.routes.note(&n.id),
                summary: n.summary.as_deref().map(text),
                committee: n.audience == Audience::Committee,
            })
            .collect()
    }

    /// Every snapshot, newest first.
    pub fn snapshot_links(&self) -> Vec<SnapshotLink> {
        self.model
            .snapshots
            .iter()
            .rev()
            .map(|s| SnapshotLink {
                date: s.date.to_string(),
                href: self.routes.snapshot(s.date),
                stage: self.words.stage(s.stage).to_string(),
                title: s.title.clone(),
                source: s.source.clone(),
            })
            .collect()
    }

    /// Bars of a result's points by field (lĩnh vực).
    pub fn field_bars(&self, r: &UnitResult) -> Vec<charts::Bar<'static>> {
        let fw = &self.model.frameworks[r.framework];
        fw.roots
            .iter()
            .map(|&c| charts::Bar {
                label: format!("{}. {}", fw.criteria[c].code, fw.criteria[c].title).into(),
                value: r.by_criterion[c].map(pts).unwrap_or(0.0),
                max: pts(fw.criteria[c].max),
                prefix: None,
            })
            .collect()
    }

    /// A unit's total at each snapshot that scored it.
    pub fn history(&self, unit: usize) -> Option<HistoryView> {
        let h = self.computed.histories.get(&unit)?;
        let points = h
            .iter()
            .map(|(si, r)| charts::Point {
                date: self.model.snapshots[*si].date,
                value: pts(r.total),
            })
            .collect();
        let max = h.last().map(|(_, r)| pts(r.max)).unwrap_or(0.0);
        Some(HistoryView { points, max })
    }

    /// The most urgent of `tasks` (overdue, then due soon…, earliest
    /// first), at most [`LIMITS.task_list`](crate::limits::Limits::task_list),
    /// in that order.
    /// Tasks due and done by date up to the as-of date, for the pace chart.
    pub fn pace(&self, tasks: impl IntoIterator<Item = usize>) -> Vec<charts::PacePoint> {
        let model = self.model;
        crate::compute::pace(tasks.into_iter().map(|t| &model.tasks[t]), model.site.as_of)
            .into_iter()
            .map(|p| charts::PacePoint {
                date: p.date,
                due: p.due,
                done: p.done,
            })
            .collect()
    }

    pub fn capped_tasks(&self, tasks: &[usize]) -> Vec<TaskView> {
        let mut sorted = tasks.to_vec();
        if sorted.len() > LIMITS.task_list {
            let statuses = &self.computed.statuses;
            sorted.sort_by_key(|&t| (statuses[t], self.model.tasks[t].due, t));
            sorted.truncate(LIMITS.task_list);
        }
        self.tasks(sorted)
    }

    /// Counts of `units` by their group (province…).
    pub fn by_group(&self, units: impl IntoIterator<Item = usize>) -> Vec<GroupCount> {
        let mut counts: std::collections::BTreeMap<usize, usize> = Default::default();
        for u in units {
            if let Some(g) = self.computed.index.group[u] {
                *counts.entry(g).or_default() += 1;
            }
        }
        counts
            .into_iter()
            .map(|(g, count)| GroupCount {
                group: self.unit(g),
                count,
            })
            .collect()
    }
}
