//! A whole validation: targets grouped by the scenario (and survey window)
//! they are measured on, each group planned, run and judged.
//!
//! A target is measured on its `scenario` column, else on its measurement's
//! own bundled scenario ([`super::measures::Measure::scenario`]); a
//! `survey_weeks` column replaces that scenario's survey window. Targets
//! that share a scenario and window are measured in one run. A scenario
//! given to `resim validate --scenario FILE` replaces the default scenario
//! (`meta_analysis_trial`) for the targets that use it.

use std::sync::atomic::AtomicBool;

use super::evaluate::{self, Measured, Plan, Status, TargetResult};
use super::measures::{self, TRIAL};
use super::targets::Target;
use crate::engine::{Cancelled, RunOptions};
use crate::problem::Message;
use crate::scenario::Scenario;
use crate::scenario::path::Paths;

/// Choices that apply to every group of a validation.
#[derive(Debug, Clone, Default)]
pub struct SuiteOptions {
    /// A scenario replacing the default one (`meta_analysis_trial`), with
    /// the name it is shown by.
    pub scenario: Option<(Scenario, String)>,
    /// Replicates of every run (default: each scenario's own).
    pub replicates: Option<u32>,
    /// Master seed of every run (default: each scenario's own).
    pub seed: Option<u64>,
    /// Values set by path in every scenario measured (`resim validate
    /// --set PATH=VALUE`): a parameter, or a mechanism switched off.
    pub sets: Vec<(String, toml::Value)>,
}

/// The targets of one scenario and survey window.
#[derive(Debug, Clone)]
pub struct Group {
    /// How the scenario is shown (its file, or the bundled copy).
    pub shown: String,
    /// The scenario with the group's window and the options' values set,
    /// before it is reduced to the strategies the targets need.
    pub base: Scenario,
    /// What is measured on it.
    pub plan: Plan,
    /// How it is run.
    pub run: RunOptions,
}

/// A validation: its groups, and the targets that could not be placed.
#[derive(Debug, Clone)]
pub struct Suite {
    /// One group per scenario and window, in the order targets first use them.
    pub groups: Vec<Group>,
    /// Targets whose scenario could not be made ready (with the reason).
    pub unplaced: Vec<(Target, String)>,
}

/// The scenario a target is measured on, by name.
fn scenario_name(t: &Target) -> &str {
    if !t.meta.scenario.is_empty() {
        &t.meta.scenario
    } else {
        measures::find(&t.id).map_or(TRIAL, |m| m.scenario)
    }
}

/// `scenario` with the values of `sets` set by path, or the problem (naming
/// the scenario, the path and what is valid).
fn with_sets(sc: Scenario, sets: &[(String, toml::Value)]) -> Result<Scenario, Message> {
    if sets.is_empty() {
        return Ok(sc);
    }
    Paths::of(&sc)
        .with_values(sets.iter().map(|(p, v)| (p.as_str(), v.clone())))
        .map_err(|problems| {
            let p = &problems[0];
            Message::new("problem-validate-set-refused")
                .arg("key", &p.key)
                .with("message", p.message.clone())
                .arg("scenario", &sc.name)
                .with("valid", p.valid.clone())
        })
}

impl Suite {
    /// Groups and plans `targets`; an error when a value of `opts.sets`
    /// cannot be set in a scenario.
    pub fn new(targets: &[Target], opts: &SuiteOptions) -> Result<Suite, Message> {
        // (scenario name, window) → targets, in order of first use.
        let mut keys: Vec<(String, Option<Vec<u32>>)> = Vec::new();
        let mut members: Vec<Vec<Target>> = Vec::new();
        for t in targets {
            let key = (scenario_name(t).to_string(), t.meta.survey_weeks.clone());
            match keys.iter().position(|k| *k == key) {
                Some(i) => members[i].push(t.clone()),
                None => {
                    keys.push(key);
                    members.push(vec![t.clone()]);
                }
            }
        }
        let mut groups = Vec::new();
        let mut unplaced = Vec::new();
        for ((name, window), targets) in keys.into_iter().zip(members) {
            let base = match (&opts.scenario, name == TRIAL) {
                (Some((sc, shown)), true) => Ok((sc.clone(), shown.clone())),
                _ => match super::bundled_scenario(&name) {
                    Some((path, Ok(sc))) => Ok((sc, format!("{path} (bundled copy)"))),
                    Some((path, Err(e))) => Err(format!("the bundled {path} does not load: {e}")),
                    None => Err(format!("`{name}` is not a bundled validation scenario")),
                },
            };
            let (sc, shown) = match base {
                Ok(b) => b,
                Err(why) => {
                    unplaced.extend(targets.into_iter().map(|t| (t, why.clone())));
                    continue;
                }
            };
            let mut sc = with_sets(sc, &opts.sets)?;
            if let Some(w) = &window {
                let last = sc.calendar.total_weeks();
                if let Some(bad) = w.iter().find(|w| **w > last) {
                    let why = format!(
                        "survey week {bad} is after the last week ({last}) of scenario `{}`",
                        sc.name
                    );
                    unplaced.extend(targets.into_iter().map(|t| (t, why.clone())));
                    continue;
                }
                sc.run.survey_week = None;
                sc.run.survey_weeks = Some(w.clone());
            }
            let run = RunOptions {
                replicates: opts.replicates.unwrap_or(sc.run.replicates),
                seed: opts.seed.unwrap_or(sc.run.seed),
                snapshots: false,
            };
            groups.push(Group {
                shown,
                plan: evaluate::plan(&sc, &targets),
                base: sc,
                run,
            });
        }
        Ok(Suite { groups, unplaced })
    }

    /// Targets with an id the model has no measurement for.
    pub fn unknown(&self) -> Vec<&Target> {
        self.groups.iter().flat_map(|g| &g.plan.unknown).collect()
    }

    /// Known targets that cannot be measured, with the reason.
    pub fn unmeasurable(&self) -> Vec<(&Target, &str)> {
        self.groups
            .iter()
            .flat_map(|g| g.plan.unmeasurable.iter().map(|(t, w)| (t, w.as_str())))
            .chain(self.unplaced.iter().map(|(t, w)| (t, w.as_str())))
            .collect()
    }

    /// Targets that will be measured.
    pub fn measurable(&self) -> usize {
        self.groups.iter().map(|g| g.plan.items.len()).sum()
    }

    /// Replicates of every group that measures something, summed (for a
    /// progress bar).
    pub fn replicates(&self) -> u64 {
        self.groups
            .iter()
            .filter(|g| !g.plan.items.is_empty())
            .map(|g| g.run.replicates as u64)
            .sum()
    }

    /// Runs every group that measures something; `progress` is called once
    /// per finished replicate.
    pub fn measure(
        &self,
        cancel: &AtomicBool,
        mut progress: impl FnMut(),
    ) -> Result<Vec<Option<Measured>>, Cancelled> {
        self.groups
            .iter()
            .map(|g| {
                if g.plan.items.is_empty() {
                    Ok(None)
                } else {
                    evaluate::measure(&g.plan, &g.run, cancel, &mut progress).map(Some)
                }
            })
            .collect()
    }

    /// Judges every target, in the order of `targets`.
    pub fn judge(&self, targets: &[Target], measured: &[Option<Measured>]) -> Vec<TargetResult> {
        let empty = Measured {
            values: vec![],
            raw: vec![],
            replicates: 0,
        };
        targets
            .iter()
            .map(|t| {
                for (g, m) in self.groups.iter().zip(measured) {
                    if let Some(r) = evaluate::judge_one(t, &g.plan, m.as_ref().unwrap_or(&empty)) {
                        return r;
                    }
                }
                let why = self
                    .unplaced
                    .iter()
                    .find(|(u, _)| u.id == t.id)
                    .map_or_else(|| "not planned".to_string(), |(_, w)| w.clone());
                TargetResult {
                    target: t.clone(),
                    measure: measures::find(&t.id),
                    simulated: None,
                    all: vec![],
                    status: Status::NotMeasured(why),
                    scenario: scenario_name(t).to_string(),
                    reads: vec![],
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_refused_set_reads_as_the_cli_prints_it_and_in_chinese_on_chinese_pages() {
        let Err(e) = Suite::new(
            &super::super::targets::bundled(),
            &SuiteOptions {
                scenario: None,
                replicates: None,
                seed: None,
                sets: vec![("stress.academic_load".into(), toml::Value::Float(7.0))],
            },
        ) else {
            panic!("7 is refused")
        };
        let en = e.render(Lang::En);
        assert!(
            en.starts_with("--set stress.academic_load: 7 is out of range in scenario `"),
            "{en}"
        );
        assert!(en.ends_with("(valid: a number from 0 to 1)"), "{en}");
        assert_eq!(en, e.to_string());
        let zh = e.render(Lang::ZhCn);
        assert!(zh.contains("超出范围") && zh.contains("有效值："), "{zh}");
    }
}
