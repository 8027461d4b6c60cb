//! Every word a chart draws by itself (legends, axis names, notes, label wordings), passed
//! in by the caller so a message catalog can supply another language. Templates name their
//! blanks (`{value}`, `{epoch}`) instead of fixing an order, since word order differs
//! between languages; [`fill`] puts the values in.

/// The words of every chart. `'a` lets a catalog loaded at run time lend its strings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartWords<'a> {
    // The loss chart's legend and axis.
    pub train: &'a str,
    pub validation: &'a str,
    pub gap: &'a str,
    /// Explains the best-epoch marker even when its label is shortened to the bare value.
    pub best_val: &'a str,
    pub epoch: &'a str,
    /// An axis description on a log axis: `{axis}`.
    pub log_scale: &'a str,
    /// The baseline's label: `{name}` and `{value}`.
    pub baseline_value: &'a str,
    /// The baseline's name when the task gives none.
    pub baseline: &'a str,
    /// The best-epoch label, longest first: `{value}` and `{epoch}`.
    pub best_at_epoch: &'a str,
    pub best_value: &'a str,
    /// After early stopping the best epoch's weights are the ones kept: its legend entry
    /// and label, longest first (`{value}`, `{epoch}`).
    pub kept_weights: &'a str,
    pub kept_at_epoch: &'a str,
    pub kept_value: &'a str,
    /// The mark where early stopping ended the run: `{epoch}`.
    pub stopped_at_epoch: &'a str,
    pub waiting_for_epoch: &'a str,

    // The comparison and the capacity chart.
    pub training: &'a str,
    pub best_validation: &'a str,
    pub final_validation: &'a str,
    pub final_training: &'a str,
    pub waiting_for_runs: &'a str,
    pub waiting_for_models: &'a str,
    pub parameters: &'a str,
    pub one_layer: &'a str,
    /// `{layers}`.
    pub many_layers: &'a str,
    /// Added to the baseline's legend entry when its line is off the top of the chart.
    pub above_the_chart: &'a str,

    // The inside-the-network views.
    /// `{layer}` (counted from 1).
    pub layer_n: &'a str,
    /// `{gate}`.
    pub gate_panel: &'a str,
    pub no_gates: &'a str,
    pub fraction_shut: &'a str,
    pub fraction_open: &'a str,
    pub always_open: &'a str,
    pub always_shut: &'a str,
    pub target: &'a str,
    pub prediction: &'a str,
    pub prediction_training: &'a str,
    pub prediction_validation: &'a str,
    pub prediction_equals_target: &'a str,
    pub waiting_for_predictions: &'a str,
    pub step: &'a str,
    pub value: &'a str,
    pub unit: &'a str,
    pub waiting_for_activations: &'a str,
    /// `{unit}` and `{value}` (the value's name, "h" or "c").
    pub unit_trace: &'a str,
    pub trace_hint: &'a str,

    // The views' titles.
    /// `{model}` and `{sequences}`.
    pub gates_title: &'a str,
    /// `{layer}` and `{layers}`.
    pub layer_of: &'a str,
    pub hidden_state: &'a str,
    pub cell_state: &'a str,
    /// `{layer}`, `{values}` and `{sequence}`.
    pub heatmap_title: &'a str,
    /// `{sequence}` and `{mse}`.
    pub training_sequence: &'a str,
    pub validation_sequence: &'a str,
    pub next_value_title: &'a str,
    /// `{count}` and `{mse}`.
    pub training_sequences: &'a str,
    pub validation_sequences: &'a str,
    pub sum_title: &'a str,
}

impl ChartWords<'static> {
    /// English, as the page and the examples show it today.
    pub const ENGLISH: ChartWords<'static> = ChartWords {
        train: "train",
        validation: "validation",
        gap: "gap",
        best_val: "best val",
        epoch: "epoch",
        log_scale: "{axis} (log scale)",
        baseline_value: "{name}: {value}",
        baseline: "baseline",
        best_at_epoch: "best {value} @ epoch {epoch}",
        best_value: "best {value}",
        kept_weights: "kept weights",
        kept_at_epoch: "kept {value} @ epoch {epoch}",
        kept_value: "kept {value}",
        stopped_at_epoch: "stopped @ epoch {epoch}",
        waiting_for_epoch: "waiting for the first epoch…",
        training: "training",
        best_validation: "best validation",
        final_validation: "final validation",
        final_training: "final training",
        waiting_for_runs: "waiting for the first epochs…",
        waiting_for_models: "waiting for the first trained model…",
        parameters: "parameters",
        one_layer: "1 layer",
        many_layers: "{layers} layers",
        above_the_chart: "above the chart",
        layer_n: "layer {layer}",
        gate_panel: "{gate} gate",
        no_gates: "no gates to show (a vanilla RNN has none)",
        fraction_shut: "fraction < 0.1 (shut)",
        fraction_open: "fraction > 0.9 (open)",
        always_open: "↖ always open",
        always_shut: "always shut ↓",
        target: "target",
        prediction: "prediction",
        prediction_training: "prediction (training)",
        prediction_validation: "prediction (validation)",
        prediction_equals_target: "prediction = target",
        waiting_for_predictions: "waiting for the first predictions…",
        step: "step",
        value: "value",
        unit: "unit",
        waiting_for_activations: "waiting for the network's activations…",
        unit_trace: "unit {unit}: {value} at each step",
        trace_hint: "point at a row of the heatmap (or focus it and press ↑ ↓) to trace one unit",
        gates_title: "{model} · gates over {sequences} validation sequences",
        layer_of: "layer {layer} of {layers}",
        hidden_state: "hidden state h",
        cell_state: "cell state c",
        heatmap_title: "{layer} · {values} · validation sequence {sequence}",
        training_sequence: "training sequence {sequence} · MSE {mse}",
        validation_sequence: "validation sequence {sequence} · MSE {mse}",
        next_value_title: "Next value: target and prediction",
        training_sequences: "training · {count} sequences · MSE {mse}",
        validation_sequences: "validation · {count} sequences · MSE {mse}",
        sum_title: "Sum of the marked values: prediction against target",
    };
}

impl Default for ChartWords<'static> {
    fn default() -> Self {
        ChartWords::ENGLISH
    }
}

/// `template` with each `{name}` replaced by its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_take_their_values_by_name_in_any_order() {
        let text = fill("{epoch}: {value}", &[("value", "0.5"), ("epoch", "7")]);
        assert_eq!(text, "7: 0.5");
    }
}
