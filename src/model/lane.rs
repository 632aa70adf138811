//! Lanes: a few students side by side, one value of each in an array, so
//! that the weekly step runs every mechanism on [`LANES`] students at once.
//!
//! State and levers are kept as columns, one array per field
//! ([`columns_of`]), and the population's constant traits likewise
//! (`population::TraitColumns`), so the step loads a lane of each field
//! with one contiguous load, runs each mechanism over the lane with
//! [`lanes`] — a plain counted loop of the mechanism's scalar function,
//! which the compiler turns into vector instructions — and stores the new
//! state the same way: no gather, no scatter. Every lane computes exactly the scalar operations of one
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

/// A lane of column `col` from student `k` on: the `n` values from `k`
/// (at most [`LANES`]), the last one repeated in the spare slots of a
/// part-filled lane. A full lane is one contiguous load.
#[inline(always)]
pub fn load(col: &[f32], k: usize, n: usize) -> Lane {
    if n == LANES {
        let full: &Lane = col[k..k + LANES]
            .try_into()
            .expect("a full lane is LANES values");
        *full
    } else {
        lanes(|j| col[k + j.min(n - 1)])
    }
}

/// A lane of any column of plain values (flags, class indices, family
/// arrangements) from `k` on, as [`load`] reads an `f32` column: the `n`
/// values from `k`, the last one repeated in the spare slots; a full lane
/// is one bounds check and one contiguous copy.
#[inline(always)]
pub fn pick<T: Copy>(col: &[T], k: usize, n: usize) -> [T; LANES] {
    if n == LANES {
        let full: &[T; LANES] = col[k..k + LANES]
            .try_into()
            .expect("a full lane is LANES values");
        *full
    } else {
        std::array::from_fn(|j| col[k + j.min(n - 1)])
    }
}

/// Writes the first `n` values of `lane` into column `col` from student `k` on.
#[inline(always)]
pub fn store(col: &mut [f32], k: usize, n: usize, lane: &Lane) {
    if n == LANES {
        // One contiguous store of a known size (not a call to memcpy).
        let out: &mut Lane = (&mut col[k..k + LANES])
            .try_into()
            .expect("a full lane is LANES values");
        *out = *lane;
    } else {
        for (o, &v) in col[k..k + n].iter_mut().zip(lane) {
            *o = v;
        }
    }
}

/// Declares the columns of a per-student struct of `f32` fields (structure
/// of arrays): `$cols` owns one `Vec<f32>` per field, `$cols_mut` and
/// `$cols_ref` borrow a range of students of them (a block), and `$lane`
/// holds one [`Lane`] per field, loaded from and stored into the columns
/// without any transposition.
macro_rules! columns_of {
    (
        $(#[$meta:meta])*
        $row:ident => $cols:ident, $cols_mut:ident, $cols_ref:ident, $lane:ident {
            $($field:ident),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct $cols {
            $(
                #[doc = concat!("`", stringify!($field), "` of every student.")]
                pub $field: Vec<f32>,
            )*
        }

        #[doc = concat!("A range of students of [`", stringify!($cols), "`], writable.")]
        #[derive(Debug)]
        pub struct $cols_mut<'a> {
            $(
                #[doc = concat!("`", stringify!($field), "` of the students.")]
                pub $field: &'a mut [f32],
            )*
        }

        #[doc = concat!("A range of students of [`", stringify!($cols), "`], read only.")]
        #[derive(Debug, Clone, Copy)]
        pub struct $cols_ref<'a> {
            $(
                #[doc = concat!("`", stringify!($field), "` of the students.")]
                pub $field: &'a [f32],
            )*
        }

        #[doc = concat!("One [`Lane`] of each field of [`", stringify!($row), "`].")]
        #[derive(Debug, Clone, Copy)]
        pub struct $lane {
            $(
                #[doc = concat!("`", stringify!($field), "` of the lane's students.")]
                pub $field: $crate::model::lane::Lane,
            )*
        }

        impl $cols {
            #[doc = concat!("`n` students, every field 0.")]
            pub fn zeros(n: usize) -> Self {
                $cols { $($field: vec![0.0; n],)* }
            }

            /// The columns of `rows`, one student per row.
            pub fn from_rows(rows: &[$row]) -> Self {
                $cols { $($field: rows.iter().map(|r| r.$field).collect(),)* }
            }

            /// Number of students.
            pub fn len(&self) -> usize {
                [$(self.$field.len(),)*][0]
            }

            /// Whether there are no students.
            pub fn is_empty(&self) -> bool {
                self.len() == 0
            }

            /// Student `i` as one row.
            #[inline]
            pub fn row(&self, i: usize) -> $row {
                self.view().row(i)
            }

            /// Every student as rows, in order.
            pub fn to_rows(&self) -> Vec<$row> {
                self.view().rows().collect()
            }

            /// Every column, in the order of the fields.
            pub fn columns(&self) -> Vec<&[f32]> {
                vec![$(&self.$field[..],)*]
            }

            /// The columns given in the order of the fields (as
            /// [`columns`](Self::columns) lists them).
            ///
            /// # Panics
            /// When the number of columns is not the number of fields.
            pub fn from_columns(columns: Vec<Vec<f32>>) -> Self {
                let mut it = columns.into_iter();
                let out = $cols {
                    $($field: it.next().expect("one column per field"),)*
                };
                assert!(it.next().is_none(), "one column per field");
                out
            }

            /// Every student, read only.
            #[inline]
            pub fn view(&self) -> $cols_ref<'_> {
                $cols_ref { $($field: &self.$field,)* }
            }

            /// Every student, writable.
            #[inline]
            pub fn view_mut(&mut self) -> $cols_mut<'_> {
                $cols_mut { $($field: &mut self.$field,)* }
            }
        }

        impl<'a> $cols_mut<'a> {
            /// Number of students.
            pub fn len(&self) -> usize {
                [$(self.$field.len(),)*][0]
            }

            /// Whether there are no students.
            pub fn is_empty(&self) -> bool {
                self.len() == 0
            }

            /// The first `n` students and the rest.
            pub fn split_at(self, n: usize) -> (Self, Self) {
                $(let $field = self.$field.split_at_mut(n);)*
                (
                    $cols_mut { $($field: $field.0,)* },
                    $cols_mut { $($field: $field.1,)* },
                )
            }

            /// Students `range` of these.
            pub fn slice(self, range: std::ops::Range<usize>) -> Self {
                self.split_at(range.end).0.split_at(range.start).1
            }

            /// Consecutive ranges of students of the given lengths.
            pub fn split(mut self, lengths: impl Iterator<Item = usize>) -> Vec<Self> {
                let mut out = Vec::new();
                for n in lengths {
                    let (head, tail) = self.split_at(n);
                    out.push(head);
                    self = tail;
                }
                out
            }

            /// The same students, read only.
            #[inline]
            pub fn view(&self) -> $cols_ref<'_> {
                $cols_ref { $($field: &*self.$field,)* }
            }

            /// The same students, borrowed again.
            #[inline]
            pub fn reborrow(&mut self) -> $cols_mut<'_> {
                $cols_mut { $($field: &mut *self.$field,)* }
            }

            /// Sets every field of every student to `value`, column by
            /// column (a contiguous fill each).
            pub fn fill(&mut self, value: f32) {
                $(self.$field.fill(value);)*
            }

            /// Sets student `i` to `row`.
            #[inline]
            pub fn set(&mut self, i: usize, row: &$row) {
                $(self.$field[i] = row.$field;)*
            }

            /// Writes the first `n` students of `lane` from student `k` on.
            #[inline(always)]
            pub fn store(&mut self, k: usize, n: usize, lane: &$lane) {
                $($crate::model::lane::store(self.$field, k, n, &lane.$field);)*
            }
        }

        impl<'a> $cols_ref<'a> {
            /// Number of students.
            pub fn len(&self) -> usize {
                [$(self.$field.len(),)*][0]
            }

            /// Whether there are no students.
            pub fn is_empty(&self) -> bool {
                self.len() == 0
            }

            /// Student `i` as one row.
            #[inline]
            pub fn row(&self, i: usize) -> $row {
                $row { $($field: self.$field[i],)* }
            }

            /// Every student as rows, in order.
            pub fn rows(self) -> impl Iterator<Item = $row> + 'a {
                (0..self.len()).map(move |i| self.row(i))
            }

            /// Students `range`.
            pub fn slice(&self, range: std::ops::Range<usize>) -> $cols_ref<'a> {
                $cols_ref { $($field: &self.$field[range.clone()],)* }
            }

            /// The lane of `n` students from student `k` on (see
            /// [`load`](crate::model::lane::load)).
            #[inline(always)]
            pub fn load(&self, k: usize, n: usize) -> $lane {
                $lane { $($field: $crate::model::lane::load(self.$field, k, n),)* }
            }
        }

        impl FromIterator<$row> for $cols {
            fn from_iter<I: IntoIterator<Item = $row>>(rows: I) -> Self {
                let rows = rows.into_iter();
                let n = rows.size_hint().0;
                let mut cols = $cols { $($field: Vec::with_capacity(n),)* };
                for r in rows {
                    $(cols.$field.push(r.$field);)*
                }
                cols
            }
        }

        impl $lane {
            /// Every field 0 in every slot.
            #[inline(always)]
            pub fn zeros() -> Self {
                $lane { $($field: [0.0; $crate::model::lane::LANES],)* }
            }
        }
    };
}
pub(crate) use columns_of;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lane_holds_one_value_per_student_in_order() {
        assert_eq!(lanes(|j| j as f32 * 0.5)[3], 1.5);
        let (a, b) = lane_pairs(|j| (j as f32, -(j as f32)));
        assert_eq!((a[LANES - 1], b[1]), ((LANES - 1) as f32, -1.0));
    }

    #[test]
    fn a_part_filled_lane_repeats_its_last_student_and_stores_only_its_own() {
        let col: Vec<f32> = (0..11).map(|i| i as f32).collect();
        assert_eq!(load(&col, 0, LANES), [0., 1., 2., 3., 4., 5., 6., 7.]);
        assert_eq!(load(&col, 8, 3), [8., 9., 10., 10., 10., 10., 10., 10.]);
        let flags: Vec<u8> = (0..11).collect();
        assert_eq!(pick(&flags, 1, LANES), [1, 2, 3, 4, 5, 6, 7, 8]);
        assert_eq!(pick(&flags, 8, 3), [8, 9, 10, 10, 10, 10, 10, 10]);
        let mut out = vec![-1.0f32; 11];
        store(&mut out, 8, 3, &[1.0; LANES]);
        assert_eq!(&out[7..], &[-1.0, 1.0, 1.0, 1.0]);
    }
}
