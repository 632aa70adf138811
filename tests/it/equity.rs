//! `equity.csv`: who gains. A planner reads how each strategy changes the
//! gaps between left-behind and other children, rural and urban, minority
//! and majority, low-trust families and all, girls and boys.

use std::path::Path;

use crate::common::*;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 2e-5
}

/// Every strategy, gap and outcome has a row; each gap's change equals the
/// strategy's effect on the group minus its effect on the reference in
/// `effects.csv` (both are means over the same replicates); the baseline's
/// rows show the gaps themselves with no change.
#[test]
fn equity_gaps_agree_with_the_effects_of_each_group() {
    let dir = tempdir();
    let out = path(dir.path(), "q");
    run_ok(&[
        "run",
        &scenario("quickstart"),
        "--out",
        &out,
        "--quiet",
        "--replicates",
        "6",
    ]);
    let out = Path::new(&out);
    let text = std::fs::read_to_string(out.join("equity.csv")).unwrap();
    assert!(text.starts_with(
        "strategy,gap,group,reference,outcome,baseline_gap,strategy_gap,gap_change,gap_change_lo,gap_change_hi,favours,p_group_gains_more,replicates\n"
    ));
    let equity = rows(&out.join("equity.csv"));
    let effects = rows(&out.join("effects.csv"));
    let effect = |strategy: &str, subgroup: &str, outcome: &str| {
        effects
            .iter()
            .find(|e| {
                e["strategy"] == strategy && e["subgroup"] == subgroup && e["outcome"] == outcome
            })
            .unwrap_or_else(|| panic!("no effect {strategy} {subgroup} {outcome}"))
    };
    for strategy in ["usual_practice", "contact_book", "full_programme"] {
        for gap in [
            "left_behind_vs_not_left_behind",
            "rural_vs_urban",
            "minority_vs_majority",
            "low_trust_vs_all",
            "female_vs_male",
        ] {
            for outcome in ["resilience", "distress", "depressive"] {
                let e = equity
                    .iter()
                    .find(|e| {
                        e["strategy"] == strategy && e["gap"] == gap && e["outcome"] == outcome
                    })
                    .unwrap_or_else(|| panic!("equity.csv lacks {strategy} {gap} {outcome}"));
                let (a, b) = (
                    effect(strategy, &e["group"], outcome),
                    effect(strategy, &e["reference"], outcome),
                );
                let want_change = num(&a["diff"]) - num(&b["diff"]);
                let want_base = num(&a["baseline_mean"]) - num(&b["baseline_mean"]);
                assert!(
                    close(num(&e["gap_change"]), want_change),
                    "{strategy} {gap} {outcome}: {} vs {want_change}",
                    e["gap_change"]
                );
                assert!(
                    close(num(&e["baseline_gap"]), want_base),
                    "{strategy} {gap} {outcome}"
                );
                assert!(
                    num(&e["gap_change_lo"]) <= num(&e["gap_change"])
                        && num(&e["gap_change"]) <= num(&e["gap_change_hi"])
                );
                assert_eq!(e["replicates"], "6");
                if strategy == "usual_practice" {
                    assert_eq!(num(&e["gap_change"]), 0.0);
                    assert_eq!(e["favours"], "neither");
                }
            }
        }
    }
    // The report shows who gains.
    run_ok(&["report", out.to_str().unwrap()]);
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        html.contains("<h2>Who gains</h2>")
            && html.contains("left-behind students vs students with both parents at home")
    );
}

/// Support offered only to left-behind children narrows their gap: the
/// change favours them on resilience and on depressive symptoms, in every
/// replicate, and the same support for everyone does not favour them as much.
#[test]
fn support_for_left_behind_children_favours_them() {
    let dir = tempdir();
    let sc = write(
        dir.path(),
        "lb.toml",
        r#"name = "lb"
baseline = "usual_practice"
[run]
replicates = 6
seed = 11
[population]
schools = 4
classes_per_school = 2
class_size = 40
[strategies.usual_practice]
components = []
[strategies.targeted]
components = ["left_behind_support"]
[strategies.everyone.left_behind_support]
target = "all"
"#,
    );
    let out = path(dir.path(), "o");
    run_ok(&["run", sc.to_str().unwrap(), "--out", &out, "--quiet"]);
    let equity = rows(&Path::new(&out).join("equity.csv"));
    let row = |strategy: &str, outcome: &str| {
        equity
            .iter()
            .find(|e| {
                e["strategy"] == strategy
                    && e["gap"] == "left_behind_vs_not_left_behind"
                    && e["outcome"] == outcome
            })
            .unwrap()
            .clone()
    };
    for outcome in ["resilience", "depressive"] {
        let t = row("targeted", outcome);
        assert_eq!(t["favours"], "group", "{outcome}: {t:?}");
        assert_eq!(num(&t["p_group_gains_more"]), 1.0, "{outcome}");
    }
    let (targeted, everyone) = (row("targeted", "resilience"), row("everyone", "resilience"));
    assert!(
        num(&targeted["gap_change"]) > num(&everyone["gap_change"]),
        "targeted {} vs everyone {}",
        targeted["gap_change"],
        everyone["gap_change"]
    );
}
