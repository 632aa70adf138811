//! Model parameters, grouped by the mechanism they belong to.
//!
//! Each group is declared once with [`param_group!`], which generates the
//! struct (with serde defaults and `deny_unknown_fields`), its `Default`, its
//! range validation and the documentation table that `resim list` and
//! `docs/ODD.md` show. A parameter's name, default, range, meaning and source
//! therefore cannot drift apart.

use serde::{Deserialize, Serialize};

use crate::problem::{Problem, check_range};

/// Documentation of one parameter: what `resim list` prints.
#[derive(Debug, Clone, Copy)]
pub struct ParamDoc {
    /// Scenario section, e.g. `stress`.
    pub section: &'static str,
    /// Key inside the section.
    pub name: &'static str,
    /// Default value.
    pub default: f32,
    /// Smallest valid value.
    pub lo: f32,
    /// Largest valid value.
    pub hi: f32,
    /// What it means, in the model's words.
    pub meaning: &'static str,
    /// Where the default comes from.
    pub source: &'static str,
}

macro_rules! param_group {
    (
        $(#[doc = $gdoc:literal])*
        $name:ident, $section:literal {
            $(
                $(#[doc = $doc:literal])*
                $field:ident = $default:literal, [$lo:literal, $hi:literal], $src:literal;
            )*
        }
    ) => {
        $(#[doc = $gdoc])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct $name {
            $( $(#[doc = $doc])* pub $field: f32, )*
        }

        impl Default for $name {
            fn default() -> Self {
                Self { $( $field: $default, )* }
            }
        }

        impl $name {
            /// Name, default, range, meaning and source of every parameter.
            pub const DOCS: &'static [ParamDoc] = &[
                $( ParamDoc {
                    section: $section,
                    name: stringify!($field),
                    default: $default,
                    lo: $lo,
                    hi: $hi,
                    meaning: concat!($($doc),*),
                    source: $src,
                }, )*
            ];

            /// Range-checks every parameter; `prefix` is the section's key path.
            pub fn validate(&self, prefix: &str, out: &mut Vec<Problem>) {
                $( check_range(out, format!("{}.{}", prefix, stringify!($field)), self.$field, $lo, $hi); )*
            }

            /// Mutable access by key name, for sweeps and calibration.
            pub fn get_mut(&mut self, key: &str) -> Option<&mut f32> {
                match key {
                    $( stringify!($field) => Some(&mut self.$field), )*
                    _ => None,
                }
            }
        }
    };
}

param_group! {
    /// Mechanism 1, stress and bounce-back (seed 000 §2.1–2.3): the weekly
    /// stressors of each ecological layer and how distress recovers.
    Stress, "stress" {
        /// Academic stress entering per school week (distress units, 0–1 scale).
        academic_load = 0.11, [0.0, 1.0], "seed 000 Abstract (academic demands are the main pressure); tuned to Tang et al. (2019)'s 24 % baseline prevalence";
        /// Multiplier of the academic load in exam weeks.
        exam_multiplier = 2.5, [1.0, 10.0], "seed 000 Abstract (academic pressure); assumption for the size";
        /// Multiplier of the academic load in urban schools (exam pressure).
        urban_pressure = 1.25, [0.2, 5.0], "assumption: competitive urban schools";
        /// Weekly probability of a family adversity event for a family of the highest SES (rate × (1 + g·(1 − SES)) below it).
        family_event_rate = 0.02, [0.0, 1.0], "assumption (no seed names family adversity events); about one event a year";
        /// Distress a family adversity event brings.
        family_event_size = 0.25, [0.0, 1.0], "assumption";
        /// How much more often adversity strikes low-SES families (rate × (1 + g·(1 − SES))).
        ses_gradient = 1.0, [0.0, 10.0], "assumption: adversity concentrates in poorer families";
        /// Weekly probability of a peer conflict at average social competence.
        peer_conflict_rate = 0.05, [0.0, 1.0], "assumption (no seed names peer conflict)";
        /// Distress a peer conflict brings.
        peer_conflict_size = 0.10, [0.0, 1.0], "assumption";
        /// Weekly probability of a community risk event where community risk is 1.
        community_event_rate = 0.03, [0.0, 1.0], "seed 002 §1.1 (social environment of rural areas)";
        /// Distress a community risk event brings.
        community_event_size = 0.20, [0.0, 1.0], "assumption";
        /// Weekly separation stress of a child with one migrant parent away.
        separation_one_parent = 0.008, [0.0, 1.0], "seed 002 §1.1 (lack of parental companionship)";
        /// Weekly separation stress of a child with both parents away.
        separation_both_parents = 0.016, [0.0, 1.0], "seed 002 §1.1";
        /// Share of incoming stress that resilience at 1 keeps out (stress gets through as 1 − k·resilience).
        stress_resistance = 0.84, [0.0, 1.0], "seed 000 §2.1: resilience sets how much stress gets through; size tuned (docs/VALIDATION.md)";
        /// Weekly share of distress that recovers regardless of resilience.
        recovery_base = 0.06, [0.0, 1.0], "assumption: symptoms remit over months";
        /// Extra weekly recovery per unit of resilience (bounce-back).
        recovery_resilience = 0.20, [0.0, 1.0], "seed 000 §2.1: resilience is the ability to recover";
        /// Filtered stress above which a week counts as a challenge that, coped with, builds resilience.
        challenge_level = 0.03, [0.0, 1.0], "assumption (inverted-U of stress and growth; not in the seeds)";
        /// Filtered stress above which a week overwhelms and erodes resilience.
        overwhelm_level = 0.15, [0.0, 1.0], "assumption (inverted-U; not in the seeds)";
        /// Growth of regulation and efficacy per unit of a coped-with challenge.
        inoculation_gain = 0.05, [0.0, 1.0], "assumption (inverted-U; not in the seeds)";
        /// Loss of efficacy and hope per unit of stress above the overwhelm level.
        erosion_rate = 0.10, [0.0, 1.0], "assumption (inverted-U; not in the seeds)";
        /// Distress (0–1) above which a student screens positive for depressive symptoms.
        clinical_threshold = 0.35, [0.01, 0.99], "cut-off chosen so usual practice gives Tang et al. (2019)'s 24 % in grades 7–9";
    }
}

param_group! {
    /// Mechanism 2, social support buffers stress (seed 000 §3.1, §3.4), and
    /// mechanism 8's loss of family support for left-behind children (seed 002).
    Support, "support" {
        /// Largest share of incoming stress that support and regulation can filter out.
        buffer_max = 0.6, [0.0, 1.0], "seed 000 §3.1 (support buffers stress)";
        /// Weight of family support in perceived support.
        weight_family = 0.40, [0.0, 1.0], "seed 000 §3.1";
        /// Weight of teacher support in perceived support.
        weight_teacher = 0.20, [0.0, 1.0], "seed 000 §3.1";
        /// Weight of peer support in perceived support.
        weight_peer = 0.25, [0.0, 1.0], "seed 000 §3.4";
        /// Weight of community support in perceived support.
        weight_community = 0.15, [0.0, 1.0], "seed 002 §2.5 (tripartite system)";
        /// Weekly rate at which perceived support follows the support available.
        adapt_rate = 0.15, [0.0, 1.0], "assumption";
        /// Caregiver presence at home when one parent works away.
        one_parent_presence = 0.85, [0.0, 1.0], "seed 002 §1.1; size tuned to the left-behind odds ratio of Wang et al. (2019)";
        /// Caregiver presence at home when both parents work away.
        both_away_presence = 0.80, [0.0, 1.0], "seed 002 §1.1; size tuned to the left-behind odds ratio of Wang et al. (2019)";
        /// How much grandparent carers talk about feelings, relative to parents.
        grandparent_talk = 0.70, [0.0, 1.0], "seed 002 §1.1 (grandparents meet physical needs only); size tuned to the left-behind odds ratio of Wang et al. (2019)";
        /// Remote contact (calls, video) a left-behind child has without any programme (0–1).
        baseline_remote_contact = 0.20, [0.0, 1.0], "seed 002 §1.2.4 (little communication with absent parents)";
        /// Share of an absent parent's support that full remote contact restores.
        remote_restore = 0.50, [0.0, 1.0], "seed 002 §2.3";
        /// Gain in teacher support per unit of teacher training in family engagement.
        teacher_training_gain = 0.30, [0.0, 5.0], "seed 000 §4.3 ref [9]";
        /// Peer support added per unit of peer mentoring.
        mentoring_gain = 0.15, [0.0, 1.0], "seed 000 §4.2";
        /// Relative gain in community support per unit of community partnership.
        partnership_gain = 0.50, [0.0, 5.0], "seed 002 §2.5";
        /// Teacher support added while a detected student is in joint care.
        care_support = 0.15, [0.0, 1.0], "seed 000 §3.1";
        /// Family support added per unit of left-behind care (files, carer education, calls).
        left_behind_care_gain = 0.15, [0.0, 1.0], "seed 002 §2.3–2.4";
        /// Family support added per unit of the parent modelling programme.
        modelling_support_gain = 0.15, [0.0, 1.0], "seed 001; seed 000 §4.1; size tuned to P1 (docs/VALIDATION.md)";
    }
}

param_group! {
    /// Mechanisms 3, 5 and 6: consistency across settings (seed 000 §3.1),
    /// social learning (seed 000 §3.2, §4.1) and mastery (seed 000 §3.3), plus
    /// the slow pull of every trait back to the student's own set point.
    Learning, "learning" {
        /// Weekly pull of each resilience component back to the student's set point.
        setpoint_rate = 0.03, [0.0, 1.0], "assumption: gains fade over about a term without support";
        /// Weekly rate at which emotion regulation moves toward what the student's models show.
        social_learning_rate = 0.04, [0.0, 1.0], "seed 000 §3.2 (Bandura)";
        /// Speed-up of regulation learning per unit of home–school alignment.
        alignment_gain = 1.0, [0.0, 10.0], "seed 000 §3.1 (consistency across settings)";
        /// Weekly rate at which alignment follows two-way contact and joint planning.
        alignment_rate = 0.05, [0.0, 1.0], "seed 000 §3.1";
        /// Shift of the regulation target per unit of the models' skill above average.
        model_shift = 0.5, [0.0, 2.0], "seed 000 §3.2";
        /// Relative rise in parents' modelling skill per unit of the modelling programme.
        modelling_gain = 1.0, [0.0, 5.0], "seed 001 (parents trained to model skills); size tuned to P1";
        /// Rise in the regulation target per unit of the mental-health curriculum.
        curriculum_gain = 0.10, [0.0, 1.0], "seed 000 §4.2";
        /// Relative boost of school programmes per unit of caregiver engagement.
        caregiver_synergy = 2.2, [0.0, 5.0], "seed 003 (school interventions work better with caregivers engaged); size tuned to P1";
        /// Weekly probability of a success experience without any programme.
        mastery_base = 0.10, [0.0, 1.0], "seed 000 §3.3";
        /// Growth of self-efficacy per success experience (times headroom).
        mastery_step = 0.03, [0.0, 1.0], "seed 000 §3.3";
        /// Extra success probability per unit of joint goal setting.
        goals_mastery = 0.25, [0.0, 1.0], "seed 001; seed 000 §3.3 (realistic shared goals)";
        /// Extra success probability per unit of behaviour-support training.
        behaviour_mastery = 0.20, [0.0, 1.0], "seed 001 (reinforcement, goal setting)";
        /// Shift of the self-efficacy set point per unit of perceived support above 0.5 (feeling valued and encouraged).
        support_efficacy_gain = 0.8, [0.0, 2.0], "seed 000 §3.1 (emotional support boosts self-esteem), §3.4 (support boosts self-efficacy); size tuned to P8, Yu et al. (2011)";
        /// Shift of the regulation target per unit of perceived support above 0.5 (co-regulation by supportive adults and peers).
        support_regulation_gain = 0.9, [0.0, 2.0], "seed 000 §3.1 (with continuous support students acquire regulation strategies); size tuned to P8, Yu et al. (2011)";
        /// Shift of the hope target per unit of perceived support above its start.
        hope_support_gain = 0.30, [0.0, 2.0], "seed 000 §3.4";
        /// Shift of the social-competence target per unit of peer support.
        peer_social_gain = 0.10, [0.0, 1.0], "seed 000 §3.4";
        /// Rise in the social-competence target per unit of family-school programme work (behaviour support, goal setting, modelling).
        programme_social_gain = 0.08, [0.0, 1.0], "seed 001 (programmes raise social-behavioural competence); size tuned to P2";
        /// Rise in the social-competence target per unit of parent volunteering.
        volunteer_gain = 0.07, [0.0, 1.0], "seed 001 (volunteering raises social skills); size tuned to P4";
        /// Rise in the social-competence target per unit of peer mentoring.
        mentoring_social_gain = 0.04, [0.0, 1.0], "seed 000 §4.2";
        /// Rise in the engagement target per unit of homework help.
        homework_gain = 0.12, [0.0, 1.0], "seed 001 (homework help raises academics); size tuned to P5";
        /// Rise in the engagement target per unit of joint goal setting.
        goals_engagement = 0.02, [0.0, 1.0], "Smith et al. (2020)";
        /// Fall in the engagement target per unit of distress.
        distress_drag = 0.20, [0.0, 1.0], "assumption";
    }
}

param_group! {
    /// Mechanism 4, information flow and detection (seed 000 §3.1, seed 002
    /// §1.2.4): a struggling student is helped only once an adult who acts knows.
    Detection, "detection" {
        /// Distress (0–1) above which signs of struggle are visible at all.
        visible_distress = 0.25, [0.0, 1.0], "assumption";
        /// Weekly hazard that the class teacher notices unaided, per unit of visibility.
        teacher_observation = 0.3, [0.0, 5.0], "seed 002 §1.2.2 (teachers neglect students' mental health); tuned";
        /// Relative rise in teacher noticing per unit of the teacher's mental-health training.
        mh_training_gain = 1.0, [0.0, 10.0], "seed 003";
        /// Hazard added per unit of information reaching an adult through home–school channels.
        info_gain = 1.5, [0.0, 10.0], "seed 000 §4.3 (contact book)";
        /// Hazard added per unit of joint goal setting and progress monitoring.
        goals_detection = 4.0, [0.0, 10.0], "seed 000 §4.3; seed 003; size tuned to P1";
        /// Hazard added per unit of psychologist screening.
        screening_rate = 2.0, [0.0, 10.0], "seed 003; seed 002 §1.2.2";
        /// Screening (in units of the psychologist component) that a school's own counsellor provides.
        counsellor_screening = 0.3, [0.0, 5.0], "seed 002 §1.2.2; seed 003";
        /// Weeks of joint home–school problem solving a detection triggers.
        care_weeks = 6.0, [0.0, 52.0], "assumption: a half-term plan";
        /// Weekly share of distress relieved during joint problem solving.
        care_effect = 0.10, [0.0, 1.0], "seed 000 §3.1";
        /// Teacher hours per week a student in joint care takes.
        care_hours = 0.5, [0.0, 40.0], "seed 003 (time cost of collaboration)";
    }
}

param_group! {
    /// Mechanism 7, trust and uptake (seed 003; seed 001): collaboration
    /// rests on trust; barriers lower a family's uptake of any programme.
    Trust, "trust" {
        /// Weekly rate at which trust follows the quality of contact.
        rate = 0.03, [0.0, 1.0], "seed 003";
        /// Rise in the trust target per unit of two-way, culturally fitting contact.
        two_way_gain = 0.30, [0.0, 2.0], "seed 003";
        /// Fall in the trust target per unit of one-way contact that does not fit the family's culture.
        alienation = 0.10, [0.0, 2.0], "seed 003";
        /// Cultural fit of usual school practice for minority families (1 = as for the majority).
        minority_fit = 0.50, [0.0, 1.0], "seed 003; seed 001 (culturally responsive practice)";
        /// Exponent of trust in uptake (uptake = trust^exponent × availability).
        exponent = 1.0, [0.0, 5.0], "assumption";
        /// Share of availability lost to transport and child-care barriers in rural areas.
        rural_barrier = 0.1, [0.0, 1.0], "seed 001; seed 002 §1.1";
        /// Share of a family's effective uptake of school programmes lost where outside mental-health resources (community services, a school counsellor, teachers trained in mental health) are all plentiful: what the school offers overlaps with what the family already gets (diminishing returns).
        outside_substitution = 0.60, [0.0, 1.0], "seed 001 ¶5 (effects larger in rural districts, where families have fewer mental-health resources outside the school to fall back on); size tuned to P6";
    }
}

param_group! {
    /// Mechanism 9, outcomes beyond the student (seed 003).
    Adults, "adults" {
        /// Weekly rate at which parent self-efficacy follows involvement.
        parent_efficacy_rate = 0.03, [0.0, 1.0], "seed 003 (families report enhanced self-efficacy)";
        /// Rise in the parent-efficacy target per unit of involvement.
        parent_efficacy_gain = 0.30, [0.0, 2.0], "seed 003";
    }
}

param_group! {
    /// Exosystem: school and community resources, rural versus urban
    /// (seed 002 §1.2.2: rural schools lack mental-health staff).
    Exosystem, "exosystem" {
        /// Probability that a rural school has a counsellor or psychologist.
        rural_counsellor = 0.15, [0.0, 1.0], "seed 002 §1.2.2";
        /// Probability that an urban school has a counsellor or psychologist.
        urban_counsellor = 0.70, [0.0, 1.0], "assumption";
        /// Community mental-health services around a rural school (0–1).
        rural_services = 0.30, [0.0, 1.0], "seed 002 §2.5";
        /// Community mental-health services around an urban school (0–1).
        urban_services = 0.60, [0.0, 1.0], "assumption";
        /// Community risk around a rural school (0–1).
        rural_risk = 0.50, [0.0, 1.0], "seed 002 §1.2.1 (social environment of rural areas)";
        /// Community risk around an urban school (0–1).
        urban_risk = 0.30, [0.0, 1.0], "assumption";
        /// Mental-health training of rural teachers (0–1).
        rural_teacher_training = 0.20, [0.0, 1.0], "seed 002 §1.2.2";
        /// Mental-health training of urban teachers (0–1).
        urban_teacher_training = 0.40, [0.0, 1.0], "assumption";
    }
}

param_group! {
    /// Macrosystem: policy and culture.
    Macrosystem, "macrosystem" {
        /// Share of would-be left-behind children whose parents can bring them (household-registration reform).
        hukou_reform = 0.0, [0.0, 1.0], "seed 002 §2.1";
        /// Multiplier on school counsellor provision and community services (mental-health funding).
        mh_funding = 1.0, [0.0, 5.0], "seed 002 §1.2.1 (rural schools lack mental-health funding)";
        /// Stigma of mental-health help: share of every detection channel's hazard lost because struggles are hidden.
        stigma = 0.30, [0.0, 1.0], "assumption (no seed names stigma)";
    }
}
