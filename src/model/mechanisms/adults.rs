//! Mechanism 9 — outcomes beyond the student (seed 003).
//!
//! Parents' self-efficacy rises with their involvement; teachers pay for
//! collaboration in hours (counted by the engine from the components and from
//! joint care), and hours beyond a class's capacity lower the quality of the
//! next week's contact ([`contact_quality`]).

use crate::params::{Adults, Detection};

/// Parents' self-efficacy after this week.
#[inline]
pub fn parent_efficacy(p: &Adults, current: f32, set_point: f32, involvement: f32) -> f32 {
    let target = set_point + p.parent_efficacy_gain * involvement.min(1.0);
    current + p.parent_efficacy_rate * (target - current)
}

/// Teacher hours a student in joint care takes this week (`caring` 1 or 0).
#[inline]
pub fn care_hours(p: &Detection, caring: f32) -> f32 {
    p.care_hours * caring
}

/// Quality of a class's home–school contact given the hours of family work
/// demanded of its teacher last week: 1 within capacity, `1 / (1 + p·(r −
/// 1))` at r times capacity; `on` is the teacher-capacity switch.
#[inline]
pub fn contact_quality(p: &Detection, demand_hours: f32, on: f32) -> f32 {
    let over = (demand_hours / p.teacher_capacity - 1.0).max(0.0);
    1.0 / (1.0 + on * p.overload_penalty * over)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn involvement_raises_parent_efficacy() {
        let p = Adults::default();
        assert!(parent_efficacy(&p, 0.5, 0.5, 0.8) > 0.5);
        assert_eq!(parent_efficacy(&p, 0.5, 0.5, 0.0), 0.5);
    }

    #[test]
    fn hours_beyond_capacity_lower_quality_unless_off() {
        let p = Detection::default();
        assert_eq!(contact_quality(&p, p.teacher_capacity * 0.5, 1.0), 1.0);
        assert!(contact_quality(&p, p.teacher_capacity * 2.0, 1.0) < 1.0);
        assert!(
            contact_quality(&p, p.teacher_capacity * 3.0, 1.0)
                < contact_quality(&p, p.teacher_capacity * 2.0, 1.0)
        );
        assert_eq!(contact_quality(&p, p.teacher_capacity * 3.0, 0.0), 1.0);
        assert_eq!(care_hours(&p, 1.0), p.care_hours);
        assert_eq!(care_hours(&p, 0.0), 0.0);
    }
}
