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
    /// stressors of each ecological layer, the chronic strain that carries
    /// them over months, and the two time scales of symptoms — a slow symptom
    /// level and a transient strain.
    Stress, "stress" {
        /// Academic stress entering per school week at the start of a term (distress units, 0–1 scale).
        academic_load = 0.0539, [0.0, 1.0], "seed 000 Abstract (academic demands are the main pressure); Tang et al. (2020) J Affect Disord 263 (academic pressure–depression r = 0.40); size fitted (docs/VALIDATION.md); default: ABC-SMC posterior mean (data/posterior/, docs/VALIDATION.md §8)";
        /// Rise of the academic load over a term: load × (1 + ramp × progress through the term), so the last week of a term carries 1 + ramp times the first.
        term_ramp = 0.15, [0.0, 5.0], "Barker et al. (2018) J Youth Adolesc 47(6) and Peluso et al. (2010) Rev Bras Psiquiatr 32(1): symptoms build over months toward the exams (direction only); size assumption";
        /// Multiplier of the academic load in exam weeks (on top of the ramp).
        exam_multiplier = 1.15, [1.0, 10.0], "assumption: no published size of an exam-week spike was found (Barker et al. 2018 and Peluso et al. 2010 describe a build-up over months); kept modest";
        /// Extra academic load per school grade above 7 (relative: load × (1 + g·(grade − 7))).
        grade_load = 0.05, [0.0, 1.0], "Tang et al. (2019) J Affect Disord 245 (prevalence rises with grade, +0.145 logit per grade over grades 7–12); size assumption, small";
        /// Multiplier of the academic load in urban schools (exam pressure).
        urban_pressure = 1.25, [0.2, 5.0], "assumption: competitive urban schools";
        /// Weekly probability of a family adversity event for a family of the highest SES (rate × (1 + g·(1 − SES)) below it).
        family_event_rate = 0.02, [0.0, 1.0], "assumption (no seed names family adversity events); about one event a year";
        /// Chronic strain a family adversity event adds (it then decays with the chronic strain's persistence).
        family_event_size = 0.06, [0.0, 1.0], "assumption";
        /// How much more often adversity strikes low-SES families (rate × (1 + g·(1 − SES))).
        ses_gradient = 1.0, [0.0, 10.0], "assumption: adversity concentrates in poorer families";
        /// Weekly probability of a peer conflict at average social competence (rate × (1.5 − social competence)).
        peer_conflict_rate = 0.05, [0.0, 1.0], "assumption (no seed names peer conflict)";
        /// Stress a peer conflict brings.
        peer_conflict_size = 0.10, [0.0, 1.0], "assumption";
        /// Weekly probability of a community risk event where community risk is 1.
        community_event_rate = 0.03, [0.0, 1.0], "seed 002 §1.1 (social environment of rural areas)";
        /// Stress a community risk event brings.
        community_event_size = 0.20, [0.0, 1.0], "assumption";
        /// Weekly separation stress of a child with one migrant parent away (before remote contact buffers it).
        separation_one_parent = 0.003, [0.0, 1.0], "seed 002 §1.1; Wang et al. (2019) J Affect Disord 244 (left-behind OR 1.7); size fitted";
        /// Weekly separation stress of a child with both parents away.
        separation_both_parents = 0.006, [0.0, 1.0], "seed 002 §1.1; Guang et al. (2017) BMC Psychiatry 17 (both-away children most depressed); size fitted";
        /// Multiplier of the stress that gets through for girls (girls react more).
        female_reactivity = 1.13, [0.5, 3.0], "Salk, Hyde & Abramson (2017) Psychol Bull 143(8): girls' symptoms higher, d = 0.27 overall, 0.47 at 16; size fitted to that range; default: ABC-SMC posterior mean (data/posterior/, docs/VALIDATION.md §8)";
        /// Share of incoming stress that resilience at 1 keeps out (stress gets through as 1 − k·resilience).
        stress_resistance = 0.251, [0.0, 1.0], "seed 000 §2.1: resilience sets how much stress gets through; size fitted; default: ABC-SMC posterior mean (data/posterior/, docs/VALIDATION.md §8)";
        /// Weekly persistence of the transient strain (the short-memory part of symptoms).
        strain_persistence = 0.50, [0.0, 0.99], "assumption: about one third of symptom variance is transient; holidays lower symptoms within weeks (Verma et al. 2017 J Adolesc 61; Ju et al. 2025 BJPsych Open 11(1))";
        /// Transient strain per unit of this week's filtered stress, at steady state.
        strain_gain = 0.3, [0.0, 5.0], "assumption; size fitted with symptom_gain";
        /// Share of this week's filtered stress that becomes slow symptoms (times 1 − symptoms).
        symptom_gain = 0.05, [0.0, 1.0], "Chi et al. (2020) BMC Psychiatry 20 (46.4 % of screen-positive grade-7 students still positive a year later: weekly onset ≈ 0.009, remission ≈ 0.02); size fitted";
        /// Weekly share of slow symptoms that remits regardless of resilience.
        recovery_base = 0.010, [0.0, 1.0], "Chi et al. (2020): remission ≈ 0.02 a week; size fitted";
        /// Extra weekly remission of slow symptoms per unit of resilience (bounce-back).
        recovery_resilience = 0.015, [0.0, 1.0], "seed 000 §2.1: resilience is the ability to recover; Lewinsohn et al. (1994) JAACAP 33(6) (episode lengths are right-skewed: remission varies between students); size fitted";
        /// Weekly persistence of a student's chronic strain (ongoing family, school and peer difficulties).
        chronic_persistence = 0.90, [0.0, 0.999], "Garrison et al. (1990) JAACAP 29(4): CES-D one- and two-year stability 0.53 and 0.36, i.e. the non-trait part of symptoms persists ≈ 0.98 a week; the slow symptoms carry that persistence, the strain that drives them changes within months; size fitted to a year-apart correlation of distress ≈ 0.5";
        /// Long-run mean of the chronic strain at middle SES (stress units per week).
        chronic_mean = 0.0, [0.0, 1.0], "assumption; size fitted";
        /// Rise of the long-run chronic strain per unit of SES below 0.5.
        chronic_ses = 0.04, [0.0, 1.0], "assumption: strain concentrates in poorer families";
        /// Standard deviation of the chronic strain between students at steady state.
        chronic_sd = 0.196, [0.0, 1.0], "Garrison et al. (1990): a year-on-year correlation of symptoms about 0.5 needs strain that changes within students; size fitted; default: ABC-SMC posterior mean (data/posterior/, docs/VALIDATION.md §8)";
        /// Filtered stress above which a week counts as a challenge that, coped with, builds resilience.
        challenge_level = 0.04, [0.0, 1.0], "Seery et al. (2010) J Pers Soc Psychol 99(6) (some adversity better than none or much: shape only); level assumption";
        /// Filtered stress above which a week overwhelms and erodes resilience.
        overwhelm_level = 0.15, [0.0, 1.0], "Seery et al. (2010) (shape only); level assumption";
        /// Growth of regulation and efficacy per unit of a coped-with challenge.
        inoculation_gain = 0.03, [0.0, 1.0], "assumption (inverted U; Seery et al. 2010 shape only)";
        /// Loss of efficacy and hope per unit of stress above the overwhelm level.
        erosion_rate = 0.025, [0.0, 1.0], "Seery et al. (2010) (shape only); Tak et al. (2017) (depressive symptoms predict later lower self-efficacy: direction); size fitted (docs/VALIDATION.md): it sets most of the resilience–distress correlation (Luo et al. 2025, r = −0.39) and moves prevalence and one-year persistence; default: ABC-SMC posterior mean (data/posterior/, docs/VALIDATION.md §8)";
        /// Distress (0–1) above which a student screens positive for depressive symptoms.
        clinical_threshold = 0.35, [0.01, 0.99], "a cut-off on the model's 0–1 scale; the prevalence it gives is fitted to Tang et al. (2019)'s 24 % in grades 7–9 through the stress sizes";
    }
}

param_group! {
    /// Mechanism 2, social support buffers stress (seed 000 §3.1, §3.4), and
    /// mechanism 8's loss of family support for left-behind children (seed 002).
    Support, "support" {
        /// Largest share of incoming stress that support and regulation can filter out.
        buffer_max = 0.40, [0.0, 1.0], "seed 000 §3.1; Rueger et al. (2016) Psychol Bull 142(10): support–depression r = .26, stress buffering weak in general youth samples, so modest";
        /// Weight of family support in perceived support.
        weight_family = 0.40, [0.0, 1.0], "seed 000 §3.1; Gariépy et al. (2016) Br J Psychiatry 209(4): parental support most important for adolescents";
        /// Weight of teacher support in perceived support.
        weight_teacher = 0.20, [0.0, 1.0], "seed 000 §3.1";
        /// Weight of peer support in perceived support.
        weight_peer = 0.25, [0.0, 1.0], "seed 000 §3.4";
        /// Weight of community support in perceived support.
        weight_community = 0.15, [0.0, 1.0], "seed 002 §2.5 (tripartite system)";
        /// Weekly rate at which perceived support follows the support available.
        adapt_rate = 0.15, [0.0, 1.0], "assumption";
        /// Fall in the support a student perceives per unit of distress above the distress reference (distressed students withdraw).
        distress_withdrawal = 0.0365, [0.0, 2.0], "Ren et al. (2018) Front Psychol 9:1634 (depression lowers later perceived peer support; the reverse arrow not supported); size fitted (docs/VALIDATION.md): with the buffer it sets the support–distress correlation (Rueger et al. 2016, r = −0.26) and moves the support–resilience correlation; default: ABC-SMC posterior mean (data/posterior/, docs/VALIDATION.md §8)";
        /// Peer support of a student without friends.
        peer_alone = 0.30, [0.0, 1.0], "assumption";
        /// Caregiver presence at home when one parent works away.
        one_parent_presence = 0.80, [0.0, 1.0], "seed 002 §1.1; Chen et al. (2020) Trauma Violence Abuse 21(1) (adjustment d = 0.25); size fitted to Wang et al. (2019)'s OR 1.7";
        /// Caregiver presence at home when both parents work away.
        both_away_presence = 0.65, [0.0, 1.0], "seed 002 §1.1; Guang et al. (2017) (both-away worst); size fitted to Wang et al. (2019)'s OR 1.7";
        /// How much grandparent carers talk about feelings, relative to parents.
        grandparent_talk = 0.70, [0.0, 1.0], "seed 002 §1.1 (grandparents meet physical needs only); size assumption (no published figure for adolescents found)";
        /// Remote contact (calls, video) a left-behind child has without any programme (0–1).
        baseline_remote_contact = 0.20, [0.0, 1.0], "seed 002 §1.2.4 (little communication with absent parents)";
        /// Share of an absent parent's support that full remote contact restores, and share of separation stress it buffers.
        remote_restore = 0.50, [0.0, 1.0], "seed 002 §2.3; Guang et al. (2017) (communication on feelings protects; communication moderates stress → depression); size assumption";
        /// Gain in teacher support per unit of teacher training in family engagement.
        teacher_training_gain = 0.30, [0.0, 5.0], "seed 000 §4.3 ref [9]";
        /// Peer support added per unit of peer mentoring.
        mentoring_gain = 0.15, [0.0, 1.0], "seed 000 §4.2";
        /// Relative gain in community support per unit of community partnership.
        partnership_gain = 0.50, [0.0, 5.0], "seed 002 §2.5";
        /// Share of community risk removed per unit of community partnership (at most one unit counts).
        partnership_risk = 0.50, [0.0, 1.0], "seed 002 §2.5; assumption for the size";
        /// Teacher support added while a detected student is in joint care.
        care_support = 0.15, [0.0, 1.0], "seed 000 §3.1";
        /// Family support added per unit of left-behind care (files, carer education, calls).
        left_behind_care_gain = 0.15, [0.0, 1.0], "seed 002 §2.3–2.4";
        /// Family support added per unit of the parents' trained modelling skill (home modelling).
        modelling_support_gain = 0.0493, [0.0, 1.0], "seed 001; seed 000 §4.1; size fitted (docs/VALIDATION.md): the full programme's effects on resilience (MODEL.md, g 0.2–0.4) and on distress (Sheridan et al. 2019); default: ABC-SMC posterior mean (data/posterior/, docs/VALIDATION.md §8)";
    }
}

param_group! {
    /// Mechanisms 3, 5 and 6: consistency across settings (seed 000 §3.1),
    /// social learning (seed 000 §3.2, §4.1) and mastery (seed 000 §3.3), the
    /// pull of every trait toward the student's own set point, and the
    /// feedback of distress on the resilience components.
    Learning, "learning" {
        /// Weekly pull of each resilience component toward its target (so gains held by the student fade after a programme ends).
        setpoint_rate = 0.02, [0.0, 1.0], "Werner-Seidler et al. (2017) Clin Psychol Rev 51: school prevention g 0.23 post, 0.11 at 12 months ⇒ about half retained after a year (0.986 a week); size fitted between that and the speed of programme gains";
        /// Weekly rate at which emotion regulation moves toward what the student's models show.
        social_learning_rate = 0.04, [0.0, 1.0], "seed 000 §3.2 (Bandura)";
        /// Speed-up of regulation learning per unit of home–school alignment.
        alignment_gain = 1.0, [0.0, 10.0], "seed 000 §3.1 (consistency across settings)";
        /// Weekly rate at which alignment follows two-way contact and joint planning.
        alignment_rate = 0.05, [0.0, 1.0], "seed 000 §3.1";
        /// Shift of the regulation target per unit of the models' skill above the reference.
        model_shift = 0.5, [0.0, 2.0], "seed 000 §3.2";
        /// Models' skill at which the regulation target is the student's own set point.
        model_reference = 0.45, [0.0, 1.0], "assumption: about the population mean of the models' skill, so usual practice is at steady state";
        /// Weight of the parents among the student's models in school weeks (the teacher has the rest; in holidays parents only).
        parent_model_weight = 0.6, [0.0, 1.0], "seed 000 §3.2, §4.1; assumption for the size";
        /// Relative rise in parents' modelling skill per unit of their trained modelling skill.
        modelling_gain = 1.0, [0.0, 5.0], "seed 001 (parents trained to model skills)";
        /// Rise in the regulation target per unit of the mental-health curriculum.
        curriculum_gain = 0.10, [0.0, 1.0], "seed 000 §4.2";
        /// Relative boost of school programmes per unit of caregiver engagement.
        caregiver_synergy = 2.11, [0.0, 5.0], "seed 003 (school interventions work better with caregivers engaged); size fitted; default: ABC-SMC posterior mean (data/posterior/, docs/VALIDATION.md §8)";
        /// Weekly probability of a success experience at reference engagement without any programme.
        mastery_base = 0.10, [0.0, 1.0], "seed 000 §3.3";
        /// Growth of self-efficacy per success experience (times headroom).
        mastery_step = 0.03, [0.0, 1.0], "seed 000 §3.3; Talsma et al. (2018) Learn Individ Differ 61 (performance → later self-efficacy β 0.205)";
        /// Extra success probability per unit of joint goal setting.
        goals_mastery = 0.25, [0.0, 1.0], "seed 001; seed 000 §3.3 (realistic shared goals)";
        /// Extra success probability per unit of the parents' trained behaviour support.
        behaviour_mastery = 0.20, [0.0, 1.0], "seed 001 (reinforcement, goal setting)";
        /// Shift of the self-efficacy target per unit of perceived support above the reference.
        support_efficacy_gain = 0.59, [0.0, 2.0], "seed 000 §3.1, §3.4; size fitted to Yu et al. (2011)'s r = 0.44; default: ABC-SMC posterior mean (data/posterior/, docs/VALIDATION.md §8)";
        /// Shift of the regulation target per unit of perceived support above the reference (co-regulation).
        support_regulation_gain = 0.497, [0.0, 2.0], "seed 000 §3.1; size fitted to Yu et al. (2011); default: ABC-SMC posterior mean (data/posterior/, docs/VALIDATION.md §8)";
        /// Shift of the hope target per unit of perceived support above the reference.
        hope_support_gain = 0.30, [0.0, 2.0], "seed 000 §3.4";
        /// Perceived support at which support shifts no target.
        support_reference = 0.5, [0.0, 1.0], "assumption: about the population mean, so usual practice is at steady state";
        /// Fall of the self-efficacy target per unit of distress above the distress reference (sustained distress erodes efficacy).
        distress_efficacy = 0.30, [0.0, 2.0], "Tak et al. (2017) J Youth Adolesc 46(4): depressive symptoms predict later lower self-efficacy (not the reverse); Liu et al. (2023) Curr Psychol (resilience ↔ depression both ways); size assumption";
        /// Fall of the hope target per unit of distress above the distress reference.
        distress_hope = 0.30, [0.0, 2.0], "Liu et al. (2023) (depression predicts lower later resilience); size assumption";
        /// Fall of the regulation target per unit of distress above the distress reference.
        distress_regulation = 0.10, [0.0, 2.0], "Tak et al. (2017) (emotional self-efficacy); size assumption";
        /// Distress at which distress shifts no target.
        distress_reference = 0.22, [0.0, 1.0], "assumption: about the population mean, so usual practice is at steady state";
        /// Shift of the social-competence target per unit of peer support above 0.5.
        peer_social_gain = 0.10, [0.0, 1.0], "seed 000 §3.4";
        /// Rise in the social-competence target per unit of family–school programme work (home behaviour support, goal setting, home modelling).
        programme_social_gain = 0.154, [0.0, 1.0], "seed 001 (programmes raise social-behavioural competence); Sheridan et al. (2019) Rev Educ Res 89(2) (δ = 0.33); size fitted; default: ABC-SMC posterior mean (data/posterior/, docs/VALIDATION.md §8)";
        /// Rise in the social-competence target per unit of parent volunteering (belonging at school).
        volunteer_gain = 0.102, [0.0, 1.0], "seed 001 (volunteering raises social skills); size fitted; default: ABC-SMC posterior mean (data/posterior/, docs/VALIDATION.md §8)";
        /// Rise in the social-competence target per unit of peer mentoring.
        mentoring_social_gain = 0.04, [0.0, 1.0], "seed 000 §4.2";
        /// Standard deviation between students of developmental change: a slow shift of the targets of the resilience components at steady state (self-efficacy, hope and social competence in full; regulation and perceived support by their shares).
        development_sd = 0.35, [0.0, 1.0], "assumption: resilience changes within adolescents over a year (Liu et al. 2023; She et al. 2020, girls decline with grade); size set so that a student's resilience correlates about 0.65 with the same student's a year later, inside the 0.5–0.75 longitudinal studies suggest (no verified published figure: docs/VALIDATION.md); not fitted";
        /// Weekly persistence of developmental change.
        development_persistence = 0.97, [0.0, 0.999], "assumption: changes over months (as the chronic strain of symptoms, Garrison et al. 1990)";
        /// Share of developmental change that shifts the regulation target (1 = as much as the targets of self-efficacy, hope and social competence).
        development_regulation = 0.3, [0.0, 2.0], "assumption: adolescents' emotion regulation develops with the rest of their resilience (Liu et al. 2023: resilience as a whole changes within students)";
        /// Shift of the support a student perceives per unit of developmental change (relationships are perceived differently as the student changes).
        development_support = 0.1, [0.0, 2.0], "assumption: perceived support changes within adolescents with their other resilience resources (Ren et al. 2018: perceived support changes with depressive symptoms over a year); size assumption";
        /// Weekly growth of parents' trained skills (modelling, behaviour support) per unit of programme dose taken up (times headroom).
        home_skill_rate = 0.05, [0.0, 1.0], "assumption: a programme of a few months trains most of what it can";
        /// Weekly loss of parents' trained skills (they stay in the family after a programme ends).
        home_skill_decay = 0.002, [0.0, 1.0], "van Aar et al. (2017) Clin Psychol Rev 51: parenting-programme effects do not fade up to 3 years (post → follow-up d = 0.01); size assumption within that";
    }
}

param_group! {
    /// The academic pathway: engagement driven by self-efficacy, academic
    /// socialisation at home, goals, behaviour support and distress, and
    /// feeding back into mastery.
    Academic, "academic" {
        /// Shift of the engagement target per unit of self-efficacy above the reference.
        efficacy_engagement = 0.30, [0.0, 2.0], "Talsma et al. (2018) (self-efficacy → later performance β 0.071, small); size assumption";
        /// Self-efficacy at which efficacy shifts no target.
        efficacy_reference = 0.55, [0.0, 1.0], "assumption: the population mean, so usual practice is at steady state";
        /// Rise of the engagement target per unit of academic socialisation at home (homework help taken up).
        homework_socialisation = 0.129, [0.0, 1.0], "seed 001 (homework help raises academics); Hill & Tyson (2009) Dev Psychol 45(3) (academic socialisation strongest); size fitted; default: ABC-SMC posterior mean (data/posterior/, docs/VALIDATION.md §8)";
        /// Rise of the engagement target per unit of information about school work reaching parents (contact book, app, conference).
        info_socialisation = 0.04, [0.0, 1.0], "Kraft & Dougherty (2013) J Res Educ Eff 6(3) (daily contact: homework completion odds × 1.40); Bergman & Chan (2021) J Hum Resour 56(1); size assumption";
        /// Rise of the engagement target per unit of joint goal setting.
        goals_engagement = 0.05, [0.0, 1.0], "Smith et al. (2020) Educ Psychol Rev 32(2) (family–school partnerships: achievement δ = 0.25); size assumption";
        /// Rise of the engagement target per unit of the parents' trained behaviour support.
        behaviour_engagement = 0.05, [0.0, 1.0], "Smith et al. (2020) (behavioural support components); size assumption";
        /// Fall of the engagement target per unit of distress above the distress reference.
        distress_drag = 0.20, [0.0, 2.0], "Wickersham et al. (2021) JAACAP 60(1) (depression → later attainment, r ≈ −0.19); size assumption";
        /// Extra success probability per unit of engagement above the reference (engaged students succeed more often).
        engagement_mastery = 0.20, [0.0, 1.0], "Wong et al. (2024) J Educ Psychol 116(1) (engagement–achievement r = .33); size assumption";
        /// Engagement at which engagement shifts no success probability.
        engagement_reference = 0.55, [0.0, 1.0], "assumption: the population mean, so usual practice is at steady state";
    }
}

param_group! {
    /// Mechanism 4, information flow and detection (seed 000 §3.1, seed 002
    /// §1.2.4): a struggling student is helped only once an adult who acts
    /// knows; and teacher time as a finite resource.
    Detection, "detection" {
        /// Distress (0–1) above which signs of struggle are visible at all.
        visible_distress = 0.25, [0.0, 1.0], "assumption";
        /// Weekly hazard that the class teacher notices unaided, per unit of visibility.
        teacher_observation = 0.3, [0.0, 5.0], "Cunningham & Suldo (2014) School Ment Health 6(4); Moor et al. (2007) J Adolesc 30(1): teachers notice 32–52 % of depressed pupils; size fitted";
        /// Relative rise in teacher noticing per unit of the teacher's mental-health training.
        mh_training_gain = 0.1, [0.0, 10.0], "Moor et al. (2007): mental-health training did not raise teachers' recognition (52 % → 45 %); kept small";
        /// Hazard added per unit of information reaching an adult through home–school channels.
        info_gain = 1.5, [0.0, 10.0], "seed 000 §4.3 (contact book)";
        /// Hazard added per unit of joint goal setting and progress monitoring.
        goals_detection = 1.0, [0.0, 10.0], "seed 000 §4.3; seed 003; size fitted";
        /// Hazard added per unit of psychologist screening.
        screening_rate = 1.0, [0.0, 10.0], "Sekhar et al. (2021) JAMA Netw Open 4(11): universal screening, identification OR 5.9; seed 003";
        /// Screening (in units of the psychologist component) that a school's own counsellor provides.
        counsellor_screening = 0.3, [0.0, 5.0], "seed 002 §1.2.2; seed 003";
        /// Weeks of joint home–school problem solving a detection triggers.
        care_weeks = 6.0, [0.0, 52.0], "assumption: a half-term plan";
        /// Weekly share of slow symptoms relieved during joint problem solving.
        care_effect = 0.025, [0.0, 1.0], "seed 000 §3.1; Leijten et al. (2013) J Clin Child Adolesc Psychol 42(3) (initial severity predicts benefit: relief ∝ symptoms); size fitted";
        /// Teacher hours per week a student in joint care takes.
        care_hours = 0.5, [0.0, 40.0], "seed 003 (time cost of collaboration)";
        /// Teacher hours per class per week available for family work and joint care before contact quality suffers.
        teacher_capacity = 10.0, [0.1, 100.0], "assumption (no published figure for teachers' weekly hours of parent contact was found)";
        /// Loss of contact quality per unit of hours demanded beyond capacity: quality = 1 / (1 + p·max(0, demand / capacity − 1)).
        overload_penalty = 0.5, [0.0, 10.0], "Arens & Morin (2016) J Educ Psychol 108(6) (teachers' exhaustion lowers perceived teacher support; direction only); size assumption";
    }
}

param_group! {
    /// Mechanism 7, trust and uptake (seed 003; seed 001): collaboration
    /// rests on trust; barriers lower a family's uptake of any programme.
    Trust, "trust" {
        /// Weekly rate at which trust follows its target without contact.
        rate = 0.02, [0.0, 1.0], "seed 003; assumption for the size";
        /// Extra weekly rate at which trust follows its target per unit of two-way contact (intensive contact changes trust faster).
        contact_rate = 0.10, [0.0, 1.0], "seed 003; seed 001 (intensive practice helped low-trust families most); size assumption";
        /// Share of the gap to full trust that the trust target closes per unit of two-way, culturally fitting contact.
        two_way_gain = 0.80, [0.0, 2.0], "seed 003";
        /// Fall in the trust target per unit of one-way contact that does not fit the family's culture.
        alienation = 0.10, [0.0, 2.0], "seed 003";
        /// Cultural fit of usual school practice for minority families (1 = as for the majority).
        minority_fit = 0.50, [0.0, 1.0], "seed 003; seed 001 (culturally responsive practice)";
        /// Weekly school-alienation stress of a minority student at fit 0 (× (1 − fit)).
        minority_stress = 0.06, [0.0, 1.0], "seed 003; Hall et al. (2016) Behav Ther (culturally adapted prevention g ≈ 0.25): size assumption within that";
        /// Rise of the trust target per unit of parent volunteering (parents present at school).
        volunteer_trust = 0.20, [0.0, 2.0], "seed 001; seed 003; size assumption";
        /// Exponent of trust in uptake (uptake = trust^exponent × availability).
        exponent = 1.0, [0.0, 5.0], "assumption";
        /// Share of availability lost to transport and child-care barriers in rural areas.
        rural_barrier = 0.1, [0.0, 1.0], "seed 001; seed 002 §1.1";
        /// Relative change in the teacher support a student perceives per unit of the family's trust in school above `trust.reference` (children of families who distrust the school feel less supported there; building trust closes that).
        teacher_support_trust = 2.0, [0.0, 5.0], "seed 003 (collaboration rests on trust); seed 001 (intensive practice helped low-trust families most); Adams & Christenson (2000) J Sch Psychol 38(5) (parent–teacher trust relates to students' school outcomes: direction only); size assumption";
        /// Trust at which trust shifts no teacher support (about the population mean, so usual practice is at steady state).
        reference = 0.65, [0.0, 1.0], "assumption: the mean of families' starting trust (traits.trust)";
        /// Share of a family's effective uptake of school programmes lost where outside mental-health resources are all plentiful (what the school offers overlaps with what the family already gets).
        outside_substitution = 0.359, [0.0, 1.0], "seed 001 ¶5; Sheridan et al. (2019) (effects smaller in urban settings); size fitted; default: ABC-SMC posterior mean (data/posterior/, docs/VALIDATION.md §8)";
    }
}

param_group! {
    /// Mechanism 9, outcomes beyond the student (seed 003).
    Adults, "adults" {
        /// Weekly rate at which parent self-efficacy follows involvement.
        parent_efficacy_rate = 0.03, [0.0, 1.0], "seed 003 (families report enhanced self-efficacy)";
        /// Rise in the parent-efficacy target per unit of involvement.
        parent_efficacy_gain = 0.30, [0.0, 2.0], "seed 003";
        /// Involvement per unit of two-way contact taken up (programme work counts 1).
        two_way_involvement = 0.5, [0.0, 2.0], "seed 003; assumption for the size";
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

param_group! {
    /// How outcomes and costs are valued in `decision.csv` (cost-effectiveness,
    /// net monetary benefit): money is in the units of the components' costs
    /// (yuan per student per year in the bundled scenarios). These values
    /// change no simulated student; they are the planner's valuation.
    Economics, "economics" {
        /// Cost of one teacher hour, added to each strategy's money cost in
        /// `decision.csv` (0 counts teacher time apart, as `strategies.csv` does).
        teacher_hour_cost = 50.0, [0.0, 100000.0], "assumption: about what an hour of a Chinese lower-secondary teacher costs (annual pay of the order of 100,000 yuan over about 2,000 working hours); set your own";
        /// Annual discount rate of costs and effects of runs longer than a year.
        discount_rate = 0.03, [0.0, 0.2], "WHO-CHOICE (Tan-Torres Edejer et al. 2003, Making choices in health: WHO guide to cost-effectiveness analysis): 3 % a year";
        /// Willingness to pay per resilience point gained per student (net
        /// monetary benefit on the resilience scale).
        wtp_resilience_point = 100.0, [0.0, 10000000.0], "assumption: a reference value; `decision.csv`'s ICERs give the willingness to pay at which each strategy becomes worth it";
        /// Willingness to pay per case of depressive symptoms averted.
        wtp_case_averted = 10000.0, [0.0, 100000000.0], "assumption: a reference value; `decision.csv`'s ICERs give the willingness to pay at which each strategy becomes worth it";
    }
}

/// Documentation of one mechanism switch.
#[derive(Debug, Clone, Copy)]
pub struct SwitchDoc {
    /// Key in `[mechanisms]`.
    pub name: &'static str,
    /// What the mechanism is and what switching it off leaves.
    pub meaning: &'static str,
}

macro_rules! mechanism_switches {
    ( $( $(#[doc = $doc:literal])* $field:ident; )* ) => {
        /// `[mechanisms]`: one switch per mechanism, for structural sensitivity
        /// analysis. Each is on by default; off puts its mechanism in a neutral
        /// form (documented per switch) without touching the others.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct Mechanisms {
            $( $(#[doc = $doc])* pub $field: bool, )*
        }

        impl Default for Mechanisms {
            fn default() -> Self {
                Self { $( $field: true, )* }
            }
        }

        impl Mechanisms {
            /// Every switch with its meaning.
            pub const DOCS: &'static [SwitchDoc] = &[
                $( SwitchDoc { name: stringify!($field), meaning: concat!($($doc),*) }, )*
            ];

            /// Mutable access by name.
            pub fn get_mut(&mut self, key: &str) -> Option<&mut bool> {
                match key {
                    $( stringify!($field) => Some(&mut self.$field), )*
                    _ => None,
                }
            }
        }
    };
}

mechanism_switches! {
    /// Chronic strain: a slowly changing strain per student (ongoing difficulties, family adversity) that carries stress over months. Off: no chronic strain.
    chronic_strain;
    /// Stress growth: coped-with challenge builds regulation and efficacy, overwhelming stress erodes efficacy and hope (inverted U). Off: neither.
    stress_growth;
    /// Distress feedback: sustained distress lowers the targets of self-efficacy, hope and regulation and the support a student perceives. Off: no feedback.
    distress_feedback;
    /// Support buffering: perceived support (extraverts) and regulation (introverts) filter stress. Off: no filter.
    support_buffering;
    /// Academic pathway: efficacy, home socialisation, goals, behaviour support and distress drive engagement, and engagement drives mastery. Off: engagement stays at the set point and plays no part in mastery.
    academic_pathway;
    /// Sex and grade: girls' higher reactivity and the academic load step per grade. Off: both neutral.
    sex_grade;
    /// Left-behind children: lower caregiver presence, grandparent carers' less emotional talk, separation stress, remote contact, holiday returns. Off: left-behind children live as if with both parents.
    left_behind;
    /// Trust dynamics: trust follows the kind, intensity and cultural fit of contact. Off: trust stays at the family's starting trust.
    trust_dynamics;
    /// Cultural fit: usual practice fits minority families less (lower trust gain, one-way contact alienates, school-alienation stress), culturally responsive practice raises fit. Off: fit 1 for everyone.
    cultural_fit;
    /// Detection and joint care: struggling students noticed through the channels get weeks of joint home–school problem solving. Off: nobody is noticed.
    detection;
    /// Social learning: regulation follows what parents and teachers model. Off: models shift no target.
    social_learning;
    /// Consistency across settings: home–school alignment speeds regulation learning and boosts school programmes. Off: alignment does nothing.
    consistency;
    /// Teacher capacity: family-work hours beyond a class's capacity lower the quality of contact. Off: quality 1.
    teacher_capacity;
    /// Parenting persistence: what parent programmes train stays in the family after the programme ends. Off: trained skills fade at the students' set-point rate.
    parenting_persistence;
    /// Developmental change: a slow random shift of each student's resilience targets, so rank order changes over a year. Off: none.
    development;
}

/// The switches as 0/1 multipliers for the weekly step (branch-free).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SwitchFactors {
    /// See [`Mechanisms::chronic_strain`].
    pub chronic_strain: f32,
    /// See [`Mechanisms::stress_growth`].
    pub stress_growth: f32,
    /// See [`Mechanisms::distress_feedback`].
    pub distress_feedback: f32,
    /// See [`Mechanisms::support_buffering`].
    pub support_buffering: f32,
    /// See [`Mechanisms::academic_pathway`].
    pub academic_pathway: f32,
    /// See [`Mechanisms::sex_grade`].
    pub sex_grade: f32,
    /// See [`Mechanisms::left_behind`].
    pub left_behind: f32,
    /// See [`Mechanisms::trust_dynamics`].
    pub trust_dynamics: f32,
    /// See [`Mechanisms::cultural_fit`].
    pub cultural_fit: f32,
    /// See [`Mechanisms::detection`].
    pub detection: f32,
    /// See [`Mechanisms::social_learning`].
    pub social_learning: f32,
    /// See [`Mechanisms::consistency`].
    pub consistency: f32,
    /// See [`Mechanisms::teacher_capacity`].
    pub teacher_capacity: f32,
    /// See [`Mechanisms::parenting_persistence`].
    pub parenting_persistence: f32,
    /// See [`Mechanisms::development`].
    pub development: f32,
}

impl Mechanisms {
    /// The switches as multipliers: 1 on, 0 off.
    pub fn factors(&self) -> SwitchFactors {
        let f = |b: bool| b as u8 as f32;
        SwitchFactors {
            chronic_strain: f(self.chronic_strain),
            stress_growth: f(self.stress_growth),
            distress_feedback: f(self.distress_feedback),
            support_buffering: f(self.support_buffering),
            academic_pathway: f(self.academic_pathway),
            sex_grade: f(self.sex_grade),
            left_behind: f(self.left_behind),
            trust_dynamics: f(self.trust_dynamics),
            cultural_fit: f(self.cultural_fit),
            detection: f(self.detection),
            social_learning: f(self.social_learning),
            consistency: f(self.consistency),
            teacher_capacity: f(self.teacher_capacity),
            parenting_persistence: f(self.parenting_persistence),
            development: f(self.development),
        }
    }
}
