//! Spotting a run that has blown up, including one that never produces NaN (a saturated
//! classifier at a huge learning rate sits at tens of nats, finite but meaningless).

use super::EpochReport;
use crate::i18n::Message;

/// A loss this many times the task's baseline (what a model that learns nothing scores)
/// is not learning anything: an untrained network starts near the baseline, and even a
/// badly overfitted one stays within a few times of it.
const BASELINE_FACTOR: f32 = 20.0;
/// A loss this many times the first epoch's is an explosion whatever the baseline.
const GROWTH_FACTOR: f32 = 1000.0;

#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub(super) struct DivergenceGuard {
    first_train_loss: Option<f32>,
}

impl DivergenceGuard {
    /// Returns why the run should stop, if it should.
    pub fn check(&mut self, report: &EpochReport, baseline_loss: f32) -> Option<Message> {
        let first = *self.first_train_loss.get_or_insert(report.train_loss);
        let worst = report.train_loss.max(report.val_loss);
        let baseline = baseline_loss.max(1e-3);
        if worst > BASELINE_FACTOR * baseline {
            return Some(Message::new(
                "diverge.baseline",
                &[
                    ("worst", format!("{worst:.3e}")),
                    ("factor", BASELINE_FACTOR.to_string()),
                    ("baseline", format!("{baseline:.3}")),
                ],
            ));
        }
        (worst > GROWTH_FACTOR * first.max(1e-3)).then(|| {
            Message::new(
                "diverge.exploded",
                &[
                    ("worst", format!("{worst:.3e}")),
                    ("factor", GROWTH_FACTOR.to_string()),
                ],
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
    fn ordinary_training_and_overfitting_pass() {
        let mut guard = DivergenceGuard::default();
        assert_eq!(guard.check(&report(1.4, 1.4), 1.38), None);
        assert_eq!(
            guard.check(&report(0.01, 6.0), 1.38),
            None,
            "overfitted, not diverged"
        );
    }

    #[test]
    fn a_loss_far_above_the_baseline_is_divergence() {
        let mut guard = DivergenceGuard::default();
        let reason = guard
            .check(&report(60.0, 45.0), 1.38)
            .expect("60 nats vs 1.38")
            .english();
        assert!(reason.contains("learns nothing"), "{reason}");
    }

    #[test]
    fn growth_from_the_first_epoch_is_divergence_even_with_a_large_baseline() {
        let mut guard = DivergenceGuard::default();
        assert_eq!(guard.check(&report(0.001, 0.001), 1000.0), None);
        let reason = guard
            .check(&report(5.0, 5.0), 1000.0)
            .expect("5000x growth")
            .english();
        assert!(reason.contains("exploded"), "{reason}");
    }
}
