//! Thinning long series so a redraw costs the same at any history length.

use std::borrow::Cow;

/// Reduce `points` to at most `max_points`, keeping the shape a reader cares about.
///
/// The first and last points are always kept (the start of training and the latest epoch).
/// The points between are split into equal index buckets and each bucket keeps its minimum
/// and its maximum, in their original order, so spikes and the global extremes survive
/// (with `max_points >= 4`; a budget of 2 or 3 keeps only the endpoints, 1 only the last).
/// Non-finite points are dropped. Series no longer than `max_points` come back unchanged.
pub fn decimate(points: &[(f32, f32)], max_points: usize) -> Vec<(f32, f32)> {
    let is_finite = |p: &(f32, f32)| p.0.is_finite() && p.1.is_finite();
    // Histories are finite in practice; copy only when something must be dropped.
    let finite: Cow<[(f32, f32)]> = if points.iter().all(is_finite) {
        Cow::Borrowed(points)
    } else {
        Cow::Owned(points.iter().copied().filter(is_finite).collect())
    };
    let n = finite.len();
    if n <= max_points {
        return finite.into_owned();
    }
    match max_points {
        0 => return Vec::new(),
        1 => return vec![finite[n - 1]],
        2 | 3 => return vec![finite[0], finite[n - 1]],
        _ => {}
    }

    let interior = &finite[1..n - 1];
    let buckets = (max_points - 2) / 2;
    let mut kept = Vec::with_capacity(2 + 2 * buckets);
    kept.push(finite[0]);
    for bucket in 0..buckets {
        let start = bucket * interior.len() / buckets;
        let end = (bucket + 1) * interior.len() / buckets;
        if start == end {
            continue;
        }
        let (mut low, mut high) = (start, start);
        for i in start..end {
            if interior[i].1 < interior[low].1 {
                low = i;
            }
            if interior[i].1 > interior[high].1 {
                high = i;
            }
        }
        let (first, second) = if low <= high {
            (low, high)
        } else {
            (high, low)
        };
        kept.push(interior[first]);
        if second != first {
            kept.push(interior[second]);
        }
    }
    kept.push(finite[n - 1]);
    kept
}
