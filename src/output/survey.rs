//! `survey.csv`: the cross-sectional survey over the survey window, and the
//! panel statistics of the same students a lag later.

use serde::{Deserialize, Serialize};

use super::tidy::to_csv;
use crate::scenario::Scenario;
use crate::stats::panel::{K, PANEL_MEASURES};
use crate::stats::survey::{
    CONTRASTS, MEASURES, N_MEASURES, PAIRS, SURVEY_GROUPS, SurveyAcc, subgroup_index, survey_group,
};
use crate::stats::{Moments, Summary};

/// One row of `survey.csv`: one statistic of the survey window under one
/// strategy, over replicates, with its 95 % Monte Carlo interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyRow {
    /// Strategy name.
    pub strategy: String,
    /// The survey window, its weeks joined by `;` (0 = right after burn-in;
    /// `run.survey_weeks` or `--survey-weeks`, by default ordinary school
    /// weeks spread over the year); for `stability` and `persistence`, the
    /// window weeks that start a pair of waves.
    pub weeks: String,
    /// Weeks between the two waves of `stability` and `persistence`; else `NA`.
    #[serde(with = "super::na")]
    pub lag: Option<u64>,
    /// `pearson_r`, `prevalence`, `mean`, `prevalence_ratio`, `odds_ratio`,
    /// `smd`, `stability` or `persistence`.
    pub statistic: String,
    /// Subgroup the statistic is about (for a comparison, the first group's).
    pub subgroup: String,
    /// For a comparison (ratios, `smd`), the subgroup it is compared with;
    /// else `NA`.
    #[serde(with = "super::na")]
    pub reference: Option<String>,
    /// The measure (`depressive` for prevalences, ratios and persistence).
    pub x: String,
    /// Second measure of a correlation; else `NA`.
    #[serde(with = "super::na")]
    pub y: Option<String>,
    /// Students in `subgroup` per replicate.
    #[serde(with = "super::na")]
    pub students: f64,
    /// Students in `reference` per replicate (comparisons); else `NA`.
    #[serde(with = "super::na")]
    pub reference_students: Option<f64>,
    /// The statistic over replicates: correlations (and stabilities)
    /// averaged on Fisher's z scale, ratios on the log scale (a geometric
    /// mean), the others as they are, and mapped back.
    #[serde(with = "super::na")]
    pub value: f64,
    /// Lower end of the 95 % Monte Carlo interval of `value` (Student's t).
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

/// Weeks joined by `;`.
pub fn join_weeks(weeks: &[u32]) -> String {
    weeks
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(";")
}

/// Mean, 95 % interval, SD and count of plain moments.
fn plain(m: &Moments) -> (f64, f64, f64, f64, u64) {
    let (lo, hi) = m.interval();
    (m.mean(), lo, hi, m.sd(), m.n)
}

/// The rows of `survey.csv`: per strategy, Pearson correlations of every
/// pair of measures, prevalence of depressive symptoms and the mean of every
/// measure in every survey subgroup; prevalence ratios, odds ratios and
/// standardised mean differences between subgroups; and, per panel lag,
/// the rank-order stability of every panel measure and the persistence of
/// depressive symptoms.
pub fn survey_rows(_sc: &Scenario, summary: &Summary) -> Vec<SurveyRow> {
    let mut rows = Vec::new();
    for s in &summary.strategies {
        let acc = &s.survey;
        let reps = acc.prevalence[0].n as f64;
        if reps == 0.0 {
            continue;
        }
        let weeks = join_weeks(&acc.weeks);
        let students = |g: usize| acc.n[g] as f64 / reps;
        let row = |statistic: &str, g: usize, x: &str| SurveyRow {
            strategy: s.name.clone(),
            weeks: weeks.clone(),
            lag: None,
            statistic: statistic.into(),
            subgroup: survey_group(g).name.into(),
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
        let present: Vec<usize> = (0..SURVEY_GROUPS).filter(|&g| acc.n[g] > 0).collect();
        for &g in &present {
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
                    ..row("pearson_r", g, MEASURES[x].name)
                });
            }
        }
        for &g in &present {
            let (value, lo, hi, sd, replicates) = plain(&acc.prevalence[g]);
            rows.push(SurveyRow {
                value,
                lo,
                hi,
                sd,
                replicates,
                ..row("prevalence", g, "depressive")
            });
        }
        for &g in &present {
            for (m, measure) in MEASURES.iter().enumerate() {
                let (value, lo, hi, sd, replicates) = plain(&acc.mean[g * N_MEASURES + m]);
                rows.push(SurveyRow {
                    value,
                    lo,
                    hi,
                    sd,
                    replicates,
                    ..row("mean", g, measure.name)
                });
            }
        }
        for (c, (a, b)) in CONTRASTS.iter().enumerate() {
            let (Some(ga), Some(gb)) = (subgroup_index(a), subgroup_index(b)) else {
                continue;
            };
            let compare = |statistic: &str, x: &str| SurveyRow {
                reference: Some((*b).into()),
                reference_students: Some(students(gb)),
                ..row(statistic, ga, x)
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
                    value,
                    lo,
                    hi,
                    sd: raw.sd(),
                    replicates: log.n,
                    ..compare(name, "depressive")
                });
            }
            for (m, measure) in MEASURES.iter().enumerate() {
                let d = &acc.smd[c * N_MEASURES + m];
                if d.n == 0 {
                    continue;
                }
                let (value, lo, hi, sd, replicates) = plain(d);
                rows.push(SurveyRow {
                    value,
                    lo,
                    hi,
                    sd,
                    replicates,
                    ..compare("smd", measure.name)
                });
            }
        }
        for panel in &acc.panels {
            let starts = join_weeks(&panel.starts);
            let pair_students = |g: usize| panel.n[g] as f64 / reps;
            for &g in &present {
                for (k, measure) in PANEL_MEASURES.iter().enumerate() {
                    let m = &panel.r[g * K + k];
                    if m.n == 0 {
                        continue;
                    }
                    let (value, lo, hi) = panel.stability(g, k);
                    rows.push(SurveyRow {
                        weeks: starts.clone(),
                        lag: Some(panel.lag as u64),
                        students: pair_students(g),
                        value,
                        lo,
                        hi,
                        sd: m.sd(),
                        replicates: m.n,
                        ..row("stability", g, measure)
                    });
                }
                let p = &panel.persistence[g];
                if p.n == 0 {
                    continue;
                }
                let (value, lo, hi, sd, replicates) = plain(p);
                rows.push(SurveyRow {
                    weeks: starts.clone(),
                    lag: Some(panel.lag as u64),
                    students: pair_students(g),
                    value,
                    lo,
                    hi,
                    sd,
                    replicates,
                    ..row("persistence", g, "depressive")
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
