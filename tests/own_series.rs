//! The reader's own series: reading CSV files and lists (header, columns, bad cells with
//! their line number, lengths, NaN, binary, size), and the forecast task built from it
//! (chronological split with no window across it, training statistics, windows).
#![cfg(not(target_arch = "wasm32"))]

use std::time::Instant;

use rnn_playground::config::Config;
use rnn_playground::data::own_series::{self, split_index};
use rnn_playground::data::{parse_series, SeriesError, Sizes};
use rnn_playground::nn::{Inputs, Targets};
use rnn_playground::trainer::{Budget, Trainer};

fn wave(n: usize) -> Vec<f32> {
    (0..n).map(|i| (i as f32 * 0.3).sin() * 2.0 + 5.0).collect()
}

fn refused(text: &str) -> String {
    parse_series(text, None).unwrap_err().to_string()
}

#[test]
fn a_csv_with_a_header_and_two_columns_takes_the_last_numeric_one() {
    let mut csv = String::from("date,visitors\n");
    for (i, v) in wave(60).iter().enumerate() {
        csv.push_str(&format!("2024-01-{:02},{v}\n", i % 28 + 1));
    }
    let parsed = parse_series(&csv, None).unwrap();
    assert!(parsed.has_header);
    assert_eq!(parsed.columns, ["date", "visitors"]);
    assert_eq!(parsed.numeric_columns, [1], "a date is not a number");
    assert_eq!(parsed.column, 1);
    assert_eq!(parsed.values, wave(60));

    // Two numeric columns: the reader may choose either.
    let csv = (0..60).fold(String::from("t;value\n"), |s, i| {
        s + &format!("{i};{}\n", i * 2)
    });
    let first = parse_series(&csv, Some(0)).unwrap();
    assert_eq!(first.numeric_columns, [0, 1]);
    assert_eq!(first.values[59], 59.0);
    assert_eq!(parse_series(&csv, None).unwrap().values[59], 118.0);
    let message = parse_series(&csv, Some(2)).unwrap_err().to_string();
    assert!(
        message.contains("no column 3 (the file has 2)"),
        "{message}"
    );
}

#[test]
fn a_plain_list_reads_one_per_line_or_all_on_one_line() {
    let lines: String = wave(80).iter().map(|v| format!("{v}\n")).collect();
    let parsed = parse_series(&lines, None).unwrap();
    assert!(!parsed.has_header);
    assert_eq!(parsed.columns, ["1"]);
    assert_eq!(parsed.values, wave(80));

    let one_line = wave(80)
        .iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    assert_eq!(parse_series(&one_line, None).unwrap().values, wave(80));
    let spaced = format!("# my sensor\n\n{}\n", one_line.replace(", ", "  "));
    assert_eq!(parse_series(&spaced, None).unwrap().values, wave(80));
}

#[test]
fn a_text_cell_is_named_by_its_line_number() {
    let mut csv = String::from("value\n");
    for line in 2..=1300 {
        csv.push_str(if line == 1234 { "n/a\n" } else { "1.5\n" });
    }
    let message = refused(&csv);
    assert_eq!(
        message,
        "line 1234, column \"value\": \"n/a\" is not a number"
    );
}

#[test]
fn too_short_too_long_non_finite_empty_binary_and_huge_files_are_refused() {
    let short: String = wave(49).iter().map(|v| format!("{v}\n")).collect();
    assert_eq!(
        refused(&short),
        "the series has 49 values; at least 50 are needed"
    );

    let long: String = (0..200_001).map(|i| format!("{i}\n")).collect();
    assert!(refused(&long).contains("200001 values; at most 200000"));

    for bad in ["NaN", "inf", "-Infinity", "1e39"] {
        let text = format!("x\n{}{bad}\n3\n", "1\n".repeat(60));
        let message = refused(&text);
        assert!(
            message.starts_with("line 62, column \"x\": "),
            "{bad}: {message}"
        );
        assert!(message.contains("not a finite number"), "{bad}: {message}");
    }

    assert_eq!(refused(""), "the file holds no numbers");
    assert_eq!(
        refused("\n# only a comment\n\n"),
        "the file holds no numbers"
    );
    assert_eq!(refused("value\n"), "the file holds no numbers");
    assert_eq!(
        parse_series("a,b\nx,y\n", None).unwrap_err(),
        SeriesError::NoNumericColumn
    );

    let binary = "PK\u{3}\u{4}\u{14}\0\0\u{8}\0\u{8}\0".repeat(20);
    assert!(refused(&binary).contains("not a text file"));
    let mojibake = "\u{FFFD}\u{FFFD}1\n".repeat(100);
    assert!(refused(&mojibake).contains("not a text file"));

    let huge = "1\n".repeat(8_000_001);
    assert!(
        refused(&huge).starts_with("the file is 16.0 MB"),
        "{}",
        refused(&huge)
    );

    let ragged = format!("a,b\n{}5\n", "1,2\n".repeat(60));
    assert_eq!(refused(&ragged), "line 62 has no value in column \"b\"");
}

#[test]
fn two_hundred_thousand_values_load_quickly() {
    let text: String = (0..200_000)
        .map(|i| format!("{},{:.4}\n", i, (i as f32 * 0.01).sin()))
        .collect();
    let started = Instant::now();
    let parsed = parse_series(&text, None).unwrap();
    let parsed_ms = started.elapsed().as_secs_f64() * 1e3;
    let sizes = Sizes {
        seq_len: 32,
        train: 4096,
        val: 4096,
    };
    let task = own_series::build(&parsed.values, sizes).unwrap();
    let total_ms = started.elapsed().as_secs_f64() * 1e3;
    assert_eq!(parsed.values.len(), 200_000);
    assert_eq!(task.train.inputs.num_sequences(), 4096);
    // A figure, not a timed assertion: the machine running the tests may be slow.
    eprintln!(
        "200,000 values ({:.1} MB): parsed in {parsed_ms:.1} ms, split and windowed in {:.1} ms more",
        text.len() as f64 / 1e6,
        total_ms - parsed_ms
    );
}

/// Every value of a data set's inputs and targets.
fn all_values(data: &rnn_playground::nn::Dataset) -> Vec<f32> {
    let (Inputs::Dense(x), Targets::Values(y)) = (&data.inputs, &data.targets) else {
        panic!("forecast data is dense");
    };
    x.iter().chain(y.iter()).copied().collect()
}

#[test]
fn the_chronological_split_leaks_no_window_and_uses_training_statistics() {
    // A ramp: each value says where it comes from.
    let ramp: Vec<f32> = (0..1000).map(|i| i as f32).collect();
    let split = split_index(ramp.len());
    assert_eq!(split, 800);
    let sizes = Sizes {
        seq_len: 16,
        train: 4096,
        val: 4096,
    };
    let task = own_series::build(&ramp, sizes).unwrap();
    // Normalised with the training part's mean (399.5) and standard deviation.
    let std = ((800.0f64 * 800.0 - 1.0) / 12.0).sqrt();
    let position = |normalised: f32| (f64::from(normalised) * std + 399.5).round();
    let train: Vec<f64> = all_values(&task.train).into_iter().map(position).collect();
    let val: Vec<f64> = all_values(&task.val).into_iter().map(position).collect();
    assert!(
        train.iter().all(|&p| p < 800.0),
        "a training window reaches past the split"
    );
    assert!(
        val.iter().all(|&p| p >= 800.0),
        "a validation window starts before the split"
    );
    assert_eq!(
        train.iter().cloned().fold(f64::MIN, f64::max),
        799.0,
        "training uses its part to the end"
    );
    assert_eq!(val.iter().cloned().fold(f64::MAX, f64::min), 800.0);
    assert_eq!(val.iter().cloned().fold(f64::MIN, f64::max), 999.0);
    // Every possible window: 800 − 17 + 1 for training, 200 − 17 + 1 for validation.
    assert_eq!(task.train.inputs.num_sequences(), 784);
    assert_eq!(task.val.inputs.num_sequences(), 184);

    let message = own_series::build(
        &ramp[..60],
        Sizes {
            seq_len: 32,
            ..sizes
        },
    )
    .unwrap_err();
    assert!(
        message.to_string().contains("lower the sequence length"),
        "{message}"
    );
}

#[test]
fn a_forecast_run_trains_on_the_series_and_other_tasks_refuse_it() {
    let config =
        Config::from_query_strict("task=forecast&len=16&train=32&val=16&hidden=8&epochs=3")
            .unwrap();
    let mut trainer = Trainer::with_own_series(config, &wave(600)).unwrap();
    assert!(trainer.task().loss_label.english().contains("your series"));
    assert!(trainer.task().baseline_loss.is_finite());
    let reports = trainer.run_for(Budget::Epochs(3));
    assert_eq!(reports.len(), 3);
    assert!(
        reports[2].val_loss < trainer.task().baseline_loss,
        "a sine is learnable"
    );

    let text = Config::from_query_strict("task=adding").unwrap();
    let error = Trainer::with_own_series(text, &wave(600)).err().unwrap();
    assert!(error.to_string().contains("forecast task"), "{error}");
}
