//! The capacity sweep from the command line: the same grid, the same training and the same
//! chart code as the page's sweep mode, for a static figure.
//!
//! ```sh
//! cargo run --release --example sweep                       # default preset, 2..128 x 1..3
//! cargo run --release --example sweep -- "task=adding&sweep_hidden=4,16,64&sweep_layers=1,2&epochs=30"
//! cargo run --release --example sweep -- "<query>" --out fig.png --csv fig.csv --workers 2 --log
//! ```
//!
//! The query takes the page's keys (a whole page URL works too: everything after `?`), so a
//! sweep seen in the browser can be redrawn here. Prints one row per model, writes the
//! capacity chart (default `target/capacity.png`) and optionally the CSV.

use rnn_playground::chart::{write_png, CapacityChart, CapacityPoint, ChartStyle};
use rnn_playground::sweep::{run_sweep, text_table, write_csv, LabMode, LabQuery};
use rnn_playground::trainer::Trainer;
use std::path::PathBuf;
use std::time::Instant;

const USAGE: &str = "usage: sweep [QUERY] [--out PNG] [--csv CSV] [--workers N] [--log]";

struct Options {
    query: String,
    out: PathBuf,
    csv: Option<PathBuf>,
    workers: Option<usize>,
    log_y: bool,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        query: String::new(),
        out: "target/capacity.png".into(),
        csv: None,
        workers: None,
        log_y: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--out" => options.out = value("--out")?.into(),
            "--csv" => options.csv = Some(value("--csv")?.into()),
            "--workers" => {
                let text = value("--workers")?;
                options.workers = Some(
                    text.parse()
                        .map_err(|_| format!("--workers: '{text}' is not a number"))?,
                );
            }
            "--log" => options.log_y = true,
            "-h" | "--help" => return Err(USAGE.to_string()),
            _ if arg.starts_with("--") => return Err(format!("unknown option {arg}\n{USAGE}")),
            _ => options.query = arg,
        }
    }
    Ok(options)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let options = options()?;
    // Whatever mode the query names, this program sweeps.
    let parsed = LabQuery::from_url_in_mode(&options.query, LabMode::Sweep);
    for notice in &parsed.notices {
        eprintln!("note: {}: {}", notice.key, notice.message);
    }
    let lab = parsed.lab;
    debug_assert_eq!(lab.mode, LabMode::Sweep);
    let log_y = options.log_y || lab.log_y;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = options.workers.or(lab.workers).unwrap_or(threads).max(1);
    let base = &lab.config;
    println!("sweep: {}", lab.to_query());
    println!(
        "{} models ({} sizes x {} depths), {} epochs each, {workers} worker(s)",
        lab.grid.len(),
        lab.grid.hidden().len(),
        lab.grid.layers().len(),
        base.max_epochs
    );

    let started = Instant::now();
    let total = lab.grid.len();
    let rows = run_sweep(base, &lab.grid, workers, |row, done| {
        eprintln!(
            "[{done}/{total}] {} finished after {:.1} s",
            row.label(),
            started.elapsed().as_secs_f64()
        );
    })?;
    let seconds = started.elapsed().as_secs_f64();
    print!("{}", text_table(&rows));
    println!("{total} models in {seconds:.1} s");

    // The task's baseline and loss label, from the data the models trained on.
    let reference = Trainer::new(base.clone())?;
    let task = reference.task();
    let points: Vec<CapacityPoint> = rows.iter().map(CapacityPoint::from_row).collect();
    let title = format!(
        "Capacity · {} · {} · {} epochs",
        base.task.key(),
        base.cell.short_label(),
        base.max_epochs
    );
    let chart = CapacityChart {
        title: &title,
        y_label: &task.loss_label.english(),
        points: &points,
        depths: lab.grid.layers(),
        baseline: Some((task.baseline_loss, &task.baseline_label.english())),
        log_y,
        scale: 1.0,
        style: ChartStyle::default(),
    };
    if let Some(parent) = options.out.parent() {
        std::fs::create_dir_all(parent)?;
    }
    write_png(&options.out, 960, 600, &chart)?;
    println!("wrote {}", options.out.display());
    if let Some(csv) = &options.csv {
        std::fs::write(csv, write_csv(&rows))?;
        println!("wrote {}", csv.display());
    }
    Ok(())
}
