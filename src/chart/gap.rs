//! The shaded area between the train and validation curves.
//!
//! Both curves are piecewise linear in the axis' straight-line space (log10 of the loss on a
//! log axis). Wherever they cross, the area splits; each run where one curve stays above the
//! other becomes one simple polygon (no self-intersection, so every backend fills it the
//! same way) and a handful of polygons cover a whole run.

/// One region between the curves.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct GapRegion {
    /// Closed outline in data coordinates: the upper curve left to right, then the lower
    /// curve right to left.
    pub outline: Vec<(f32, f32)>,
    /// True where validation loss is above training loss (the overfitting gap).
    pub val_above: bool,
}

/// Regions between `train` and `val` over the epochs both cover. `to_line` and `from_line`
/// map a loss into and out of the space where the drawn segments are straight.
pub(crate) fn gap_regions(
    train: &[(f32, f32)],
    val: &[(f32, f32)],
    to_line: impl Fn(f64) -> f64,
    from_line: impl Fn(f64) -> f64,
) -> Vec<GapRegion> {
    let (Some(t0), Some(v0), Some(tn), Some(vn)) =
        (train.first(), val.first(), train.last(), val.last())
    else {
        return Vec::new();
    };
    let (start, end) = (t0.0.max(v0.0), tn.0.min(vn.0));
    if start >= end {
        return Vec::new();
    }

    // Every x where either curve bends, inside the shared span.
    let mut xs: Vec<f32> = train
        .iter()
        .chain(val)
        .map(|p| p.0)
        .filter(|&x| x >= start && x <= end)
        .collect();
    xs.sort_by(f32::total_cmp);
    xs.dedup();

    let line = |points: &[(f32, f32)], x: f32| interpolate(points, x, &to_line);
    let mut regions = Vec::new();
    let mut upper: Vec<(f64, f64)> = Vec::new();
    let mut lower: Vec<(f64, f64)> = Vec::new();
    let mut val_above = true;
    // Whether the current region has seen the curves apart yet (they may start equal).
    let mut sign_known = false;
    let mut previous: Option<(f64, f64, f64)> = None; // (x, train, val) in line space

    for &x in &xs {
        let (t, v) = (line(train, x), line(val, x));
        let x = f64::from(x);
        let d = v - t;
        if d != 0.0 && !sign_known {
            val_above = d > 0.0;
            sign_known = true;
        } else if d != 0.0 && (d > 0.0) != val_above {
            // The curves swap order since the previous x: close the region where they meet
            // (the exact crossing, or the previous x if they touched there) and start the
            // next region from that point.
            if let Some((px, pt, pv)) = previous {
                let d_previous = pv - pt;
                let meet = if d_previous * d < 0.0 {
                    let s = d_previous / (d_previous - d);
                    let meet = (px + (x - px) * s, pt + (t - pt) * s);
                    upper.push(meet);
                    meet
                } else {
                    (px, pt)
                };
                finish(&mut regions, &mut upper, &mut lower, val_above, &from_line);
                upper.push(meet);
                lower.push(meet);
            }
            val_above = d > 0.0;
        }
        let (high, low) = if v >= t { (v, t) } else { (t, v) };
        upper.push((x, high));
        lower.push((x, low));
        previous = Some((x, t, v));
    }
    finish(&mut regions, &mut upper, &mut lower, val_above, &from_line);
    regions
}

fn finish(
    regions: &mut Vec<GapRegion>,
    upper: &mut Vec<(f64, f64)>,
    lower: &mut Vec<(f64, f64)>,
    val_above: bool,
    from_line: &impl Fn(f64) -> f64,
) {
    let outline: Vec<(f32, f32)> = upper
        .iter()
        .chain(lower.iter().rev())
        .map(|&(x, y)| (x as f32, from_line(y) as f32))
        .collect();
    // Fewer than three distinct corners encloses nothing.
    if upper.len() + lower.len() >= 3 && outline.iter().all(|p| p.0.is_finite() && p.1.is_finite())
    {
        regions.push(GapRegion { outline, val_above });
    }
    upper.clear();
    lower.clear();
}

/// The curve's height at `x` in line space; `points` sorted by x, `x` within their span.
fn interpolate(points: &[(f32, f32)], x: f32, to_line: &impl Fn(f64) -> f64) -> f64 {
    let after = points.partition_point(|p| p.0 < x);
    if after == 0 {
        return to_line(f64::from(points[0].1));
    }
    if after == points.len() {
        return to_line(f64::from(points[points.len() - 1].1));
    }
    let (a, b) = (points[after - 1], points[after]);
    let (ya, yb) = (to_line(f64::from(a.1)), to_line(f64::from(b.1)));
    if b.0 == a.0 {
        return yb;
    }
    let s = f64::from(x - a.0) / f64::from(b.0 - a.0);
    ya + (yb - ya) * s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn identity(v: f64) -> f64 {
        v
    }

    #[test]
    fn no_overlap_means_no_regions() {
        let train = [(1.0, 1.0), (2.0, 0.5)];
        let val = [(3.0, 1.0), (4.0, 0.8)];
        assert!(gap_regions(&train, &val, identity, identity).is_empty());
    }

    #[test]
    fn one_region_when_validation_stays_above() {
        let train = [(1.0, 1.0), (2.0, 0.5), (3.0, 0.2)];
        let val = [(1.0, 1.2), (2.0, 0.9), (3.0, 1.0)];
        let regions = gap_regions(&train, &val, identity, identity);
        assert_eq!(regions.len(), 1);
        assert!(regions[0].val_above);
        assert_eq!(
            regions[0].outline,
            vec![
                (1.0, 1.2),
                (2.0, 0.9),
                (3.0, 1.0),
                (3.0, 0.2),
                (2.0, 0.5),
                (1.0, 1.0)
            ]
        );
    }

    #[test]
    fn crossing_splits_at_the_intersection() {
        // Train above until the curves cross at x = 2.5, validation above after.
        let train = [(1.0, 1.0), (2.0, 0.8), (3.0, 0.4), (4.0, 0.2)];
        let val = [(1.0, 0.6), (2.0, 0.6), (3.0, 0.6), (4.0, 0.7)];
        let regions = gap_regions(&train, &val, identity, identity);
        assert_eq!(regions.len(), 2);
        assert!(!regions[0].val_above);
        assert!(regions[1].val_above);
        let crossing = (2.5f32, 0.6f32);
        assert!(
            regions[0].outline.contains(&crossing),
            "{:?}",
            regions[0].outline
        );
        assert!(
            regions[1].outline.contains(&crossing),
            "{:?}",
            regions[1].outline
        );
    }

    #[test]
    fn unequal_sampling_is_interpolated() {
        let train = [(1.0, 1.0), (3.0, 0.0)];
        let val = [(1.0, 2.0), (2.0, 2.0), (3.0, 2.0)];
        let regions = gap_regions(&train, &val, identity, identity);
        assert_eq!(regions.len(), 1);
        assert!(regions[0].outline.contains(&(2.0, 0.5)));
    }
}
