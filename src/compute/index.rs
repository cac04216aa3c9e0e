//! Lookups built once per build, so that no page scans the whole model: the
//! tasks of a unit, the notes of a criterion, the children of a unit, the
//! group (province, district…) a unit is listed under on large sites.

use std::collections::HashMap;

use super::timeline::{self, Deadline};
use crate::limits::LIMITS;
use crate::model::{CriterionRef, Model};

#[derive(Default)]
pub struct Index {
    pub tasks_by_lead: Vec<Vec<usize>>,
    pub tasks_by_partner: Vec<Vec<usize>>,
    pub tasks_by_directive: Vec<Vec<usize>>,
    pub tasks_by_criterion: HashMap<CriterionRef, Vec<usize>>,
    /// Tasks whose escalation the unit must make.
    pub escalations_by_unit: Vec<Vec<usize>>,
    pub notes_by_unit: Vec<Vec<usize>>,
    pub notes_by_criterion: HashMap<CriterionRef, Vec<usize>>,
    /// Assignments where the unit owns or takes part in a criterion.
    pub assignments_by_unit: Vec<Vec<usize>>,
    pub assignments_by_criterion: HashMap<CriterionRef, Vec<usize>>,
    pub children: Vec<Vec<usize>>,
    pub units_by_framework: Vec<Vec<usize>>,
    /// The unit a unit is grouped under on long lists: the ancestor just
    /// below the common root (a province under the country), or the root.
    pub group: Vec<Option<usize>>,
    /// Every deadline of the site, in date order.
    pub deadlines: Vec<Deadline>,
    /// The page of its directive's task list each task is on (0-based).
    pub task_page: Vec<usize>,
}

impl Index {
    pub fn new(model: &Model) -> Index {
        let units = model.units.len();
        let mut ix = Index {
            tasks_by_lead: vec![Vec::new(); units],
            tasks_by_partner: vec![Vec::new(); units],
            tasks_by_directive: vec![Vec::new(); model.directives.len()],
            escalations_by_unit: vec![Vec::new(); units],
            assignments_by_unit: vec![Vec::new(); units],
            children: vec![Vec::new(); units],
            units_by_framework: vec![Vec::new(); model.frameworks.len()],
            task_page: vec![0; model.tasks.len()],
            ..Index::default()
        };
        for (i, t) in model.tasks.iter().enumerate() {
            ix.tasks_by_lead[t.lead].push(i);
            for &p in &t.partners {
                ix.tasks_by_partner[p].push(i);
            }
            ix.task_page[i] = ix.tasks_by_directive[t.directive].len() / LIMITS.tasks_per_page;
            ix.tasks_by_directive[t.directive].push(i);
            if let Some(c) = t.criterion {
                ix.tasks_by_criterion.entry(c).or_default().push(i);
            }
            if let Some(by) = t.escalation.as_ref().and_then(|e| e.by) {
                ix.escalations_by_unit[by].push(i);
            }
        }
        ix.renote(model);
        for (i, a) in model.assignments.iter().enumerate() {
            ix.assignments_by_unit[a.owner].push(i);
            for &p in &a.partners {
                if p != a.owner {
                    ix.assignments_by_unit[p].push(i);
                }
            }
            ix.assignments_by_criterion
                .entry(a.criterion)
                .or_default()
                .push(i);
        }
        for (i, u) in model.units.iter().enumerate() {
            if let Some(p) = u.parent {
                ix.children[p].push(i);
            }
            if let Some(f) = u.framework {
                ix.units_by_framework[f].push(i);
            }
        }
        ix.group = groups(model);
        ix.deadlines = timeline::deadlines(model, model.site.as_of);
        ix
    }

    /// Makes the lookups of notes again from `model.notes`, leaving the
    /// others: for a change of notes alone (nothing else depends on them).
    pub fn renote(&mut self, model: &Model) {
        self.notes_by_unit = vec![Vec::new(); model.units.len()];
        self.notes_by_criterion.clear();
        for (i, n) in model.notes.iter().enumerate() {
            if let Some(u) = n.unit {
                self.notes_by_unit[u].push(i);
            }
            if let Some(c) = n.criterion {
                self.notes_by_criterion.entry(c).or_default().push(i);
            }
        }
    }
}

/// Each unit's group: its ancestor just below the root when all units share
/// one root (the country over provinces), else its root; None for roots.
fn groups(model: &Model) -> Vec<Option<usize>> {
    let chain = |u: usize| {
        let mut chain = vec![u];
        let mut at = model.units[u].parent;
        while let Some(p) = at {
            if chain.len() > model.units.len() {
                break;
            }
            chain.push(p);
            at = model.units[p].parent;
        }
        chain.reverse(); // root first
        chain
    };
    let chains: Vec<Vec<usize>> = (0..model.units.len()).map(chain).collect();
    let mut roots: Vec<usize> = chains
        .iter()
        .filter(|c| c.len() > 1)
        .map(|c| c[0])
        .collect();
    roots.sort_unstable();
    roots.dedup();
    let depth = if roots.len() == 1 { 1 } else { 0 };
    chains
        .iter()
        .map(|c| {
            if c.len() > depth + 1 {
                Some(c[depth])
            } else {
                None
            }
        })
        .collect()
}
