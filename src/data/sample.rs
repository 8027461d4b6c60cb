//! Sampling text from a character model: softmax with a temperature, one character at a
//! time, each fed back as the next input.
//!
//! The temperature divides the logits before the softmax: below 1 the likeliest characters
//! win more often (safe, repetitive text), above 1 the distribution flattens (adventurous
//! text with more spelling mistakes). At [`GREEDY_BELOW`] and under, the likeliest character
//! is taken every time.

use crate::nn::{Network, NnError};
use crate::rng::Rng;

/// Temperatures up to this pick the most likely character (no randomness).
pub const GREEDY_BELOW: f32 = 0.01;
/// Largest temperature accepted; higher values are clamped (the text is noise long before).
pub const MAX_TEMPERATURE: f32 = 5.0;

/// `softmax(logits / temperature)` into `out` (resized to `logits.len()`). A non-finite
/// temperature counts as 1; greedy temperatures put all the mass on the largest logit.
pub fn softmax_with_temperature(logits: &[f32], temperature: f32, out: &mut Vec<f32>) {
    out.clear();
    out.resize(logits.len(), 0.0);
    if logits.is_empty() {
        return;
    }
    let temperature = if temperature.is_finite() {
        temperature.min(MAX_TEMPERATURE)
    } else {
        1.0
    };
    let best = argmax(logits);
    if temperature <= GREEDY_BELOW {
        out[best] = 1.0;
        return;
    }
    let top = logits[best];
    let mut total = 0.0f64;
    for (p, &z) in out.iter_mut().zip(logits) {
        // Shifted by the largest logit so exp never overflows.
        *p = ((z - top) / temperature).exp();
        total += f64::from(*p);
    }
    if !(total.is_finite() && total > 0.0) {
        out.fill(0.0);
        out[best] = 1.0;
        return;
    }
    out.iter_mut()
        .for_each(|p| *p = (f64::from(*p) / total) as f32);
}

/// Index of the largest value (the first one on ties; NaNs never win).
pub fn argmax(values: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in values.iter().enumerate() {
        if v > values[best] || values[best].is_nan() {
            best = i;
        }
    }
    best
}

/// An index drawn with probability `probs[i]` (which sum to about 1).
pub fn draw(probs: &[f32], rng: &mut Rng) -> usize {
    let mut u = rng.uniform();
    for (i, &p) in probs.iter().enumerate() {
        if u < p {
            return i;
        }
        u -= p;
    }
    // Rounding left a sliver of mass: it belongs to the last likely index.
    probs.iter().rposition(|&p| p > 0.0).unwrap_or(0)
}

/// Cross-entropy in nats of `logits` against class `target`: `-log softmax(logits)[target]`.
pub fn cross_entropy_nats(logits: &[f32], target: usize) -> f32 {
    let Some(&z) = logits.get(target) else {
        return f32::NAN;
    };
    let top = logits[argmax(logits)];
    let total: f64 = logits.iter().map(|&v| f64::from(v - top).exp()).sum();
    (total.ln() - f64::from(z - top)) as f32
}

/// Feeds `prompt` (token ids, at least one) to the network from its zero state, then draws
/// `length` more tokens at `temperature`, each fed back as the next input. Returns only
/// the drawn tokens.
pub fn generate(
    network: &Network,
    prompt: &[u32],
    length: usize,
    temperature: f32,
    rng: &mut Rng,
) -> Result<Vec<u32>, NnError> {
    let Some((&last, context)) = prompt.split_last() else {
        return Err(NnError::data("nn.data.no_prompt", &[]));
    };
    let mut stepper = network.stepper();
    for &token in context {
        stepper.step_token(token)?;
    }
    let mut probs = Vec::new();
    let mut drawn = Vec::with_capacity(length);
    let mut next = last;
    for _ in 0..length {
        let logits = stepper.step_token(next)?;
        softmax_with_temperature(logits, temperature, &mut probs);
        next = draw(&probs, rng) as u32;
        drawn.push(next);
    }
    Ok(drawn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temperature_sharpens_and_flattens() {
        let logits = [2.0, 1.0, 0.0];
        let (mut cold, mut warm, mut hot) = (Vec::new(), Vec::new(), Vec::new());
        softmax_with_temperature(&logits, 0.5, &mut cold);
        softmax_with_temperature(&logits, 1.0, &mut warm);
        softmax_with_temperature(&logits, 2.0, &mut hot);
        // At T = 1 it is the plain softmax.
        let e: Vec<f32> = logits.iter().map(|z: &f32| z.exp()).collect();
        let sum: f32 = e.iter().sum();
        assert!((warm[0] - e[0] / sum).abs() < 1e-6);
        assert!(cold[0] > warm[0] && warm[0] > hot[0]);
        for p in [&cold, &warm, &hot] {
            assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-5);
        }
    }

    #[test]
    fn greedy_and_broken_temperatures_are_safe() {
        let mut p = Vec::new();
        softmax_with_temperature(&[0.1, 3.0, 2.9], 0.0, &mut p);
        assert_eq!(p, vec![0.0, 1.0, 0.0]);
        softmax_with_temperature(&[0.0, 0.0], f32::NAN, &mut p);
        assert_eq!(p, vec![0.5, 0.5]);
        softmax_with_temperature(&[1e30, -1e30], 1e-3, &mut p);
        assert_eq!(p, vec![1.0, 0.0]);
    }

    #[test]
    fn draws_follow_the_probabilities() {
        let mut rng = Rng::new(7);
        let probs = [0.2, 0.0, 0.8];
        let mut counts = [0usize; 3];
        for _ in 0..10_000 {
            counts[draw(&probs, &mut rng)] += 1;
        }
        assert_eq!(counts[1], 0);
        assert!(
            (counts[2] as f32 / 10_000.0 - 0.8).abs() < 0.02,
            "{counts:?}"
        );
    }

    #[test]
    fn cross_entropy_matches_the_definition() {
        let logits = [1.0f32, 2.0, 3.0];
        let sum: f32 = logits.iter().map(|z| z.exp()).sum();
        let expected = -(logits[0].exp() / sum).ln();
        assert!((cross_entropy_nats(&logits, 0) - expected).abs() < 1e-5);
        assert!(cross_entropy_nats(&logits, 5).is_nan());
    }
}
