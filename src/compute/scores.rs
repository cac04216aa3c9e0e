use std::collections::BTreeMap;

use rayon::prelude::*;

use super::Computed;
use crate::model::{CriterionRef, Model, Points, UnitScores};

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

impl UnitResult {
    /// Points gained (negative: lost) on criterion `c` of the framework
    /// since `previous`, a result of the same unit: none unless both have
    /// points for it on the same framework.
    pub fn change_on(&self, previous: &UnitResult, c: usize) -> Option<Points> {
        if previous.framework != self.framework {
            return None;
        }
        let (now, before) = (self.by_criterion[c]?, previous.by_criterion[c]?);
        Some(Points(now.0 - before.0))
    }

    /// Points gained (negative: lost) in total since `previous`.
    pub fn change_since(&self, previous: &UnitResult) -> Points {
        Points(self.total.0 - previous.total.0)
    }
}

impl Computed {
    /// The unit's points on criterion `r` in its latest result: none when
    /// that result is on another framework or has no points for it.
    pub fn latest_points(&self, unit: usize, r: CriterionRef) -> Option<Points> {
        self.latest(unit)
            .filter(|(_, res)| res.framework == r.framework)
            .and_then(|(_, res)| res.by_criterion[r.criterion])
    }

    /// The units of `r`'s framework that do not have its full points in
    /// their latest result, with the points they have (none when not
    /// scored on it), in the order of the units.
    pub fn lacking(&self, model: &Model, r: CriterionRef) -> Vec<(usize, Option<Points>)> {
        let max = model.criterion(r).max;
        self.index.units_by_framework[r.framework]
            .iter()
            .map(|&u| (u, self.latest_points(u, r)))
            .filter(|(_, points)| points.is_none_or(|p| p < max))
            .collect()
    }
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
    let results: Vec<&UnitResult> = results.collect();
    let ranks = ranks_among(&results, |r| {
        (model.units[r.unit].kind.as_str(), r.framework)
    });
    results.iter().map(|r| r.unit).zip(ranks).collect()
}

/// The rank of each of `results` (one snapshot's) among those scored on
/// the same framework, in their order.
pub fn ranks_by_framework<'r>(results: impl IntoIterator<Item = &'r UnitResult>) -> Vec<Rank> {
    let results: Vec<&UnitResult> = results.into_iter().collect();
    ranks_among(&results, |r| r.framework)
}

/// The rank of each of `results` by percentage among those with the same
/// `group`, in their order.
fn ranks_among<K: Ord>(results: &[&UnitResult], group: impl Fn(&UnitResult) -> K) -> Vec<Rank> {
    let mut groups: BTreeMap<K, Vec<usize>> = BTreeMap::new();
    for (i, r) in results.iter().enumerate() {
        groups.entry(group(r)).or_default().push(i);
    }
    let mut ranks = vec![Rank { place: 0, of: 0 }; results.len()];
    for members in groups.values() {
        let percents: Vec<Points> = members.iter().map(|&i| results[i].percent).collect();
        for (&i, place) in members.iter().zip(rank(&percents)) {
            let of = members.len();
            ranks[i] = Rank { place, of };
        }
    }
    ranks
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
    use super::super::testing::{criterion, model, unit};
    use super::*;

    #[test]
    fn changes_are_between_two_results_of_one_framework() {
        let m = model();
        let c = Computed::new(&m);
        let tan_loi = unit(&m, "tan-loi");
        let history = &c.histories[&tan_loi];
        let (before, now) = (&history[0].1, &history[1].1);
        let at = |code: &str| criterion(&m, code).criterion;
        // 1 → 2 on 1.1.1, 1 → 0,5 on 1.2, 3 → 3 on 2.1.
        assert_eq!(now.change_on(before, at("1.1.1")), Some(Points(1000)));
        assert_eq!(now.change_on(before, at("1.2")), Some(Points(-500)));
        assert_eq!(now.change_on(before, at("2.1")), Some(Points(0)));
        assert_eq!(now.change_since(before), Points(500));
        // Dong No had no points on 2.1 before.
        let dong_no = &c.histories[&unit(&m, "dong-no")];
        assert_eq!(dong_no[1].1.change_on(&dong_no[0].1, at("2.1")), None);
        let elsewhere = UnitResult {
            framework: 1,
            ..before.clone()
        };
        assert_eq!(now.change_on(&elsewhere, at("1.1.1")), None);
    }

    #[test]
    fn lacking_units_have_less_than_the_full_points_or_none() {
        let m = model();
        let c = Computed::new(&m);
        let (tan_loi, dong_no) = (unit(&m, "tan-loi"), unit(&m, "dong-no"));
        // Moi is on the framework but not scored yet.
        let moi = unit(&m, "moi");
        let lacking = |code: &str| c.lacking(&m, criterion(&m, code));
        // 1.1.1 (max 2): both scored units have 2.
        assert_eq!(lacking("1.1.1"), [(moi, None)]);
        // 1.2 (max 1): Tan Loi has 0,5.
        assert_eq!(lacking("1.2"), [(tan_loi, Some(Points(500))), (moi, None)]);
        // 2.1 (max 3): Dong No has 1.
        assert_eq!(lacking("2.1"), [(dong_no, Some(Points(1000))), (moi, None)]);
        assert_eq!(
            c.latest_points(tan_loi, criterion(&m, "1")),
            Some(Points(2500))
        );
    }

    #[test]
    fn ranks_in_a_snapshot_are_among_the_results_of_one_framework() {
        let m = model();
        let c = Computed::new(&m);
        let result = |id: &str, s: usize| c.histories[&unit(&m, id)][s].1.clone();
        // 5,5 against 4 in the second snapshot; on another framework,
        // Tan Loi would be ranked alone.
        let (tan_loi, dong_no) = (result("tan-loi", 1), result("dong-no", 1));
        let ranks = ranks_by_framework([&tan_loi, &dong_no]);
        assert_eq!(ranks, [Rank { place: 1, of: 2 }, Rank { place: 2, of: 2 }]);
        let elsewhere = UnitResult {
            framework: 1,
            ..tan_loi
        };
        let ranks = ranks_by_framework([&elsewhere, &dong_no]);
        assert_eq!(ranks, [Rank { place: 1, of: 1 }, Rank { place: 1, of: 1 }]);
    }

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
