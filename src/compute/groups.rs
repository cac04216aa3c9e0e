//! Tasks that read as one line: a directive that gives one task to many
//! units ("UBND các xã, thị trấn … trước ngày 20/11/2023") says it once,
//! and lists that show deadlines say it once too, with every unit. Tasks
//! are one line when they come from one directive with the same title,
//! due date, criterion, wording of the date, partners, detail and
//! escalation: all that a line shows once for every unit.
//! Each unit keeps its own task (and its own status): grouping changes
//! how a list reads, never what is counted.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::timeline::Deadline;
use crate::model::{CriterionRef, Model, Task};

/// What tasks of one line share: everything a line shows once, from its
/// first task (all but the lead, the status and the date it was done).
#[derive(PartialEq, Eq, Hash)]
struct TaskKey<'m> {
    directive: usize,
    title: &'m str,
    title_en: Option<&'m str>,
    detail: Option<&'m str>,
    due: Option<NaiveDate>,
    due_text: Option<&'m str>,
    criterion: Option<CriterionRef>,
    partners: &'m [usize],
    escalation: Option<EscalationKey<'m>>,
}

/// An escalation, as a line shows it.
type EscalationKey<'m> = (
    &'m str,
    Option<usize>,
    Option<usize>,
    Option<NaiveDate>,
    Option<&'m str>,
);

impl<'m> TaskKey<'m> {
    fn of(task: &'m Task) -> TaskKey<'m> {
        TaskKey {
            directive: task.directive,
            title: &task.title,
            title_en: task.title_en.as_deref(),
            detail: task.detail.as_deref(),
            due: task.due,
            due_text: task.due_text.as_deref(),
            criterion: task.criterion,
            partners: &task.partners,
            escalation: task
                .escalation
                .as_ref()
                .map(|e| (e.action.as_str(), e.by, e.to, e.due, e.basis.as_deref())),
        }
    }
}

/// `items` gathered into lines, each line in the place of its first item
/// and its items in the order given.
fn gather<T: Copy, K: Eq + std::hash::Hash>(
    items: impl IntoIterator<Item = T>,
    key: impl Fn(T) -> K,
) -> Vec<Vec<T>> {
    let items = items.into_iter();
    let mut lines: Vec<Vec<T>> = Vec::new();
    // Sized for every item at once: the site's 80,000 tasks, hashed once.
    let mut seen: HashMap<K, usize> = HashMap::with_capacity(items.size_hint().0);
    for item in items {
        let at = *seen.entry(key(item)).or_insert(lines.len());
        if at == lines.len() {
            lines.push(Vec::new());
        }
        lines[at].push(item);
    }
    lines
}

/// The line of every task over the whole site, found once per build: a
/// list gathers its tasks by it without comparing their texts again (a
/// national site's pages gather tasks tens of thousands of times).
#[derive(Debug, Default)]
pub struct TaskLines {
    /// The line of each task, by task index.
    line: Vec<u32>,
    /// How many tasks each line has.
    size: Vec<u32>,
}

impl TaskLines {
    pub fn new(model: &Model) -> TaskLines {
        let mut line = vec![0; model.tasks.len()];
        let mut size = Vec::new();
        let lines = gather(0..model.tasks.len(), |t| TaskKey::of(&model.tasks[t]));
        for (at, tasks) in lines.iter().enumerate() {
            for &t in tasks {
                line[t] = at as u32;
            }
            size.push(tasks.len() as u32);
        }
        TaskLines { line, size }
    }

    /// The tasks `tasks` (indexes) as lines: one line per group of tasks
    /// that a directive gave in one line, in the order of each group's
    /// first task.
    pub fn of(&self, tasks: impl IntoIterator<Item = usize>) -> Vec<Vec<usize>> {
        gather(tasks, |t| self.line[t])
    }

    /// How many tasks the line of task `t` has over the whole site: the
    /// units its directive gave it to, when a list shows only some of them
    /// (those overdue, those due next).
    pub fn size(&self, t: usize) -> usize {
        self.size[self.line[t] as usize] as usize
    }

    /// The deadlines `deadlines` as lines, as [`TaskLines::of`] does for
    /// tasks: the deadlines of one day on the timeline, the escalations due
    /// that day, each said once with every unit it concerns.
    pub fn deadlines<'d>(
        &self,
        deadlines: impl IntoIterator<Item = &'d Deadline>,
    ) -> Vec<Vec<&'d Deadline>> {
        gather(deadlines, |d: &'d Deadline| {
            (self.line[d.task], d.kind, d.date)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::{DeadlineKind, Status};
    use crate::model::Escalation;

    fn model(tasks: Vec<Task>) -> Model {
        let site = crate::site::load_model(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal"),
            &crate::validate::Options::default(),
        )
        .unwrap();
        let crate::site::Outcome::Done(mut m, _) = site else {
            panic!("the minimal fixture is valid");
        };
        m.tasks = tasks;
        m
    }

    fn task(lead: usize, title: &str, day: u32) -> Task {
        Task {
            id: format!("t-{lead}-{day}"),
            title: title.into(),
            title_en: None,
            detail: None,
            directive: 0,
            lead,
            partners: Vec::new(),
            criterion: None,
            due: NaiveDate::from_ymd_opt(2023, 11, day),
            due_text: None,
            done_on: None,
            escalation: None,
        }
    }

    #[test]
    fn one_line_per_title_and_date_in_the_place_of_its_first_task() {
        let mut other_directive = task(3, "Báo cáo", 20);
        other_directive.directive = 1;
        let m = model(vec![
            task(0, "Báo cáo", 20),
            task(1, "Sáng kiến", 20),
            task(2, "Báo cáo", 20),
            task(1, "Báo cáo", 21),
            other_directive,
            task(3, "Báo cáo", 20),
        ]);
        assert_eq!(
            TaskLines::new(&m).of(0..m.tasks.len()),
            [vec![0, 2, 5], vec![1], vec![3], vec![4]]
        );
        // Only the tasks given are gathered, in the order given.
        assert_eq!(TaskLines::new(&m).of([5, 1, 0]), [vec![5, 0], vec![1]]);
        // Over the whole site, a line has the tasks of its directive.
        let lines = TaskLines::new(&m);
        assert_eq!(lines.size(5), 3);
        assert_eq!(lines.size(1), 1);
        assert_eq!(lines.size(4), 1);
        assert!(TaskLines::new(&m).of([]).is_empty());
    }

    #[test]
    fn a_different_criterion_or_partner_is_another_line() {
        let mut partnered = task(2, "Báo cáo", 20);
        partnered.partners = vec![0];
        let mut criterion = task(3, "Báo cáo", 20);
        criterion.criterion = Some(CriterionRef {
            framework: 0,
            criterion: 0,
        });
        let mut detailed = task(4, "Báo cáo", 20);
        detailed.detail = Some("Kèm danh sách thủ tục".into());
        let mut in_english = task(5, "Báo cáo", 20);
        in_english.title_en = Some("Report".into());
        let m = model(vec![
            task(0, "Báo cáo", 20),
            partnered,
            criterion,
            detailed,
            in_english,
            task(6, "Báo cáo", 20),
        ]);
        // A line shows its first task's detail and English title for all
        // its units: tasks that differ in them are lines of their own.
        assert_eq!(
            TaskLines::new(&m).of(0..6),
            [vec![0, 5], vec![1], vec![2], vec![3], vec![4]]
        );
    }

    #[test]
    fn escalations_are_one_line_when_the_escalation_is_the_same() {
        let escalated = |lead, action: &str| {
            let mut t = task(lead, "Báo cáo", 20);
            t.escalation = Some(Escalation {
                action: action.into(),
                by: Some(0),
                to: None,
                due: NaiveDate::from_ymd_opt(2023, 11, 22),
                basis: None,
            });
            t
        };
        let m = model(vec![
            escalated(1, "Xử lý"),
            escalated(2, "Xử lý"),
            escalated(3, "Nhắc nhở"),
        ]);
        let deadline = |task, kind| Deadline {
            date: NaiveDate::from_ymd_opt(2023, 11, 22).unwrap(),
            kind,
            task,
            status: Status::Upcoming,
        };
        let ds = [
            deadline(0, DeadlineKind::Escalation),
            deadline(1, DeadlineKind::Escalation),
            deadline(2, DeadlineKind::Escalation),
            // A task due on the escalation's day is a line of its own.
            deadline(0, DeadlineKind::Task),
        ];
        let lines: Vec<Vec<usize>> = TaskLines::new(&m)
            .deadlines(&ds)
            .iter()
            .map(|l| l.iter().map(|d| d.task).collect())
            .collect();
        assert_eq!(lines, [vec![0, 1], vec![2], vec![0]]);
    }
}
