use chrono::NaiveDate;

use crate::limits::LIMITS;

/// The state of a task on a given date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Overdue,
    DueSoon,
    Upcoming,
    DoneLate,
    Done,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Overdue,
        Status::DueSoon,
        Status::Upcoming,
        Status::DoneLate,
        Status::Done,
    ];

    /// The name used in `data-status` and CSS classes.
    pub fn slug(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::DoneLate => "done-late",
            Status::Overdue => "overdue",
            Status::DueSoon => "due-soon",
            Status::Upcoming => "upcoming",
        }
    }

    pub fn is_done(self) -> bool {
        matches!(self, Status::Done | Status::DoneLate)
    }
}

/// How many tasks (or deadlines) are in each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatusCounts([usize; 5]);

impl StatusCounts {
    /// Counts the statuses of `items`.
    pub fn of(items: impl IntoIterator<Item = Status>) -> StatusCounts {
        let mut counts = StatusCounts::default();
        for s in items {
            counts.add(s);
        }
        counts
    }

    pub fn add(&mut self, s: Status) {
        self.0[s as usize] += 1;
    }

    pub fn get(&self, s: Status) -> usize {
        self.0[s as usize]
    }

    pub fn total(&self) -> usize {
        self.0.iter().sum()
    }

    /// Each status with its count, in the order of [`Status::ALL`].
    pub fn iter(&self) -> impl Iterator<Item = (Status, usize)> + '_ {
        Status::ALL.iter().map(|&s| (s, self.get(s)))
    }
}

/// Status of a task with deadline `due`, finished on `done_on`, seen on
/// `as_of`. Work finished after `as_of` was not yet done on that day.
pub fn task_status(due: Option<NaiveDate>, done_on: Option<NaiveDate>, as_of: NaiveDate) -> Status {
    if let Some(done) = done_on.filter(|d| *d <= as_of) {
        return match due {
            Some(due) if done > due => Status::DoneLate,
            _ => Status::Done,
        };
    }
    match due {
        None => Status::Upcoming,
        Some(due) if as_of > due => Status::Overdue,
        Some(due) if (due - as_of).num_days() <= LIMITS.due_soon_days => Status::DueSoon,
        Some(_) => Status::Upcoming,
    }
}

/// Status of the escalation that follows a task: not needed (done) once the
/// task was finished by the escalation's own deadline, else counted against
/// that deadline.
pub fn escalation_status(
    task_done_on: Option<NaiveDate>,
    escalation_due: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Status {
    match (task_done_on.filter(|d| *d <= as_of), escalation_due) {
        (Some(done), Some(due)) if done <= due => Status::Done,
        (Some(_), None) => Status::Done,
        _ => task_status(escalation_due, None, as_of),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2023, 11, day).unwrap()
    }

    #[test]
    fn open_tasks_by_date() {
        assert_eq!(task_status(Some(d(13)), None, d(14)), Status::Overdue);
        assert_eq!(task_status(Some(d(15)), None, d(14)), Status::DueSoon);
        assert_eq!(task_status(Some(d(14)), None, d(14)), Status::DueSoon);
        assert_eq!(task_status(Some(d(21)), None, d(14)), Status::DueSoon);
        assert_eq!(task_status(Some(d(22)), None, d(14)), Status::Upcoming);
        assert_eq!(task_status(None, None, d(14)), Status::Upcoming);
    }

    #[test]
    fn finished_tasks() {
        assert_eq!(task_status(Some(d(13)), Some(d(12)), d(14)), Status::Done);
        assert_eq!(task_status(Some(d(13)), Some(d(13)), d(14)), Status::Done);
        assert_eq!(
            task_status(Some(d(13)), Some(d(14)), d(14)),
            Status::DoneLate
        );
        assert_eq!(task_status(None, Some(d(2)), d(14)), Status::Done);
    }

    #[test]
    fn work_done_after_as_of_does_not_count_yet() {
        assert_eq!(
            task_status(Some(d(13)), Some(d(20)), d(14)),
            Status::Overdue
        );
        assert_eq!(
            task_status(Some(d(13)), Some(d(20)), d(1)),
            Status::Upcoming
        );
    }

    #[test]
    fn escalations() {
        assert_eq!(
            escalation_status(Some(d(12)), Some(d(22)), d(25)),
            Status::Done
        );
        assert_eq!(escalation_status(None, Some(d(22)), d(25)), Status::Overdue);
        assert_eq!(escalation_status(None, Some(d(22)), d(20)), Status::DueSoon);
        assert_eq!(
            escalation_status(Some(d(23)), Some(d(22)), d(25)),
            Status::Overdue
        );
    }
}
