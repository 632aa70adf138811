//! The report's charts, drawn with `plotters` on its SVG backend.
//!
//! Colours follow the Okabe–Ito palette, which colour-blind readers can tell
//! apart; the baseline is black. Charts have a white background, dark text
//! and fonts large enough to read on paper.

mod ceac;
mod cost;
mod forest;
mod lines;

use plotters::coord::Shift;
use plotters::prelude::*;

pub use ceac::acceptability_chart;
pub use cost::cost_effect;
pub use forest::{ForestRow, forest};
pub use lines::{Band, trajectory_chart};

use super::ReportError;
use crate::problem::Message;

/// The Okabe–Ito palette without black: orange, sky blue, bluish green,
/// blue, vermillion, reddish purple, yellow.
pub const OKABE_ITO: [RGBColor; 7] = [
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(0, 158, 115),
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(204, 121, 167),
    RGBColor(240, 228, 66),
];

/// Near-black for text and axes.
pub const INK: RGBColor = RGBColor(17, 17, 17);

/// Font family of every chart (the reader's own sans-serif font; nothing is fetched).
pub const FONT: &str = "sans-serif";

/// How one strategy is drawn in every chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeriesStyle {
    /// Line and marker colour.
    pub color: RGBColor,
    /// Dashed lines, for strategies beyond the palette's seven colours.
    pub dashed: bool,
}

/// The style of the `i`-th strategy; the baseline is always black.
pub fn series_style(i: usize, baseline: usize) -> SeriesStyle {
    if i == baseline {
        return SeriesStyle {
            color: RGBColor(0, 0, 0),
            dashed: false,
        };
    }
    let k = if i > baseline { i - 1 } else { i };
    SeriesStyle {
        color: OKABE_ITO[k % OKABE_ITO.len()],
        dashed: (k / OKABE_ITO.len()) % 2 == 1,
    }
}

/// A finished chart: its file name under `plots/`, its title and its SVG.
#[derive(Debug, Clone)]
pub struct Chart {
    /// File name, e.g. `resilience_all.svg`.
    pub file: String,
    /// Title shown above it in the report.
    pub title: String,
    /// A sentence on how to read it.
    pub caption: String,
    /// The SVG document.
    pub svg: String,
}

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// Draws a `width` × `height` chart on a white SVG canvas.
pub(crate) fn render(
    name: &str,
    (width, height): (u32, u32),
    draw: impl FnOnce(&Area<'_>) -> DrawResult,
) -> Result<String, ReportError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let result = root
            .fill(&WHITE)
            .map_err(|e| e.into())
            .and_then(|_| draw(&root))
            .and_then(|_| root.present().map_err(|e| e.into()));
        result.map_err(|e| {
            ReportError::Internal(
                Message::new("problem-internal-chart")
                    .arg("name", name)
                    .with("message", Message::verbatim(e.to_string())),
            )
        })?;
    }
    Ok(svg)
}

/// Text style of a given size in the ink colour.
pub(crate) fn text(size: u32) -> TextStyle<'static> {
    (FONT, size).into_font().color(&INK)
}

/// The smallest range that holds 0 and every finite value of `values`.
pub(crate) fn span_with_zero(values: impl IntoIterator<Item = f64>) -> (f64, f64) {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)))
}

/// A range padded by 6 % on each side (and widened when it is a point).
pub(crate) fn padded(lo: f64, hi: f64) -> (f64, f64) {
    let (lo, hi) = if lo.is_finite() && hi.is_finite() {
        (lo, hi)
    } else {
        (0.0, 1.0)
    };
    let span = (hi - lo).abs().max(1e-3);
    (lo - 0.06 * span, hi + 0.06 * span)
}
