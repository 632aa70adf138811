//! The cross-sectional survey: what a researcher with a questionnaire would
//! measure over a survey window of several weeks.
//!
//! In each week of the window (`run.survey_weeks`; by default ordinary school
//! weeks spread over both terms, see [`crate::scenario::RunSettings`]) each
//! simulation sums, per survey subgroup, exact fixed-point values of six
//! student measures, their squares and cross-products, and the number of
//! students screening positive for depressive symptoms ([`SurveyWeek`]).
//! The weeks are pooled into one [`SurveyRecord`]:
//!
//! * counts and sums are added over the weeks, so a prevalence is the share
//!   of all student-weeks screening positive (the mean of the weekly
//!   prevalences) and a mean is the mean over student-weeks;
//! * variances and covariances are pooled *within* weeks: each week's
//!   co-moment `n·Σxy − Σx·Σy` is centred on that week's means and the
//!   centred co-moments are added. A shift of the whole population between
//!   window weeks (the calendar) is therefore not counted as a difference
//!   between students; with one week it is the ordinary sample statistic.
//!
//! From a record a replicate gives Pearson correlations, prevalences, means,
//! prevalence and odds ratios and standardised mean differences between
//! subgroups, and — when the run is long enough — the rank-order stability
//! and persistence of [`super::panel`]; over replicates every statistic gets
//! a Monte Carlo interval (Student's t).
//!
//! All sums are integers, so a record does not depend on the order in which
//! students were visited, and records merge in any order into the same bits
//! (threads, shards, resumed runs).

use serde::{Deserialize, Serialize};

use super::effects::{Moments, hedges_g};
use super::panel::{PanelAcc, PanelRecord, Wave};
use crate::model::{StatesRef, StudentState};
use crate::population::{ATOMS, SUBGROUPS, Student, Subgroup, atom_mask};
use crate::scenario::Scenario;

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

/// Index of a measure by name.
pub fn measure_index(name: &str) -> Option<usize> {
    MEASURES.iter().position(|m| m.name == name)
}

/// Index of the pair of two named measures (either order).
pub fn pair_index(a: &str, b: &str) -> Option<usize> {
    let ia = measure_index(a)?;
    let ib = measure_index(b)?;
    let (lo, hi) = (ia.min(ib), ia.max(ib));
    PAIRS.iter().position(|&p| p == (lo, hi))
}

/// Subgroup comparisons of `survey.csv` (prevalence and odds ratios of
/// depressive symptoms, standardised mean differences of every measure):
/// `(group, reference)`.
pub const CONTRASTS: &[(&str, &str)] = &[
    ("left_behind", "not_left_behind"),
    ("both_parents", "not_left_behind"),
    ("rural", "urban"),
    ("minority", "majority"),
    ("low_trust", "all"),
    ("one_parent", "not_left_behind"),
    ("both_parents", "one_parent"),
    ("female", "male"),
];

/// Grades the survey tells apart: a population's grades are 1 to 12.
pub const GRADES: usize = 12;

/// The per-grade survey subgroups `grade_1` … `grade_12` (only those with
/// students appear in `survey.csv`). Grades are survey subgroups only:
/// weekly trajectories and effects are recorded for [`SUBGROUPS`].
pub const GRADE_GROUPS: [Subgroup; GRADES] = {
    const NAMES: [&str; GRADES] = [
        "grade_1", "grade_2", "grade_3", "grade_4", "grade_5", "grade_6", "grade_7", "grade_8",
        "grade_9", "grade_10", "grade_11", "grade_12",
    ];
    let mut out = [Subgroup {
        name: "",
        meaning: "students in one school grade",
    }; GRADES];
    let mut i = 0;
    while i < GRADES {
        out[i].name = NAMES[i];
        i += 1;
    }
    out
};

/// Number of survey subgroups: the reporting subgroups, then one per grade.
pub const SURVEY_GROUPS: usize = SUBGROUPS.len() + GRADES;

/// The survey subgroup with index `g`.
pub fn survey_group(g: usize) -> &'static Subgroup {
    if g < SUBGROUPS.len() {
        &SUBGROUPS[g]
    } else {
        &GRADE_GROUPS[g - SUBGROUPS.len()]
    }
}

/// Every survey subgroup name, in output order.
pub fn survey_group_names() -> impl Iterator<Item = &'static str> {
    (0..SURVEY_GROUPS).map(|g| survey_group(g).name)
}

/// Index of a survey subgroup (a reporting subgroup or `grade_N`) by name.
pub fn subgroup_index(name: &str) -> Option<usize> {
    (0..SURVEY_GROUPS).find(|&g| survey_group(g).name == name)
}

const G: usize = SURVEY_GROUPS;
const M: usize = N_MEASURES;
const P: usize = N_PAIRS;
/// Survey cells: atoms × grades; every survey subgroup is a union of cells.
pub(crate) const CELLS: usize = ATOMS * GRADES;

/// Fixed-point scale of survey values (2¹⁶ per unit of 0–100).
pub(crate) const SCALE: f64 = 65_536.0;

/// Fixed-point values below this (2²³, a measure up to 128) have squares
/// and cross-products below 2⁴⁶.
const SMALL: u64 = 1 << 23;

/// Students of a cell whose squares and cross-products of small values
/// (below [`SMALL`]) are added in an `i64` before moving to the `i128`
/// sums: 2¹⁶ products below 2⁴⁶ stay below 2⁶².
const FLUSH: u64 = 1 << 16;

/// The survey cell of a student.
#[inline]
pub(crate) fn cell_of(s: &Student) -> usize {
    s.atom as usize + ATOMS * (s.grade.clamp(1, GRADES as u8) as usize - 1)
}

/// The survey cells present among `students`: each student's slot (an index
/// into the returned list of cells, in order of first appearance), so that
/// sums are kept only for the cells a population has.
pub(crate) fn present_cells(students: &[Student]) -> (Vec<u32>, Vec<usize>) {
    let mut slot = vec![u32::MAX; CELLS];
    let mut present = Vec::new();
    let slots = students
        .iter()
        .map(|s| {
            let c = cell_of(s);
            if slot[c] == u32::MAX {
                slot[c] = present.len() as u32;
                present.push(c);
            }
            slot[c]
        })
        .collect();
    (slots, present)
}

/// The survey subgroups a cell belongs to, as a bit mask.
pub(crate) fn cell_mask(cell: usize) -> u32 {
    atom_mask((cell % ATOMS) as u8) as u32 | 1 << (SUBGROUPS.len() + cell / ATOMS)
}

/// Fixed-point value of a 0–100 measure: `(v as f64 * SCALE).round() as
/// i64`, without a call to `round` (the baseline x86-64 build has no
/// rounding instruction).
///
/// `x = v · 2¹⁶` is exact in `f64` (an `f32` times a power of two: at most 24
/// significant bits). For `x ≥ 0`, `⌊x + ½⌋` (a truncating conversion, as
/// `x + ½ ≥ 0`) is `round(x)`, ties away from zero, when `x + ½` is exact:
/// for `x ≥ ½` the sum has at most one leading bit more than `x`'s 24 bits;
/// for `2⁻³⁰ ≤ x < ½` the sum lies in [½, 1), whose last bit, 2⁻⁵³, is no
/// finer than `x`'s (24 bits from a leading one of at least 2⁻³⁰). For
/// `x < 2⁻³⁰` the sum rounds to at most ½ + 2⁻³⁰ < 1, and both sides are 0.
/// A negative `x` (outcomes are 0–100, so none is expected) takes `round`;
/// NaN gives 0 either way.
#[inline]
pub(crate) fn fixed(v: f32) -> i64 {
    let x = v as f64 * SCALE;
    if x >= 0.0 {
        (x + 0.5) as i64
    } else {
        x.round() as i64
    }
}

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

/// Co-moment `n·Σxy − Σx·Σy`: `n` times the sum of cross-products of
/// deviations from the means, exact.
#[inline]
pub(crate) fn comoment(n: u64, sx: i128, sy: i128, sxy: i128) -> i128 {
    n as i128 * sxy - sx * sy
}

/// One week's survey of (part of) a population: exact sums per survey
/// subgroup. Surveys of disjoint parts of a population in the same week
/// [`SurveyWeek::merge`] into the survey of the whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyWeek {
    /// Students per survey subgroup.
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

impl SurveyWeek {
    /// A survey of nobody.
    pub fn empty() -> SurveyWeek {
        SurveyWeek {
            n: vec![0; G],
            cases: vec![0; G],
            sum: vec![0; G * M],
            sumsq: vec![0; G * M],
            cross: vec![0; G * P],
        }
    }

    /// Surveys `students` in state `state`.
    pub fn observe(students: &[Student], state: StatesRef<'_>, threshold: f32) -> SurveyWeek {
        // Students are summed into their cell, cells into subgroups.
        let (slots, present) = present_cells(students);
        let cells = present.len();
        let mut n = vec![0u64; cells];
        let mut cases = vec![0u64; cells];
        let mut sum = vec![0i64; cells * M];
        let mut sumsq = vec![0i128; cells * M];
        let mut cross = vec![0i128; cells * P];
        // Squares and cross-products of values below 2²³ (every measure of
        // 0–100) are below 2⁴⁶: a cell adds those of FLUSH students exactly
        // in an i64 (below 2⁶²) before they move to the i128 sums, which
        // costs one addition each instead of two.
        let mut part_sq = vec![0i64; cells * M];
        let mut part_cross = vec![0i64; cells * P];
        let flush = |c: usize,
                     part_sq: &mut [i64],
                     part_cross: &mut [i64],
                     sumsq: &mut [i128],
                     cross: &mut [i128]| {
            for m in 0..M {
                sumsq[c * M + m] += part_sq[c * M + m] as i128;
                part_sq[c * M + m] = 0;
            }
            for k in 0..P {
                cross[c * P + k] += part_cross[c * P + k] as i128;
                part_cross[c * P + k] = 0;
            }
        };
        for (i, &c) in slots.iter().enumerate() {
            let c = c as usize;
            let st = state.outcome_state(i);
            n[c] += 1;
            cases[c] += (st.distress > threshold) as u64;
            let q = values(&st).map(fixed);
            for m in 0..M {
                sum[c * M + m] += q[m];
            }
            // A product of two values below 2²³ fits an i64; sums need i128.
            if q.iter().all(|&x| x.unsigned_abs() < SMALL) {
                for m in 0..M {
                    part_sq[c * M + m] += q[m] * q[m];
                }
                for (k, &(x, y)) in PAIRS.iter().enumerate() {
                    part_cross[c * P + k] += q[x] * q[y];
                }
                if n[c] % FLUSH == 0 {
                    flush(c, &mut part_sq, &mut part_cross, &mut sumsq, &mut cross);
                }
            } else {
                for m in 0..M {
                    sumsq[c * M + m] += (q[m] * q[m]) as i128;
                }
                for (k, &(x, y)) in PAIRS.iter().enumerate() {
                    cross[c * P + k] += (q[x] * q[y]) as i128;
                }
            }
        }
        for c in 0..cells {
            flush(c, &mut part_sq, &mut part_cross, &mut sumsq, &mut cross);
        }
        let mut out = SurveyWeek::empty();
        for (c, &cell) in present.iter().enumerate() {
            let mut mask = cell_mask(cell);
            while mask != 0 {
                let g = mask.trailing_zeros() as usize;
                mask &= mask - 1;
                out.n[g] += n[c];
                out.cases[g] += cases[c];
                for m in 0..M {
                    out.sum[g * M + m] += sum[c * M + m];
                    out.sumsq[g * M + m] += sumsq[c * M + m];
                }
                for k in 0..P {
                    out.cross[g * P + k] += cross[c * P + k];
                }
            }
        }
        out
    }

    /// Adds the survey of another part of the same population and week.
    pub fn merge(&mut self, other: &SurveyWeek) {
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
}

/// One simulation's survey over its window: exact sums per survey subgroup,
/// counts and sums pooled over the window weeks, co-moments pooled within
/// weeks (see the module documentation), and the panel statistics of each
/// lag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyRecord {
    /// The window weeks surveyed, ascending.
    pub weeks: Vec<u32>,
    /// Students per survey subgroup (in one week).
    pub n: Vec<u64>,
    /// Students screening positive, summed over the window weeks.
    pub cases: Vec<u64>,
    /// Fixed-point sums per `[subgroup][measure]`, summed over the weeks.
    pub sum: Vec<i64>,
    /// Co-moments `n·Σx² − (Σx)²` per `[subgroup][measure]`, each week's
    /// centred on its own mean, summed over the weeks.
    pub var: Vec<i128>,
    /// Co-moments `n·Σxy − Σx·Σy` per `[subgroup][pair]`, summed over the weeks.
    pub cov: Vec<i128>,
    /// Rank-order stability and persistence, one per lag that fits the run.
    pub panels: Vec<PanelRecord>,
}

impl Default for SurveyRecord {
    fn default() -> Self {
        SurveyRecord {
            weeks: Vec::new(),
            n: vec![0; G],
            cases: vec![0; G],
            sum: vec![0; G * M],
            var: vec![0; G * M],
            cov: vec![0; G * P],
            panels: Vec::new(),
        }
    }
}

impl SurveyRecord {
    /// Adds the survey of one whole week of the window.
    pub fn add_week(&mut self, week: usize, survey: &SurveyWeek) {
        debug_assert!(
            self.weeks.is_empty() || self.n == survey.n,
            "every week surveys the same students"
        );
        self.weeks.push(week as u32);
        self.n.clone_from(&survey.n);
        for g in 0..G {
            let n = survey.n[g];
            self.cases[g] += survey.cases[g];
            for m in 0..M {
                let s = survey.sum[g * M + m];
                self.sum[g * M + m] += s;
                self.var[g * M + m] += comoment(n, s as i128, s as i128, survey.sumsq[g * M + m]);
            }
            for (k, &(x, y)) in PAIRS.iter().enumerate() {
                let (sx, sy) = (survey.sum[g * M + x], survey.sum[g * M + y]);
                self.cov[g * P + k] += comoment(n, sx as i128, sy as i128, survey.cross[g * P + k]);
            }
        }
    }

    /// Student-weeks of a subgroup over the window.
    fn observations(&self, g: usize) -> u64 {
        self.n[g] * self.weeks.len() as u64
    }

    /// Pearson correlation of a pair of measures in a subgroup, pooled within
    /// weeks (NaN when a measure has no spread or the subgroup fewer than two
    /// students). The co-moments are exact integers; only the final division
    /// is floating point.
    pub fn correlation(&self, g: usize, pair: usize) -> f64 {
        if self.n[g] < 2 {
            return f64::NAN;
        }
        let (x, y) = PAIRS[pair];
        let (sxx, syy) = (self.var[g * M + x], self.var[g * M + y]);
        let sxy = self.cov[g * P + pair];
        if sxx <= 0 || syy <= 0 {
            return f64::NAN;
        }
        (sxy as f64 / ((sxx as f64).sqrt() * (syy as f64).sqrt())).clamp(-1.0, 1.0)
    }

    /// Share of a subgroup's student-weeks screening positive (NaN when it is empty).
    pub fn prevalence(&self, g: usize) -> f64 {
        let obs = self.observations(g);
        if obs == 0 {
            f64::NAN
        } else {
            self.cases[g] as f64 / obs as f64
        }
    }

    /// Mean of a measure (0–100) in a subgroup over the window.
    pub fn mean(&self, g: usize, m: usize) -> f64 {
        let obs = self.observations(g);
        if obs == 0 {
            return f64::NAN;
        }
        self.sum[g * M + m] as f64 / obs as f64 / SCALE
    }

    /// Variance of a measure in a subgroup, pooled within weeks (on 0–100).
    fn variance(&self, g: usize, m: usize) -> f64 {
        let (n, w) = (self.n[g], self.weeks.len() as u64);
        if n < 2 || w == 0 {
            return f64::NAN;
        }
        // Σ_w (n·Σx² − (Σx)²)/n over w·(n − 1) degrees of freedom.
        self.var[g * M + m] as f64 / n as f64 / (w * (n - 1)) as f64 / (SCALE * SCALE)
    }

    /// Prevalence ratio and odds ratio of depressive symptoms, group `a`
    /// against reference `b`, from the student-weeks of the window. A zero
    /// cell gets the Haldane–Anscombe correction (0.5 added to every cell);
    /// an empty group gives NaN.
    pub fn ratios(&self, a: usize, b: usize) -> (f64, f64) {
        let (n1, n0) = (self.observations(a) as f64, self.observations(b) as f64);
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

    /// Standardised mean difference (Hedges' g) of measure `m`, group `a`
    /// minus reference `b`: the difference of window means over the SD
    /// pooled within weeks and groups, with Hedges' small-sample factor for
    /// one week's group sizes. NaN when a group has fewer than two students.
    pub fn smd(&self, a: usize, b: usize, m: usize) -> f64 {
        let (na, nb) = (self.n[a] as f64, self.n[b] as f64);
        if na < 2.0 || nb < 2.0 {
            return f64::NAN;
        }
        hedges_g(
            na,
            self.mean(a, m),
            self.variance(a, m),
            nb,
            self.mean(b, m),
            self.variance(b, m),
        )
    }
}

/// Fisher's z of a correlation (finite: |r| is kept below 1).
#[inline]
pub fn fisher_z(r: f64) -> f64 {
    r.clamp(-0.999_999_999, 0.999_999_999).atanh()
}

/// When to survey: the window weeks and the panel lags of a scenario, and
/// which window weeks start a panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyPlan {
    /// Window weeks, ascending.
    pub window: Vec<usize>,
    /// Panel lags (weeks) that fit the run after at least one window week.
    pub lags: Vec<usize>,
    /// Last week of the run.
    pub last: usize,
}

impl SurveyPlan {
    /// The survey plan of a scenario: `run.survey_weeks` (or its default)
    /// and the lags of `run.panel_lags` that fit the run.
    pub fn of(sc: &Scenario) -> SurveyPlan {
        let last = sc.calendar.total_weeks() as usize;
        let window = sc.survey_weeks();
        let first = window.first().copied().unwrap_or(last);
        let lags = sc
            .panel_lags()
            .into_iter()
            .filter(|&l| first + l <= last)
            .collect();
        SurveyPlan { window, lags, last }
    }

    /// Lags whose second wave from window week `w` is still in the run.
    fn lags_from(&self, w: usize) -> impl Iterator<Item = usize> + '_ {
        self.lags
            .iter()
            .copied()
            .filter(move |l| w + l <= self.last)
    }

    /// Whether anything is surveyed in week `w`.
    pub fn wants(&self, w: usize) -> bool {
        self.window.contains(&w)
            || self
                .lags
                .iter()
                .any(|&l| w >= l && self.window.contains(&(w - l)))
    }

    /// Window weeks that start a panel of lag `lag`.
    pub fn starts(&self, lag: usize) -> Vec<usize> {
        self.window
            .iter()
            .copied()
            .filter(|w| w + lag <= self.last)
            .collect()
    }

    /// Most panel waves held at once: window weeks whose longest lag has not
    /// passed when a later window week is stored (an upper bound: every
    /// window week that starts a panel).
    pub fn waves_held(&self) -> usize {
        self.window
            .iter()
            .filter(|&&w| self.lags_from(w).next().is_some())
            .count()
    }
}

/// A simulation's survey while it runs: the window so far, and every
/// student's measures at the window weeks that start a panel, kept until
/// their last lag.
#[derive(Debug, Clone)]
pub struct SurveyRun {
    plan: SurveyPlan,
    record: SurveyRecord,
    waves: Vec<Wave>,
}

impl SurveyRun {
    /// A survey following `plan`.
    pub fn new(plan: &SurveyPlan) -> SurveyRun {
        let record = SurveyRecord {
            panels: plan
                .lags
                .iter()
                .map(|&l| PanelRecord::new(l, &plan.starts(l)))
                .collect(),
            ..SurveyRecord::default()
        };
        SurveyRun {
            plan: plan.clone(),
            record,
            waves: Vec::new(),
        }
    }

    /// Whether week `w` is surveyed.
    #[inline]
    pub fn wants(&self, w: usize) -> bool {
        self.plan.wants(w)
    }

    /// Whether week `w` is a window week (whose cross-section is surveyed).
    #[inline]
    pub fn in_window(&self, w: usize) -> bool {
        self.plan.window.contains(&w)
    }

    /// Surveys week `w` (every student of the population, in order).
    pub fn observe(
        &mut self,
        w: usize,
        students: &[Student],
        state: StatesRef<'_>,
        threshold: f32,
    ) {
        let week = self
            .in_window(w)
            .then(|| SurveyWeek::observe(students, state, threshold));
        self.observe_with(w, students, state, threshold, week);
    }

    /// [`SurveyRun::observe`] with the week's cross-section already taken
    /// (`week`: the [`SurveyWeek`] of every student, e.g. of parts of the
    /// population [`SurveyWeek::merge`]d; given exactly when `w` is a
    /// window week).
    pub fn observe_with(
        &mut self,
        w: usize,
        students: &[Student],
        state: StatesRef<'_>,
        threshold: f32,
        week: Option<SurveyWeek>,
    ) {
        debug_assert_eq!(week.is_some(), self.in_window(w));
        for (k, &lag) in self.plan.lags.iter().enumerate() {
            if w < lag {
                continue;
            }
            if let Some(wave) = self.waves.iter().find(|v| v.week + lag == w) {
                self.record.panels[k].pair(wave, students, state, threshold);
            }
        }
        if let Some(week) = week {
            self.record.add_week(w, &week);
            if self.plan.lags_from(w).next().is_some() {
                self.waves.push(Wave::of(w, state, threshold));
            }
        }
        // A wave is dropped once its longest lag has passed.
        let plan = &self.plan;
        self.waves
            .retain(|v| plan.lags_from(v.week).any(|l| v.week + l > w));
    }

    /// The finished survey.
    pub fn finish(self) -> SurveyRecord {
        self.record
    }
}

/// A strategy's survey statistics over replicates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyAcc {
    /// The window weeks.
    pub weeks: Vec<u32>,
    /// Students per survey subgroup (in one week), summed over replicates.
    pub n: Vec<u64>,
    /// Correlation per replicate, per `[subgroup][pair]`.
    pub r: Vec<Moments>,
    /// Fisher's z of the correlation per replicate, per `[subgroup][pair]`.
    pub z: Vec<Moments>,
    /// Prevalence of depressive symptoms per replicate, per subgroup.
    pub prevalence: Vec<Moments>,
    /// Mean of each measure per replicate, per `[subgroup][measure]`.
    pub mean: Vec<Moments>,
    /// Prevalence ratio per replicate, per contrast.
    pub pr: Vec<Moments>,
    /// Log prevalence ratio per replicate, per contrast.
    pub log_pr: Vec<Moments>,
    /// Odds ratio per replicate, per contrast.
    pub or: Vec<Moments>,
    /// Log odds ratio per replicate, per contrast.
    pub log_or: Vec<Moments>,
    /// Standardised mean difference per replicate, per `[contrast][measure]`.
    pub smd: Vec<Moments>,
    /// Stability and persistence over replicates, one per lag.
    pub panels: Vec<PanelAcc>,
}

impl Default for SurveyAcc {
    fn default() -> Self {
        let c = CONTRASTS.len();
        SurveyAcc {
            weeks: Vec::new(),
            n: vec![0; G],
            r: vec![Moments::default(); G * P],
            z: vec![Moments::default(); G * P],
            prevalence: vec![Moments::default(); G],
            mean: vec![Moments::default(); G * M],
            pr: vec![Moments::default(); c],
            log_pr: vec![Moments::default(); c],
            or: vec![Moments::default(); c],
            log_or: vec![Moments::default(); c],
            smd: vec![Moments::default(); c * M],
            panels: Vec::new(),
        }
    }
}

/// Indices of both groups of a contrast.
fn contrast(c: usize) -> (usize, usize) {
    let (a, b) = CONTRASTS[c];
    (
        subgroup_index(a).expect("contrasts name survey subgroups"),
        subgroup_index(b).expect("contrasts name survey subgroups"),
    )
}

impl SurveyAcc {
    /// Adds one replicate's survey.
    pub fn fold(&mut self, rec: &SurveyRecord) {
        if self.weeks.is_empty() {
            self.weeks.clone_from(&rec.weeks);
        }
        for g in 0..G {
            self.n[g] += rec.n[g];
            self.prevalence[g].push(rec.prevalence(g));
            for m in 0..M {
                self.mean[g * M + m].push(rec.mean(g, m));
            }
            for k in 0..P {
                let r = rec.correlation(g, k);
                self.r[g * P + k].push(r);
                self.z[g * P + k].push(fisher_z(r));
            }
        }
        for c in 0..CONTRASTS.len() {
            let (a, b) = contrast(c);
            let (pr, or) = rec.ratios(a, b);
            self.pr[c].push(pr);
            self.log_pr[c].push(pr.ln());
            self.or[c].push(or);
            self.log_or[c].push(or.ln());
            for m in 0..M {
                self.smd[c * M + m].push(rec.smd(a, b, m));
            }
        }
        if self.panels.is_empty() {
            self.panels = rec.panels.iter().map(PanelAcc::for_record).collect();
        }
        for (acc, p) in self.panels.iter_mut().zip(&rec.panels) {
            acc.fold(p);
        }
    }

    /// Adds another accumulator.
    pub fn merge(&mut self, o: &SurveyAcc) {
        if self.weeks.is_empty() {
            self.weeks.clone_from(&o.weeks);
        }
        for (a, b) in self.n.iter_mut().zip(&o.n) {
            *a += b;
        }
        for (a, b) in [
            (&mut self.r, &o.r),
            (&mut self.z, &o.z),
            (&mut self.prevalence, &o.prevalence),
            (&mut self.mean, &o.mean),
            (&mut self.pr, &o.pr),
            (&mut self.log_pr, &o.log_pr),
            (&mut self.or, &o.or),
            (&mut self.log_or, &o.log_or),
            (&mut self.smd, &o.smd),
        ] {
            for (x, y) in a.iter_mut().zip(b) {
                x.merge(y);
            }
        }
        if self.panels.is_empty() {
            self.panels.clone_from(&o.panels);
        } else {
            for (a, b) in self.panels.iter_mut().zip(&o.panels) {
                a.merge(b);
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
    fn fixed_point_values_are_those_of_f64_round() {
        let old = |v: f32| (v as f64 * SCALE).round() as i64;
        // Every 89th float of 0–100 (and the first thousand, the smallest),
        // and every float around the ties (v·2¹⁶ + ½ whole).
        let every = (0..=100.0f32.to_bits()).step_by(89).chain(0..1000);
        for v in every.map(f32::from_bits) {
            assert_eq!(fixed(v), old(v), "{v}");
        }
        for k in (0..6_553_600u32).step_by(7) {
            let v = ((k as f64 + 0.5) / SCALE) as f32;
            for v in [
                f32::from_bits(v.to_bits().saturating_sub(1)),
                v,
                f32::from_bits(v.to_bits() + 1),
            ] {
                assert_eq!(fixed(v), old(v), "{v}");
            }
        }
        for v in [-0.0, -1.5, -2.5, 100.0, f32::NAN, f32::INFINITY] {
            assert_eq!(fixed(v), old(v), "{v}");
        }
    }

    /// The survey of one week as it was first written: every student's
    /// squares and cross-products added straight into `i128` sums.
    fn survey_student_by_student(
        students: &[Student],
        state: StatesRef<'_>,
        threshold: f32,
    ) -> SurveyWeek {
        let mut out = SurveyWeek::empty();
        for (s, st) in students.iter().zip(state.rows()) {
            let mut mask = cell_mask(cell_of(s));
            let q = values(&st).map(fixed);
            while mask != 0 {
                let g = mask.trailing_zeros() as usize;
                mask &= mask - 1;
                out.n[g] += 1;
                out.cases[g] += (st.distress > threshold) as u64;
                for (m, &x) in q.iter().enumerate() {
                    out.sum[g * M + m] += x;
                    out.sumsq[g * M + m] += (x * x) as i128;
                }
                for (k, &(x, y)) in PAIRS.iter().enumerate() {
                    out.cross[g * P + k] += (q[x] * q[y]) as i128;
                }
            }
        }
        out
    }

    #[test]
    fn a_week_survey_is_the_student_by_student_sums_bit_for_bit() {
        // Students in every atom and grade (grade 0 and 13 clamp to 1 and
        // 12), then more than FLUSH students in one cell, so that a cell's
        // i64 squares move to its i128 sums mid-week; values spread over
        // 0–1, with some above 1.28 (fixed-point values of 2²³ and more,
        // added straight to the i128 sums), a NaN and a negative value.
        let student = |atom: usize, grade: u8| Student {
            class: 0,
            school: 0,
            grade,
            female: false,
            rural: false,
            minority: false,
            left_behind: crate::population::LeftBehind::None,
            extraversion: 0.5,
            reactivity: 0.5,
            self_efficacy0: 0.5,
            hope0: 0.5,
            emotion_regulation0: 0.5,
            social_competence0: 0.5,
            academic_engagement0: 0.5,
            groups: atom_mask(atom as u8),
            atom: atom as u8,
        };
        let mut students: Vec<Student> = (0..5_000)
            .map(|i| student(i * 7 % ATOMS, (i % 14) as u8))
            .collect();
        students.extend((0..FLUSH as usize + 1_234).map(|_| student(5, 3)));
        let value = |i: usize, field: usize| match (i * 31 + field * 17) % 1_009 {
            0 => 1.9,
            1 => 1.3,
            2 if field == 0 => f32::NAN,
            3 => -0.25,
            k => k as f32 / 1_009.0,
        };
        let states: crate::model::States = (0..students.len())
            .map(|i| StudentState {
                self_efficacy: value(i, 0),
                hope: value(i, 1),
                emotion_regulation: value(i, 2),
                social_competence: value(i, 3),
                support: value(i, 4),
                academic_engagement: value(i, 5),
                distress: value(i, 6),
                symptoms: 0.0,
                strain: 0.0,
                chronic: 0.0,
                development: 0.0,
                trust: 0.0,
                alignment: 0.0,
                parent_efficacy: value(i, 7),
                care_weeks: 0.0,
                home_modelling: 0.0,
                home_behaviour: 0.0,
            })
            .collect();
        let threshold = 0.4;
        let want = survey_student_by_student(&students, states.view(), threshold);
        let grade_3 = subgroup_index("grade_3").expect("a survey subgroup");
        assert!(want.n[grade_3] > FLUSH);
        assert_eq!(
            SurveyWeek::observe(&students, states.view(), threshold),
            want
        );
        // Two parts merged are the whole.
        let (a, b) = students.split_at(3_000);
        let mut parts = SurveyWeek::observe(a, states.view().slice(0..3_000), threshold);
        parts.merge(&SurveyWeek::observe(
            b,
            states.view().slice(3_000..students.len()),
            threshold,
        ));
        assert_eq!(parts, want);
    }

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

    #[test]
    fn survey_subgroups_are_the_reporting_ones_then_the_grades() {
        assert_eq!(subgroup_index("all"), Some(0));
        assert_eq!(subgroup_index("female"), Some(SUBGROUPS.len() - 2));
        assert_eq!(subgroup_index("grade_7"), Some(SUBGROUPS.len() + 6));
        assert_eq!(subgroup_index("grade_13"), None);
        let names: Vec<&str> = survey_group_names().collect();
        assert_eq!(names.len(), SURVEY_GROUPS);
        assert_eq!(
            names.iter().collect::<std::collections::HashSet<_>>().len(),
            names.len()
        );
        for (a, b) in CONTRASTS {
            assert!(subgroup_index(a).is_some() && subgroup_index(b).is_some());
        }
        // A cell belongs to `all`, to its atom's subgroups and to one grade.
        let c = 5 + ATOMS * 6;
        let mask = cell_mask(c);
        assert_eq!(mask & 1, 1);
        assert_eq!(mask >> SUBGROUPS.len(), 1 << 6);
        assert_eq!(mask & ((1 << SUBGROUPS.len()) - 1), atom_mask(5) as u32);
    }

    /// A week in which measures 0 and 1 (pair 0) of subgroup 0 hold `xs`.
    fn week(xs: &[(f64, f64)]) -> SurveyWeek {
        let q = |v: f64| (v * SCALE).round() as i64;
        let mut r = SurveyWeek::empty();
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

    fn textbook_r(xs: &[(f64, f64)]) -> f64 {
        let n = xs.len() as f64;
        let mx = xs.iter().map(|p| p.0).sum::<f64>() / n;
        let my = xs.iter().map(|p| p.1).sum::<f64>() / n;
        let sxy: f64 = xs.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
        let sxx: f64 = xs.iter().map(|p| (p.0 - mx).powi(2)).sum();
        let syy: f64 = xs.iter().map(|p| (p.1 - my).powi(2)).sum();
        sxy / (sxx * syy).sqrt()
    }

    #[test]
    fn correlation_matches_the_textbook_formula() {
        let xs = [(1.0, 2.0), (2.0, 2.5), (3.0, 7.0), (4.0, 8.0), (5.0, 7.5)];
        let mut rec = SurveyRecord::default();
        rec.add_week(3, &week(&xs));
        let got = rec.correlation(0, 0);
        assert!((got - textbook_r(&xs)).abs() < 1e-9, "{got}");
        let mut flat = SurveyRecord::default();
        flat.add_week(3, &week(&[(1.0, 1.0), (1.0, 2.0)]));
        assert!(flat.correlation(0, 0).is_nan());
    }

    #[test]
    fn weeks_pool_within_week_deviations() {
        // Week 2 is week 1 shifted by +10 on both measures: centred within
        // weeks, the shift adds nothing, so r is week 1's r; the means are
        // the means over all student-weeks.
        let a = [(1.0, 2.0), (2.0, 2.5), (3.0, 7.0), (4.0, 8.0)];
        let b: Vec<(f64, f64)> = a.iter().map(|&(x, y)| (x + 10.0, y + 10.0)).collect();
        let mut rec = SurveyRecord::default();
        rec.add_week(6, &week(&a));
        rec.add_week(12, &week(&b));
        assert_eq!(rec.weeks, vec![6, 12]);
        assert!((rec.correlation(0, 0) - textbook_r(&a)).abs() < 1e-9);
        assert!((rec.mean(0, 0) - 7.5).abs() < 1e-9);
        // Pooled by hand: Σ over weeks of within-week squared deviations,
        // over 2·(n − 1) degrees of freedom.
        let ss: f64 = a.iter().map(|p| (p.0 - 2.5f64).powi(2)).sum::<f64>() * 2.0;
        assert!((rec.variance(0, 0) - ss / 6.0).abs() < 1e-9);
    }

    #[test]
    fn ratios_and_smd_of_two_groups() {
        let mut w = week(&[]);
        w.n[1] = 100;
        w.cases[1] = 30;
        w.n[2] = 200;
        w.cases[2] = 40;
        let mut rec = SurveyRecord::default();
        rec.add_week(1, &w);
        rec.add_week(2, &w);
        let (pr, or) = rec.ratios(1, 2);
        assert!((pr - 1.5).abs() < 1e-12);
        assert!((or - (30.0 * 160.0) / (70.0 * 40.0)).abs() < 1e-12);
        assert!((rec.prevalence(1) - 0.3).abs() < 1e-12);
        w.cases[2] = 0;
        let mut zero = SurveyRecord::default();
        zero.add_week(1, &w);
        let (pr, or) = zero.ratios(1, 2);
        assert!(pr.is_finite() && or.is_finite() && pr > 1.0);

        // SMD: groups 1 and 2 with measure 0 values; one week equals Hedges' g.
        let (ga, gb) = ([50.0, 52.0, 54.0, 56.0], [48.0, 50.0, 49.0, 51.0, 47.0]);
        let mut w = SurveyWeek::empty();
        for (g, xs) in [(1usize, &ga[..]), (2, &gb[..])] {
            for &x in xs {
                let q = (x * SCALE) as i64;
                w.n[g] += 1;
                w.sum[g * M] += q;
                w.sumsq[g * M] += q as i128 * q as i128;
            }
        }
        let mut rec = SurveyRecord::default();
        rec.add_week(1, &w);
        let stats = |xs: &[f64]| {
            let n = xs.len() as f64;
            let m = xs.iter().sum::<f64>() / n;
            (
                n,
                m,
                xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0),
            )
        };
        let ((na, ma, va), (nb, mb, vb)) = (stats(&ga), stats(&gb));
        let want = hedges_g(na, ma, va, nb, mb, vb);
        assert!(
            (rec.smd(1, 2, 0) - want).abs() < 1e-9,
            "{}",
            rec.smd(1, 2, 0)
        );
        assert!(rec.smd(1, 2, 0) > 1.0);
        assert!(rec.smd(1, 3, 0).is_nan());
    }

    #[test]
    fn a_plan_surveys_its_window_and_the_second_waves_of_its_panels() {
        let plan = SurveyPlan {
            window: vec![6, 12],
            lags: vec![10],
            last: 20,
        };
        let wanted: Vec<usize> = (0..=20).filter(|&w| plan.wants(w)).collect();
        assert_eq!(wanted, vec![6, 12, 16]);
        assert_eq!(plan.starts(10), vec![6]);
        assert_eq!(plan.waves_held(), 1);
    }
}
