//! Questions about a framework's criterion tree: what lies above a
//! criterion, who answers for it (its owners, or those of a criterion
//! above it) and which tasks work towards it (its own, or those of a
//! criterion below it).

use super::Computed;
use crate::model::{CriterionRef, Model};

/// The criteria above `r` in its framework, the root first.
pub fn ancestors(model: &Model, r: CriterionRef) -> Vec<CriterionRef> {
    let criteria = &model.frameworks[r.framework].criteria;
    let mut above = Vec::new();
    let mut at = criteria[r.criterion].parent;
    while let Some(c) = at {
        above.push(CriterionRef {
            framework: r.framework,
            criterion: c,
        });
        at = criteria[c].parent;
    }
    above.reverse();
    above
}

impl Computed {
    /// The assignments (indexes into `model.assignments`) of `r`, then of
    /// each criterion above it, nearest first: who answers for a criterion
    /// is its owner, or the owner of the field it belongs to.
    pub fn owners(&self, model: &Model, r: CriterionRef) -> Vec<usize> {
        let criteria = &model.frameworks[r.framework].criteria;
        let mut owners = Vec::new();
        let mut at = Some(r.criterion);
        while let Some(c) = at {
            let here = CriterionRef {
                framework: r.framework,
                criterion: c,
            };
            let assigned = self.index.assignments_by_criterion.get(&here);
            owners.extend(assigned.into_iter().flatten());
            at = criteria[c].parent;
        }
        owners
    }

    /// The tasks of `r` and of every criterion below it, in content order.
    pub fn tasks_below(&self, model: &Model, r: CriterionRef) -> Vec<usize> {
        let criteria = &model.frameworks[r.framework].criteria;
        let mut tasks: Vec<usize> = Vec::new();
        let mut stack = vec![r.criterion];
        while let Some(c) = stack.pop() {
            let here = CriterionRef {
                framework: r.framework,
                criterion: c,
            };
            let of_here = self.index.tasks_by_criterion.get(&here);
            tasks.extend(of_here.into_iter().flatten());
            stack.extend(&criteria[c].children);
        }
        tasks.sort_unstable();
        tasks
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{criterion, model, task, unit};
    use super::*;

    #[test]
    fn ancestors_run_from_the_root_down() {
        let m = model();
        let codes = |r| -> Vec<String> {
            ancestors(&m, r)
                .into_iter()
                .map(|a| m.criterion(a).code.clone())
                .collect()
        };
        assert_eq!(codes(criterion(&m, "1.1.1")), ["1", "1.1"]);
        assert_eq!(codes(criterion(&m, "1.2")), ["1"]);
        assert!(codes(criterion(&m, "1")).is_empty());
    }

    #[test]
    fn owners_are_those_of_the_criterion_then_of_the_fields_above_it() {
        let m = model();
        let c = Computed::new(&m);
        let owner_ids = |code: &str| -> Vec<(String, String)> {
            c.owners(&m, criterion(&m, code))
                .into_iter()
                .map(|a| {
                    let a = &m.assignments[a];
                    (
                        m.criterion(a.criterion).code.clone(),
                        m.units[a.owner].id.clone(),
                    )
                })
                .collect()
        };
        assert_eq!(
            owner_ids("1.1.1"),
            [
                ("1.1.1".into(), "tan-loi".into()),
                ("1".into(), "so-noi-vu".into())
            ]
        );
        // No owner of its own: the field's.
        assert_eq!(owner_ids("1.2"), [("1".into(), "so-noi-vu".into())]);
        assert_eq!(owner_ids("2.1"), [("2.1".into(), "so-noi-vu".into())]);
        assert!(owner_ids("2").is_empty());
        let partners = &m.assignments[c.owners(&m, criterion(&m, "1.1.1"))[0]].partners;
        assert_eq!(partners, &[unit(&m, "dong-no")]);
    }

    #[test]
    fn tasks_below_a_criterion_are_its_own_and_its_descendants_in_content_order() {
        let m = model();
        let c = Computed::new(&m);
        let ids = |code: &str| -> Vec<usize> { c.tasks_below(&m, criterion(&m, code)) };
        let t = |id: &str| task(&m, id);
        assert_eq!(ids("1"), [t("a"), t("b"), t("d")]);
        assert_eq!(ids("1.1"), [t("a"), t("d")]);
        assert_eq!(ids("1.1.1"), [t("a")]);
        assert!(ids("1.2").is_empty());
        assert_eq!(ids("2"), [t("c")]);
    }
}
