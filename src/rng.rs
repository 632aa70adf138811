//! Counter-based random streams.
//!
//! Every random number in a run is a pure function of
//! `(master seed, replicate, entity, week, stream, draw)`. Nothing is carried
//! from one draw to the next, so
//!
//! * **common random numbers** are exact: a stressor event for student 17 in
//!   week 12 of replicate 3 is the same number under every strategy, because
//!   no strategy can consume or shift a draw another strategy makes;
//! * results do not depend on the order in which threads visit students,
//!   replicates or shards.
//!
//! The mixer is SplitMix64's finaliser (Steele, Lea & Flood 2014), which passes
//! BigCrush when fed a counter. [`KeyedRng`] exposes a stream as a `rand` 0.10
//! generator so that `rand_distr` distributions can sample from it.

use core::convert::Infallible;

use rand::{SeedableRng, TryRng, rngs::Xoshiro256PlusPlus};

/// Named random streams. Each mechanism draws from its own stream, so adding a
/// draw to one mechanism never shifts the numbers another mechanism sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u64)]
pub enum Stream {
    /// Population synthesis of one replicate.
    Population = 1,
    /// The draws of one student in one week; [`Draw`] names them.
    StudentWeek = 2,
    /// Whether a family or class is offered a component (keyed by component).
    Offer = 3,
    /// Which posterior particle a replicate's parameters come from
    /// (`resim run --uncertainty`).
    Parameters = 4,
}

/// The numbered draws of a student-week key, one per random event of the step.
#[derive(Debug, Clone, Copy)]
#[repr(u64)]
pub enum Draw {
    /// The week's stressors: four uniforms ([`uniforms4`]) for the noise of the
    /// academic load, a family adversity event, a peer conflict and a
    /// community risk event.
    Events = 0,
    /// The innovations of the student's chronic strain and developmental
    /// change ([`normals2`]).
    Chronic = 1,
    /// Whether a struggling student is noticed and whether the student has a
    /// success experience (two of the four uniforms of [`uniforms4`]).
    Choices = 2,
}

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's output function: a bijective avalanche mix of 64 bits.
#[inline(always)]
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Key of one replicate: all of its streams derive from it.
#[inline]
pub fn replicate_key(seed: u64, replicate: u64) -> u64 {
    mix(mix(seed ^ 0x5EED_0FC0_FFEE).wrapping_add(replicate.wrapping_mul(GOLDEN)))
}

/// Key of one entity (student, family, class) in one week of one stream.
#[inline(always)]
pub fn key(replicate_key: u64, stream: Stream, entity: u64, week: i64) -> u64 {
    let a = replicate_key ^ (stream as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    let b = mix(a.wrapping_add(entity.wrapping_mul(GOLDEN)));
    mix(b ^ (week as u64).wrapping_mul(0xA076_1D64_78BD_642F))
}

/// The uniform number in `[0, 1)` of a named draw of a student-week key.
#[inline(always)]
pub fn draw(key: u64, which: Draw) -> f32 {
    uniform(key, which as u64)
}

/// The `draw`-th uniform number in `[0, 1)` of a key, with 24 bits of precision.
#[inline(always)]
pub fn uniform(key: u64, draw: u64) -> f32 {
    let bits = mix(key.wrapping_add(draw.wrapping_mul(GOLDEN)));
    (bits >> 40) as f32 * (1.0 / (1u64 << 24) as f32)
}

/// Four uniforms on [0, 1) with 16-bit resolution from one 64-bit hash of
/// `(key, which)`: four independent draws for the price of one mix.
#[inline(always)]
pub fn uniforms4(key: u64, which: Draw) -> [f32; 4] {
    let bits = mix(key.wrapping_add((which as u64).wrapping_mul(GOLDEN)));
    const SCALE: f32 = 1.0 / 65536.0;
    [
        (bits & 0xFFFF) as f32 * SCALE,
        ((bits >> 16) & 0xFFFF) as f32 * SCALE,
        ((bits >> 32) & 0xFFFF) as f32 * SCALE,
        (bits >> 48) as f32 * SCALE,
    ]
}

/// Two approximately standard normal variates from one 64-bit hash: each the
/// Irwin–Hall sum of four 8-bit uniforms, centred and scaled to unit variance
/// (1,021 distinct values each — plenty for weekly innovations).
#[inline(always)]
pub fn normals2(key: u64, which: Draw) -> [f32; 2] {
    let bits = mix(key.wrapping_add((which as u64).wrapping_mul(GOLDEN)));
    let byte = |k: u32| ((bits >> (8 * k)) & 0xFF) as f32 + 0.5;
    // Each byte + 0.5 is uniform on (0, 256) in steps of 1: mean 128,
    // variance (256² − 1) / 12.
    const SCALE: f32 = 1.0 / 147.800_54; // sqrt(4 · (256² − 1) / 12)
    [
        (byte(0) + byte(1) + byte(2) + byte(3) - 512.0) * SCALE,
        (byte(4) + byte(5) + byte(6) + byte(7) - 512.0) * SCALE,
    ]
}

/// An approximately standard normal variate from one 64-bit hash: the
/// Irwin–Hall sum of the four uniforms of [`uniforms4`], centred and scaled
/// to unit variance (range ±3.46; no `exp`, `ln` or branch).
#[inline(always)]
pub fn normal(key: u64, which: Draw) -> f32 {
    let u = uniforms4(key, which);
    (u[0] + u[1] + u[2] + u[3] - 2.0) * 1.732_050_8
}

/// A `rand` generator over one key: the `n`-th output is `mix(key + n·φ)`.
///
/// Use it where a distribution from `rand_distr` is wanted inside the weekly
/// step; it is as cheap as [`uniform`] and keeps common random numbers exact.
#[derive(Debug, Clone)]
pub struct KeyedRng {
    key: u64,
    counter: u64,
}

impl KeyedRng {
    /// A generator whose outputs depend only on `key`.
    pub fn new(key: u64) -> Self {
        KeyedRng { key, counter: 0 }
    }
}

impl TryRng for KeyedRng {
    type Error = Infallible;

    #[inline]
    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        Ok((self.try_next_u64()? >> 32) as u32)
    }

    #[inline]
    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        self.counter = self.counter.wrapping_add(1);
        Ok(mix(self
            .key
            .wrapping_add(self.counter.wrapping_mul(GOLDEN))))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        for chunk in dst.chunks_mut(8) {
            let v = self.try_next_u64()?.to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
        Ok(())
    }
}

/// A sequential generator for population synthesis of one replicate.
///
/// Xoshiro256++ has a documented, portable output, so a population is the same
/// on every platform and every build of this program.
pub fn population_rng(replicate_key: u64) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(key(replicate_key, Stream::Population, 0, 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::RngExt;

    #[test]
    fn uniform_is_in_unit_interval_and_roughly_flat() {
        let k = key(replicate_key(7, 0), Stream::StudentWeek, 3, 5);
        let n = 100_000;
        let mut sum = 0.0f64;
        for d in 0..n {
            let u = uniform(k, d);
            assert!((0.0..1.0).contains(&u));
            sum += u as f64;
        }
        assert!((sum / n as f64 - 0.5).abs() < 0.01);
    }

    #[test]
    fn four_uniforms_and_the_normal_have_the_right_moments() {
        let n = 200_000u64;
        let (mut m, mut v, mut c) = ([0.0f64; 4], 0.0f64, 0.0f64);
        let mut z1 = 0.0f64;
        let (mut z2, mut v2) = (0.0f64, 0.0f64);
        for i in 0..n {
            let k = key(replicate_key(3, 1), Stream::StudentWeek, i, 7);
            let u = uniforms4(k, Draw::Events);
            for j in 0..4 {
                assert!((0.0..1.0).contains(&u[j]));
                m[j] += u[j] as f64;
            }
            c += (u[0] as f64 - 0.5) * (u[3] as f64 - 0.5);
            let z = normal(k, Draw::Chronic) as f64;
            let [a, b] = normals2(k, Draw::Events);
            z2 += a as f64 + b as f64;
            v2 += (a * a + b * b) as f64;
            z1 += z;
            v += z * z;
        }
        for mj in m {
            assert!((mj / n as f64 - 0.5).abs() < 0.005);
        }
        assert!(
            (c / n as f64).abs() < 0.002,
            "uniforms of one hash are uncorrelated"
        );
        assert!((z1 / n as f64).abs() < 0.01);
        assert!((v / n as f64 - 1.0).abs() < 0.02, "unit variance");
        assert!((z2 / (2 * n) as f64).abs() < 0.01);
        assert!(
            (v2 / (2 * n) as f64 - 1.0).abs() < 0.02,
            "unit variance of normals2"
        );
    }

    #[test]
    fn keyed_rng_drives_rand_distributions() {
        let mut rng = KeyedRng::new(42);
        let x: f64 = rng.random();
        assert!((0.0..1.0).contains(&x));
    }
}
