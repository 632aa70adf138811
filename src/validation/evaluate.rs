//! Running a scenario and measuring targets on it, replicate by replicate.

use std::collections::BTreeSet;
use std::sync::atomic::AtomicBool;

use super::measures::{self, At, Combine, Lag, Measure, Part};
use super::targets::Target;
use crate::engine::{self, Cancelled, CompiledStrategy, RunOptions};
use crate::model::{OUTCOMES, WeekInfo};
use crate::population::SUBGROUPS;
use crate::scenario::{Scenario, StrategySpec};
use crate::stats::panel::panel_measure_index;
use crate::stats::survey::{fisher_z, measure_index, pair_index, subgroup_index};
use crate::stats::{Moments, Record, SurveyRecord, hedges_g};

/// The end of a strategy's programme in a scenario: the last week (1 to the
/// run's last) in which any of its components runs — its last term week for
/// school-based components, the run's last week for home-based ones, and
/// earlier when a component's schedule or settings end it. `None` when no
/// component ever runs (usual practice).
pub fn programme_end(sc: &Scenario, strategy: &StrategySpec) -> Option<usize> {
    let compiled = CompiledStrategy::new(strategy, &sc.params);
    let total = sc.calendar.total_weeks() as i32;
    (1..=total)
        .rev()
        .find(|&w| {
            let week = WeekInfo::of(&sc.calendar, w);
            compiled.components.iter().any(|c| c.runs_in(&week))
        })
        .map(|w| w as usize)
}

/// The weeks of the year's last term in which the term-end change compares
/// prevalence: weeks 2–9 of the term (early) and its last four weeks (late),
/// in the first simulated year. `None` when the term is shorter than 12
/// weeks or the run ends before the term does.
pub fn term_change_weeks(sc: &Scenario) -> Option<(Vec<usize>, Vec<usize>)> {
    let cal = &sc.calendar;
    let term = cal
        .terms
        .iter()
        .filter(|t| t[1] <= cal.weeks_per_year)
        .max_by_key(|t| t[1])?;
    let (first, last) = (term[0] as usize, term[1] as usize);
    if last < first + 11 || last > cal.total_weeks() as usize {
        return None;
    }
    Some((
        (first + 1..=first + 8).collect(),
        (last - 3..=last).collect(),
    ))
}

/// A part with names resolved to indices in the reduced scenario.
#[derive(Debug, Clone)]
enum Resolved {
    Effect {
        strategy: usize,
        subgroup: usize,
        outcome: usize,
        week: usize,
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
    Smd {
        group: usize,
        reference: usize,
        measure: usize,
    },
    Stability {
        subgroup: usize,
        measure: usize,
        lag: usize,
    },
    Persistence {
        subgroup: usize,
        lag: usize,
    },
    TermChange {
        subgroup: usize,
        early: Vec<usize>,
        late: Vec<usize>,
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
    /// What each part reads, in words, with its weeks.
    pub reads: Vec<String>,
}

/// What can be measured on a scenario, and on which reduced scenario.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The scenario with only the strategies the targets need; its baseline
    /// is the usual-practice arm, it keeps sums of squares at the weeks
    /// effects are read, and records only the panel lags targets need.
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

/// Weeks joined by commas.
fn list(weeks: &[usize]) -> String {
    weeks
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A part resolved against the full scenario (strategy index of the full
/// scenario), with the weeks it reads and the lag it needs.
struct Staged {
    part: Part,
    strategy: Option<usize>,
    week: usize,
    lag: usize,
    reads: String,
}

/// Resolves one part of a target on `sc`, or says why it cannot be measured.
fn stage(sc: &Scenario, t: &Target, p: &Part) -> Result<Staged, String> {
    let last = sc.calendar.total_weeks() as usize;
    let window = sc.survey_weeks();
    let first_window = window.first().copied().unwrap_or(last);
    let mut staged = Staged {
        part: *p,
        strategy: None,
        week: last,
        lag: 0,
        reads: String::new(),
    };
    match p {
        Part::Effect { components, at, .. } => {
            let want: BTreeSet<&str> = components.iter().copied().collect();
            let found = sc.strategies.iter().position(|s| {
                let names: Vec<String> = s.components.iter().map(|(n, _)| n.to_string()).collect();
                component_set(&names) == want
            });
            let Some(i) = found else {
                return Err(format!(
                    "scenario `{}` has no strategy with exactly the components [{}]",
                    sc.name,
                    components.join(", ")
                ));
            };
            let end = programme_end(sc, &sc.strategies[i]).ok_or_else(|| {
                format!(
                    "the components of `{}` never run in the {last} weeks of scenario `{}`",
                    sc.strategies[i].name, sc.name
                )
            })?;
            let week = match at {
                At::End => end,
                At::AfterEnd(n) => end + t.meta.after_end.unwrap_or(*n) as usize,
            };
            if week > last {
                return Err(format!(
                    "the programme of `{}` ends at week {end} and the run at week {last}, so a follow-up {} weeks after the end (week {week}) is not simulated; it needs a programme that ends earlier (a component's `end_week`) or a longer run",
                    sc.strategies[i].name,
                    week - end
                ));
            }
            staged.strategy = Some(i);
            staged.week = week;
            staged.reads = format!("week {week}");
        }
        Part::Stability { lag, .. } | Part::Persistence { lag, .. } => {
            let weeks = t.meta.lag.map(|l| l as usize).unwrap_or(match lag {
                Lag::Years(n) => (n * sc.calendar.weeks_per_year) as usize,
            });
            if first_window + weeks > last {
                return Err(format!(
                    "a lag of {weeks} weeks from the first window week ({first_window}) ends after the run's last week ({last}) of scenario `{}`",
                    sc.name
                ));
            }
            let starts: Vec<usize> = window
                .iter()
                .copied()
                .filter(|w| w + weeks <= last)
                .collect();
            staged.lag = weeks;
            staged.reads = format!("weeks {} and {weeks} weeks later", list(&starts));
        }
        Part::TermChange { .. } => {
            let Some((early, late)) = term_change_weeks(sc) else {
                return Err(format!(
                    "the last term of scenario `{}`'s calendar is shorter than 12 weeks or ends after the run",
                    sc.name
                ));
            };
            staged.reads = format!("weeks {} vs {}", list(&late), list(&early));
        }
        _ => staged.reads = format!("weeks {}", list(&window)),
    }
    Ok(staged)
}

/// Works out how to measure `targets` on `sc` (with its own survey window).
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
    let mut moment_weeks: BTreeSet<u32> = BTreeSet::new();
    let mut lags: BTreeSet<u32> = BTreeSet::new();
    let mut staged_items: Vec<(Target, &'static Measure, Vec<Staged>)> = Vec::new();
    for t in targets {
        let Some(m) = measures::find(&t.id) else {
            unknown.push(t.clone());
            continue;
        };
        if control.is_none() {
            unmeasurable.push((
                t.clone(),
                format!(
                    "scenario `{}` has no usual-practice strategy (one with `components = []`) to compare with",
                    sc.name
                ),
            ));
            continue;
        }
        match m
            .parts
            .iter()
            .map(|p| stage(sc, t, p))
            .collect::<Result<Vec<_>, _>>()
        {
            Err(reason) => unmeasurable.push((t.clone(), reason)),
            Ok(parts) => {
                for s in &parts {
                    if let Some(i) = s.strategy {
                        if !needed.contains(&i) {
                            needed.push(i);
                        }
                        moment_weeks.insert(s.week as u32);
                    }
                    if s.lag > 0 {
                        lags.insert(s.lag as u32);
                    }
                }
                staged_items.push((t.clone(), m, parts));
            }
        }
    }
    needed.sort_unstable();
    let mut reduced = sc.clone();
    reduced.strategies = needed.iter().map(|&i| sc.strategies[i].clone()).collect();
    if let Some(c) = control {
        reduced.baseline = sc.strategies[c].name.clone();
    }
    reduced.run.moment_weeks = moment_weeks.into_iter().collect();
    reduced.run.panel_lags = Some(lags.into_iter().collect());
    let position = |full: usize| needed.iter().position(|&i| i == full).unwrap_or(0);
    let survey_group =
        |name: &str| subgroup_index(name).expect("measurements name known subgroups");
    let reporting = |name: &str| {
        SUBGROUPS
            .iter()
            .position(|g| g.name == name)
            .expect("measurements name reporting subgroups")
    };
    for (target, measure, parts) in staged_items {
        let reads = parts.iter().map(|s| s.reads.clone()).collect();
        let parts = parts
            .into_iter()
            .map(|s| match s.part {
                Part::Effect {
                    subgroup, outcome, ..
                } => Resolved::Effect {
                    strategy: position(s.strategy.unwrap_or(0)),
                    subgroup: reporting(subgroup),
                    outcome: OUTCOMES
                        .iter()
                        .position(|o| o.name == outcome)
                        .expect("measurements name known outcomes"),
                    week: s.week,
                },
                Part::Prevalence { subgroup } => Resolved::Prevalence {
                    subgroup: survey_group(subgroup),
                },
                Part::Correlation { subgroup, x, y } => Resolved::Correlation {
                    subgroup: survey_group(subgroup),
                    pair: pair_index(x, y).expect("measurements name known measures"),
                },
                Part::OddsRatio { group, reference } => Resolved::OddsRatio {
                    group: survey_group(group),
                    reference: survey_group(reference),
                },
                Part::PrevalenceRatio { group, reference } => Resolved::PrevalenceRatio {
                    group: survey_group(group),
                    reference: survey_group(reference),
                },
                Part::Smd {
                    group,
                    reference,
                    measure,
                } => Resolved::Smd {
                    group: survey_group(group),
                    reference: survey_group(reference),
                    measure: measure_index(measure).expect("measurements name known measures"),
                },
                Part::Stability {
                    subgroup, measure, ..
                } => Resolved::Stability {
                    subgroup: survey_group(subgroup),
                    measure: panel_measure_index(measure)
                        .expect("measurements name known panel measures"),
                    lag: s.lag,
                },
                Part::Persistence { subgroup, .. } => Resolved::Persistence {
                    subgroup: survey_group(subgroup),
                    lag: s.lag,
                },
                Part::TermChange { subgroup } => {
                    let (early, late) =
                        term_change_weeks(sc).expect("staging checked the term's weeks");
                    Resolved::TermChange {
                        subgroup: reporting(subgroup),
                        early,
                        late,
                    }
                }
            })
            .collect();
        items.push(Item {
            target,
            measure,
            parts,
            reads,
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
    let survey = || base.survey.as_ref();
    let from_survey = |f: &dyn Fn(&SurveyRecord) -> f64| survey().map_or(f64::NAN, f);
    match *p {
        Resolved::Effect {
            strategy,
            subgroup,
            outcome,
            week,
        } => {
            let (n_s, m_s, v_s) = records[strategy].moments(week, subgroup, outcome);
            let (n_b, m_b, v_b) = base.moments(week, subgroup, outcome);
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
        Resolved::Prevalence { subgroup } => from_survey(&|s| s.prevalence(subgroup)),
        Resolved::Correlation { subgroup, pair } => from_survey(&|s| s.correlation(subgroup, pair)),
        Resolved::OddsRatio { group, reference } => from_survey(&|s| s.ratios(group, reference).1),
        Resolved::PrevalenceRatio { group, reference } => {
            from_survey(&|s| s.ratios(group, reference).0)
        }
        Resolved::Smd {
            group,
            reference,
            measure,
        } => from_survey(&|s| s.smd(group, reference, measure)),
        Resolved::Stability {
            subgroup,
            measure,
            lag,
        } => from_survey(&|s| {
            s.panels
                .iter()
                .find(|p| p.lag as usize == lag)
                .map_or(f64::NAN, |p| p.stability(subgroup, measure))
        }),
        Resolved::Persistence { subgroup, lag } => from_survey(&|s| {
            s.panels
                .iter()
                .find(|p| p.lag as usize == lag)
                .map_or(f64::NAN, |p| p.persistence(subgroup))
        }),
        Resolved::TermChange {
            subgroup,
            ref early,
            ref late,
        } => {
            let mean = |weeks: &[usize]| {
                weeks
                    .iter()
                    .map(|&w| base.moments(w, subgroup, DEPRESSIVE).1)
                    .sum::<f64>()
                    / weeks.len() as f64
            };
            mean(late) / mean(early)
        }
    }
}

/// Per-replicate values of an item: one for `Single`, `Difference` and
/// `Ratio`, one per part for `Each`.
fn item_values(item: &Item, records: &[Record], control: usize) -> Vec<f64> {
    let v: Vec<f64> = item
        .parts
        .iter()
        .map(|p| part_value(p, records, control))
        .collect();
    match item.measure.combine {
        Combine::Single => vec![v[0]],
        Combine::Difference => vec![v[0] - v[1]],
        Combine::Ratio => vec![v[1] / v[0]],
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
            (Combine::Single, Some(Resolved::Correlation { .. } | Resolved::Stability { .. })) => {
                Scale::FisherZ
            }
            (
                Combine::Single,
                Some(
                    Resolved::OddsRatio { .. }
                    | Resolved::PrevalenceRatio { .. }
                    | Resolved::TermChange { .. },
                ),
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

impl Plan {
    /// Weeks whose sums of squares the items need (effects are read there).
    pub fn moment_weeks(&self) -> Vec<u32> {
        let mut w: Vec<u32> = self
            .items
            .iter()
            .flat_map(|i| &i.parts)
            .filter_map(|p| match p {
                Resolved::Effect { week, .. } => Some(*week as u32),
                _ => None,
            })
            .collect();
        w.sort_unstable();
        w.dedup();
        w
    }

    /// Panel lags the items need.
    pub fn lags(&self) -> Vec<u32> {
        let mut l: Vec<u32> = self
            .items
            .iter()
            .flat_map(|i| &i.parts)
            .filter_map(|p| match p {
                Resolved::Stability { lag, .. } | Resolved::Persistence { lag, .. } => {
                    Some(*lag as u32)
                }
                _ => None,
            })
            .collect();
        l.sort_unstable();
        l.dedup();
        l
    }
}

/// Runs the plan's scenario for `opts.replicates` replicates with seed
/// `opts.seed` and measures every item. `progress` is called once per
/// finished replicate. The result is identical whatever the thread count.
///
/// What the items need recorded (sums of squares at the weeks effects are
/// read, the panel lags) is set on the scenario run, so a plan whose
/// scenario was replaced — a calibration step, whose parameters were set
/// through the scenario's paths — measures the same way.
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
    let mut sc = plan.scenario.clone();
    sc.run.moment_weeks = plan.moment_weeks();
    sc.run.panel_lags = Some(plan.lags());
    engine::run(&sc, opts, cancel, |done| {
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
    /// Name of the scenario it was measured on (or would have been).
    pub scenario: String,
    /// The weeks each part read, in words (empty when not measured).
    pub reads: Vec<String>,
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

/// The result of one target of a plan, if the plan holds it.
pub fn judge_one(t: &Target, plan: &Plan, measured: &Measured) -> Option<TargetResult> {
    let scenario = plan.scenario.name.clone();
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
        Some(TargetResult {
            target: t.clone(),
            measure: Some(item.measure),
            simulated: Some(worst),
            all,
            status: if pass { Status::Pass } else { Status::Fail },
            scenario,
            reads: item.reads.clone(),
        })
    } else if let Some((_, why)) = plan.unmeasurable.iter().find(|(u, _)| u.id == t.id) {
        Some(TargetResult {
            target: t.clone(),
            measure: measures::find(&t.id),
            simulated: None,
            all: vec![],
            status: Status::NotMeasured(why.clone()),
            scenario,
            reads: vec![],
        })
    } else if plan.unknown.iter().any(|u| u.id == t.id) {
        Some(TargetResult {
            target: t.clone(),
            measure: None,
            simulated: None,
            all: vec![],
            status: Status::Unknown,
            scenario,
            reads: vec![],
        })
    } else {
        None
    }
}

/// Judges every target of a plan from its measured values; targets come
/// back in the order of `targets` (unknown and unmeasurable ones included).
pub fn judge(targets: &[Target], plan: &Plan, measured: &Measured) -> Vec<TargetResult> {
    targets
        .iter()
        .map(|t| {
            judge_one(t, plan, measured).unwrap_or_else(|| TargetResult {
                target: t.clone(),
                measure: None,
                simulated: None,
                all: vec![],
                status: Status::Unknown,
                scenario: plan.scenario.name.clone(),
                reads: vec![],
            })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_programme_ends_in_the_last_week_a_component_runs() {
        let sc = super::super::validation_scenario().unwrap();
        let end = |name: &str| {
            let s = sc.strategies.iter().find(|s| s.name == name).unwrap();
            programme_end(&sc, s)
        };
        // School-based components run to the last term week; the
        // conference runs in its conference weeks only (3 and 27).
        assert_eq!(end("full_programme"), Some(44));
        assert_eq!(end("termly_conference_only"), Some(27));
        assert_eq!(end("usual_practice"), None);
        // Two whole years: parent modelling and behaviour support run every
        // week, holidays included, so the programme runs to week 104.
        let mut two = sc.clone();
        two.calendar.years = 2;
        two.calendar.weeks = 0;
        let s = two
            .strategies
            .iter()
            .find(|s| s.name == "full_programme")
            .unwrap();
        assert_eq!(programme_end(&two, s), Some(104));
        // A component with an end week stops there.
        let mut ended = s.clone();
        for (_, settings) in &mut ended.components {
            settings.end_week = 30;
        }
        assert_eq!(programme_end(&two, &ended), Some(30));
    }

    #[test]
    fn the_term_end_change_compares_the_start_and_end_of_the_last_term() {
        let sc = super::super::validation_scenario().unwrap();
        let (early, late) = term_change_weeks(&sc).unwrap();
        assert_eq!(early, (26..=33).collect::<Vec<_>>());
        assert_eq!(late, vec![41, 42, 43, 44]);
        let mut short = sc.clone();
        short.calendar.terms = vec![[1, 8]];
        assert!(term_change_weeks(&short).is_none());
    }

    #[test]
    fn a_follow_up_after_the_run_is_not_measured_and_says_why() {
        let sc = super::super::validation_scenario().unwrap();
        let targets = super::super::targets::parse(
            "id,value,low,high,after_end\nprevention_fadeout_ratio_ws2017,0.48,0.48,0.65,10\n",
            "t",
        )
        .unwrap();
        let mut with_curriculum = sc.clone();
        with_curriculum
            .strategies
            .retain(|s| s.name == "usual_practice" || s.name == "mh_curriculum_only");
        let plan = plan(&with_curriculum, &targets);
        assert!(plan.items.is_empty());
        let (_, why) = &plan.unmeasurable[0];
        assert!(
            why.contains("ends at week 44") && why.contains("10 weeks after the end (week 54)"),
            "{why}"
        );
    }
}
