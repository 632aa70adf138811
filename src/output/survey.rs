//! `survey.csv`: the cross-sectional survey of one week.

use serde::{Deserialize, Serialize};

use super::tidy::to_csv;
use crate::population::SUBGROUPS;
use crate::scenario::Scenario;
use crate::stats::survey::{CONTRASTS, MEASURES, PAIRS, SurveyAcc, subgroup_index};
use crate::stats::{Moments, Summary};

/// One row of `survey.csv`: one statistic of the survey week under one
/// strategy, over replicates, with its 95 % Monte Carlo interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyRow {
    /// Strategy name.
    pub strategy: String,
    /// The survey week (0 = right after burn-in; `--survey-week`, default
    /// the last week).
    pub week: u32,
    /// `pearson_r`, `prevalence`, `prevalence_ratio` or `odds_ratio`.
    pub statistic: String,
    /// Subgroup the statistic is about (for a ratio, the numerator's).
    pub subgroup: String,
    /// For a ratio, the subgroup it is compared with (the denominator);
    /// else `NA`.
    #[serde(with = "super::na")]
    pub reference: Option<String>,
    /// First measure (`pearson_r`), or `depressive` for prevalences and
    /// ratios.
    pub x: String,
    /// Second measure of a correlation; else `NA`.
    #[serde(with = "super::na")]
    pub y: Option<String>,
    /// Students in `subgroup` per replicate.
    #[serde(with = "super::na")]
    pub students: f64,
    /// Students in `reference` per replicate (ratios); else `NA`.
    #[serde(with = "super::na")]
    pub reference_students: Option<f64>,
    /// The statistic over replicates: correlations averaged on Fisher's z
    /// scale, ratios on the log scale (a geometric mean), prevalence (0–1)
    /// as is, and mapped back.
    #[serde(with = "super::na")]
    pub value: f64,
    /// Lower end of the 95 % Monte Carlo interval of `value`.
    #[serde(with = "super::na")]
    pub lo: f64,
    /// Upper end of the 95 % Monte Carlo interval of `value`.
    #[serde(with = "super::na")]
    pub hi: f64,
    /// The statistic's standard deviation between replicates.
    #[serde(with = "super::na")]
    pub sd: f64,
    /// Replicates the statistic is defined in.
    pub replicates: u64,
}

/// The rows of `survey.csv`: per strategy, Pearson correlations of every
/// pair of measures in every subgroup, the prevalence of depressive symptoms
/// per subgroup, and prevalence and odds ratios between subgroups.
pub fn survey_rows(sc: &Scenario, summary: &Summary) -> Vec<SurveyRow> {
    let week = sc.survey_week() as u32;
    let mut rows = Vec::new();
    for s in &summary.strategies {
        let acc = &s.survey;
        let reps = acc.prevalence[0].n as f64;
        if reps == 0.0 {
            continue;
        }
        let students = |g: usize| acc.n[g] as f64 / reps;
        let row = |statistic: &str, subgroup: &str, x: &str, g: usize| SurveyRow {
            strategy: s.name.clone(),
            week,
            statistic: statistic.into(),
            subgroup: subgroup.into(),
            reference: None,
            x: x.into(),
            y: None,
            students: students(g),
            reference_students: None,
            value: f64::NAN,
            lo: f64::NAN,
            hi: f64::NAN,
            sd: f64::NAN,
            replicates: 0,
        };
        for (g, sg) in SUBGROUPS.iter().enumerate() {
            if acc.n[g] == 0 {
                continue;
            }
            for (k, &(x, y)) in PAIRS.iter().enumerate() {
                let (r, lo, hi) = acc.correlation(g, k);
                let m = &acc.r[g * PAIRS.len() + k];
                rows.push(SurveyRow {
                    y: Some(MEASURES[y].name.into()),
                    value: r,
                    lo,
                    hi,
                    sd: m.sd(),
                    replicates: m.n,
                    ..row("pearson_r", sg.name, MEASURES[x].name, g)
                });
            }
        }
        for (g, sg) in SUBGROUPS.iter().enumerate() {
            if acc.n[g] == 0 {
                continue;
            }
            let p = &acc.prevalence[g];
            let (lo, hi) = p.interval();
            rows.push(SurveyRow {
                value: p.mean(),
                lo,
                hi,
                sd: p.sd(),
                replicates: p.n,
                ..row("prevalence", sg.name, "depressive", g)
            });
        }
        for (c, (a, b)) in CONTRASTS.iter().enumerate() {
            let (Some(ga), Some(gb)) = (subgroup_index(a), subgroup_index(b)) else {
                continue;
            };
            let stats: [(&str, &Moments, &Moments); 2] = [
                ("prevalence_ratio", &acc.log_pr[c], &acc.pr[c]),
                ("odds_ratio", &acc.log_or[c], &acc.or[c]),
            ];
            for (name, log, raw) in stats {
                if log.n == 0 {
                    continue;
                }
                let (value, lo, hi) = SurveyAcc::ratio(log);
                rows.push(SurveyRow {
                    reference: Some((*b).into()),
                    reference_students: Some(students(gb)),
                    value,
                    lo,
                    hi,
                    sd: raw.sd(),
                    replicates: log.n,
                    ..row(name, a, "depressive", ga)
                });
            }
        }
    }
    rows
}

/// `survey.csv`: the rows of [`survey_rows`] as tidy CSV.
pub fn survey_csv(sc: &Scenario, summary: &Summary) -> Vec<u8> {
    to_csv(&survey_rows(sc, summary))
}
