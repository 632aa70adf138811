//! Cost against effect: every strategy, dominated ones marked.

use plotters::prelude::*;

use super::lines::legend;
use super::{INK, SeriesStyle, padded, render, series_style, span_with_zero, text};
use crate::i18n::{self, Lang};
use crate::report::ReportError;
use crate::report::data::ReportData;

/// Cost per student per year against the resilience gain (all students, with
/// its 95 % interval). Dominated strategies are drawn hollow and labelled;
/// a dashed grey line joins the others (the efficient frontier).
pub fn cost_effect(
    lang: Lang,
    data: &ReportData,
    dominated: &[bool],
) -> Result<String, ReportError> {
    let marked = |name: String, dominated: bool| {
        if dominated {
            i18n::text(lang, "report-chart-dominated", &[("name", &name)])
        } else {
            name
        }
    };
    let base = data.baseline_index();
    let s = &data.strategies;
    let cost_max = s
        .iter()
        .map(|r| r.cost_per_student_year)
        .filter(|c| c.is_finite())
        .fold(0.0, f64::max);
    let x_hi = if cost_max > 0.0 { cost_max * 1.3 } else { 1.0 };
    let (lo, hi) = span_with_zero(s.iter().flat_map(|r| {
        [
            r.resilience_gain_lo,
            r.resilience_gain,
            r.resilience_gain_hi,
        ]
    }));
    let (y_lo, y_hi) = padded(lo, hi + 0.1 * (hi - lo).max(0.1));
    let mut order: Vec<usize> = (0..s.len()).collect();
    order.sort_by(|&a, &b| {
        s[a].cost_per_student_year
            .total_cmp(&s[b].cost_per_student_year)
    });
    // Many strategies: numbers beside the dots and the names in a key at the right.
    let numbered = s.len() > 6;
    let height = 560.max(100 + 26 * s.len() as u32 * numbered as u32);
    render("cost_effect", (960, height), |root| {
        let (plot, side) = if numbered {
            let width = 60 + 9 * s.iter().map(|r| r.name.len() + 12).max().unwrap_or(8) as u32;
            root.split_horizontally(960 - width.min(400))
        } else {
            root.split_horizontally(960)
        };
        if numbered {
            let entries: Vec<(String, SeriesStyle)> = s
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let numbered = i18n::text(
                        lang,
                        "report-chart-numbered",
                        &[("number", &(i + 1).to_string()), ("name", &r.name)],
                    );
                    (marked(numbered, dominated[i]), series_style(i, base))
                })
                .collect();
            legend(&side, lang, &entries)?;
        }
        let mut chart = ChartBuilder::on(&plot)
            .margin(20)
            .x_label_area_size(56)
            .y_label_area_size(80)
            .build_cartesian_2d(-0.04 * x_hi..x_hi, y_lo..y_hi)?;
        chart
            .configure_mesh()
            .x_desc(i18n::text(lang, "report-chart-cost-x", &[]))
            .y_desc(i18n::text(lang, "report-chart-cost-y", &[]))
            .axis_desc_style(text(18))
            .label_style(text(15))
            .axis_style(INK.stroke_width(1))
            .bold_line_style(RGBColor(225, 225, 225))
            .max_light_lines(0)
            .draw()?;
        let frontier: Vec<(f64, f64)> = order
            .iter()
            .filter(|&&i| !dominated[i])
            .map(|&i| (s[i].cost_per_student_year, s[i].resilience_gain))
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .collect();
        if frontier.len() >= 2 {
            chart.draw_series(DashedLineSeries::new(
                frontier,
                8,
                5,
                RGBColor(110, 110, 110).stroke_width(2),
            ))?;
        }
        for (rank, &i) in order.iter().enumerate() {
            let r = &s[i];
            let (x, y) = (r.cost_per_student_year, r.resilience_gain);
            if !(x.is_finite() && y.is_finite()) {
                continue;
            }
            let color = series_style(i, base).color;
            if r.resilience_gain_lo.is_finite() && r.resilience_gain_hi.is_finite() {
                chart.draw_series(std::iter::once(ErrorBar::new_vertical(
                    x,
                    r.resilience_gain_lo,
                    y,
                    r.resilience_gain_hi,
                    color.stroke_width(2),
                    10,
                )))?;
            }
            let marker = if dominated[i] {
                color.stroke_width(3)
            } else {
                color.filled()
            };
            let name = if numbered {
                (i + 1).to_string()
            } else {
                r.name.clone()
            };
            let label = marked(name, dominated[i] && !numbered);
            let dy = if numbered || rank % 2 == 0 { -26 } else { 10 };
            chart.draw_series(std::iter::once(
                EmptyElement::at((x, y))
                    + Circle::new((0, 0), 8, marker)
                    + Text::new(label, (12, dy), text(15)),
            ))?;
        }
        Ok(())
    })
}
