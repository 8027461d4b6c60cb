//! A run's downloads taken elsewhere: the state_dict loads back bit for bit, the Python
//! module compiles, and a plain NumPy forward pass (tests/export_check/numpy_forward.py,
//! written from the README's equations) on the exported weights and data set recomputes
//! the validation loss the page shows.
//!
//! These tests need `python3` with NumPy (`cargo xtask test` installs them); without them
//! they fail with a message saying so, never skip.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use rnn_playground::config::Config;
use rnn_playground::export::Export;
use rnn_playground::trainer::{Budget, Trainer};

/// Small runs of every cell, readout, loss and input kind (dense, one-hot, embedded).
const RUNS: &[(&str, &str)] = &[
    ("forecast_lstm", "task=forecast&len=12&train=16&val=8&cell=lstm&hidden=8&batch=8&epochs=4"),
    ("forecast_gru_2layer_dropout", "task=forecast&len=10&train=16&val=8&cell=gru&hidden=6&layers=2&dropout=0.2&batch=8&epochs=4"),
    ("adding_relu", "task=adding&len=10&train=32&val=16&cell=relu&hidden=8&batch=16&epochs=3"),
    ("classify_gru", "task=classify&len=12&train=16&val=16&cell=gru&hidden=8&batch=8&epochs=3"),
    ("text_rnn_onehot", "task=text&len=12&train=16&val=8&cell=rnn&hidden=12&layers=2&batch=8&epochs=3"),
    ("text_lstm_embed", "task=text&len=12&train=16&val=8&cell=lstm&hidden=12&embed=5&batch=8&epochs=3"),
];

fn trained(query: &str) -> Trainer {
    let config = Config::from_query_strict(query).expect("a valid query");
    let mut trainer = Trainer::new(config).expect("a trainer");
    trainer.run_for(Budget::Epochs(u32::MAX));
    assert!(!trainer.history().is_empty(), "{query}: no epoch trained");
    trainer
}

fn fresh(trainer: &Trainer) -> Trainer {
    Trainer::new(trainer.config().clone()).expect("the same settings build again")
}

fn out_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("export")
        .join(name);
    fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

fn write_exports(name: &str, trainer: &Trainer) -> PathBuf {
    let dir = out_dir(name);
    for export in Export::ALL {
        fs::write(dir.join(export.key()), export.render(trainer)).expect("writable scratch");
    }
    dir
}

/// `python3` with `args`, failing loudly when it is not there.
fn python(args: &[&str]) -> String {
    let output = Command::new("python3").args(args).output().unwrap_or_else(|e| {
        panic!("python3 is needed by this test and could not run ({e}); `cargo xtask test` installs it")
    });
    assert!(
        output.status.success(),
        "python3 {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn serde_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap()
        .trim_matches('"')
        .to_string()
}

#[test]
fn exported_weights_load_into_a_fresh_run_bit_for_bit() {
    for (name, query) in RUNS {
        let trainer = trained(query);
        let json = Export::StateDict.render(&trainer);
        let mut reloaded = fresh(&trainer);
        let loaded_score = reloaded
            .load_state_dict_json(&json)
            .expect("its own export loads");

        let mut original = trainer.network().clone();
        let mut copy = reloaded.network().clone();
        let val = &trainer.task().val;
        let before = original.evaluate(val).unwrap();
        let after = copy.evaluate(val).unwrap();
        assert_eq!(
            before.loss.to_bits(),
            after.loss.to_bits(),
            "{name}: validation loss"
        );
        assert_eq!(
            loaded_score.loss.to_bits(),
            before.loss.to_bits(),
            "{name}: reported loss"
        );
        assert_eq!(before.correct, after.correct, "{name}: accuracy");
        let predicted = original.predict(&val.inputs).unwrap();
        let repredicted = copy.predict(&val.inputs).unwrap();
        assert_eq!(predicted.shape(), repredicted.shape());
        for (a, b) in predicted.iter().zip(repredicted.iter()) {
            assert_eq!(a.to_bits(), b.to_bits(), "{name}: a prediction differs");
        }
        // The page's validation loss is the last epoch's, computed on these weights.
        let page_val = trainer.history().last().unwrap().val_loss;
        assert_eq!(
            page_val.to_bits(),
            after.loss.to_bits(),
            "{name}: page's loss"
        );
    }
}

#[test]
fn the_python_module_compiles_for_every_kind_of_run() {
    for (name, query) in RUNS {
        let dir = write_exports(name, &trained(query));
        let file = dir.join("model.py");
        python(&["-m", "py_compile", file.to_str().unwrap()]);
        let source = fs::read_to_string(&file).unwrap();
        assert!(source.contains("class Net(nn.Module)"), "{name}: {source}");
        assert!(source.contains("load_state_dict"), "{name}: {source}");
    }
}

#[test]
fn numpy_recomputes_the_validation_loss_from_the_downloads() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/export_check/numpy_forward.py");
    for (name, query) in RUNS {
        let trainer = trained(query);
        let dir = write_exports(name, &trainer);
        let spec = trainer.network().spec();
        let printed = python(&[
            script.to_str().unwrap(),
            dir.join("model.json").to_str().unwrap(),
            dir.join("dataset.csv").to_str().unwrap(),
            &serde_name(&spec.cell),
            &serde_name(&spec.readout),
            &serde_name(&spec.loss),
        ]);
        let numpy_loss: f64 = printed
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}: {printed}"));
        let page_loss = trainer.history().last().unwrap().val_loss as f64;
        assert!(
            (numpy_loss - page_loss).abs() <= 1e-4,
            "{name}: NumPy {numpy_loss} vs page {page_loss}"
        );
        eprintln!("{name}: page {page_loss:.7}, NumPy {numpy_loss:.7}");
    }
}

#[test]
fn history_csv_has_one_row_per_epoch_and_the_settings() {
    let trainer = trained(RUNS[3].1); // classify: with accuracy columns
    let csv = Export::History.render(&trainer);
    let settings = trainer.config().to_query();
    assert!(csv.contains(&format!("# settings: {settings}")), "{csv}");
    let rows: Vec<&str> = csv.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        rows[0],
        "epoch,train_loss,val_loss,train_accuracy,val_accuracy,grad_norm,wall_ms"
    );
    assert_eq!(rows.len() - 1, trainer.history().len());
    for (row, report) in rows[1..].iter().zip(trainer.history()) {
        let cells: Vec<&str> = row.split(',').collect();
        assert_eq!(cells.len(), 7, "{row}");
        assert_eq!(cells[0].parse::<u32>().unwrap(), report.epoch);
        assert_eq!(cells[2].parse::<f32>().unwrap(), report.val_loss);
        assert_eq!(cells[4].parse::<f32>().ok(), report.val_accuracy);
    }
    let forecast = Export::History.render(&trained(RUNS[0].1));
    assert!(
        forecast.contains("\nepoch,train_loss,val_loss,grad_norm,wall_ms\n"),
        "{forecast}"
    );
}

#[test]
fn dataset_csv_holds_every_sequence_step_and_target() {
    let trainer = trained(RUNS[2].1); // adding: two features, target on the last step
    let csv = Export::Dataset.render(&trainer);
    let rows: Vec<&str> = csv.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(rows[0], "set,sequence,step,x0,x1,y0");
    let config = trainer.config();
    assert_eq!(
        rows.len() - 1,
        (config.train_size + config.val_size) * config.seq_len
    );
    let with_target = rows[1..].iter().filter(|r| !r.ends_with(',')).count();
    assert_eq!(
        with_target,
        config.train_size + config.val_size,
        "one target per sequence"
    );

    let text = Export::Dataset.render(&trained(RUNS[4].1));
    assert!(
        text.contains("# vocab (token id = index): \""),
        "the vocabulary is listed"
    );
    assert!(text.contains("\nset,sequence,step,token,class\n"));
}
