//! Outcomes over the weeks, one line per strategy, with an optional band.

use plotters::prelude::*;

use super::{Area, DrawResult, INK, SeriesStyle, padded, render, series_style, text};
use crate::i18n::{self, Lang};
use crate::report::ReportError;
use crate::report::data::{ReportData, TrajPoint};

/// What a trajectory chart draws around each strategy's mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    /// The band between the 10th and 90th percentiles of students.
    Percentiles,
    /// No band; the mean is a share, drawn in percent (for `depressive`).
    Percent,
}

/// A legend at the right of a chart: a line sample and a name per strategy.
/// Its heading is the catalogue's `report-chart-strategy` in `lang`.
pub(crate) fn legend(area: &Area<'_>, lang: Lang, entries: &[(String, SeriesStyle)]) -> DrawResult {
    area.draw(&Text::new(
        i18n::text(lang, "report-chart-strategy", &[]),
        (8, 40),
        (super::FONT, 16, FontStyle::Bold).into_font().color(&INK),
    ))?;
    for (k, (name, st)) in entries.iter().enumerate() {
        let y = 70 + 26 * k as i32;
        let line = st.color.stroke_width(3);
        if st.dashed {
            area.draw(&plotters::element::DashedPathElement::new(
                vec![(8, y), (40, y)],
                8,
                5,
                line,
            ))?;
        } else {
            area.draw(&PathElement::new(vec![(8, y), (40, y)], line))?;
        }
        area.draw(&Text::new(name.clone(), (48, y - 8), text(15)))?;
    }
    Ok(())
}

/// Every strategy's mean of `outcome` in `subgroup` over the weeks; `None`
/// when the files have no such trajectory.
pub fn trajectory_chart(
    lang: Lang,
    data: &ReportData,
    subgroup: &str,
    outcome: &str,
    band: Band,
    y_desc: &str,
) -> Result<Option<String>, ReportError> {
    let base = data.baseline_index();
    let scale = if band == Band::Percent { 100.0 } else { 1.0 };
    let mut series = Vec::new();
    for (i, s) in data.strategies.iter().enumerate() {
        let pts = data.trajectory(&s.name, subgroup, outcome);
        if !pts.is_empty() {
            series.push((s.name.clone(), series_style(i, base), pts));
        }
    }
    if series.is_empty() {
        return Ok(None);
    }
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for (_, _, pts) in &series {
        for p in pts.iter() {
            let (a, b) = match band {
                Band::Percentiles if p.p10.is_finite() && p.p90.is_finite() => (p.p10, p.p90),
                _ => (p.mean * scale, p.mean * scale),
            };
            lo = lo.min(a);
            hi = hi.max(b);
        }
    }
    let (mut lo, hi) = padded(lo, hi);
    if band == Band::Percent {
        lo = 0.0;
    }
    let last = data.last_week().max(1) as f64;
    let legend_width = 60 + 9 * series.iter().map(|s| s.0.len()).max().unwrap_or(8) as u32;
    let y_fmt = move |y: &f64| {
        if hi - lo > 8.0 {
            format!("{y:.0}")
        } else {
            format!("{y:.1}")
        }
    };
    // The legend needs 26 px a strategy; many overlapping bands need lighter fills.
    let height = 480.max(100 + 26 * series.len() as u32);
    let fill = (0.3 / series.len() as f64).clamp(0.01, 0.12);
    let svg = render(outcome, (960, height), |root| {
        let (plot, side) = root.split_horizontally(960 - legend_width.min(360));
        let mut chart = ChartBuilder::on(&plot)
            .margin(16)
            .x_label_area_size(56)
            .y_label_area_size(72)
            .build_cartesian_2d(0.0..last, lo..hi)?;
        chart
            .configure_mesh()
            .x_desc(i18n::text(lang, "report-chart-week", &[]))
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_label_formatter(&y_fmt)
            .y_desc(y_desc)
            .axis_desc_style(text(18))
            .label_style(text(15))
            .axis_style(INK.stroke_width(1))
            .bold_line_style(RGBColor(225, 225, 225))
            .max_light_lines(0)
            .draw()?;
        if band == Band::Percentiles {
            for (_, st, pts) in &series {
                let mut poly: Vec<(f64, f64)> = pts
                    .iter()
                    .filter(|p| p.p90.is_finite())
                    .map(|p| (p.week as f64, p.p90))
                    .collect();
                poly.extend(
                    pts.iter()
                        .rev()
                        .filter(|p| p.p10.is_finite())
                        .map(|p| (p.week as f64, p.p10)),
                );
                if poly.len() >= 3 {
                    chart.draw_series(std::iter::once(Polygon::new(
                        poly,
                        st.color.mix(fill).filled(),
                    )))?;
                }
                for edge in [|p: &TrajPoint| p.p10, |p: &TrajPoint| p.p90] {
                    let line = pts
                        .iter()
                        .map(|p| (p.week as f64, edge(p)))
                        .filter(|(_, y)| y.is_finite());
                    chart.draw_series(LineSeries::new(line, st.color.mix(0.6).stroke_width(1)))?;
                }
            }
        }
        for (_, st, pts) in &series {
            let line: Vec<(f64, f64)> = pts
                .iter()
                .map(|p| (p.week as f64, p.mean * scale))
                .collect();
            let style = st.color.stroke_width(3);
            if st.dashed {
                chart.draw_series(DashedLineSeries::new(line, 10, 6, style))?;
            } else {
                chart.draw_series(LineSeries::new(line, style))?;
            }
        }
        let entries: Vec<(String, SeriesStyle)> =
            series.iter().map(|(n, st, _)| (n.clone(), *st)).collect();
        legend(&side, lang, &entries)
    })?;
    Ok(Some(svg))
}
