//! What the "inside the network" charts share ([`super::draw_heatmap`],
//! [`super::draw_saturation`], [`super::draw_predictions`]): the frame (size checks,
//! background, a title with a legend), axes in the loss chart's style, colour scales, and
//! the native PNG writer.

use super::axis::Axis;
use super::layout::{flow, Sizes};
use super::measure::text_size;
use super::palette;
use super::text::{checked_sizes, fit_text, font, legend_style, note_style, title_style};
use super::ChartError;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Colours of layers 1, 2, 3, 4 (and again from the first). Apart from the loss chart's blue
/// and orange, which mean training and validation on the page, and from each other in
/// lightness as well as hue.
pub const LAYER_COLORS: [RGBColor; 4] = [
    RGBColor(94, 60, 153),
    RGBColor(0, 140, 130),
    RGBColor(200, 50, 40),
    RGBColor(150, 120, 0),
];

pub fn layer_color(layer: usize) -> RGBColor {
    LAYER_COLORS[layer % LAYER_COLORS.len()]
}

/// End colours of the diverging scale: negative values blue, positive red, zero white
/// (ColorBrewer's RdBu, readable by red-green colour-blind viewers).
const NEGATIVE: (f32, f32, f32) = (33.0, 102.0, 172.0);
const ZERO: (f32, f32, f32) = (247.0, 247.0, 247.0);
const POSITIVE: (f32, f32, f32) = (178.0, 24.0, 43.0);

/// Levels per side of zero: colours are quantised so neighbouring cells of equal colour can
/// be drawn as one rectangle, far finer than an eye tells apart.
pub(crate) const COLOR_LEVELS: i32 = 48;

/// The quantised level of `value` on a scale from `-limit` to `limit`: `-COLOR_LEVELS` to
/// `COLOR_LEVELS`; non-finite values count as 0.
pub(crate) fn color_level(value: f32, limit: f32) -> i32 {
    if !value.is_finite() || limit.is_nan() || limit <= 0.0 {
        return 0;
    }
    ((value / limit).clamp(-1.0, 1.0) * COLOR_LEVELS as f32).round() as i32
}

/// The colour of a level from [`color_level`].
pub(crate) fn level_color(level: i32) -> RGBColor {
    let t = (level.abs() as f32 / COLOR_LEVELS as f32).min(1.0);
    let end = if level < 0 { NEGATIVE } else { POSITIVE };
    let mix = |a: f32, b: f32| (a + (b - a) * t).round() as u8;
    RGBColor(mix(ZERO.0, end.0), mix(ZERO.1, end.1), mix(ZERO.2, end.2))
}

/// The diverging colour of `value` on a scale from `-limit` (blue) to `limit` (red).
pub fn diverging_color(value: f32, limit: f32) -> RGBColor {
    level_color(color_level(value, limit))
}

/// Checks the area's size, registers the native font, clears the area, and returns the
/// sizes (fonts, lines, margins) for a chart drawn at `scale` device pixels per CSS pixel.
pub(crate) fn begin<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scale: f32,
) -> Result<Sizes, ChartError> {
    let sizes = checked_sizes(area, scale)?;
    area.fill(&palette::BACKGROUND)?;
    Ok(sizes)
}

/// How a legend entry is marked before its text.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Swatch {
    /// A line of this colour and width (CSS pixels).
    Line(RGBColor, f64),
    /// A dashed line.
    Dashed(RGBColor),
    /// A dot.
    Dot(RGBColor),
}

/// A title at the top left (bold) and legend entries beside it, or on rows below it when
/// they do not fit. Returns the height used.
pub(crate) fn draw_header<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    legend: &[(&str, Swatch)],
    sizes: &Sizes,
) -> Result<i32, ChartError> {
    let (width, _) = area.dim_in_pixel();
    let available = width as i32 - 2 * sizes.margin;
    let title_style = title_style(sizes.title_font * 0.9);
    let legend_style = legend_style(sizes);
    let swatch_width = (sizes.legend_font * 1.6).round() as i32;
    let swatch_gap = (sizes.legend_font * 0.4).round() as i32;
    let entry_gap = (sizes.legend_font * 1.1).round() as i32;
    let mut widths = Vec::with_capacity(legend.len());
    for (label, _) in legend {
        widths.push(swatch_width + swatch_gap + text_size(area, label, &legend_style)?.0);
    }
    let legend_width = widths.iter().sum::<i32>() + entry_gap * (widths.len() as i32 - 1).max(0);
    let title_row = (sizes.title_font * 1.4).round() as i32;
    let legend_row = (sizes.legend_font * 1.6).round() as i32;
    let title_width = text_size(area, title, &title_style)?.0;
    let beside = !legend.is_empty() && title_width + 2 * entry_gap + legend_width <= available;

    let top = sizes.margin / 2;
    let title_y = top + title_row / 2;
    let shown = fit_text(area, title.trim(), &title_style, available)?;
    area.draw_text(&shown, &title_style, (sizes.margin, title_y))?;
    if legend.is_empty() {
        return Ok(top + title_row + sizes.px(2.0));
    }
    let (legend_x, first_row_y) = if beside {
        (sizes.margin + available - legend_width, title_y)
    } else {
        (sizes.margin, top + title_row + legend_row / 2)
    };
    let placed = flow(&widths, available, entry_gap);
    let rows = placed.last().map_or(1, |p| p.1 + 1) as i32;
    for ((label, swatch), (x, row)) in legend.iter().zip(placed) {
        let x = legend_x + x;
        let y = first_row_y + row as i32 * legend_row;
        match *swatch {
            Swatch::Line(color, css_width) => area.draw(&PathElement::new(
                vec![(x, y), (x + swatch_width, y)],
                color.stroke_width(line(sizes, css_width)),
            ))?,
            Swatch::Dashed(color) => {
                let dash = swatch_width / 4;
                for k in [0, 2] {
                    area.draw(&PathElement::new(
                        vec![(x + k * dash, y), (x + (k + 1) * dash + dash / 2, y)],
                        color.stroke_width(line(sizes, 1.5)),
                    ))?;
                }
            }
            Swatch::Dot(color) => {
                let radius = (sizes.legend_font * 0.33).round() as i32;
                area.draw(&Circle::new(
                    (x + swatch_width / 2, y),
                    radius,
                    color.filled(),
                ))?
            }
        }
        area.draw_text(label, &legend_style, (x + swatch_width + swatch_gap, y))?;
    }
    let height = if beside {
        top + title_row.max(legend_row * rows)
    } else {
        top + title_row + legend_row * rows
    };
    Ok(height + sizes.px(2.0))
}

/// A stroke `css` CSS pixels wide, in whole device pixels (at least 1).
pub(crate) fn line(sizes: &Sizes, css: f64) -> u32 {
    (css * sizes.scale).round().max(1.0) as u32
}

/// Width and height a plot's axes need for tick labels and a description: `(x area, y area)`.
pub(crate) fn axis_areas<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    y_axis: &Axis,
    sizes: &Sizes,
    with_y_desc: bool,
) -> Result<(i32, i32), ChartError> {
    let tick_style = font(sizes.tick_font, FontStyle::Normal);
    let desc_style = font(sizes.label_font, FontStyle::Normal);
    let tick_height = text_size(area, "0123456789", &tick_style.clone().into())?.1;
    let desc_height = text_size(area, "step", &desc_style.into())?.1;
    let mut widest = 0;
    for &tick in y_axis.major_ticks() {
        widest = widest.max(text_size(area, &y_axis.label(tick), &tick_style.clone().into())?.0);
    }
    let x_area = 2 * sizes.tick_length + tick_height + desc_height + sizes.px(6.0);
    let y_area = 2 * sizes.tick_length
        + widest
        + if with_y_desc {
            desc_height + sizes.px(6.0)
        } else {
            sizes.px(2.0)
        };
    Ok((x_area, y_area))
}

/// A plot with the loss chart's mesh (faint grid, grey axes, tick labels) over `x` and `y`.
pub(crate) fn plot_with_axes<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    x: Axis,
    y: Axis,
    x_desc: &str,
    y_desc: &str,
    sizes: &Sizes,
) -> Result<ChartContext<'a, DB, Cartesian2d<Axis, Axis>>, ChartError> {
    let (x_area, y_area) = axis_areas(area, &y, sizes, !y_desc.is_empty())?;
    let mut chart = ChartBuilder::on(area)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .margin_top(sizes.px(4.0))
        .margin_right(sizes.px(8.0))
        .build_cartesian_2d(x, y)?;
    let (_, height) = area.dim_in_pixel();
    let desc_style: TextStyle = font(sizes.label_font, FontStyle::Normal).into();
    let y_desc = fit_text(area, y_desc, &desc_style, (height as i32 - x_area).max(1))?;
    let thin = sizes.px(1.0).max(1) as u32;
    chart
        .configure_mesh()
        .bold_line_style(palette::GRID.mix(0.09).stroke_width(thin))
        .light_line_style(palette::GRID.mix(0.0).stroke_width(thin))
        .axis_style(palette::AXIS.stroke_width(thin))
        .set_all_tick_mark_size(sizes.tick_length)
        .x_labels(100)
        .y_labels(100)
        .label_style(font(sizes.tick_font, FontStyle::Normal).color(&palette::TEXT))
        .axis_desc_style(font(sizes.label_font, FontStyle::Normal).color(&palette::TEXT))
        .x_desc(x_desc)
        .y_desc(y_desc)
        .draw()?;
    Ok(chart)
}

/// A note in the middle of `area` (e.g. "waiting for the first epoch…").
pub(crate) fn draw_note<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    sizes: &Sizes,
) -> Result<(), ChartError> {
    let (w, h) = area.dim_in_pixel();
    let style = note_style(sizes);
    let shown = fit_text(area, text, &style, w as i32 - 2 * sizes.margin)?;
    area.draw_text(&shown, &style, (w as i32 / 2, h as i32 / 2))?;
    Ok(())
}

/// A frame with only a title and a message in the middle (no data yet, or none to show).
pub fn draw_message<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    message: &str,
    scale: f32,
) -> Result<(), ChartError> {
    let sizes = begin(area, scale)?;
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
    let columns = (1..=count)
        .min_by(|&a, &b| {
            let misfit = |cols: usize| {
                let rows = count.div_ceil(cols);
                ((w / cols as f64) / (h / rows as f64) / aspect).ln().abs()
            };
            misfit(a).total_cmp(&misfit(b))
        })
        .unwrap_or(count);
    let rows = count.div_ceil(columns);
    area.split_evenly((rows, columns))
        .into_iter()
        .take(count)
        .collect()
}

/// Draws into a `width` x `height` PNG at `path`, drawn at twice the size and averaged down
/// 2x2 (the bitmap backend does not anti-alias). `draw` gets the area and the scale to
/// draw at (device pixels per CSS pixel).
#[cfg(not(target_arch = "wasm32"))]
pub fn write_view_png<F>(
    path: &std::path::Path,
    width: u32,
    height: u32,
    draw: F,
) -> Result<(), ChartError>
where
    F: FnOnce(&DrawingArea<BitMapBackend<'_>, Shift>, f32) -> Result<(), ChartError>,
{
    const FACTOR: u32 = 2;
    let valid = super::layout::MIN_AREA_PX..=super::layout::MAX_AREA_PX / FACTOR;
    if !valid.contains(&width) || !valid.contains(&height) {
        return Err(ChartError::InvalidSize { width, height });
    }
    let (big_w, big_h) = (width * FACTOR, height * FACTOR);
    let mut pixels = vec![0u8; big_w as usize * big_h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (big_w, big_h)).into_drawing_area();
        draw(&root, FACTOR as f32)?;
        root.present()?;
    }
    let small = super::native::downsample(&pixels, width, height, FACTOR);
    super::native::save_rgb_png(path, width, height, &small)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_diverging_scale_is_white_at_zero_and_saturates_at_the_limit() {
        assert_eq!(diverging_color(0.0, 1.0), RGBColor(247, 247, 247));
        assert_eq!(diverging_color(-1.0, 1.0), RGBColor(33, 102, 172));
        assert_eq!(diverging_color(5.0, 1.0), RGBColor(178, 24, 43));
        assert_eq!(diverging_color(f32::NAN, 1.0), RGBColor(247, 247, 247));
        assert_eq!(color_level(0.5, 1.0), COLOR_LEVELS / 2);
    }
}
