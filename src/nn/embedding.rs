//! The input embedding (`nn.Embedding(vocab, embed)`): token id `i` becomes row `i` of
//! `embed.weight`, which the first recurrent layer then reads as a dense input.

use super::param::Param;
use crate::rng::Rng;
use ndarray::{Array2, Ix2};

#[derive(Clone, Debug)]
pub(crate) struct Embedding {
    /// `embed.weight`: `[vocab, embed]`
    pub weight: Param<Ix2>,
}

impl Embedding {
    /// PyTorch's default init for `nn.Embedding`: every entry from N(0, 1).
    pub fn new(vocab: usize, size: usize, rng: &mut Rng) -> Self {
        Embedding {
            weight: Param::new(Array2::from_shape_simple_fn((vocab, size), || rng.normal())),
        }
    }

    pub fn size(&self) -> usize {
        self.weight.value.ncols()
    }

    /// The row of token `id`, `[embed]`.
    pub fn row(&self, id: u32) -> &[f32] {
        let e = self.size();
        &self.weight.values()[id as usize * e..(id as usize + 1) * e]
    }

    /// `out [rows, embed]`: the row of every token, in order.
    pub fn forward(&self, ids: &[u32], out: &mut [f32]) {
        let e = self.size();
        for (&id, o) in ids.iter().zip(out.chunks_exact_mut(e)) {
            o.copy_from_slice(self.row(id));
        }
    }

    /// Store d loss / d weight from `d_out [rows, embed]`: each row adds into the row of the
    /// token that produced it (a token used twice receives both), unused rows get zero.
    pub fn backward(&mut self, ids: &[u32], d_out: &[f32]) {
        let e = self.size();
        let grad = self.weight.grads_mut();
        grad.fill(0.0);
        for (&id, d) in ids.iter().zip(d_out.chunks_exact(e)) {
            let row = &mut grad[id as usize * e..(id as usize + 1) * e];
            for (g, &v) in row.iter_mut().zip(d) {
                *g += v;
            }
        }
    }
}
