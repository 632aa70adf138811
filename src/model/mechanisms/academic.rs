//! The academic pathway (issue 11): engagement moves toward a target set by
//! the student's set point, self-efficacy, academic socialisation at home
//! (homework help taken up; information about school work reaching parents),
//! joint goals and behaviour support at home, and falls with distress.
//! Engagement in turn raises the chance of success experiences
//! ([`super::mastery`]), which build self-efficacy — so homework help reaches
//! the social-emotional outcomes only through this chain, and the finding
//! that it has no social-emotional effect is one the model could fail.

use crate::params::Academic;

/// What drives engagement this week (programme inputs already taken up).
#[derive(Debug, Clone, Copy)]
pub struct Drivers {
    /// Self-efficacy.
    pub self_efficacy: f32,
    /// Homework help taken up.
    pub homework: f32,
    /// Information about school work reaching parents (taken up).
    pub info: f32,
    /// Joint goal setting taken up.
    pub goals: f32,
    /// Behaviour support parents practise at home.
    pub home_behaviour: f32,
    /// Distress above its reference (times the distress-feedback switch).
    pub distress_excess: f32,
}

/// The engagement a student moves toward; `on` is the academic-pathway
/// switch (off: the set point).
#[inline]
pub fn engagement_target(p: &Academic, set_point: f32, d: &Drivers, on: f32) -> f32 {
    set_point
        + on * (p.efficacy_engagement * (d.self_efficacy - p.efficacy_reference)
            + p.homework_socialisation * d.homework
            + p.info_socialisation * d.info
            + p.goals_engagement * d.goals
            + p.behaviour_engagement * d.home_behaviour
            - p.distress_drag * d.distress_excess)
}

#[cfg(test)]
mod tests {
    use super::*;

    const D: Drivers = Drivers {
        self_efficacy: 0.55,
        homework: 0.0,
        info: 0.0,
        goals: 0.0,
        home_behaviour: 0.0,
        distress_excess: 0.0,
    };

    #[test]
    fn each_driver_moves_engagement_its_way_and_off_is_the_set_point() {
        let p = Academic::default();
        let base = engagement_target(&p, 0.5, &D, 1.0);
        for more in [
            Drivers {
                self_efficacy: 0.8,
                ..D
            },
            Drivers { homework: 1.0, ..D },
            Drivers { info: 1.0, ..D },
            Drivers { goals: 1.0, ..D },
            Drivers {
                home_behaviour: 1.0,
                ..D
            },
        ] {
            assert!(engagement_target(&p, 0.5, &more, 1.0) > base);
        }
        assert!(
            engagement_target(
                &p,
                0.5,
                &Drivers {
                    distress_excess: 0.2,
                    ..D
                },
                1.0
            ) < base
        );
        assert_eq!(
            engagement_target(&p, 0.5, &Drivers { homework: 1.0, ..D }, 0.0),
            0.5
        );
    }
}
