//! A short Python file defining the PyTorch module that computes what a run's network
//! computes, and loading the state_dict JSON downloaded with it. It is generated from the
//! run's [`ModelSpec`], so cell, sizes, embedding, dropout placement, head and readout always
//! match the weights.

use std::fmt::Write;

use crate::nn::{CellKind, LossKind, ModelSpec, Readout};

/// The PyTorch module of `spec` (reading token ids when `tokens`) trained with dropout
/// `dropout`, with a `load(path)` helper and a `__main__` that loads `model.json` (or the
/// path given) and prints the parameter count. `settings` (the run's query) is quoted in
/// the docstring so the file says where it came from.
pub fn pytorch_module(spec: &ModelSpec, tokens: bool, dropout: f32, settings: &str) -> String {
    let mut py = String::new();
    let _ = writeln!(
        py,
        "\"\"\"PyTorch twin of an rnn-playground network, with its weights in model.json.\n\n\
         Playground settings: {}\n\n\
         Usage: python3 model.py [model.json]  (needs torch)\n\"\"\"",
        settings
            .replace('\\', "\\\\")
            .replace("\"\"\"", "\\\"\\\"\\\"")
    );
    py.push_str("import json\nimport sys\n\nimport torch\nimport torch.nn as nn\n");
    if spec.embed == 0 && tokens {
        py.push_str("import torch.nn.functional as F\n");
    }
    let _ = writeln!(py, "\nDROPOUT = {}\n", python_float(dropout));
    py.push_str("\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n");
    let rnn_input = if spec.embed > 0 {
        let _ = writeln!(
            py,
            "        # token ids -> {} learned features (vocabulary {})\n        self.embed = nn.Embedding({}, {})",
            spec.embed, spec.input_size, spec.input_size, spec.embed
        );
        spec.embed
    } else {
        spec.input_size
    };
    if spec.num_layers > 1 {
        py.push_str("        # dropout between stacked layers (train mode only)\n");
    }
    let _ = writeln!(
        py,
        "        self.rnn = {}",
        recurrent_constructor(spec, rnn_input)
    );
    let _ = writeln!(
        py,
        "        self.drop = nn.Dropout(DROPOUT)  # on the last layer's outputs, before the head\n        self.head = nn.Linear({}, {})",
        spec.hidden_size, spec.output_size
    );
    py.push_str(&forward_method(spec, tokens));
    py.push_str(LOADER);
    py
}

fn recurrent_constructor(spec: &ModelSpec, input: usize) -> String {
    let (class, extra) = match spec.cell {
        CellKind::RnnTanh => ("nn.RNN", ", nonlinearity=\"tanh\""),
        CellKind::RnnRelu => ("nn.RNN", ", nonlinearity=\"relu\""),
        CellKind::Lstm => ("nn.LSTM", ""),
        CellKind::Gru => ("nn.GRU", ""),
    };
    // PyTorch warns about inter-layer dropout on a single layer, where it does nothing.
    let dropout = if spec.num_layers > 1 {
        ", dropout=DROPOUT"
    } else {
        ""
    };
    format!(
        "{class}({input}, {}, num_layers={}{extra}, batch_first=True{dropout})",
        spec.hidden_size, spec.num_layers
    )
}

fn forward_method(spec: &ModelSpec, tokens: bool) -> String {
    let mut py = String::new();
    let input_doc = if tokens {
        "token ids [batch, steps] (int64)".to_string()
    } else {
        format!("[batch, steps, {}] floats", spec.input_size)
    };
    let _ = writeln!(py, "\n    def forward(self, x):\n        # x: {input_doc}");
    if spec.embed > 0 {
        py.push_str("        x = self.embed(x)\n");
    } else if tokens {
        let _ = writeln!(py, "        x = F.one_hot(x, {}).float()", spec.input_size);
    }
    py.push_str(
        "        seq, _ = self.rnn(x)  # zero initial state\n        seq = self.drop(seq)\n",
    );
    if spec.readout == Readout::LastStep {
        py.push_str("        seq = seq[:, -1, :]  # the head reads the last step only\n");
    }
    let _ = writeln!(
        py,
        "        return self.head(seq)  # {}",
        match (spec.readout, spec.loss) {
            (Readout::AllSteps, LossKind::Mse) => "next value at every step (MSE)",
            (Readout::AllSteps, _) => "logits of the next token at every step (cross-entropy)",
            (Readout::LastStep, LossKind::Mse) => "one value per sequence (MSE)",
            (Readout::LastStep, _) => "class logits per sequence (cross-entropy)",
        }
    );
    py
}

/// Python's spelling of an f32 (`0.3`, `0.0`).
fn python_float(value: f32) -> String {
    let text = format!("{value:?}");
    if text.contains(['.', 'e', 'E']) {
        text
    } else {
        format!("{text}.0")
    }
}

const LOADER: &str = r#"

def load(path="model.json"):
    """The network with the weights of the state_dict JSON at `path` (strict: every name
    and shape must match)."""
    with open(path) as f:
        state = {k: torch.tensor(v, dtype=torch.float32) for k, v in json.load(f).items()}
    net = Net()
    net.load_state_dict(state)
    return net.eval()


if __name__ == "__main__":
    net = load(sys.argv[1] if len(sys.argv) > 1 else "model.json")
    print(net)
    print(sum(p.numel() for p in net.parameters()), "parameters loaded")
"#;
