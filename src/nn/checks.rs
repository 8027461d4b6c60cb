//! What the network refuses, as errors rather than NaN: specs it cannot build and data that
//! does not fit it (so a broken data set is never mistaken for a diverged run).

use super::network::Network;
use super::{Dataset, Inputs, LossKind, ModelSpec, NnError, Readout, Targets};
use crate::i18n::Message;

/// Largest model we agree to allocate (parameters), far above anything the playground offers.
const MAX_PARAMETERS: usize = 50_000_000;

impl Network {
    /// Whether `inputs` fit this model (feature count or token range, non-empty).
    pub fn check_inputs(&self, inputs: &Inputs) -> Result<(), NnError> {
        if inputs.num_sequences() == 0 {
            return Err(NnError::data("nn.data.no_sequences", &[]));
        }
        if inputs.seq_len() == 0 {
            return Err(NnError::data("nn.data.no_steps", &[]));
        }
        let size = self.spec().input_size;
        match inputs {
            Inputs::Dense(_) if self.spec().embed > 0 => {
                Err(NnError::data("nn.data.embeds_but_features", &[]))
            }
            Inputs::Dense(x) if x.shape()[2] != size => Err(NnError::data(
                "nn.data.feature_count",
                &[
                    ("found", x.shape()[2].to_string()),
                    ("expected", size.to_string()),
                ],
            )),
            Inputs::Tokens(ids) => match ids.iter().find(|&&id| id as usize >= size) {
                Some(id) => Err(NnError::data(
                    "nn.data.token_outside",
                    &[("id", id.to_string()), ("size", size.to_string())],
                )),
                None => Ok(()),
            },
            Inputs::Dense(_) => Ok(()),
        }
    }

    /// Whether `data` (inputs and targets) fits this model.
    pub fn check_dataset(&self, data: &Dataset) -> Result<(), NnError> {
        self.check_inputs(&data.inputs)?;
        let spec = self.spec();
        let per_seq = match spec.readout {
            Readout::AllSteps => data.inputs.seq_len(),
            Readout::LastStep => 1,
        };
        let want = data.len() * per_seq;
        if data.targets.num_positions() != want {
            return Err(NnError::data(
                "nn.data.target_count",
                &[
                    ("targets", data.targets.num_positions().to_string()),
                    ("outputs", want.to_string()),
                ],
            ));
        }
        let outputs = spec.output_size;
        match (&data.targets, spec.loss) {
            (Targets::Values(y), LossKind::Mse) if y.ncols() != outputs => Err(NnError::data(
                "nn.data.target_width",
                &[
                    ("found", y.ncols().to_string()),
                    ("outputs", outputs.to_string()),
                ],
            )),
            (Targets::Values(_), LossKind::Mse) => Ok(()),
            (Targets::Classes(c), LossKind::CrossEntropy) => {
                match c.iter().find(|&&k| k as usize >= outputs) {
                    Some(k) => Err(NnError::data(
                        "nn.data.class_outside",
                        &[("class", k.to_string()), ("outputs", outputs.to_string())],
                    )),
                    None => Ok(()),
                }
            }
            (Targets::Values(_), LossKind::CrossEntropy) => {
                Err(NnError::data("nn.data.needs_classes", &[]))
            }
            (Targets::Classes(_), LossKind::Mse) => Err(NnError::data("nn.data.needs_values", &[])),
        }
    }
}

pub(super) fn validate_spec(spec: &ModelSpec) -> Result<(), NnError> {
    let sizes = [
        ("input_size", spec.input_size),
        ("hidden_size", spec.hidden_size),
        ("num_layers", spec.num_layers),
        ("output_size", spec.output_size),
    ];
    for (field, value) in sizes {
        if value == 0 {
            return Err(NnError::InvalidSpec {
                field,
                reason: Message::plain("nn.spec.at_least_one"),
            });
        }
    }
    if !spec.forget_bias.is_finite() {
        return Err(NnError::InvalidSpec {
            field: "forget_bias",
            reason: Message::new(
                "nn.spec.not_finite",
                &[("value", spec.forget_bias.to_string())],
            ),
        });
    }
    let g = spec.cell.gate_count();
    let h = spec.hidden_size;
    // Layer 0 reads the embedding when there is one, else the inputs.
    let first_in = if spec.embed > 0 {
        spec.embed
    } else {
        spec.input_size
    };
    let count = (|| {
        let embedding = spec.input_size.checked_mul(spec.embed)?;
        let first = g
            .checked_mul(h)?
            .checked_mul(first_in.checked_add(h)?.checked_add(2)?)?;
        let rest = g
            .checked_mul(h)?
            .checked_mul(h.checked_add(h)?.checked_add(2)?)?;
        let rest = rest.checked_mul(spec.num_layers - 1)?;
        let head = spec.output_size.checked_mul(h.checked_add(1)?)?;
        embedding
            .checked_add(first)?
            .checked_add(rest)?
            .checked_add(head)
    })();
    match count {
        Some(n) if n <= MAX_PARAMETERS => Ok(()),
        _ => Err(NnError::InvalidSpec {
            field: "size",
            reason: Message::new("nn.spec.too_large", &[("max", MAX_PARAMETERS.to_string())]),
        }),
    }
}
