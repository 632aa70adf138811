//! The peer microsystem: a friendship network inside each class.

use std::sync::atomic::{AtomicBool, Ordering};

use rand::RngExt;

use super::{Class, Student};

/// Friendships laid out for the weekly peer-support gather: students in
/// groups of [`FRIEND_GROUP`] (student `i` in group `i / FRIEND_GROUP`, slot
/// `i % FRIEND_GROUP`), each group a small table of as many rows as its
/// students' largest number of friends, one column per student. Row `d` of
/// a student's column is the student's `d`-th friend (by student index,
/// ascending), or [`NO_FRIEND`] once the student's friends are used up.
/// The rows of a group are contiguous, so a row of eight friends is one
/// load and one gather for the vector units.
#[derive(Debug, Clone, Default)]
pub struct Friendships {
    /// Where each group's table starts in `slots`; one more entry than
    /// groups (a group of `w` rows takes `w * FRIEND_GROUP` slots).
    pub group_start: Vec<u32>,
    /// The groups' tables, row after row.
    pub slots: Vec<u32>,
}

/// Students per group of [`Friendships`]: a lane of the weekly step.
pub const FRIEND_GROUP: usize = 8;

/// The slot of a student past the end of their friends.
pub const NO_FRIEND: u32 = u32::MAX;

/// Probability that a friendship tie goes to a classmate of the same sex.
const SEX_HOMOPHILY: f32 = 0.7;

impl Friendships {
    /// Each student names about `mean_degree / 2` classmates, preferring the
    /// same sex; ties are mutual, so the mean degree is about `mean_degree`.
    pub fn synthesize<R: rand::Rng + ?Sized>(
        classes: &[Class],
        students: &[Student],
        mean_degree: f32,
        rng: &mut R,
    ) -> Friendships {
        let never = AtomicBool::new(false);
        Friendships::synthesize_cancellable(classes, students, mean_degree, rng, &never)
            .expect("a flag nobody can set never cancels")
    }

    /// [`Friendships::synthesize`], giving up with `None` at the next class
    /// once `cancel` is set.
    pub fn synthesize_cancellable<R: rand::Rng + ?Sized>(
        classes: &[Class],
        students: &[Student],
        mean_degree: f32,
        rng: &mut R,
        cancel: &AtomicBool,
    ) -> Option<Friendships> {
        let mut edges: Vec<(u32, u32)> = Vec::new();
        let nominations = mean_degree / 2.0;
        for class in classes {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let first = class.first;
            let size = class.size;
            if size < 2 {
                continue;
            }
            // Ties stay inside the class and classes hold consecutive
            // students, so sorting each class's ties sorts them all.
            let class_start = edges.len();
            for i in first..first + size {
                let whole = nominations.floor() as u32;
                let extra = (rng.random::<f32>() < nominations.fract()) as u32;
                for _ in 0..whole + extra {
                    let want_same = rng.random::<f32>() < SEX_HOMOPHILY;
                    // A few tries to find a classmate of the wanted sex.
                    let mut j = i;
                    for _ in 0..4 {
                        let cand = first + rng.random_range(0..size);
                        if cand == i {
                            continue;
                        }
                        j = cand;
                        let same = students[cand as usize].female == students[i as usize].female;
                        if same == want_same {
                            break;
                        }
                    }
                    if j != i {
                        edges.push((i, j));
                        edges.push((j, i));
                    }
                }
            }
            edges[class_start..].sort_unstable();
        }
        edges.dedup();
        Some(Friendships::from_sorted_ties(students.len(), &edges))
    }

    /// The tables of `n` students' ties `(student, friend)`, sorted.
    fn from_sorted_ties(n: usize, edges: &[(u32, u32)]) -> Friendships {
        let groups = n.div_ceil(FRIEND_GROUP);
        let mut degree = vec![0u32; groups * FRIEND_GROUP];
        for &(a, _) in edges {
            degree[a as usize] += 1;
        }
        let mut group_start = Vec::with_capacity(groups + 1);
        let mut total = 0usize;
        group_start.push(0);
        for g in degree.chunks(FRIEND_GROUP) {
            total += FRIEND_GROUP * g.iter().copied().max().unwrap_or(0) as usize;
            group_start.push(u32::try_from(total).expect("fewer than 2^32 friendship slots"));
        }
        let mut slots = vec![NO_FRIEND; total];
        let mut row = vec![0usize; groups * FRIEND_GROUP];
        for &(a, b) in edges {
            let a = a as usize;
            let (g, s) = (a / FRIEND_GROUP, a % FRIEND_GROUP);
            slots[group_start[g] as usize + row[a] * FRIEND_GROUP + s] = b;
            row[a] += 1;
        }
        Friendships { group_start, slots }
    }

    /// The friends of student `i`, in ascending order.
    #[inline]
    pub fn of(&self, i: usize) -> impl Iterator<Item = u32> + '_ {
        let g = i / FRIEND_GROUP;
        let table = &self.slots[self.group_start[g] as usize..self.group_start[g + 1] as usize];
        table
            .iter()
            .skip(i % FRIEND_GROUP)
            .step_by(FRIEND_GROUP)
            .copied()
            .take_while(|&j| j != NO_FRIEND)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_student_keeps_their_friends_in_order_in_their_column() {
        // Ten students: groups of eight and two; student 9 has no friend.
        let ties = [
            (0, 3),
            (0, 5),
            (3, 0),
            (5, 0),
            (7, 8),
            (8, 7),
            (2, 1),
            (1, 2),
            (2, 4),
        ];
        let mut ties = ties.to_vec();
        ties.sort_unstable();
        let f = Friendships::from_sorted_ties(10, &ties);
        let of = |i| f.of(i).collect::<Vec<_>>();
        assert_eq!(of(0), [3, 5]);
        assert_eq!(of(2), [1, 4]);
        assert_eq!(of(7), [8]);
        assert_eq!(of(8), [7]);
        assert!(of(6).is_empty() && of(9).is_empty());
        // Two rows for the first group, one for the second.
        assert_eq!(f.group_start, [0, 16, 24]);
    }
}
