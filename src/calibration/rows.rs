//! The CSV files of `resim calibrate`: `calibration.csv` (the fitted
//! parameters) and `posterior.csv` (ABC's last generation of particles).
//! `fit.csv` has the rows of `validation.csv`
//! ([`crate::validation::report::ValidationRow`]).

use serde::{Deserialize, Serialize};

use super::abc::Population;
use super::{Calibrator, Fit, State};
use crate::output::tidy::{Cells, CsvBytes, ReadError, Table, columns, read_rows, to_csv};

/// One row of `calibration.csv`: one fitted parameter, with the search's
/// settings and result repeated on every row (tidy).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationRow {
    /// Parameter path, e.g. `stress.academic_load`.
    pub parameter: String,
    /// Its value in the scenario as given (Nelder–Mead starts there).
    #[serde(with = "crate::output::na")]
    pub start: f64,
    /// Lowest value searched (ABC: the lower end of the uniform prior).
    #[serde(with = "crate::output::na")]
    pub lo: f64,
    /// Highest value searched (ABC: the upper end of the uniform prior).
    #[serde(with = "crate::output::na")]
    pub hi: f64,
    /// Fitted value (ABC: the posterior mean), in the parameter's units.
    #[serde(with = "crate::output::na")]
    pub fitted: f64,
    /// Posterior standard deviation (ABC; `NA` for Nelder–Mead).
    #[serde(with = "crate::output::na")]
    pub sd: Option<f64>,
    /// 2.5 % posterior quantile (ABC; `NA` for Nelder–Mead).
    #[serde(with = "crate::output::na")]
    pub fitted_lo: Option<f64>,
    /// 97.5 % posterior quantile (ABC; `NA` for Nelder–Mead).
    #[serde(with = "crate::output::na")]
    pub fitted_hi: Option<f64>,
    /// `nelder-mead` or `abc-smc`.
    pub method: String,
    /// Iterations (Nelder–Mead) or generations (ABC) completed.
    pub iterations: u64,
    /// Simulations run.
    pub simulations: u64,
    /// Whether the search converged (ABC: reached the tolerance) rather
    /// than stopping at the budget: `true` or `false`.
    pub converged: bool,
    /// Loss at the fitted values: the sum of squared band-normalised
    /// residuals (1 = one statistic at the end of its band).
    #[serde(with = "crate::output::na")]
    pub loss: f64,
}

/// The fixed columns of a row of `posterior.csv`; the row goes on with the
/// particle's value of each fitted parameter (one column per parameter,
/// named by its path, in the order of `--param`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParticleRow {
    /// ABC generation (0 = drawn from the prior).
    pub generation: u64,
    /// Particle number within the generation (0-based).
    pub particle: u64,
    /// Normalised importance weight (the weights of a generation sum to 1).
    #[serde(with = "crate::output::na")]
    pub weight: f64,
    /// Distance to the targets: the RMS of the band-normalised residuals.
    #[serde(with = "crate::output::na")]
    pub distance: f64,
}

/// A whole row of `posterior.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct PosteriorRow {
    /// Generation, particle, weight and distance.
    pub particle: ParticleRow,
    /// The particle's parameter values, in the parameters' units.
    pub values: Vec<f64>,
}

/// `posterior.csv` read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Posterior {
    /// Parameter paths, in column order.
    pub parameters: Vec<String>,
    /// The particles.
    pub rows: Vec<PosteriorRow>,
}

/// The rows of `calibration.csv`: one per fitted parameter.
pub fn calibration_rows(cal: &Calibrator, state: &State, fit: &Fit) -> Vec<CalibrationRow> {
    cal.settings
        .params
        .iter()
        .zip(&cal.start)
        .zip(&fit.values)
        .enumerate()
        .map(|(k, ((p, &start), &fitted))| {
            let u = fit.uncertainty.as_ref().map(|u| u[k]);
            CalibrationRow {
                parameter: p.path.clone(),
                start,
                lo: p.lo,
                hi: p.hi,
                fitted,
                sd: u.map(|u| u.sd),
                fitted_lo: u.map(|u| u.lo),
                fitted_hi: u.map(|u| u.hi),
                method: cal.settings.method.name().into(),
                iterations: state.iterations,
                simulations: state.evaluations,
                converged: state.converged,
                loss: fit.loss,
            }
        })
        .collect()
}

/// `calibration.csv`.
pub fn calibration_csv(cal: &Calibrator, state: &State, fit: &Fit) -> Vec<u8> {
    to_csv(&calibration_rows(cal, state, fit))
}

/// Reads `calibration.csv` back; `file` names it in messages.
pub fn read_calibration(file: &str, bytes: &[u8]) -> Result<Vec<CalibrationRow>, ReadError> {
    read_rows(file, bytes)
}

/// The rows of `posterior.csv`: every particle of a generation with its
/// parameter values.
pub fn posterior_rows(cal: &Calibrator, pop: &Population) -> Vec<PosteriorRow> {
    pop.particles
        .iter()
        .zip(&pop.weights)
        .zip(&pop.distances)
        .enumerate()
        .map(|(i, ((x, &weight), &distance))| PosteriorRow {
            particle: ParticleRow {
                generation: pop.generation,
                particle: i as u64,
                weight,
                distance,
            },
            values: cal.values_at(x),
        })
        .collect()
}

/// `posterior.csv`: the particles of a generation.
pub fn posterior_csv(cal: &Calibrator, pop: &Population) -> Vec<u8> {
    let paths: Vec<String> = cal.settings.params.iter().map(|p| p.path.clone()).collect();
    write_posterior(&paths, &posterior_rows(cal, pop))
}

/// `posterior.csv` from its rows; `parameters` names the value columns.
pub fn write_posterior(parameters: &[String], rows: &[PosteriorRow]) -> Vec<u8> {
    let header = columns::<ParticleRow>()
        .iter()
        .copied()
        .chain(parameters.iter().map(String::as_str));
    let mut out = CsvBytes::new(header);
    for r in rows {
        out.row(&(&r.particle, Cells(&r.values)));
    }
    out.into_bytes()
}

/// Reads `posterior.csv` back; `file` names it in messages.
pub fn read_posterior(file: &str, bytes: &[u8]) -> Result<Posterior, ReadError> {
    let t = Table::parse(file, bytes)?;
    let fixed = t.expect::<ParticleRow>(0)?;
    let rest = fixed.end..t.headers.len();
    let rows = (0..t.records.len())
        .map(|i| {
            Ok(PosteriorRow {
                particle: t.part(i, fixed.clone())?,
                values: t.cells(i, rest.clone())?,
            })
        })
        .collect::<Result<_, ReadError>>()?;
    Ok(Posterior {
        parameters: t.names(rest),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tidy::documented_columns;

    #[test]
    fn calibration_files_have_the_columns_the_readme_documents() {
        assert_eq!(
            documented_columns("calibration.csv"),
            columns::<CalibrationRow>()
        );
        assert_eq!(
            documented_columns("posterior.csv"),
            columns::<ParticleRow>()
        );
    }

    fn calibration() -> Vec<CalibrationRow> {
        let row = CalibrationRow {
            parameter: "stress.academic_load".into(),
            start: 0.11,
            lo: 0.06,
            hi: 0.16,
            fitted: 0.121382,
            sd: Some(0.014805),
            fitted_lo: Some(0.081819),
            fitted_hi: Some(0.128443),
            method: "abc-smc".into(),
            iterations: 1,
            simulations: 10,
            converged: false,
            loss: 2.353124,
        };
        let nelder_mead = CalibrationRow {
            parameter: "learning.model_shift".into(),
            sd: None,
            fitted_lo: None,
            fitted_hi: None,
            method: "nelder-mead".into(),
            converged: true,
            ..row.clone()
        };
        vec![row, nelder_mead]
    }

    #[test]
    fn calibration_csv_round_trips_with_na_for_nelder_mead() {
        let rows = calibration();
        let bytes = to_csv(&rows);
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert_eq!(
            text.lines().collect::<Vec<_>>(),
            [
                "parameter,start,lo,hi,fitted,sd,fitted_lo,fitted_hi,method,iterations,simulations,converged,loss",
                "stress.academic_load,0.11,0.06,0.16,0.121382,0.014805,0.081819,0.128443,abc-smc,1,10,false,2.353124",
                "learning.model_shift,0.11,0.06,0.16,0.121382,NA,NA,NA,nelder-mead,1,10,true,2.353124",
            ]
        );
        assert_eq!(read_calibration("c.csv", &bytes).unwrap(), rows);
    }

    #[test]
    fn posterior_csv_round_trips_with_a_column_per_parameter() {
        let parameters = vec!["stress.academic_load".to_string(), "trust.rate".into()];
        let rows = vec![
            PosteriorRow {
                particle: ParticleRow {
                    generation: 1,
                    particle: 0,
                    weight: 0.05747,
                    distance: 2.21351,
                },
                values: vec![0.088977, 0.5],
            },
            PosteriorRow {
                particle: ParticleRow {
                    generation: 1,
                    particle: 1,
                    weight: 0.94253,
                    distance: 1.203582,
                },
                values: vec![0.100387, 0.25],
            },
        ];
        let bytes = write_posterior(&parameters, &rows);
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert_eq!(
            text.lines().next(),
            Some("generation,particle,weight,distance,stress.academic_load,trust.rate")
        );
        assert_eq!(
            text.lines().nth(1),
            Some("1,0,0.05747,2.21351,0.088977,0.5")
        );
        let back = read_posterior("p.csv", &bytes).unwrap();
        assert_eq!(back.parameters, parameters);
        assert_eq!(back.rows, rows);
        let e = read_posterior("p.csv", b"generation,weight\n1,0.5\n").unwrap_err();
        assert!(
            e.to_string()
                .contains("generation,particle,weight,distance"),
            "{e}"
        );
    }
}
