//! A small seeded random number generator.
//!
//! We carry our own (xoshiro128++ seeded by SplitMix64) instead of `rand` so that a
//! seed gives bit-identical runs natively and in wasm, with no OS entropy involved.

/// Deterministic generator: the same seed gives the same stream on every platform.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Rng {
    state: [u32; 4],
}

impl Rng {
    pub fn new(seed: u64) -> Self {
        let mut sm = seed;
        let mut next = || {
            sm = sm.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = sm;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        let a = next();
        let b = next();
        let mut state = [a as u32, (a >> 32) as u32, b as u32, (b >> 32) as u32];
        if state == [0; 4] {
            state[0] = 1; // the all-zero state is a fixed point of xoshiro
        }
        Rng { state }
    }

    /// A new generator whose stream is independent of this one's, for a named purpose
    /// (data, init, dropout, shuffling), so changing one never shifts the others.
    pub fn fork(&mut self, stream: u64) -> Rng {
        let base = ((self.next_u32() as u64) << 32) | self.next_u32() as u64;
        Rng::new(base ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03))
    }

    pub fn next_u32(&mut self) -> u32 {
        let s = &mut self.state;
        let result = s[0].wrapping_add(s[3]).rotate_left(7).wrapping_add(s[0]);
        let t = s[1] << 9;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(11);
        result
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f32 {
        (self.next_u32() >> 8) as f32 * (1.0 / (1u32 << 24) as f32)
    }

    /// Uniform in [low, high).
    pub fn uniform_range(&mut self, low: f32, high: f32) -> f32 {
        low + (high - low) * self.uniform()
    }

    /// Uniform integer in [0, n). `n` must be positive.
    pub fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        ((self.next_u32() as u64 * n as u64) >> 32) as usize
    }

    /// Standard normal sample (Box-Muller).
    pub fn normal(&mut self) -> f32 {
        let u1 = (self.uniform() as f64).max(1e-12);
        let u2 = self.uniform() as f64;
        ((-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()) as f32
    }

    /// True with probability `p`.
    pub fn bernoulli(&mut self, p: f32) -> bool {
        self.uniform() < p
    }

    /// Fisher-Yates shuffle in place.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream_and_different_seed_differs() {
        let a: Vec<u32> = (0..8)
            .map({
                let mut r = Rng::new(7);
                move |_| r.next_u32()
            })
            .collect();
        let b: Vec<u32> = (0..8)
            .map({
                let mut r = Rng::new(7);
                move |_| r.next_u32()
            })
            .collect();
        let c: Vec<u32> = (0..8)
            .map({
                let mut r = Rng::new(8);
                move |_| r.next_u32()
            })
            .collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn uniform_and_normal_have_the_right_moments() {
        let mut r = Rng::new(1);
        let n = 100_000;
        let mut sum_u = 0.0f64;
        let (mut sum_n, mut sum_n2) = (0.0f64, 0.0f64);
        for _ in 0..n {
            let u = r.uniform();
            assert!((0.0..1.0).contains(&u));
            sum_u += u as f64;
            let z = r.normal() as f64;
            sum_n += z;
            sum_n2 += z * z;
        }
        assert!((sum_u / n as f64 - 0.5).abs() < 0.01);
        assert!((sum_n / n as f64).abs() < 0.02);
        assert!((sum_n2 / n as f64 - 1.0).abs() < 0.03);
    }

    #[test]
    fn below_stays_in_range() {
        let mut r = Rng::new(3);
        let mut seen = [false; 5];
        for _ in 0..1000 {
            let k = r.below(5);
            seen[k] = true;
        }
        assert!(seen.iter().all(|&s| s));
    }
}
