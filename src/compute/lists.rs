//! What pages list first, as questions about the tasks and results: the
//! overdue tasks, the tasks due next, the most urgent of a long list, the
//! units whose scores head the home page, units counted by group.

use std::collections::BTreeMap;

use super::{Computed, Status, UnitResult};
use crate::limits::LIMITS;
use crate::model::Model;

impl Computed {
    /// The overdue tasks, earliest due first.
    pub fn overdue(&self, model: &Model) -> Vec<usize> {
        let mut overdue: Vec<usize> = (0..model.tasks.len())
            .filter(|&t| self.statuses[t] == Status::Overdue)
            .collect();
        overdue.sort_by_key(|&t| (model.tasks[t].due, t));
        overdue
    }

    /// The tasks still to come: due soon or later, on or after the as-of
    /// date, earliest first.
    pub fn due_next(&self, model: &Model) -> Vec<usize> {
        self.due_next_of(model, 0..model.tasks.len())
    }

    /// Those of `tasks` still to come, as [`Computed::due_next`].
    pub fn due_next_of(&self, model: &Model, tasks: impl IntoIterator<Item = usize>) -> Vec<usize> {
        let as_of = model.site.as_of;
        let mut next: Vec<usize> = tasks
            .into_iter()
            .filter(|&t| {
                matches!(self.statuses[t], Status::DueSoon | Status::Upcoming)
                    && model.tasks[t].due.is_some_and(|d| d >= as_of)
            })
            .collect();
        next.sort_by_key(|&t| (model.tasks[t].due, t));
        next
    }

    /// `tasks` as they are when there are at most `n` of them; else the
    /// `n` most urgent (overdue first, then due soon…; within a status the
    /// earliest due), most urgent first.
    pub fn most_urgent(&self, model: &Model, tasks: &[usize], n: usize) -> Vec<usize> {
        let mut sorted = tasks.to_vec();
        if sorted.len() > n {
            sorted.sort_by_key(|&t| (self.statuses[t], model.tasks[t].due, t));
            sorted.truncate(n);
        }
        sorted
    }

    /// The latest results of the scored units with no scored unit above
    /// them (a district over its communes), by unit.
    pub fn top_results(&self, model: &Model) -> Vec<&(usize, UnitResult)> {
        let scored = |u: usize| self.latest(u).is_some();
        self.latests()
            .filter(|(_, r)| {
                let mut above = model.units[r.unit].parent;
                while let Some(u) = above {
                    if scored(u) {
                        return false;
                    }
                    above = model.units[u].parent;
                }
                true
            })
            .collect()
    }

    /// The units a site is headed by, with a score card each on the home
    /// page and the site's embed: the units of [`Computed::top_results`];
    /// none when there are more than
    /// [`LIMITS.headline_units`](crate::limits::Limits::headline_units)
    /// (a province's departments: the rankings show them all instead).
    pub fn headline_units(&self, model: &Model) -> Vec<usize> {
        let units: Vec<usize> = self
            .top_results(model)
            .iter()
            .map(|(_, r)| r.unit)
            .collect();
        if units.len() > LIMITS.headline_units {
            return Vec::new();
        }
        units
    }

    /// How many of `units` each group (province…) has; units outside any
    /// group are not counted.
    pub fn count_by_group(&self, units: impl IntoIterator<Item = usize>) -> BTreeMap<usize, usize> {
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
        for u in units {
            if let Some(g) = self.index.group[u] {
                *counts.entry(g).or_default() += 1;
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{model, task, unit};
    use super::*;

    #[test]
    fn overdue_and_next_tasks_earliest_first() {
        // As of 2024-03-01: d (15/01) and a (01/02) are overdue; f
        // (03/03) and b (05/03) are due soon, c (01/04) later; e has no
        // date.
        let m = model();
        let c = Computed::new(&m);
        let t = |id: &str| task(&m, id);
        assert_eq!(c.overdue(&m), [t("d"), t("a")]);
        assert_eq!(c.due_next(&m), [t("f"), t("b"), t("c")]);
    }

    #[test]
    fn a_long_list_keeps_its_most_urgent() {
        let m = model();
        let c = Computed::new(&m);
        let t = |id: &str| task(&m, id);
        let all = [t("a"), t("b"), t("c"), t("d"), t("e"), t("f")];
        assert_eq!(c.most_urgent(&m, &all, 6), all);
        assert_eq!(c.most_urgent(&m, &all, 3), [t("d"), t("a"), t("f")]);
    }

    #[test]
    fn top_results_are_of_units_with_no_scored_unit_above() {
        let m = model();
        let c = Computed::new(&m);
        let units: Vec<usize> = c.top_results(&m).iter().map(|(_, r)| r.unit).collect();
        // The district and province above the communes are not scored.
        assert_eq!(units, [unit(&m, "tan-loi"), unit(&m, "dong-no")]);
    }

    #[test]
    fn units_are_counted_by_group() {
        let m = model();
        let c = Computed::new(&m);
        let everyone: Vec<usize> = (0..m.units.len()).collect();
        // The groups are the units just below the province: the communes
        // are in the district's; the province, the department and the
        // district are in none.
        let huyen = unit(&m, "huyen");
        assert_eq!(c.count_by_group(everyone), BTreeMap::from([(huyen, 3)]));
    }
}
