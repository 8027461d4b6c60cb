//! Every named lesson (`src/config/lessons.rs`, the settings behind `lesson=NAME` on the
//! page) trained with its seed, and the claim the page and the article make about it
//! checked with numbers. Each test prints its figures so a run documents them.
#![cfg(not(target_arch = "wasm32"))]

use rnn_playground::config::{Config, TaskKind};
use rnn_playground::nn::CellKind;
use rnn_playground::sweep::{run_sweep, LabMode, LabQuery, SweepGrid, SweepRow};
use rnn_playground::trainer::{Budget, EpochReport, RunStatus, Trainer};

/// The lab reading of a lesson: its mode, shared settings, runs and grid.
fn lesson(name: &str) -> LabQuery {
    let parsed = LabQuery::from_query(&format!("lesson={name}"));
    assert!(parsed.notices.is_empty(), "{name}: {:?}", parsed.notices);
    parsed.lab
}

/// The settings of a one-run lesson.
fn play_lesson(name: &str) -> Config {
    let lab = lesson(name);
    assert_eq!(lab.mode, LabMode::Play, "{name}");
    lab.config
}

struct Run {
    label: String,
    history: Vec<EpochReport>,
    best_epoch: u32,
    best_val: f32,
    status: RunStatus,
}

impl Run {
    fn last(&self) -> &EpochReport {
        self.history.last().expect("at least one epoch")
    }

    /// Final validation minus final training loss.
    fn gap(&self) -> f32 {
        self.last().val_loss - self.last().train_loss
    }
}

/// Trains until the run ends, or until `stop` says so after an epoch.
fn train_until(label: &str, config: Config, stop: impl Fn(&EpochReport) -> bool) -> Run {
    let mut trainer = Trainer::new(config).unwrap();
    'training: while *trainer.status() == RunStatus::Running {
        for report in trainer.run_for(Budget::Epochs(10)) {
            if stop(&report) {
                break 'training;
            }
        }
    }
    let (best_epoch, best_val) = trainer.best_epoch().unwrap();
    let run = Run {
        label: label.to_string(),
        history: trainer.history().to_vec(),
        best_epoch,
        best_val,
        status: trainer.status().clone(),
    };
    println!(
        "{label}: best val {best_val:.4} at epoch {best_epoch}; after epoch {}: train {:.4}, val {:.4} ({:?})",
        run.last().epoch,
        run.last().train_loss,
        run.last().val_loss,
        run.status
    );
    run
}

fn train(label: &str, config: Config) -> Run {
    let run = train_until(label, config, |_| false);
    assert!(
        matches!(
            run.status,
            RunStatus::Finished | RunStatus::StoppedEarly { .. }
        ),
        "{}: {:?}",
        run.label,
        run.status
    );
    run
}

/// Trains several runs at once, one thread each (the machine has cores to spare).
fn train_all(runs: Vec<(&str, Config)>) -> Vec<Run> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = runs
            .into_iter()
            .map(|(label, config)| scope.spawn(move || train(label, config)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

fn final_val(row: &SweepRow) -> f32 {
    row.losses.final_val_loss.expect("a finished point")
}

/// Sweeps one layer of every hidden size of `grid` and checks the capacity U on the final
/// validation loss: the two smallest models are worse than the minimum (the smallest by
/// half again), the minimum is not the largest model, which is a quarter worse. Returns the
/// rows by size and the best row.
fn assert_capacity_u(task: &str, config: &Config, grid: &SweepGrid) -> (Vec<SweepRow>, SweepRow) {
    let mut rows = run_sweep(config, grid, 2, |_, _| {}).unwrap();
    rows.sort_by_key(|row| row.hidden);
    let sizes: Vec<usize> = rows.iter().map(|row| row.hidden).collect();
    assert_eq!(sizes.first(), Some(&1));
    assert!(
        sizes.last().is_some_and(|&largest| largest >= 128),
        "{sizes:?}"
    );
    for row in &rows {
        println!(
            "{task} capacity, hidden {:>3}: final val {:.4}, best val {:.4}, final train {:.4}",
            row.hidden,
            final_val(row),
            row.losses.best_val_loss.unwrap(),
            row.losses.final_train_loss.unwrap()
        );
    }
    let best = rows
        .iter()
        .min_by(|a, b| final_val(a).total_cmp(&final_val(b)))
        .unwrap()
        .clone();
    let minimum = final_val(&best);
    println!(
        "{task} capacity: minimum final val {minimum:.4} at hidden {}",
        best.hidden
    );
    assert!(
        final_val(&rows[0]) >= 1.5 * minimum,
        "{task}: smallest model"
    );
    assert!(
        final_val(&rows[1]) > minimum,
        "{task}: second smallest model"
    );
    assert_ne!(
        best.hidden,
        *sizes.last().unwrap(),
        "{task}: the largest is not best"
    );
    assert!(
        final_val(rows.last().unwrap()) >= 1.25 * minimum,
        "{task}: largest model"
    );
    (rows, best)
}

#[test]
fn capacity_is_a_u_and_the_smallest_model_underfits() {
    let lab = lesson("capacity");
    assert_eq!(lab.mode, LabMode::Sweep);
    assert_eq!(lab.config.task, TaskKind::Forecast);
    let (_, best) = assert_capacity_u("forecast", &lab.config, &lab.grid);
    let minimum = final_val(&best);
    let noise_floor = lab.config.noise * lab.config.noise;
    println!("capacity: noise floor {noise_floor:.4}");
    // The best model gets near what noise allows.
    let best_model_best = best.losses.best_val_loss.unwrap();
    assert!(
        best_model_best <= 1.5 * noise_floor,
        "best val {best_model_best} vs noise floor {noise_floor}"
    );

    // The underfit lesson is the smallest model: both losses high, and close together.
    let underfit = train("underfit", play_lesson("underfit"));
    let best_train = best.losses.final_train_loss.unwrap();
    let (train_loss, val_loss) = (underfit.last().train_loss, underfit.last().val_loss);
    assert!(
        val_loss >= 1.3 * minimum,
        "underfit val {val_loss} vs {minimum}"
    );
    assert!(
        train_loss >= 1.3 * best_train,
        "underfit train {train_loss} vs {best_train}"
    );
    assert!(
        underfit.gap().abs() < 0.1 * train_loss,
        "gap {}",
        underfit.gap()
    );
}

#[test]
fn the_text_and_classify_presets_show_the_capacity_u_too() {
    let lab = lesson("capacity");
    for task in [TaskKind::Text, TaskKind::Classify] {
        assert_capacity_u(task.key(), &Config::preset(task), &lab.grid);
    }
}

#[test]
fn overfitting_and_three_cures_for_it() {
    let runs = train_all(vec![
        ("overfit", play_lesson("overfit")),
        ("dropout", play_lesson("dropout")),
        ("l2", play_lesson("l2")),
        ("early-stopping", play_lesson("early-stopping")),
    ]);
    let [overfit, dropout, l2, early] = &runs[..] else {
        unreachable!()
    };

    // Overfitting: validation climbs half again above its own best while training fits.
    let last = overfit.last();
    assert!(
        last.val_loss >= 1.5 * overfit.best_val,
        "val rose from {}",
        overfit.best_val
    );
    assert!(
        last.train_loss <= 0.5 * last.val_loss,
        "train {}",
        last.train_loss
    );

    // Dropout and L2 each shrink the gap by 40% and lower final validation by 15%.
    for cure in [dropout, l2] {
        assert!(
            cure.gap() <= 0.6 * overfit.gap(),
            "{}: gap {} vs {}",
            cure.label,
            cure.gap(),
            overfit.gap()
        );
        assert!(
            cure.last().val_loss <= 0.85 * last.val_loss,
            "{}: final val {} vs {}",
            cure.label,
            cure.last().val_loss,
            last.val_loss
        );
    }

    // L2 keeps validation near its own best and training close to it.
    assert!(
        l2.last().val_loss <= 1.05 * l2.best_val,
        "l2 final val {}",
        l2.last().val_loss
    );
    assert!(l2.gap() <= 0.1 * l2.last().val_loss, "l2 gap {}", l2.gap());

    // Early stopping ends the run within `patience` epochs of the best one and keeps the
    // best weights: the reported validation loss is the best epoch's.
    let patience = play_lesson("early-stopping").patience;
    let RunStatus::StoppedEarly {
        best_epoch,
        kept_val_loss,
    } = early.status
    else {
        panic!("early stopping did not stop: {:?}", early.status)
    };
    assert_eq!(best_epoch, early.best_epoch);
    assert!(early.last().epoch <= best_epoch + patience);
    assert_eq!(
        kept_val_loss, early.best_val,
        "the best weights were restored"
    );
}

#[test]
fn an_embedding_learns_like_one_hot_with_fewer_input_weights() {
    let with_embed = play_lesson("embedding");
    assert_eq!(with_embed.task, TaskKind::Text);
    let runs = train_all(vec![
        (
            "one-hot",
            Config {
                embed: 0,
                ..with_embed.clone()
            },
        ),
        (
            "embed 2",
            Config {
                embed: 2,
                ..with_embed.clone()
            },
        ),
        ("embed 16", with_embed.clone()),
    ]);
    let [one_hot, narrow, embedded] = &runs[..] else {
        unreachable!()
    };
    assert_eq!(with_embed.embed, 16);
    assert!(
        narrow.best_val >= 1.1 * embedded.best_val,
        "embed 2 {}",
        narrow.best_val
    );
    assert!(
        embedded.best_val <= 1.05 * one_hot.best_val,
        "embed 16 {} vs one-hot {}",
        embedded.best_val,
        one_hot.best_val
    );
    let vocab = Trainer::new(with_embed.clone()).unwrap().task().input_size;
    let gates = 4 * with_embed.hidden; // LSTM
    let one_hot_inputs = vocab * gates;
    let embedded_inputs = vocab * 16 + 16 * gates;
    println!("input weights: one-hot {one_hot_inputs}, embed 16 {embedded_inputs}");
    assert!(embedded_inputs < one_hot_inputs);
}

#[test]
fn gated_cells_solve_the_adding_problem_and_an_open_forget_gate_is_no_faster() {
    let cells = lesson("cells");
    assert_eq!(cells.mode, LabMode::Compare);
    let configs = cells.run_configs();
    let labels: Vec<String> = cells.runs.iter().map(|r| r.label()).collect();
    let runs = train_all(labels.iter().map(String::as_str).zip(configs).collect());
    let best = |cell| {
        cells
            .runs
            .iter()
            .zip(&runs)
            .find(|(spec, _)| spec.cell == cell)
            .map(|(_, run)| run.best_val)
            .unwrap()
    };
    let rnn = best(CellKind::RnnTanh);
    for gated in [best(CellKind::Lstm), best(CellKind::Gru)] {
        assert!(gated * 5.0 <= rnn, "gated {gated} vs tanh RNN {rnn}");
    }

    // Epochs until validation MSE first reaches 0.05, with the forget gate at 0 and 1.
    let open = play_lesson("forget-bias");
    assert_eq!(open.forget_bias, 1.0);
    let epochs_to = |label: &str, config: Config| {
        let run = train_until(label, config, |r| r.val_loss <= 0.05);
        let reached = run.history.iter().find(|r| r.val_loss <= 0.05);
        reached.map_or(u32::MAX, |r| r.epoch)
    };
    let (default_init, open_init) = std::thread::scope(|scope| {
        let closed = Config {
            forget_bias: 0.0,
            ..open.clone()
        };
        let default_init = scope.spawn(|| epochs_to("forget bias 0", closed));
        let open_init = epochs_to("forget bias 1", open.clone());
        (default_init.join().unwrap(), open_init)
    });
    println!(
        "epochs to validation MSE 0.05: forget bias 0: {default_init}, forget bias 1: {open_init}"
    );
    // The claim often quoted (Jozefowicz et al. 2015) does not show on this preset, and the
    // lesson says so: the default initialisation reaches the target first.
    assert!(default_init < open_init, "{default_init} vs {open_init}");
}

#[test]
fn depth_at_a_matched_parameter_count() {
    let depth = lesson("depth");
    assert_eq!(depth.mode, LabMode::Compare);
    let configs = depth.run_configs();
    let labels: Vec<String> = depth.runs.iter().map(|r| r.label()).collect();
    let params: Vec<usize> = configs
        .iter()
        .map(|c| Trainer::new(c.clone()).unwrap().network().param_count())
        .collect();
    println!("depth: {labels:?} with {params:?} parameters");
    let (small, large) = (params[0].min(params[1]), params[0].max(params[1]));
    assert!(
        small as f32 >= 0.9 * large as f32,
        "matched within 10%: {params:?}"
    );
    let runs = train_all(labels.iter().map(String::as_str).zip(configs).collect());
    let (one, two) = (runs[0].best_val, runs[1].best_val);
    println!("depth: best val one layer {one:.4}, two layers {two:.4}");
    // Depth is no free capacity here: two layers are not even 5% better than one (the
    // lesson and the article say so; no task of the playground showed the opposite).
    assert!(two > 0.95 * one, "two layers {two} vs one {one}");
}
