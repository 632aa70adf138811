//! The peer microsystem: a friendship network inside each class.

use std::sync::atomic::{AtomicBool, Ordering};

use rand::RngExt;

use super::{Class, Student};

/// Friendships as a compressed adjacency list (CSR): the friends of student
/// `i` are `list[offsets[i]..offsets[i + 1]]`.
#[derive(Debug, Clone, Default)]
pub struct Friendships {
    /// Start of each student's friends in `list`; one more entry than students.
    pub offsets: Vec<u32>,
    /// Friends, by student index.
    pub list: Vec<u32>,
}

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
        let mut offsets = vec![0u32; students.len() + 1];
        for &(a, _) in &edges {
            offsets[a as usize + 1] += 1;
        }
        for i in 0..students.len() {
            offsets[i + 1] += offsets[i];
        }
        let list = edges.into_iter().map(|(_, b)| b).collect();
        Some(Friendships { offsets, list })
    }

    /// The friends of student `i`.
    #[inline]
    pub fn of(&self, i: usize) -> &[u32] {
        &self.list[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }
}
