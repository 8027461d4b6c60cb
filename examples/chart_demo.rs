//! Draw the loss chart of a synthetic overfitting run into PNGs, and time redraws at
//! growing history lengths to show that decimation keeps the cost flat.
//!
//! cargo run --release --example chart_demo
//! writes target/chart_demo.png (linear), target/chart_demo_log.png (log scale, 2x HiDPI)
//! and target/chart_demo_empty.png (before the first epoch).

use rnn_playground::chart::{render_rgb, write_png, LossChart, LossHistory};
use rnn_playground::rng::Rng;
use std::path::Path;
use std::time::Instant;

/// Train loss keeps falling; validation falls, bottoms out near epoch 45 and climbs back:
/// the picture the playground exists to show.
fn overfitting_run(epochs: u32, seed: u64) -> LossHistory {
    let mut rng = Rng::new(seed);
    let mut history = LossHistory::default();
    for epoch in 1..=epochs {
        let e = epoch as f32;
        let train = 0.015 + 0.9 * (-e / 22.0).exp() + 0.012 * rng.normal().abs();
        let overfit = (e - 45.0).max(0.0);
        let val = 0.11
            + 0.85 * (-e / 18.0).exp()
            + 0.00005 * overfit * overfit
            + 0.015 * rng.normal().abs();
        history.push(epoch, train, val);
    }
    history
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&out)?;

    let history = overfitting_run(150, 7);
    let mut chart = LossChart::from_history("LSTM 1x32 on noisy sine forecasting", "MSE", &history);
    chart.baseline = Some((0.5, "predict the mean"));
    write_png(&out.join("chart_demo.png"), 800, 500, &chart)?;

    let log_chart = LossChart {
        log_y: true,
        scale: 2.0,
        ..chart
    };
    write_png(&out.join("chart_demo_log.png"), 1600, 1000, &log_chart)?;

    let empty = LossHistory::default();
    let mut waiting = LossChart::from_history("GRU 2x64 on Shakespeare", "nats per char", &empty);
    waiting.baseline = Some((3.4, "uniform over 48 chars"));
    write_png(&out.join("chart_demo_empty.png"), 640, 400, &waiting)?;
    println!(
        "wrote chart_demo.png, chart_demo_log.png, chart_demo_empty.png in {}",
        out.display()
    );

    // Redraw cost against history length (in-memory bitmap, 800x500, median of 9).
    println!("{:>9} {:>12}", "epochs", "ms/redraw");
    for epochs in [100, 1_000, 10_000, 100_000] {
        let history = overfitting_run(epochs, 11);
        let chart = LossChart::from_history("timing", "MSE", &history);
        let mut times: Vec<f64> = (0..9)
            .map(|_| {
                let start = Instant::now();
                render_rgb(800, 500, &chart).map(|_| start.elapsed().as_secs_f64() * 1e3)
            })
            .collect::<Result<_, _>>()?;
        times.sort_by(f64::total_cmp);
        println!("{:>9} {:>12.2}", epochs, times[4]);
    }
    Ok(())
}
