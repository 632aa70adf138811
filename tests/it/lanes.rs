//! The weekly step runs lanes of students side by side (`model::lane`): a
//! student's week must not depend on which lane the student falls in, nor on
//! the lane's neighbours, nor on whether the lane is full. Stepping the same
//! students as one block (lanes of 8 from the first student) and class by
//! class (every class starts a new lane; classes of 15 end in part-filled
//! lanes) must give bit-identical states and teacher hours, with every
//! component on and levers that differ from student to student. And the
//! step compiled for each instruction set (`model::Isa`: baseline SSE2 and,
//! where the CPU has it, AVX2) must give the same bits.

use std::path::Path;

use resilience_sim::model::{
    self, Block, BlockInputs, Isa, Levers, States, StudentLevers, StudentState, WeekInfo,
    lane::LANES,
};
use resilience_sim::population::Population;
use resilience_sim::rng;
use resilience_sim::scenario::{self, Scenario};

/// The test scenario, its population (replicate 0 of seed 11) and the
/// population as one block.
fn fixture() -> (Scenario, Population, Vec<Block>) {
    let sc = scenario();
    let pop = Population::synthesize(
        &sc.population,
        &sc.traits,
        &sc.params,
        rng::replicate_key(11, 0),
    );
    let whole = vec![Block {
        students: 0..pop.len(),
        classes: 0..pop.classes.len(),
    }];
    (sc, pop, whole)
}

fn scenario() -> Scenario {
    let mut sc = scenario::load(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/rural_left_behind.toml"
    )))
    .expect("bundled scenario loads");
    sc.population.schools = 2;
    sc.population.classes_per_school = 3;
    sc.population.class_size = 15;
    sc
}

/// Levers that differ from student to student, every one of them on.
fn levers(i: usize) -> StudentLevers {
    let x = |k: usize| ((i * 7 + k * 13) % 11) as f32 / 10.0;
    StudentLevers {
        info: x(0),
        two_way: x(1),
        one_way: x(2),
        remote: x(3),
        modelling: x(4),
        behaviour: x(5),
        goals: x(6),
        volunteer: x(7),
        homework: x(8),
        left_behind_care: x(9),
        curriculum: x(10),
        mentoring: x(11),
        screening: x(12),
        partnership: x(13),
        teacher_training: x(14),
        cultural: x(15),
    }
}

/// Every field of every student, as bits.
fn bits(s: &[StudentState]) -> Vec<u32> {
    s.iter()
        .flat_map(|x| {
            [
                x.self_efficacy,
                x.hope,
                x.emotion_regulation,
                x.social_competence,
                x.support,
                x.academic_engagement,
                x.distress,
                x.symptoms,
                x.strain,
                x.chronic,
                x.development,
                x.trust,
                x.alignment,
                x.parent_efficacy,
                x.care_weeks,
                x.home_modelling,
                x.home_behaviour,
            ]
        })
        .map(f32::to_bits)
        .collect()
}

/// What the step is given as levers.
#[derive(Debug, Clone, Copy, PartialEq)]
enum LeverInput {
    /// Each student's own ([`levers`]).
    Varied,
    /// Columns of zeros.
    Zeros,
    /// None (usual practice, the burn-in).
    Absent,
}

/// Thirty weeks of every student, the population split into `blocks`;
/// returns the states and every class's teacher hours of care.
fn simulate(sc: &Scenario, pop: &Population, blocks: &[Block]) -> (Vec<StudentState>, Vec<f64>) {
    simulate_on(Isa::detected(), sc, pop, blocks, LeverInput::Varied, false)
}

/// [`simulate`] with the step compiled for `isa`, the levers of `input`,
/// and, when `edges`, every fifth student's state set to −0.0, 0 or 1 in
/// every field at the start.
fn simulate_on(
    isa: Isa,
    sc: &Scenario,
    pop: &Population,
    blocks: &[Block],
    input: LeverInput,
    edges: bool,
) -> (Vec<StudentState>, Vec<f64>) {
    let key = rng::replicate_key(11, 0);
    let n = pop.len();
    let lev: Levers = match input {
        LeverInput::Varied => (0..n).map(levers).collect(),
        LeverInput::Zeros | LeverInput::Absent => Levers::zeros(n),
    };
    let mut state = States::initial(&sc.params, pop);
    if edges {
        let edge = |i: usize, v: f32| match (i % 5, i / 5 % 3) {
            (0, 0) => -0.0,
            (0, 1) => 0.0,
            (0, _) => 1.0,
            _ => v,
        };
        state = States::from_columns(
            state
                .columns()
                .iter()
                .map(|c| c.iter().enumerate().map(|(i, &v)| edge(i, v)).collect())
                .collect(),
        );
    }
    let mut hours = vec![0.0f64; pop.classes.len()];
    let quality: Vec<f32> = (0..pop.classes.len())
        .map(|c| 0.6 + 0.1 * c as f32)
        .collect();
    let mut peer = vec![0.0f32; n];
    for w in 1..=30 {
        let week = WeekInfo::of(&sc.calendar, w);
        for b in blocks {
            let (s, c) = (b.students.clone(), b.classes.clone());
            model::peer_support(
                &sc.params,
                pop,
                &state.social_competence[s.clone()],
                s.start,
                &mut peer[s.clone()],
            );
            let inputs = BlockInputs {
                block: b,
                levers: (input != LeverInput::Absent).then(|| lev.view().slice(s.clone())),
                peer: &peer[s.clone()],
                quality: &quality[c.clone()],
            };
            model::step_on(
                isa,
                &sc.params,
                pop,
                &week,
                key,
                &inputs,
                state.view_mut().slice(s),
                &mut hours[c],
            );
        }
    }
    (state.to_rows(), hours)
}

#[test]
fn a_students_week_does_not_depend_on_the_lane_it_falls_in() {
    let (sc, pop, whole) = fixture();
    let by_class = by_class(&pop);
    assert!(
        by_class.iter().any(|b| b.students.len() % LANES != 0),
        "some class ends in a part-filled lane"
    );
    let (a, ha) = simulate(&sc, &pop, &whole);
    let (b, hb) = simulate(&sc, &pop, &by_class);
    assert_eq!(bits(&a), bits(&b));
    assert_eq!(ha, hb);
    assert!(
        ha.iter().any(|&h| h > 0.0),
        "some students were in joint care"
    );
    assert!(
        a.iter()
            .zip(StudentState::initial_states(&pop, &sc.params, 0..pop.len()))
            .all(|(x, y)| x != &y),
        "every student moved"
    );
}

#[test]
fn every_instruction_set_gives_the_same_bits() {
    let (sc, pop, whole) = fixture();
    let varied = LeverInput::Varied;
    let (base, base_hours) = simulate_on(Isa::Baseline, &sc, &pop, &whole, varied, false);
    if !Isa::Avx2.is_available() {
        eprintln!("this CPU has no AVX2: only the baseline step ran");
        return;
    }
    let (wide, wide_hours) = simulate_on(Isa::Avx2, &sc, &pop, &whole, varied, false);
    assert_eq!(bits(&base), bits(&wide));
    assert_eq!(base_hours, wide_hours);
    assert!(
        base_hours.iter().any(|&h| h > 0.0),
        "some students were in joint care"
    );
}

/// The step has a copy for blocks without levers (usual practice, the
/// burn-in): it must give the bits of the general step with every lever
/// 0, in full and part-filled lanes, on every instruction set, from states
/// that include −0.0, 0 and 1.
#[test]
fn a_block_without_levers_steps_as_with_every_lever_at_zero() {
    let (sc, pop, whole) = fixture();
    for isa in [Isa::Baseline, Isa::Avx2] {
        if !isa.is_available() {
            eprintln!("this CPU does not run {isa:?}");
            continue;
        }
        for blocks in [&whole, &by_class(&pop)] {
            for edges in [false, true] {
                let run = |input| simulate_on(isa, &sc, &pop, blocks, input, edges);
                let ((zeros, zero_hours), (absent, absent_hours)) =
                    (run(LeverInput::Zeros), run(LeverInput::Absent));
                let what = format!("{isa:?}, {} blocks, edges {edges}", blocks.len());
                assert_eq!(bits(&zeros), bits(&absent), "{what}");
                assert_eq!(zero_hours, absent_hours, "{what}");
                assert!(
                    zero_hours.iter().any(|&h| h > 0.0),
                    "some students were in joint care ({what})"
                );
            }
        }
    }
}

/// Every class as a block of its own (blocks that start inside a lane).
fn by_class(pop: &Population) -> Vec<Block> {
    pop.classes
        .iter()
        .enumerate()
        .map(|(c, class)| Block {
            students: class.first as usize..(class.first + class.size) as usize,
            classes: c..c + 1,
        })
        .collect()
}

#[test]
fn peer_support_is_the_plain_mean_of_friends_on_every_instruction_set() {
    let (sc, pop, whole) = fixture();
    let n = pop.len();
    // Social competences that are not round numbers.
    let competence: Vec<f32> = (0..n)
        .map(|i| ((i * 37 % 101) as f32 + 0.3) / 101.7)
        .collect();
    // Each student's friends summed one after another, then divided.
    let plain: Vec<u32> = (0..n)
        .map(|i| {
            let friends: Vec<u32> = pop.friends.of(i).collect();
            let mean = if friends.is_empty() {
                sc.params.support.peer_alone
            } else {
                friends.iter().map(|&j| competence[j as usize]).sum::<f32>() / friends.len() as f32
            };
            mean.to_bits()
        })
        .collect();
    assert!(
        (0..n).any(|i| pop.friends.of(i).count() >= 3),
        "some students have several friends"
    );
    for isa in [Isa::Baseline, Isa::Avx2] {
        if !isa.is_available() {
            eprintln!("this CPU does not run {isa:?}");
            continue;
        }
        for blocks in [&whole, &by_class(&pop)] {
            let mut peer = vec![f32::NAN; n];
            for b in blocks {
                let s = b.students.clone();
                model::peer_support_on(
                    isa,
                    &sc.params,
                    &pop,
                    &competence[s.clone()],
                    s.start,
                    &mut peer[s],
                );
            }
            let got: Vec<u32> = peer.iter().map(|v| v.to_bits()).collect();
            assert_eq!(got, plain, "{isa:?}, {} blocks", blocks.len());
        }
    }
}
