//! The students of one population as they are simulated, stepped block by
//! block.
//!
//! Students are stepped in blocks of whole classes. A small population is one
//! block; a large one is split so that a single simulation uses every core.
//! Friends are classmates, so a block reads last week's peers of its own
//! students only and writes only its own students; its outcomes are tallied
//! as exact integer sums. The result does not depend on how many threads run
//! the blocks.

use rayon::prelude::*;

use super::strategy::{CompiledStrategy, Offers};
use crate::model::mechanisms::adults;
use crate::model::{self, Block, BlockInputs, Levers, LeversMut, States, StatesMut, WeekInfo};
use crate::population::Population;
use crate::scenario::{ModelParams, Scenario};
use crate::stats::{Cells, Record, SurveyRun, SurveyWeek, WEEK_CELLS, WeekTally};

/// Students per block at least (blocks end at class boundaries).
pub const BLOCK_STUDENTS: usize = 16_384;

/// Number of blocks [`blocks`] makes of a scenario's populations.
pub fn block_count(sc: &Scenario) -> usize {
    let p = &sc.population;
    if !p.is_district() {
        // Classes of one size: whole blocks of `per_block` classes.
        let size = (p.class_size as usize).max(1);
        let per_block = BLOCK_STUDENTS.div_ceil(size);
        return (p.classes() as usize).div_ceil(per_block).max(1);
    }
    let mut count = 0;
    let mut in_block = 0;
    let mut sizes = p.class_sizes().peekable();
    while let Some(size) = sizes.next() {
        in_block += size as usize;
        if in_block >= BLOCK_STUDENTS || sizes.peek().is_none() {
            count += 1;
            in_block = 0;
        }
    }
    count.max(1)
}

/// Splits the population into blocks of whole classes, of at least
/// [`BLOCK_STUDENTS`] students (the last one may be smaller).
pub fn blocks(pop: &Population) -> Vec<Block> {
    blocks_of(pop, BLOCK_STUDENTS)
}

/// Splits the population into blocks of whole classes, of at least
/// `students` students (the last one may be smaller). The result of a
/// simulation does not depend on its blocks, only its memory and how many
/// threads it keeps busy.
pub fn blocks_of(pop: &Population, students: usize) -> Vec<Block> {
    let mut out = Vec::new();
    let mut start_class = 0;
    let mut start_student = 0;
    for (c, class) in pop.classes.iter().enumerate() {
        let end = (class.first + class.size) as usize;
        if end - start_student >= students || c + 1 == pop.classes.len() {
            out.push(Block {
                students: start_student..end,
                classes: start_class..c + 1,
            });
            start_class = c + 1;
            start_student = end;
        }
    }
    out
}

/// Every student's state, levers and peer support, with the teacher hours
/// of joint care per class and, when there are several blocks, each block's
/// tally of the week. State and levers are columns ([`States`],
/// [`Levers`]): the step loads and stores lanes of them, the recording
/// reads them.
pub(super) struct Cohort<'a> {
    pop: &'a Population,
    blocks: &'a [Block],
    /// State of every student.
    pub state: States,
    /// Levers of every student; `None` while no component has set any (the
    /// burn-in, usual practice), so that no memory holds zeros.
    pub levers: Option<Levers>,
    /// Whether a component runs this week. In a week none runs every lever
    /// is 0, and the step is handed no levers: it then runs its copy with
    /// constant zero levers, which gives the same bits.
    running: bool,
    peer: Vec<f32>,
    /// Teacher hours of joint care per class, over the run.
    pub care_hours: Vec<f64>,
    /// The same at the start of this week (the week's care hours are the
    /// difference).
    care_before: Vec<f64>,
    /// Quality of home–school contact per class this week (from last
    /// week's teacher hours).
    pub quality: Vec<f32>,
    /// Histogram counts of the week recorded last (kept small and hot:
    /// [`Cohort::week`] tallies into them, the caller then hands them on).
    pub week_cells: Cells,
    tallies: Vec<WeekTally>,
}

/// One block's share of everything a week touches.
struct Piece<'s> {
    block: &'s Block,
    state: StatesMut<'s>,
    levers: Option<model::LeversRef<'s>>,
    peer: &'s mut [f32],
    care_hours: &'s mut [f64],
    care_before: &'s mut [f64],
    quality: &'s mut [f32],
    tally: &'s mut WeekTally,
}

/// One week of a block of classes: peers first, then the step, then next
/// week's contact quality of its classes from this week's teacher hours
/// (`component_hours` per class of the population).
#[allow(clippy::too_many_arguments)]
pub(super) fn step_block(
    p: &ModelParams,
    pop: &Population,
    week: &WeekInfo,
    key: u64,
    component_hours: &[f64],
    block: &Block,
    levers: Option<model::LeversRef<'_>>,
    peer: &mut [f32],
    mut state: StatesMut<'_>,
    care_hours: &mut [f64],
    care_before: &mut [f64],
    quality: &mut [f32],
) {
    model::peer_support(
        p,
        pop,
        state.view().social_competence,
        block.students.start,
        peer,
    );
    let inputs = BlockInputs {
        block,
        levers,
        peer,
        quality,
    };
    model::step(p, pop, week, key, &inputs, state.reborrow(), care_hours);
    let on = p.mechanisms.factors().teacher_capacity;
    for (k, c) in block.classes.clone().enumerate() {
        let care = care_hours[k] - care_before[k];
        care_before[k] = care_hours[k];
        let demand = (component_hours[c] + care) as f32;
        quality[k] = adults::contact_quality(&p.detection, demand, on);
    }
}

/// Splits `xs` into consecutive pieces of the given lengths.
fn split<T>(mut xs: &mut [T], lengths: impl Iterator<Item = usize>) -> Vec<&mut [T]> {
    lengths
        .map(|n| {
            let (head, tail) = std::mem::take(&mut xs).split_at_mut(n);
            xs = tail;
            head
        })
        .collect()
}

impl<'a> Cohort<'a> {
    /// Students in `state` (every student of `pop`), with no lever set, no
    /// teacher hours yet and contact of quality `quality` per class.
    pub fn new(pop: &'a Population, blocks: &'a [Block], state: States, quality: Vec<f32>) -> Self {
        let n = state.len();
        let tallies = if blocks.len() > 1 {
            blocks.iter().map(|_| WeekTally::new()).collect()
        } else {
            Vec::new()
        };
        Cohort {
            pop,
            blocks,
            state,
            levers: None,
            running: false,
            peer: vec![0.0; n],
            care_hours: vec![0.0; pop.classes.len()],
            care_before: vec![0.0; pop.classes.len()],
            quality,
            week_cells: Cells::new(WEEK_CELLS),
            tallies,
        }
    }

    /// One week: peers first, then the step, then (when `record` is given)
    /// the outcomes: sums into recorded week `w` of the record, histogram
    /// counts into [`Cohort::week_cells`]; then next week's contact quality
    /// from this week's teacher hours (`component_hours` per class: those of
    /// the components running this week).
    pub fn week(
        &mut self,
        p: &ModelParams,
        week: &WeekInfo,
        key: u64,
        component_hours: &[f64],
        record: Option<(&mut Record, usize)>,
    ) {
        let pop = self.pop;
        let threshold = p.stress.clinical_threshold;
        // The levers the step reads this week: none when no component runs.
        let levers = self.levers.as_ref().filter(|_| self.running);
        if self.blocks.len() == 1 {
            step_block(
                p,
                pop,
                week,
                key,
                component_hours,
                &self.blocks[0],
                levers.map(Levers::view),
                &mut self.peer,
                self.state.view_mut(),
                &mut self.care_hours,
                &mut self.care_before,
                &mut self.quality,
            );
            if let Some((rec, w)) = record {
                rec.tally(w, &mut self.week_cells).observe(
                    &pop.columns.atom,
                    self.state.view(),
                    threshold,
                );
            }
            return;
        }
        let squares = record.as_ref().map(|(rec, w)| rec.squares(*w));
        let lengths = || self.blocks.iter().map(|b| b.students.len());
        let states = self.state.view_mut().split(lengths());
        let peers = split(&mut self.peer, lengths());
        let classes = || self.blocks.iter().map(|b| b.classes.len());
        let cares = split(&mut self.care_hours, classes());
        let befores = split(&mut self.care_before, classes());
        let qualities = split(&mut self.quality, classes());
        let pieces: Vec<Piece<'_>> = self
            .blocks
            .iter()
            .zip(states)
            .zip(peers)
            .zip(cares)
            .zip(befores)
            .zip(qualities)
            .zip(self.tallies.iter_mut())
            .map(
                |((((((block, state), peer), care_hours), care_before), quality), tally)| Piece {
                    block,
                    levers: levers.map(|l| l.view().slice(block.students.clone())),
                    state,
                    peer,
                    care_hours,
                    care_before,
                    quality,
                    tally,
                },
            )
            .collect();
        pieces.into_par_iter().for_each(|mut piece| {
            let b = piece.block;
            step_block(
                p,
                pop,
                week,
                key,
                component_hours,
                b,
                piece.levers,
                piece.peer,
                piece.state.reborrow(),
                piece.care_hours,
                piece.care_before,
                piece.quality,
            );
            if let Some(squares) = squares {
                piece.tally.tally(squares).observe(
                    &pop.columns.atom[b.students.clone()],
                    piece.state.view(),
                    threshold,
                );
            }
        });
        if let Some((rec, w)) = record {
            let mut tally = rec.tally(w, &mut self.week_cells);
            for part in &mut self.tallies {
                tally.absorb(part);
            }
        }
    }

    /// Rewrites every student's levers for the components of `strategy`
    /// running this week, block by block (see [`Offers::set_levers`]). In a
    /// week no component runs, the columns are left as they are and the
    /// step reads none ([`Cohort::week`]).
    pub fn set_levers(&mut self, offers: &Offers, strategy: &CompiledStrategy, running: u64) {
        self.running = running != 0;
        if running == 0 {
            return;
        }
        let pop = self.pop;
        let n = self.state.len();
        let levers = self.levers.get_or_insert_with(|| Levers::zeros(n));
        if self.blocks.len() == 1 {
            offers.set_levers(pop, strategy, running, 0, levers.view_mut());
            return;
        }
        let levers: Vec<LeversMut<'_>> = levers
            .view_mut()
            .split(self.blocks.iter().map(|b| b.students.len()));
        self.blocks.par_iter().zip(levers).for_each(|(b, levers)| {
            offers.set_levers(pop, strategy, running, b.students.start, levers)
        });
    }

    /// Tallies the outcomes of every student (block by block, in parallel)
    /// into `into`, without sums of squares.
    pub fn observe(&mut self, into: &mut WeekTally, threshold: f32) {
        let pop = self.pop;
        if self.blocks.len() == 1 {
            into.tally(false)
                .observe(&pop.columns.atom, self.state.view(), threshold);
            return;
        }
        let state = self.state.view();
        self.blocks
            .par_iter()
            .zip(self.tallies.par_iter_mut())
            .for_each(|(b, tally)| {
                tally.tally(false).observe(
                    &pop.columns.atom[b.students.clone()],
                    state.slice(b.students.clone()),
                    threshold,
                )
            });
        let mut whole = into.tally(false);
        for part in &mut self.tallies {
            whole.absorb(part);
        }
    }

    /// Surveys every student in recorded week `w` into `survey`: the
    /// cross-section of a window week block by block (in parallel), the
    /// panels' waves on the whole population.
    pub fn survey(&self, survey: &mut SurveyRun, w: usize, threshold: f32) {
        let pop = self.pop;
        let week = survey.in_window(w).then(|| {
            let part = |b: &Block| {
                SurveyWeek::observe(
                    &pop.students[b.students.clone()],
                    self.state.view().slice(b.students.clone()),
                    threshold,
                )
            };
            if self.blocks.len() == 1 {
                return part(&self.blocks[0]);
            }
            let parts: Vec<SurveyWeek> = self.blocks.par_iter().map(part).collect();
            let mut parts = parts.into_iter();
            let mut whole = parts.next().expect("a population has at least one block");
            for p in parts {
                whole.merge(&p);
            }
            whole
        });
        survey.observe_with(w, &pop.students, self.state.view(), threshold, week);
    }
}
