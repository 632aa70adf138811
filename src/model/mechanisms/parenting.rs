//! Parenting persistence (van Aar et al. 2017): what a parent programme
//! trains — modelling emotion regulation, behaviour support at home — is a
//! skill of the parents. It grows with the programme dose the family takes
//! up and stays in the family after the programme ends, decaying very slowly,
//! while gains held by the student alone fade at the set-point rate (Werner-
//! Seidler et al. 2017). Where the change lives decides the fade.

use crate::params::Learning;

/// A trained parenting skill after this week, given the programme dose taken
/// up; `persist` is the parenting-persistence switch (off: the skill fades at
/// the students' set-point rate).
#[inline]
pub fn home_skill(p: &Learning, current: f32, dose_taken: f32, persist: f32) -> f32 {
    let decay = persist * p.home_skill_decay + (1.0 - persist) * p.setpoint_rate;
    current + p.home_skill_rate * dose_taken.min(1.0) * (1.0 - current) - decay * current
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skill_grows_with_a_programme_and_persists_after_it_unless_off() {
        let p = Learning::default();
        let mut s = 0.0;
        for _ in 0..30 {
            s = home_skill(&p, s, 0.8, 1.0);
        }
        assert!(s > 0.5, "trained {s}");
        let (mut kept, mut faded) = (s, s);
        for _ in 0..52 {
            kept = home_skill(&p, kept, 0.0, 1.0);
            faded = home_skill(&p, faded, 0.0, 0.0);
        }
        assert!(kept > 0.85 * s, "kept {kept} of {s}");
        assert!(faded < 0.5 * s, "faded {faded} of {s}");
        assert_eq!(
            home_skill(&p, 0.0, 0.0, 1.0),
            0.0,
            "usual practice trains nothing"
        );
    }
}
