//! The CSV files of `resim sensitivity`: `sensitivity.csv` (the indices)
//! and `sensitivity_points.csv` (the design and the outputs at each point).
//!
//! `sensitivity_points.csv` has a variable set of columns: `point`
//! ([`PointColumn`], shared with `sweep.csv`), one column per parameter
//! (named by its path), then one per analysed output (named
//! `strategy:outcome:subgroup`). A line is written as the tuple
//! `(PointColumn, parameter values, output cells)`; [`read_points`] tells
//! outputs from parameters by the `:` in their names, which a parameter path
//! never has.

use serde::{Deserialize, Serialize};

use super::{IndexRow, Options};
use crate::output::tidy::{Cells, CsvBytes, ReadError, Table, columns, read_rows, to_csv};
use crate::sweep::output::PointColumn;
use crate::sweep::{Plan, format_value};

/// One row of `sensitivity.csv`: one index of one parameter for one output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SensitivityRow {
    /// `morris` or `sobol`.
    pub method: String,
    /// The output's strategy (its Hedges' g against the baseline is analysed).
    pub strategy: String,
    /// The output's outcome.
    pub outcome: String,
    /// The output's subgroup.
    pub subgroup: String,
    /// Parameter path, e.g. `stress.academic_load`.
    pub parameter: String,
    /// `mu_star` (mean |elementary effect|), `mu` (mean effect), `sigma`
    /// (SD of the effects) for Morris; `S1` (first-order) or `ST` (total)
    /// for Sobol'.
    pub index: String,
    /// The index. Morris effects are changes of the output (Hedges' g) over
    /// the parameter's whole range; Sobol' indices are shares of variance
    /// (0–1). `NA` when the output is undefined at some design point.
    #[serde(with = "crate::output::na")]
    pub estimate: f64,
    /// Lower end of the 95 % bootstrap interval.
    #[serde(with = "crate::output::na")]
    pub lo: f64,
    /// Upper end of the 95 % bootstrap interval.
    #[serde(with = "crate::output::na")]
    pub hi: f64,
}

/// The rows of `sensitivity.csv`, in the order of the analysis.
pub fn sensitivity_rows(opts: &Options, rows: &[IndexRow]) -> Vec<SensitivityRow> {
    rows.iter()
        .map(|r| SensitivityRow {
            method: opts.method.name().into(),
            strategy: r.output.strategy.clone(),
            outcome: r.output.outcome.clone(),
            subgroup: r.output.subgroup.clone(),
            parameter: r.parameter.clone(),
            index: r.index.into(),
            estimate: r.estimate,
            lo: r.lo,
            hi: r.hi,
        })
        .collect()
}

/// `sensitivity.csv`: one row per output × parameter × index.
pub fn csv(opts: &Options, rows: &[IndexRow]) -> Vec<u8> {
    to_csv(&sensitivity_rows(opts, rows))
}

/// Reads `sensitivity.csv` back; `file` names it in messages.
pub fn read_sensitivity(file: &str, bytes: &[u8]) -> Result<Vec<SensitivityRow>, ReadError> {
    read_rows(file, bytes)
}

/// A whole row of `sensitivity_points.csv`: one design point.
#[derive(Debug, Clone, PartialEq)]
pub struct PointRow {
    /// Design point number (column `point`).
    pub point: u64,
    /// The value of each parameter at the point, in column order (written
    /// like the parameter values of `sweep.csv`).
    pub values: Vec<f64>,
    /// Each analysed output at the point (Hedges' g averaged over
    /// replicates; `NA` when undefined), in column order.
    pub outputs: Vec<f64>,
}

/// `sensitivity_points.csv` read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Points {
    /// Parameter paths, in column order.
    pub parameters: Vec<String>,
    /// Output labels (`strategy:outcome:subgroup`), in column order.
    pub outputs: Vec<String>,
    /// The design points.
    pub rows: Vec<PointRow>,
}

/// The rows of `sensitivity_points.csv` from a plan and the outputs
/// `y[output][point]`.
pub fn point_rows(plan: &Plan, y: &[Vec<f64>]) -> Vec<PointRow> {
    (0..plan.len())
        .map(|p| PointRow {
            point: p,
            values: plan.values(p),
            outputs: y.iter().map(|ys| ys[p as usize]).collect(),
        })
        .collect()
}

/// `sensitivity_points.csv` from its rows; `parameters` and `outputs` name
/// the variable columns, `whole` says which parameters hold whole numbers
/// ([`Plan::whole`]).
pub fn write_points(
    parameters: &[String],
    whole: &[bool],
    outputs: &[String],
    rows: &[PointRow],
) -> Vec<u8> {
    let header = columns::<PointColumn>()
        .iter()
        .copied()
        .chain(parameters.iter().map(String::as_str))
        .chain(outputs.iter().map(String::as_str));
    let mut out = CsvBytes::new(header);
    for r in rows {
        let values: Vec<String> = whole
            .iter()
            .zip(&r.values)
            .map(|(&w, &v)| format_value(w, v))
            .collect();
        out.row(&(PointColumn { point: r.point }, values, Cells(&r.outputs)));
    }
    out.into_bytes()
}

/// `sensitivity_points.csv`: every design point's parameter values and outputs.
pub fn points_csv(plan: &Plan, opts: &Options, y: &[Vec<f64>]) -> Vec<u8> {
    let outputs: Vec<String> = opts.outputs.iter().map(|o| o.label()).collect();
    write_points(
        &plan.parameters,
        &plan.whole(),
        &outputs,
        &point_rows(plan, y),
    )
}

/// Reads `sensitivity_points.csv` back; `file` names it in messages.
pub fn read_points(file: &str, bytes: &[u8]) -> Result<Points, ReadError> {
    let t = Table::parse(file, bytes)?;
    let point = t.expect::<PointColumn>(0)?;
    let names = t.names(point.end..t.headers.len());
    let first_output = point.end + names.iter().take_while(|n| !n.contains(':')).count();
    let (values, outputs) = (point.end..first_output, first_output..t.headers.len());
    let rows = (0..t.records.len())
        .map(|i| {
            Ok(PointRow {
                point: t.part::<PointColumn>(i, point.clone())?.point,
                values: t.cells(i, values.clone())?,
                outputs: t.cells(i, outputs.clone())?,
            })
        })
        .collect::<Result<_, ReadError>>()?;
    Ok(Points {
        parameters: t.names(values),
        outputs: t.names(outputs),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tidy::documented_columns;

    #[test]
    fn sensitivity_csv_round_trips_with_na() {
        let rows = vec![
            SensitivityRow {
                method: "morris".into(),
                strategy: "full_programme".into(),
                outcome: "resilience".into(),
                subgroup: "all".into(),
                parameter: "stress.academic_load".into(),
                index: "mu_star".into(),
                estimate: 0.009942,
                lo: 0.003363,
                hi: 0.013231,
            },
            SensitivityRow {
                subgroup: "rural".into(),
                index: "sigma".into(),
                estimate: f64::NAN,
                lo: f64::NAN,
                hi: f64::NAN,
                ..SensitivityRow {
                    method: "morris".into(),
                    strategy: "full_programme".into(),
                    outcome: "distress".into(),
                    subgroup: String::new(),
                    parameter: "population.rural_share".into(),
                    index: String::new(),
                    estimate: 0.0,
                    lo: 0.0,
                    hi: 0.0,
                }
            },
        ];
        let bytes = to_csv(&rows);
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert_eq!(
            text.lines().nth(1),
            Some(
                "morris,full_programme,resilience,all,stress.academic_load,mu_star,0.009942,0.003363,0.013231"
            )
        );
        let back = read_sensitivity("s.csv", &bytes).unwrap();
        assert_eq!(format!("{back:?}"), format!("{rows:?}"));
    }

    #[test]
    fn sensitivity_points_csv_round_trips_with_parameters_and_outputs() {
        let parameters = vec![
            "stress.academic_load".to_string(),
            "population.rural_share".to_string(),
        ];
        let outputs = vec![
            "full_programme:resilience:all".to_string(),
            "full_programme:distress:rural".to_string(),
        ];
        let rows = vec![
            PointRow {
                point: 0,
                values: vec![0.086666666, 0.0],
                outputs: vec![0.402738, f64::NAN],
            },
            PointRow {
                point: 1,
                values: vec![0.14, 1.0],
                outputs: vec![0.411559, 0.25],
            },
        ];
        let bytes = write_points(&parameters, &[false, false], &outputs, &rows);
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert_eq!(
            text.lines().collect::<Vec<_>>(),
            [
                "point,stress.academic_load,population.rural_share,full_programme:resilience:all,full_programme:distress:rural",
                "0,0.086666666,0,0.402738,NA",
                "1,0.14,1,0.411559,0.25",
            ]
        );
        let back = read_points("p.csv", &bytes).unwrap();
        assert_eq!(back.parameters, parameters);
        assert_eq!(back.outputs, outputs);
        assert_eq!(format!("{:?}", back.rows), format!("{rows:?}"));
    }

    #[test]
    fn sensitivity_files_have_the_columns_the_readme_documents() {
        assert_eq!(
            documented_columns("sensitivity.csv"),
            columns::<SensitivityRow>()
        );
        assert_eq!(
            documented_columns("sensitivity_points.csv"),
            columns::<PointColumn>()
        );
    }
}
