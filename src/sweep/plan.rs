//! A plan: the points of a sweep, sensitivity design or single run, each a
//! scenario that differs from the base scenario in the swept parameters.

use super::design::{DesignRng, latin_hypercube};
use crate::scenario::path::Paths;
use crate::scenario::{Problem, Scenario};
use crate::scenario::{SweepMethod, SweepSpec};

/// Where the points' values come from.
#[derive(Debug, Clone)]
enum Design {
    /// Every combination of per-parameter levels (first parameter slowest).
    Grid(Vec<Vec<f64>>),
    /// Explicit points, one row of values per point.
    Points(Vec<Vec<f64>>),
}

/// The points to run; point `p`'s scenario is the base scenario with the
/// point's values set through their parameter paths.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The base scenario, with the run's replicates and seed.
    pub base: Scenario,
    /// Swept parameter paths, in column order.
    pub parameters: Vec<String>,
    design: Design,
    /// The base scenario's paths, kept so a point costs one read.
    paths: Paths,
}

impl Plan {
    /// One point: the base scenario itself (`resim run`).
    pub fn single(base: Scenario) -> Plan {
        Plan {
            paths: Paths::of(&base),
            base,
            parameters: Vec::new(),
            design: Design::Points(vec![Vec::new()]),
        }
    }

    /// The points of a `[sweep]`.
    pub fn sweep(base: Scenario, spec: &SweepSpec) -> Plan {
        let parameters = spec.parameters.iter().map(|p| p.path.clone()).collect();
        let design = match spec.method {
            SweepMethod::Grid => {
                Design::Grid(spec.parameters.iter().map(|p| p.values.grid()).collect())
            }
            SweepMethod::Lhs { samples, seed } => {
                let mut rng = DesignRng::new(seed, 0);
                let unit = latin_hypercube(samples as usize, spec.parameters.len(), &mut rng);
                Design::Points(
                    unit.into_iter()
                        .map(|row| {
                            row.iter()
                                .zip(&spec.parameters)
                                .map(|(u, p)| {
                                    let (from, to) = p.values.range().unwrap_or((0.0, 1.0));
                                    from + u * (to - from)
                                })
                                .collect()
                        })
                        .collect(),
                )
            }
        };
        Plan {
            paths: Paths::of(&base),
            base,
            parameters,
            design,
        }
    }

    /// Explicit points (sensitivity designs).
    pub fn points(base: Scenario, parameters: Vec<String>, points: Vec<Vec<f64>>) -> Plan {
        Plan {
            paths: Paths::of(&base),
            base,
            parameters,
            design: Design::Points(points),
        }
    }

    /// Number of points.
    pub fn len(&self) -> u64 {
        match &self.design {
            Design::Grid(levels) => levels.iter().map(|l| l.len() as u64).product(),
            Design::Points(rows) => rows.len() as u64,
        }
    }

    /// Whether the plan has no points.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Replicates of every point.
    pub fn replicates(&self) -> u32 {
        self.base.run.replicates
    }

    /// The values of point `p` as stored in its scenario (whole numbers
    /// rounded, others at single precision).
    pub fn values(&self, p: u64) -> Vec<f64> {
        let raw = match &self.design {
            Design::Grid(levels) => {
                let mut rest = p;
                let mut out = vec![0.0; levels.len()];
                for (i, l) in levels.iter().enumerate().rev() {
                    let n = l.len() as u64;
                    out[i] = l[(rest % n) as usize];
                    rest /= n;
                }
                out
            }
            Design::Points(rows) => rows[p as usize].clone(),
        };
        raw.iter()
            .zip(&self.parameters)
            .map(|(&v, path)| self.paths.stored(path, v))
            .collect()
    }

    /// Whether each parameter holds a whole number, in column order.
    pub fn whole(&self) -> Vec<bool> {
        self.parameters
            .iter()
            .map(|p| self.paths.is_whole(p))
            .collect()
    }

    /// The scenario of point `p`: the base scenario with the point's values
    /// set and read again with the checks of loading a file.
    pub fn scenario(&self, p: u64) -> Result<Scenario, Vec<Problem>> {
        self.paths.with(
            self.parameters
                .iter()
                .map(String::as_str)
                .zip(self.values(p)),
        )
    }

    /// Checks every point; describes the first few invalid ones.
    pub fn check(&self) -> Result<(), InvalidPoints> {
        let mut examples = Vec::new();
        let mut count = 0u64;
        let whole = self.whole();
        for p in 0..self.len() {
            if let Err(problems) = self.scenario(p) {
                count += 1;
                if examples.len() < 5 {
                    let values = self
                        .parameters
                        .iter()
                        .zip(self.values(p))
                        .zip(&whole)
                        .map(|((k, v), &w)| format!("{k} = {}", format_value(w, v)))
                        .collect::<Vec<_>>()
                        .join(", ");
                    examples.push(InvalidPoint {
                        point: p,
                        values,
                        problems,
                    });
                }
            }
        }
        if count == 0 {
            Ok(())
        } else {
            Err(InvalidPoints {
                count,
                total: self.len(),
                examples,
            })
        }
    }
}

/// Points of a plan whose scenario is invalid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "{count} of {total} points give an invalid scenario:\n{}",
    examples.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
)]
pub struct InvalidPoints {
    /// Invalid points.
    pub count: u64,
    /// Points in the plan.
    pub total: u64,
    /// The first few (at most five).
    pub examples: Vec<InvalidPoint>,
}

/// One invalid point of a plan.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "  point {point} ({values}): {}",
    problems.iter().map(|q| format!("key `{}`: {} (valid: {})", q.key, q.message, q.valid)).collect::<Vec<_>>().join("; ")
)]
pub struct InvalidPoint {
    /// The point.
    pub point: u64,
    /// Its values, `path = value, …`.
    pub values: String,
    /// What is wrong with its scenario.
    pub problems: Vec<Problem>,
}

/// A point's value as written in output files: a whole number (`whole`, see
/// [`Plan::whole`]), or the shortest text that reads back as the same
/// single-precision number.
pub fn format_value(whole: bool, v: f64) -> String {
    if whole {
        format!("{}", v as i64)
    } else {
        format!("{}", v as f32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{SweepParam, SweepValues};
    use std::path::Path;

    #[test]
    fn grid_points_vary_the_last_parameter_fastest() {
        let sc = crate::scenario::load(Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scenarios/quickstart.toml"
        )))
        .unwrap();
        let spec = SweepSpec {
            method: SweepMethod::Grid,
            parameters: vec![
                SweepParam {
                    path: "stress.academic_load".into(),
                    values: SweepValues::List(vec![0.05, 0.1]),
                    line: None,
                },
                SweepParam {
                    path: "population.class_size".into(),
                    values: SweepValues::Range {
                        from: 20.0,
                        to: 30.0,
                        steps: Some(3),
                    },
                    line: None,
                },
            ],
        };
        let plan = Plan::sweep(sc, &spec);
        assert_eq!(plan.len(), 6);
        assert_eq!(plan.values(0), vec![0.05f32 as f64, 20.0]);
        assert_eq!(plan.values(1), vec![0.05f32 as f64, 25.0]);
        assert_eq!(plan.values(5), vec![0.1f32 as f64, 30.0]);
        assert!(plan.check().is_ok());
        assert_eq!(plan.scenario(4).unwrap().population.class_size, 25);
    }
}
