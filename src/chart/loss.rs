//! The loss chart: training vs validation loss over epochs.
//!
//! Layout, top to bottom: the frame's title row with the legend, then the plot with its
//! axes. The legend lives outside the plot so it can never hide a curve; the labels inside
//! the plot (best epoch, baseline) pick the nearby spot that crosses the fewest curve pixels.
//! The chart shows the train curve (thinner) and the validation curve (thicker), the gap
//! between them shaded, a marker with its value at the best validation epoch, and the
//! task's baseline as a labelled dashed line.

use super::axis::format_compact;
use super::entry::{Canvas, Chart};
use super::frame::{axis_desc, draw_axes, draw_header, draw_note, plot_pixels, AxisRequest};
use super::frame::{Frame, LegendEntry, Swatch};
use super::gap::gap_regions;
use super::label_spots::{best_label_candidates, LabelBoard, PlacedLabel};
use super::measure::text_size;
use super::prepare::Prepared;
use super::series::{baseline_text, draw_baseline, draw_polyline, Stroke};
use super::sizes::Sizes;
use super::text::{plain_text, text_style};
use super::words::{fill, ChartWords};
use super::{ChartError, ChartStyle, GAP_OPACITY};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Everything one frame of the chart shows. Points are `(epoch, loss)`, sorted by epoch.
#[derive(Clone, Copy, Debug)]
pub struct LossChart<'a> {
    /// Drawn at the top left, e.g. "LSTM 1x32 on sine forecasting".
    pub title: &'a str,
    /// What the loss measures, e.g. "MSE" or "nats per char"; the y axis label.
    pub y_label: &'a str,
    pub train: &'a [(f32, f32)],
    pub val: &'a [(f32, f32)],
    /// `(epoch, val_loss)` of the best validation epoch, marked and labelled with its value.
    pub best: Option<(f32, f32)>,
    /// `(loss, label)` of the task's baseline (e.g. "predict the mean"), a dashed line.
    pub baseline: Option<(f32, &'a str)>,
    /// Logarithmic y axis; values at or below zero are drawn at a positive floor.
    pub log_y: bool,
    /// The epoch where early stopping ended the run: a dashed vertical mark there, and the
    /// best epoch labelled as the weights kept.
    pub stopped_at: Option<f32>,
    /// Device pixels per CSS pixel: 1.0 normally, `devicePixelRatio` on HiDPI screens.
    /// Fonts, line widths and margins are multiplied by it.
    pub scale: f32,
    /// Colours and words.
    pub style: ChartStyle<'a>,
}

impl<'a> LossChart<'a> {
    /// A chart of `history` with the best validation epoch already found.
    pub fn from_history(title: &'a str, y_label: &'a str, history: &'a super::LossHistory) -> Self {
        LossChart {
            title,
            y_label,
            train: &history.train,
            val: &history.val,
            best: history.best,
            baseline: None,
            log_y: false,
            stopped_at: None,
            scale: 1.0,
            style: ChartStyle::default(),
        }
    }
}

impl Chart for LossChart<'_> {
    type Drawn = ();
    fn draw_in<DB: DrawingBackend>(&self, on: &Canvas<DB>) -> Result<(), ChartError> {
        let (area, sizes) = (on.area, on.sizes);
        let (theme, words) = (self.style.theme, self.style.words);
        let data = Prepared::new(self);
        let legend = [
            LegendEntry::new(
                words.train,
                Swatch::Line(Stroke::solid(theme.train, sizes.train_width)),
            ),
            LegendEntry::new(
                words.validation,
                Swatch::Line(Stroke::solid(theme.val, sizes.val_width)),
            ),
            LegendEntry::new(words.gap, Swatch::Area(theme.val)),
            LegendEntry::new(
                if self.stopped_at.is_some() {
                    words.kept_weights
                } else {
                    words.best_val
                },
                Swatch::Dot(theme.best),
            ),
        ];
        let header = draw_header(area, self.title, &[&legend], &sizes)?;
        let body = area.margin(header, sizes.margin, sizes.margin, sizes.margin);
        let y_desc = axis_desc(self.y_label, data.log_y, self.style);
        let x = AxisRequest {
            integer: true,
            ..AxisRequest::linear(data.x_range, words.epoch)
        };
        let y = AxisRequest {
            log: data.log_y,
            ..AxisRequest::linear(data.y_range, &y_desc)
        };
        let (mut frame, x_axis, y_axis) = draw_axes(&body, x, y, &sizes)?;

        // Shading first so the curves draw over it.
        let to_line = |v| y_axis.to_line(v);
        let value_at = |t| y_axis.value_at_line(t);
        for region in gap_regions(&data.train, &data.val, to_line, value_at) {
            let colour = if region.val_above {
                theme.val
            } else {
                theme.train
            };
            let fill = colour.mix(GAP_OPACITY).filled();
            frame.draw_series(std::iter::once(Polygon::new(region.outline, fill)))?;
        }
        if let Some((value, _)) = data.baseline {
            draw_baseline(&mut frame, &x_axis, value, &sizes)?;
        }
        // The thick validation curve first, so the thin train curve stays visible on top of it
        // where they overlap.
        draw_curve(&frame, &data.val, theme.val, sizes.val_width, &sizes)?;
        draw_curve(&frame, &data.train, theme.train, sizes.train_width, &sizes)?;
        draw_labels(&frame, &data, self, &sizes)?;
        if data.is_empty() {
            let (plot, _) = plot_pixels(&frame);
            draw_note(&plot, words.waiting_for_epoch, &sizes)?;
        }
        Ok(())
    }
}

/// One series as a line; a lone point as a dot, since a line through one point is invisible.
fn draw_curve<DB: DrawingBackend>(
    frame: &Frame<DB>,
    points: &[(f32, f32)],
    colour: RGBColor,
    stroke: u32,
    sizes: &Sizes,
) -> Result<(), ChartError> {
    let (plot, to_pixel) = plot_pixels(frame);
    let pixels: Vec<(i32, i32)> = points.iter().map(|&p| to_pixel(p)).collect();
    if let [single] = pixels[..] {
        let radius = (stroke as i32 + sizes.px(1.5)).max(2);
        plot.draw(&Circle::new(single, radius, colour.filled()))?;
        return Ok(());
    }
    draw_polyline(&plot, &pixels, colour, stroke)
}

/// The baseline's label and the best epoch's marker and label, each where it hides the
/// least of the curves and of each other.
fn draw_labels<DB: DrawingBackend>(
    frame: &Frame<DB>,
    data: &Prepared,
    chart: &LossChart,
    sizes: &Sizes,
) -> Result<(), ChartError> {
    let (plot, to_pixel) = plot_pixels(frame);
    let mut labels = LabelBoard::new(&plot, sizes);
    for series in [&data.train, &data.val] {
        let pixels: Vec<(i32, i32)> = series.iter().map(|&p| to_pixel(p)).collect();
        labels.avoid_path(&pixels);
    }
    let words = chart.style.words;
    // The stop mark first: the baseline's label then finds a spot off it.
    if let Some(epoch) = chart.stopped_at {
        // ... and keeps off the baseline's dashed line.
        if let Some((value, _)) = data.baseline {
            let (_, y) = to_pixel((0.0, value));
            labels.avoid_path(&[(0, y), (labels.bounds.0, y)]);
        }
        let (x, _) = to_pixel((epoch, 0.0));
        draw_stop_mark(&mut labels, x, epoch, words)?;
    }
    if let Some((value, label)) = data.baseline {
        let (_, y) = to_pixel((0.0, value));
        draw_baseline_label(&mut labels, (value, label), y, words)?;
    }
    if let Some(best) = data.best {
        let kept = chart.stopped_at.is_some();
        draw_best(&mut labels, best, to_pixel(best), words, kept)?;
    }
    Ok(())
}

/// The baseline's name and value just above or below its line at pixel row `y`, right,
/// left or centred. Later labels keep off it and off the line itself.
fn draw_baseline_label<DB: DrawingBackend>(
    labels: &mut LabelBoard<DB>,
    (value, label): (f32, &str),
    y: i32,
    words: &ChartWords,
) -> Result<(), ChartError> {
    let sizes = labels.sizes;
    let style = plain_text(
        sizes.tick_font,
        &sizes.theme.baseline,
        HPos::Left,
        VPos::Top,
    );
    let text = baseline_text((value, label), words);
    let width = labels.bounds.0;
    let size = text_size(labels.plot, &text, &style)?;
    let pad = sizes.px(6.0);
    let lift = sizes.px(3.0) + sizes.baseline_width as i32;
    let (right, centre) = (width - pad - size.0, (width - size.0) / 2);
    let (above, below) = (y - lift - size.1, y + lift);
    let candidates = [
        (right, above),
        (right, below),
        (pad, above),
        (pad, below),
        (centre, above),
        (centre, below),
    ];
    let (spot, _) = labels.best_spot(&candidates, size);
    labels.place(&text, &style, spot, size)?;
    labels.avoid_path(&[(0, y), (width, y)]);
    Ok(())
}

/// The best epoch's marker, and its label in the wording that hides the least: the full
/// sentence, or shorter ones only when they find a better spot.
fn draw_best<DB: DrawingBackend>(
    labels: &mut LabelBoard<DB>,
    best: (f32, f32),
    centre: (i32, i32),
    words: &ChartWords,
    kept: bool,
) -> Result<(), ChartError> {
    let (plot, sizes) = (labels.plot, labels.sizes);
    let theme = &sizes.theme;
    let (long, short) = if kept {
        (words.kept_at_epoch, words.kept_value)
    } else {
        (words.best_at_epoch, words.best_value)
    };
    let r = sizes.best_radius;
    let halo = r + sizes.px(1.5).max(1);
    plot.draw(&Circle::new(centre, halo, theme.background.filled()))?;
    plot.draw(&Circle::new(centre, r, theme.best.filled()))?;

    let style = text_style(
        sizes.tick_font,
        FontStyle::Bold,
        &theme.best,
        HPos::Left,
        VPos::Top,
    );
    let value = format_compact(f64::from(best.1), 4);
    let epoch = format_compact(f64::from(best.0), 7);
    let blanks = [("value", value.as_str()), ("epoch", epoch.as_str())];
    let wordings = [fill(long, &blanks), fill(short, &blanks), value.clone()];
    let mut chosen: Option<PlacedLabel> = None;
    for text in wordings {
        let size = text_size(plot, &text, &style)?;
        let candidates = best_label_candidates(centre, size, r + sizes.px(5.0));
        let (spot, hits) = labels.best_spot(&candidates, size);
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
        labels.place(&label.text, &style, label.spot, label.size)?;
    }
    Ok(())
}

/// A dashed vertical line at pixel column `x` where early stopping ended the run, with its
/// label beside it, top or bottom, where it hides the least. Later labels keep off both.
fn draw_stop_mark<DB: DrawingBackend>(
    labels: &mut LabelBoard<DB>,
    x: i32,
    epoch: f32,
    words: &ChartWords,
) -> Result<(), ChartError> {
    let (plot, sizes, height) = (labels.plot, labels.sizes, labels.bounds.1);
    let colour = sizes.theme.baseline;
    let (dash, gap) = (sizes.px(6.0).max(2), sizes.px(4.0).max(1));
    let stroke = colour.stroke_width(sizes.baseline_width);
    let mut y = 0;
    while y < height {
        let end = (y + dash).min(height);
        plot.draw(&PathElement::new(vec![(x, y), (x, end)], stroke))?;
        y = end + gap;
    }
    labels.avoid_path(&[(x, 0), (x, height)]);
    let style = plain_text(sizes.tick_font, &colour, HPos::Left, VPos::Top);
    let epoch = format_compact(f64::from(epoch), 7);
    let text = fill(words.stopped_at_epoch, &[("epoch", &epoch)]);
    let size = text_size(plot, &text, &style)?;
    let pad = sizes.px(6.0);
    // Beside the line, left first (it usually sits at the run's end, the right edge).
    let (left, right) = (x - pad - size.0, x + pad);
    let (top, bottom) = (pad, height - pad - size.1);
    let candidates = [(left, top), (left, bottom), (right, top), (right, bottom)];
    let (spot, _) = labels.best_spot(&candidates, size);
    labels.place(&text, &style, spot, size)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::super::draw_chart;
    use super::*;
    use plotters::prelude::BitMapBackend;

    fn render(stopped_at: Option<f32>) -> Vec<u8> {
        super::super::native::ensure_font_registered().unwrap();
        let mut history = super::super::LossHistory::default();
        for epoch in 1..=30u32 {
            let e = epoch as f32;
            history.push(epoch, 1.0 / e, 0.3 + (e - 12.0).powi(2) / 500.0);
        }
        let chart = LossChart::from_history("t", "MSE", &history);
        let mut pixels = vec![0u8; 400 * 300 * 3];
        {
            let area = BitMapBackend::with_buffer(&mut pixels, (400, 300)).into_drawing_area();
            draw_chart(
                &area,
                &LossChart {
                    stopped_at,
                    ..chart
                },
            )
            .unwrap();
            area.present().unwrap();
        }
        pixels
    }

    #[test]
    fn a_stopped_run_draws_its_stop_mark_and_a_plain_one_does_not() {
        assert_eq!(render(None), render(None));
        assert_ne!(render(None), render(Some(30.0)));
    }
}
