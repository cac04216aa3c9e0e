//! Tasks as pages show them: each with its links, dates and status in
//! words; the counts of each status; the points of the pace chart.

use serde::Serialize;
use tera::Value;

use super::links::text;
use chrono::NaiveDate;

use super::{CriterionLink, Link, Views};
use crate::compute::StatusCounts;
use crate::graphics::charts;
use crate::limits::LIMITS;
use crate::model::Task;
use crate::text::format::serialize_iso_opt;

#[derive(Serialize)]
pub struct EscalationView {
    pub action: Value,
    pub by: Option<Link>,
    pub to: Option<Link>,
    #[serde(serialize_with = "serialize_iso_opt")]
    pub due: Option<NaiveDate>,
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
    #[serde(serialize_with = "serialize_iso_opt")]
    pub due: Option<NaiveDate>,
    pub due_text: Option<Value>,
    #[serde(serialize_with = "serialize_iso_opt")]
    pub done_on: Option<NaiveDate>,
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

impl Views<'_> {
    pub fn task(&self, i: usize) -> TaskView {
        let t: &Task = &self.model.tasks[i];
        let status = self.computed.statuses[i];
        let escalation = t.escalation.as_ref().map(|e| {
            let s = crate::compute::escalation_status(t.done_on, e.due, self.model.site.as_of);
            EscalationView {
                action: text(&e.action),
                by: e.by.map(|u| self.unit(u)),
                to: e.to.map(|u| self.unit(u)),
                due: e.due,
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
            due: t.due,
            due_text: t.due_text.as_deref().map(text),
            done_on: t.done_on.filter(|d| *d <= self.model.site.as_of),
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

    /// `tasks` in their order; when there are more than
    /// [`LIMITS.task_list`](crate::limits::Limits::task_list), the most
    /// urgent of them (overdue, then due soon…, earliest first), that many,
    /// in that order.
    pub fn capped_tasks(&self, tasks: &[usize]) -> Vec<TaskView> {
        let model = self.model;
        self.tasks(self.computed.most_urgent(model, tasks, LIMITS.task_list))
    }

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
}
