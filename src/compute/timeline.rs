use chrono::NaiveDate;

use super::status::{Status, escalation_status, task_status};
use crate::model::Model;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DeadlineKind {
    /// The task's own deadline.
    Task,
    /// The deadline of what follows when the task is overdue.
    Escalation,
}

/// One dated item of the timeline.
#[derive(Debug, Clone)]
pub struct Deadline {
    pub date: NaiveDate,
    pub kind: DeadlineKind,
    pub task: usize,
    pub status: Status,
}

/// Every deadline of every task and escalation, in date order; items of the
/// same date keep the order of the content.
pub fn deadlines(model: &Model, as_of: NaiveDate) -> Vec<Deadline> {
    let mut out = Vec::new();
    for (i, t) in model.tasks.iter().enumerate() {
        if let Some(due) = t.due {
            out.push(Deadline {
                date: due,
                kind: DeadlineKind::Task,
                task: i,
                status: task_status(t.due, t.done_on, as_of),
            });
        }
        if let Some(due) = t.escalation.as_ref().and_then(|e| e.due) {
            out.push(Deadline {
                date: due,
                kind: DeadlineKind::Escalation,
                task: i,
                status: escalation_status(t.done_on, Some(due), as_of),
            });
        }
    }
    out.sort_by_key(|d| (d.date, d.kind, d.task));
    out
}
