//! The bands around the activation heatmap's grid: the colour bar at its right, what the
//! network read under it, and the selected unit's trace at the bottom.

use super::axis::format_compact;
use super::colour_scale::{color_level, level_color, COLOR_LEVELS};
use super::heatmap::{nice_limit, HeatmapDrawing, HeatmapInputs};
use super::series::{draw_polyline, line};
use super::sizes::{Sizes, MIN_FONT_CSS_PX};
use super::text::{fit_text, plain_text, text_style, tick_style};
use super::words::fill;
use super::ChartError;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// A band of the heatmap in pixels: `(left, right, top, bottom)`.
type Band = (i32, i32, i32, i32);

impl<DB: DrawingBackend> HeatmapDrawing<'_, DB> {
    /// A vertical scale right of the grid from `limit` (top) through 0 to `-limit`
    /// (bottom), labelled.
    pub(crate) fn draw_color_bar(&self) -> Result<(), ChartError> {
        let (area, grid, limit, sizes) = (self.area, &self.grid, self.limit, self.sizes);
        let (x, top, bottom) = (grid.right + sizes.px(10.0), grid.top, grid.bottom);
        let bar_width = sizes.px(10.0);
        let span = (bottom - top).max(1);
        for y in top..bottom {
            let value = limit * (1.0 - 2.0 * (y - top) as f32 / span as f32);
            let level = color_level(value, limit).clamp(-COLOR_LEVELS, COLOR_LEVELS);
            area.draw(&Rectangle::new(
                [(x, y), (x + bar_width, y + 1)],
                level_color(level, &sizes.theme).filled(),
            ))?;
        }
        area.draw(&Rectangle::new(
            [(x, top), (x + bar_width, bottom)],
            sizes.theme.axis.stroke_width(line(sizes, 1.0)),
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

    /// Characters (one per column, thinned when columns are narrow) or small line plots of
    /// the input values, in `band`.
    pub(crate) fn draw_inputs(&self, band: Band) -> Result<(), ChartError> {
        match self.chart.inputs {
            HeatmapInputs::None => Ok(()),
            HeatmapInputs::Chars(chars) => self.draw_chars(chars, band),
            HeatmapInputs::Values { names, series } => self.draw_values((names, series), band),
        }
    }

    fn draw_chars(
        &self,
        chars: &[String],
        (left, right, top, bottom): Band,
    ) -> Result<(), ChartError> {
        let (area, sizes) = (self.area, self.sizes);
        let (steps, centre) = (self.chart.steps, |t| self.grid.centre(t));
        let column_width = f64::from(right - left) / steps as f64;
        let size = (sizes.label_font.min(column_width * 1.05)).max(MIN_FONT_CSS_PX * sizes.scale);
        let style = |colour| plain_text(size, colour, HPos::Center, VPos::Center);
        let (plain, blank) = (style(&sizes.theme.text), style(&sizes.theme.muted_text));
        let every = (size * 0.75 / column_width).ceil().max(1.0) as usize;
        let shown = chars
            .iter()
            .take(steps)
            .enumerate()
            .filter(|(t, _)| t % every == 0);
        for (t, c) in shown {
            // Spaces and line breaks would be invisible: show a mark for them.
            let (text, style) = match c.as_str() {
                " " => ("·", &blank),
                "\n" => ("↵", &blank),
                "\t" => ("→", &blank),
                other => (other, &plain),
            };
            area.draw_text(text, style, (centre(t), (top + bottom) / 2))?;
        }
        Ok(())
    }

    fn draw_values(
        &self,
        (names, series): (&[String], &[Vec<f32>]),
        (left, right, top, bottom): Band,
    ) -> Result<(), ChartError> {
        let (area, sizes) = (self.area, self.sizes);
        let (steps, centre) = (self.chart.steps, |t| self.grid.centre(t));
        let finite = series.iter().flatten().filter(|v| v.is_finite());
        let (lo, hi) = finite.fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
        if !(lo.is_finite() && hi.is_finite()) {
            return Ok(());
        }
        let (pad, span) = (sizes.px(3.0), (hi - lo).max(1e-6));
        let y_of = |v: f32| {
            bottom - pad - ((v - lo) / span * (bottom - top - 2 * pad) as f32).round() as i32
        };
        let column_width = f64::from(right - left) / steps as f64;
        let x_of = |t: usize| left + (column_width * t as f64).round() as i32;
        for (k, values) in series.iter().enumerate() {
            let switch = values.iter().all(|&v| v == 0.0 || v == 1.0);
            if switch && k > 0 {
                // A 0/1 marker (the adding problem): shade the marked steps.
                let marked = values
                    .iter()
                    .take(steps)
                    .enumerate()
                    .filter(|(_, &v)| v == 1.0);
                let shade = sizes.theme.best.mix(0.3).filled();
                for (t, _) in marked {
                    let (x0, x1) = (x_of(t), x_of(t + 1));
                    area.draw(&Rectangle::new(
                        [(x0, top), (x1.max(x0 + 1), bottom)],
                        shade,
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
            let stroke = sizes.theme.text.mix(0.8).stroke_width(line(sizes, 1.2));
            area.draw(&PathElement::new(points, stroke))?;
        }
        let muted = &sizes.theme.muted_text;
        let label = plain_text(sizes.tick_font, muted, HPos::Right, VPos::Center);
        let name = names.join(", ");
        let shown = fit_text(area, &name, &label, left - sizes.margin)?;
        let at = (left - sizes.tick_length - sizes.px(3.0), (top + bottom) / 2);
        area.draw_text(&shown, &label, at)?;
        Ok(())
    }

    /// The selected unit's values as a line in `band`, or a hint when none is selected.
    pub(crate) fn draw_trace(&self, band: Band) -> Result<(), ChartError> {
        let (area, chart, limit, sizes) = (self.area, self.chart, self.limit, self.sizes);
        let centre = |t| self.grid.centre(t);
        let (left, right, top, bottom) = band;
        let selected = chart.selected_unit.filter(|&u| u < chart.units);
        let unit_values =
            |u: usize| (0..chart.steps).map(move |t| chart.values[t * chart.units + u]);
        // The trace gets its own range when the unit goes beyond the colour scale's limit.
        let unit_max = selected
            .map(|u| {
                unit_values(u)
                    .filter(|v| v.is_finite())
                    .fold(0.0f32, |m, v| m.max(v.abs()))
            })
            .unwrap_or(0.0);
        let limit = if unit_max > limit {
            nice_limit(unit_max, limit)
        } else {
            limit
        };
        let y_of = |v: f32| {
            let t = (v.clamp(-limit, limit) / limit + 1.0) / 2.0;
            bottom - sizes.px(3.0) - (t * (bottom - top - 2 * sizes.px(3.0)) as f32).round() as i32
        };
        draw_trace_axes(area, band, limit, &y_of, sizes)?;
        let theme = &sizes.theme;
        let Some(unit) = selected else {
            let muted = &theme.muted_text;
            let note = plain_text(sizes.tick_font, muted, HPos::Center, VPos::Center);
            let hint = chart.style.words.trace_hint;
            let text = fit_text(area, hint, &note, right - left - sizes.px(8.0))?;
            area.draw_text(&text, &note, ((left + right) / 2, (top + y_of(0.0)) / 2))?;
            return Ok(());
        };
        let points: Vec<(i32, i32)> = unit_values(unit)
            .enumerate()
            .filter(|(_, v)| v.is_finite())
            .map(|(t, v)| (centre(t), y_of(v)))
            .collect();
        draw_polyline(area, &points, theme.text, line(sizes, 1.8))?;
        let column_width = f64::from(right - left) / chart.steps as f64;
        if column_width >= f64::from(sizes.px(7.0)) {
            for &p in &points {
                area.draw(&Circle::new(p, sizes.px(2.2).max(2), theme.text.filled()))?;
            }
        }
        let title = text_style(
            sizes.tick_font,
            FontStyle::Bold,
            &theme.text,
            HPos::Left,
            VPos::Bottom,
        );
        let unit = unit.to_string();
        let text = fill(
            chart.style.words.unit_trace,
            &[("unit", &unit), ("value", chart.value_name)],
        );
        area.draw_text(&text, &title, (left, top - sizes.px(2.0)))?;
        Ok(())
    }
}

/// The trace's shaded box, its zero line and its three value labels.
fn draw_trace_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (left, right, top, bottom): Band,
    limit: f32,
    y_of: &dyn Fn(f32) -> i32,
    sizes: &Sizes,
) -> Result<(), ChartError> {
    let theme = &sizes.theme;
    let frame = theme.axis.stroke_width(line(sizes, 1.0));
    let shade = theme.grid.mix(0.025).filled();
    area.draw(&Rectangle::new([(left, top), (right, bottom)], shade))?;
    area.draw(&Rectangle::new([(left, top), (right, bottom)], frame))?;
    let zero = y_of(0.0);
    let zero_line = theme.axis.mix(0.8).stroke_width(line(sizes, 1.0));
    area.draw(&PathElement::new(
        vec![(left, zero), (right, zero)],
        zero_line,
    ))?;
    let label_style = plain_text(sizes.tick_font, &theme.text, HPos::Right, VPos::Center);
    let limit_label = format_compact(f64::from(limit), 3);
    let x = left - sizes.tick_length - sizes.px(3.0);
    for (text, y) in [
        (limit_label.clone(), y_of(limit)),
        ("0".into(), zero),
        (format!("−{limit_label}"), y_of(-limit)),
    ] {
        area.draw_text(&text, &label_style, (x, y))?;
    }
    Ok(())
}
