//! The run's loss history and its data set as CSV, each led by `#` comment lines holding
//! the run's settings, so a file downloaded today still says what produced it.

use std::fmt::Write;

use crate::nn::{Dataset, Inputs, Targets};
use crate::trainer::EpochReport;

/// What the comment header of a CSV says about the run.
pub struct RunDescription<'a> {
    /// The canonical query of the run's settings (`task=forecast&len=32&...`).
    pub settings: &'a str,
    pub task: &'a str,
    pub loss_label: &'a str,
    pub baseline_loss: f32,
    pub baseline_label: &'a str,
}

impl RunDescription<'_> {
    fn write_header(&self, out: &mut String, what: &str) {
        let _ = writeln!(out, "# rnn-playground {what}");
        let _ = writeln!(out, "# settings: {}", self.settings);
        let _ = writeln!(
            out,
            "# task: {}; loss: {}; baseline: {:?} ({})",
            self.task, self.loss_label, self.baseline_loss, self.baseline_label
        );
    }
}

/// One row per epoch: `epoch, train_loss, val_loss[, train_accuracy, val_accuracy],
/// grad_norm, wall_ms`; the accuracy columns only when the task has them.
pub fn history_csv(run: &RunDescription<'_>, reports: &[EpochReport], accuracy: bool) -> String {
    let mut out = String::new();
    run.write_header(&mut out, "loss history");
    out.push_str("epoch,train_loss,val_loss,");
    if accuracy {
        out.push_str("train_accuracy,val_accuracy,");
    }
    out.push_str("grad_norm,wall_ms\n");
    for r in reports {
        let _ = write!(out, "{},{:?},{:?},", r.epoch, r.train_loss, r.val_loss);
        if accuracy {
            let _ = write!(
                out,
                "{},{},",
                optional(r.train_accuracy),
                optional(r.val_accuracy)
            );
        }
        let _ = writeln!(out, "{:?},{:.3}", r.grad_norm, r.wall_ms);
    }
    out
}

fn optional(value: Option<f32>) -> String {
    value.map_or_else(String::new, |v| format!("{v:?}"))
}

/// Every training and validation sequence, one row per step: `set, sequence, step`, the
/// inputs (`x0..` features or `token`), then the targets (`y0..` values or `class`). A
/// last-step readout has its target on each sequence's last row only. `vocab` (text task)
/// is listed in the header as a JSON string, index = token id.
pub fn dataset_csv(
    run: &RunDescription<'_>,
    train: &Dataset,
    val: &Dataset,
    vocab: Option<&[char]>,
) -> String {
    let mut out = String::new();
    run.write_header(&mut out, "data set");
    if let Some(chars) = vocab {
        let text: String = chars.iter().collect();
        let json = serde_json::to_string(&text).unwrap_or_default();
        let _ = writeln!(out, "# vocab (token id = index): {json}");
    }
    out.push_str("set,sequence,step,");
    out.push_str(&input_columns(&train.inputs).join(","));
    out.push(',');
    out.push_str(&target_columns(&train.targets).join(","));
    out.push('\n');
    write_rows(&mut out, "train", train);
    write_rows(&mut out, "val", val);
    out
}

fn input_columns(inputs: &Inputs) -> Vec<String> {
    match inputs {
        Inputs::Dense(x) => (0..x.shape()[2]).map(|i| format!("x{i}")).collect(),
        Inputs::Tokens(_) => vec!["token".into()],
    }
}

fn target_columns(targets: &Targets) -> Vec<String> {
    match targets {
        Targets::Values(y) => (0..y.ncols()).map(|i| format!("y{i}")).collect(),
        Targets::Classes(_) => vec!["class".into()],
    }
}

fn write_rows(out: &mut String, set: &str, data: &Dataset) {
    let sequences = data.inputs.num_sequences();
    let steps = data.inputs.seq_len();
    // All-steps targets have T positions per sequence, last-step targets one.
    let per_sequence = data.targets.num_positions() / sequences.max(1);
    let blank_targets = ",".repeat(target_columns(&data.targets).len() - 1);
    for b in 0..sequences {
        for t in 0..steps {
            let _ = write!(out, "{set},{b},{t},");
            match &data.inputs {
                Inputs::Dense(x) => {
                    let row: Vec<String> = x
                        .slice(ndarray::s![b, t, ..])
                        .iter()
                        .map(|v| format!("{v:?}"))
                        .collect();
                    out.push_str(&row.join(","));
                }
                Inputs::Tokens(ids) => {
                    let _ = write!(out, "{}", ids[[b, t]]);
                }
            }
            out.push(',');
            let position = if per_sequence == steps {
                Some(b * steps + t)
            } else if t + 1 == steps {
                Some(b)
            } else {
                None
            };
            match (position, &data.targets) {
                (Some(p), Targets::Values(y)) => {
                    let row: Vec<String> = y.row(p).iter().map(|v| format!("{v:?}")).collect();
                    out.push_str(&row.join(","));
                }
                (Some(p), Targets::Classes(c)) => {
                    let _ = write!(out, "{}", c[p]);
                }
                (None, _) => out.push_str(&blank_targets),
            }
            out.push('\n');
        }
    }
}
