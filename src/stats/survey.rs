//! The cross-sectional survey: what a researcher with a questionnaire would
//! measure in one week of the run.
//!
//! For one week (`run.survey_week`, by default the last) each simulation
//! records, per subgroup, exact fixed-point sums of five student measures and
//! of their squares and cross-products, and the number of students screening
//! positive for depressive symptoms. From these a replicate gives Pearson
//! correlations between measures and prevalence and odds ratios between
//! subgroups; over replicates the statistics get Monte Carlo intervals.
//!
//! All sums are integers, so a record does not depend on the order in which
//! students were visited, and the accumulators merge in any order into the
//! same bits (threads, shards, resumed runs).

use serde::{Deserialize, Serialize};

use super::effects::Moments;
use crate::model::StudentState;
use crate::population::{ATOMS, Population, SUBGROUPS, Student, atom_mask};

/// A student measure the survey correlates.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    /// Name in `survey.csv`.
    pub name: &'static str,
    /// What it is.
    pub meaning: &'static str,
}

/// Measures of the survey, in output order.
pub const MEASURES: &[Measure] = &[
    Measure {
        name: "resilience",
        meaning: "resilience 0-100: mean of the five components, perceived support included",
    },
    Measure {
        name: "perceived_support",
        meaning: "perceived social support 0-100",
    },
    Measure {
        name: "distress",
        meaning: "anxiety and depressive symptoms 0-100",
    },
    Measure {
        name: "emotion_regulation",
        meaning: "emotion regulation 0-100",
    },
    Measure {
        name: "self_efficacy",
        meaning: "self-efficacy 0-100",
    },
    Measure {
        name: "resilience_without_support",
        meaning: "resilience 0-100 from the four components other than perceived support (self-efficacy, hope, emotion regulation, social competence)",
    },
];

/// Number of measures.
pub const N_MEASURES: usize = 6;
/// Number of unordered pairs of measures.
pub const N_PAIRS: usize = N_MEASURES * (N_MEASURES - 1) / 2;

/// Every unordered pair `(a, b)` with `a < b`, in output order.
pub const PAIRS: [(usize, usize); N_PAIRS] = {
    let mut out = [(0, 0); N_PAIRS];
    let mut k = 0;
    let mut a = 0;
    while a < N_MEASURES {
        let mut b = a + 1;
        while b < N_MEASURES {
            out[k] = (a, b);
            k += 1;
            b += 1;
        }
        a += 1;
    }
    out
};

/// Index of the pair of two named measures (either order).
pub fn pair_index(a: &str, b: &str) -> Option<usize> {
    let ia = MEASURES.iter().position(|m| m.name == a)?;
    let ib = MEASURES.iter().position(|m| m.name == b)?;
    let (lo, hi) = (ia.min(ib), ia.max(ib));
    PAIRS.iter().position(|&p| p == (lo, hi))
}

/// Subgroup comparisons of depressive symptoms: `(group, reference)`.
pub const CONTRASTS: &[(&str, &str)] = &[
    ("left_behind", "not_left_behind"),
    ("both_parents", "not_left_behind"),
    ("rural", "urban"),
    ("minority", "majority"),
    ("low_trust", "all"),
];

const G: usize = SUBGROUPS.len();
const M: usize = N_MEASURES;
const P: usize = N_PAIRS;

/// Fixed-point scale of survey values (2¹⁶ per unit of 0–100).
const SCALE: f64 = 65_536.0;

/// The survey's measures of one student, on 0–100.
#[inline]
fn values(st: &StudentState) -> [f32; M] {
    let without =
        (st.self_efficacy + st.hope + st.emotion_regulation + st.social_competence) * 25.0;
    [
        100.0 * st.resilience(),
        100.0 * st.support,
        100.0 * st.distress,
        100.0 * st.emotion_regulation,
        100.0 * st.self_efficacy,
        without,
    ]
}

/// Index of a subgroup by name.
pub fn subgroup_index(name: &str) -> Option<usize> {
    SUBGROUPS.iter().position(|s| s.name == name)
}

/// One simulation's survey: exact sums per subgroup at the survey week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyRecord {
    /// The week surveyed.
    pub week: usize,
    /// Students per subgroup.
    pub n: Vec<u64>,
    /// Students screening positive for depressive symptoms, per subgroup.
    pub cases: Vec<u64>,
    /// Fixed-point sums per `[subgroup][measure]`.
    pub sum: Vec<i64>,
    /// Fixed-point sums of squares per `[subgroup][measure]`.
    pub sumsq: Vec<i128>,
    /// Fixed-point sums of cross-products per `[subgroup][pair]`.
    pub cross: Vec<i128>,
}

impl SurveyRecord {
    /// Surveys every student of `pop` in state `state`.
    pub fn observe(
        week: usize,
        pop: &Population,
        state: &[StudentState],
        threshold: f32,
    ) -> SurveyRecord {
        SurveyRecord::observe_students(week, &pop.students, state, threshold)
    }

    /// Surveys `students` in state `state` (a part of a population: surveys
    /// of parts [`SurveyRecord::merge`] into the survey of the whole).
    pub fn observe_students(
        week: usize,
        students: &[Student],
        state: &[StudentState],
        threshold: f32,
    ) -> SurveyRecord {
        // Students are summed into their atom, atoms into subgroups.
        let mut n = [0u64; ATOMS];
        let mut cases = [0u64; ATOMS];
        let mut sum = vec![0i64; ATOMS * M];
        let mut sumsq = vec![0i128; ATOMS * M];
        let mut cross = vec![0i128; ATOMS * P];
        for (s, st) in students.iter().zip(state) {
            let a = s.atom as usize;
            n[a] += 1;
            cases[a] += (st.distress > threshold) as u64;
            let q = values(st).map(|v| (v as f64 * SCALE).round() as i64);
            for m in 0..M {
                sum[a * M + m] += q[m];
                sumsq[a * M + m] += q[m] as i128 * q[m] as i128;
            }
            for (k, &(x, y)) in PAIRS.iter().enumerate() {
                cross[a * P + k] += q[x] as i128 * q[y] as i128;
            }
        }
        let mut out = SurveyRecord {
            week,
            n: vec![0; G],
            cases: vec![0; G],
            sum: vec![0; G * M],
            sumsq: vec![0; G * M],
            cross: vec![0; G * P],
        };
        for a in 0..ATOMS {
            if n[a] == 0 {
                continue;
            }
            let mut mask = atom_mask(a as u8);
            while mask != 0 {
                let g = mask.trailing_zeros() as usize;
                mask &= mask - 1;
                out.n[g] += n[a];
                out.cases[g] += cases[a];
                for m in 0..M {
                    out.sum[g * M + m] += sum[a * M + m];
                    out.sumsq[g * M + m] += sumsq[a * M + m];
                }
                for k in 0..P {
                    out.cross[g * P + k] += cross[a * P + k];
                }
            }
        }
        out
    }

    /// Adds the survey of another part of the same population and week.
    pub fn merge(&mut self, other: &SurveyRecord) {
        for (a, b) in self.n.iter_mut().zip(&other.n) {
            *a += b;
        }
        for (a, b) in self.cases.iter_mut().zip(&other.cases) {
            *a += b;
        }
        for (a, b) in self.sum.iter_mut().zip(&other.sum) {
            *a += b;
        }
        for (a, b) in self.sumsq.iter_mut().zip(&other.sumsq) {
            *a += b;
        }
        for (a, b) in self.cross.iter_mut().zip(&other.cross) {
            *a += b;
        }
    }

    /// The survey of week `week` if it is the survey week, else `None`.
    #[inline]
    pub fn capture(
        week: usize,
        survey_week: usize,
        pop: &Population,
        state: &[StudentState],
        threshold: f32,
    ) -> Option<SurveyRecord> {
        (week == survey_week).then(|| SurveyRecord::observe(week, pop, state, threshold))
    }

    /// Pearson correlation of a pair of measures in a subgroup (NaN when a
    /// measure has no spread or the subgroup fewer than two students).
    ///
    /// The co-moments are computed exactly in integers; only the final
    /// division is floating point.
    pub fn correlation(&self, g: usize, pair: usize) -> f64 {
        let n = self.n[g] as i128;
        if n < 2 {
            return f64::NAN;
        }
        let (x, y) = PAIRS[pair];
        let (sx, sy) = (self.sum[g * M + x] as i128, self.sum[g * M + y] as i128);
        let sxx = n * self.sumsq[g * M + x] - sx * sx;
        let syy = n * self.sumsq[g * M + y] - sy * sy;
        let sxy = n * self.cross[g * P + pair] - sx * sy;
        if sxx <= 0 || syy <= 0 {
            return f64::NAN;
        }
        (sxy as f64 / ((sxx as f64).sqrt() * (syy as f64).sqrt())).clamp(-1.0, 1.0)
    }

    /// Share of a subgroup screening positive (NaN when it is empty).
    pub fn prevalence(&self, g: usize) -> f64 {
        if self.n[g] == 0 {
            f64::NAN
        } else {
            self.cases[g] as f64 / self.n[g] as f64
        }
    }

    /// Prevalence ratio and odds ratio of depressive symptoms, group `a`
    /// against reference `b`. A zero cell gets the Haldane–Anscombe
    /// correction (0.5 added to every cell); an empty group gives NaN.
    pub fn ratios(&self, a: usize, b: usize) -> (f64, f64) {
        let (n1, n0) = (self.n[a] as f64, self.n[b] as f64);
        if n1 == 0.0 || n0 == 0.0 {
            return (f64::NAN, f64::NAN);
        }
        let (c1, c0) = (self.cases[a] as f64, self.cases[b] as f64);
        let zero = c1 == 0.0 || c0 == 0.0 || c1 == n1 || c0 == n0;
        let k = if zero { 0.5 } else { 0.0 };
        let pr = ((c1 + k) / (n1 + 2.0 * k)) / ((c0 + k) / (n0 + 2.0 * k));
        let or = ((c1 + k) * (n0 - c0 + k)) / ((n1 - c1 + k) * (c0 + k));
        (pr, or)
    }
}

/// Fisher's z of a correlation (finite: |r| is kept below 1).
#[inline]
pub fn fisher_z(r: f64) -> f64 {
    r.clamp(-0.999_999_999, 0.999_999_999).atanh()
}

/// A strategy's survey statistics over replicates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyAcc {
    /// Students per subgroup, summed over replicates.
    pub n: Vec<u64>,
    /// Correlation per replicate, per `[subgroup][pair]`.
    pub r: Vec<Moments>,
    /// Fisher's z of the correlation per replicate, per `[subgroup][pair]`.
    pub z: Vec<Moments>,
    /// Prevalence of depressive symptoms per replicate, per subgroup.
    pub prevalence: Vec<Moments>,
    /// Prevalence ratio per replicate, per contrast.
    pub pr: Vec<Moments>,
    /// Log prevalence ratio per replicate, per contrast.
    pub log_pr: Vec<Moments>,
    /// Odds ratio per replicate, per contrast.
    pub or: Vec<Moments>,
    /// Log odds ratio per replicate, per contrast.
    pub log_or: Vec<Moments>,
}

impl Default for SurveyAcc {
    fn default() -> Self {
        let c = CONTRASTS.len();
        SurveyAcc {
            n: vec![0; G],
            r: vec![Moments::default(); G * P],
            z: vec![Moments::default(); G * P],
            prevalence: vec![Moments::default(); G],
            pr: vec![Moments::default(); c],
            log_pr: vec![Moments::default(); c],
            or: vec![Moments::default(); c],
            log_or: vec![Moments::default(); c],
        }
    }
}

impl SurveyAcc {
    /// Adds one replicate's survey.
    pub fn fold(&mut self, rec: &SurveyRecord) {
        for g in 0..G {
            self.n[g] += rec.n[g];
            self.prevalence[g].push(rec.prevalence(g));
            for k in 0..P {
                let r = rec.correlation(g, k);
                self.r[g * P + k].push(r);
                self.z[g * P + k].push(fisher_z(r));
            }
        }
        for (c, (a, b)) in CONTRASTS.iter().enumerate() {
            let (Some(a), Some(b)) = (subgroup_index(a), subgroup_index(b)) else {
                continue;
            };
            let (pr, or) = rec.ratios(a, b);
            self.pr[c].push(pr);
            self.log_pr[c].push(pr.ln());
            self.or[c].push(or);
            self.log_or[c].push(or.ln());
        }
    }

    /// Adds another accumulator.
    pub fn merge(&mut self, o: &SurveyAcc) {
        for (a, b) in self.n.iter_mut().zip(&o.n) {
            *a += b;
        }
        for (a, b) in [
            (&mut self.r, &o.r),
            (&mut self.z, &o.z),
            (&mut self.prevalence, &o.prevalence),
            (&mut self.pr, &o.pr),
            (&mut self.log_pr, &o.log_pr),
            (&mut self.or, &o.or),
            (&mut self.log_or, &o.log_or),
        ] {
            for (x, y) in a.iter_mut().zip(b) {
                x.merge(y);
            }
        }
    }

    /// Correlation of a pair in a subgroup: tanh of the mean Fisher z over
    /// replicates, with the 95 % Monte Carlo interval on the z scale mapped back.
    pub fn correlation(&self, g: usize, pair: usize) -> (f64, f64, f64) {
        let z = &self.z[g * P + pair];
        let (lo, hi) = z.interval();
        (z.mean().tanh(), lo.tanh(), hi.tanh())
    }

    /// A ratio from its log moments: geometric mean over replicates and 95 %
    /// Monte Carlo interval.
    pub fn ratio(log: &Moments) -> (f64, f64, f64) {
        let (lo, hi) = log.interval();
        (log.mean().exp(), lo.exp(), hi.exp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_cover_every_unordered_pair_once() {
        let mut seen = std::collections::HashSet::new();
        for &(a, b) in &PAIRS {
            assert!(a < b && b < N_MEASURES);
            assert!(seen.insert((a, b)));
        }
        assert_eq!(seen.len(), N_PAIRS);
        assert_eq!(pair_index("distress", "resilience"), Some(1));
        assert_eq!(pair_index("resilience", "distress"), Some(1));
        assert_eq!(pair_index("resilience", "nope"), None);
    }

    fn record(xs: &[(f64, f64)]) -> SurveyRecord {
        let q = |v: f64| (v * SCALE).round() as i64;
        let mut r = SurveyRecord {
            week: 0,
            n: vec![0; G],
            cases: vec![0; G],
            sum: vec![0; G * M],
            sumsq: vec![0; G * M],
            cross: vec![0; G * P],
        };
        // Measures 0 and 1 (pair 0) carry the data.
        for &(x, y) in xs {
            let (x, y) = (q(x), q(y));
            r.n[0] += 1;
            r.sum[0] += x;
            r.sum[1] += y;
            r.sumsq[0] += x as i128 * x as i128;
            r.sumsq[1] += y as i128 * y as i128;
            r.cross[0] += x as i128 * y as i128;
        }
        r
    }

    #[test]
    fn correlation_matches_the_textbook_formula() {
        let xs = [(1.0, 2.0), (2.0, 2.5), (3.0, 7.0), (4.0, 8.0), (5.0, 7.5)];
        let n = xs.len() as f64;
        let mx = xs.iter().map(|p| p.0).sum::<f64>() / n;
        let my = xs.iter().map(|p| p.1).sum::<f64>() / n;
        let sxy: f64 = xs.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
        let sxx: f64 = xs.iter().map(|p| (p.0 - mx).powi(2)).sum();
        let syy: f64 = xs.iter().map(|p| (p.1 - my).powi(2)).sum();
        let want = sxy / (sxx * syy).sqrt();
        let got = record(&xs).correlation(0, 0);
        assert!((got - want).abs() < 1e-9, "{got} vs {want}");
        assert!(record(&[(1.0, 1.0), (1.0, 2.0)]).correlation(0, 0).is_nan());
    }

    #[test]
    fn ratios_of_a_two_by_two_table() {
        let mut r = record(&[]);
        r.n[1] = 100;
        r.cases[1] = 30;
        r.n[2] = 200;
        r.cases[2] = 40;
        let (pr, or) = r.ratios(1, 2);
        assert!((pr - 1.5).abs() < 1e-12);
        assert!((or - (30.0 * 160.0) / (70.0 * 40.0)).abs() < 1e-12);
        r.cases[2] = 0;
        let (pr, or) = r.ratios(1, 2);
        assert!(pr.is_finite() && or.is_finite() && pr > 1.0);
    }
}
