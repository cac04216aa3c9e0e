//! The units a site is headed by: those with a score card of their own on
//! the home page and the site's embed.

use super::Computed;
use crate::limits::LIMITS;
use crate::model::Model;

impl Computed {
    /// The scored units with no scored unit above them (a district over
    /// its communes), by unit; none when there are more than
    /// [`LIMITS.headline_units`](crate::limits::Limits::headline_units)
    /// (a province's departments: the rankings show them all instead).
    pub fn headline_units(&self, model: &Model) -> Vec<usize> {
        let scored = |u: usize| self.latest(u).is_some();
        let mut units: Vec<usize> = self
            .latests()
            .map(|(_, r)| r.unit)
            .filter(|&u| {
                let mut p = model.units[u].parent;
                while let Some(up) = p {
                    if scored(up) {
                        return false;
                    }
                    p = model.units[up].parent;
                }
                true
            })
            .collect();
        if units.len() > LIMITS.headline_units {
            units.clear();
        }
        units
    }
}
