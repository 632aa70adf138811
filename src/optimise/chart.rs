//! The cost–effect frontier of a portfolio search (`resim optimise`).

use plotters::prelude::*;

use super::rows::PortfolioRow;
use crate::report::ReportError;
use crate::report::charts::{INK, OKABE_ITO, padded, render, span_with_zero, text};

/// Every portfolio the search ran: cost per student per year against the
/// gain in the objective (`objective`, in words). Portfolios dropped early
/// are small grey dots; those run in full carry their 95 % interval; the
/// frontier is joined by a line and the best portfolio is named.
pub fn frontier_chart(rows: &[PortfolioRow], objective: &str) -> Result<String, ReportError> {
    let finite = |r: &&PortfolioRow| r.cost_per_student_year.is_finite() && r.gain.is_finite();
    let shown: Vec<&PortfolioRow> = rows.iter().filter(finite).collect();
    let x_max = shown
        .iter()
        .map(|r| r.cost_per_student_year)
        .fold(0.0, f64::max);
    let x_hi = if x_max > 0.0 { x_max * 1.1 } else { 1.0 };
    let (lo, hi) = span_with_zero(shown.iter().flat_map(|r| [r.gain, r.gain_lo, r.gain_hi]));
    let (y_lo, y_hi) = padded(lo, hi);
    render("frontier", (960, 600), |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(20)
            .caption("Portfolios: cost against gain", text(22))
            .x_label_area_size(56)
            .y_label_area_size(80)
            .build_cartesian_2d(-0.04 * x_hi..x_hi, y_lo..y_hi)?;
        chart
            .configure_mesh()
            .x_desc("cost per student per year (currency units)")
            .y_desc(objective)
            .axis_desc_style(text(18))
            .label_style(text(15))
            .axis_style(INK.stroke_width(1))
            .bold_line_style(RGBColor(225, 225, 225))
            .max_light_lines(0)
            .draw()?;
        let grey = RGBColor(170, 170, 170);
        chart.draw_series(
            shown
                .iter()
                .filter(|r| r.rank.is_none())
                .map(|r| Circle::new((r.cost_per_student_year, r.gain), 2, grey.filled())),
        )?;
        let full = OKABE_ITO[3];
        for r in shown.iter().filter(|r| r.rank.is_some()) {
            if r.gain_lo.is_finite() && r.gain_hi.is_finite() {
                chart.draw_series(std::iter::once(ErrorBar::new_vertical(
                    r.cost_per_student_year,
                    r.gain_lo,
                    r.gain,
                    r.gain_hi,
                    full.stroke_width(1),
                    6,
                )))?;
            }
            chart.draw_series(std::iter::once(Circle::new(
                (r.cost_per_student_year, r.gain),
                5,
                full.filled(),
            )))?;
        }
        let mut line: Vec<(f64, f64)> = shown
            .iter()
            .filter(|r| r.on_frontier)
            .map(|r| (r.cost_per_student_year, r.gain))
            .collect();
        line.sort_by(|a, b| a.0.total_cmp(&b.0));
        if line.len() >= 2 {
            chart.draw_series(LineSeries::new(line, OKABE_ITO[4].stroke_width(2)))?;
        }
        if let Some(best) = shown.iter().find(|r| r.rank == Some(1)) {
            chart.draw_series(std::iter::once(
                EmptyElement::at((best.cost_per_student_year, best.gain))
                    + Circle::new((0, 0), 9, OKABE_ITO[4].stroke_width(3))
                    + Text::new(format!("best: {}", best.portfolio), (-120, -30), text(15)),
            ))?;
        }
        Ok(())
    })
}
