//! Forest plots: Hedges' g with its 95 % interval, one row per comparison.

use plotters::prelude::*;

use super::{INK, SeriesStyle, padded, render, span_with_zero, text};
use crate::report::ReportError;

/// One row of a forest plot.
#[derive(Debug, Clone, PartialEq)]
pub struct ForestRow {
    /// Label at the left, e.g. `resilience · contact book`.
    pub label: String,
    /// Hedges' g.
    pub g: f64,
    /// Lower end of its 95 % interval.
    pub lo: f64,
    /// Upper end of its 95 % interval.
    pub hi: f64,
    /// The strategy's colour.
    pub style: SeriesStyle,
}

/// A forest plot of `rows`, top to bottom, with a line at g = 0; `None` when
/// there is nothing to compare (a scenario with the baseline only).
pub fn forest(name: &str, rows: &[ForestRow], x_desc: &str) -> Result<Option<String>, ReportError> {
    let rows: Vec<&ForestRow> = rows.iter().filter(|r| r.g.is_finite()).collect();
    if rows.is_empty() {
        return Ok(None);
    }
    let n = rows.len() as i32;
    let (lo, hi) = span_with_zero(rows.iter().flat_map(|r| [r.lo, r.g, r.hi]));
    let (lo, hi) = padded(lo, hi);
    let label_width = 24
        + 8 * rows
            .iter()
            .map(|r| r.label.chars().count())
            .max()
            .unwrap_or(8) as u32;
    let height = 120 + 26 * n as u32;
    let labels: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
    let y_label = move |y: &i32| -> String {
        let k = n - 1 - *y;
        if (0..n).contains(&k) {
            labels[k as usize].clone()
        } else {
            String::new()
        }
    };
    let svg = render(name, (960, height), |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(16)
            .x_label_area_size(56)
            .y_label_area_size(label_width.min(520))
            .build_cartesian_2d(lo..hi, -1..n)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels((n + 2) as usize)
            .y_label_formatter(&y_label)
            .x_desc(x_desc)
            .axis_desc_style(text(18))
            .label_style(text(15))
            .axis_style(INK.stroke_width(1))
            .bold_line_style(RGBColor(225, 225, 225))
            .max_light_lines(0)
            .draw()?;
        chart.draw_series(DashedLineSeries::new(
            vec![(0.0, -1), (0.0, n)],
            6,
            4,
            RGBColor(90, 90, 90).stroke_width(2),
        ))?;
        for (k, r) in rows.iter().enumerate() {
            let y = n - 1 - k as i32;
            let style = r.style.color.stroke_width(3);
            if r.lo.is_finite() && r.hi.is_finite() {
                chart.draw_series(std::iter::once(ErrorBar::new_horizontal(
                    y, r.lo, r.g, r.hi, style, 10,
                )))?;
            }
            chart.draw_series(std::iter::once(Circle::new(
                (r.g, y),
                6,
                r.style.color.filled(),
            )))?;
        }
        Ok(())
    })?;
    Ok(Some(svg))
}
