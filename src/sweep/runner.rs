//! The native sweep: a pool of threads trains the grid, most expensive models first.

use super::{train_point, SweepError, SweepGrid, SweepRow};
use crate::config::Config;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Trains every point of `grid` (on `base`'s task, data, cell, optimiser and epoch budget)
/// with `workers` threads. `on_row` is called as each model finishes, from the thread that
/// trained it, with the row and how many are done. Rows come back in grid order (depth by
/// depth, hidden size ascending). A point the trainer refuses stops nothing: the first such
/// error is returned after the other points have finished.
pub fn run_sweep(
    base: &Config,
    grid: &SweepGrid,
    workers: usize,
    on_row: impl Fn(&SweepRow, usize) + Sync,
) -> Result<Vec<SweepRow>, SweepError> {
    if workers == 0 {
        return Err(SweepError::NoWorkers);
    }
    let order = grid.run_order();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Result<SweepRow, SweepError>>> =
        Mutex::new(Vec::with_capacity(order.len()));
    std::thread::scope(|scope| {
        for _ in 0..workers.min(order.len()) {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(point) = order.get(index) else { break };
                let result = train_point(point.config(base));
                if let Ok(row) = &result {
                    on_row(row, done.fetch_add(1, Ordering::Relaxed) + 1);
                }
                // A poisoned lock means another worker panicked; keep its partial results.
                results
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(result);
            });
        }
    });
    let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut rows = Vec::with_capacity(results.len());
    let mut first_error = None;
    for result in results {
        match result {
            Ok(row) => rows.push(row),
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
    }
    if let Some(error) = first_error {
        return Err(error);
    }
    rows.sort_by_key(|row| (row.layers, row.hidden));
    Ok(rows)
}
