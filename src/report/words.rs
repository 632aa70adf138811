//! Plain-language findings: numbers and sentences an educator can read,
//! in the language asked for. Every word comes from the report's message
//! catalogue (`i18n/<lang>/report.ftl`); numbers are formatted here, the
//! same in every language.

use super::data::{ReportData, StrategyRow};
use crate::i18n::{self, Lang};

/// A number as the report writes it: one decimal, two below 1 in size.
pub fn num(x: f64) -> String {
    if !x.is_finite() {
        return "n/a".into();
    }
    let s = if x.abs() >= 1.0 || x == 0.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.2}")
    };
    if s.trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        s.trim_start_matches('-').to_string()
    } else {
        s
    }
}

/// A signed number: `+1.2`, `-0.35`.
pub fn signed(x: f64) -> String {
    let s = num(x);
    if x > 0.0 && !s.starts_with('-') && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("+{s}")
    } else {
        s
    }
}

/// A 95 % interval: `2.4–3.8`, or `-1.6 to -1.0` when a bound is negative.
pub fn interval(lo: f64, hi: f64) -> String {
    interval_in(Lang::En, lo, hi)
}

/// A 95 % interval in `lang` (the catalogue's `report-interval-range`, or
/// `report-interval-to` when a bound is negative).
pub fn interval_in(lang: Lang, lo: f64, hi: f64) -> String {
    let id = if lo >= 0.0 && hi >= 0.0 {
        "report-interval-range"
    } else {
        "report-interval-to"
    };
    i18n::text(lang, id, &[("lo", &num(lo)), ("hi", &num(hi))])
}

/// A strategy or subgroup name as words: `contact_book` → `contact book`.
pub fn words(name: &str) -> String {
    name.split('_')
        .map(|w| if w == "i" { "I" } else { w })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A strategy as the subject of a sentence (`what_if` reads "the what-if
/// change"; other names are the user's own and read as words).
pub fn subject(lang: Lang, name: &str) -> String {
    if name == "what_if" {
        i18n::text(lang, "report-subject-what-if", &[])
    } else {
        words(name)
    }
}

/// The students of a subgroup, as a phrase ("left-behind students").
pub fn subgroup_phrase(lang: Lang, subgroup: &str) -> String {
    let id = format!("report-who-{subgroup}");
    if i18n::has(Lang::En, &id) {
        i18n::text(lang, &id, &[])
    } else {
        i18n::text(lang, "report-who-other", &[("name", &words(subgroup))])
    }
}

/// A subgroup as a short label (`left_behind`; in Chinese, its name).
pub fn group_label(lang: Lang, subgroup: &str) -> String {
    label(lang, "report-group-", subgroup)
}

/// An outcome as a short label (`resilience`; in Chinese, its name).
pub fn outcome_label(lang: Lang, outcome: &str) -> String {
    label(lang, "report-outcome-", outcome)
}

fn label(lang: Lang, prefix: &str, name: &str) -> String {
    let id = format!("{prefix}{name}");
    if i18n::has(Lang::En, &id) {
        i18n::text(lang, &id, &[])
    } else {
        name.to_string()
    }
}

/// Capitalises the first letter.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// How an interval judges a change: up, down, or not clearly either.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Up,
    Down,
    Unclear,
}

fn change(lo: f64, hi: f64) -> Change {
    if lo > 0.0 {
        Change::Up
    } else if hi < 0.0 {
        Change::Down
    } else {
        Change::Unclear
    }
}

/// The interval a planner is told of an effect, and its name: the 95 %
/// uncertainty interval (2.5–97.5 % of the per-draw differences) when each
/// replicate drew its parameters from the posterior, else the 95 % Monte
/// Carlo interval of the mean.
pub fn told_interval(e: &crate::output::EffectRow) -> (f64, f64, &'static str) {
    let (lo, hi, id) = told_interval_id(e);
    let label = if id == "report-interval-ui" {
        "95 % uncertainty interval"
    } else {
        "95 % interval"
    };
    (lo, hi, label)
}

/// [`told_interval`] with the catalogue id of the interval's name.
fn told_interval_id(e: &crate::output::EffectRow) -> (f64, f64, &'static str) {
    if e.spread_of == "parameters+chance" && e.diff_ui_lo.is_finite() {
        (e.diff_ui_lo, e.diff_ui_hi, "report-interval-ui")
    } else {
        (e.diff_lo, e.diff_hi, "report-interval-mc")
    }
}

/// The resilience clause: "raised resilience by 3.1 points (95 % interval 2.4–3.8)".
pub fn resilience_clause(diff: f64, lo: f64, hi: f64) -> String {
    labelled_resilience_clause(Lang::En, diff, lo, hi, "report-interval-mc")
}

/// The resilience clause of an effect in `lang`, with the interval
/// planners are told ([`told_interval`]), the verb judged on it.
pub fn effect_resilience_clause(lang: Lang, e: &crate::output::EffectRow) -> String {
    let (lo, hi, label) = told_interval_id(e);
    labelled_resilience_clause(lang, e.diff, lo, hi, label)
}

/// The resilience clause with the interval named by the message `label`.
fn labelled_resilience_clause(lang: Lang, diff: f64, lo: f64, hi: f64, label: &str) -> String {
    let label = i18n::text(lang, label, &[]);
    let interval = interval_in(lang, lo, hi);
    let id = match change(lo, hi) {
        Change::Up => "report-resilience-raised",
        Change::Down => "report-resilience-lowered",
        Change::Unclear => "report-resilience-unclear",
    };
    i18n::text(
        lang,
        id,
        &[
            ("size", &num(diff.abs())),
            ("diff", &signed(diff)),
            ("label", &label),
            ("interval", &interval),
        ],
    )
}

/// The depressive-symptom sentence for a subgroup, from baseline and strategy
/// prevalences and the interval of their difference (all as shares).
pub fn depressive_sentence(who: &str, base: f64, mean: f64, lo: f64, hi: f64) -> String {
    labelled_depressive_sentence(Lang::En, who, base, mean, lo, hi, "report-interval-mc")
}

/// The depressive-symptom sentence of an effect row in `lang`, with the
/// interval planners are told ([`told_interval`]).
pub fn effect_depressive_sentence(lang: Lang, who: &str, e: &crate::output::EffectRow) -> String {
    let (lo, hi, label) = told_interval_id(e);
    labelled_depressive_sentence(lang, who, e.baseline_mean, e.mean, lo, hi, label)
}

/// The depressive-symptom sentence with the interval named by the message `label`.
fn labelled_depressive_sentence(
    lang: Lang,
    who: &str,
    base: f64,
    mean: f64,
    lo: f64,
    hi: f64,
    label: &str,
) -> String {
    let (b, m, d) = (100.0 * base, 100.0 * mean, 100.0 * (mean - base));
    let (l, h) = (100.0 * lo, 100.0 * hi);
    // Fewer students with symptoms is the change down.
    let id = match change(l, h) {
        Change::Down => "report-depressive-fell",
        Change::Up => "report-depressive-rose",
        Change::Unclear => "report-depressive-unclear",
    };
    let label = i18n::text(lang, label, &[]);
    i18n::text(
        lang,
        id,
        &[
            ("who", who),
            ("before", &num(b)),
            ("after", &num(m)),
            ("diff", &signed(d)),
            ("label", &label),
            ("interval", &interval_in(lang, l, h)),
        ],
    )
}

/// Teacher time and cost of a strategy, with the difference from the baseline.
pub fn cost_clause(lang: Lang, s: &StrategyRow, base: &StrategyRow) -> String {
    let extra = s.teacher_hours_per_class_term - base.teacher_hours_per_class_term;
    i18n::text(
        lang,
        "report-costs",
        &[
            ("hours", &num(s.teacher_hours_per_class_term)),
            ("extra_hours", &signed(extra)),
            ("base", &words(&base.name)),
            ("cost", &num(s.cost_per_student_year)),
            (
                "extra_cost",
                &signed(s.cost_per_student_year - base.cost_per_student_year),
            ),
        ],
    )
}

/// One plain-language paragraph per non-baseline strategy, for `subgroup`
/// (with the result for all students added when the subgroup is not
/// `all`), in English.
pub fn findings(data: &ReportData, subgroup: &str) -> Vec<(String, String)> {
    findings_in(Lang::En, data, subgroup)
}

/// [`findings`] in `lang`.
pub fn findings_in(lang: Lang, data: &ReportData, subgroup: &str) -> Vec<(String, String)> {
    let base = &data.strategies[data.baseline_index()];
    let who = subgroup_phrase(lang, subgroup);
    let base_name = words(&base.name);
    let mut out = Vec::new();
    for s in &data.strategies {
        if s.name == base.name {
            continue;
        }
        let subject = subject(lang, &s.name);
        let costs = cost_clause(lang, s, base);
        let mut sentences = vec![match data.effect(&s.name, subgroup, "resilience") {
            Some(e) => i18n::text(
                lang,
                "report-finding",
                &[
                    ("who", &who),
                    ("subject", &subject),
                    ("clause", &effect_resilience_clause(lang, e)),
                    ("base", &base_name),
                    ("costs", &costs),
                ],
            ),
            None => i18n::text(
                lang,
                "report-finding-no-students",
                &[("who", &who), ("subject", &subject), ("costs", &costs)],
            ),
        }];
        if let Some(d) = data.effect(&s.name, subgroup, "depressive") {
            sentences.push(effect_depressive_sentence(lang, &who, d));
        }
        if subgroup != "all"
            && let Some(e) = data.effect(&s.name, "all", "resilience")
        {
            sentences.push(i18n::text(
                lang,
                "report-across-all",
                &[("clause", &effect_resilience_clause(lang, e))],
            ));
        }
        let gap = i18n::text(lang, "report-sentence-gap", &[]);
        out.push((s.name.clone(), sentences.join(&gap)));
    }
    out
}

/// Strategies that are dominated: another strategy costs less and is at
/// least as effective on resilience (all students).
pub fn dominated(strategies: &[StrategyRow]) -> Vec<bool> {
    strategies
        .iter()
        .map(|a| {
            strategies.iter().any(|b| {
                a.cost_per_student_year > b.cost_per_student_year
                    && a.resilience_gain <= b.resilience_gain
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(num(3.104), "3.1");
        assert_eq!(num(0.014), "0.01");
        assert_eq!(num(-0.0001), "0.00");
        assert_eq!(signed(1.25), "+1.2");
        assert_eq!(signed(-0.5), "-0.50");
        assert_eq!(interval(2.4, 3.8), "2.4–3.8");
        assert_eq!(interval(-1.6, -1.0), "-1.6 to -1.0");
    }

    #[test]
    fn names_read_as_words() {
        assert_eq!(words("contact_book"), "contact book");
        assert_eq!(words("what_i_do_now"), "what I do now");
        assert_eq!(words("left_behind"), "left behind");
    }

    #[test]
    fn verbs_follow_the_interval() {
        assert!(resilience_clause(3.1, 2.4, 3.8).starts_with("raised resilience by 3.1 points"));
        assert!(resilience_clause(-1.0, -1.5, -0.5).starts_with("lowered resilience by 1.0"));
        assert!(resilience_clause(0.1, -0.2, 0.4).starts_with("did not clearly change"));
    }
}
