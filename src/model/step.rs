//! One week of the model for every student.
//!
//! The step walks a block's students in lanes of [`LANES`] (see
//! [`super::lane`]): a lane's state, levers and traits are loaded from
//! their columns (one contiguous load per field), its random numbers are
//! generated side by side, each mechanism runs over the whole lane, and the
//! new state is stored into its columns. A lane computes, student by
//! student, exactly what one student's week computes: the same operations in
//! the same order.

use super::lane::{LANES, Lane, lane_pairs, lanes, load, pick};
use super::mechanisms::{
    academic, adults, chronic, consistency, detection, left_behind, mastery, parenting,
    social_learning, stress, support, trust, unit,
};
use super::state::resilience_of;
use super::{LaneLevers, LaneState, LeversRef, StatesMut, WeekInfo};
use crate::params::{ModelParams, SwitchFactors};
use crate::population::{FRIEND_GROUP, LeftBehind, Population, TraitColumns};
use crate::rng::{self, Draw, Stream};

/// Peer support of students `first..first + out.len()`: the mean social
/// competence of each student's friends at the start of the week
/// (`support.peer_alone` for a student with none). `social_competence`
/// holds the same students as `out`: friends are classmates, and a block is
/// made of whole classes.
///
/// Computed before the step so that every student reads last week's peers,
/// whatever order (or thread) students are updated in.
///
/// Works on the friendship tables' groups of eight students
/// ([`Friendships`](crate::population::Friendships)): row by row, each
/// student's sum adds their next friend, or −0.0 past their last friend
/// (`s + −0.0` is `s`, bit for bit, for every `s`), starting from the
/// neutral element of `f32`'s `Sum`; then the division by the number of
/// friends. The same additions in the same order and the same division as
/// summing one student's friends with `Iterator::sum`, so the same bits, on
/// either instruction set ([`Isa`]); AVX2 gathers a row of eight friends
/// at once.
pub fn peer_support(
    p: &ModelParams,
    pop: &Population,
    social_competence: &[f32],
    first: usize,
    out: &mut [f32],
) {
    peer_support_on(Isa::detected(), p, pop, social_competence, first, out);
}

/// [`peer_support`] on a chosen instruction set (tests compare them bit for
/// bit).
///
/// # Panics
/// When this CPU does not run `isa` ([`Isa::is_available`]), or when
/// `social_competence` and `out` differ in length.
pub fn peer_support_on(
    isa: Isa,
    p: &ModelParams,
    pop: &Population,
    social_competence: &[f32],
    first: usize,
    out: &mut [f32],
) {
    assert!(isa.is_available(), "this CPU does not run {isa:?}");
    assert_eq!(social_competence.len(), out.len(), "one value per student");
    let alone = p.support.peer_alone;
    match isa {
        Isa::Baseline => peer_support_groups(alone, pop, social_competence, first, out),
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the CPU runs AVX2 (asserted above).
        Isa::Avx2 => unsafe { peer_support_avx2(alone, pop, social_competence, first, out) },
        #[cfg(not(target_arch = "x86_64"))]
        Isa::Avx2 => unreachable!("AVX2 is never available off x86-64"),
    }
}

/// The neutral element `Iterator::sum` starts an `f32` sum from.
#[inline(always)]
fn sum_start() -> f32 {
    std::iter::empty::<f32>().sum()
}

/// Each of the block's students' place in the friendship tables: the groups
/// that hold students `first..first + n`, with each group's first student
/// and its table.
#[inline(always)]
fn friend_groups(
    pop: &Population,
    first: usize,
    n: usize,
) -> impl Iterator<Item = (usize, &[u32])> + '_ {
    const G: usize = FRIEND_GROUP;
    let f = &pop.friends;
    let groups = if n == 0 {
        0..0
    } else {
        first / G..(first + n - 1) / G + 1
    };
    groups.map(move |g| {
        let table = &f.slots[f.group_start[g] as usize..f.group_start[g + 1] as usize];
        (g * G, table)
    })
}

/// Writes the group's peer support (`mean`: sum ÷ count of friends, read
/// only where `count` is not 0) into `out` for the group's students in the
/// block (`g0`: the group's first student, `first`: the block's).
#[inline(always)]
fn write_peers(
    peer_alone: f32,
    mean: &[f32; FRIEND_GROUP],
    count: &[f32; FRIEND_GROUP],
    g0: usize,
    first: usize,
    out: &mut [f32],
) {
    if g0 >= first && g0 + FRIEND_GROUP <= first + out.len() {
        let out: &mut [f32; FRIEND_GROUP] = (&mut out[g0 - first..g0 - first + FRIEND_GROUP])
            .try_into()
            .expect("a whole group");
        for s in 0..FRIEND_GROUP {
            out[s] = if count[s] == 0.0 { peer_alone } else { mean[s] };
        }
        return;
    }
    for s in 0..FRIEND_GROUP {
        let i = g0 + s;
        if i >= first && i - first < out.len() {
            out[i - first] = if count[s] == 0.0 { peer_alone } else { mean[s] };
        }
    }
}

/// [`peer_support`] without vector gathers.
#[inline(always)]
fn peer_support_groups(
    peer_alone: f32,
    pop: &Population,
    social_competence: &[f32],
    first: usize,
    out: &mut [f32],
) {
    let n = out.len();
    for (g0, table) in friend_groups(pop, first, n) {
        let mut sums = [sum_start(); FRIEND_GROUP];
        let mut count = [0.0f32; FRIEND_GROUP];
        for row in table.chunks_exact(FRIEND_GROUP) {
            for s in 0..FRIEND_GROUP {
                // A student outside the block (a group at its edge) reads
                // −0.0 too: their friends are outside the block, and what
                // they get is not written.
                let rel = row[s].wrapping_sub(first as u32) as usize;
                let (v, real) = match social_competence.get(rel) {
                    Some(&v) => (v, 1.0),
                    None => (-0.0, 0.0),
                };
                sums[s] += v;
                count[s] += real;
            }
        }
        let mean: [f32; FRIEND_GROUP] = std::array::from_fn(|s| sums[s] / count[s]);
        write_peers(peer_alone, &mean, &count, g0, first, out);
    }
}

/// [`peer_support`] with AVX2: one row of a group (eight friends) is one
/// masked gather, one addition, one count.
///
/// # Safety
/// The CPU must run AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn peer_support_avx2(
    peer_alone: f32,
    pop: &Population,
    social_competence: &[f32],
    first: usize,
    out: &mut [f32],
) {
    use std::arch::x86_64::*;
    let n = out.len();
    assert!(
        n < i32::MAX as usize,
        "a block holds fewer than 2^31 students"
    );
    if n == 0 {
        return;
    }
    let base = _mm256_set1_epi32(first as u32 as i32);
    let last = _mm256_set1_epi32((n - 1) as i32);
    let neg_zero = _mm256_set1_ps(-0.0);
    let one = _mm256_set1_ps(1.0);
    for (g0, table) in friend_groups(pop, first, n) {
        let mut sums = _mm256_set1_ps(sum_start());
        let mut count = _mm256_setzero_ps();
        for row in table.chunks_exact(FRIEND_GROUP) {
            let row: &[u32; FRIEND_GROUP] = row.try_into().expect("rows of eight");
            // SAFETY: `row` holds eight u32s (an unaligned load).
            let idx = unsafe { _mm256_loadu_si256(row.as_ptr().cast()) };
            let rel = _mm256_sub_epi32(idx, base);
            // In the block: rel ≤ n − 1 unsigned, i.e. min(rel, n − 1) = rel.
            let inside = _mm256_cmpeq_epi32(_mm256_min_epu32(rel, last), rel);
            // SAFETY: only the slots `inside` are read, at 0 ≤ rel < n, in
            // `social_competence` (n values); the others give −0.0.
            let v = unsafe {
                _mm256_mask_i32gather_ps::<4>(
                    neg_zero,
                    social_competence.as_ptr(),
                    rel,
                    _mm256_castsi256_ps(inside),
                )
            };
            sums = _mm256_add_ps(sums, v);
            count = _mm256_add_ps(count, _mm256_and_ps(_mm256_castsi256_ps(inside), one));
        }
        let (mut mean, mut c) = ([0.0f32; FRIEND_GROUP], [0.0f32; FRIEND_GROUP]);
        // SAFETY: eight f32s each (unaligned stores).
        unsafe {
            _mm256_storeu_ps(mean.as_mut_ptr(), _mm256_div_ps(sums, count));
            _mm256_storeu_ps(c.as_mut_ptr(), count);
        }
        write_peers(peer_alone, &mean, &c, g0, first, out);
    }
}

/// A contiguous block of whole classes, stepped as one piece of work.
#[derive(Debug, Clone)]
pub struct Block {
    /// Student indices.
    pub students: std::ops::Range<usize>,
    /// Class indices.
    pub classes: std::ops::Range<usize>,
}

/// What the engine hands the step for one block and week besides the state.
pub struct BlockInputs<'a> {
    /// The block.
    pub block: &'a Block,
    /// Levers of the block's students; `None` when every lever is 0 (usual
    /// practice, the burn-in).
    pub levers: Option<LeversRef<'a>>,
    /// Peer support of the block's students ([`peer_support`]).
    pub peer: &'a [f32],
    /// Quality of home–school contact of the block's classes this week
    /// (from last week's teacher hours, [`adults::contact_quality`]).
    pub quality: &'a [f32],
}

/// Moves the students of a block one week forward. `care_hours` holds the
/// block's classes, into which the teacher hours of joint care are added
/// (in student order).
///
/// Runs on the widest instruction set the CPU offers ([`Isa::detected`]);
/// every instruction set gives the same bits ([`Isa`]).
pub fn step(
    p: &ModelParams,
    pop: &Population,
    week: &WeekInfo,
    replicate_key: u64,
    inputs: &BlockInputs<'_>,
    state: StatesMut<'_>,
    care_hours: &mut [f64],
) {
    step_on(
        Isa::detected(),
        p,
        pop,
        week,
        replicate_key,
        inputs,
        state,
        care_hours,
    );
}

/// The instruction sets the weekly step is compiled for. The step's
/// arithmetic is IEEE-754 addition, multiplication, division, square root,
/// minimum, maximum and comparisons, which give the same bits whatever the
/// width of the register they run in; no instruction set here enables fused
/// multiply–add (`fma` is never enabled, and Rust never contracts `a * b + c`
/// on its own), so every CPU computes the same bits and shards from
/// different nodes merge bit for bit. Only the speed differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Isa {
    /// The target's baseline (SSE2 on x86-64): a lane of eight in two
    /// registers.
    Baseline,
    /// AVX2 on x86-64: a lane of eight `f32` in one register.
    Avx2,
}

impl Isa {
    /// The widest instruction set this CPU runs (checked at run time, once).
    #[inline]
    pub fn detected() -> Isa {
        if Isa::Avx2.is_available() {
            Isa::Avx2
        } else {
            Isa::Baseline
        }
    }

    /// Whether this CPU runs the instruction set.
    #[inline]
    pub fn is_available(self) -> bool {
        match self {
            Isa::Baseline => true,
            #[cfg(target_arch = "x86_64")]
            Isa::Avx2 => std::is_x86_feature_detected!("avx2"),
            #[cfg(not(target_arch = "x86_64"))]
            Isa::Avx2 => false,
        }
    }
}

/// [`step`] on a chosen instruction set (tests compare them bit for bit).
///
/// # Panics
/// When this CPU does not run `isa` ([`Isa::is_available`]).
#[allow(clippy::too_many_arguments)]
pub fn step_on(
    isa: Isa,
    p: &ModelParams,
    pop: &Population,
    week: &WeekInfo,
    replicate_key: u64,
    inputs: &BlockInputs<'_>,
    state: StatesMut<'_>,
    care_hours: &mut [f64],
) {
    assert!(isa.is_available(), "this CPU does not run {isa:?}");
    match isa {
        Isa::Baseline => step_lanes(p, pop, week, replicate_key, inputs, state, care_hours),
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the CPU runs AVX2 (asserted above).
        Isa::Avx2 => unsafe { step_avx2(p, pop, week, replicate_key, inputs, state, care_hours) },
        #[cfg(not(target_arch = "x86_64"))]
        Isa::Avx2 => unreachable!("AVX2 is never available off x86-64"),
    }
}

/// [`step_lanes`] compiled for AVX2 (without FMA).
///
/// # Safety
/// The CPU must run AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn step_avx2(
    p: &ModelParams,
    pop: &Population,
    week: &WeekInfo,
    replicate_key: u64,
    inputs: &BlockInputs<'_>,
    state: StatesMut<'_>,
    care_hours: &mut [f64],
) {
    step_lanes(p, pop, week, replicate_key, inputs, state, care_hours);
}

/// The block's lanes one after another; inlined into each instruction set's
/// entry point so that it is compiled once per instruction set.
///
/// The full lanes and the block's last, part-filled lane are separate
/// copies of [`step_lane`]: in a full lane the number of students is the
/// constant [`LANES`], so every load and store is one contiguous move with
/// one bounds check, and the spare-slot handling is compiled only into the
/// last lane's copy. The full lanes of a block without levers (usual
/// practice, the burn-in) are a third copy, in which every lever is the
/// constant 0 rather than a lane loaded from memory. Every copy computes
/// the same operations in the same order.
#[inline(always)]
fn step_lanes(
    p: &ModelParams,
    pop: &Population,
    week: &WeekInfo,
    replicate_key: u64,
    inputs: &BlockInputs<'_>,
    mut state: StatesMut<'_>,
    care_hours: &mut [f64],
) {
    let sw = p.mechanisms.factors();
    let students = state.len();
    let full = students - students % LANES;
    // Each call below is its own inlined copy of `step_lane` (a closure
    // would be one out-of-line function for all three).
    match inputs.levers {
        Some(levers) => {
            for k in (0..full).step_by(LANES) {
                let lane = LaneAt { k, n: LANES };
                step_lane(
                    p,
                    &sw,
                    pop,
                    week,
                    replicate_key,
                    inputs,
                    Some(levers),
                    lane,
                    &mut state,
                    care_hours,
                );
            }
        }
        None => {
            for k in (0..full).step_by(LANES) {
                let lane = LaneAt { k, n: LANES };
                step_lane(
                    p,
                    &sw,
                    pop,
                    week,
                    replicate_key,
                    inputs,
                    None,
                    lane,
                    &mut state,
                    care_hours,
                );
            }
        }
    }
    if full < students {
        let lane = LaneAt {
            k: full,
            n: students - full,
        };
        step_lane(
            p,
            &sw,
            pop,
            week,
            replicate_key,
            inputs,
            inputs.levers,
            lane,
            &mut state,
            care_hours,
        );
    }
}

/// Where a lane's students are in their block: the first one at `k`, `n`
/// students (at most [`LANES`]).
#[derive(Clone, Copy)]
struct LaneAt {
    k: usize,
    n: usize,
}

/// A lane's students' traits.
struct LaneStudents {
    extraversion: Lane,
    reactivity: Lane,
    self_efficacy0: Lane,
    hope0: Lane,
    emotion_regulation0: Lane,
    social_competence0: Lane,
    academic_engagement0: Lane,
}

/// A lane's families' traits.
struct LaneFamilies {
    warmth: Lane,
    modelling_skill: Lane,
    availability: Lane,
    ses: Lane,
    trust0: Lane,
    parent_efficacy0: Lane,
}

impl LaneStudents {
    /// The traits of the `n` students from `first` (population index) on.
    #[inline(always)]
    fn load(c: &TraitColumns, first: usize, n: usize) -> Self {
        LaneStudents {
            extraversion: load(&c.extraversion, first, n),
            reactivity: load(&c.reactivity, first, n),
            self_efficacy0: load(&c.self_efficacy0, first, n),
            hope0: load(&c.hope0, first, n),
            emotion_regulation0: load(&c.emotion_regulation0, first, n),
            social_competence0: load(&c.social_competence0, first, n),
            academic_engagement0: load(&c.academic_engagement0, first, n),
        }
    }
}

impl LaneFamilies {
    /// The traits of the families of the `n` students from `first` on.
    #[inline(always)]
    fn load(c: &TraitColumns, first: usize, n: usize) -> Self {
        LaneFamilies {
            warmth: load(&c.warmth, first, n),
            modelling_skill: load(&c.modelling_skill, first, n),
            availability: load(&c.availability, first, n),
            ses: load(&c.ses, first, n),
            trust0: load(&c.trust0, first, n),
            parent_efficacy0: load(&c.parent_efficacy0, first, n),
        }
    }
}

/// The random numbers of a lane's student-week: for each student, the
/// counter-based key of (replicate, student, week) and its draws.
struct Draws {
    /// The four uniforms of [`Draw::Events`].
    events: [Lane; 4],
    /// Detection and success ([`Draw::Choices`]).
    choices: [Lane; 2],
    /// The innovations of chronic strain and development ([`Draw::Chronic`]).
    chronic: [Lane; 2],
}

impl Draws {
    /// The draws of students `student(0..LANES)` in `week`.
    #[inline(always)]
    fn of(replicate_key: u64, week: i32, student: impl Fn(usize) -> usize) -> Draws {
        let mut d = Draws {
            events: [[0.0; LANES]; 4],
            choices: [[0.0; LANES]; 2],
            chronic: [[0.0; LANES]; 2],
        };
        for j in 0..LANES {
            let key = rng::key(
                replicate_key,
                Stream::StudentWeek,
                student(j) as u64,
                week as i64,
            );
            let e = rng::uniforms4(key, Draw::Events);
            let c = rng::uniforms4(key, Draw::Choices);
            let z = rng::normals2(key, Draw::Chronic);
            for (lane, u) in d.events.iter_mut().zip(e) {
                lane[j] = u;
            }
            (d.choices[0][j], d.choices[1][j]) = (c[0], c[1]);
            (d.chronic[0][j], d.chronic[1][j]) = (z[0], z[1]);
        }
        d
    }
}

/// The classes of a lane's students: `class_of` each slot's class; classes
/// are contiguous, so the lane lies in classes `first..=last`.
struct LaneClasses {
    class_of: [usize; LANES],
    first: usize,
    last: usize,
    /// All ones in the slots of class `last`, all zeros in the others.
    in_last: [u32; LANES],
}

impl LaneClasses {
    /// The classes of the lane's students `class_of`.
    #[inline(always)]
    fn of(class_of: [usize; LANES]) -> Self {
        let (first, last) = (class_of[0], class_of[LANES - 1]);
        LaneClasses {
            class_of,
            first,
            last,
            in_last: std::array::from_fn(|j| ((class_of[j] == last) as u32).wrapping_neg()),
        }
    }

    /// The lane of a per-class column `col` that holds classes `from..`:
    /// each slot the value of its student's class. A lane in one class
    /// reads one value; a lane across two classes (most lanes that cross a
    /// class boundary) reads two and picks each slot's bits with its mask,
    /// in vector registers; a lane across more classes reads each slot's.
    #[inline(always)]
    fn values(&self, col: &[f32], from: usize) -> Lane {
        let (a, b) = (self.first - from, self.last - from);
        if a == b {
            [col[a]; LANES]
        } else if b == a + 1 {
            let (x, y) = (col[a].to_bits(), col[b].to_bits());
            let m = &self.in_last;
            lanes(|j| f32::from_bits((x & !m[j]) | (y & m[j])))
        } else {
            lanes(|j| col[self.class_of[j] - from])
        }
    }
}

/// A lane of a 0/1 column (`u8`) as `f32`, like [`load`] (see [`pick`]).
#[inline(always)]
fn flags(col: &[u8], first: usize, n: usize) -> Lane {
    let flags = pick(col, first, n);
    lanes(|j| flags[j] as f32)
}

/// One week of a lane of at most [`LANES`] students of the block (`state`
/// holds the block), mechanism by mechanism over the whole lane. A lane
/// with fewer students (the block's last) repeats its last student in the
/// spare slots and keeps only its own. `levers` are the block's
/// ([`BlockInputs::levers`], passed apart so that a caller that knows them
/// absent compiles a copy with constant levers).
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn step_lane(
    p: &ModelParams,
    sw: &SwitchFactors,
    pop: &Population,
    week: &WeekInfo,
    replicate_key: u64,
    inputs: &BlockInputs<'_>,
    levers: Option<LeversRef<'_>>,
    lane: LaneAt,
    state: &mut StatesMut<'_>,
    care_hours: &mut [f64],
) {
    let LaneAt { k, n } = lane;
    let at = |j: usize| j.min(n - 1);
    // The lane's first student in the population.
    let first = inputs.block.students.start + k;
    let (st, l) = (&p.stress, &p.learning);
    let in_school = week.in_school as u8 as f32;
    let parents_home = week.parents_home as u8 as f32;

    // Load: the lane's traits, levers and state from their columns, one
    // lane per field, and its random numbers, so that the mechanisms below
    // read only lanes. Class and school traits are looked up per class.
    let cols = &pop.columns;
    let first_class = inputs.block.classes.start;
    let classes = LaneClasses::of(pick(&cols.class, first, n).map(|c| c as usize));
    let class_of = classes.class_of;
    // Classes are contiguous, so a lane whose first and last students share
    // a class lies in it.
    let one_class = classes.first == classes.last;
    // Per-class columns and 0/1 columns are read by functions, not
    // closures: an out-of-line closure would be compiled for the baseline
    // instruction set, not for the caller's.
    let cc = &cols.classes;
    let stu = LaneStudents::load(cols, first, n);
    let fam = LaneFamilies::load(cols, first, n);
    let left_behind_kind: [LeftBehind; LANES] = pick(&cols.left_behind, first, n);
    let away_presence = load(&cols.presence, first, n);
    let grandparent_care = flags(&cols.grandparent_care, first, n);
    let grade = classes.values(&cc.grade, 0);
    let female = flags(&cols.female, first, n);
    let minority = flags(&cols.minority, first, n);
    let teacher_skill = classes.values(&cc.teacher_skill, 0);
    let mh_training = classes.values(&cc.mh_training, 0);
    let services = classes.values(&cc.services, 0);
    let risk = classes.values(&cc.risk, 0);
    let pressure = classes.values(&cc.pressure, 0);
    let counsellor = classes.values(&cc.counsellor, 0);
    let lev = match levers {
        Some(l) => l.load(k, n),
        None => LaneLevers::zeros(),
    };
    let s = state.view().load(k, n);
    let peer = load(inputs.peer, k, n);
    let quality = classes.values(inputs.quality, first_class);
    let draws = Draws::of(replicate_key, week.week, |j| first + at(j));
    let [z, z_dev] = draws.chronic;

    // 7. Trust and uptake: how much of what is offered this family takes up;
    // teacher training raises and teacher overload lowers contact quality.
    let outside = lanes(|j| trust::outside_resources(services[j], counsellor[j], mh_training[j]));
    // The trust's weight in uptake is the trust itself unless the exponent
    // is not 1 (decided once per lane, not per student).
    let weight = if p.trust.exponent == 1.0 {
        s.trust
    } else {
        lanes(|j| trust::trust_weight(&p.trust, s.trust[j]))
    };
    let uptake =
        lanes(|j| trust::uptake_of_weight(&p.trust, weight[j], fam.availability[j], outside[j]));
    let contact_quality =
        lanes(|j| (1.0 + p.support.teacher_training_gain * lev.teacher_training[j]) * quality[j]);
    let fit = lanes(|j| {
        trust::cultural_fit(
            &p.trust,
            minority[j] != 0.0,
            lev.cultural[j],
            sw.cultural_fit,
        )
    });

    // 8. Left-behind children: presence at home, emotional talk, separation.
    let remote = lanes(|j| p.support.baseline_remote_contact + lev.remote[j] * uptake[j]);
    let presence = lanes(|j| {
        left_behind::presence(
            &p.support,
            away_presence[j],
            parents_home,
            remote[j],
            sw.left_behind,
        )
    });
    let talk = lanes(|j| {
        left_behind::emotional_talk(
            &p.support,
            grandparent_care[j],
            parents_home,
            sw.left_behind,
        )
    });
    let separation = lanes(|j| {
        left_behind::separation_stress(
            st,
            &p.support,
            left_behind_kind[j],
            parents_home,
            remote[j],
            sw.left_behind,
        )
    });

    // Parenting persistence: what parent programmes train stays at home.
    let persist = sw.parenting_persistence;
    let home_modelling = lanes(|j| {
        unit(parenting::home_skill(
            l,
            s.home_modelling[j],
            lev.modelling[j] * uptake[j],
            persist,
        ))
    });
    let home_behaviour = lanes(|j| {
        unit(parenting::home_skill(
            l,
            s.home_behaviour[j],
            lev.behaviour[j] * uptake[j],
            persist,
        ))
    });

    // Two-way feedback: last week's distress above its reference.
    let excess = lanes(|j| sw.distress_feedback * (s.distress[j] - l.distress_reference));

    // 2. Social support from each microsystem.
    let in_care = lanes(|j| (s.care_weeks[j] > 0.0) as u8 as f32);
    // Developmental change shifts how the student perceives relationships
    // as well as the intrapersonal components' targets (one shared process).
    let dev = lanes(|j| chronic::development(l, s.development[j], z_dev[j], sw.development));
    let support = lanes(|j| {
        let sources = support::Sources {
            family: fam.warmth[j] * presence[j] * talk[j]
                + p.support.left_behind_care_gain * lev.left_behind_care[j]
                + p.support.modelling_support_gain * home_modelling[j],
            teacher: in_school
                * teacher_skill[j]
                * contact_quality[j]
                * trust::teacher_support_factor(&p.trust, s.trust[j])
                + p.support.care_support * in_care[j],
            peer: peer[j] + p.support.mentoring_gain * lev.mentoring[j],
            community: services[j] * (1.0 + p.support.partnership_gain * lev.partnership[j]),
        };
        unit(support::perceived(
            &p.support,
            s.support[j],
            &sources,
            excess[j],
            l.development_support * dev[j],
        ))
    });

    // 1. Stress: chronic strain, this week's stressors, the filter, and the
    // two time scales of symptoms.
    let events = draws.events;
    let jump = lanes(|j| stress::family_event(st, fam.ses[j], events[1][j]));
    let chronic_strain = lanes(|j| {
        chronic::next(
            st,
            s.chronic[j],
            fam.ses[j],
            z[j],
            jump[j],
            sw.chronic_strain,
        )
    });
    let load = lanes(|j| {
        let exposure = stress::Exposure {
            in_school,
            exam: week.exam as u8 as f32,
            term_progress: week.term_progress,
            pressure: pressure[j],
            grade_step: sw.sex_grade * (grade[j] - 7.0).max(0.0),
            social_competence: s.social_competence[j],
            community_risk: risk[j]
                * (1.0 - p.support.partnership_risk * lev.partnership[j].min(1.0)),
            separation: separation[j],
            alienation: trust::alienation_stress(&p.trust, fit[j], in_school),
            chronic: chronic_strain[j],
        };
        let female = female[j] * sw.sex_grade;
        let reactivity = 2.0 * stu.reactivity[j] * (1.0 + female * (st.female_reactivity - 1.0));
        let u = [events[0][j], events[1][j], events[2][j], events[3][j]];
        stress::stressors(st, &exposure, u).total() * reactivity
    });
    // Resilience with this week's support and last week's other components.
    let resilience = lanes(|j| {
        resilience_of(
            s.self_efficacy[j],
            s.hope[j],
            s.emotion_regulation[j],
            s.social_competence[j],
            support[j],
        )
    });
    let filtered = lanes(|j| {
        let buffered = support::buffered(
            &p.support,
            load[j],
            support[j],
            s.emotion_regulation[j],
            stu.extraversion[j],
            sw.support_buffering,
        );
        stress::resisted(st, buffered, resilience[j])
    });
    let strain = lanes(|j| stress::strain(st, s.strain[j], filtered[j]));
    let symptoms = lanes(|j| stress::symptoms(st, s.symptoms[j], filtered[j], resilience[j]));

    // 4. Information flow and detection: noticed students get joint care,
    // which relieves a share of their symptoms (more where there are more).
    let p_notice = lanes(|j| {
        let channels = detection::Channels {
            teacher: in_school
                * p.detection.teacher_observation
                * (1.0 + p.detection.mh_training_gain * mh_training[j]),
            contact: lev.info[j] * uptake[j] * contact_quality[j],
            goals: lev.goals[j] * uptake[j],
            screening: in_school
                * (lev.screening[j] + p.detection.counsellor_screening * counsellor[j]),
        };
        let seen = unit(symptoms[j] + strain[j]);
        detection::probability(
            &p.detection,
            p.macrosystem.stigma,
            &channels,
            seen,
            sw.detection,
        )
    });
    let choices = draws.choices;
    let care = lanes(|j| {
        let detected = (1.0 - in_care[j]) * (choices[0][j] < p_notice[j]) as u8 as f32;
        s.care_weeks[j] + detected * p.detection.care_weeks
    });
    let caring = lanes(|j| (care[j] > 0.0) as u8 as f32);
    let symptoms = lanes(|j| {
        let joint = (uptake[j] * (lev.two_way[j] + lev.goals[j])).min(1.0);
        let relief = detection::relief(&p.detection, l.caregiver_synergy, joint);
        unit(symptoms[j] - caring[j] * relief * symptoms[j])
    });
    let care_weeks = lanes(|j| (care[j] - caring[j]).max(0.0));
    let distress = lanes(|j| unit(symptoms[j] + strain[j]));
    let (growth, erosion) = lane_pairs(|j| {
        let coped = (distress[j] < st.clinical_threshold) as u8 as f32;
        stress::challenge(st, filtered[j], coped, sw.stress_growth)
    });

    // 3. Consistency across settings: alignment speeds regulation learning.
    let alignment = lanes(|j| {
        unit(consistency::alignment(
            l,
            s.alignment[j],
            (lev.two_way[j] + lev.goals[j]) * uptake[j],
        ))
    });

    // 5. Social learning of regulation from parents and teachers.
    let emotion_regulation = lanes(|j| {
        let speed = consistency::learning_speed(l, alignment[j], sw.consistency);
        let models = social_learning::model_skill(
            l,
            fam.modelling_skill[j],
            presence[j],
            home_modelling[j],
            teacher_skill[j],
            in_school,
        );
        let curriculum = lev.curriculum[j]
            * (1.0 + l.caregiver_synergy * uptake[j] * alignment[j] * sw.consistency);
        let target = social_learning::regulation_target(
            l,
            stu.emotion_regulation0[j] + l.development_regulation * dev[j],
            models,
            curriculum,
            support[j],
            excess[j],
            sw.social_learning,
        );
        let er = social_learning::regulation(l, s.emotion_regulation[j], target, speed);
        unit(er + growth[j] * (1.0 - er))
    });

    // 6. Mastery: success experiences raise self-efficacy.
    let self_efficacy = lanes(|j| {
        let p_success = mastery::success_probability(
            l,
            &p.academic,
            lev.goals[j] * uptake[j],
            home_behaviour[j],
            s.academic_engagement[j],
            sw.academic_pathway,
        );
        let success = (choices[1][j] < p_success) as u8 as f32;
        let se = mastery::self_efficacy(
            l,
            s.self_efficacy[j],
            stu.self_efficacy0[j] + dev[j],
            success,
            support[j],
            excess[j],
        );
        unit(se + growth[j] * (1.0 - se) - erosion[j] * se)
    });

    // Hope and social competence drift to targets set by support, distress,
    // peers and programmes.
    let hope = lanes(|j| {
        let target =
            stu.hope0[j] + dev[j] + l.hope_support_gain * (support[j] - l.support_reference)
                - l.distress_hope * excess[j];
        unit(s.hope[j] + l.setpoint_rate * (target - s.hope[j]) - erosion[j] * s.hope[j])
    });
    let social_competence = lanes(|j| {
        let target = stu.social_competence0[j]
            + dev[j]
            + l.peer_social_gain * (peer[j] - l.support_reference)
            + l.programme_social_gain
                * (home_behaviour[j] + lev.goals[j] * uptake[j] + home_modelling[j])
            + l.volunteer_gain * lev.volunteer[j] * uptake[j]
            + l.mentoring_social_gain * lev.mentoring[j];
        let sc = s.social_competence[j];
        unit(sc + l.setpoint_rate * (target - sc))
    });

    // The academic pathway: engagement follows efficacy, home socialisation,
    // goals, behaviour support and distress.
    let academic_engagement = lanes(|j| {
        let drivers = academic::Drivers {
            self_efficacy: self_efficacy[j],
            homework: lev.homework[j] * uptake[j],
            info: lev.info[j] * uptake[j] * contact_quality[j],
            goals: lev.goals[j] * uptake[j],
            home_behaviour: home_behaviour[j],
            distress_excess: excess[j],
        };
        let target = academic::engagement_target(
            &p.academic,
            stu.academic_engagement0[j],
            &drivers,
            sw.academic_pathway,
        );
        let ae = s.academic_engagement[j];
        unit(ae + l.setpoint_rate * (target - ae))
    });

    // 7. Trust follows the kind, intensity and cultural fit of contact.
    let trust = lanes(|j| {
        let contact = trust::Contact {
            two_way: lev.two_way[j] * contact_quality[j],
            one_way: lev.one_way[j],
            volunteer: lev.volunteer[j] * fam.availability[j],
            fit: fit[j],
        };
        unit(trust::trust(
            &p.trust,
            s.trust[j],
            fam.trust0[j],
            &contact,
            sw.trust_dynamics,
        ))
    });

    // 9. Adults: parent efficacy follows involvement.
    let parent_efficacy = lanes(|j| {
        let involvement = uptake[j]
            * (lev.behaviour[j]
                + lev.goals[j]
                + lev.modelling[j]
                + p.adults.two_way_involvement * lev.two_way[j]);
        unit(adults::parent_efficacy(
            &p.adults,
            s.parent_efficacy[j],
            fam.parent_efficacy0[j],
            involvement,
        ))
    });
    let hours = lanes(|j| adults::care_hours(&p.detection, caring[j]));

    // Store: the lane's students' new state into their columns, and their
    // teacher hours of care into their classes in student order.
    state.store(
        k,
        n,
        &LaneState {
            self_efficacy,
            hope,
            emotion_regulation,
            social_competence,
            support,
            academic_engagement,
            distress,
            symptoms,
            strain,
            chronic: chronic_strain,
            development: dev,
            trust,
            alignment,
            parent_efficacy,
            care_weeks,
            home_modelling,
            home_behaviour,
        },
    );
    if one_class {
        // The same additions in the same order, into a register.
        let class = &mut care_hours[class_of[0] - first_class];
        let mut sum = *class;
        for &h in &hours[..n] {
            sum += h as f64;
        }
        *class = sum;
    } else {
        for j in 0..n {
            care_hours[class_of[j] - first_class] += hours[j] as f64;
        }
    }
}
