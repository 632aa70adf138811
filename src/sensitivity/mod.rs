//! Global sensitivity analysis over the ranges of a scenario's `[sweep]`:
//! Morris elementary effects (screening) and Sobol' indices (variance
//! decomposition), for chosen outputs — Hedges' g of a strategy on an
//! outcome in a subgroup.
//!
//! The parameters and their ranges are the `{ from, to }` entries of
//! `[sweep]` (`steps`, `method` and `samples` there are for `resim sweep`
//! and are ignored here). The design is drawn in the unit cube from its own
//! seed and mapped linearly onto the ranges; each design point is a sweep
//! point, run with the master seed's replicate keys (common random numbers
//! across points, which keeps Monte Carlo noise out of the differences).

pub mod morris;
pub mod rows;
pub mod sobol;

pub use rows::{csv, points_csv};

use serde::{Deserialize, Serialize};

use crate::model::OUTCOMES;
use crate::population::SUBGROUPS;
use crate::problem::{Message, valid_names};
use crate::scenario::Scenario;
use crate::stats::Summary;
use crate::sweep::Plan;
use crate::sweep::design::DesignRng;

/// Why a sensitivity analysis cannot be set up.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SensitivityError {
    /// An output not written `STRATEGY:OUTCOME[:SUBGROUP]`.
    #[error(
        "--output {text}: expected STRATEGY:OUTCOME[:SUBGROUP], e.g. {example}:resilience:rural"
    )]
    OutputShape {
        /// The text given.
        text: String,
        /// A strategy of the scenario, for the example.
        example: String,
    },
    /// The baseline as an output (its g is 0).
    #[error(
        "--output {text}: `{name}` is the baseline, whose g is 0 by definition\n      valid: {valid}"
    )]
    Baseline {
        /// The text given.
        text: String,
        /// The baseline's name.
        name: String,
        /// The valid strategies.
        valid: Message,
    },
    /// An unknown strategy, outcome or subgroup in an output.
    #[error("--output {text}: no {what} `{name}`\n      valid: {valid}")]
    Unknown {
        /// The text given.
        text: String,
        /// `strategy`, `outcome` or `subgroup`.
        what: &'static str,
        /// The unknown name.
        name: String,
        /// The valid names.
        valid: Message,
    },
    /// The scenario has no `[sweep]` section.
    #[error(
        "the scenario has no [sweep] section; a sensitivity analysis needs parameter ranges, e.g.\n  [sweep]\n  \"stress.academic_load\" = {{ from = 0.06, to = 0.12 }}"
    )]
    NoSweep,
    /// A `[sweep]` entry that is a list, not a range.
    #[error(
        "[sweep] `{path}` is a list of values; a sensitivity analysis needs a range `{{ from = ..., to = ... }}`"
    )]
    NotARange {
        /// The parameter path.
        path: String,
    },
}

impl SensitivityError {
    /// The refusal as a catalogue message: its English is this error's
    /// `Display` (what the CLI prints), and a front end words it in its
    /// language.
    pub fn message(&self) -> Message {
        match self {
            SensitivityError::OutputShape { text, example } => {
                Message::new("problem-sensitivity-output-shape")
                    .arg("text", text)
                    .arg("example", example)
            }
            SensitivityError::Baseline { text, name, valid } => {
                Message::new("problem-sensitivity-baseline")
                    .arg("text", text)
                    .arg("name", name)
                    .with("valid", valid.clone())
            }
            SensitivityError::Unknown {
                text,
                what,
                name,
                valid,
            } => Message::new(match *what {
                "strategy" => "problem-sensitivity-no-strategy",
                "outcome" => "problem-sensitivity-no-outcome",
                _ => "problem-sensitivity-no-subgroup",
            })
            .arg("text", text)
            .arg("name", name)
            .with("valid", valid.clone()),
            SensitivityError::NoSweep => Message::new("problem-sensitivity-no-sweep").arg(
                "example",
                "\n  [sweep]\n  \"stress.academic_load\" = { from = 0.06, to = 0.12 }",
            ),
            SensitivityError::NotARange { path } => {
                Message::new("problem-sensitivity-not-a-range").arg("path", path)
            }
        }
    }
}

/// The method and its design size.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Method {
    /// Morris elementary effects: `trajectories` × (k + 1) points on `levels` levels.
    Morris {
        /// Trajectories r.
        trajectories: u32,
        /// Grid levels p (even).
        levels: u32,
    },
    /// Sobol' indices: `samples` × (k + 2) points.
    Sobol {
        /// Base sample size N.
        samples: u32,
    },
}

impl Method {
    /// `morris` or `sobol`.
    pub fn name(&self) -> &'static str {
        match self {
            Method::Morris { .. } => "morris",
            Method::Sobol { .. } => "sobol",
        }
    }
}

/// An output analysed: Hedges' g of `strategy` vs the baseline on `outcome` in `subgroup`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputSpec {
    /// Strategy name.
    pub strategy: String,
    /// Outcome name.
    pub outcome: String,
    /// Subgroup name.
    pub subgroup: String,
}

impl OutputSpec {
    /// The default: the first non-baseline strategy's g on resilience, all students.
    pub fn default_for(sc: &Scenario) -> OutputSpec {
        let strategy = sc
            .strategies
            .iter()
            .find(|s| s.name != sc.baseline)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        OutputSpec {
            strategy,
            outcome: "resilience".into(),
            subgroup: "all".into(),
        }
    }

    /// Parses `STRATEGY:OUTCOME[:SUBGROUP]`.
    pub fn parse(text: &str, sc: &Scenario) -> Result<OutputSpec, SensitivityError> {
        let parts: Vec<&str> = text.split(':').collect();
        if !(2..=3).contains(&parts.len()) {
            return Err(SensitivityError::OutputShape {
                text: text.into(),
                example: OutputSpec::default_for(sc).strategy,
            });
        }
        let unknown = |what, name: &str, valid: &[&str]| SensitivityError::Unknown {
            text: text.into(),
            what,
            name: name.into(),
            valid: valid_names(name, valid),
        };
        let strategies: Vec<&str> = sc
            .strategies
            .iter()
            .filter(|s| s.name != sc.baseline)
            .map(|s| s.name.as_str())
            .collect();
        if parts[0] == sc.baseline {
            return Err(SensitivityError::Baseline {
                text: text.into(),
                name: parts[0].into(),
                valid: valid_names(parts[0], &strategies),
            });
        }
        if !strategies.contains(&parts[0]) {
            return Err(unknown("strategy", parts[0], &strategies));
        }
        let outcomes: Vec<&str> = OUTCOMES.iter().map(|o| o.name).collect();
        if !outcomes.contains(&parts[1]) {
            return Err(unknown("outcome", parts[1], &outcomes));
        }
        let subgroup = parts.get(2).copied().unwrap_or("all");
        let subgroups: Vec<&str> = SUBGROUPS.iter().map(|g| g.name).collect();
        if !subgroups.contains(&subgroup) {
            return Err(unknown("subgroup", subgroup, &subgroups));
        }
        Ok(OutputSpec {
            strategy: parts[0].into(),
            outcome: parts[1].into(),
            subgroup: subgroup.into(),
        })
    }

    /// `strategy:outcome:subgroup`.
    pub fn label(&self) -> String {
        format!("{}:{}:{}", self.strategy, self.outcome, self.subgroup)
    }

    /// Hedges' g (mean over replicates) of this output in a point's summary.
    pub fn value(&self, summary: &Summary) -> f64 {
        let o = OUTCOMES.iter().position(|x| x.name == self.outcome);
        let g = SUBGROUPS.iter().position(|x| x.name == self.subgroup);
        let s = summary.strategies.iter().find(|s| s.name == self.strategy);
        match (o, g, s) {
            (Some(o), Some(g), Some(s)) => s.effects[g * OUTCOMES.len() + o].g.mean(),
            _ => f64::NAN,
        }
    }
}

/// Everything that defines a sensitivity analysis besides the scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Options {
    /// Method and design size.
    pub method: Method,
    /// Bootstrap resamples for the intervals.
    pub bootstrap: u32,
    /// Seed of the design and the bootstrap (not of the simulation).
    pub seed: u64,
    /// Outputs analysed.
    pub outputs: Vec<OutputSpec>,
}

/// The parameters and ranges of the `[sweep]` section.
pub fn parameters(sc: &Scenario) -> Result<Vec<(String, f64, f64)>, SensitivityError> {
    let Some(spec) = &sc.sweep else {
        return Err(SensitivityError::NoSweep);
    };
    let mut out = Vec::new();
    for p in &spec.parameters {
        match p.values.range() {
            Some((from, to)) => out.push((p.path.clone(), from, to)),
            None => {
                return Err(SensitivityError::NotARange {
                    path: p.path.clone(),
                });
            }
        }
    }
    Ok(out)
}

/// The design in the unit cube, one row per point.
pub fn unit_design(opts: &Options, k: usize) -> Vec<Vec<f64>> {
    match opts.method {
        Method::Morris {
            trajectories,
            levels,
        } => morris::design(
            k,
            trajectories as usize,
            levels,
            &mut DesignRng::new(opts.seed, 10),
        ),
        Method::Sobol { samples } => sobol::design(
            k,
            samples as usize,
            &mut DesignRng::new(opts.seed, 11),
            &mut DesignRng::new(opts.seed, 12),
        ),
    }
}

/// The plan of a sensitivity analysis: its design points on the ranges.
pub fn plan(base: Scenario, opts: &Options) -> Result<Plan, SensitivityError> {
    let params = parameters(&base)?;
    let unit = unit_design(opts, params.len());
    let points = unit
        .iter()
        .map(|u| {
            u.iter()
                .zip(&params)
                .map(|(x, (_, from, to))| from + x * (to - from))
                .collect()
        })
        .collect();
    Ok(Plan::points(
        base,
        params.into_iter().map(|p| p.0).collect(),
        points,
    ))
}

/// One index of one parameter for one output.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexRow {
    /// Output label.
    pub output: OutputSpec,
    /// Parameter path.
    pub parameter: String,
    /// `mu_star`, `mu`, `sigma` (Morris) or `S1`, `ST` (Sobol).
    pub index: &'static str,
    /// Estimate.
    pub estimate: f64,
    /// Lower end of the 95 % bootstrap interval.
    pub lo: f64,
    /// Upper end.
    pub hi: f64,
}

/// Computes the indices from the outputs `y[output][point]`.
pub fn analyse(opts: &Options, parameters: &[String], y: &[Vec<f64>]) -> Vec<IndexRow> {
    let k = parameters.len();
    let mut rows = Vec::new();
    for (o, out) in opts.outputs.iter().enumerate() {
        let mut rng = DesignRng::new(opts.seed, 100 + o as u64);
        match opts.method {
            Method::Morris { .. } => {
                let unit = unit_design(opts, k);
                let ee = morris::elementary_effects(&unit, &y[o], k);
                for (i, e) in ee.iter().enumerate() {
                    let (mu, mu_star, sigma) = morris::stats(e);
                    let mut boot = [Vec::new(), Vec::new(), Vec::new()];
                    for _ in 0..opts.bootstrap {
                        let sample: Vec<f64> = (0..e.len())
                            .map(|_| e[rng.below(e.len() as u64) as usize])
                            .collect();
                        let (a, b, c) = morris::stats(&sample);
                        boot[0].push(b);
                        boot[1].push(a);
                        boot[2].push(c);
                    }
                    let [b0, b1, b2] = boot;
                    for (index, est, b) in [
                        ("mu_star", mu_star, b0),
                        ("mu", mu, b1),
                        ("sigma", sigma, b2),
                    ] {
                        let (lo, hi) = sobol::percentile_interval(b);
                        rows.push(IndexRow {
                            output: out.clone(),
                            parameter: parameters[i].clone(),
                            index,
                            estimate: est,
                            lo,
                            hi,
                        });
                    }
                }
            }
            Method::Sobol { .. } => {
                for (i, (s1, st)) in sobol::analyse(&y[o], k, opts.bootstrap, &mut rng)
                    .into_iter()
                    .enumerate()
                {
                    for (index, e) in [("S1", s1), ("ST", st)] {
                        rows.push(IndexRow {
                            output: out.clone(),
                            parameter: parameters[i].clone(),
                            index,
                            estimate: e.value,
                            lo: e.lo,
                            hi: e.hi,
                        });
                    }
                }
            }
        }
    }
    rows
}

/// The readable table: per output, parameters from most to least influential.
pub fn table(opts: &Options, rows: &[IndexRow]) -> String {
    let mut s = String::new();
    let width = rows
        .iter()
        .map(|r| r.parameter.len())
        .max()
        .unwrap_or(9)
        .max(9);
    for out in &opts.outputs {
        let mine: Vec<&IndexRow> = rows.iter().filter(|r| &r.output == out).collect();
        let get = |p: &str, idx: &str| {
            mine.iter()
                .find(|r| r.parameter == p && r.index == idx)
                .copied()
        };
        let mut params: Vec<&str> = Vec::new();
        for r in &mine {
            if !params.contains(&r.parameter.as_str()) {
                params.push(&r.parameter);
            }
        }
        let key = match opts.method {
            Method::Morris { .. } => "mu_star",
            Method::Sobol { .. } => "ST",
        };
        params.sort_by(|a, b| {
            let va = get(a, key).map(|r| r.estimate).unwrap_or(f64::NAN);
            let vb = get(b, key).map(|r| r.estimate).unwrap_or(f64::NAN);
            vb.total_cmp(&va)
        });
        s.push_str(&format!(
            "Hedges' g of {} vs baseline on {} ({} students)\n",
            out.strategy, out.outcome, out.subgroup
        ));
        let f = |r: Option<&IndexRow>| match r {
            Some(r) => format!(
                "{:>7} ({:>7}, {:>7})",
                fmt3(r.estimate),
                fmt3(r.lo),
                fmt3(r.hi)
            ),
            None => String::new(),
        };
        match opts.method {
            Method::Morris { .. } => {
                s.push_str(&format!(
                    "  {:<width$}  {:>26}  {:>26}  {:>8}\n",
                    "parameter", "mu* (95% CI)", "mu (95% CI)", "sigma"
                ));
                for p in &params {
                    s.push_str(&format!(
                        "  {:<width$}  {:>26}  {:>26}  {:>8}\n",
                        p,
                        f(get(p, "mu_star")),
                        f(get(p, "mu")),
                        get(p, "sigma")
                            .map(|r| format!("{:.3}", r.estimate))
                            .unwrap_or_default()
                    ));
                }
            }
            Method::Sobol { .. } => {
                s.push_str(&format!(
                    "  {:<width$}  {:>26}  {:>26}\n",
                    "parameter", "S1 (95% CI)", "ST (95% CI)"
                ));
                for p in &params {
                    s.push_str(&format!(
                        "  {:<width$}  {:>26}  {:>26}\n",
                        p,
                        f(get(p, "S1")),
                        f(get(p, "ST"))
                    ));
                }
            }
        }
        s.push('\n');
    }
    s
}

fn fmt3(x: f64) -> String {
    if x.is_finite() {
        format!("{x:+.3}")
    } else {
        "NA".into()
    }
}

/// An output whose indices are `NA`: the design points where it is
/// undefined (Hedges' g of a subgroup with no students there, or with no
/// spread in the outcome).
#[derive(Debug, Clone, PartialEq)]
pub struct Undefined {
    /// The output.
    pub output: OutputSpec,
    /// The design points where it is undefined, in order.
    pub points: Vec<u64>,
    /// The number of design points.
    pub total: u64,
}

impl Undefined {
    /// The outputs undefined at some design point, from `y[output][point]`.
    pub fn find(outputs: &[OutputSpec], y: &[Vec<f64>]) -> Vec<Undefined> {
        outputs
            .iter()
            .zip(y)
            .filter_map(|(o, ys)| {
                let points: Vec<u64> = (0..ys.len() as u64)
                    .filter(|&p| !ys[p as usize].is_finite())
                    .collect();
                (!points.is_empty()).then(|| Undefined {
                    output: o.clone(),
                    points,
                    total: ys.len() as u64,
                })
            })
            .collect()
    }

    /// Why the indices are `NA` and what to do, in plain words, with the
    /// first such point's parameter values from `plan`.
    pub fn explain(&self, plan: &Plan) -> String {
        let o = &self.output;
        let first = self.points[0];
        let values = plan
            .parameters
            .iter()
            .zip(plan.values(first))
            .map(|(p, v)| format!("{p} = {}", v as f32))
            .collect::<Vec<_>>()
            .join(", ");
        let (why, fix) = if o.subgroup == "all" {
            (
                "the outcome does not vary between students there".to_string(),
                "narrow the ranges".to_string(),
            )
        } else {
            (
                format!(
                    "the subgroup `{}` has no students there (or its outcome does not vary)",
                    o.subgroup
                ),
                format!(
                    "narrow the ranges so that every point has students in `{}`, or analyse another subgroup",
                    o.subgroup
                ),
            )
        };
        format!(
            "{}:{}:{} is NA: Hedges' g is undefined at {} of {} design points, because {why}; the first is point {first}: {values}. To get indices, {fix}; sensitivity_points.csv has the output at every point.",
            o.strategy,
            o.outcome,
            o.subgroup,
            self.points.len(),
            self.total
        )
    }
}

#[cfg(test)]
mod undefined_tests {
    use super::*;

    #[test]
    fn outputs_undefined_at_some_point_are_found_with_their_points() {
        let spec = |s: &str| OutputSpec {
            strategy: "book".into(),
            outcome: "resilience".into(),
            subgroup: s.into(),
        };
        let outputs = [spec("all"), spec("rural")];
        let y = vec![vec![0.1, 0.2, 0.3], vec![f64::NAN, 0.2, f64::NAN]];
        let u = Undefined::find(&outputs, &y);
        assert_eq!(
            u,
            vec![Undefined {
                output: spec("rural"),
                points: vec![0, 2],
                total: 3
            }]
        );
    }
}

#[cfg(test)]
mod message_tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_refusal_reads_as_the_cli_prints_it_in_english_and_in_chinese_on_chinese_pages() {
        let valid = || valid_names("boo", &["book", "visits"]);
        let all = [
            SensitivityError::OutputShape {
                text: "book".into(),
                example: "book".into(),
            },
            SensitivityError::Baseline {
                text: "usual:resilience".into(),
                name: "usual".into(),
                valid: valid(),
            },
            SensitivityError::Unknown {
                text: "boo:resilience".into(),
                what: "strategy",
                name: "boo".into(),
                valid: valid(),
            },
            SensitivityError::Unknown {
                text: "book:x".into(),
                what: "outcome",
                name: "x".into(),
                valid: valid(),
            },
            SensitivityError::Unknown {
                text: "book:resilience:x".into(),
                what: "subgroup",
                name: "x".into(),
                valid: valid(),
            },
            SensitivityError::NoSweep,
            SensitivityError::NotARange {
                path: "stress.academic_load".into(),
            },
        ];
        for e in all {
            let m = e.message();
            crate::problem::assert_worded(&m, &e.to_string());
            let zh = m.render(Lang::ZhCn);
            assert!(!zh.contains("valid:") && !zh.contains(" is "), "{zh}");
        }
    }
}
