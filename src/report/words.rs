//! Plain-language findings: numbers and sentences an educator can read.

use super::data::{ReportData, StrategyRow};

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
    if lo >= 0.0 && hi >= 0.0 {
        format!("{}–{}", num(lo), num(hi))
    } else {
        format!("{} to {}", num(lo), num(hi))
    }
}

/// A strategy or subgroup name as words: `contact_book` → `contact book`.
pub fn words(name: &str) -> String {
    name.split('_')
        .map(|w| if w == "i" { "I" } else { w })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A strategy as the subject of a sentence (`what_if` reads "the what-if change").
pub fn subject(name: &str) -> String {
    if name == "what_if" {
        "the what-if change".into()
    } else {
        words(name)
    }
}

/// The students of a subgroup, as a phrase.
pub fn subgroup_phrase(subgroup: &str) -> String {
    match subgroup {
        "all" => "all students".into(),
        "rural" => "rural students".into(),
        "urban" => "urban students".into(),
        "left_behind" => "left-behind students".into(),
        "not_left_behind" => "students with both parents at home".into(),
        "one_parent" => "students with one parent working away".into(),
        "both_parents" => "students with both parents working away".into(),
        "minority" => "minority-group students".into(),
        "majority" => "majority-group students".into(),
        "low_trust" => "students from low-trust families".into(),
        other => format!("{} students", words(other)),
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

/// "raised … by", "lowered … by" or "did not clearly change", judged on the interval.
fn change_verb(lo: f64, hi: f64) -> &'static str {
    if lo > 0.0 {
        "raised"
    } else if hi < 0.0 {
        "lowered"
    } else {
        "did not clearly change"
    }
}

/// The interval a planner is told of an effect, and its name: the 95 %
/// uncertainty interval (2.5–97.5 % of the per-draw differences) when each
/// replicate drew its parameters from the posterior, else the 95 % Monte
/// Carlo interval of the mean.
pub fn told_interval(e: &crate::output::EffectRow) -> (f64, f64, &'static str) {
    if e.spread_of == "parameters+chance" && e.diff_ui_lo.is_finite() {
        (e.diff_ui_lo, e.diff_ui_hi, "95 % uncertainty interval")
    } else {
        (e.diff_lo, e.diff_hi, "95 % interval")
    }
}

/// The resilience clause: "raised resilience by 3.1 points (95 % interval 2.4–3.8)".
pub fn resilience_clause(diff: f64, lo: f64, hi: f64) -> String {
    labelled_resilience_clause(diff, lo, hi, "95 % interval")
}

/// The resilience clause of an effect, with the interval planners are
/// told ([`told_interval`]), the verb judged on it.
pub fn effect_resilience_clause(e: &crate::output::EffectRow) -> String {
    let (lo, hi, label) = told_interval(e);
    labelled_resilience_clause(e.diff, lo, hi, label)
}

/// The resilience clause with the interval named `label`.
fn labelled_resilience_clause(diff: f64, lo: f64, hi: f64, label: &str) -> String {
    match change_verb(lo, hi) {
        "did not clearly change" => format!(
            "did not clearly change resilience ({} points, {label} {})",
            signed(diff),
            interval(lo, hi)
        ),
        verb => format!(
            "{verb} resilience by {} points ({label} {})",
            num(diff.abs()),
            interval(lo, hi)
        ),
    }
}

/// The depressive-symptom sentence for a subgroup, from baseline and strategy
/// prevalences and the interval of their difference (all as shares).
pub fn depressive_sentence(who: &str, base: f64, mean: f64, lo: f64, hi: f64) -> String {
    labelled_depressive_sentence(who, base, mean, lo, hi, "95 % interval")
}

/// The depressive-symptom sentence of an effect row, with the interval
/// planners are told ([`told_interval`]).
pub fn effect_depressive_sentence(who: &str, e: &crate::output::EffectRow) -> String {
    let (lo, hi, label) = told_interval(e);
    labelled_depressive_sentence(who, e.baseline_mean, e.mean, lo, hi, label)
}

/// The depressive-symptom sentence with the interval named `label`.
fn labelled_depressive_sentence(
    who: &str,
    base: f64,
    mean: f64,
    lo: f64,
    hi: f64,
    label: &str,
) -> String {
    let (b, m, d) = (100.0 * base, 100.0 * mean, 100.0 * (mean - base));
    let (l, h) = (100.0 * lo, 100.0 * hi);
    let verb = if h < 0.0 {
        "fell"
    } else if l > 0.0 {
        "rose"
    } else {
        "did not clearly change"
    };
    format!(
        "The share of {who} with depressive symptoms at the end {verb}: {} % → {} % ({} percentage points, {label} {}).",
        num(b),
        num(m),
        signed(d),
        interval(l, h)
    )
}

/// Teacher time and cost of a strategy, with the difference from the baseline.
pub fn cost_clause(s: &StrategyRow, base: &StrategyRow) -> String {
    let extra = s.teacher_hours_per_class_term - base.teacher_hours_per_class_term;
    format!(
        "at {} hours of teacher time per class per term ({} vs {}) and a cost of {} per student per year ({} vs {})",
        num(s.teacher_hours_per_class_term),
        signed(extra),
        words(&base.name),
        num(s.cost_per_student_year),
        signed(s.cost_per_student_year - base.cost_per_student_year),
        words(&base.name),
    )
}

/// One plain-language paragraph per non-baseline strategy, for `subgroup`
/// (with the result for all students added when the subgroup is not `all`).
pub fn findings(data: &ReportData, subgroup: &str) -> Vec<(String, String)> {
    let base = &data.strategies[data.baseline_index()];
    let who = subgroup_phrase(subgroup);
    let mut out = Vec::new();
    for s in &data.strategies {
        if s.name == base.name {
            continue;
        }
        let mut p = String::new();
        match data.effect(&s.name, subgroup, "resilience") {
            Some(e) => p.push_str(&format!(
                "For {who}, {} {} compared with {}, {}.",
                subject(&s.name),
                effect_resilience_clause(e),
                words(&base.name),
                cost_clause(s, base)
            )),
            None => p.push_str(&format!(
                "There are no {who} in this scenario; {} costs {}.",
                subject(&s.name),
                cost_clause(s, base).trim_start_matches("at ")
            )),
        }
        if let Some(d) = data.effect(&s.name, subgroup, "depressive") {
            p.push(' ');
            p.push_str(&effect_depressive_sentence(&who, d));
        }
        if subgroup != "all"
            && let Some(e) = data.effect(&s.name, "all", "resilience")
        {
            p.push_str(&format!(
                " Across all students it {}.",
                effect_resilience_clause(e)
            ));
        }
        out.push((s.name.clone(), p));
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
