//! Sweeps natively: the grid, the CSV export and the sweep runner (the lab URL readers are
//! tested in lab_urls.rs, the charts in sweep_charts.rs).
#![cfg(not(target_arch = "wasm32"))]

use rnn_playground::config::{Config, TaskKind};
use rnn_playground::nn::CellKind;
use rnn_playground::sweep::{
    run_sweep, train_point, write_csv, PointStatus, SweepError, SweepGrid, SweepRow, CSV_COLUMNS,
};

mod common;
use common::report;

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
        CSV_COLUMNS
            .iter()
            .all(|c| c.meaning(rnn_playground::i18n::english()).len() > 10),
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
