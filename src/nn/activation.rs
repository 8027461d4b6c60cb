//! Sigmoid and tanh that the compiler can vectorise.
//!
//! `f32::exp` and `f32::tanh` are calls into libm, one element at a time; a training step
//! of an LSTM evaluates millions of them. These versions use only multiply, add, divide,
//! compare and integer bit tricks, so loops over slices become SSE2 code natively and
//! simd128 code in wasm. They stay within a few units in the last place of the libm results
//! (see the tests), far inside what the PyTorch conformance fixtures require.

const LOG2_E: f32 = std::f32::consts::LOG2_E;
/// ln 2 split in a part exact in f32 and a small remainder (Cody-Waite range reduction).
const LN2_HI: f32 = 0.693_359_4;
const LN2_LO: f32 = -2.121_944_4e-4;
/// Adding 1.5 * 2^23 rounds an f32 of magnitude < 2^22 to the nearest integer, and leaves
/// that integer in the low mantissa bits.
const ROUNDING_MAGIC: f32 = 12_582_912.0;

/// e^x for f32, accurate to about 1 ulp; inputs are clamped to the range where e^x is a
/// normal f32 (about [-87.3, 88.3]).
#[inline(always)]
pub fn exp(x: f32) -> f32 {
    let x = x.clamp(-87.3, 88.3);
    // x = n ln2 + r with |r| <= ln2 / 2, so e^x = 2^n e^r.
    let shifted = x * LOG2_E + ROUNDING_MAGIC;
    let n = shifted - ROUNDING_MAGIC;
    let n_bits = (shifted.to_bits() as i32).wrapping_sub(ROUNDING_MAGIC.to_bits() as i32);
    let r = x - n * LN2_HI - n * LN2_LO;
    // Polynomial for e^r on the reduced range (Cephes expf coefficients).
    let p = ((((1.987_569_2e-4 * r + 1.398_199_9e-3) * r + 8.333_452e-3) * r + 4.166_579_6e-2) * r
        + 1.666_666_5e-1)
        * r
        + 0.5;
    let e_r = p * r * r + r + 1.0;
    let two_to_n = f32::from_bits(((n_bits + 127) << 23) as u32);
    e_r * two_to_n
}

/// Logistic sigmoid 1 / (1 + e^-x).
#[inline(always)]
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + exp(-x))
}

/// Hyperbolic tangent. Near zero `1 - 2 / (e^2x + 1)` would cancel, so small inputs use an
/// odd polynomial instead (Cephes tanhf); both are computed and one is selected, which keeps
/// the function branch-free for vectorisation.
#[inline(always)]
pub fn tanh(x: f32) -> f32 {
    let z = x * x;
    let small = x + x
        * z
        * ((((-5.704_988_7e-3 * z + 2.063_909e-2) * z - 5.373_971_6e-2) * z + 1.333_144_2e-1) * z
            - 3.333_328e-1);
    let large = 1.0 - 2.0 / (exp(2.0 * x) + 1.0);
    if x.abs() < 0.625 {
        small
    } else {
        large
    }
}

/// Rectified linear unit.
#[inline(always)]
pub fn relu(x: f32) -> f32 {
    if x > 0.0 {
        x
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> impl Iterator<Item = f32> {
        (-20_000..=20_000).map(|i| i as f32 * 1e-3)
    }

    #[test]
    fn exp_matches_libm_to_a_few_ulps() {
        for x in (-8700..=8830).map(|i| i as f32 * 1e-2) {
            let (got, want) = (exp(x), x.exp());
            assert!(
                ((got - want) / want).abs() < 4e-7,
                "exp({x}) = {got}, libm {want}"
            );
        }
    }

    #[test]
    fn sigmoid_and_tanh_match_libm() {
        for x in grid() {
            let want_sig = 1.0 / (1.0 + (-x as f64).exp());
            assert!((sigmoid(x) as f64 - want_sig).abs() < 2e-7, "sigmoid({x})");
            let want_tanh = (x as f64).tanh();
            let err = (tanh(x) as f64 - want_tanh).abs();
            assert!(
                err < 2e-7 && err <= 4e-7 * want_tanh.abs() + 1e-30,
                "tanh({x}) err {err}"
            );
        }
        assert_eq!(tanh(0.0), 0.0);
        assert_eq!(tanh(100.0), 1.0);
        assert_eq!(tanh(-100.0), -1.0);
        assert!(sigmoid(200.0) == 1.0 && sigmoid(-200.0) < 1e-37);
    }

    #[test]
    fn relu_clips_negatives() {
        assert_eq!(relu(-2.0), 0.0);
        assert_eq!(relu(3.5), 3.5);
    }
}
