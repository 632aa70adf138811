//! Running a scenario and measuring targets on it, replicate by replicate.

use std::collections::BTreeSet;
use std::sync::atomic::AtomicBool;

use super::measures::{self, Combine, Measure, Part};
use super::targets::Target;
use crate::engine::{self, Cancelled, RunOptions};
use crate::model::OUTCOMES;
use crate::scenario::Scenario;
use crate::stats::survey::{fisher_z, pair_index, subgroup_index};
use crate::stats::{Moments, Record, hedges_g};

/// A part with names resolved to indices in the reduced scenario.
#[derive(Debug, Clone, Copy)]
enum Resolved {
    Effect {
        strategy: usize,
        subgroup: usize,
        outcome: usize,
    },
    Prevalence {
        subgroup: usize,
    },
    Correlation {
        subgroup: usize,
        pair: usize,
    },
    OddsRatio {
        group: usize,
        reference: usize,
    },
    PrevalenceRatio {
        group: usize,
        reference: usize,
    },
}

/// A target that can be measured on the scenario.
#[derive(Debug, Clone)]
pub struct Item {
    /// The target.
    pub target: Target,
    /// Its measurement.
    pub measure: &'static Measure,
    parts: Vec<Resolved>,
}

/// What can be measured on a scenario, and on which reduced scenario.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The scenario with only the strategies the targets need; its baseline
    /// is the usual-practice arm.
    pub scenario: Scenario,
    /// Measurable targets, in file order.
    pub items: Vec<Item>,
    /// Targets whose id has no measurement.
    pub unknown: Vec<Target>,
    /// Known targets the scenario cannot measure, with the reason.
    pub unmeasurable: Vec<(Target, String)>,
}

fn component_set(names: &[String]) -> BTreeSet<&str> {
    names.iter().map(String::as_str).collect()
}

/// Works out how to measure `targets` on `sc`.
pub fn plan(sc: &Scenario, targets: &[Target]) -> Plan {
    let control = {
        let base = &sc.strategies[sc.baseline_index()];
        if base.is_usual_practice() {
            Some(sc.baseline_index())
        } else {
            sc.strategies.iter().position(|s| s.is_usual_practice())
        }
    };
    let mut needed: Vec<usize> = control.into_iter().collect();
    let mut items = Vec::new();
    let mut unknown = Vec::new();
    let mut unmeasurable = Vec::new();
    // Resolve parts with strategy indices of the full scenario first.
    // (target, measurement, parts with the index of the strategy each needs)
    type Staged = (Target, &'static Measure, Vec<(Part, Option<usize>)>);
    let mut staged: Vec<Staged> = Vec::new();
    for t in targets {
        let Some(m) = measures::find(&t.id) else {
            unknown.push(t.clone());
            continue;
        };
        let Some(_) = control else {
            unmeasurable.push((
                t.clone(),
                format!(
                    "scenario `{}` has no usual-practice strategy (one with `components = []`) to compare with",
                    sc.name
                ),
            ));
            continue;
        };
        let mut parts = Vec::new();
        let mut missing = None;
        for p in m.parts {
            match p.components() {
                None => parts.push((*p, None)),
                Some(comps) => {
                    let want: BTreeSet<&str> = comps.iter().copied().collect();
                    let found = sc.strategies.iter().position(|s| {
                        let names: Vec<String> =
                            s.components.iter().map(|(n, _)| n.to_string()).collect();
                        component_set(&names) == want
                    });
                    match found {
                        Some(i) => parts.push((*p, Some(i))),
                        None => {
                            missing = Some(format!(
                                "scenario `{}` has no strategy with exactly the components [{}]",
                                sc.name,
                                comps.join(", ")
                            ));
                            break;
                        }
                    }
                }
            }
        }
        if let Some(reason) = missing {
            unmeasurable.push((t.clone(), reason));
            continue;
        }
        for (_, s) in &parts {
            if let Some(s) = s
                && !needed.contains(s)
            {
                needed.push(*s);
            }
        }
        staged.push((t.clone(), m, parts));
    }
    needed.sort_unstable();
    let mut reduced = sc.clone();
    reduced.strategies = needed.iter().map(|&i| sc.strategies[i].clone()).collect();
    if let Some(c) = control {
        reduced.baseline = sc.strategies[c].name.clone();
    }
    let position = |full: usize| needed.iter().position(|&i| i == full).unwrap_or(0);
    let sg = |name: &str| subgroup_index(name).expect("measurements name known subgroups");
    for (target, measure, parts) in staged {
        let parts = parts
            .into_iter()
            .map(|(p, s)| match p {
                Part::Effect {
                    subgroup, outcome, ..
                } => Resolved::Effect {
                    strategy: position(s.unwrap_or(0)),
                    subgroup: sg(subgroup),
                    outcome: OUTCOMES
                        .iter()
                        .position(|o| o.name == outcome)
                        .expect("measurements name known outcomes"),
                },
                Part::Prevalence { subgroup } => Resolved::Prevalence {
                    subgroup: sg(subgroup),
                },
                Part::Correlation { subgroup, x, y } => Resolved::Correlation {
                    subgroup: sg(subgroup),
                    pair: pair_index(x, y).expect("measurements name known measures"),
                },
                Part::OddsRatio { group, reference } => Resolved::OddsRatio {
                    group: sg(group),
                    reference: sg(reference),
                },
                Part::PrevalenceRatio { group, reference } => Resolved::PrevalenceRatio {
                    group: sg(group),
                    reference: sg(reference),
                },
            })
            .collect();
        items.push(Item {
            target,
            measure,
            parts,
        });
    }
    Plan {
        scenario: reduced,
        items,
        unknown,
        unmeasurable,
    }
}

const DEPRESSIVE: usize = 2;

/// The value of one resolved part in one replicate.
fn part_value(p: &Resolved, records: &[Record], control: usize) -> f64 {
    let base = &records[control];
    let last = base.weeks - 1;
    match *p {
        Resolved::Effect {
            strategy,
            subgroup,
            outcome,
        } => {
            let (n_s, m_s, v_s) = records[strategy].moments(last, subgroup, outcome);
            let (n_b, m_b, v_b) = base.moments(last, subgroup, outcome);
            if n_s == 0.0 {
                return f64::NAN;
            }
            let sign = if OUTCOMES[outcome].higher_is_better {
                1.0
            } else {
                -1.0
            };
            sign * hedges_g(n_s, m_s, v_s, n_b, m_b, v_b)
        }
        Resolved::Prevalence { subgroup } => {
            let (n, m, _) = base.moments(last, subgroup, DEPRESSIVE);
            if n == 0.0 { f64::NAN } else { m }
        }
        Resolved::Correlation { subgroup, pair } => base
            .survey
            .as_ref()
            .map_or(f64::NAN, |s| s.correlation(subgroup, pair)),
        Resolved::OddsRatio { group, reference } => base
            .survey
            .as_ref()
            .map_or(f64::NAN, |s| s.ratios(group, reference).1),
        Resolved::PrevalenceRatio { group, reference } => base
            .survey
            .as_ref()
            .map_or(f64::NAN, |s| s.ratios(group, reference).0),
    }
}

/// Per-replicate values of an item: one for `Single` and `Difference`, one
/// per part for `Each`.
fn item_values(item: &Item, records: &[Record], control: usize) -> Vec<f64> {
    let v: Vec<f64> = item
        .parts
        .iter()
        .map(|p| part_value(p, records, control))
        .collect();
    match item.measure.combine {
        Combine::Single => vec![v[0]],
        Combine::Difference => vec![v[0] - v[1]],
        Combine::Each => v,
    }
}

/// The scale a statistic is averaged on over replicates, as in `survey.csv`:
/// correlations on Fisher's z, ratios on the log scale, the rest as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scale {
    Identity,
    FisherZ,
    Log,
}

impl Scale {
    fn of(item: &Item) -> Scale {
        match (item.measure.combine, item.parts.first()) {
            (Combine::Single, Some(Resolved::Correlation { .. })) => Scale::FisherZ,
            (
                Combine::Single,
                Some(Resolved::OddsRatio { .. } | Resolved::PrevalenceRatio { .. }),
            ) => Scale::Log,
            _ => Scale::Identity,
        }
    }

    fn forward(self, x: f64) -> f64 {
        match self {
            Scale::Identity => x,
            Scale::FisherZ => fisher_z(x),
            Scale::Log => x.ln(),
        }
    }

    fn back(self, x: f64) -> f64 {
        match self {
            Scale::Identity => x,
            Scale::FisherZ => x.tanh(),
            Scale::Log => x.exp(),
        }
    }
}

/// Monte Carlo moments of every item's values, over replicates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measured {
    /// Per item, per value: moments on the averaging scale (Fisher's z for
    /// correlations, log for ratios, else the value itself).
    pub values: Vec<Vec<Moments>>,
    /// The same values untransformed (for their spread between replicates).
    pub raw: Vec<Vec<Moments>>,
    /// Replicates run.
    pub replicates: u32,
}

impl Measured {
    /// Mean, 95 % Monte Carlo interval and spread of value `k` of item `i`.
    fn simulated(&self, plan: &Plan, i: usize, k: usize) -> Simulated {
        let scale = Scale::of(&plan.items[i]);
        let m = &self.values[i][k];
        let (lo, hi) = m.interval();
        Simulated {
            mean: scale.back(m.mean()),
            lo: scale.back(lo),
            hi: scale.back(hi),
            sd: self.raw[i][k].sd(),
            n: m.n,
        }
    }
}

/// Runs the plan's scenario for `opts.replicates` replicates with seed
/// `opts.seed` and measures every item. `progress` is called once per
/// finished replicate. The result is identical whatever the thread count.
pub fn measure(
    plan: &Plan,
    opts: &RunOptions,
    cancel: &AtomicBool,
    mut progress: impl FnMut(),
) -> Result<Measured, Cancelled> {
    let mut values: Vec<Vec<Moments>> = plan
        .items
        .iter()
        .map(|i| {
            let k = if i.measure.combine == Combine::Each {
                i.parts.len()
            } else {
                1
            };
            vec![Moments::default(); k]
        })
        .collect();
    let mut raw = values.clone();
    let control = plan.scenario.baseline_index();
    let scales: Vec<Scale> = plan.items.iter().map(Scale::of).collect();
    engine::run(&plan.scenario, opts, cancel, |done| {
        for (k, item) in plan.items.iter().enumerate() {
            for (j, v) in item_values(item, done.records, control)
                .into_iter()
                .enumerate()
            {
                values[k][j].push(scales[k].forward(v));
                raw[k][j].push(v);
            }
        }
        progress();
    })?;
    Ok(Measured {
        values,
        raw,
        replicates: opts.replicates,
    })
}

/// The verdict on one target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// The simulated value lies in the band.
    Pass,
    /// It does not.
    Fail,
    /// The id has no measurement in the model.
    Unknown,
    /// The scenario cannot measure it (the reason).
    NotMeasured(String),
}

impl Status {
    /// Word used in tables and CSV.
    pub fn word(&self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "FAIL",
            Status::Unknown => "unknown",
            Status::NotMeasured(_) => "not_measured",
        }
    }
}

/// A target with its simulated value.
#[derive(Debug, Clone)]
pub struct TargetResult {
    /// The target.
    pub target: Target,
    /// How it was measured, when known.
    pub measure: Option<&'static Measure>,
    /// Simulated mean, 95 % Monte Carlo interval, SD between replicates and
    /// replicates; for an `Each` measurement, the part farthest from the
    /// published value (in band units).
    pub simulated: Option<Simulated>,
    /// Every value of an `Each` measurement (one entry otherwise).
    pub all: Vec<Simulated>,
    /// Verdict.
    pub status: Status,
}

/// A simulated statistic over replicates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Simulated {
    /// Mean over replicates.
    pub mean: f64,
    /// Lower end of the 95 % Monte Carlo interval of the mean.
    pub lo: f64,
    /// Upper end.
    pub hi: f64,
    /// Spread between replicates.
    pub sd: f64,
    /// Replicates with a finite value.
    pub n: u64,
}

/// Judges every target of a plan from its measured values; targets come
/// back in the order of `targets` (unknown and unmeasurable ones included).
pub fn judge(targets: &[Target], plan: &Plan, measured: &Measured) -> Vec<TargetResult> {
    targets
        .iter()
        .map(|t| {
            if let Some(k) = plan.items.iter().position(|i| i.target.id == t.id) {
                let item = &plan.items[k];
                let all: Vec<Simulated> = (0..measured.values[k].len())
                    .map(|j| measured.simulated(plan, k, j))
                    .collect();
                let pass = all.iter().all(|s| t.contains(s.mean));
                let worst = all
                    .iter()
                    .copied()
                    .max_by(|a, b| {
                        let ra = t.residual(a.mean).abs();
                        let rb = t.residual(b.mean).abs();
                        ra.total_cmp(&rb)
                    })
                    .expect("a measurement has at least one value");
                TargetResult {
                    target: t.clone(),
                    measure: Some(item.measure),
                    simulated: Some(worst),
                    all,
                    status: if pass { Status::Pass } else { Status::Fail },
                }
            } else if let Some((_, why)) = plan.unmeasurable.iter().find(|(u, _)| u.id == t.id) {
                TargetResult {
                    target: t.clone(),
                    measure: measures::find(&t.id),
                    simulated: None,
                    all: vec![],
                    status: Status::NotMeasured(why.clone()),
                }
            } else {
                TargetResult {
                    target: t.clone(),
                    measure: None,
                    simulated: None,
                    all: vec![],
                    status: Status::Unknown,
                }
            }
        })
        .collect()
}

/// Calibration loss: the sum over measured targets (and over every value of
/// an `Each` target) of the squared band-normalised residual of the mean.
/// A value that cannot be computed costs 10⁶.
pub fn loss(plan: &Plan, measured: &Measured) -> f64 {
    plan.items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            (0..measured.values[i].len())
                .map(|k| {
                    let r = item.target.residual(measured.simulated(plan, i, k).mean);
                    if r.is_finite() { r * r } else { 1e6 }
                })
                .sum::<f64>()
        })
        .sum()
}
