//! Progress over time: how many tasks had fallen due and how many were done,
//! cumulated by date up to the as-of date. The gap between the two is the
//! work that is behind its deadlines.

use chrono::{Datelike, NaiveDate};

use crate::limits::LIMITS;
use crate::model::Task;

/// The tasks due and the tasks done by the end of `date`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PacePoint {
    pub date: NaiveDate,
    /// Tasks whose deadline is on or before `date`.
    pub due: usize,
    /// Tasks done on or before `date`.
    pub done: usize,
}

/// The cumulated due and done counts of `tasks` at each date where one of
/// them changes, up to `as_of`, which is always the last point. Only tasks
/// with a deadline count, so that both lines count the same tasks. Empty
/// when nothing was due or done by `as_of`. With more dates than
/// [`LIMITS.pace_points`](crate::limits::Limits::pace_points), one point
/// per month (its last date) is kept.
pub fn pace<'t>(tasks: impl IntoIterator<Item = &'t Task>, as_of: NaiveDate) -> Vec<PacePoint> {
    let mut due: Vec<NaiveDate> = Vec::new();
    let mut done: Vec<NaiveDate> = Vec::new();
    for t in tasks {
        let Some(d) = t.due else { continue };
        if d <= as_of {
            due.push(d);
        }
        if let Some(on) = t.done_on.filter(|on| *on <= as_of) {
            done.push(on);
        }
    }
    if due.is_empty() && done.is_empty() {
        return Vec::new();
    }
    due.sort_unstable();
    done.sort_unstable();
    let mut dates: Vec<NaiveDate> = due.iter().chain(&done).copied().collect();
    dates.push(as_of);
    dates.sort_unstable();
    dates.dedup();
    if dates.len() > LIMITS.pace_points {
        dates = month_ends(&dates);
    }
    let by = |list: &[NaiveDate], date: NaiveDate| list.partition_point(|d| *d <= date);
    dates
        .into_iter()
        .map(|date| PacePoint {
            date,
            due: by(&due, date),
            done: by(&done, date),
        })
        .collect()
}

/// The last of `dates` (sorted) in each month.
fn month_ends(dates: &[NaiveDate]) -> Vec<NaiveDate> {
    let month = |d: &NaiveDate| (d.year(), d.month());
    dates
        .iter()
        .enumerate()
        .filter(|(i, d)| dates.get(i + 1).is_none_or(|next| month(next) != month(d)))
        .map(|(_, d)| *d)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn task(due: Option<&str>, done_on: Option<&str>) -> Task {
        Task {
            id: "t".into(),
            title: "t".into(),
            title_en: None,
            detail: None,
            directive: 0,
            lead: 0,
            partners: Vec::new(),
            criterion: None,
            due: due.map(date),
            due_text: None,
            done_on: done_on.map(date),
            escalation: None,
        }
    }

    #[test]
    fn counts_cumulate_up_to_the_as_of_date() {
        let tasks = [
            task(Some("2024-01-31"), Some("2024-01-25")),
            task(Some("2024-01-31"), None),
            task(Some("2024-03-15"), Some("2024-03-20")),
            task(Some("2024-09-30"), Some("2024-02-01")),
            // Not counted: after as-of, or without a deadline.
            task(Some("2024-12-31"), None),
            task(None, Some("2024-02-02")),
        ];
        let got = pace(&tasks, date("2024-06-15"));
        let want = [
            ("2024-01-25", 0, 1),
            ("2024-01-31", 2, 1),
            ("2024-02-01", 2, 2),
            ("2024-03-15", 3, 2),
            ("2024-03-20", 3, 3),
            ("2024-06-15", 3, 3),
        ];
        let got: Vec<(String, usize, usize)> = got
            .iter()
            .map(|p| (p.date.to_string(), p.due, p.done))
            .collect();
        let want: Vec<(String, usize, usize)> = want
            .iter()
            .map(|(d, a, b)| (d.to_string(), *a, *b))
            .collect();
        assert_eq!(got, want);
        assert!(pace(&tasks[4..], date("2024-06-15")).is_empty());
    }

    #[test]
    fn many_dates_keep_one_point_a_month() {
        let tasks: Vec<Task> = (0..400)
            .map(|i| {
                let d = date("2023-01-01") + chrono::Days::new(i);
                task(Some(&d.to_string()), None)
            })
            .collect();
        let as_of = date("2024-03-10");
        let got = pace(&tasks, as_of);
        assert!(got.len() <= 15, "{}", got.len());
        assert_eq!(got.last().unwrap().date, as_of);
        assert_eq!(got.last().unwrap().due, 400);
        assert_eq!(got[0].date, date("2023-01-31"));
        assert_eq!(got[0].due, 31);
    }
}
