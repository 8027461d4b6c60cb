//! The loss chart drawn natively: pixels of rendered charts (its data: chart_series.rs).
//! Every render is also written as a PNG under target/tmp/ for a human to look at.
#![cfg(not(target_arch = "wasm32"))]

use plotters::style::RGBColor;
use rnn_playground::chart::{
    palette, render_rgb, write_png, ChartError, ChartStyle, LossChart, LossHistory,
};

mod common;
use common::png_path;
use std::path::PathBuf;

const W: u32 = 800;
const H: u32 = 500;

/// An RGB image with the helpers the assertions need.
struct Image {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

impl Image {
    fn render(width: u32, height: u32, chart: &LossChart, name: &str) -> Image {
        let pixels = render_rgb(width, height, chart).expect("chart renders");
        let png = png_path(&format!("chart-{name}"));
        write_png(&png, width, height, chart).expect("png written");
        let bytes = std::fs::read(&png).unwrap();
        assert_eq!(
            &bytes[..8],
            b"\x89PNG\r\n\x1a\n",
            "{} is a PNG",
            png.display()
        );
        Image {
            width,
            height,
            pixels,
        }
    }

    fn pixel(&self, x: u32, y: u32) -> (u8, u8, u8) {
        let i = ((y * self.width + x) * 3) as usize;
        (self.pixels[i], self.pixels[i + 1], self.pixels[i + 2])
    }

    /// Pixels within 3 levels per channel of `color`, in rows `from_row..`.
    fn count(&self, color: RGBColor, from_row: u32) -> usize {
        self.positions(color, from_row).len()
    }

    fn positions(&self, color: RGBColor, from_row: u32) -> Vec<(u32, u32)> {
        let close = |a: u8, b: u8| a.abs_diff(b) <= 3;
        let mut found = Vec::new();
        for y in from_row..self.height {
            for x in 0..self.width {
                let (r, g, b) = self.pixel(x, y);
                if close(r, color.0) && close(g, color.1) && close(b, color.2) {
                    found.push((x, y));
                }
            }
        }
        found
    }

    /// Asserts that more than `min` pixels of `what` (in `color`) lie in rows `from_row..`.
    fn assert_at_least(&self, color: RGBColor, from_row: u32, min: usize, what: &str) {
        let found = self.count(color, from_row);
        assert!(found > min, "{what}: {found} pixels, want more than {min}");
    }

    fn non_background(&self) -> usize {
        let total = (self.width * self.height) as usize;
        total - self.count(palette::BACKGROUND, 0)
    }

    /// A row below the title and legend row at scale 1 on these canvases (the header is
    /// about 45 px high at 800x500).
    fn plot_top(&self) -> u32 {
        self.height / 10
    }
}

/// Train loss falls steadily; validation falls, bottoms out at epoch 40 and climbs.
fn overfitting(epochs: u32) -> LossHistory {
    let mut history = LossHistory::default();
    for epoch in 1..=epochs {
        let e = epoch as f32;
        let wiggle = 0.01 * (e * 1.7).sin();
        let train = 0.02 + 0.9 * (-e / 20.0).exp() + wiggle;
        let val = 0.12 + 0.8 * (-e / 15.0).exp() + 0.00008 * (e - 40.0).max(0.0).powi(2) + wiggle;
        history.push(epoch, train, val);
    }
    history
}

fn chart<'a>(history: &'a LossHistory) -> LossChart<'a> {
    let mut chart = LossChart::from_history("LSTM 1x32 on sine forecasting", "MSE", history);
    chart.baseline = Some((0.5, "predict the mean"));
    chart
}

#[test]
fn overfitting_run_draws_both_curves_the_gap_the_best_marker_and_the_baseline() {
    let history = overfitting(120);
    let image = Image::render(W, H, &chart(&history), "overfitting");
    let top = image.plot_top();

    assert!(
        image.non_background() > (W * H / 10) as usize,
        "{} drawn pixels",
        image.non_background()
    );
    image.assert_at_least(palette::TRAIN, top, 300, "train curve");
    image.assert_at_least(palette::VAL, top, 500, "val curve");
    image.assert_at_least(palette::BEST, top, 40, "best marker");
    image.assert_at_least(palette::BASELINE, top, 150, "baseline");
    // The shaded gap: validation's colour at the gap opacity over white.
    let blend = |c: u8| (255.0 + (f64::from(c) - 255.0) * palette::GAP_OPACITY).round() as u8;
    let gap = RGBColor(
        blend(palette::VAL.0),
        blend(palette::VAL.1),
        blend(palette::VAL.2),
    );
    image.assert_at_least(gap, top, 5_000, "gap shading");
}

#[test]
fn best_marker_follows_the_best_epoch() {
    let history = overfitting(120);
    let centroid_x = |best_epoch: f32, name: &str| {
        let best_loss = history.val[best_epoch as usize - 1].1;
        let chart = LossChart {
            best: Some((best_epoch, best_loss)),
            ..chart(&history)
        };
        let image = Image::render(W, H, &chart, name);
        let marks = image.positions(palette::BEST, image.plot_top());
        assert!(!marks.is_empty());
        marks.iter().map(|p| f64::from(p.0)).sum::<f64>() / marks.len() as f64
    };
    let early = centroid_x(15.0, "best-early");
    let late = centroid_x(105.0, "best-late");
    // 90 of ~120 epochs apart on a plot at least 600 px wide.
    assert!(
        late - early > 350.0,
        "marker moved from x={early:.0} to x={late:.0}"
    );
}

#[test]
fn empty_history_draws_axes_and_the_waiting_note_but_no_curves() {
    let history = LossHistory::default();
    let image = Image::render(640, 400, &chart(&history), "empty");
    let top = image.plot_top();
    assert!(
        image.non_background() > 2_000,
        "axes and labels: {}",
        image.non_background()
    );
    assert_eq!(image.count(palette::TRAIN, top), 0);
    assert_eq!(image.count(palette::VAL, top), 0);
    assert_eq!(image.count(palette::BEST, top), 0);
    image.assert_at_least(palette::MUTED_TEXT, top, 20, "waiting note");
    assert!(
        image.count(palette::BASELINE, top) > 100,
        "baseline is known before training"
    );
}

#[test]
fn a_single_epoch_shows_as_dots() {
    let mut history = LossHistory::default();
    history.push(1, 0.8, 0.9);
    let image = Image::render(W, H, &chart(&history), "single");
    let top = image.plot_top();
    // Dots of a few pixels' radius, not lines.
    let train = image.count(palette::TRAIN, top);
    assert!((10..400).contains(&train), "train dot: {train}");
    assert!(image.count(palette::BEST, top) > 20);
}

#[test]
fn log_scale_survives_zero_and_tiny_losses() {
    let mut history = LossHistory::default();
    for epoch in 1..=60u32 {
        let e = epoch as f32;
        // Training memorises: the loss reaches exactly zero, then 1e-12.
        let train = if epoch > 40 {
            if epoch % 2 == 0 {
                0.0
            } else {
                1e-12
            }
        } else {
            (-e / 5.0).exp()
        };
        history.push(epoch, train, 0.3 + 0.002 * e);
    }
    let chart = LossChart {
        log_y: true,
        ..chart(&history)
    };
    let image = Image::render(W, H, &chart, "log-zeros");
    let top = image.plot_top();
    assert!(image.count(palette::TRAIN, top) > 300);
    assert!(image.count(palette::VAL, top) > 300);
}

#[test]
fn non_finite_points_are_skipped_not_drawn() {
    let clean = overfitting(50);
    let mut dirty = clean.clone();
    dirty.train.insert(10, (10.5, f32::NAN));
    dirty.val.insert(20, (20.5, f32::INFINITY));
    dirty.val.push((f32::NAN, 0.5));
    let clean_image = Image::render(W, H, &chart(&clean), "clean");
    let dirty_image = Image::render(W, H, &chart(&dirty), "dirty");
    assert!(
        clean_image.pixels == dirty_image.pixels,
        "non-finite points changed the picture"
    );
}

#[test]
fn equal_values_and_extreme_magnitudes_still_draw() {
    let flat: Vec<(f32, f32)> = (1..=30).map(|e| (e as f32, 0.25)).collect();
    let huge: Vec<(f32, f32)> = (1..=30).map(|e| (e as f32, 1e30 / e as f32)).collect();
    let tiny: Vec<(f32, f32)> = (1..=30).map(|e| (e as f32, 1e-30 * e as f32)).collect();
    for (name, points, log_y) in [
        ("flat", &flat, false),
        ("flat-log", &flat, true),
        ("huge", &huge, false),
        ("tiny", &tiny, false),
        ("tiny-log", &tiny, true),
    ] {
        let chart = LossChart {
            title: name,
            y_label: "loss",
            train: points,
            val: points,
            best: None,
            baseline: None,
            log_y,
            stopped_at: None,
            scale: 1.0,
            style: ChartStyle::default(),
        };
        let image = Image::render(W, H, &chart, name);
        // Identical curves: the thin train curve is drawn over the thick validation one.
        assert!(
            image.count(palette::TRAIN, image.plot_top()) > 300,
            "{name}: train curve"
        );
    }
}

#[test]
fn hidpi_scale_thickens_lines_in_proportion() {
    let history = overfitting(80);
    let normal = Image::render(640, 400, &chart(&history), "scale1");
    let retina = Image::render(
        1280,
        800,
        &LossChart {
            scale: 2.0,
            ..chart(&history)
        },
        "scale2",
    );
    // Twice as long and about twice as thick: about four times the pixels.
    let ratio = retina.count(palette::VAL, retina.plot_top()) as f64
        / normal.count(palette::VAL, normal.plot_top()) as f64;
    assert!((2.8..5.5).contains(&ratio), "val pixels ratio {ratio:.2}");
}

#[test]
fn narrow_canvas_with_a_long_title_still_renders() {
    let history = overfitting(40);
    let mut chart = chart(&history);
    chart.title = "A very long title that cannot possibly fit on a phone screen in one line";
    chart.scale = 2.0;
    let image = Image::render(640, 520, &chart, "narrow");
    // At scale 2 the title and the wrapped legend take about a fifth of the height.
    assert!(image.count(palette::VAL, image.height / 4) > 300);
}

#[test]
fn invalid_sizes_and_paths_are_errors_not_panics() {
    let history = overfitting(10);
    assert_eq!(
        render_rgb(10, 300, &chart(&history)),
        Err(ChartError::InvalidSize {
            width: 10,
            height: 300
        })
    );
    assert!(matches!(
        render_rgb(300, 100_000, &chart(&history)),
        Err(ChartError::InvalidSize { .. })
    ));
    let nowhere = PathBuf::from("/nonexistent-dir-for-chart-test/x.png");
    assert!(matches!(
        write_png(&nowhere, 300, 200, &chart(&history)),
        Err(ChartError::Backend(_))
    ));
}

#[test]
fn scale_of_nan_or_zero_falls_back_to_one() {
    let history = overfitting(30);
    let reference = render_rgb(W, H, &chart(&history)).unwrap();
    for scale in [f32::NAN, 0.0, -3.0] {
        let pixels = render_rgb(
            W,
            H,
            &LossChart {
                scale,
                ..chart(&history)
            },
        )
        .unwrap();
        assert!(pixels == reference, "scale {scale} should draw like 1.0");
    }
}

#[test]
fn the_chart_draws_in_the_theme_and_the_words_it_is_given() {
    use rnn_playground::chart::{ChartWords, Theme};
    let history = overfitting(120);
    let dark = LossChart {
        style: ChartStyle {
            theme: &Theme::DARK,
            words: ChartWords::english(),
        },
        ..chart(&history)
    };
    let image = Image::render(W, H, &dark, "dark-theme");
    let top = image.plot_top();
    // Mostly the dark background, the curves in the dark theme's colours, nothing light.
    assert!(image.count(Theme::DARK.background, 0) > (W * H / 2) as usize);
    assert!(image.count(Theme::DARK.train, top) > 300);
    assert!(image.count(Theme::DARK.val, top) > 500);
    assert_eq!(image.count(palette::BACKGROUND, 0), 0);

    // Other words (a longer legend here) change the picture; the curves stay.
    let words = ChartWords {
        train: "training loss of the model",
        validation: "validation loss of the model",
        ..*ChartWords::english()
    };
    let english = Image::render(W, H, &chart(&history), "english-words");
    let other = LossChart {
        style: ChartStyle {
            theme: &Theme::LIGHT,
            words: &words,
        },
        ..chart(&history)
    };
    let renamed = Image::render(W, H, &other, "other-words");
    assert_ne!(english.pixels, renamed.pixels);
    assert!(renamed.count(palette::VAL, renamed.plot_top()) > 500);
}
