//! Compare mode from the command line: several cells on the same data and seed, one thread
//! each, a table like the page's and the overlaid chart drawn with the page's chart code.
//!
//! ```sh
//! cargo run --release --example compare                     # adding problem, RNN vs LSTM vs GRU, 40 epochs
//! cargo run --release --example compare -- "task=forecast&cells=lstm:8,lstm:128&epochs=200" --out fig.png
//! ```
//!
//! The query takes the page's keys (`cells=rnn,lstm:64x2,...` plus the shared settings).

use rnn_playground::chart::{write_png, ChartStyle, CompareChart, LossHistory, RunCurves};
use rnn_playground::sweep::{text_table, LabMode, LabQuery, SweepRow};
use rnn_playground::trainer::Trainer;
use rnn_playground::trainer::{Budget, RunStatus};
use std::path::PathBuf;

const DEFAULT_QUERY: &str = "task=adding&cells=rnn,lstm,gru&epochs=40";

struct Run {
    row: SweepRow,
    history: LossHistory,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut query = DEFAULT_QUERY.to_string();
    let mut out = PathBuf::from("target/compare.png");
    let mut log_y = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = args.next().ok_or("--out needs a path")?.into(),
            "--log" => log_y = true,
            _ => query = arg,
        }
    }
    let parsed = LabQuery::from_url_in_mode(&query, LabMode::Compare);
    for notice in &parsed.notices {
        eprintln!("note: {}: {}", notice.key, notice.message);
    }
    let lab = parsed.lab;
    debug_assert_eq!(lab.mode, LabMode::Compare);
    println!("compare: {}", lab.to_query());

    let configs = lab.run_configs();
    let runs: Vec<Result<Run, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = configs
            .iter()
            .map(|config| scope.spawn(move || train(config.clone())))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("a training thread panicked".into()))
            })
            .collect()
    });
    let runs: Vec<Run> = runs.into_iter().collect::<Result<_, _>>()?;

    let rows: Vec<SweepRow> = runs.iter().map(|run| run.row.clone()).collect();
    print!("{}", text_table(&rows));

    let reference = Trainer::new(lab.config.clone())?;
    let task = reference.task();
    let labels: Vec<String> = runs
        .iter()
        .map(|r| format!("{} · {} params", r.row.label(), r.row.params))
        .collect();
    let curves: Vec<RunCurves> = runs
        .iter()
        .zip(&labels)
        .map(|(run, label)| RunCurves {
            label,
            train: &run.history.train,
            val: &run.history.val,
        })
        .collect();
    let title = format!("{} · {} runs", lab.config.task.key(), runs.len());
    let chart = CompareChart {
        title: &title,
        y_label: &task.loss_label.english(),
        runs: &curves,
        baseline: Some((task.baseline_loss, &task.baseline_label.english())),
        log_y: log_y || lab.log_y,
        scale: 1.0,
        style: ChartStyle::default(),
    };
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent)?;
    }
    write_png(&out, 960, 540, &chart)?;
    println!("wrote {}", out.display());
    Ok(())
}

fn train(config: rnn_playground::config::Config) -> Result<Run, String> {
    let (cell, hidden, layers) = (config.cell, config.hidden, config.layers);
    let mut trainer = Trainer::new(config).map_err(|e| e.to_string())?;
    while *trainer.status() == RunStatus::Running {
        trainer.run_for(Budget::Epochs(10));
    }
    let status = rnn_playground::sweep::PointStatus::from_run(trainer.status());
    let params = trainer.network().param_count();
    Ok(Run {
        row: SweepRow::from_reports(cell, hidden, layers, params, trainer.history(), status),
        history: LossHistory::from_reports(trainer.history()),
    })
}
