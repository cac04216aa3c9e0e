//! Tasks given in one line of a directive to several units, shown as one
//! line with every unit and its own status (see
//! [`TaskLines`](crate::compute::TaskLines)): the views of such lines
//! for the home page's lists.

use serde::Serialize;
use tera::Value;

use super::views::{Link, StatusCount, TaskView, Views};
use crate::compute::{Status, StatusCounts};

/// A unit of a line and the status of its own task (or escalation).
#[derive(Serialize)]
pub struct UnitStatus {
    pub unit: Link,
    pub status: &'static str,
    pub status_label: Value,
}

/// A task, or a line of tasks given to several units: the first task's
/// view, and with several units, each with its status (`units`); units
/// beyond the list's room are counted by status (`more`).
#[derive(Serialize)]
pub struct TaskLine {
    pub task: TaskView,
    pub units: Vec<UnitStatus>,
    /// How many units of the list the line gives the task to, and how
    /// many of them are in each status.
    pub count: usize,
    /// How many units the directive gave it to: more than `count` where a
    /// list shows only some (those overdue, those due next).
    pub total: usize,
    pub counts: Vec<StatusCount>,
    /// How many units of the line are not listed, and their statuses.
    pub more: usize,
    pub more_counts: Vec<StatusCount>,
    /// Whether a unit of the line is overdue: its escalation applies.
    pub escalate: bool,
}

impl Views<'_> {
    /// A unit and a status.
    pub fn unit_status(&self, unit: usize, status: Status) -> UnitStatus {
        UnitStatus {
            unit: self.unit(unit),
            status: status.slug(),
            status_label: self.shared.status(status),
        }
    }

    /// `tasks` as lines (in the order of each line's first task), at most
    /// `lines` of them, each listing at most `units` units.
    pub fn task_lines(&self, tasks: &[usize], lines: usize, units: usize) -> Vec<TaskLine> {
        let model = self.model;
        let statuses = &self.computed.statuses;
        let all_lines = &self.computed.lines;
        all_lines
            .of(tasks.iter().copied())
            .into_iter()
            .take(lines)
            .map(|line| {
                let escalate = line.iter().any(|&t| statuses[t] == Status::Overdue);
                let (listed, rest) = line.split_at(line.len().min(units));
                let listed = if line.len() > 1 { listed } else { &[] };
                TaskLine {
                    task: self.task(line[0]),
                    units: listed
                        .iter()
                        .map(|&t| self.unit_status(model.tasks[t].lead, statuses[t]))
                        .collect(),
                    count: line.len(),
                    total: if line.len() > 1 {
                        all_lines.size(line[0])
                    } else {
                        1
                    },
                    counts: self.counts(&StatusCounts::of(line.iter().map(|&t| statuses[t])), true),
                    more: rest.len(),
                    more_counts: self
                        .counts(&StatusCounts::of(rest.iter().map(|&t| statuses[t])), true),
                    escalate,
                }
            })
            .collect()
    }
}
