//! The data behind the loss chart, without drawing: decimation of long series and the
//! loss history built from epoch reports.
#![cfg(not(target_arch = "wasm32"))]

use rnn_playground::chart::{decimate, LossHistory, MAX_POINTS_PER_SERIES};

mod common;
use common::report;

// ---- decimation ----

/// A noisy series with its global extremes in the middle.
fn bumpy(n: usize) -> Vec<(f32, f32)> {
    (0..n)
        .map(|i| {
            let x = i as f32;
            let spike = if i == n / 3 {
                50.0
            } else if i == 2 * n / 3 {
                -50.0
            } else {
                0.0
            };
            (x, (x * 0.37).sin() + (x * 0.011).cos() + spike)
        })
        .collect()
}

#[test]
fn decimation_is_bounded_and_keeps_extremes_and_ends() {
    for n in [401, 1_000, 12_345, 100_000] {
        for max_points in [4, 5, 64, 400] {
            let points = bumpy(n);
            let kept = decimate(&points, max_points);
            assert!(
                kept.len() <= max_points,
                "n={n} max={max_points}: {} kept",
                kept.len()
            );
            assert!(
                kept.len() >= max_points.min(n) / 2,
                "n={n} max={max_points}: only {}",
                kept.len()
            );
            assert_eq!(kept.first(), points.first());
            assert_eq!(kept.last(), points.last());
            assert!(
                kept.contains(&points[n / 3]),
                "global max lost (n={n} max={max_points})"
            );
            assert!(
                kept.contains(&points[2 * n / 3]),
                "global min lost (n={n} max={max_points})"
            );
            assert!(kept.windows(2).all(|w| w[0].0 < w[1].0), "order kept");
            assert!(
                kept.iter().all(|p| points.contains(p)),
                "only original points"
            );
        }
    }
}

#[test]
fn decimation_of_a_short_series_is_the_identity() {
    let points = bumpy(MAX_POINTS_PER_SERIES);
    assert_eq!(decimate(&points, MAX_POINTS_PER_SERIES), points);
    assert_eq!(decimate(&points[..3], 3), points[..3].to_vec());
    assert!(decimate(&[], 10).is_empty());
}

#[test]
fn decimation_drops_non_finite_points_and_handles_tiny_budgets() {
    let points = [
        (1.0, 0.5),
        (2.0, f32::NAN),
        (3.0, 0.4),
        (f32::INFINITY, 0.1),
        (4.0, 0.3),
    ];
    assert_eq!(
        decimate(&points, 10),
        vec![(1.0, 0.5), (3.0, 0.4), (4.0, 0.3)]
    );
    let long = bumpy(100);
    assert!(decimate(&long, 0).is_empty());
    assert_eq!(decimate(&long, 1), vec![long[99]]);
    assert_eq!(decimate(&long, 3), vec![long[0], long[99]]);
}

// ---- series from epoch reports ----

#[test]
fn history_from_reports_pairs_epochs_with_losses_and_finds_the_best() {
    let reports = [
        report(1, 1.0, 1.1),
        report(2, 0.6, 0.7),
        report(3, 0.4, 0.65),
        report(4, 0.3, 0.65),
        report(5, 0.2, 0.8),
    ];
    let history = LossHistory::from_reports(&reports);
    assert_eq!(
        history.train,
        vec![(1.0, 1.0), (2.0, 0.6), (3.0, 0.4), (4.0, 0.3), (5.0, 0.2)]
    );
    assert_eq!(history.val[4], (5.0, 0.8));
    // Ties go to the earliest epoch: that is where early stopping would have stopped.
    assert_eq!(history.best, Some((3.0, 0.65)));
    assert_eq!(
        rnn_playground::chart::best_point(&history.val),
        history.best
    );
}

#[test]
fn history_skips_non_finite_losses_and_out_of_order_epochs() {
    let mut history = LossHistory::default();
    history.push(1, 0.9, f32::NAN);
    history.push(2, f32::INFINITY, 0.8);
    history.push(2, 0.1, 0.1); // repeated epoch: ignored
    history.push(3, 0.5, 0.6);
    assert_eq!(history.train, vec![(1.0, 0.9), (3.0, 0.5)]);
    assert_eq!(history.val, vec![(2.0, 0.8), (3.0, 0.6)]);
    assert_eq!(history.best, Some((3.0, 0.6)));
    assert_eq!(history.len(), 2);
    history.clear();
    assert!(history.is_empty());
}
