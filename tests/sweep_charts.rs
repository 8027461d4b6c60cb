//! The capacity and comparison charts of the lab modes, drawn natively: their pixels, and a
//! PNG of each under target/tmp/ for a human to look at.
#![cfg(not(target_arch = "wasm32"))]

use plotters::style::RGBColor;
use rnn_playground::chart::{
    palette, render_rgb, write_png, CapacityChart, CapacityPoint, ChartError, ChartStyle,
    CompareChart, RunCurves, SERIES_COLOURS,
};

mod common;
use common::png_path;

const W: u32 = 800;
const H: u32 = 500;

struct Image {
    pixels: Vec<u8>,
}

impl Image {
    /// Pixels within 3 levels of `colour` at or below row `from_row`.
    fn positions(&self, colour: RGBColor, from_row: u32) -> Vec<(u32, u32)> {
        let close = |a: u8, b: u8| a.abs_diff(b) <= 3;
        let mut found = Vec::new();
        for y in from_row..H {
            for x in 0..W {
                let i = ((y * W + x) * 3) as usize;
                let p = &self.pixels[i..i + 3];
                if close(p[0], colour.0) && close(p[1], colour.1) && close(p[2], colour.2) {
                    found.push((x, y));
                }
            }
        }
        found
    }

    fn centroid(&self, colour: RGBColor, from_row: u32) -> (f64, f64) {
        let found = self.positions(colour, from_row);
        assert!(!found.is_empty(), "no pixel of {colour:?}");
        let n = found.len() as f64;
        (
            found.iter().map(|p| p.0 as f64).sum::<f64>() / n,
            found.iter().map(|p| p.1 as f64).sum::<f64>() / n,
        )
    }
}

/// Below the title and the two legend rows at 800x500.
const PLOT_TOP: u32 = 110;

fn capacity_chart<'a>(points: &'a [CapacityPoint], depths: &'a [usize]) -> CapacityChart<'a> {
    CapacityChart {
        title: "Capacity · test",
        y_label: "MSE",
        points,
        depths,
        baseline: Some((0.5, "predict the mean (0.5)")),
        log_y: false,
        scale: 1.0,
        style: ChartStyle::default(),
    }
}

fn point(
    layers: usize,
    hidden: usize,
    params: f32,
    best: f32,
    final_val: f32,
    train: f32,
) -> CapacityPoint {
    CapacityPoint {
        layers,
        hidden,
        params,
        best_val: Some(best),
        final_val: Some(final_val),
        final_train: Some(train),
    }
}

#[test]
fn capacity_chart_draws_one_colour_per_depth_and_every_metric() {
    let points: Vec<CapacityPoint> = [1usize, 2]
        .into_iter()
        .flat_map(|layers| {
            [(4usize, 0.4f32), (16, 0.25), (64, 0.3)].map(move |(hidden, best)| {
                let params = (layers * hidden * hidden * 4) as f32;
                point(layers, hidden, params, best, best * 1.3, best * 0.5)
            })
        })
        .collect();
    let chart = capacity_chart(&points, &[1, 2, 3]);
    assert_eq!(chart.metric_counts(), [6, 6, 6]);
    assert_eq!(chart.lines().len(), 6, "a line per depth and metric");
    let image = Image {
        pixels: render_rgb(W, H, &chart).unwrap(),
    };
    write_png(&png_path("capacity-two-depths"), W, H, &chart).unwrap();
    assert!(
        image.positions(SERIES_COLOURS[0], PLOT_TOP).len() > 300,
        "depth 1 drawn"
    );
    assert!(
        image.positions(SERIES_COLOURS[1], PLOT_TOP).len() > 300,
        "depth 2 drawn"
    );
    // Depth 3 is in the grid (and the legend) but has no model yet: no ink in the plot.
    assert_eq!(image.positions(SERIES_COLOURS[2], PLOT_TOP).len(), 0);
    assert!(
        !image.positions(SERIES_COLOURS[2], 0).is_empty(),
        "its legend key is drawn"
    );
    // The dashed baseline across the plot (tick labels, left and below, are left out: their
    // anti-aliased edges include this grey).
    let baseline = image
        .positions(palette::BASELINE, PLOT_TOP)
        .into_iter()
        .filter(|p| p.0 > 100 && p.1 < 430)
        .count();
    assert!(baseline > 300, "baseline drawn ({baseline} px)");
}

#[test]
fn capacity_chart_puts_parameter_counts_on_a_log_axis() {
    // One model per depth, only the best validation loss: a lone dot each, all at one height.
    let dot = |layers, params| CapacityPoint {
        layers,
        hidden: 1,
        params,
        best_val: Some(0.2),
        final_val: None,
        final_train: None,
    };
    let points = [dot(1, 10.0), dot(2, 100.0), dot(3, 1000.0)];
    let chart = capacity_chart(&points, &[1, 2, 3]);
    let image = Image {
        pixels: render_rgb(W, H, &chart).unwrap(),
    };
    write_png(&png_path("capacity-log-axis"), W, H, &chart).unwrap();
    let centres: Vec<(f64, f64)> = (0..3)
        .map(|i| image.centroid(SERIES_COLOURS[i], PLOT_TOP))
        .collect();
    let (gap_a, gap_b) = (centres[1].0 - centres[0].0, centres[2].0 - centres[1].0);
    assert!(gap_a > 100.0, "dots apart: {centres:?}");
    assert!(
        (gap_a - gap_b).abs() <= 2.0,
        "a decade is the same width anywhere: {gap_a} vs {gap_b}"
    );
    assert!(
        (centres[0].1 - centres[2].1).abs() <= 1.0,
        "equal losses at equal heights: {centres:?}"
    );
}

#[test]
fn capacity_chart_skips_unusable_points_and_waits_politely() {
    let bad = [
        point(1, 2, f32::NAN, 0.3, 0.3, 0.3),
        point(1, 4, 0.0, 0.3, 0.3, 0.3),
        CapacityPoint {
            layers: 1,
            hidden: 8,
            params: 50.0,
            best_val: Some(f32::INFINITY),
            final_val: None,
            final_train: Some(0.1),
        },
    ];
    let chart = capacity_chart(&bad, &[1]);
    assert_eq!(chart.metric_counts(), [0, 0, 1]);
    render_rgb(W, H, &chart).unwrap();
    render_rgb(
        W,
        H,
        &CapacityChart {
            log_y: true,
            ..chart
        },
    )
    .unwrap();

    let empty = capacity_chart(&[], &[1, 2]);
    let image = Image {
        pixels: render_rgb(W, H, &empty).unwrap(),
    };
    assert!(image.positions(SERIES_COLOURS[0], PLOT_TOP).is_empty());
    assert!(
        !image.positions(palette::MUTED_TEXT, PLOT_TOP).is_empty(),
        "the waiting note is shown"
    );
    assert!(matches!(
        render_rgb(10, 10, &empty),
        Err(ChartError::InvalidSize { .. })
    ));
}

#[test]
fn compare_chart_draws_each_run_in_its_colour() {
    let curve = |start: f32, rate: f32| -> Vec<(f32, f32)> {
        (1..=30)
            .map(|e| (e as f32, start * (-(e as f32) * rate).exp() + 0.01))
            .collect()
    };
    let (train_a, val_a) = (curve(0.3, 0.02), curve(0.32, 0.01));
    let (train_b, val_b) = (curve(0.3, 0.2), curve(0.3, 0.15));
    let zeros: Vec<(f32, f32)> = (1..=30).map(|e| (e as f32, 0.0)).collect();
    let runs = [
        RunCurves {
            label: "RNN 1×32 · 1,185 params",
            train: &train_a,
            val: &val_a,
        },
        RunCurves {
            label: "GRU 1×32 · 3,489 params",
            train: &train_b,
            val: &val_b,
        },
        RunCurves {
            label: "memoriser",
            train: &zeros,
            val: &val_b,
        },
    ];
    let chart = CompareChart {
        title: "adding · 3 runs",
        y_label: "MSE",
        runs: &runs,
        baseline: Some((0.167, "predict the mean (0.167)")),
        log_y: false,
        scale: 1.0,
        style: ChartStyle::default(),
    };
    let image = Image {
        pixels: render_rgb(W, H, &chart).unwrap(),
    };
    write_png(&png_path("compare-three-runs"), W, H, &chart).unwrap();
    for (i, colour) in SERIES_COLOURS.iter().take(3).enumerate() {
        assert!(
            image.positions(*colour, PLOT_TOP).len() > 200,
            "run {i} drawn"
        );
    }
    assert!(
        image.positions(SERIES_COLOURS[3], PLOT_TOP).is_empty(),
        "no fourth run"
    );
    // The slow run's validation curve ends higher (smaller y is higher on screen).
    let right_edge = |colour: RGBColor| {
        let found = image.positions(colour, PLOT_TOP);
        let max_x = found.iter().map(|p| p.0).max().unwrap();
        found
            .iter()
            .filter(|p| p.0 + 10 >= max_x)
            .map(|p| p.1)
            .min()
            .unwrap()
    };
    assert!(right_edge(SERIES_COLOURS[0]) < right_edge(SERIES_COLOURS[1]));
    // Zeros on a log axis sit on a floor rather than failing.
    let log = CompareChart {
        log_y: true,
        ..chart
    };
    render_rgb(W, H, &log).unwrap();
    write_png(&png_path("compare-three-runs-log"), W, H, &log).unwrap();
}

#[test]
fn a_baseline_far_above_every_model_leaves_the_axis_to_the_models() {
    let points = [
        point(1, 4, 100.0, 0.2, 0.25, 0.1),
        point(1, 16, 1000.0, 0.15, 0.3, 0.05),
    ];
    let far = CapacityChart {
        baseline: Some((5.0, "predict the mean (5)")),
        ..capacity_chart(&points, &[1])
    };
    let image = Image {
        pixels: render_rgb(W, H, &far).unwrap(),
    };
    write_png(&png_path("capacity-baseline-off-chart"), W, H, &far).unwrap();
    // The legend takes four rows here (the baseline key wraps).
    let plot_top = 140;
    // Inside the plot, away from the tick labels whose anti-aliased glyph edges include this grey.
    let inside = |p: &(u32, u32)| p.0 > 100 && p.1 < 430;
    let stray: Vec<(u32, u32)> = image
        .positions(palette::BASELINE, plot_top)
        .into_iter()
        .filter(inside)
        .collect();
    assert!(
        stray.is_empty(),
        "no baseline line in the plot: {:?}",
        &stray[..stray.len().min(10)]
    );
    assert!(
        !image.positions(palette::BASELINE, 0).is_empty(),
        "still explained in the legend"
    );
    // The curves use the height: the models' dots span more than a third of the plot.
    let ys: Vec<u32> = image
        .positions(SERIES_COLOURS[0], plot_top)
        .iter()
        .map(|p| p.1)
        .collect();
    let span = ys.iter().max().unwrap() - ys.iter().min().unwrap();
    assert!(span > (H - plot_top) / 2, "curves span {span} px");
}

#[test]
fn the_baseline_does_not_strike_through_the_waiting_note() {
    let empty = capacity_chart(&[], &[1]);
    let image = Image {
        pixels: render_rgb(W, H, &empty).unwrap(),
    };
    write_png(&png_path("capacity-waiting"), W, H, &empty).unwrap();
    let baseline = image.positions(palette::BASELINE, PLOT_TOP);
    // The dashed line: the row holding the most baseline pixels (the empty chart centres it,
    // on the note's row), and where it starts and ends.
    let count_in = |row: u32| baseline.iter().filter(|p| p.1 == row).count();
    let row = (PLOT_TOP..H).max_by_key(|&y| count_in(y)).unwrap();
    let on_line: Vec<u32> = baseline
        .iter()
        .filter(|p| p.1.abs_diff(row) <= 2)
        .map(|p| p.0)
        .collect();
    let (left, right) = (
        *on_line.iter().min().unwrap(),
        *on_line.iter().max().unwrap(),
    );
    assert!(
        right - left > W / 2,
        "the baseline spans the plot ({left}..{right})"
    );
    let middle = (left + right) / 2;
    let note = image.positions(palette::MUTED_TEXT, PLOT_TOP);
    assert!(
        note.iter()
            .any(|p| p.1.abs_diff(row) <= 12 && p.0.abs_diff(middle) < 100),
        "the waiting note sits on the baseline's row"
    );
    let through: Vec<&u32> = on_line
        .iter()
        .filter(|x| x.abs_diff(middle) < 100)
        .collect();
    assert!(
        through.is_empty(),
        "baseline dashes behind the note: {through:?}"
    );
}
