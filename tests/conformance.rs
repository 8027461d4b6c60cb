#![cfg(not(target_arch = "wasm32"))]
//! PyTorch conformance: every `rnn-conformance/1` fixture (tests/fixtures/conformance,
//! format in tests/fixtures/SCHEMA.md) is loaded, run forward and backward, trained for its steps, and every
//! tensor is compared within the case's tolerance. Set `CONFORMANCE_DIR` to also check the
//! `*.json` files of another folder. All failures of all cases are reported together.
//! The repository's own fixtures must also name their generator and seed (`provenance`).

use std::path::{Path, PathBuf};

use ndarray::{Array2, Array3};
use rnn_playground::nn::{
    CellKind, Dataset, Inputs, LossKind, ModelSpec, Network, Readout, Targets,
};
use rnn_playground::optim::{Optimizer, OptimizerKind, StepSettings};
use rnn_playground::rng::Rng;
use serde_json::Value;

/// A JSON tensor flattened row-major, with its shape.
struct Tensor {
    shape: Vec<usize>,
    values: Vec<f64>,
}

fn tensor(v: &Value) -> Tensor {
    fn walk(v: &Value, depth: usize, shape: &mut Vec<usize>, out: &mut Vec<f64>) {
        match v {
            Value::Array(items) => {
                if shape.len() == depth {
                    shape.push(items.len());
                }
                for item in items {
                    walk(item, depth + 1, shape, out);
                }
            }
            Value::Number(n) => out.push(n.as_f64().expect("number")),
            other => panic!("fixture holds a non-number: {other}"),
        }
    }
    let (mut shape, mut values) = (Vec::new(), Vec::new());
    walk(v, 0, &mut shape, &mut values);
    Tensor { shape, values }
}

/// Where `flat` falls in a row-major tensor of `shape`.
fn unravel(mut flat: usize, shape: &[usize]) -> Vec<usize> {
    let mut index = vec![0; shape.len()];
    for (i, &dim) in shape.iter().enumerate().rev() {
        index[i] = flat % dim.max(1);
        flat /= dim.max(1);
    }
    index
}

struct Checker {
    case: String,
    rtol: f64,
    atol: f64,
    failures: Vec<String>,
    compared: usize,
}

impl Checker {
    /// Compare `got` against the expected tensor, recording every mismatch (the first few
    /// per tensor in full, then a count).
    fn compare(&mut self, what: &str, got: &[f32], got_shape: &[usize], want: &Tensor) {
        if got.len() != want.values.len() {
            self.failures.push(format!(
                "{}: {what}: shape {got_shape:?} but the fixture has {:?}",
                self.case, want.shape
            ));
            return;
        }
        let mut bad = 0;
        for (k, (&a, &b)) in got.iter().zip(&want.values).enumerate() {
            self.compared += 1;
            let a = a as f64;
            let ok = (a - b).abs() <= self.atol + self.rtol * b.abs();
            if !ok {
                bad += 1;
                if bad <= 5 {
                    self.failures.push(format!(
                        "{}: {what}{:?}: got {a:e}, expected {b:e} (diff {:.3e}, allowed {:.3e})",
                        self.case,
                        unravel(k, &want.shape),
                        (a - b).abs(),
                        self.atol + self.rtol * b.abs()
                    ));
                }
            }
        }
        if bad > 5 {
            self.failures.push(format!(
                "{}: {what}: {} more mismatches",
                self.case,
                bad - 5
            ));
        }
    }

    fn compare_scalar(&mut self, what: &str, got: f32, want: f64) {
        let t = Tensor {
            shape: vec![],
            values: vec![want],
        };
        self.compare(what, &[got], &[], &t);
    }
}

fn spec_of(case: &Value) -> ModelSpec {
    let m = &case["model"];
    let size = |k: &str| m[k].as_u64().unwrap_or_else(|| panic!("model.{k}")) as usize;
    let cell = match (
        m["cell"].as_str().unwrap(),
        m["nonlinearity"].as_str().unwrap_or("tanh"),
    ) {
        ("rnn", "relu") => CellKind::RnnRelu,
        ("rnn", _) => CellKind::RnnTanh,
        ("lstm", _) => CellKind::Lstm,
        ("gru", _) => CellKind::Gru,
        (other, _) => panic!("unknown cell {other}"),
    };
    // With `model.vocab_size` the fixture's input_size is the embedding size; our
    // input_size is then the vocabulary, as for any token input.
    let (input_size, embed) = match m["vocab_size"].as_u64() {
        Some(vocab) => (vocab as usize, size("input_size")),
        None => (size("input_size"), 0),
    };
    ModelSpec {
        cell,
        input_size,
        hidden_size: size("hidden_size"),
        num_layers: size("num_layers"),
        output_size: size("output_size"),
        readout: match m["readout"].as_str().unwrap() {
            "all" => Readout::AllSteps,
            "last" => Readout::LastStep,
            other => panic!("unknown readout {other}"),
        },
        loss: match case["loss"].as_str().unwrap() {
            "mse" => LossKind::Mse,
            "cross_entropy" => LossKind::CrossEntropy,
            other => panic!("unknown loss {other}"),
        },
        embed,
        dropout_before_head: false,
        forget_bias: 0.0,
    }
}

fn dataset_of(case: &Value, spec: &ModelSpec) -> Dataset {
    let x = tensor(&case["input"]);
    let inputs = if spec.embed > 0 {
        Inputs::Tokens(
            Array2::from_shape_vec(
                (x.shape[0], x.shape[1]),
                x.values.iter().map(|&v| v as u32).collect(),
            )
            .unwrap(),
        )
    } else {
        Inputs::Dense(
            Array3::from_shape_vec(
                (x.shape[0], x.shape[1], x.shape[2]),
                x.values.iter().map(|&v| v as f32).collect(),
            )
            .unwrap(),
        )
    };
    let y = tensor(&case["target"]);
    let targets = match spec.loss {
        LossKind::Mse => {
            let positions = y.values.len() / spec.output_size;
            Targets::Values(
                Array2::from_shape_vec(
                    (positions, spec.output_size),
                    y.values.iter().map(|&v| v as f32).collect(),
                )
                .unwrap(),
            )
        }
        LossKind::CrossEntropy => Targets::Classes(y.values.iter().map(|&v| v as u32).collect()),
    };
    Dataset { inputs, targets }
}

fn optimizer_of(case: &Value) -> (OptimizerKind, StepSettings) {
    let o = &case["training"]["optimizer"];
    let f = |k: &str| o[k].as_f64().unwrap_or_else(|| panic!("optimizer.{k}")) as f32;
    let kind = match o["name"].as_str().unwrap() {
        "sgd" => OptimizerKind::Sgd {
            momentum: f("momentum"),
        },
        "adam" => OptimizerKind::Adam {
            beta1: o["betas"][0].as_f64().unwrap() as f32,
            beta2: o["betas"][1].as_f64().unwrap() as f32,
            eps: f("eps"),
        },
        other => panic!("unknown optimizer {other}"),
    };
    let settings = StepSettings {
        lr: f("lr"),
        weight_decay: f("weight_decay"),
        clip_grad_norm: o["clip_grad_norm"].as_f64().map(|v| v as f32),
    };
    (kind, settings)
}

/// A fixture of this repository must say which script (in the repository) and seed made it.
fn check_provenance(case: &Value, check: &mut Checker) {
    let p = &case["provenance"];
    let generator = p["generator"].as_str().unwrap_or("");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if generator.is_empty() || !root.join(generator).is_file() {
        check.failures.push(format!(
            "{}: provenance.generator {generator:?} is not a file of the repository",
            check.case
        ));
    }
    if p["seed"].as_u64().is_none() {
        check
            .failures
            .push(format!("{}: provenance.seed is missing", check.case));
    }
}

/// Run one case; mismatches go into the returned checker.
fn run_case(path: &Path, in_repo: bool) -> Checker {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let case: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(
        case["schema"],
        "rnn-conformance/1",
        "{}: unknown schema",
        path.display()
    );
    let name = case["name"]
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| path.display().to_string());
    let tol = &case["tolerance"];
    let mut check = Checker {
        case: name.clone(),
        rtol: tol["rtol"].as_f64().unwrap(),
        atol: tol["atol"].as_f64().unwrap(),
        failures: Vec::new(),
        compared: 0,
    };

    if in_repo {
        check_provenance(&case, &mut check);
    }
    let spec = spec_of(&case);
    let data = dataset_of(&case, &spec);
    let mut net = match Network::from_state_dict_json(spec.clone(), &case["state_dict"].to_string())
    {
        Ok(net) => net,
        Err(e) => {
            check
                .failures
                .push(format!("{name}: state_dict does not load: {e}"));
            return check;
        }
    };

    // Forward: outputs and final states.
    let expected = &case["expected"];
    let (outputs, state) = net
        .predict_with_state(&data.inputs)
        .expect("fixture inputs fit the model");
    check.compare(
        "output",
        outputs.as_slice().unwrap(),
        outputs.shape(),
        &tensor(&expected["output"]),
    );
    check.compare(
        "h_n",
        state.hidden.as_slice().unwrap(),
        state.hidden.shape(),
        &tensor(&expected["h_n"]),
    );
    match (&state.cell, expected.get("c_n")) {
        (Some(c), Some(want)) => {
            check.compare("c_n", c.as_slice().unwrap(), c.shape(), &tensor(want))
        }
        (None, None) => {}
        _ => check
            .failures
            .push(format!("{name}: c_n present on one side only")),
    }

    // Training: loss, gradients (first step), losses before each step, final parameters.
    let training = &case["training"];
    let (kind, settings) = optimizer_of(&case);
    let mut optimizer = Optimizer::new(kind, &net);
    let losses = training["losses"].as_array().unwrap();
    let steps = training["steps"].as_u64().unwrap() as usize;
    if losses.len() != steps {
        check.failures.push(format!(
            "{name}: {} training losses for {steps} steps",
            losses.len()
        ));
    }
    let mut rng = Rng::new(0);
    for (step, want_loss) in losses.iter().enumerate().take(steps) {
        let score = net
            .train_batch(&data, 0.0, &mut rng)
            .expect("fixture batch fits the model");
        if step == 0 {
            check.compare_scalar("loss", score.loss, expected["loss"].as_f64().unwrap());
            for p in net.parameters() {
                match expected["grads"].get(&p.name) {
                    Some(want) => {
                        check.compare(&format!("grad {}", p.name), p.grad, &p.shape, &tensor(want))
                    }
                    None => check
                        .failures
                        .push(format!("{name}: fixture has no gradient for {}", p.name)),
                }
            }
        }
        check.compare_scalar(
            &format!("training loss before step {step}"),
            score.loss,
            want_loss.as_f64().unwrap(),
        );
        optimizer.step(&mut net, &settings);
    }
    for p in net.parameters() {
        match training["state_dict"].get(&p.name) {
            Some(want) => check.compare(
                &format!("trained {}", p.name),
                p.value,
                &p.shape,
                &tensor(want),
            ),
            None => check.failures.push(format!(
                "{name}: fixture has no trained value for {}",
                p.name
            )),
        }
    }
    check
}

/// Every fixture file, and whether it is one of the repository's.
fn fixture_files() -> Vec<(PathBuf, bool)> {
    let mut dirs = vec![(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/conformance"),
        true,
    )];
    if let Ok(extra) = std::env::var("CONFORMANCE_DIR") {
        dirs.push((PathBuf::from(extra), false));
    }
    let mut files = Vec::new();
    for (dir, in_repo) in dirs {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let mut here: Vec<PathBuf> = entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        here.sort();
        files.extend(here.into_iter().map(|p| (p, in_repo)));
    }
    files
}

#[test]
fn every_fixture_matches_pytorch_semantics() {
    let files = fixture_files();
    let own = files.iter().filter(|(_, in_repo)| *in_repo).count();
    assert!(
        own >= 11,
        "expected the eleven fixtures of tests/fixtures/conformance, found {own}"
    );
    let mut failures = Vec::new();
    for (path, in_repo) in &files {
        let check = run_case(path, *in_repo);
        println!(
            "{}: {} values compared, {} failures",
            check.case,
            check.compared,
            check.failures.len()
        );
        assert!(check.compared > 0 || !check.failures.is_empty());
        failures.extend(check.failures);
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
