//! One layer's activations over a sequence: units down the side, time along the bottom,
//! each cell coloured by its value (blue negative, white zero, red positive). What the
//! network read at each step runs under the grid, and the selected unit's trace is drawn
//! below it as a line, aligned with the grid's columns.

use super::axis::{format_compact, nice_step};
use super::layout::Sizes;
use super::measure::text_size;
use super::text::{fit_text, note_style, text_style, tick_style};
use super::view_frame::{begin, color_level, draw_header, level_color, line, COLOR_LEVELS};
use super::{palette, ChartError};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::FontTransform;
use serde::Serialize;

/// One frame of the heatmap.
#[derive(Clone, Copy, Debug)]
pub struct HeatmapChart<'a> {
    /// e.g. "Layer 1 · hidden state h · validation sequence 1".
    pub title: &'a str,
    /// `[steps, units]` row-major: `values[t * units + j]` is unit j at step t.
    pub values: &'a [f32],
    pub steps: usize,
    pub units: usize,
    /// The colour scale runs from `-limit` to `limit`; larger magnitudes get the end colours.
    pub limit: f32,
    /// What the network read at each step, shown under the grid.
    pub inputs: HeatmapInputs<'a>,
    /// The unit whose trace is drawn under the grid (and whose row is outlined).
    pub selected_unit: Option<usize>,
    /// What the values are, for the trace's label, e.g. "h" or "c".
    pub value_name: &'a str,
    /// Device pixels per CSS pixel.
    pub scale: f32,
}

/// The inputs along the time axis.
#[derive(Clone, Copy, Debug)]
pub enum HeatmapInputs<'a> {
    None,
    /// One character per step.
    Chars(&'a [String]),
    /// Real-valued features, each a series over the steps.
    Values {
        names: &'a [String],
        series: &'a [Vec<f32>],
    },
}

/// Where the grid was drawn, in device pixels from the area's top left corner, so a pointer
/// position can be turned into a unit ([`HeatmapLayout::unit_at`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct HeatmapLayout {
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
    pub units: usize,
    pub steps: usize,
}

impl HeatmapLayout {
    /// The unit whose row contains `(x, y)` (device pixels), if it is on the grid.
    pub fn unit_at(&self, x: f64, y: f64) -> Option<usize> {
        let inside = x >= f64::from(self.left)
            && x < f64::from(self.right)
            && y >= f64::from(self.top)
            && y < f64::from(self.bottom);
        if !inside || self.units == 0 {
            return None;
        }
        let row = (y - f64::from(self.top)) / f64::from(self.bottom - self.top) * self.units as f64;
        Some((row.floor() as usize).min(self.units - 1))
    }
}

/// A round number at or above `max_abs` (1, 1.5, 2, 2.5, 3, 4, 5, 7.5 times a power of ten),
/// and at least `floor`: a colour scale limit that does not jump with every update.
pub fn nice_limit(max_abs: f32, floor: f32) -> f32 {
    let m = max_abs.max(floor);
    if !(m.is_finite() && m > 0.0) {
        return 1.0;
    }
    let decade = 10f32.powf(m.log10().floor());
    [1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 7.5, 10.0]
        .into_iter()
        .map(|k| k * decade)
        .find(|&v| v >= m * 0.9999)
        .unwrap_or(10.0 * decade)
}

/// Draws `chart` filling `area` (cleared first); returns where the grid is.
pub fn draw_heatmap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &HeatmapChart,
) -> Result<HeatmapLayout, ChartError> {
    let sizes = begin(area, chart.scale)?;
    let header = draw_header(area, chart.title, &[], &sizes)?;
    let (width, height) = area.dim_in_pixel();
    let (width, height) = (width as i32, height as i32);
    let (steps, units) = (chart.steps, chart.units);
    if steps == 0 || units == 0 || chart.values.len() < steps * units {
        let style = note_style(&sizes);
        area.draw_text(
            "waiting for the network's activations…",
            &style,
            (width / 2, height / 2),
        )?;
        return Ok(HeatmapLayout::default());
    }
    let limit = if chart.limit.is_finite() && chart.limit > 0.0 {
        chart.limit
    } else {
        1.0
    };
    let tick_style = text_style(
        sizes.tick_font,
        FontStyle::Normal,
        &palette::TEXT,
        HPos::Right,
        VPos::Center,
    );
    let tick_height = text_size(area, "0123456789", &tick_style)?.1;

    // Horizontal bands: grid, input track, step numbers, trace.
    let unit_label_width = text_size(area, &format!("{}", units.saturating_sub(1)), &tick_style)?.0;
    let left = sizes.margin
        + tick_height
        + sizes.px(6.0)
        + unit_label_width
        + sizes.tick_length
        + sizes.px(3.0);
    let bar_label_width = text_size(
        area,
        &format!("−{}", format_compact(f64::from(limit), 3)),
        &tick_style,
    )?
    .0;
    let right =
        width - sizes.margin - sizes.px(10.0) - sizes.px(6.0) - bar_label_width - sizes.px(4.0);
    let input_height = match chart.inputs {
        HeatmapInputs::None => 0,
        HeatmapInputs::Chars(_) => (sizes.label_font * 1.5).round() as i32,
        HeatmapInputs::Values { .. } => sizes.px(34.0),
    };
    let step_axis_height = sizes.tick_length + tick_height + sizes.px(4.0);
    let trace_height = ((f64::from(height - header) * 0.27).round() as i32).max(sizes.px(56.0));
    // A row above the trace for its title, so the line never runs under the text.
    let trace_label_height = tick_height + sizes.px(8.0);
    let top = header + sizes.px(4.0);
    let bottom = height
        - sizes.margin / 2
        - trace_height
        - trace_label_height
        - step_axis_height
        - input_height;
    if right - left < 8 || bottom - top < 8 {
        return Err(ChartError::InvalidSize {
            width: width as u32,
            height: height as u32,
        });
    }
    let layout = HeatmapLayout {
        left,
        top,
        right,
        bottom,
        units,
        steps,
    };
    let column = |t: usize| left + ((right - left) as f64 * t as f64 / steps as f64).round() as i32;
    let row = |j: usize| top + ((bottom - top) as f64 * j as f64 / units as f64).round() as i32;

    // The grid: one rectangle per run of equal colour along a unit's row.
    for j in 0..units {
        let (y0, y1) = (row(j), row(j + 1));
        if y1 <= y0 {
            continue; // more units than pixel rows: this one shares its row with a neighbour
        }
        let mut start = 0;
        while start < steps {
            let level = color_level(chart.values[start * units + j], limit);
            let mut end = start + 1;
            while end < steps && color_level(chart.values[end * units + j], limit) == level {
                end += 1;
            }
            area.draw(&Rectangle::new(
                [(column(start), y0), (column(end), y1)],
                level_color(level).filled(),
            ))?;
            start = end;
        }
    }
    area.draw(&Rectangle::new(
        [(left, top), (right, bottom)],
        palette::AXIS.stroke_width(line(&sizes, 1.0)),
    ))?;

    // Unit numbers down the left, at round intervals that do not crowd.
    let row_height = f64::from(bottom - top) / units as f64;
    let unit_step =
        nice_step((f64::from(tick_height) * 1.4 / row_height).max(1.0), true).max(1.0) as usize;
    for j in (0..units).step_by(unit_step) {
        let y = (f64::from(row(j)) + row_height / 2.0).round() as i32;
        area.draw(&PathElement::new(
            vec![(left - sizes.tick_length, y), (left, y)],
            palette::AXIS.stroke_width(line(&sizes, 1.0)),
        ))?;
        area.draw_text(
            &j.to_string(),
            &tick_style,
            (left - sizes.tick_length - sizes.px(3.0), y),
        )?;
    }
    let unit_desc = text_style(
        sizes.label_font,
        FontStyle::Normal,
        &palette::TEXT,
        HPos::Center,
        VPos::Top,
    )
    .transform(FontTransform::Rotate270);
    area.draw_text("unit", &unit_desc, (sizes.margin, (top + bottom) / 2))?;

    draw_color_bar(area, (right + sizes.px(10.0), top, bottom), limit, &sizes)?;
    if let Some(unit) = chart.selected_unit.filter(|&u| u < units) {
        let stroke = palette::TEXT.stroke_width(line(&sizes, 2.0));
        area.draw(&Rectangle::new(
            [
                (left - 1, row(unit) - 1),
                (right + 1, row(unit + 1).max(row(unit) + 1) + 1),
            ],
            stroke,
        ))?;
    }

    // Inputs along the time axis, then the step numbers.
    let column_width = f64::from(right - left) / steps as f64;
    let centre = |t: usize| (f64::from(column(t)) + column_width / 2.0).round() as i32;
    let input_top = bottom + sizes.px(3.0);
    draw_inputs(
        area,
        &chart.inputs,
        steps,
        (left, right, input_top, input_top + input_height),
        &centre,
        &sizes,
    )?;
    let axis_top = input_top + input_height;
    let step_style = text_style(
        sizes.tick_font,
        FontStyle::Normal,
        &palette::TEXT,
        HPos::Center,
        VPos::Top,
    );
    let widest = text_size(area, &steps.to_string(), &step_style)?.0;
    let step_every =
        nice_step((f64::from(widest) * 2.0 / column_width).max(1.0), true).max(1.0) as usize;
    for t in (0..steps).filter(|t| (t + 1) % step_every == 0 || *t == 0) {
        let x = centre(t);
        area.draw(&PathElement::new(
            vec![(x, axis_top), (x, axis_top + sizes.tick_length)],
            palette::AXIS.stroke_width(line(&sizes, 1.0)),
        ))?;
        area.draw_text(
            &(t + 1).to_string(),
            &step_style,
            (x, axis_top + sizes.tick_length + sizes.px(1.0)),
        )?;
    }
    let step_desc = text_style(
        sizes.tick_font,
        FontStyle::Normal,
        &palette::MUTED_TEXT,
        HPos::Right,
        VPos::Top,
    );
    area.draw_text(
        "step",
        &step_desc,
        (
            left - sizes.tick_length - sizes.px(3.0),
            axis_top + sizes.tick_length + sizes.px(1.0),
        ),
    )?;

    let trace_top = height - sizes.margin / 2 - trace_height;
    draw_trace(
        area,
        chart,
        limit,
        (left, right, trace_top, height - sizes.margin / 2),
        &centre,
        &sizes,
    )?;
    Ok(layout)
}

/// A vertical scale from `limit` (top) through 0 to `-limit` (bottom), labelled.
fn draw_color_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x, top, bottom): (i32, i32, i32),
    limit: f32,
    sizes: &Sizes,
) -> Result<(), ChartError> {
    let bar_width = sizes.px(10.0);
    let span = (bottom - top).max(1);
    for y in top..bottom {
        let value = limit * (1.0 - 2.0 * (y - top) as f32 / span as f32);
        let level = color_level(value, limit).clamp(-COLOR_LEVELS, COLOR_LEVELS);
        area.draw(&Rectangle::new(
            [(x, y), (x + bar_width, y + 1)],
            level_color(level).filled(),
        ))?;
    }
    area.draw(&Rectangle::new(
        [(x, top), (x + bar_width, bottom)],
        palette::AXIS.stroke_width(line(sizes, 1.0)),
    ))?;
    let style = tick_style(sizes);
    let label = format_compact(f64::from(limit), 3);
    for (text, y) in [
        (label.clone(), top),
        ("0".to_string(), (top + bottom) / 2),
        (format!("−{label}"), bottom),
    ] {
        area.draw_text(&text, &style, (x + bar_width + sizes.px(4.0), y))?;
    }
    Ok(())
}

/// Characters (one per column, thinned when columns are narrow) or small line plots of the
/// input values, in the band `(left, right, top, bottom)`.
fn draw_inputs<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    inputs: &HeatmapInputs,
    steps: usize,
    (left, right, top, bottom): (i32, i32, i32, i32),
    centre: &dyn Fn(usize) -> i32,
    sizes: &Sizes,
) -> Result<(), ChartError> {
    let column_width = f64::from(right - left) / steps as f64;
    match *inputs {
        HeatmapInputs::None => {}
        HeatmapInputs::Chars(chars) => {
            let size = sizes
                .label_font
                .min(column_width * 1.05)
                .max(sizes.tick_font * 0.7);
            let style = text_style(
                size,
                FontStyle::Normal,
                &palette::TEXT,
                HPos::Center,
                VPos::Center,
            );
            let blank = text_style(
                size,
                FontStyle::Normal,
                &palette::MUTED_TEXT,
                HPos::Center,
                VPos::Center,
            );
            let every = (size * 0.75 / column_width).ceil().max(1.0) as usize;
            for (t, c) in chars
                .iter()
                .take(steps)
                .enumerate()
                .filter(|(t, _)| t % every == 0)
            {
                // Spaces and line breaks would be invisible: show a mark for them.
                let (text, style) = match c.as_str() {
                    " " => ("·", &blank),
                    "\n" => ("↵", &blank),
                    "\t" => ("→", &blank),
                    other => (other, &style),
                };
                area.draw_text(text, style, (centre(t), (top + bottom) / 2))?;
            }
        }
        HeatmapInputs::Values { names, series } => {
            let (lo, hi) = series
                .iter()
                .flatten()
                .filter(|v| v.is_finite())
                .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &v| {
                    (lo.min(v), hi.max(v))
                });
            if !(lo.is_finite() && hi.is_finite()) {
                return Ok(());
            }
            let (pad, span) = (sizes.px(3.0), (hi - lo).max(1e-6));
            let y_of = |v: f32| {
                bottom - pad - ((v - lo) / span * (bottom - top - 2 * pad) as f32).round() as i32
            };
            for (k, values) in series.iter().enumerate() {
                let switch = values.iter().all(|&v| v == 0.0 || v == 1.0);
                if switch && k > 0 {
                    // A 0/1 marker (the adding problem): shade the marked steps.
                    for (t, _) in values
                        .iter()
                        .take(steps)
                        .enumerate()
                        .filter(|(_, &v)| v == 1.0)
                    {
                        let x0 = left + (column_width * t as f64).round() as i32;
                        let x1 = left + (column_width * (t + 1) as f64).round() as i32;
                        area.draw(&Rectangle::new(
                            [(x0, top), (x1.max(x0 + 1), bottom)],
                            palette::BEST.mix(0.3).filled(),
                        ))?;
                    }
                    continue;
                }
                let points: Vec<(i32, i32)> = values
                    .iter()
                    .take(steps)
                    .enumerate()
                    .filter(|(_, v)| v.is_finite())
                    .map(|(t, &v)| (centre(t), y_of(v)))
                    .collect();
                area.draw(&PathElement::new(
                    points,
                    palette::TEXT.mix(0.8).stroke_width(line(sizes, 1.2)),
                ))?;
            }
            let label = text_style(
                sizes.tick_font,
                FontStyle::Normal,
                &palette::MUTED_TEXT,
                HPos::Right,
                VPos::Center,
            );
            let name = names
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(", ");
            let shown = fit_text(area, &name, &label, left - sizes.margin)?;
            area.draw_text(
                &shown,
                &label,
                (left - sizes.tick_length - sizes.px(3.0), (top + bottom) / 2),
            )?;
        }
    }
    Ok(())
}

/// The selected unit's values as a line under the grid, or a hint when none is selected.
fn draw_trace<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &HeatmapChart,
    limit: f32,
    (left, right, top, bottom): (i32, i32, i32, i32),
    centre: &dyn Fn(usize) -> i32,
    sizes: &Sizes,
) -> Result<(), ChartError> {
    // The trace gets its own range when the unit goes beyond the colour scale's limit.
    let unit_max = chart
        .selected_unit
        .filter(|&u| u < chart.units)
        .map(|u| {
            (0..chart.steps)
                .map(|t| chart.values[t * chart.units + u])
                .filter(|v| v.is_finite())
                .fold(0.0f32, |m, v| m.max(v.abs()))
        })
        .unwrap_or(0.0);
    let limit = if unit_max > limit {
        nice_limit(unit_max, limit)
    } else {
        limit
    };
    let frame = palette::AXIS.stroke_width(line(sizes, 1.0));
    area.draw(&Rectangle::new(
        [(left, top), (right, bottom)],
        palette::GRID.mix(0.025).filled(),
    ))?;
    area.draw(&Rectangle::new([(left, top), (right, bottom)], frame))?;
    let label_style = text_style(
        sizes.tick_font,
        FontStyle::Normal,
        &palette::TEXT,
        HPos::Right,
        VPos::Center,
    );
    let y_of = |v: f32| {
        let t = (v.clamp(-limit, limit) / limit + 1.0) / 2.0;
        bottom - sizes.px(3.0) - (t * (bottom - top - 2 * sizes.px(3.0)) as f32).round() as i32
    };
    let zero = y_of(0.0);
    area.draw(&PathElement::new(
        vec![(left, zero), (right, zero)],
        palette::AXIS.mix(0.8).stroke_width(line(sizes, 1.0)),
    ))?;
    let limit_label = format_compact(f64::from(limit), 3);
    for (text, y) in [
        (limit_label.clone(), y_of(limit)),
        ("0".into(), zero),
        (format!("−{limit_label}"), y_of(-limit)),
    ] {
        area.draw_text(
            &text,
            &label_style,
            (left - sizes.tick_length - sizes.px(3.0), y),
        )?;
    }
    let Some(unit) = chart.selected_unit.filter(|&u| u < chart.units) else {
        let note = text_style(
            sizes.tick_font,
            FontStyle::Normal,
            &palette::MUTED_TEXT,
            HPos::Center,
            VPos::Center,
        );
        let text = fit_text(
            area,
            "point at a row of the heatmap (or focus it and press ↑ ↓) to trace one unit",
            &note,
            right - left - sizes.px(8.0),
        )?;
        area.draw_text(&text, &note, ((left + right) / 2, (top + zero) / 2))?;
        return Ok(());
    };
    let points: Vec<(i32, i32)> = (0..chart.steps)
        .map(|t| chart.values[t * chart.units + unit])
        .enumerate()
        .filter(|(_, v)| v.is_finite())
        .map(|(t, v)| (centre(t), y_of(v)))
        .collect();
    let color = palette::TEXT;
    area.draw(&PathElement::new(
        points.clone(),
        color.stroke_width(line(sizes, 1.8)),
    ))?;
    let column_width = f64::from(right - left) / chart.steps as f64;
    if column_width >= f64::from(sizes.px(7.0)) {
        for &(x, y) in &points {
            area.draw(&Circle::new((x, y), sizes.px(2.2).max(2), color.filled()))?;
        }
    }
    let title = text_style(
        sizes.tick_font,
        FontStyle::Bold,
        &palette::TEXT,
        HPos::Left,
        VPos::Bottom,
    );
    area.draw_text(
        &format!("unit {unit}: {} at each step", chart.value_name),
        &title,
        (left, top - sizes.px(2.0)),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_round_and_cover_the_values() {
        assert_eq!(nice_limit(0.93, 1.0), 1.0);
        assert_eq!(nice_limit(2.3, 0.1), 2.5);
        assert_eq!(nice_limit(0.031, 0.01), 0.04);
        assert_eq!(nice_limit(f32::NAN, 1.0), 1.0);
        assert_eq!(nice_limit(8.0, 0.1), 10.0);
    }

    #[test]
    fn pointer_positions_map_to_rows() {
        let layout = HeatmapLayout {
            left: 10,
            top: 20,
            right: 110,
            bottom: 120,
            units: 4,
            steps: 3,
        };
        assert_eq!(layout.unit_at(50.0, 20.0), Some(0));
        assert_eq!(layout.unit_at(50.0, 69.9), Some(1));
        assert_eq!(layout.unit_at(50.0, 119.9), Some(3));
        assert_eq!(layout.unit_at(5.0, 50.0), None);
        assert_eq!(layout.unit_at(50.0, 121.0), None);
    }
}
