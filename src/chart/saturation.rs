//! The gate saturation scatter of Karpathy, Johnson & Fei-Fei (2015), one panel per gate
//! type: each unit of each layer is a dot at (fraction of steps its gate is below 0.1,
//! fraction above 0.9). Dots in the top left are gates that stay open, bottom right gates
//! that stay shut; the dashed diagonal is where a gate is always one or the other.

use super::entry::{Canvas, Chart};
use super::frame::{
    draw_axes, draw_header, draw_note, panel_grid, panel_with_title, plot_pixels, AxisRequest,
    LegendEntry, Swatch,
};
use super::series::line;
use super::sizes::Sizes;
use super::text::plain_text;
use super::words::fill;
use super::{ChartError, ChartStyle};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Every point of one frame of the scatter.
#[derive(Clone, Copy, Debug)]
pub struct SaturationChart<'a> {
    /// e.g. "Gate saturation · LSTM 2×128 · 64 validation sequences".
    pub title: &'a str,
    /// One entry per layer and gate type; panels follow the gate types' first appearance.
    pub gates: &'a [GatePoints<'a>],
    /// Layers in the network (one legend entry each).
    pub layers: usize,
    /// Device pixels per CSS pixel.
    pub scale: f32,
    /// Colours and words.
    pub style: ChartStyle<'a>,
}

/// The units of one layer's gate of one type.
#[derive(Clone, Copy, Debug)]
pub struct GatePoints<'a> {
    /// 0 for the bottom layer.
    pub layer: usize,
    /// e.g. "forget".
    pub gate: &'a str,
    /// Per unit, fraction of steps below 0.1.
    pub left: &'a [f32],
    /// Per unit, fraction of steps above 0.9.
    pub right: &'a [f32],
}

impl Chart for SaturationChart<'_> {
    type Drawn = ();
    fn draw_in<DB: DrawingBackend>(&self, on: &Canvas<DB>) -> Result<(), ChartError> {
        let (area, sizes) = (on.area, on.sizes);
        let (theme, words) = (self.style.theme, self.style.words);
        let entry = |k: usize| {
            let name = fill(words.layer_n, &[("layer", &(k + 1).to_string())]);
            LegendEntry::new(&name, Swatch::Dot(theme.layer_colour(k)))
        };
        let legend: Vec<LegendEntry> = if self.layers > 1 {
            (0..self.layers.min(8)).map(entry).collect()
        } else {
            Vec::new()
        };
        let header = draw_header(area, self.title, &[&legend], &sizes)?;
        let body = area.margin(header, sizes.margin / 2, sizes.margin / 2, sizes.margin);

        let mut gate_types: Vec<&str> = Vec::new();
        for g in self.gates {
            if !gate_types.contains(&g.gate) {
                gate_types.push(g.gate);
            }
        }
        if gate_types.is_empty() {
            return draw_note(&body, words.no_gates, &sizes);
        }
        let panels = panel_grid(&body, gate_types.len(), 1.0);
        for (panel, gate) in panels.iter().zip(&gate_types) {
            let points: Vec<&GatePoints> = self.gates.iter().filter(|g| g.gate == *gate).collect();
            draw_panel(panel, gate, &points, self.style, &sizes)?;
        }
        Ok(())
    }
}

fn draw_panel<DB: DrawingBackend>(
    panel: &DrawingArea<DB, Shift>,
    gate: &str,
    points: &[&GatePoints],
    style: ChartStyle,
    sizes: &Sizes,
) -> Result<(), ChartError> {
    let (theme, words) = (style.theme, style.words);
    let title = fill(words.gate_panel, &[("gate", gate)]);
    let plot_area = panel_with_title(panel, &title, &theme.text, sizes)?;
    // A little room beyond 0 and 1 so dots on the edges are not cut by the axes.
    let axis = |desc| AxisRequest {
        ticks: Some(5),
        ..AxisRequest::linear((-0.04, 1.04), desc)
    };
    let (x, y) = (axis(words.fraction_shut), axis(words.fraction_open));
    let (mut chart, _, _) = draw_axes(&plot_area, x, y, sizes)?;

    // The corner labels sit above the diagonal, where no unit can be (left + right <= 1).
    let muted = |h, v| plain_text(sizes.tick_font, &theme.muted_text, h, v);
    {
        let (plain, local) = plot_pixels(&chart);
        plain.draw_text(
            words.always_open,
            &muted(HPos::Left, VPos::Top),
            local((0.1, 1.02)),
        )?;
        let shut = muted(HPos::Right, VPos::Bottom);
        plain.draw_text(words.always_shut, &shut, local((1.02, 0.3)))?;
    }
    chart.draw_series(DashedLineSeries::new(
        [(0.0f32, 1.0f32), (1.0, 0.0)],
        sizes.px(6.0),
        sizes.px(4.0),
        theme.baseline.mix(0.7).stroke_width(line(sizes, 1.2)),
    ))?;

    let radius = sizes.px(3.2).max(2);
    for g in points {
        let color = theme.layer_colour(g.layer);
        let dots = g
            .left
            .iter()
            .zip(g.right)
            .filter(|(l, r)| l.is_finite() && r.is_finite());
        chart.draw_series(
            dots.clone()
                .map(|(&l, &r)| Circle::new((l, r), radius, color.mix(0.45).filled())),
        )?;
        chart.draw_series(
            dots.map(|(&l, &r)| Circle::new((l, r), radius, color.stroke_width(line(sizes, 1.0)))),
        )?;
    }
    Ok(())
}
