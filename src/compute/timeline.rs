use chrono::NaiveDate;

use super::status::{Status, escalation_status, task_status};
use crate::model::Model;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

/// The deadlines of one month: `deadlines` are in date order (see
/// [`deadlines`]), so the month is one run of them, found by halving
/// rather than by reading all of them for each month's page.
pub fn in_month(deadlines: &[Deadline], year: i32, month: u32) -> &[Deadline] {
    let next = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    let (Some(first), Some(after)) = (
        NaiveDate::from_ymd_opt(year, month, 1),
        NaiveDate::from_ymd_opt(next.0, next.1, 1),
    ) else {
        return &[];
    };
    let start = deadlines.partition_point(|d| d.date < first);
    let end = deadlines.partition_point(|d| d.date < after);
    &deadlines[start..end.max(start)]
}

/// One entry of a timeline grouped by day.
#[derive(Debug)]
pub enum TimelineEntry<'d> {
    /// The deadlines of one date, in the order given.
    Day {
        date: NaiveDate,
        deadlines: Vec<&'d Deadline>,
    },
    /// "As of" marker: where the site's date falls among the days.
    AsOf(NaiveDate),
}

/// Groups `deadlines` (in date order) by date, and places the "as of"
/// marker before the first later date, or last, when `with_marker`.
pub fn by_day<'d>(
    deadlines: impl IntoIterator<Item = &'d Deadline>,
    as_of: NaiveDate,
    with_marker: bool,
) -> Vec<TimelineEntry<'d>> {
    let mut out = Vec::new();
    let mut marker_placed = !with_marker;
    for d in deadlines {
        if !marker_placed && d.date > as_of {
            out.push(TimelineEntry::AsOf(as_of));
            marker_placed = true;
        }
        match out.last_mut() {
            Some(TimelineEntry::Day { date, deadlines }) if *date == d.date => deadlines.push(d),
            _ => out.push(TimelineEntry::Day {
                date: d.date,
                deadlines: vec![d],
            }),
        }
    }
    if !marker_placed {
        out.push(TimelineEntry::AsOf(as_of));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn deadline(day: u32, task: usize) -> Deadline {
        Deadline {
            date: NaiveDate::from_ymd_opt(2023, 11, day).unwrap(),
            kind: DeadlineKind::Task,
            task,
            status: Status::Upcoming,
        }
    }

    #[test]
    fn a_month_is_its_run_of_deadlines() {
        let on = |y, m, d, task| Deadline {
            date: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            kind: DeadlineKind::Task,
            task,
            status: Status::Upcoming,
        };
        let ds = [
            on(2023, 10, 31, 0),
            on(2023, 11, 1, 1),
            on(2023, 11, 1, 2),
            on(2023, 11, 30, 3),
            on(2023, 12, 1, 4),
            on(2024, 11, 5, 5),
        ];
        let tasks = |y, m| -> Vec<usize> { in_month(&ds, y, m).iter().map(|d| d.task).collect() };
        assert_eq!(tasks(2023, 11), [1, 2, 3]);
        assert_eq!(tasks(2023, 10), [0]);
        assert_eq!(tasks(2024, 11), [5]);
        assert!(tasks(2024, 1).is_empty());
        assert!(tasks(2022, 13).is_empty());
        // Each month of the list, found by halving, is what a scan finds.
        for (y, m) in [(2023, 10), (2023, 11), (2023, 12), (2024, 11), (2025, 1)] {
            let scanned: Vec<usize> = ds
                .iter()
                .filter(|d| d.date.year() == y && d.date.month() == m)
                .map(|d| d.task)
                .collect();
            assert_eq!(tasks(y, m), scanned, "{y}-{m}");
        }
    }

    fn shape(entries: &[TimelineEntry]) -> Vec<String> {
        entries
            .iter()
            .map(|e| match e {
                TimelineEntry::Day { date, deadlines } => format!("{date}:{}", deadlines.len()),
                TimelineEntry::AsOf(d) => format!("as-of {d}"),
            })
            .collect()
    }

    #[test]
    fn days_group_and_the_marker_falls_between() {
        let ds = [deadline(10, 0), deadline(10, 1), deadline(20, 2)];
        let as_of = NaiveDate::from_ymd_opt(2023, 11, 15).unwrap();
        assert_eq!(
            shape(&by_day(&ds, as_of, true)),
            ["2023-11-10:2", "as-of 2023-11-15", "2023-11-20:1"]
        );
        assert_eq!(
            shape(&by_day(&ds, as_of, false)),
            ["2023-11-10:2", "2023-11-20:1"]
        );
        let late = NaiveDate::from_ymd_opt(2023, 12, 1).unwrap();
        assert_eq!(
            shape(&by_day(&ds[..1], late, true)),
            ["2023-11-10:1", "as-of 2023-12-01"]
        );
    }
}
