//! Compare and sweep modes natively: the grid and lab URL readers, the CSV export, the
//! sweep runner, and the pixels of the capacity and comparison charts. Every chart drawn
//! here is also written as a PNG under target/tmp/ for a human to look at.
#![cfg(not(target_arch = "wasm32"))]

use plotters::style::RGBColor;
use rnn_playground::chart::{
    palette, render_rgb, write_png, CapacityChart, CapacityPoint, ChartError, ChartStyle,
    CompareChart, RunCurves, SERIES_COLOURS,
};
use rnn_playground::config::{Config, TaskKind};
use rnn_playground::nn::CellKind;
use rnn_playground::sweep::{
    run_sweep, train_point, write_csv, LabMode, LabQuery, PointStatus, SweepError, SweepGrid,
    SweepRow, CSV_COLUMNS,
};
use rnn_playground::trainer::EpochReport;
use std::path::PathBuf;

// ---- the grid ---------------------------------------------------------------------------

#[test]
fn grid_lists_are_sorted_deduplicated_and_checked_against_the_table() {
    let grid = SweepGrid::parse("32, 2,8,8", "2,1").unwrap();
    assert_eq!(grid.hidden(), &[2, 8, 32]);
    assert_eq!(grid.layers(), &[1, 2]);
    assert_eq!(grid.len(), 6);
    assert_eq!(
        (grid.hidden_text(), grid.layers_text()),
        ("2,8,32".to_string(), "1,2".to_string())
    );

    assert_eq!(
        SweepGrid::parse("0,8", "1"),
        Err(SweepError::OutOfRange {
            key: "sweep_hidden",
            value: 0,
            min: 1,
            max: 512
        })
    );
    assert_eq!(
        SweepGrid::parse("8", "5"),
        Err(SweepError::OutOfRange {
            key: "sweep_layers",
            value: 5,
            min: 1,
            max: 4
        })
    );
    assert!(matches!(
        SweepGrid::parse("8,x", "1"),
        Err(SweepError::NotANumber {
            key: "sweep_hidden",
            ..
        })
    ));
    assert_eq!(
        SweepGrid::parse("", "1"),
        Err(SweepError::EmptyList {
            key: "sweep_hidden"
        })
    );
    let eleven: Vec<usize> = (1..=11).collect();
    assert_eq!(
        SweepGrid::new(&eleven, &[1]),
        Err(SweepError::TooManyValues {
            key: "sweep_hidden",
            count: 11,
            max: 10
        })
    );
}

#[test]
fn grid_points_come_in_table_order_and_run_biggest_first() {
    let grid = SweepGrid::new(&[4, 64, 16], &[2, 1]).unwrap();
    let table: Vec<(usize, usize)> = grid.points().iter().map(|p| (p.layers, p.hidden)).collect();
    assert_eq!(table, [(1, 4), (1, 16), (1, 64), (2, 4), (2, 16), (2, 64)]);
    let run: Vec<(usize, usize)> = grid
        .run_order()
        .iter()
        .map(|p| (p.layers, p.hidden))
        .collect();
    assert_eq!(run, [(2, 64), (1, 64), (2, 16), (1, 16), (2, 4), (1, 4)]);
    let costs: Vec<usize> = grid.run_order().iter().map(|p| p.cost()).collect();
    assert!(costs.windows(2).all(|w| w[0] >= w[1]), "{costs:?}");
}

// ---- lab URLs ---------------------------------------------------------------------------

fn notice_keys(query: &str) -> Vec<String> {
    LabQuery::from_query(query)
        .notices
        .into_iter()
        .map(|n| n.key)
        .collect()
}

#[test]
fn compare_urls_read_cells_with_sizes_and_round_trip() {
    let parsed =
        LabQuery::from_query("mode=compare&task=adding&hidden=16&cells=rnn,lstm:64,gru:8x2&logy=1");
    assert!(parsed.notices.is_empty(), "{:?}", parsed.notices);
    let lab = parsed.lab;
    assert_eq!(lab.mode, LabMode::Compare);
    assert_eq!(lab.config.task, TaskKind::Adding);
    let runs: Vec<(CellKind, usize, usize)> = lab
        .runs
        .iter()
        .map(|r| (r.cell, r.hidden, r.layers))
        .collect();
    assert_eq!(
        runs,
        [
            (CellKind::RnnTanh, 16, 1),
            (CellKind::Lstm, 64, 1),
            (CellKind::Gru, 8, 2)
        ]
    );
    assert!(lab.log_y);

    let canonical = lab.to_query();
    assert!(
        canonical.starts_with("mode=compare&task=adding&len=100&"),
        "{canonical}"
    );
    assert!(
        canonical.ends_with("&cells=rnn,lstm:64,gru:8x2&logy=1"),
        "{canonical}"
    );
    assert!(
        !canonical.contains("&cell="),
        "the shared cell is unused in compare mode: {canonical}"
    );
    let again = LabQuery::from_query(&canonical);
    assert!(again.notices.is_empty(), "{:?}", again.notices);
    assert_eq!(again.lab, lab);

    // Each run trains the shared settings with its own cell and size.
    let configs = lab.run_configs();
    assert_eq!(
        (configs[1].cell, configs[1].hidden, configs[1].seq_len),
        (CellKind::Lstm, 64, 100)
    );
    assert_eq!(configs[2].layers, 2);
}

#[test]
fn compare_defaults_to_rnn_lstm_gru_at_the_shared_size() {
    let lab = LabQuery::from_query("mode=compare&task=adding").lab;
    let cells: Vec<CellKind> = lab.runs.iter().map(|r| r.cell).collect();
    assert_eq!(cells, [CellKind::RnnTanh, CellKind::Lstm, CellKind::Gru]);
    assert!(lab.runs.iter().all(|r| r.hidden == 32 && r.layers == 1));
    assert_eq!(lab.cells_text(), "rnn,lstm,gru");
}

#[test]
fn bad_compare_values_are_replaced_with_notices() {
    let parsed =
        LabQuery::from_query("mode=compare&cells=rnn,foo,lstm:999x9,lstm:999x9,gru:abc,relu,gru:4");
    let runs: Vec<(CellKind, usize, usize)> = parsed
        .lab
        .runs
        .iter()
        .map(|r| (r.cell, r.hidden, r.layers))
        .collect();
    // foo skipped; 999x9 clamped to 512x4; its repeat dropped; gru:abc uses the shared size;
    // the fifth usable run (gru:4) is over the limit of four.
    assert_eq!(
        runs,
        [
            (CellKind::RnnTanh, 64, 1),
            (CellKind::Lstm, 512, 4),
            (CellKind::Gru, 64, 1),
            (CellKind::RnnRelu, 64, 1)
        ]
    );
    let messages: Vec<String> = parsed
        .notices
        .iter()
        .map(|n| format!("{}: {}", n.key, n.message))
        .collect();
    assert_eq!(messages.len(), 6, "{messages:#?}");
    assert!(
        messages.iter().all(|m| m.starts_with("cells: ")),
        "{messages:#?}"
    );
    assert!(
        messages[0].contains("'foo' is not a cell"),
        "{}",
        messages[0]
    );
    assert!(messages
        .iter()
        .any(|m| m.contains("999 hidden units is outside 1 to 512; using 512")));
    assert!(messages.iter().any(|m| m.contains("at most 4 runs")));

    // Nothing usable at all: the default trio, said so.
    let empty = LabQuery::from_query("mode=compare&cells=,,xyz");
    assert_eq!(empty.lab.runs.len(), 3);
    assert!(empty
        .notices
        .iter()
        .any(|n| n.message.contains("using rnn,lstm,gru")));
}

#[test]
fn sweep_urls_read_grid_and_workers_and_round_trip() {
    // Commas as URLSearchParams writes them (%2C).
    let parsed = LabQuery::from_query("mode=sweep&task=adding&cell=gru&sweep_hidden=2%2C8%2C32&sweep_layers=1,2&workers=2&epochs=5");
    assert!(parsed.notices.is_empty(), "{:?}", parsed.notices);
    let lab = parsed.lab;
    assert_eq!(
        (lab.grid.hidden(), lab.grid.layers()),
        (&[2, 8, 32][..], &[1, 2][..])
    );
    assert_eq!(lab.workers, Some(2));
    assert_eq!(lab.config.cell, CellKind::Gru);
    let canonical = lab.to_query();
    assert!(
        canonical.ends_with("&sweep_hidden=2,8,32&sweep_layers=1,2&workers=2"),
        "{canonical}"
    );
    assert!(
        !canonical.contains("&hidden=") && !canonical.contains("&layers="),
        "{canonical}"
    );
    assert_eq!(LabQuery::from_query(&canonical).lab, lab);

    let points = lab.point_configs();
    assert_eq!(points.len(), 6);
    assert_eq!(
        (points[0].0.hidden, points[0].0.layers),
        (32, 2),
        "biggest first"
    );
    assert!(points
        .iter()
        .all(|(p, c)| c.hidden == p.hidden && c.layers == p.layers && c.max_epochs == 5));

    // Defaults: the grid, every core.
    let default = LabQuery::from_query("mode=sweep").lab;
    assert_eq!(default.grid.hidden(), &[2, 4, 8, 16, 32, 64, 128]);
    assert_eq!(default.grid.layers(), &[1, 2, 3]);
    assert_eq!(default.workers, None);
}

#[test]
fn bad_sweep_values_and_keys_of_other_modes_get_notices() {
    let parsed = LabQuery::from_query(
        "mode=sweep&sweep_hidden=abc,4,9999&sweep_layers=0&workers=99&cells=rnn&logy=maybe&zzz=1",
    );
    let lab = &parsed.lab;
    assert_eq!(lab.grid.hidden(), &[4, 512]);
    assert_eq!(lab.grid.layers(), &[1]);
    assert_eq!(lab.workers, Some(16));
    assert!(!lab.log_y);
    let mut keys: Vec<String> = parsed.notices.iter().map(|n| n.key.clone()).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "cells",
            "logy",
            "sweep_hidden",
            "sweep_hidden",
            "sweep_layers",
            "workers",
            "zzz"
        ]
    );

    assert_eq!(notice_keys("mode=sweep&sweep_hidden=,,"), ["sweep_hidden"]);
    assert_eq!(
        LabQuery::from_query("mode=sweep&sweep_hidden=,,")
            .lab
            .grid
            .hidden()
            .len(),
        7
    );
    assert_eq!(
        notice_keys("mode=compare&sweep_layers=1&workers=2"),
        ["sweep_layers", "workers"]
    );
    assert_eq!(notice_keys("mode=jazz"), ["mode"]);
    assert_eq!(LabQuery::from_query("mode=jazz").lab.mode, LabMode::Play);
    assert_eq!(notice_keys("mode=sweep&mode=compare"), ["mode"]);
    assert_eq!(
        notice_keys("mode=compare&hidden=9999"),
        ["hidden"],
        "shared keys keep the main page's notices"
    );
}

#[test]
fn lab_reader_never_panics_on_odd_input() {
    for query in [
        "",
        "?",
        "&&&",
        "mode",
        "=",
        "mode=%FF",
        "cells=%",
        "mode=compare&cells=:",
        "mode=compare&cells=lstm:x",
        "mode=compare&cells=gru:x3",
        "mode=sweep&sweep_hidden=-1,1e3,18446744073709551616",
        "mode=sweep&workers=-3",
    ] {
        let parsed = LabQuery::from_query(query);
        assert!(
            !parsed.lab.runs.is_empty() && !parsed.lab.grid.is_empty(),
            "{query}"
        );
        assert_eq!(parsed.lab.config.validate(), Ok(()), "{query}");
    }
    let lab = LabQuery::from_query("mode=compare&cells=gru:x3").lab;
    assert_eq!(
        (lab.runs[0].hidden, lab.runs[0].layers),
        (64, 3),
        "x3 sets only the layers"
    );
}

// ---- CSV --------------------------------------------------------------------------------

fn report(epoch: u32, train: f32, val: f32) -> EpochReport {
    EpochReport {
        epoch,
        train_loss: train,
        val_loss: val,
        train_accuracy: None,
        val_accuracy: None,
        grad_norm: 1.0,
        wall_ms: 12.5 * epoch as f64,
        steps: 4,
    }
}

#[test]
fn csv_has_the_documented_columns_and_one_line_per_row() {
    let rows = [
        SweepRow::from_reports(
            CellKind::Lstm,
            8,
            1,
            361,
            &[report(1, 0.5, 0.4), report(2, 0.25, 0.45)],
            PointStatus::Finished,
        ),
        SweepRow::from_reports(
            CellKind::Gru,
            8,
            2,
            500,
            &[report(1, 0.5, 0.3)],
            PointStatus::Diverged,
        ),
        SweepRow::failed(CellKind::Lstm, 512, 4, 0),
    ];
    let csv = write_csv(&rows);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4);
    let header: Vec<&str> = lines[0].split(',').collect();
    let documented: Vec<&str> = CSV_COLUMNS.iter().map(|c| c.name).collect();
    assert_eq!(header, documented);
    assert_eq!(
        header,
        [
            "cell",
            "hidden",
            "layers",
            "params",
            "epochs",
            "best_val_loss",
            "best_epoch",
            "final_val_loss",
            "final_train_loss",
            "ms_per_epoch",
            "status"
        ]
    );
    assert!(
        CSV_COLUMNS.iter().all(|c| c.meaning.len() > 10),
        "every column is explained"
    );
    assert_eq!(lines[1], "lstm,8,1,361,2,0.4,1,0.45,0.25,18.8,finished");
    assert_eq!(lines[2], "gru,8,2,500,1,0.3,1,0.3,0.5,12.5,diverged");
    assert_eq!(lines[3], "lstm,512,4,0,0,,,,,,failed");
    assert!(lines.iter().all(|l| l.split(',').count() == header.len()));
}

// ---- training ---------------------------------------------------------------------------

/// A forecast config small enough to train in milliseconds.
fn tiny_config() -> Config {
    Config {
        seq_len: 8,
        train_size: 8,
        val_size: 8,
        batch: 4,
        max_epochs: 3,
        ..Config::preset(TaskKind::Forecast)
    }
}

#[test]
fn train_point_trains_to_the_budget() {
    let row = train_point(Config {
        hidden: 4,
        layers: 2,
        ..tiny_config()
    })
    .unwrap();
    assert_eq!(
        (row.hidden, row.layers, row.losses.epochs, row.status),
        (4, 2, 3, PointStatus::Finished)
    );
    assert!(row.params > 0);
    let best = row.losses.best_val_loss.unwrap();
    assert!(best.is_finite() && best <= row.losses.final_val_loss.unwrap());
    assert!(row.losses.ms_per_epoch.unwrap() >= 0.0);
    assert!(matches!(
        train_point(Config {
            batch: 100,
            ..tiny_config()
        }),
        Err(SweepError::Trainer(_))
    ));
}

#[test]
fn a_sweep_on_two_threads_matches_one_thread() {
    let grid = SweepGrid::new(&[2, 6, 12], &[1, 2]).unwrap();
    let seen = std::sync::Mutex::new(Vec::new());
    let parallel = run_sweep(&tiny_config(), &grid, 2, |row, done| {
        seen.lock().unwrap().push((row.hidden, row.layers, done))
    })
    .unwrap();
    let serial = run_sweep(&tiny_config(), &grid, 1, |_, _| {}).unwrap();
    let order: Vec<(usize, usize)> = parallel.iter().map(|r| (r.layers, r.hidden)).collect();
    assert_eq!(order, [(1, 2), (1, 6), (1, 12), (2, 2), (2, 6), (2, 12)]);
    // Seeded: the same numbers whichever thread trained a model (only wall times differ).
    for (a, b) in parallel.iter().zip(&serial) {
        assert_eq!(
            (a.params, a.losses.best_val_loss, a.losses.final_train_loss),
            (b.params, b.losses.best_val_loss, b.losses.final_train_loss)
        );
    }
    assert!(parallel
        .windows(2)
        .filter(|w| w[0].layers == w[1].layers)
        .all(|w| w[0].params < w[1].params));
    let mut done: Vec<usize> = seen.into_inner().unwrap().iter().map(|s| s.2).collect();
    done.sort_unstable();
    assert_eq!(done, [1, 2, 3, 4, 5, 6], "progress counts every model once");
    assert_eq!(
        run_sweep(&tiny_config(), &grid, 0, |_, _| {}).unwrap_err(),
        SweepError::NoWorkers
    );
}

// ---- chart pixels -----------------------------------------------------------------------

const W: u32 = 800;
const H: u32 = 500;

fn png_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}.png"))
}

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
