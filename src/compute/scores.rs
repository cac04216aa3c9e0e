use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::model::{Model, Points, UnitScores};

/// A unit's result in one snapshot: points per criterion (a parent's are the
/// sum of its scored children), the total over the framework's max, the
/// percentage and the band it earns.
#[derive(Debug, Clone)]
pub struct UnitResult {
    pub unit: usize,
    pub framework: usize,
    /// Per criterion of the framework, in its order; None where nothing
    /// below it is scored.
    pub by_criterion: Vec<Option<Points>>,
    pub total: Points,
    pub max: Points,
    /// Percentage of max, in thousandths of a percent.
    pub percent: Points,
    /// Index into the framework's bands.
    pub band: Option<usize>,
    pub scored_leaves: usize,
    pub leaves: usize,
}

/// `total / max` as a percentage, in thousandths of a percent, rounded.
pub fn percent(total: Points, max: Points) -> Points {
    if max.0 <= 0 {
        return Points(0);
    }
    // total and max are in thousandths; percent in thousandths of a percent.
    let scaled = total.0 as i128 * 100 * Points::SCALE as i128;
    let max = max.0 as i128;
    Points(((scaled * 2 + max) / (2 * max)) as i64)
}

pub fn unit_result(model: &Model, scores: &UnitScores) -> UnitResult {
    let fw = &model.frameworks[scores.framework];
    let mut by_criterion: Vec<Option<Points>> = vec![None; fw.criteria.len()];
    // Criteria are stored parents first, so children come later: walk
    // backwards and add each to its parent.
    for i in (0..fw.criteria.len()).rev() {
        if let Some(points) = scores.get(i) {
            by_criterion[i] = Some(points);
        }
        if let (Some(p), Some(parent)) = (by_criterion[i], fw.criteria[i].parent) {
            let slot = &mut by_criterion[parent];
            *slot = Some(slot.unwrap_or_default() + p);
        }
    }
    let total = fw.roots.iter().filter_map(|&r| by_criterion[r]).sum();
    let leaves = fw.criteria.iter().filter(|c| c.children.is_empty()).count();
    let pct = percent(total, fw.max);
    let band = fw.bands.iter().position(|b| pct >= b.min_percent);
    UnitResult {
        unit: scores.unit,
        framework: scores.framework,
        by_criterion,
        total,
        max: fw.max,
        percent: pct,
        band,
        scored_leaves: scores.scored().count(),
        leaves,
    }
}

/// Every unit's results over the snapshots, oldest first, as (snapshot
/// index, result), on the framework the unit is scored on (or, for a unit
/// without one, the first framework it was scored on). Units never scored
/// are left out.
pub fn histories(model: &Model) -> BTreeMap<usize, Vec<(usize, UnitResult)>> {
    // Results are summed on every core (a national site has 48,000), then
    // kept or not in file order: which framework a unit keeps depends on
    // its first result.
    let results: Vec<Vec<UnitResult>> = model
        .snapshots
        .par_iter()
        .map(|snap| {
            snap.units
                .par_iter()
                .map(|us| unit_result(model, us))
                .collect()
        })
        .collect();
    let mut out: BTreeMap<usize, Vec<(usize, UnitResult)>> = BTreeMap::new();
    for (si, (snap, results)) in model.snapshots.iter().zip(results).enumerate() {
        for (us, result) in snap.units.iter().zip(results) {
            let own = model.units[us.unit].framework;
            let entry = out.entry(us.unit).or_default();
            let framework = own.or(entry.first().map(|(_, r)| r.framework));
            if framework.is_none_or(|f| f == us.framework) {
                entry.push((si, result));
            }
        }
    }
    out
}

/// A unit's place among others: 1 is first; equal scores share a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rank {
    pub place: usize,
    /// How many units were ranked together.
    pub of: usize,
}

/// Ranks results by percentage among the units of the same kind scored on
/// the same framework, by unit index.
pub fn ranks_by_kind<'r>(
    model: &Model,
    results: impl Iterator<Item = &'r UnitResult>,
) -> BTreeMap<usize, Rank> {
    let mut by_kind: BTreeMap<(&str, usize), Vec<&UnitResult>> = BTreeMap::new();
    for r in results {
        by_kind
            .entry((model.units[r.unit].kind.as_str(), r.framework))
            .or_default()
            .push(r);
    }
    let mut out = BTreeMap::new();
    for group in by_kind.values() {
        let percents: Vec<_> = group.iter().map(|r| r.percent).collect();
        for (r, place) in group.iter().zip(rank(&percents)) {
            let of = group.len();
            out.insert(r.unit, Rank { place, of });
        }
    }
    out
}

/// Ranks by points, highest first; equal points share a rank (1, 1, 3).
/// Returns the rank of each input, in input order.
pub fn rank(points: &[Points]) -> Vec<usize> {
    let mut highest_first = points.to_vec();
    highest_first.sort_unstable_by(|a, b| b.cmp(a));
    points
        .iter()
        .map(|p| 1 + highest_first.partition_point(|q| q > p))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_a_rank() {
        let r = rank(&[Points(5000), Points(7000), Points(5000), Points(1000)]);
        assert_eq!(r, vec![2, 1, 2, 4]);
    }

    #[test]
    fn percent_rounds() {
        assert_eq!(percent(Points(7900), Points(17500)), Points(45143));
        assert_eq!(percent(Points(1), Points(0)), Points(0));
        assert_eq!(percent(Points(2000), Points(2000)), Points(100_000));
    }
}
