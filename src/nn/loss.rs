//! Losses on the head's outputs and their gradients.
//!
//! The head's rows are time-major inside the network (row `t * B + b`) while targets are
//! stored by position (`b * T + t`); [`RowOrder`] maps one to the other, so neither the
//! outputs nor the targets are ever copied into the other order.

use super::activation::exp;
use super::Readout;

/// Which target position a head row belongs to.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RowOrder {
    pub readout: Readout,
    /// Sequences in this chunk.
    pub batch: usize,
    pub steps: usize,
    /// Index, in the whole data set, of the chunk's first sequence.
    pub first_sequence: usize,
}

impl RowOrder {
    pub fn rows(&self) -> usize {
        match self.readout {
            Readout::AllSteps => self.batch * self.steps,
            Readout::LastStep => self.batch,
        }
    }

    /// The target position (in the whole data set) of head row `row`.
    pub fn position(&self, row: usize) -> usize {
        match self.readout {
            Readout::AllSteps => {
                let (t, b) = (row / self.batch, row % self.batch);
                (self.first_sequence + b) * self.steps + t
            }
            Readout::LastStep => self.first_sequence + row,
        }
    }
}

/// Sums over a chunk, so chunks can be combined before dividing.
#[derive(Clone, Copy, Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct LossSums {
    /// Sum of squared errors (MSE) or of negative log-likelihoods (CE), in f64.
    pub total: f64,
    /// Positions whose argmax equals the target (CE only).
    pub correct: usize,
}

/// Squared error of `outputs [rows, O]` against `targets [positions, O]`.
/// With `d_outputs`, also writes `grad_scale * 2 (y - target)` there; pass
/// `grad_scale = 1 / (positions * O)` for the gradient of the mean.
pub(crate) fn squared_error(
    outputs: &[f32],
    width: usize,
    targets: &ndarray::Array2<f32>,
    order: RowOrder,
    grad_scale: f32,
    mut d_outputs: Option<&mut [f32]>,
) -> LossSums {
    let mut total = 0.0f64;
    for (row, y) in outputs.chunks_exact(width).take(order.rows()).enumerate() {
        let target = targets.row(order.position(row));
        for (j, (&y, &want)) in y.iter().zip(target.iter()).enumerate() {
            let diff = y - want;
            total += (diff as f64) * (diff as f64);
            if let Some(d) = d_outputs.as_deref_mut() {
                d[row * width + j] = 2.0 * diff * grad_scale;
            }
        }
    }
    LossSums { total, correct: 0 }
}

/// Softmax cross-entropy of logits `outputs [rows, O]` against class indices, and the
/// count of rows whose argmax is the target. With `d_outputs`, writes
/// `grad_scale * (softmax - one_hot)`; pass `grad_scale = 1 / positions` for the mean.
pub(crate) fn cross_entropy(
    outputs: &[f32],
    width: usize,
    classes: &[u32],
    order: RowOrder,
    grad_scale: f32,
    mut d_outputs: Option<&mut [f32]>,
) -> LossSums {
    let mut sums = LossSums::default();
    for (row, logits) in outputs.chunks_exact(width).take(order.rows()).enumerate() {
        let target = classes[order.position(row)] as usize;
        // Argmax (first maximum, like torch.argmax) doubles as the shift for a stable softmax.
        let mut best = 0;
        for (j, &v) in logits.iter().enumerate() {
            if v > logits[best] {
                best = j;
            }
        }
        let max = logits[best];
        // f32 exponentials (vectorisable; libm's f64 exp is slow in wasm), summed in f64.
        let sum_exp: f64 = logits.iter().map(|&v| exp(v - max) as f64).sum();
        let log_sum_exp = max as f64 + sum_exp.ln();
        sums.total += log_sum_exp - logits[target] as f64;
        if best == target {
            sums.correct += 1;
        }
        if let Some(d) = d_outputs.as_deref_mut() {
            let d_row = &mut d[row * width..(row + 1) * width];
            let inv_sum = (1.0 / sum_exp) as f32;
            for (j, (dv, &v)) in d_row.iter_mut().zip(logits).enumerate() {
                let p = exp(v - max) * inv_sum;
                let one_hot = if j == target { 1.0 } else { 0.0 };
                *dv = (p - one_hot) * grad_scale;
            }
        }
    }
    sums
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    fn order(readout: Readout, batch: usize, steps: usize, first_sequence: usize) -> RowOrder {
        RowOrder {
            readout,
            batch,
            steps,
            first_sequence,
        }
    }

    #[test]
    fn rows_map_to_positions_in_both_readouts() {
        let all = order(Readout::AllSteps, 2, 3, 4);
        // row t*B + b -> position (4 + b) * 3 + t
        assert_eq!(all.rows(), 6);
        assert_eq!(all.position(0), 12);
        assert_eq!(all.position(1), 15);
        assert_eq!(all.position(5), 17);
        let last = order(Readout::LastStep, 2, 3, 4);
        assert_eq!(last.rows(), 2);
        assert_eq!(last.position(1), 5);
    }

    #[test]
    fn cross_entropy_of_known_logits() {
        let order = order(Readout::LastStep, 2, 1, 0);
        let logits = [0.0, 0.0, 2.0, 1.0];
        let mut d = [0.0; 4];
        let sums = cross_entropy(&logits, 2, &[1, 1], order, 0.5, Some(&mut d));
        let want = (2.0f64.ln()) + (1.0 + (-1.0f64).exp()).ln() + 1.0;
        assert!((sums.total - want).abs() < 1e-6, "{} vs {want}", sums.total);
        assert_eq!(sums.correct, 0); // first row ties (argmax 0), second row picks class 0
        assert!((d[0] - 0.25).abs() < 1e-6 && (d[1] + 0.25).abs() < 1e-6);
        let p0 = 1.0 / (1.0 + (-1.0f32).exp());
        assert!((d[2] - 0.5 * p0).abs() < 1e-6 && (d[3] - 0.5 * (1.0 - p0 - 1.0)).abs() < 1e-6);
    }

    #[test]
    fn squared_error_reads_targets_by_position() {
        // 2 sequences x 2 steps, time-major rows: (t0,b0) (t0,b1) (t1,b0) (t1,b1)
        let order = order(Readout::AllSteps, 2, 2, 0);
        let outputs = [1.0, 3.0, 2.0, 4.0];
        let targets = array![[1.0], [2.0], [3.0], [4.0]]; // positions b*T+t
        let sums = squared_error(&outputs, 1, &targets, order, 1.0, None);
        assert_eq!(sums.total, 0.0);
    }
}
