//! Spotting a run that has blown up before it produces NaN.

use super::EpochReport;

/// A loss this many times above both the first epoch's and the task's baseline is an explosion.
const EXPLOSION_FACTOR: f32 = 1000.0;

#[derive(Default)]
pub(super) struct DivergenceGuard {
    first_train_loss: Option<f32>,
}

impl DivergenceGuard {
    /// Returns why the run should stop, if it should.
    pub fn check(&mut self, report: &EpochReport, baseline_loss: f32) -> Option<String> {
        let reference = *self.first_train_loss.get_or_insert(report.train_loss);
        let limit = EXPLOSION_FACTOR * reference.max(baseline_loss).max(1e-3);
        let worst = report.train_loss.max(report.val_loss);
        (worst > limit).then(|| {
            format!(
                "the loss exploded to {worst:.3e}, over {EXPLOSION_FACTOR} times where it started"
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(train_loss: f32, val_loss: f32) -> EpochReport {
        EpochReport {
            epoch: 1,
            train_loss,
            val_loss,
            train_accuracy: None,
            val_accuracy: None,
            grad_norm: 1.0,
            wall_ms: 1.0,
            steps: 1,
        }
    }

    #[test]
    fn flags_an_explosion_but_not_ordinary_noise() {
        let mut guard = DivergenceGuard::default();
        assert_eq!(guard.check(&report(0.5, 0.6), 0.2), None);
        assert_eq!(guard.check(&report(2.0, 3.0), 0.2), None);
        let reason = guard.check(&report(10.0, 900.0), 0.2).expect("900 is 1800x the start");
        assert!(reason.contains("exploded"), "{reason}");
    }
}
