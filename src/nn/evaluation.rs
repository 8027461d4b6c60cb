//! Evaluation that can stop between chunks: a large validation set at a large model takes
//! seconds, and a browser worker must answer Pause and Reset in between.

use std::ops::Range;

use super::loss::LossSums;
use super::{BatchScore, Dataset, Network, NnError};

/// An evaluation in progress over one data set: the chunks left and the sums so far.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Evaluation {
    chunks: Vec<Range<usize>>,
    next: usize,
    sums: LossSums,
    positions: usize,
}

impl Evaluation {
    /// Chunks done and chunks in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.chunks.len())
    }

    /// Whether this (saved) evaluation can go on over the data `fresh` was begun with: the
    /// same chunks, and no further along than their end.
    pub fn continues(&self, fresh: &Evaluation) -> bool {
        self.chunks == fresh.chunks && self.next <= self.chunks.len()
    }
}

impl Network {
    /// Starts an eval-mode pass over `data` (no dropout, no gradients); an error when the
    /// data does not fit the model. Advance it with [`Network::continue_evaluation`].
    pub fn begin_evaluation(&self, data: &Dataset) -> Result<Evaluation, NnError> {
        self.check_dataset(data)?;
        Ok(Evaluation {
            chunks: self.eval_chunks(&data.inputs),
            next: 0,
            sums: LossSums::default(),
            positions: 0,
        })
    }

    /// Evaluates the next chunk of `data` (the data `evaluation` was begun with); returns
    /// the score once every chunk is done.
    pub fn continue_evaluation(
        &mut self,
        data: &Dataset,
        evaluation: &mut Evaluation,
    ) -> Option<BatchScore> {
        if let Some(chunk) = evaluation.chunks.get(evaluation.next).cloned() {
            evaluation.next += 1;
            let first = chunk.start;
            let pass = self.forward(&data.inputs, chunk, None);
            let order = self.row_order(pass.batch, pass.steps, first);
            let part = self.score(&data.targets, order, 1, false);
            evaluation.sums.total += part.total;
            evaluation.sums.correct += part.correct;
            evaluation.positions += order.rows();
        }
        (evaluation.next >= evaluation.chunks.len())
            .then(|| self.mean_score(evaluation.sums, evaluation.positions))
    }

    /// Eval mode (no dropout, no gradients) over a whole data set, in chunks; an error when
    /// the data does not fit the model.
    pub fn evaluate(&mut self, data: &Dataset) -> Result<BatchScore, NnError> {
        let mut evaluation = self.begin_evaluation(data)?;
        loop {
            if let Some(score) = self.continue_evaluation(data, &mut evaluation) {
                return Ok(score);
            }
        }
    }
}
