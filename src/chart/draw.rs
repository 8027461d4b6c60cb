//! Drawing one frame of the loss chart on any plotters backend.
//!
//! Layout, top to bottom: the title with the legend beside it (or below it when the canvas
//! is narrow), then the plot with its axes. The legend lives outside the plot so it can never
//! hide a curve; the labels inside the plot (best epoch, baseline) pick the nearby spot that
//! crosses the fewest curve pixels.

use super::axis::{format_compact, Axis};
use super::gap::gap_regions;
use super::layout::{flow, Sizes};
use super::measure::text_size;
use super::multi::TitleRow;
use super::palette;
use super::prepare::Prepared;
use super::text::{
    axis_desc_style, checked_sizes, fit_text, font, legend_style, note_style, text_style,
    tick_style,
};
use super::{ChartError, LossChart};
use plotters::coord::{CoordTranslate, Shift};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// What the empty chart says before the first epoch arrives.
pub(crate) const WAITING_NOTE: &str = "waiting for the first epoch…";

/// Draw `chart` filling `area`. The area is cleared first.
pub fn draw_loss_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &LossChart,
) -> Result<(), ChartError> {
    let sizes = checked_sizes(area, chart.scale)?;
    let data = Prepared::new(chart);

    area.fill(&palette::BACKGROUND)?;
    let header_height = draw_header(area, chart.title, &sizes)?;
    let body = area.margin(header_height, sizes.margin, sizes.margin, sizes.margin);
    draw_plot(&body, chart.y_label, &data, &sizes)
}

/// How a legend entry is drawn before its text.
enum Swatch {
    Line(RGBColor, u32),
    Area(RGBColor),
    Dot(RGBColor),
}

/// Title at the top left, legend to its right or on the rows below. Returns the height used.
fn draw_header<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    sizes: &Sizes,
) -> Result<i32, ChartError> {
    let (width, _) = area.dim_in_pixel();
    let available = width as i32 - 2 * sizes.margin;
    let legend_style = legend_style(sizes);

    let entries = [
        ("train", Swatch::Line(palette::TRAIN, sizes.train_width)),
        ("validation", Swatch::Line(palette::VAL, sizes.val_width)),
        ("gap", Swatch::Area(palette::VAL)),
        // Explains the marker even when its label is shortened to the bare value.
        ("best val", Swatch::Dot(palette::BEST)),
    ];
    let swatch_width = (sizes.legend_font * 1.6).round() as i32;
    let swatch_gap = (sizes.legend_font * 0.4).round() as i32;
    let entry_gap = (sizes.legend_font * 1.1).round() as i32;
    let mut widths = Vec::with_capacity(entries.len());
    for (label, _) in &entries {
        widths.push(swatch_width + swatch_gap + text_size(area, label, &legend_style)?.0);
    }
    let legend_width: i32 = widths.iter().sum::<i32>() + entry_gap * (widths.len() as i32 - 1);

    let header = TitleRow::draw(area, title, legend_width, entry_gap, sizes)?;
    let (legend_x, first_row_y) = header.legend_origin;
    let legend_row = header.legend_row();
    let placed = flow(&widths, available, entry_gap);
    let rows = placed.last().map_or(1, |p| p.1 + 1) as i32;
    for ((label, swatch), (x, row)) in entries.iter().zip(placed) {
        let x = legend_x + x;
        let y = first_row_y + row as i32 * legend_row;
        match swatch {
            Swatch::Line(color, stroke) => area.draw(&PathElement::new(
                vec![(x, y), (x + swatch_width, y)],
                color.stroke_width(*stroke),
            ))?,
            Swatch::Area(color) => {
                let half = (sizes.legend_font * 0.35).round() as i32;
                area.draw(&Rectangle::new(
                    [(x, y - half), (x + swatch_width, y + half)],
                    color.mix(palette::GAP_OPACITY * 1.6).filled(),
                ))?
            }
            Swatch::Dot(color) => {
                let radius = (sizes.legend_font * 0.33).round() as i32;
                area.draw(&Circle::new(
                    (x + swatch_width - 2 * radius, y),
                    radius,
                    color.filled(),
                ))?
            }
        }
        area.draw_text(label, &legend_style, (x + swatch_width + swatch_gap, y))?;
    }

    Ok(header.height(rows, sizes))
}

fn draw_plot<DB: DrawingBackend>(
    body: &DrawingArea<DB, Shift>,
    y_label: &str,
    data: &Prepared,
    sizes: &Sizes,
) -> Result<(), ChartError> {
    let (body_width, body_height) = body.dim_in_pixel();
    let (body_width, body_height) = (body_width as i32, body_height as i32);
    let tick_style = tick_style(sizes);
    let desc_style = axis_desc_style(sizes);
    let tick_height = text_size(body, "0123456789", &tick_style)?.1;
    let desc_height = text_size(body, "epoch", &desc_style)?.1;

    // The x labels sit two tick lengths below the axis (plotters' rule), the description
    // at the bottom edge of the label area.
    let x_area = 2 * sizes.tick_length + tick_height + desc_height + sizes.px(10.0);
    let plot_height_guess = (body_height - x_area).max(1);
    let y_ticks =
        (f64::from(plot_height_guess) / (sizes.tick_font * 2.8)).clamp(2.0, 10.0) as usize;
    let (y_lo, y_hi) = data.y_range;
    let y_axis = if data.log_y {
        Axis::log(y_lo, y_hi, y_ticks)
    } else {
        Axis::linear(y_lo, y_hi, y_ticks, false)
    };
    let mut widest_y_label = 0;
    for &tick in y_axis.major_ticks() {
        widest_y_label = widest_y_label.max(text_size(body, &y_axis.label(tick), &tick_style)?.0);
    }
    let y_area = 2 * sizes.tick_length + widest_y_label + desc_height + sizes.px(10.0);

    let plot_width_guess = (body_width - y_area).max(1);
    let x_ticks = (f64::from(plot_width_guess) / (sizes.tick_font * 6.0)).clamp(2.0, 12.0) as usize;
    let x_axis = Axis::linear(data.x_range.0, data.x_range.1, x_ticks, true);

    let mut chart = ChartBuilder::on(body)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .margin_top(sizes.px(4.0))
        .margin_right(sizes.px(6.0))
        .build_cartesian_2d(x_axis.clone(), y_axis.clone())?;

    let y_desc = if data.log_y {
        format!("{} (log scale)", y_label.trim())
    } else {
        y_label.trim().to_string()
    };
    let y_desc = fit_text(body, &y_desc, &desc_style, plot_height_guess)?;
    chart
        .configure_mesh()
        .bold_line_style(
            palette::GRID
                .mix(0.09)
                .stroke_width(sizes.px(1.0).max(1) as u32),
        )
        .light_line_style(
            palette::GRID
                .mix(0.035)
                .stroke_width(sizes.px(1.0).max(1) as u32),
        )
        .axis_style(palette::AXIS.stroke_width(sizes.px(1.0).max(1) as u32))
        .set_all_tick_mark_size(sizes.tick_length)
        // Our axes already choose their tick counts; these only cap them.
        .x_labels(100)
        .y_labels(100)
        .max_light_lines(10)
        .label_style(font(sizes.tick_font, FontStyle::Normal).color(&palette::TEXT))
        .axis_desc_style(font(sizes.label_font, FontStyle::Normal).color(&palette::TEXT))
        .x_desc("epoch")
        .y_desc(y_desc)
        .draw()?;

    let plot = chart.plotting_area().strip_coord_spec();
    let origin = plot.get_base_pixel();
    let coord = chart.as_coord_spec().clone();
    let to_plot = |p: (f32, f32)| {
        let (x, y) = coord.translate(&p);
        (x - origin.0, y - origin.1)
    };

    // Shading first so the curves draw over it.
    for region in gap_regions(
        &data.train,
        &data.val,
        |v| y_axis.to_line(v),
        |t| y_axis.value_at_line(t),
    ) {
        let color = if region.val_above {
            palette::VAL
        } else {
            palette::TRAIN
        };
        chart.draw_series(std::iter::once(Polygon::new(
            region.outline,
            color.mix(palette::GAP_OPACITY).filled(),
        )))?;
    }

    let (x_lo, x_hi) = x_axis.bounds();
    if let Some((value, _)) = data.baseline {
        let dash = sizes.px(7.0);
        chart.draw_series(DashedLineSeries::new(
            [(x_lo as f32, value), (x_hi as f32, value)],
            dash,
            sizes.px(5.0),
            palette::BASELINE.stroke_width(sizes.baseline_width),
        ))?;
    }

    // The thick validation curve first, so the thin train curve stays visible on top of it
    // where they overlap.
    draw_curve(&mut chart, &data.val, palette::VAL, sizes.val_width, sizes)?;
    draw_curve(
        &mut chart,
        &data.train,
        palette::TRAIN,
        sizes.train_width,
        sizes,
    )?;

    // Labels avoid the curves and each other.
    let mut obstacles: Vec<(i32, i32)> = Vec::new();
    for series in [&data.train, &data.val] {
        let pixels: Vec<(i32, i32)> = series.iter().map(|&p| to_plot(p)).collect();
        sample_path(&pixels, sizes.px(3.0).max(1), &mut obstacles);
    }
    let (plot_width, plot_height) = plot.dim_in_pixel();
    let bounds = (plot_width as i32, plot_height as i32);
    let label_style = text_style(
        sizes.tick_font,
        FontStyle::Normal,
        &palette::BASELINE,
        HPos::Left,
        VPos::Top,
    );

    if let Some((value, label)) = data.baseline {
        let name = if label.trim().is_empty() {
            "baseline"
        } else {
            label.trim()
        };
        let text = format!("{name}: {}", format_compact(f64::from(value), 3));
        let (_, y) = to_plot((x_lo as f32, value));
        let size = text_size(&plot, &text, &label_style)?;
        let pad = sizes.px(6.0);
        let lift = sizes.px(3.0) + sizes.baseline_width as i32;
        let (right, centre) = (bounds.0 - pad - size.0, (bounds.0 - size.0) / 2);
        let candidates = [
            (right, y - lift - size.1),
            (right, y + lift),
            (pad, y - lift - size.1),
            (pad, y + lift),
            (centre, y - lift - size.1),
            (centre, y + lift),
        ];
        let (spot, _) = best_spot(&candidates, size, bounds, &obstacles, sizes.px(2.0));
        draw_label(&plot, &text, &label_style, spot, size, sizes)?;
        // The best label must then keep off this label and the dashed line itself.
        block_box(spot, size, &mut obstacles, sizes.px(2.0).max(1));
        sample_path(
            &[(0, y), (bounds.0, y)],
            sizes.px(3.0).max(1),
            &mut obstacles,
        );
    }

    if let Some(best) = data.best {
        let centre = to_plot(best);
        let r = sizes.best_radius;
        plot.draw(&Circle::new(
            centre,
            r + sizes.px(1.5).max(1),
            palette::BACKGROUND.filled(),
        ))?;
        plot.draw(&Circle::new(centre, r, palette::BEST.filled()))?;

        let best_style = text_style(
            sizes.tick_font,
            FontStyle::Bold,
            &palette::BEST,
            HPos::Left,
            VPos::Top,
        );
        let value = format_compact(f64::from(best.1), 4);
        let epoch = format_compact(f64::from(best.0), 7);
        // Shorter wordings only when they find a spot that hides less of the curves.
        let wordings = [
            format!("best {value} @ epoch {epoch}"),
            format!("best {value}"),
            value,
        ];
        let mut chosen: Option<PlacedLabel> = None;
        for text in wordings {
            let size = text_size(&plot, &text, &best_style)?;
            let candidates = best_label_candidates(centre, size, r + sizes.px(5.0));
            let (spot, hits) = best_spot(&candidates, size, bounds, &obstacles, sizes.px(2.0));
            if chosen.as_ref().is_none_or(|c| hits < c.hits) {
                chosen = Some(PlacedLabel {
                    text,
                    size,
                    spot,
                    hits,
                });
            }
            if hits == 0 {
                break;
            }
        }
        if let Some(label) = chosen {
            draw_label(
                &plot,
                &label.text,
                &best_style,
                label.spot,
                label.size,
                sizes,
            )?;
        }
    }

    if data.is_empty() {
        let style = note_style(sizes);
        let note = fit_text(&plot, WAITING_NOTE, &style, bounds.0)?;
        plot.draw_text(&note, &style, (bounds.0 / 2, bounds.1 / 2))?;
    }
    Ok(())
}

/// A label with the spot found for it and how many curve points it covers there.
struct PlacedLabel {
    text: String,
    size: (i32, i32),
    spot: (i32, i32),
    hits: usize,
}

type LossChartContext<'a, DB> = ChartContext<'a, DB, Cartesian2d<Axis, Axis>>;

/// One series as a line; a lone point as a dot, since a line through one point is invisible.
fn draw_curve<DB: DrawingBackend>(
    chart: &mut LossChartContext<DB>,
    points: &[(f32, f32)],
    color: RGBColor,
    stroke: u32,
    sizes: &Sizes,
) -> Result<(), ChartError> {
    match points {
        [] => {}
        [single] => {
            let radius = (stroke as i32 + sizes.px(1.5)).max(2);
            chart.draw_series(std::iter::once(Circle::new(
                *single,
                radius,
                color.filled(),
            )))?;
        }
        _ => draw_polyline(chart, points, color, stroke)?,
    }
    Ok(())
}

/// In the browser one path per curve: the canvas joins segments itself (round joins, set
/// by the chart view) and one stroke is far cheaper than hundreds.
#[cfg(target_arch = "wasm32")]
fn draw_polyline<DB: DrawingBackend>(
    chart: &mut LossChartContext<DB>,
    points: &[(f32, f32)],
    color: RGBColor,
    stroke: u32,
) -> Result<(), ChartError> {
    chart.draw_series(LineSeries::new(
        points.iter().copied(),
        color.stroke_width(stroke),
    ))?;
    Ok(())
}

/// Natively segment by segment with a disc on every joint. plotters' software rasteriser
/// fills a thick polyline as a single outline polygon, which folds over itself at the sharp
/// turns of a noisy, decimated curve and leaves spikes and holes; separate segments with
/// round joins do not.
#[cfg(not(target_arch = "wasm32"))]
fn draw_polyline<DB: DrawingBackend>(
    chart: &mut LossChartContext<DB>,
    points: &[(f32, f32)],
    color: RGBColor,
    stroke: u32,
) -> Result<(), ChartError> {
    let style = color.stroke_width(stroke);
    chart.draw_series(
        points
            .windows(2)
            .map(|pair| PathElement::new(vec![pair[0], pair[1]], style)),
    )?;
    if stroke >= 3 {
        let radius = (stroke / 2) as i32;
        chart.draw_series(
            points
                .iter()
                .map(|&p| Circle::new(p, radius, color.filled())),
        )?;
    }
    Ok(())
}

/// Points every `step` pixels along a polyline, for collision tests.
fn sample_path(pixels: &[(i32, i32)], step: i32, out: &mut Vec<(i32, i32)>) {
    if let Some(&first) = pixels.first() {
        out.push(first);
    }
    for pair in pixels.windows(2) {
        let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
        let length = (x1 - x0).abs().max((y1 - y0).abs());
        // Segments are short after decimation; the cap only guards against absurd input.
        let samples = (length / step).clamp(1, 2000);
        for i in 1..=samples {
            out.push((x0 + (x1 - x0) * i / samples, y0 + (y1 - y0) * i / samples));
        }
    }
}

fn block_box(top_left: (i32, i32), size: (i32, i32), out: &mut Vec<(i32, i32)>, step: i32) {
    for y in (top_left.1..=top_left.1 + size.1).step_by(step as usize) {
        for x in (top_left.0..=top_left.0 + size.0).step_by(step as usize) {
            out.push((x, y));
        }
    }
}

/// Top-left corners to try for a label of `size` about a marker at `centre`, nearest first;
/// the farther ones reach into the open space between the curves that an overfitting run
/// leaves to the right of its best epoch.
fn best_label_candidates(centre: (i32, i32), size: (i32, i32), away: i32) -> [(i32, i32); 14] {
    let (cx, cy) = centre;
    let (below, above, beside) = (cy + away, cy - away - size.1, cy - size.1 / 2);
    let (centred, right, left) = (cx - size.0 / 2, cx + away / 2, cx - size.0 - away / 2);
    [
        (centred, below),
        (right, below),
        (left, below),
        (cx + away, beside),
        (cx - size.0 - away, beside),
        (centred, above),
        (right, above),
        (left, above),
        (right + size.0 / 2, below),
        (right + size.0 / 2, above),
        (right + size.0, below),
        (right + size.0, above),
        (left - size.0 / 2, below),
        (left - size.0 / 2, above),
    ]
}

/// Of the candidate top-left corners, the first one inside the plot that covers the fewest
/// obstacle points (curve pixels, other labels), with that count.
fn best_spot(
    candidates: &[(i32, i32)],
    size: (i32, i32),
    bounds: (i32, i32),
    obstacles: &[(i32, i32)],
    pad: i32,
) -> ((i32, i32), usize) {
    let inside =
        |&(x, y): &(i32, i32)| x >= 0 && y >= 0 && x + size.0 <= bounds.0 && y + size.1 <= bounds.1;
    let hits = |&(x, y): &(i32, i32)| {
        obstacles
            .iter()
            .filter(|&&(px, py)| {
                px >= x - pad && px <= x + size.0 + pad && py >= y - pad && py <= y + size.1 + pad
            })
            .count()
    };
    candidates
        .iter()
        .filter(|c| inside(c))
        .map(|c| (*c, hits(c)))
        .min_by_key(|(_, count)| *count)
        // Nothing fits (a tiny plot): keep the first, pulled inside as far as possible.
        .unwrap_or_else(|| {
            let (x, y) = candidates[0];
            let spot = (
                x.clamp(0, (bounds.0 - size.0).max(0)),
                y.clamp(0, (bounds.1 - size.1).max(0)),
            );
            (spot, hits(&spot))
        })
}

/// Text on a translucent white box so it stays readable over grid lines and shading.
fn draw_label<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    top_left: (i32, i32),
    size: (i32, i32),
    sizes: &Sizes,
) -> Result<(), ChartError> {
    let pad = sizes.px(2.0);
    plot.draw(&Rectangle::new(
        [
            (top_left.0 - pad, top_left.1 - pad),
            (top_left.0 + size.0 + pad, top_left.1 + size.1 + pad),
        ],
        // Translucent: a curve passing behind a label stays visible.
        palette::BACKGROUND.mix(0.7).filled(),
    ))?;
    plot.draw_text(text, style, top_left)?;
    Ok(())
}
