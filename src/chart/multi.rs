//! Pieces shared by the charts with several series (the comparison and the capacity
//! chart): series colours, line styles and markers, a header whose legend takes any
//! entries, the frame with its axes and the baseline.
//!
//! The loss chart (`draw.rs`) keeps its own, more specialised versions; these follow the
//! same sizes ([`Sizes`]), fonts, axes ([`Axis`]) and colours so the charts look alike.

use super::axis::{format_compact, Axis};
use super::layout::{flow, Sizes};
use super::measure::text_size;
use super::prepare::padded_linear_range;
use super::text::{
    axis_desc_style, fit_text, font, legend_style, note_style, tick_style, title_style,
};
use super::{palette, ChartError};
use plotters::coord::Shift;
use plotters::prelude::*;

/// One colour per run (comparison) or per depth (capacity chart), in order. The first
/// three are the loss chart's blue, orange and green; all four differ in lightness as well
/// as hue, and the line styles and markers carry meaning too, so colour is never alone.
pub const SERIES_COLOURS: [RGBColor; 4] = [
    palette::TRAIN,
    palette::VAL,
    palette::BEST,
    RGBColor(140, 70, 160),
];

/// The colour of series `index` (colours repeat after four).
pub fn series_colour(index: usize) -> RGBColor {
    SERIES_COLOURS[index % SERIES_COLOURS.len()]
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Dash {
    Solid,
    Dashed,
    Dotted,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Marker {
    None,
    /// A filled circle.
    Disc,
    /// A circle outline on a white fill.
    Ring,
    /// A small filled square.
    Square,
}

/// How one series is drawn.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Stroke {
    pub colour: RGBColor,
    pub width: u32,
    pub dash: Dash,
    pub marker: Marker,
}

pub(crate) struct LegendEntry {
    pub label: String,
    pub stroke: Stroke,
}

pub(crate) type Frame<'a, DB> = ChartContext<'a, DB, Cartesian2d<Axis, Axis>>;

/// A header's title, drawn, and where its legend goes: beside the title when the whole
/// legend (`legend_width` wide) fits there, else on rows below it. Shared by the loss chart
/// and the multi-series charts so their headers line up.
pub(crate) struct TitleRow {
    top: i32,
    title_row: i32,
    legend_row: i32,
    has_title: bool,
    pub beside: bool,
    /// Where the first legend row starts (x) and its centre line (y).
    pub legend_origin: (i32, i32),
}

impl TitleRow {
    /// Draws `title` (trimmed, shortened to fit) at the top left and places the legend.
    pub fn draw<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        title: &str,
        legend_width: i32,
        entry_gap: i32,
        sizes: &Sizes,
    ) -> Result<TitleRow, ChartError> {
        let (width, _) = area.dim_in_pixel();
        let available = width as i32 - 2 * sizes.margin;
        let title_style = title_style(sizes.title_font);
        let title_row = (sizes.title_font * 1.5).round() as i32;
        let legend_row = (sizes.legend_font * 1.6).round() as i32;
        let title = title.trim();
        let has_title = !title.is_empty();
        let title_width = if has_title {
            text_size(area, title, &title_style)?.0
        } else {
            0
        };
        let beside = title_width + 2 * entry_gap + legend_width <= available;

        let top = sizes.margin / 2;
        let title_y = top + title_row / 2;
        if has_title {
            let shown = fit_text(area, title, &title_style, available)?;
            area.draw_text(&shown, &title_style, (sizes.margin, title_y))?;
        }
        let legend_origin = if beside {
            (sizes.margin + available - legend_width, title_y)
        } else {
            let below_title = if has_title { top + title_row } else { top };
            (sizes.margin, below_title + legend_row / 2)
        };
        Ok(TitleRow {
            top,
            title_row,
            legend_row,
            has_title,
            beside,
            legend_origin,
        })
    }

    /// Distance between legend rows.
    pub fn legend_row(&self) -> i32 {
        self.legend_row
    }

    /// The header's height with `rows` legend rows.
    pub fn height(&self, rows: i32, sizes: &Sizes) -> i32 {
        let height = if self.beside {
            self.top + self.title_row.max(self.legend_row * rows)
        } else if !self.has_title {
            self.top + self.legend_row * rows
        } else {
            self.top + self.title_row + self.legend_row * rows
        };
        height + sizes.px(4.0)
    }
}

/// Title at the top left and the legend beside it when everything fits on one line;
/// otherwise the legend goes on rows below the title, each group starting a new row (runs
/// or depths on one, the keys to line styles on the next). Returns the height used.
pub(crate) fn draw_header<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    groups: &[&[LegendEntry]],
    sizes: &Sizes,
) -> Result<i32, ChartError> {
    let (width, _) = area.dim_in_pixel();
    let available = width as i32 - 2 * sizes.margin;
    let legend_style = legend_style(sizes);
    let swatch_width = (sizes.legend_font * 2.0).round() as i32;
    let swatch_gap = (sizes.legend_font * 0.4).round() as i32;
    let entry_gap = (sizes.legend_font * 1.1).round() as i32;

    // Every entry with its fitted label and width, group by group.
    let mut measured: Vec<Vec<(&LegendEntry, String, i32)>> = Vec::with_capacity(groups.len());
    for group in groups {
        let mut row = Vec::with_capacity(group.len());
        for entry in group.iter() {
            // A very long label must not push everything else off the chart.
            let label = fit_text(
                area,
                &entry.label,
                &legend_style,
                (available - swatch_width - swatch_gap).max(1),
            )?;
            let width = swatch_width + swatch_gap + text_size(area, &label, &legend_style)?.0;
            row.push((entry, label, width));
        }
        measured.push(row);
    }
    let count: usize = measured.iter().map(Vec::len).sum();
    let one_line: i32 =
        measured.iter().flatten().map(|e| e.2).sum::<i32>() + entry_gap * (count as i32 - 1).max(0);

    let header = TitleRow::draw(area, title, one_line, entry_gap, sizes)?;
    let beside = header.beside;

    // (x, row) of every entry, relative to the legend's origin.
    let mut placed: Vec<(i32, i32)> = Vec::with_capacity(count);
    let mut rows = 0;
    if beside {
        let mut x = 0;
        for entry in measured.iter().flatten() {
            placed.push((x, 0));
            x += entry.2 + entry_gap;
        }
        rows = 1;
    } else {
        for group in &measured {
            let widths: Vec<i32> = group.iter().map(|e| e.2).collect();
            let flowed = flow(&widths, available, entry_gap);
            let group_rows = flowed.last().map_or(0, |p| p.1 + 1) as i32;
            placed.extend(flowed.into_iter().map(|(x, row)| (x, rows + row as i32)));
            rows += group_rows;
        }
    }
    let (legend_x, first_row_y) = header.legend_origin;
    let legend_row = header.legend_row();
    for ((entry, label, _), (x, row)) in measured.iter().flatten().zip(placed) {
        let x = legend_x + x;
        let y = first_row_y + row * legend_row;
        draw_styled_path(area, &[(x, y), (x + swatch_width, y)], &entry.stroke, sizes)?;
        draw_marker(area, (x + swatch_width / 2, y), &entry.stroke, sizes)?;
        area.draw_text(label, &legend_style, (x + swatch_width + swatch_gap, y))?;
    }
    Ok(header.height(rows, sizes))
}

/// The legend key of a task's baseline: its dashed grey line, its label and its value
/// (task labels leave the value to the chart), plus `note` when there is one.
pub(crate) fn baseline_entry(value: f32, label: &str, note: &str, sizes: &Sizes) -> LegendEntry {
    let name = if label.trim().is_empty() {
        "baseline"
    } else {
        label.trim()
    };
    let mut label = format!("{name}: {}", format_compact(f64::from(value), 3));
    if !note.is_empty() {
        label = format!("{label}, {note}");
    }
    LegendEntry {
        label,
        stroke: Stroke {
            colour: palette::BASELINE,
            width: sizes.baseline_width,
            dash: Dash::Dashed,
            marker: Marker::None,
        },
    }
}

/// One axis as the caller wants it; the frame picks the ticks.
pub(crate) struct AxisRequest<'a> {
    pub range: (f64, f64),
    pub log: bool,
    /// Ticks on whole numbers (epochs).
    pub integer: bool,
    pub desc: &'a str,
}

/// Draws the grid, axes, tick labels and axis descriptions in `body` and returns the
/// chart context to draw series into, with the axes it chose.
pub(crate) fn draw_frame<'a, DB: DrawingBackend>(
    body: &'a DrawingArea<DB, Shift>,
    x: AxisRequest,
    y: AxisRequest,
    sizes: &Sizes,
) -> Result<(Frame<'a, DB>, Axis, Axis), ChartError> {
    let (body_width, body_height) = body.dim_in_pixel();
    let (body_width, body_height) = (body_width as i32, body_height as i32);
    let tick_style = tick_style(sizes);
    let desc_style = axis_desc_style(sizes);
    let tick_height = text_size(body, "0123456789", &tick_style)?.1;
    let desc_height = text_size(body, "epoch", &desc_style)?.1;

    let x_area = 2 * sizes.tick_length + tick_height + desc_height + sizes.px(10.0);
    let plot_height_guess = (body_height - x_area).max(1);
    let y_ticks =
        (f64::from(plot_height_guess) / (sizes.tick_font * 2.8)).clamp(2.0, 10.0) as usize;
    let y_axis = make_axis(&y, y_ticks);
    let mut widest_y_label = 0;
    for &tick in y_axis.major_ticks() {
        widest_y_label = widest_y_label.max(text_size(body, &y_axis.label(tick), &tick_style)?.0);
    }
    let y_area = 2 * sizes.tick_length + widest_y_label + desc_height + sizes.px(10.0);
    let plot_width_guess = (body_width - y_area).max(1);
    let x_ticks = (f64::from(plot_width_guess) / (sizes.tick_font * 6.0)).clamp(2.0, 12.0) as usize;
    let x_axis = make_axis(&x, x_ticks);

    let mut chart = ChartBuilder::on(body)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .margin_top(sizes.px(4.0))
        .margin_right(sizes.px(8.0))
        .build_cartesian_2d(x_axis.clone(), y_axis.clone())?;
    let described = |request: &AxisRequest| {
        if request.log {
            format!("{} (log scale)", request.desc.trim())
        } else {
            request.desc.trim().to_string()
        }
    };
    let y_desc = fit_text(body, &described(&y), &desc_style, plot_height_guess)?;
    let x_desc = fit_text(body, &described(&x), &desc_style, plot_width_guess)?;
    let line = sizes.px(1.0).max(1) as u32;
    chart
        .configure_mesh()
        .bold_line_style(palette::GRID.mix(0.09).stroke_width(line))
        .light_line_style(palette::GRID.mix(0.035).stroke_width(line))
        .axis_style(palette::AXIS.stroke_width(line))
        .set_all_tick_mark_size(sizes.tick_length)
        .x_labels(100)
        .y_labels(100)
        .max_light_lines(10)
        .label_style(font(sizes.tick_font, FontStyle::Normal).color(&palette::TEXT))
        .axis_desc_style(font(sizes.label_font, FontStyle::Normal).color(&palette::TEXT))
        .x_desc(x_desc)
        .y_desc(y_desc)
        .draw()?;
    Ok((chart, x_axis, y_axis))
}

fn make_axis(request: &AxisRequest, ticks: usize) -> Axis {
    let (lo, hi) = request.range;
    if request.log {
        Axis::log(lo, hi, ticks)
    } else {
        Axis::linear(lo, hi, ticks, request.integer)
    }
}

/// A series as a styled line through `points` (data coordinates).
pub(crate) fn draw_series_line<DB: DrawingBackend>(
    frame: &Frame<DB>,
    points: &[(f32, f32)],
    stroke: &Stroke,
    sizes: &Sizes,
) -> Result<(), ChartError> {
    if points.len() < 2 {
        return Ok(());
    }
    let plot = frame.plotting_area();
    let pixels: Vec<(i32, i32)> = points.iter().map(|p| plot.map_coordinate(p)).collect();
    let origin = plot.get_base_pixel();
    let local: Vec<(i32, i32)> = pixels
        .iter()
        .map(|(x, y)| (x - origin.0, y - origin.1))
        .collect();
    draw_styled_path(&plot.strip_coord_spec(), &local, stroke, sizes)
}

/// The stroke's marker at each point (data coordinates).
pub(crate) fn draw_series_markers<DB: DrawingBackend>(
    frame: &Frame<DB>,
    points: &[(f32, f32)],
    stroke: &Stroke,
    sizes: &Sizes,
) -> Result<(), ChartError> {
    let plot = frame.plotting_area();
    let origin = plot.get_base_pixel();
    let area = plot.strip_coord_spec();
    for point in points {
        let (x, y) = plot.map_coordinate(point);
        draw_marker(&area, (x - origin.0, y - origin.1), stroke, sizes)?;
    }
    Ok(())
}

/// A polyline in pixel coordinates of `area`, solid, dashed or dotted.
fn draw_styled_path<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    pixels: &[(i32, i32)],
    stroke: &Stroke,
    sizes: &Sizes,
) -> Result<(), ChartError> {
    if stroke.width == 0 {
        // A marker-only legend key.
        return Ok(());
    }
    let style = stroke.colour.stroke_width(stroke.width);
    let (dash, gap) = match stroke.dash {
        Dash::Solid => {
            solid_path(area, pixels, stroke, style)?;
            return Ok(());
        }
        Dash::Dashed => (sizes.px(7.0), sizes.px(4.0)),
        // Dots as long as the line is wide read as dots at any scale.
        Dash::Dotted => (sizes.px(2.0).max(stroke.width as i32), sizes.px(3.5)),
    };
    area.draw(&plotters::element::DashedPathElement::new(
        pixels.iter().copied(),
        dash.max(1),
        gap.max(1),
        style,
    ))?;
    Ok(())
}

/// In the browser one path (the canvas joins segments itself); natively segment by segment
/// with a disc on each joint, since the bitmap rasteriser folds thick polylines at sharp
/// turns (the loss chart does the same).
#[cfg(target_arch = "wasm32")]
fn solid_path<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    pixels: &[(i32, i32)],
    _stroke: &Stroke,
    style: ShapeStyle,
) -> Result<(), ChartError> {
    area.draw(&PathElement::new(pixels.to_vec(), style))?;
    Ok(())
}

#[cfg(not(target_arch = "wasm32"))]
fn solid_path<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    pixels: &[(i32, i32)],
    stroke: &Stroke,
    style: ShapeStyle,
) -> Result<(), ChartError> {
    for pair in pixels.windows(2) {
        area.draw(&PathElement::new(vec![pair[0], pair[1]], style))?;
    }
    if stroke.width >= 3 {
        let radius = (stroke.width / 2) as i32;
        for &p in pixels {
            area.draw(&Circle::new(p, radius, stroke.colour.filled()))?;
        }
    }
    Ok(())
}

/// The stroke's marker centred at `centre` (pixels of `area`).
pub(crate) fn draw_marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    centre: (i32, i32),
    stroke: &Stroke,
    sizes: &Sizes,
) -> Result<(), ChartError> {
    let r = sizes.best_radius;
    let halo = sizes.px(1.5).max(1);
    let colour = stroke.colour;
    match stroke.marker {
        Marker::None => {}
        Marker::Disc => {
            area.draw(&Circle::new(centre, r + halo, palette::BACKGROUND.filled()))?;
            area.draw(&Circle::new(centre, r, colour.filled()))?;
        }
        Marker::Ring => {
            let ring = sizes.px(2.0).max(2);
            area.draw(&Circle::new(centre, r + halo / 2, colour.filled()))?;
            area.draw(&Circle::new(
                centre,
                (r + halo / 2 - ring).max(1),
                palette::BACKGROUND.filled(),
            ))?;
        }
        Marker::Square => {
            let half = (r * 4 / 5).max(2);
            let (x, y) = centre;
            area.draw(&Rectangle::new(
                [
                    (x - half - halo, y - half - halo),
                    (x + half + halo, y + half + halo),
                ],
                palette::BACKGROUND.filled(),
            ))?;
            area.draw(&Rectangle::new(
                [(x - half, y - half), (x + half, y + half)],
                colour.filled(),
            ))?;
        }
    }
    Ok(())
}

/// The task's baseline as a dashed grey line across the plot. Its label is in the legend
/// ([`baseline_entry`]): with several curves in the plot, a label inside it would cover one.
pub(crate) fn draw_baseline<DB: DrawingBackend>(
    frame: &mut Frame<DB>,
    x_axis: &Axis,
    value: f32,
    sizes: &Sizes,
) -> Result<(), ChartError> {
    let (x_lo, x_hi) = x_axis.bounds();
    frame.draw_series(DashedLineSeries::new(
        [(x_lo as f32, value), (x_hi as f32, value)],
        sizes.px(7.0),
        sizes.px(5.0),
        palette::BASELINE.stroke_width(sizes.baseline_width),
    ))?;
    Ok(())
}

/// A muted sentence in the middle of the plot (the chart before its first data).
pub(crate) fn draw_note<DB: DrawingBackend>(
    frame: &Frame<DB>,
    note: &str,
    sizes: &Sizes,
) -> Result<(), ChartError> {
    let area = frame.plotting_area().strip_coord_spec();
    let (width, height) = area.dim_in_pixel();
    let style = note_style(sizes);
    let note = fit_text(&area, note, &style, width as i32)?;
    area.draw_text(&note, &style, (width as i32 / 2, height as i32 / 2))?;
    Ok(())
}

/// On a log axis nothing is drawn below this fraction of the largest value, so a loss of
/// zero (a memorised training set) cannot stretch the axis to minus infinity.
const LOG_DYNAMIC_RANGE: f64 = 1e-6;

/// The loss axis of the comparison and the capacity chart: `values` and the task's
/// `baseline`, so the baseline line is always on the chart; before any values, a range
/// around the baseline (or 0.01..1 without one).
pub(crate) fn loss_axis_range(
    values: impl Iterator<Item = f64>,
    baseline: Option<f32>,
    log: bool,
) -> (f64, f64) {
    let fallback = match baseline {
        Some(b) if b > 0.0 => (
            if log { f64::from(b) / 30.0 } else { 0.0 },
            f64::from(b) * 1.25,
        ),
        _ => (0.01, 1.0),
    };
    value_range(values.chain(baseline.map(f64::from)), log, fallback)
}

/// The value range of an axis holding `values` (finite ones, positive ones on a log axis),
/// with a little room; a linear range of non-negative values does not go below zero.
fn value_range(values: impl Iterator<Item = f64>, log: bool, fallback: (f64, f64)) -> (f64, f64) {
    let values: Vec<f64> = values
        .filter(|v| v.is_finite() && (!log || *v > 0.0))
        .collect();
    let Some((lo, hi)) = values
        .iter()
        .fold(None, |acc: Option<(f64, f64)>, &v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
    else {
        return fallback;
    };
    if log {
        let lo = lo.max(hi * LOG_DYNAMIC_RANGE);
        let (a, b) = (lo.log10(), hi.log10());
        let pad = ((b - a) * 0.05).max(0.05);
        return (10f64.powf(a - pad), 10f64.powf(b + pad));
    }
    padded_linear_range(lo, hi)
}

/// The smallest value a log axis shows for these values (see [`LOG_DYNAMIC_RANGE`]).
pub(crate) fn log_floor(values: impl Iterator<Item = f64>) -> f32 {
    let max = values
        .filter(|v| v.is_finite() && *v > 0.0)
        .fold(0.0f64, f64::max);
    if max == 0.0 {
        1e-3
    } else {
        (max * LOG_DYNAMIC_RANGE).max(1e-30) as f32
    }
}
