//! One layer's activations over a sequence: units down the side, time along the bottom,
//! each cell coloured by its value (blue negative, white zero, red positive). What the
//! network read at each step runs under the grid, and the selected unit's trace is drawn
//! below it as a line, aligned with the grid's columns.

use super::axis::{format_compact, nice_step};
use super::colour_scale::{color_level, level_color};
use super::entry::{Canvas, Chart};
use super::frame::{draw_header, draw_note};
use super::measure::text_size;
use super::series::line;
use super::sizes::Sizes;
use super::text::plain_text;
use super::{ChartError, ChartStyle};
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
    /// Colours and words.
    pub style: ChartStyle<'a>,
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

/// Drawn, the heatmap tells where its grid went, so the page can find the unit under the
/// pointer.
impl Chart for HeatmapChart<'_> {
    type Drawn = HeatmapLayout;
    fn draw_in<DB: DrawingBackend>(&self, on: &Canvas<DB>) -> Result<HeatmapLayout, ChartError> {
        let (area, sizes) = (on.area, on.sizes);
        let header = draw_header(area, self.title, &[], &sizes)?;
        let (steps, units) = (self.steps, self.units);
        if steps == 0 || units == 0 || self.values.len() < steps * units {
            draw_note(area, self.style.words.waiting_for_activations, &sizes)?;
            return Ok(HeatmapLayout::default());
        }
        let limit = if self.limit.is_finite() && self.limit > 0.0 {
            self.limit
        } else {
            1.0
        };
        let bands = Bands::place(area, self, limit, header, &sizes)?;
        let drawing = HeatmapDrawing {
            area,
            chart: self,
            grid: bands.grid,
            limit,
            sizes: &sizes,
        };
        drawing.draw_grid()?;
        drawing.draw_unit_axis()?;
        drawing.draw_color_bar()?;

        // Inputs along the time axis, then the step numbers, then the trace at the bottom.
        let (left, right) = (drawing.grid.left, drawing.grid.right);
        let input_top = drawing.grid.bottom + sizes.px(3.0);
        drawing.draw_inputs((left, right, input_top, input_top + bands.input_height))?;
        drawing.draw_step_axis(input_top + bands.input_height)?;
        let height = area.dim_in_pixel().1 as i32;
        let bottom = height - sizes.margin / 2;
        drawing.draw_trace((left, right, bottom - bands.trace_height, bottom))?;
        Ok(drawing.grid)
    }
}

/// A heatmap being drawn: what every part of it needs, once its grid has a place.
pub(crate) struct HeatmapDrawing<'a, DB: DrawingBackend> {
    pub area: &'a DrawingArea<DB, Shift>,
    pub chart: &'a HeatmapChart<'a>,
    pub grid: HeatmapLayout,
    /// The colour scale runs from `-limit` to `limit`.
    pub limit: f32,
    pub sizes: &'a Sizes,
}

/// The grid's place and the heights of the bands under it.
struct Bands {
    grid: HeatmapLayout,
    input_height: i32,
    trace_height: i32,
}

impl Bands {
    /// Horizontal bands top to bottom: grid, input track, step numbers, trace; unit numbers
    /// at the left, the colour bar at the right.
    fn place<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        chart: &HeatmapChart,
        limit: f32,
        header: i32,
        sizes: &Sizes,
    ) -> Result<Bands, ChartError> {
        let (width, height) = area.dim_in_pixel();
        let (width, height) = (width as i32, height as i32);
        let tick_style = unit_tick_style(sizes);
        let tick_height = text_size(area, "0123456789", &tick_style)?.1;
        let widest_unit = format!("{}", chart.units.saturating_sub(1));
        let unit_label_width = text_size(area, &widest_unit, &tick_style)?.0;
        let left =
            sizes.margin + tick_height + sizes.px(9.0) + unit_label_width + sizes.tick_length;
        let bar_label = format!("−{}", format_compact(f64::from(limit), 3));
        let bar_label_width = text_size(area, &bar_label, &tick_style)?.0;
        let right = width - sizes.margin - sizes.px(20.0) - bar_label_width;
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
            let (width, height) = (width as u32, height as u32);
            return Err(ChartError::InvalidSize { width, height });
        }
        let (units, steps) = (chart.units, chart.steps);
        let grid = HeatmapLayout {
            left,
            top,
            right,
            bottom,
            units,
            steps,
        };
        Ok(Bands {
            grid,
            input_height,
            trace_height,
        })
    }
}

impl HeatmapLayout {
    /// The left edge of step `t`'s column.
    fn column(&self, t: usize) -> i32 {
        let width = f64::from(self.right - self.left);
        self.left + (width * t as f64 / self.steps as f64).round() as i32
    }

    /// The top edge of unit `j`'s row.
    fn row(&self, j: usize) -> i32 {
        let height = f64::from(self.bottom - self.top);
        self.top + (height * j as f64 / self.units as f64).round() as i32
    }

    /// The middle of step `t`'s column.
    pub(crate) fn centre(&self, t: usize) -> i32 {
        let column_width = f64::from(self.right - self.left) / self.steps as f64;
        (f64::from(self.column(t)) + column_width / 2.0).round() as i32
    }
}

/// Unit numbers and the colour bar's labels, right-aligned on their point.
fn unit_tick_style(sizes: &Sizes) -> TextStyle<'static> {
    let text = &sizes.theme.text;
    plain_text(sizes.tick_font, text, HPos::Right, VPos::Center)
}

impl<DB: DrawingBackend> HeatmapDrawing<'_, DB> {
    /// The cells: one rectangle per run of equal colour along a unit's row, then the frame
    /// and the selected unit's outline.
    fn draw_grid(&self) -> Result<(), ChartError> {
        let (area, chart, grid, limit, sizes) =
            (self.area, self.chart, &self.grid, self.limit, self.sizes);
        let (steps, units) = (chart.steps, chart.units);
        let level = |t: usize, j: usize| color_level(chart.values[t * units + j], limit);
        for j in 0..units {
            let (y0, y1) = (grid.row(j), grid.row(j + 1));
            if y1 <= y0 {
                continue; // more units than pixel rows: this one shares its row with a neighbour
            }
            let mut start = 0;
            while start < steps {
                let mut end = start + 1;
                while end < steps && level(end, j) == level(start, j) {
                    end += 1;
                }
                let colour = level_color(level(start, j), &sizes.theme).filled();
                area.draw(&Rectangle::new(
                    [(grid.column(start), y0), (grid.column(end), y1)],
                    colour,
                ))?;
                start = end;
            }
        }
        let (left, top, right, bottom) = (grid.left, grid.top, grid.right, grid.bottom);
        let frame = sizes.theme.axis.stroke_width(line(sizes, 1.0));
        area.draw(&Rectangle::new([(left, top), (right, bottom)], frame))?;
        if let Some(unit) = chart.selected_unit.filter(|&u| u < units) {
            let stroke = sizes.theme.text.stroke_width(line(sizes, 2.0));
            let (y0, y1) = (
                grid.row(unit) - 1,
                grid.row(unit + 1).max(grid.row(unit) + 1) + 1,
            );
            area.draw(&Rectangle::new([(left - 1, y0), (right + 1, y1)], stroke))?;
        }
        Ok(())
    }

    /// Unit numbers down the left, at round intervals that do not crowd, and the axis' name.
    fn draw_unit_axis(&self) -> Result<(), ChartError> {
        let (area, chart, grid, sizes) = (self.area, self.chart, &self.grid, self.sizes);
        let tick_style = unit_tick_style(sizes);
        let tick_height = text_size(area, "0123456789", &tick_style)?.1;
        let row_height = f64::from(grid.bottom - grid.top) / chart.units as f64;
        let unit_step =
            nice_step((f64::from(tick_height) * 1.4 / row_height).max(1.0), true).max(1.0) as usize;
        let tick = sizes.theme.axis.stroke_width(line(sizes, 1.0));
        for j in (0..chart.units).step_by(unit_step) {
            let y = (f64::from(grid.row(j)) + row_height / 2.0).round() as i32;
            let x = grid.left - sizes.tick_length;
            area.draw(&PathElement::new(vec![(x, y), (grid.left, y)], tick))?;
            area.draw_text(&j.to_string(), &tick_style, (x - sizes.px(3.0), y))?;
        }
        let text = &sizes.theme.text;
        let desc = plain_text(sizes.label_font, text, HPos::Center, VPos::Top)
            .transform(FontTransform::Rotate270);
        let middle = (grid.top + grid.bottom) / 2;
        area.draw_text(chart.style.words.unit, &desc, (sizes.margin, middle))?;
        Ok(())
    }

    /// Step numbers under the inputs, at round intervals that do not crowd, named at the
    /// left.
    fn draw_step_axis(&self, axis_top: i32) -> Result<(), ChartError> {
        let (area, chart, grid, sizes) = (self.area, self.chart, &self.grid, self.sizes);
        let theme = &sizes.theme;
        let step_style = plain_text(sizes.tick_font, &theme.text, HPos::Center, VPos::Top);
        let widest = text_size(area, &chart.steps.to_string(), &step_style)?.0;
        let column_width = f64::from(grid.right - grid.left) / chart.steps as f64;
        let step_every =
            nice_step((f64::from(widest) * 2.0 / column_width).max(1.0), true).max(1.0) as usize;
        let (tick, label_y) = (
            sizes.tick_length,
            axis_top + sizes.tick_length + sizes.px(1.0),
        );
        let stroke = theme.axis.stroke_width(line(sizes, 1.0));
        for t in (0..chart.steps).filter(|t| (t + 1) % step_every == 0 || *t == 0) {
            let x = grid.centre(t);
            area.draw(&PathElement::new(
                vec![(x, axis_top), (x, axis_top + tick)],
                stroke,
            ))?;
            area.draw_text(&(t + 1).to_string(), &step_style, (x, label_y))?;
        }
        let step_desc = plain_text(sizes.tick_font, &theme.muted_text, HPos::Right, VPos::Top);
        let x = grid.left - sizes.tick_length - sizes.px(3.0);
        area.draw_text(chart.style.words.step, &step_desc, (x, label_y))?;
        Ok(())
    }
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
