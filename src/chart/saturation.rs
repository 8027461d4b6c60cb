//! The gate saturation scatter of Karpathy, Johnson & Fei-Fei (2015), one panel per gate
//! type: each unit of each layer is a dot at (fraction of steps its gate is below 0.1,
//! fraction above 0.9). Dots in the top left are gates that stay open, bottom right gates
//! that stay shut; the dashed diagonal is where a gate is always one or the other.

use super::axis::Axis;
use super::text::text_style;
use super::view_frame::{
    begin, draw_header, draw_note, layer_color, line, panel_grid, plot_with_axes, Swatch,
};
use super::{palette, ChartError};
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

/// Draws `chart` filling `area` (cleared first).
pub fn draw_saturation<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &SaturationChart,
) -> Result<(), ChartError> {
    let sizes = begin(area, chart.scale)?;
    let names: Vec<String> = (0..chart.layers.min(8))
        .map(|k| format!("layer {}", k + 1))
        .collect();
    let legend: Vec<(&str, Swatch)> = names
        .iter()
        .enumerate()
        .map(|(k, name)| (name.as_str(), Swatch::Dot(layer_color(k))))
        .collect();
    let legend = if chart.layers > 1 { legend } else { Vec::new() };
    let header = draw_header(area, chart.title, &legend, &sizes)?;
    let body = area.margin(header, sizes.margin / 2, sizes.margin / 2, sizes.margin);

    let mut gate_types: Vec<&str> = Vec::new();
    for g in chart.gates {
        if !gate_types.contains(&g.gate) {
            gate_types.push(g.gate);
        }
    }
    if gate_types.is_empty() {
        return draw_note(&body, "no gates to show (a vanilla RNN has none)", &sizes);
    }
    let panels = panel_grid(&body, gate_types.len(), 1.0);
    for (panel, gate) in panels.iter().zip(&gate_types) {
        let points: Vec<&GatePoints> = chart.gates.iter().filter(|g| g.gate == *gate).collect();
        draw_panel(panel, gate, &points, &sizes)?;
    }
    Ok(())
}

fn draw_panel<DB: DrawingBackend>(
    panel: &DrawingArea<DB, Shift>,
    gate: &str,
    points: &[&GatePoints],
    sizes: &super::layout::Sizes,
) -> Result<(), ChartError> {
    let title_style = text_style(
        sizes.label_font,
        FontStyle::Bold,
        &palette::TEXT,
        HPos::Center,
        VPos::Top,
    );
    let (w, _) = panel.dim_in_pixel();
    panel.draw_text(
        &format!("{gate} gate"),
        &title_style,
        (w as i32 / 2, sizes.px(2.0)),
    )?;
    let plot_area = panel.margin((sizes.label_font * 1.5).round() as i32, 0, 0, sizes.px(6.0));
    // A little room beyond 0 and 1 so dots on the edges are not cut by the axes.
    let axis = || Axis::linear(-0.04, 1.04, 5, false);
    let mut chart = plot_with_axes(
        &plot_area,
        axis(),
        axis(),
        "fraction < 0.1 (shut)",
        "fraction > 0.9 (open)",
        sizes,
    )?;

    // The corner labels sit above the diagonal, where no unit can be (left + right <= 1).
    let muted = text_style(
        sizes.tick_font,
        FontStyle::Normal,
        &palette::MUTED_TEXT,
        HPos::Left,
        VPos::Top,
    );
    let plot = chart.plotting_area();
    let origin = plot.get_base_pixel();
    let local = |x: f32, y: f32| {
        let (px, py) = plot.map_coordinate(&(x, y));
        (px - origin.0, py - origin.1)
    };
    let plain = plot.strip_coord_spec();
    plain.draw_text("↖ always open", &muted, local(0.1, 1.02))?;
    let shut_style = text_style(
        sizes.tick_font,
        FontStyle::Normal,
        &palette::MUTED_TEXT,
        HPos::Right,
        VPos::Bottom,
    );
    plain.draw_text("always shut ↓", &shut_style, local(1.02, 0.3))?;
    chart.draw_series(DashedLineSeries::new(
        [(0.0f32, 1.0f32), (1.0, 0.0)],
        sizes.px(6.0),
        sizes.px(4.0),
        palette::BASELINE.mix(0.7).stroke_width(line(sizes, 1.2)),
    ))?;

    let radius = sizes.px(3.2).max(2);
    for g in points {
        let color = layer_color(g.layer);
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
