//! What one training step costs, counted in nominal matrix-product flops. The page uses it to
//! warn before starting a model whose steps would take seconds; the benchmarks to turn
//! steps per second into GFLOP/s.

use super::{ModelSpec, Readout};

impl ModelSpec {
    /// Matrix-product flops (2 per multiply-add) of one forward and backward pass over
    /// `batch` sequences of `seq_len` steps. With `tokens`, the first layer's input product
    /// is a row lookup (one-hot), or a product with the embedding's `embed` features.
    pub fn flops_per_step(&self, batch: usize, seq_len: usize, tokens: bool) -> f64 {
        let h = self.hidden_size as f64;
        let gh = (self.cell.gate_count() * self.hidden_size) as f64;
        let rows = (batch * seq_len) as f64;
        let mut total = 0.0;
        for layer in 0..self.num_layers {
            let input = match (layer, tokens) {
                (0, true) => self.embed as f64,
                (0, false) => self.input_size as f64,
                _ => h,
            };
            total += 2.0 * rows * input * gh + 2.0 * rows * h * gh; // forward
            total += 2.0 * 2.0 * rows * gh * h + 2.0 * rows * gh * input; // d h_{t-1}, dW_hh, dW_ih
            if layer > 0 {
                total += 2.0 * rows * gh * input; // d input
            }
        }
        let head_rows = match self.readout {
            Readout::AllSteps => rows,
            Readout::LastStep => batch as f64,
        };
        total + 3.0 * 2.0 * head_rows * h * self.output_size as f64
    }
}
