//! `survey.csv`: the cross-sectional survey of one week.

use super::files::{num, to_bytes};
use crate::population::SUBGROUPS;
use crate::scenario::Scenario;
use crate::stats::survey::{CONTRASTS, MEASURES, PAIRS, SurveyAcc, subgroup_index};
use crate::stats::{Moments, Summary};

/// Header of `survey.csv`.
pub const SURVEY_COLUMNS: &str = "strategy,week,statistic,subgroup,reference,x,y,students,reference_students,value,lo,hi,sd,replicates";

/// `survey.csv`: per strategy, Pearson correlations of every pair of measures
/// in every subgroup, the prevalence of depressive symptoms per subgroup, and
/// prevalence and odds ratios between subgroups, each with its 95 % Monte
/// Carlo interval over replicates.
pub fn survey_csv(sc: &Scenario, summary: &Summary) -> Vec<u8> {
    let mut rows = vec![
        SURVEY_COLUMNS
            .split(',')
            .map(String::from)
            .collect::<Vec<_>>(),
    ];
    let week = sc.survey_week().to_string();
    for s in &summary.strategies {
        let acc = &s.survey;
        let reps = acc.prevalence[0].n as f64;
        if reps == 0.0 {
            continue;
        }
        let students = |g: usize| num(acc.n[g] as f64 / reps);
        for (g, sg) in SUBGROUPS.iter().enumerate() {
            if acc.n[g] == 0 {
                continue;
            }
            for (k, &(x, y)) in PAIRS.iter().enumerate() {
                let (r, lo, hi) = acc.correlation(g, k);
                let m = &acc.r[g * PAIRS.len() + k];
                rows.push(vec![
                    s.name.clone(),
                    week.clone(),
                    "pearson_r".into(),
                    sg.name.into(),
                    "NA".into(),
                    MEASURES[x].name.into(),
                    MEASURES[y].name.into(),
                    students(g),
                    "NA".into(),
                    num(r),
                    num(lo),
                    num(hi),
                    num(m.sd()),
                    num(m.n as f64),
                ]);
            }
        }
        for (g, sg) in SUBGROUPS.iter().enumerate() {
            if acc.n[g] == 0 {
                continue;
            }
            let p = &acc.prevalence[g];
            let (lo, hi) = p.interval();
            rows.push(vec![
                s.name.clone(),
                week.clone(),
                "prevalence".into(),
                sg.name.into(),
                "NA".into(),
                "depressive".into(),
                "NA".into(),
                students(g),
                "NA".into(),
                num(p.mean()),
                num(lo),
                num(hi),
                num(p.sd()),
                num(p.n as f64),
            ]);
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
                let (v, lo, hi) = SurveyAcc::ratio(log);
                rows.push(vec![
                    s.name.clone(),
                    week.clone(),
                    name.into(),
                    (*a).into(),
                    (*b).into(),
                    "depressive".into(),
                    "NA".into(),
                    students(ga),
                    students(gb),
                    num(v),
                    num(lo),
                    num(hi),
                    num(raw.sd()),
                    num(log.n as f64),
                ]);
            }
        }
    }
    to_bytes(rows)
}
