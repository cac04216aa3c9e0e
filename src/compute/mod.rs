//! Stage 4, compute: pure functions over the [`Model`](crate::model::Model):
//! task statuses and their counts, score totals, histories and ranks, the
//! deadline timeline, and the lookups every page needs. [`Computed`] holds
//! all of it, worked out once per build; the renderer only arranges it.

mod criteria;
mod groups;
mod index;
mod lists;
mod progress;
mod scores;
mod status;
#[cfg(test)]
mod testing;
mod timeline;
mod tree;

use std::borrow::Cow;
use std::collections::BTreeMap;

pub use criteria::{CriterionStats, StatsByFramework};
pub use groups::TaskLines;
pub use index::Index;
pub use progress::{PacePoint, pace};
pub use scores::{
    Rank, UnitResult, histories, percent, rank, ranks_by_framework, ranks_by_kind, unit_result,
};
pub use status::{Status, StatusCounts, escalation_status, task_status};
pub use timeline::{Deadline, DeadlineKind, TimelineEntry, by_day, deadlines, in_month};
pub use tree::ancestors;

use crate::model::{Model, UnitScores};

/// What the compute stage found, once per build.
pub struct Computed {
    /// The status of each task, by task index, as of the site's date.
    pub statuses: Vec<Status>,
    /// Results per scored unit over the snapshots: (snapshot index, result),
    /// oldest first.
    pub histories: BTreeMap<usize, Vec<(usize, UnitResult)>>,
    /// Rank of each scored unit's latest result among the units of its kind
    /// on the same framework.
    pub ranks: BTreeMap<usize, Rank>,
    /// Lookups by unit, criterion and directive, and every deadline.
    pub index: Index,
    /// Each criterion's points over the units of each snapshot, by
    /// framework, snapshot and criterion.
    pub criterion_stats: StatsByFramework,
    /// Which tasks read as one line (see [`TaskLines`]).
    pub lines: TaskLines,
}

impl Computed {
    pub fn new(model: &Model) -> Computed {
        let as_of = model.site.as_of;
        let statuses = model
            .tasks
            .iter()
            .map(|t| task_status(t.due, t.done_on, as_of))
            .collect();
        // The lookups by unit do not need the results: made beside them.
        let (histories, (index, lines)) = rayon::join(
            || histories(model),
            || (Index::new(model), TaskLines::new(model)),
        );
        let ranks = ranks_by_kind(
            model,
            histories.values().filter_map(|h| h.last()).map(|(_, r)| r),
        );
        let mut computed = Computed {
            statuses,
            histories,
            ranks,
            index,
            criterion_stats: Vec::new(),
            lines,
        };
        computed.criterion_stats = criteria::criterion_stats(model, &computed);
        computed
    }

    /// The unit's latest result: (snapshot index, result).
    pub fn latest(&self, unit: usize) -> Option<&(usize, UnitResult)> {
        self.histories.get(&unit).and_then(|h| h.last())
    }

    /// Latest results of every scored unit, by unit index.
    pub fn latests(&self) -> impl Iterator<Item = &(usize, UnitResult)> {
        self.histories.values().filter_map(|h| h.last())
    }

    /// The unit's result in the last snapshot before snapshot `si` that
    /// scored it.
    pub fn previous(&self, unit: usize, si: usize) -> Option<&(usize, UnitResult)> {
        self.histories
            .get(&unit)
            .and_then(|h| h.iter().rev().find(|(s, _)| *s < si))
    }

    /// The unit's result in snapshot `si`, if it was scored then.
    pub fn result_at(&self, unit: usize, si: usize) -> Option<&UnitResult> {
        self.histories
            .get(&unit)
            .and_then(|h| h.iter().find(|(s, _)| *s == si))
            .map(|(_, r)| r)
    }

    /// The result of scores `us` of snapshot `si`: from the histories, or
    /// worked out when the unit was scored on another framework than its own.
    pub fn result_of(&self, model: &Model, us: &UnitScores, si: usize) -> Cow<'_, UnitResult> {
        match self
            .result_at(us.unit, si)
            .filter(|r| r.framework == us.framework)
        {
            Some(r) => Cow::Borrowed(r),
            None => Cow::Owned(unit_result(model, us)),
        }
    }

    /// How many of `tasks` are in each status.
    pub fn status_counts(&self, tasks: impl IntoIterator<Item = usize>) -> StatusCounts {
        StatusCounts::of(tasks.into_iter().map(|t| self.statuses[t]))
    }

    /// The deadlines of one unit, in date order: of the tasks it leads and
    /// of the escalations it must make.
    pub fn unit_deadlines(&self, model: &Model, unit: usize) -> Vec<Deadline> {
        let as_of = model.site.as_of;
        let ix = &self.index;
        let mut out: Vec<Deadline> = ix.tasks_by_lead[unit]
            .iter()
            .filter_map(|&t| {
                model.tasks[t].due.map(|date| Deadline {
                    date,
                    kind: DeadlineKind::Task,
                    task: t,
                    status: self.statuses[t],
                })
            })
            .chain(ix.escalations_by_unit[unit].iter().filter_map(|&t| {
                let task = &model.tasks[t];
                let due = task.escalation.as_ref()?.due?;
                Some(Deadline {
                    date: due,
                    kind: DeadlineKind::Escalation,
                    task: t,
                    status: escalation_status(task.done_on, Some(due), as_of),
                })
            }))
            .collect();
        out.sort_by_key(|d| (d.date, d.kind, d.task));
        out
    }

    /// The group a deadline is listed under on a busy month's pages: that
    /// of the unit that must act (the lead, or who escalates).
    pub fn deadline_group(&self, model: &Model, d: &Deadline) -> usize {
        let task = &model.tasks[d.task];
        let unit = match d.kind {
            DeadlineKind::Escalation => task
                .escalation
                .as_ref()
                .and_then(|e| e.by)
                .unwrap_or(task.lead),
            DeadlineKind::Task => task.lead,
        };
        self.index.group[unit].unwrap_or(unit)
    }
}
