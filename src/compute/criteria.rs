//! The points of each criterion across the units of one snapshot: how many
//! units scored it, their sum, lowest, highest and how many reached the
//! criterion's full points. A criterion page shows these per snapshot; they
//! are summed here once, in one pass over each snapshot's scores, instead
//! of once per criterion page over every unit of every snapshot.

use rayon::prelude::*;

use super::Computed;
use crate::model::{Model, Points};

/// One criterion's points over the units of one snapshot scored on its
/// framework.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CriterionStats {
    /// Units with points for the criterion.
    pub scored: usize,
    pub sum: i64,
    pub lowest: i64,
    pub highest: i64,
    /// Units with at least the criterion's full points.
    pub full: usize,
}

impl CriterionStats {
    fn add(&mut self, p: Points, max: Points) {
        if self.scored == 0 {
            self.lowest = p.0;
            self.highest = p.0;
        } else {
            self.lowest = self.lowest.min(p.0);
            self.highest = self.highest.max(p.0);
        }
        self.scored += 1;
        self.sum += p.0;
        if p.0 >= max.0 {
            self.full += 1;
        }
    }

    /// The mean of the points, rounded to the points' own precision.
    pub fn mean(&self) -> Option<Points> {
        (self.scored > 0).then(|| Points((self.sum as f64 / self.scored as f64).round() as i64))
    }
}

/// Stats by framework, then snapshot, then criterion (in the framework's
/// order).
pub type StatsByFramework = Vec<Vec<Vec<CriterionStats>>>;

pub fn criterion_stats(model: &Model, computed: &Computed) -> StatsByFramework {
    model
        .frameworks
        .par_iter()
        .enumerate()
        .map(|(fi, fw)| {
            model
                .snapshots
                .par_iter()
                .enumerate()
                .map(|(si, snap)| {
                    let mut stats = vec![CriterionStats::default(); fw.criteria.len()];
                    for us in snap.units.iter().filter(|us| us.framework == fi) {
                        let result = computed.result_of(model, us, si);
                        for ((s, p), c) in
                            stats.iter_mut().zip(&result.by_criterion).zip(&fw.criteria)
                        {
                            if let Some(p) = p {
                                s.add(*p, c.max);
                            }
                        }
                    }
                    stats
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_count_sum_extremes_and_full_points() {
        let max = Points(1000);
        let mut s = CriterionStats::default();
        assert_eq!(s.mean(), None);
        for p in [500, 1000, 250] {
            s.add(Points(p), max);
        }
        assert_eq!(
            s,
            CriterionStats {
                scored: 3,
                sum: 1750,
                lowest: 250,
                highest: 1000,
                full: 1,
            }
        );
        assert_eq!(s.mean(), Some(Points(583)));
    }

    #[test]
    fn a_single_negative_value_is_both_extremes() {
        let mut s = CriterionStats::default();
        s.add(Points(-250), Points(500));
        assert_eq!((s.lowest, s.highest, s.full), (-250, -250, 0));
    }
}
