//! Inter-layer dropout as in `nn.LSTM(..., dropout=p)`: on the outputs of every layer but
//! the last, a fresh mask for every element of every step, survivors scaled by 1/(1-p) so
//! the expected value is unchanged; nothing in evaluation.

use crate::rng::Rng;

/// The probability actually used: a non-finite or non-positive `p` means no dropout, and
/// `p >= 1` drops everything (PyTorch's result for p = 1).
pub(crate) fn effective_rate(p: f32) -> Option<f32> {
    if p.is_finite() && p > 0.0 {
        Some(p.min(1.0))
    } else {
        None
    }
}

/// Fill `mask` with 0 (dropped, probability p) or 1/(1-p) (kept).
pub(crate) fn sample_mask(p: f32, rng: &mut Rng, mask: &mut [f32]) {
    let keep_scale = if p < 1.0 { 1.0 / (1.0 - p) } else { 0.0 };
    for m in mask.iter_mut() {
        *m = if rng.bernoulli(p) { 0.0 } else { keep_scale };
    }
}

/// `out = x ⊙ mask`; also the backward pass (d x = d out ⊙ mask).
pub(crate) fn apply_mask(x: &[f32], mask: &[f32], out: &mut [f32]) {
    for ((o, &v), &m) in out.iter_mut().zip(x).zip(mask) {
        *o = v * m;
    }
}

/// `d ⊙= mask`, in place.
pub(crate) fn mask_in_place(d: &mut [f32], mask: &[f32]) {
    for (v, &m) in d.iter_mut().zip(mask) {
        *v *= m;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_drops_about_p_and_keeps_the_mean() {
        let mut rng = Rng::new(5);
        let mut mask = vec![0.0; 100_000];
        sample_mask(0.3, &mut rng, &mut mask);
        let dropped = mask.iter().filter(|&&m| m == 0.0).count() as f64 / mask.len() as f64;
        let mean = mask.iter().map(|&m| m as f64).sum::<f64>() / mask.len() as f64;
        assert!((dropped - 0.3).abs() < 0.01, "dropped fraction {dropped}");
        assert!((mean - 1.0).abs() < 0.02, "mean scale {mean}");
        assert!(mask
            .iter()
            .all(|&m| m == 0.0 || (m - 1.0 / 0.7).abs() < 1e-6));
    }

    #[test]
    fn odd_rates_are_made_safe() {
        assert_eq!(effective_rate(0.0), None);
        assert_eq!(effective_rate(f32::NAN), None);
        assert_eq!(effective_rate(-0.5), None);
        assert_eq!(effective_rate(1.5), Some(1.0));
        let mut mask = vec![1.0; 10];
        sample_mask(1.0, &mut Rng::new(1), &mut mask);
        assert!(mask.iter().all(|&m| m == 0.0));
    }
}
