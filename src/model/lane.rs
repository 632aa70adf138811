//! Lanes: a few students side by side, one value of each in an array, so
//! that the weekly step runs every mechanism on [`LANES`] students at once.
//!
//! The step gathers a lane's state, levers and traits into arrays of
//! [`LANES`] values (structure of arrays), runs each mechanism over the lane
//! with [`lanes`] — a plain counted loop of the mechanism's scalar function,
//! which the compiler turns into vector instructions — and scatters the new
//! state back. Every lane computes exactly the scalar operations of one
//! student in the same order (IEEE-754 addition, multiplication, division,
//! square root, minimum and maximum give the same bits in a vector register
//! as in a scalar one), so the lane layout changes no result, on any CPU.
//! Nothing here depends on runtime feature detection, and Rust never fuses
//! a multiplication and an addition on its own, so every node of a cluster
//! computes the same bits.

/// Students stepped side by side: eight `f32`s, two SSE registers (or one
/// AVX register).
pub const LANES: usize = 8;

/// One value per student of a lane.
pub type Lane = [f32; LANES];

/// The lane whose `j`-th value is `f(j)`: one mechanism (or one gathered
/// field) over every student of a lane.
#[inline(always)]
pub fn lanes(mut f: impl FnMut(usize) -> f32) -> Lane {
    let mut out = [0.0; LANES];
    for (j, o) in out.iter_mut().enumerate() {
        *o = f(j);
    }
    out
}

/// Two lanes at once, for a mechanism that returns a pair.
#[inline(always)]
pub fn lane_pairs(mut f: impl FnMut(usize) -> (f32, f32)) -> (Lane, Lane) {
    let (mut a, mut b) = ([0.0; LANES], [0.0; LANES]);
    for j in 0..LANES {
        (a[j], b[j]) = f(j);
    }
    (a, b)
}

/// Declares a structure of lanes: one [`Lane`] for each named `f32` field
/// of a per-student struct, and `gather`, which transposes a lane of such
/// structs into it (so that the mechanisms read contiguous lanes, which the
/// compiler can load into vector registers, instead of one struct per
/// student).
macro_rules! lanes_of {
    ($(#[$meta:meta])* $name:ident from $src:ty { $($field:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy)]
        pub(crate) struct $name {
            $(pub(crate) $field: $crate::model::lane::Lane,)*
        }

        impl $name {
            /// The fields of the lane's students, `of(j)` being student `j`.
            #[inline(always)]
            pub(crate) fn gather<'a>(of: impl Fn(usize) -> &'a $src) -> Self {
                $name {
                    $($field: $crate::model::lane::lanes(|j| of(j).$field),)*
                }
            }
        }
    };
}
pub(crate) use lanes_of;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lane_holds_one_value_per_student_in_order() {
        assert_eq!(lanes(|j| j as f32 * 0.5)[3], 1.5);
        let (a, b) = lane_pairs(|j| (j as f32, -(j as f32)));
        assert_eq!((a[LANES - 1], b[1]), ((LANES - 1) as f32, -1.0));
    }
}
