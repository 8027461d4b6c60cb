//! What goes into a network and what it is scored against.
//!
//! A *position* is one place where the head produces an output: every (sequence, step)
//! for [`Readout::AllSteps`](super::Readout::AllSteps), one per sequence for
//! [`Readout::LastStep`](super::Readout::LastStep). Targets are stored flat by position,
//! row `b * T + t` (all steps) or `b` (last step), the same order as the head's output.

use ndarray::{Array2, Array3, Axis};

/// A batch (or a whole data set) of input sequences.
#[derive(Clone, Debug, PartialEq)]
pub enum Inputs {
    /// Real-valued vectors, shape `[B, T, input_size]`.
    Dense(Array3<f32>),
    /// Token ids, shape `[B, T]`; the network one-hot encodes them over `input_size` classes.
    Tokens(Array2<u32>),
}

impl Inputs {
    pub fn num_sequences(&self) -> usize {
        match self {
            Inputs::Dense(x) => x.shape()[0],
            Inputs::Tokens(x) => x.shape()[0],
        }
    }

    pub fn seq_len(&self) -> usize {
        match self {
            Inputs::Dense(x) => x.shape()[1],
            Inputs::Tokens(x) => x.shape()[1],
        }
    }

    /// The sequences at `rows`, in that order.
    pub fn gather(&self, rows: &[usize]) -> Inputs {
        match self {
            Inputs::Dense(x) => Inputs::Dense(x.select(Axis(0), rows)),
            Inputs::Tokens(x) => Inputs::Tokens(x.select(Axis(0), rows)),
        }
    }
}

/// Targets, flat by position (see the module docs).
#[derive(Clone, Debug, PartialEq)]
pub enum Targets {
    /// Regression targets, shape `[positions, output_size]` (mean squared error).
    Values(Array2<f32>),
    /// Class indices, one per position (softmax cross-entropy).
    Classes(Vec<u32>),
}

impl Targets {
    pub fn num_positions(&self) -> usize {
        match self {
            Targets::Values(y) => y.shape()[0],
            Targets::Classes(y) => y.len(),
        }
    }

    /// The targets of sequences `rows`, where each sequence owns `positions_per_seq`
    /// consecutive positions (T for all-steps readout, 1 for last-step).
    pub fn gather(&self, rows: &[usize], positions_per_seq: usize) -> Targets {
        let positions: Vec<usize> = rows
            .iter()
            .flat_map(|&r| (r * positions_per_seq)..((r + 1) * positions_per_seq))
            .collect();
        match self {
            Targets::Values(y) => Targets::Values(y.select(Axis(0), &positions)),
            Targets::Classes(y) => Targets::Classes(positions.iter().map(|&p| y[p]).collect()),
        }
    }
}

/// Inputs with their targets: a training set, a validation set or a mini-batch.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    pub inputs: Inputs,
    pub targets: Targets,
}

impl Dataset {
    pub fn len(&self) -> usize {
        self.inputs.num_sequences()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Positions each sequence contributes to the loss (T or 1).
    pub fn positions_per_seq(&self) -> usize {
        let n = self.len().max(1);
        self.targets.num_positions() / n
    }

    /// The sequences at `rows`, with their targets.
    pub fn gather(&self, rows: &[usize]) -> Dataset {
        Dataset {
            inputs: self.inputs.gather(rows),
            targets: self.targets.gather(rows, self.positions_per_seq()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn gather_keeps_inputs_and_targets_aligned() {
        // 3 sequences of 2 steps, targets at every step.
        let inputs = Inputs::Tokens(array![[0, 1], [2, 3], [4, 5]]);
        let targets = Targets::Classes(vec![10, 11, 12, 13, 14, 15]);
        let data = Dataset { inputs, targets };
        let picked = data.gather(&[2, 0]);
        assert_eq!(picked.inputs, Inputs::Tokens(array![[4, 5], [0, 1]]));
        assert_eq!(picked.targets, Targets::Classes(vec![14, 15, 10, 11]));
        assert_eq!(picked.positions_per_seq(), 2);
    }
}
