//! What one training step of a configuration will cost, known before its data exists: the
//! page says so before starting a model whose steps would take seconds.

use crate::config::{Config, TaskKind};
use crate::data::classify::CLASSES;
use crate::nn::{LossKind, ModelSpec, Readout};

/// The characters a text is taken to use before its vocabulary is counted.
const NOMINAL_VOCABULARY: usize = 64;

/// The nominal flops of one training step of `config` (see [`ModelSpec::flops_per_step`]).
/// Exact for the generated tasks; for text the vocabulary is nominal (it only sizes the
/// input lookup and the head, small beside the recurrent products where this matters).
pub fn estimated_flops_per_step(config: &Config) -> f64 {
    let (input, output, readout, tokens) = match config.task {
        TaskKind::Forecast => (1, 1, Readout::AllSteps, false),
        TaskKind::Adding => (2, 1, Readout::LastStep, false),
        TaskKind::Classify => (1, CLASSES, Readout::LastStep, false),
        TaskKind::Text => (
            NOMINAL_VOCABULARY,
            NOMINAL_VOCABULARY,
            Readout::AllSteps,
            true,
        ),
    };
    let mut spec = ModelSpec::new(
        config.cell,
        input,
        config.hidden,
        config.layers,
        output,
        readout,
        LossKind::Mse,
    );
    spec.embed = if tokens { config.embed } else { 0 };
    spec.flops_per_step(config.batch, config.seq_len, tokens)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trainer::Trainer;

    #[test]
    fn the_estimate_is_the_trainers_count_for_generated_tasks_and_near_it_for_text() {
        for task in TaskKind::ALL {
            let mut config = Config::preset(task);
            config.hidden = 48;
            config.layers = 2;
            let trainer = Trainer::new(config.clone()).unwrap();
            let (estimate, actual) = (estimated_flops_per_step(&config), trainer.flops_per_step());
            if task == TaskKind::Text {
                assert!(
                    (estimate / actual - 1.0).abs() < 0.15,
                    "{task:?}: {estimate} vs {actual}"
                );
            } else {
                assert_eq!(estimate, actual, "{task:?}");
            }
        }
    }
}
