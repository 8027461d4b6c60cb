//! Look inside a 2-layer LSTM learning the text task: samples at three temperatures, the
//! per-character loss on a training and a validation snippet, and two pictures drawn with
//! the page's own plotters code: the gate saturation scatter (Karpathy, Johnson & Fei-Fei
//! 2015) and the activation heatmaps of both layers.
//!
//! cargo run --release --example inspect_text [epochs]      (default 40)
//! writes target/inspect_saturation.png, target/inspect_heatmap_layer{1,2}.png and
//! target/inspect_heatmap_cell.png, and prints what the views cost next to an epoch.

use rnn_playground::chart::{draw_heatmap_view, draw_saturation_view, write_view_png, ChartStyle};
use rnn_playground::config::{Config, TaskKind};
use rnn_playground::trainer::{
    Budget, HeatmapValues, SampleData, SaturationData, Trainer, ViewKind, ViewRequest,
};
use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let epochs: u32 = match std::env::args().nth(1) {
        Some(text) => text
            .parse()
            .map_err(|_| format!("epochs must be a whole number, not {text:?}"))?,
        None => 40,
    };
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&out)?;

    let config = Config {
        layers: 2,
        max_epochs: epochs.max(1),
        ..Config::preset(TaskKind::Text)
    };
    println!(
        "text task, LSTM {}x{}, {} training and {} validation sequences of {} characters, {epochs} epochs",
        config.layers, config.hidden, config.train_size, config.val_size, config.seq_len
    );
    let mut trainer = Trainer::new(config)?;
    let started = Instant::now();
    while trainer.epochs_done() < epochs
        && trainer.status().clone() == rnn_playground::trainer::RunStatus::Running
    {
        let reports = trainer.run_for(Budget::Epochs(10));
        if let Some(last) = reports.last() {
            println!(
                "epoch {:>4}  train {:.3}  val {:.3} nats/char",
                last.epoch, last.train_loss, last.val_loss
            );
        }
    }
    let epoch_ms =
        started.elapsed().as_secs_f64() * 1000.0 / f64::from(trainer.epochs_done().max(1));
    print_view_costs(&mut trainer, epoch_ms);
    let data = trainer.view_data(&ViewRequest::default());
    if let Some(samples) = &data.samples {
        print_samples(&mut trainer, samples)?;
    }
    let saturation = data.saturation.as_ref().ok_or("an LSTM has gates")?;
    write_pictures(&mut trainer, saturation, &out)
}

/// What each view costs, against the epoch it would follow (median of 5).
fn print_view_costs(trainer: &mut Trainer, epoch_ms: f64) {
    println!("\n{:<12} {:>10} {:>14}", "view", "ms", "% of an epoch");
    for view in ViewKind::ALL {
        let request = ViewRequest {
            views: vec![view],
            ..ViewRequest::default()
        };
        let mut times: Vec<f64> = (0..5)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(trainer.view_data(&request));
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!(
            "{:<12} {:>10.2} {:>13.1}%",
            view.key(),
            times[2],
            100.0 * times[2] / epoch_ms
        );
    }
    println!("(one epoch: {epoch_ms:.1} ms)");
}

/// Samples at three temperatures and the loss of the training and validation snippets.
fn print_samples(
    trainer: &mut Trainer,
    samples: &SampleData,
) -> Result<(), Box<dyn std::error::Error>> {
    println!("\nprompt: {:?}", samples.prompt);
    {
        for temperature in [0.5, 1.0, 1.5] {
            let sample = trainer.sample_data(temperature, 160)?;
            println!("T = {temperature}: {}{}", sample.prompt, sample.generated);
        }
        for (name, scored) in [("training", &samples.train), ("validation", &samples.val)] {
            let worst = scored
                .chars
                .iter()
                .zip(&scored.loss)
                .max_by(|a, b| a.1.total_cmp(b.1))
                .map(|(c, l)| format!("{c:?} at {l:.2} nats"))
                .unwrap_or_default();
            println!(
                "{name} snippet: {:.3} nats/char on average, hardest {worst}\n  {}{}",
                scored.mean_loss,
                scored.first,
                scored.chars.concat()
            );
        }
    }
    Ok(())
}

/// The saturation scatter and the heatmaps, drawn with the page's chart code.
fn write_pictures(
    trainer: &mut Trainer,
    saturation: &SaturationData,
    out: &Path,
) -> Result<(), Box<dyn std::error::Error>> {
    let style = ChartStyle::default();
    write_view_png(
        &out.join("inspect_saturation.png"),
        960,
        420,
        |area, scale| draw_saturation_view(area, saturation, scale, style),
    )?;
    for layer in 0..2 {
        let heatmap = trainer.heatmap_data(layer)?;
        let name = format!("inspect_heatmap_layer{}.png", layer + 1);
        write_view_png(&out.join(name), 960, 560, |area, scale| {
            draw_heatmap_view(area, &heatmap, HeatmapValues::Hidden, Some(5), scale, style)
                .map(|_| ())
        })?;
    }
    // The cell state of the top layer, tracing the unit that ends the sequence furthest
    // from zero (often a unit that counts or remembers).
    let heatmap = trainer.heatmap_data(1)?;
    let cells = heatmap.cell.as_deref().unwrap_or(&[]);
    let last_step = &cells[cells.len().saturating_sub(heatmap.units)..];
    let furthest =
        (0..last_step.len()).max_by(|&a, &b| last_step[a].abs().total_cmp(&last_step[b].abs()));
    write_view_png(
        &out.join("inspect_heatmap_cell.png"),
        960,
        560,
        |area, scale| {
            draw_heatmap_view(area, &heatmap, HeatmapValues::Cell, furthest, scale, style)
                .map(|_| ())
        },
    )?;
    println!(
        "\nwrote inspect_saturation.png, inspect_heatmap_layer1.png, inspect_heatmap_layer2.png, \
         inspect_heatmap_cell.png in {}",
        out.display()
    );
    Ok(())
}
