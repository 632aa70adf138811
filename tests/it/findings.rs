//! The model's directional findings (MODEL.md), checked on bundled scenarios.

use crate::common::*;

#[test]
fn meta_analysis_trial_reproduces_the_direction_of_each_practice() {
    let rows = run_effects("meta_analysis_trial", 6);
    let g = |s: &str, o: &str| effect(&rows, s, "all", o).g;

    // The full family-school programme beats usual practice on resilience and distress.
    let full_res = effect(&rows, "full_programme", "all", "resilience");
    assert!(
        full_res.g_lo > 0.1,
        "full programme resilience g {full_res:?}"
    );
    assert_eq!(full_res.p_better, 1.0);
    let full_dis = effect(&rows, "full_programme", "all", "distress");
    assert!(
        full_dis.g_lo > 0.1 && full_dis.diff < 0.0,
        "full programme distress {full_dis:?}"
    );
    assert!(g("full_programme", "depressive") > 0.0);

    // Parent volunteering raises social competence, not mental health.
    assert!(g("parent_volunteering_only", "social_competence") > 0.03);
    assert!(g("parent_volunteering_only", "distress").abs() < 0.05);

    // Homework help raises academic engagement only.
    assert!(g("homework_help_only", "academic_engagement") > 0.05);
    assert!(g("homework_help_only", "distress").abs() < 0.05);
    assert!(g("homework_help_only", "social_competence").abs() < 0.05);

    // The full programme's mental-health effect exceeds that of either.
    assert!(g("full_programme", "distress") > g("parent_volunteering_only", "distress") + 0.1);
    assert!(g("full_programme", "distress") > g("homework_help_only", "distress") + 0.1);
}

#[test]
fn left_behind_children_start_behind_and_coordinated_care_narrows_the_gap() {
    let rows = run_effects("rural_left_behind", 4);
    let lb = effect(&rows, "usual_practice", "left_behind", "resilience").baseline_mean;
    let home = effect(&rows, "usual_practice", "not_left_behind", "resilience").baseline_mean;
    assert!(
        lb < home,
        "left-behind resilience {lb} should be below {home}"
    );
    let lb_d = effect(&rows, "usual_practice", "both_parents", "distress").baseline_mean;
    let home_d = effect(&rows, "usual_practice", "not_left_behind", "distress").baseline_mean;
    assert!(
        lb_d > home_d,
        "left-behind distress {lb_d} should be above {home_d}"
    );
    for s in ["coordinated_care", "left_behind_care"] {
        let gain_lb = effect(&rows, s, "left_behind", "resilience").diff;
        let gain_home = effect(&rows, s, "not_left_behind", "resilience").diff;
        assert!(
            gain_lb > gain_home && gain_lb > 0.0,
            "{s}: {gain_lb} vs {gain_home}"
        );
    }
}

#[test]
fn school_programmes_work_better_with_caregivers_engaged() {
    let rows = run_effects("urban_exam_pressure", 3);
    let alone = effect(&rows, "curriculum_only", "all", "distress").g;
    let engaged = effect(&rows, "curriculum_with_families", "all", "distress").g;
    assert!(
        alone > 0.0 && engaged > alone + 0.1,
        "alone {alone}, engaged {engaged}"
    );
}

#[test]
fn one_way_contact_does_little_for_low_trust_families_and_responsive_practice_does_more() {
    let rows = run_effects("trust_gap", 3);
    let one_way = effect(&rows, "one_way_newsletter", "minority", "distress").g;
    let responsive = effect(&rows, "two_way_responsive", "minority", "distress").g;
    let intensive = effect(&rows, "intensive_responsive", "minority", "distress").g;
    assert!(one_way.abs() < 0.05, "one-way contact g {one_way}");
    assert!(
        responsive > one_way && intensive > responsive,
        "{one_way} < {responsive} < {intensive}"
    );
}
