//! Cost-effectiveness acceptability curves, with the acceptability
//! frontier marked.

use plotters::prelude::*;

use super::lines::legend;
use super::{INK, SeriesStyle, render, series_style, text};
use crate::i18n::{self, Lang};
use crate::report::ReportError;
use crate::report::data::ReportData;

/// The probability that each strategy is best against the willingness to
/// pay per unit of `measure` (`ceac.csv`): one line per strategy, a dot
/// where the strategy is on the acceptability frontier (highest expected
/// net benefit), a dashed vertical line at the scenario's reference
/// willingness to pay. `None` when the files have no curve for `measure`.
pub fn acceptability_chart(
    lang: Lang,
    data: &ReportData,
    measure: &str,
    x_desc: &str,
    reference: Option<f64>,
) -> Result<Option<String>, ReportError> {
    let base = data.baseline_index();
    let mut series = Vec::new();
    for (i, s) in data.strategies.iter().enumerate() {
        let pts: Vec<(f64, f64, bool)> = data
            .ceac
            .iter()
            .filter(|r| r.measure == measure && r.strategy == s.name)
            .map(|r| (r.wtp, r.prob_best, r.on_frontier))
            .collect();
        if !pts.is_empty() {
            series.push((s.name.clone(), series_style(i, base), pts));
        }
    }
    if series.is_empty() {
        return Ok(None);
    }
    let x_hi = series
        .iter()
        .flat_map(|(_, _, p)| p.iter().map(|q| q.0))
        .filter(|x| x.is_finite())
        .fold(0.0, f64::max)
        .max(1e-9);
    let legend_width = 60 + 9 * series.iter().map(|s| s.0.len()).max().unwrap_or(8) as u32;
    let height = 480.max(100 + 26 * series.len() as u32);
    let svg = render(measure, (960, height), |root| {
        let (plot, side) = root.split_horizontally(960 - legend_width.min(360));
        let mut chart = ChartBuilder::on(&plot)
            .margin(16)
            .x_label_area_size(56)
            .y_label_area_size(72)
            .build_cartesian_2d(0.0..x_hi, -0.02..1.02)?;
        chart
            .configure_mesh()
            .x_desc(x_desc)
            .y_desc(i18n::text(lang, "report-chart-ceac-y", &[]))
            .x_label_formatter(&|x| crate::output::num(*x))
            .y_label_formatter(&|y| format!("{y:.1}"))
            .axis_desc_style(text(18))
            .label_style(text(15))
            .axis_style(INK.stroke_width(1))
            .bold_line_style(RGBColor(225, 225, 225))
            .max_light_lines(0)
            .draw()?;
        if let Some(w) = reference.filter(|w| w.is_finite() && *w <= x_hi) {
            chart.draw_series(DashedLineSeries::new(
                vec![(w, 0.0), (w, 1.0)],
                6,
                6,
                RGBColor(120, 120, 120).stroke_width(2),
            ))?;
        }
        for (_, st, pts) in &series {
            let line: Vec<(f64, f64)> = pts.iter().map(|p| (p.0, p.1)).collect();
            let style = st.color.stroke_width(3);
            if st.dashed {
                chart.draw_series(DashedLineSeries::new(line, 10, 6, style))?;
            } else {
                chart.draw_series(LineSeries::new(line, style))?;
            }
            chart.draw_series(
                pts.iter()
                    .filter(|p| p.2)
                    .map(|p| Circle::new((p.0, p.1), 5, st.color.filled())),
            )?;
        }
        let entries: Vec<(String, SeriesStyle)> =
            series.iter().map(|(n, st, _)| (n.clone(), *st)).collect();
        legend(&side, lang, &entries)
    })?;
    Ok(Some(svg))
}
