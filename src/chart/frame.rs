//! The frame every chart is drawn in: the cleared background, a title row with its legend,
//! a plot with the grid, axes, tick labels and axis descriptions, and the notes shown in
//! place of data. The loss chart, the multi-series charts and the inside-the-network views
//! all draw it with these functions, so they line up and look alike.

use super::axis::Axis;
use super::measure::text_size;
use super::series::{draw_marker, draw_styled_path, Stroke};
use super::sizes::{flow, Sizes};
use super::text::{
    axis_desc_style, checked_sizes, fit_text, font, legend_style, note_style, tick_style,
    title_style,
};
use super::words::fill;
use super::{ChartError, ChartStyle, Theme, GAP_OPACITY};
use plotters::coord::Shift;
use plotters::prelude::*;

pub(crate) type Frame<'a, DB> = ChartContext<'a, DB, Cartesian2d<Axis, Axis>>;

/// Checks the area's size, registers the native font, clears the area to the theme's
/// background, and returns the sizes for a chart drawn at `scale` device pixels per CSS pixel.
pub(crate) fn begin<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scale: f32,
    theme: &Theme,
) -> Result<Sizes, ChartError> {
    let sizes = checked_sizes(area, scale, theme)?;
    area.fill(&theme.background)?;
    Ok(sizes)
}

/// How a legend entry is marked before its text.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Swatch {
    /// A line (solid, dashed or dotted) with the stroke's marker in its middle.
    Line(Stroke),
    /// A shaded area, as the loss chart's gap.
    Area(RGBColor),
    /// A dot.
    Dot(RGBColor),
}

pub(crate) struct LegendEntry {
    pub label: String,
    pub swatch: Swatch,
}

impl LegendEntry {
    pub fn new(label: &str, swatch: Swatch) -> LegendEntry {
        LegendEntry {
            label: label.to_string(),
            swatch,
        }
    }
}

/// A legend entry measured: its fitted label and the width it takes with its swatch.
struct Measured<'e> {
    entry: &'e LegendEntry,
    label: String,
    width: i32,
}

/// Title at the top left and the legend beside it when everything fits on one line;
/// otherwise the legend goes on rows below the title, each group starting a new row (e.g.
/// runs on one, the keys to line styles on the next). Returns the height used.
pub(crate) fn draw_header<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    groups: &[&[LegendEntry]],
    sizes: &Sizes,
) -> Result<i32, ChartError> {
    let available = area.dim_in_pixel().0 as i32 - 2 * sizes.margin;
    let swatch = swatch_width(groups, sizes);
    let (swatch_gap, entry_gap) = (
        (sizes.legend_font * 0.4).round() as i32,
        (sizes.legend_font * 1.1).round() as i32,
    );
    let style = legend_style(sizes);
    let mut measured: Vec<Vec<Measured>> = Vec::with_capacity(groups.len());
    for group in groups {
        let mut row = Vec::with_capacity(group.len());
        for entry in group.iter() {
            // A very long label must not push everything else off the chart.
            let room = (available - swatch - swatch_gap).max(1);
            let label = fit_text(area, &entry.label, &style, room)?;
            let width = swatch + swatch_gap + text_size(area, &label, &style)?.0;
            row.push(Measured {
                entry,
                label,
                width,
            });
        }
        measured.push(row);
    }
    let count = measured.iter().map(Vec::len).sum::<usize>() as i32;
    let one_line =
        measured.iter().flatten().map(|e| e.width).sum::<i32>() + entry_gap * (count - 1).max(0);

    let top = sizes.margin / 2;
    let title_row = (sizes.title_font * 1.5).round() as i32;
    let legend_row = (sizes.legend_font * 1.6).round() as i32;
    let title_style = title_style(sizes);
    let title = title.trim();
    let title_width = text_size(area, title, &title_style)?.0;
    if !title.is_empty() {
        let shown = fit_text(area, title, &title_style, available)?;
        area.draw_text(&shown, &title_style, (sizes.margin, top + title_row / 2))?;
    }
    if count == 0 {
        return Ok(top + title_row + sizes.px(4.0));
    }
    let beside = title_width + 2 * entry_gap + one_line <= available;
    let (origin, placed, rows) = if beside {
        let origin = (sizes.margin + available - one_line, top + title_row / 2);
        let widths: Vec<i32> = measured.iter().flatten().map(|e| e.width).collect();
        (origin, flow(&widths, i32::MAX, entry_gap), 1)
    } else {
        let below_title = if title.is_empty() {
            top
        } else {
            top + title_row
        };
        let (placed, rows) = flow_groups(&measured, available, entry_gap);
        ((sizes.margin, below_title + legend_row / 2), placed, rows)
    };
    for (item, (x, row)) in measured.iter().flatten().zip(placed) {
        let x = origin.0 + x;
        let y = origin.1 + row as i32 * legend_row;
        draw_swatch(area, &item.entry.swatch, (x, y), swatch, sizes)?;
        area.draw_text(&item.label, &style, (x + swatch + swatch_gap, y))?;
    }
    let height = match (beside, title.is_empty()) {
        (true, _) => top + title_row.max(legend_row * rows),
        (false, true) => top + legend_row * rows,
        (false, false) => top + title_row + legend_row * rows,
    };
    Ok(height + sizes.px(4.0))
}

/// Swatches are longer when some line in the legend is dashed or dotted, so the pattern
/// shows.
fn swatch_width(groups: &[&[LegendEntry]], sizes: &Sizes) -> i32 {
    let patterned = groups.iter().flat_map(|g| g.iter()).any(
        |e| matches!(e.swatch, Swatch::Line(stroke) if stroke.dash != super::series::Dash::Solid),
    );
    let factor = if patterned { 2.0 } else { 1.6 };
    (sizes.legend_font * factor).round() as i32
}

/// (x, row) of every entry when each group starts a new row, and the number of rows.
fn flow_groups(measured: &[Vec<Measured>], available: i32, gap: i32) -> (Vec<(i32, usize)>, i32) {
    let mut placed = Vec::new();
    let mut rows = 0;
    for group in measured {
        let widths: Vec<i32> = group.iter().map(|e| e.width).collect();
        let flowed = flow(&widths, available, gap);
        let group_rows = flowed.last().map_or(0, |p| p.1 + 1);
        placed.extend(flowed.into_iter().map(|(x, row)| (x, rows + row)));
        rows += group_rows;
    }
    (placed, rows as i32)
}

fn draw_swatch<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    swatch: &Swatch,
    (x, y): (i32, i32),
    width: i32,
    sizes: &Sizes,
) -> Result<(), ChartError> {
    match swatch {
        Swatch::Line(stroke) => {
            draw_styled_path(area, &[(x, y), (x + width, y)], stroke, sizes)?;
            draw_marker(area, (x + width / 2, y), stroke, sizes)?;
        }
        Swatch::Area(colour) => {
            let half = (sizes.legend_font * 0.35).round() as i32;
            let fill = colour.mix(GAP_OPACITY * 1.6).filled();
            area.draw(&Rectangle::new(
                [(x, y - half), (x + width, y + half)],
                fill,
            ))?;
        }
        Swatch::Dot(colour) => {
            let radius = (sizes.legend_font * 0.33).round() as i32;
            area.draw(&Circle::new((x + width / 2, y), radius, colour.filled()))?;
        }
    }
    Ok(())
}

/// One axis as the caller wants it; the frame picks the ticks unless `ticks` is given.
pub(crate) struct AxisRequest<'a> {
    pub range: (f64, f64),
    pub log: bool,
    /// Ticks on whole numbers (epochs, steps).
    pub integer: bool,
    /// The description under or beside the axis; none when empty.
    pub desc: &'a str,
    pub ticks: Option<usize>,
}

impl<'a> AxisRequest<'a> {
    pub fn linear(range: (f64, f64), desc: &'a str) -> AxisRequest<'a> {
        AxisRequest {
            range,
            log: false,
            integer: false,
            desc,
            ticks: None,
        }
    }

    fn axis(&self, ticks: usize) -> Axis {
        let (lo, hi) = self.range;
        let ticks = self.ticks.unwrap_or(ticks);
        if self.log {
            Axis::log(lo, hi, ticks)
        } else {
            Axis::linear(lo, hi, ticks, self.integer)
        }
    }
}

/// The loss axis' description, with the words for a log scale when it is one.
pub(crate) fn axis_desc(y_label: &str, log: bool, style: ChartStyle) -> String {
    if log {
        fill(style.words.log_scale, &[("axis", y_label.trim())])
    } else {
        y_label.trim().to_string()
    }
}

/// Draws the grid, axes, tick labels and axis descriptions in `body` and returns the
/// chart context to draw series into, with the axes it chose.
pub(crate) fn draw_axes<'a, DB: DrawingBackend>(
    body: &'a DrawingArea<DB, Shift>,
    x: AxisRequest,
    y: AxisRequest,
    sizes: &Sizes,
) -> Result<(Frame<'a, DB>, Axis, Axis), ChartError> {
    let (body_width, body_height) = body.dim_in_pixel();
    let tick_style = tick_style(sizes);
    let desc_style = axis_desc_style(sizes);
    let tick_height = text_size(body, "0123456789", &tick_style)?.1;
    let desc_height = text_size(body, "epoch", &desc_style)?.1;
    let desc_room = |desc: &str| {
        if desc.is_empty() {
            sizes.px(2.0)
        } else {
            desc_height + sizes.px(10.0)
        }
    };

    // The x labels sit two tick lengths below the axis (plotters' rule), the description
    // at the bottom edge of the label area.
    let x_area = 2 * sizes.tick_length + tick_height + desc_room(x.desc);
    let plot_height = (body_height as i32 - x_area).max(1);
    let y_axis =
        y.axis((f64::from(plot_height) / (sizes.tick_font * 2.8)).clamp(2.0, 10.0) as usize);
    let mut widest_y_label = 0;
    for &tick in y_axis.major_ticks() {
        widest_y_label = widest_y_label.max(text_size(body, &y_axis.label(tick), &tick_style)?.0);
    }
    let y_area = 2 * sizes.tick_length + widest_y_label + desc_room(y.desc);
    let plot_width = (body_width as i32 - y_area).max(1);
    let x_axis =
        x.axis((f64::from(plot_width) / (sizes.tick_font * 6.0)).clamp(2.0, 12.0) as usize);

    let mut chart = ChartBuilder::on(body)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .margin_top(sizes.px(4.0))
        .margin_right(sizes.px(8.0))
        .build_cartesian_2d(x_axis.clone(), y_axis.clone())?;
    let y_desc = fit_text(body, y.desc, &desc_style, plot_height)?;
    let x_desc = fit_text(body, x.desc, &desc_style, plot_width)?;
    let theme = &sizes.theme;
    let line = sizes.px(1.0).max(1) as u32;
    chart
        .configure_mesh()
        .bold_line_style(theme.grid.mix(0.09).stroke_width(line))
        .light_line_style(theme.grid.mix(0.035).stroke_width(line))
        .axis_style(theme.axis.stroke_width(line))
        .set_all_tick_mark_size(sizes.tick_length)
        // The axes already choose their tick counts; these only cap them.
        .x_labels(100)
        .y_labels(100)
        .max_light_lines(10)
        .label_style(font(sizes.tick_font, FontStyle::Normal).color(&theme.text))
        .axis_desc_style(font(sizes.label_font, FontStyle::Normal).color(&theme.text))
        .x_desc(x_desc)
        .y_desc(y_desc)
        .draw()?;
    Ok((chart, x_axis, y_axis))
}

/// The plot area of `frame` without coordinates, and a map from data to its pixels.
// The pair is unpacked at once by every caller; a named struct would only add noise.
#[allow(clippy::type_complexity)]
pub(crate) fn plot_pixels<'f, DB: DrawingBackend>(
    frame: &'f Frame<DB>,
) -> (
    DrawingArea<DB, Shift>,
    impl Fn((f32, f32)) -> (i32, i32) + 'f,
) {
    let plot = frame.plotting_area();
    let origin = plot.get_base_pixel();
    let to_pixel = move |p: (f32, f32)| {
        let (x, y) = plot.map_coordinate(&p);
        (x - origin.0, y - origin.1)
    };
    (plot.strip_coord_spec(), to_pixel)
}

/// A muted sentence in the middle of `area` (a chart before its first data), on a patch of
/// the background so a line drawn there (the baseline) does not strike through it.
pub(crate) fn draw_note<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    sizes: &Sizes,
) -> Result<(), ChartError> {
    let (w, h) = area.dim_in_pixel();
    let style = note_style(sizes);
    let shown = fit_text(area, text, &style, w as i32 - 2 * sizes.margin)?;
    let centre = (w as i32 / 2, h as i32 / 2);
    let (text_w, text_h) = text_size(area, &shown, &style)?;
    let pad = sizes.px(4.0);
    let (half_w, half_h) = (text_w / 2 + pad, text_h / 2 + pad);
    let corners = [
        (centre.0 - half_w, centre.1 - half_h),
        (centre.0 + half_w, centre.1 + half_h),
    ];
    area.draw(&Rectangle::new(corners, sizes.theme.background.filled()))?;
    area.draw_text(&shown, &style, centre)?;
    Ok(())
}

/// A frame with only a title and a message in the middle (no data yet, or none to show).
pub fn draw_message<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    message: &str,
    scale: f32,
    theme: &Theme,
) -> Result<(), ChartError> {
    let sizes = begin(area, scale, theme)?;
    let header = draw_header(area, title, &[], &sizes)?;
    draw_note(&area.margin(header, 0, 0, 0), message, &sizes)
}

/// Splits `area` into `count` panels in the grid (rows x columns) that makes each panel
/// closest to `aspect` (width / height), row by row.
pub(crate) fn panel_grid<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    count: usize,
    aspect: f64,
) -> Vec<DrawingArea<DB, Shift>> {
    if count == 0 {
        return Vec::new();
    }
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (f64::from(w.max(1)), f64::from(h.max(1)));
    let misfit = |cols: usize| {
        let rows = count.div_ceil(cols);
        ((w / cols as f64) / (h / rows as f64) / aspect).ln().abs()
    };
    let columns = (1..=count)
        .min_by(|&a, &b| misfit(a).total_cmp(&misfit(b)))
        .unwrap_or(count);
    let rows = count.div_ceil(columns);
    area.split_evenly((rows, columns))
        .into_iter()
        .take(count)
        .collect()
}

/// A panel's title (bold, centred, in `colour`) and the area left under it.
pub(crate) fn panel_with_title<DB: DrawingBackend>(
    panel: &DrawingArea<DB, Shift>,
    title: &str,
    colour: &RGBColor,
    sizes: &Sizes,
) -> Result<DrawingArea<DB, Shift>, ChartError> {
    use plotters::style::text_anchor::{HPos, VPos};
    let style = super::text::text_style(
        sizes.label_font,
        FontStyle::Bold,
        colour,
        HPos::Center,
        VPos::Top,
    );
    let (w, _) = panel.dim_in_pixel();
    let shown = fit_text(panel, title, &style, w as i32 - sizes.px(8.0))?;
    panel.draw_text(&shown, &style, (w as i32 / 2, sizes.px(2.0)))?;
    Ok(panel.margin((sizes.label_font * 1.5).round() as i32, 0, 0, sizes.px(6.0)))
}
