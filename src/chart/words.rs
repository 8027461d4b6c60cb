//! Every word a chart draws by itself (legends, axis names, notes, label wordings), passed
//! in by the caller so that each chart speaks the reader's language. The words come from
//! the message catalogs (`chart.<field>` in `i18n/<lang>.json`); templates name their
//! blanks (`{value}`, `{epoch}`) instead of fixing an order, since word order differs
//! between languages; [`fill`] puts the values in.

use std::sync::OnceLock;

use crate::i18n::{catalogs, english, Catalog};

pub use crate::i18n::fill;

/// Declares [`ChartWords`] with one `&str` per listed field and reads each field from the
/// catalog message `chart.<field>`, so a field is named once.
macro_rules! chart_words {
    ($( $(#[$doc:meta])* $field:ident, )*) => {
        /// The words of every chart. `'a` lets a caller lend words of its own.
        #[derive(Clone, Copy, Debug, PartialEq)]
        pub struct ChartWords<'a> {
            /// The language of the words (a catalog's code, e.g. `ko`).
            pub lang: &'a str,
            $( $(#[$doc])* pub $field: &'a str, )*
        }

        impl ChartWords<'static> {
            fn from_catalog(catalog: &'static Catalog) -> ChartWords<'static> {
                ChartWords {
                    lang: catalog.lang,
                    $( $field: catalog.text(concat!("chart.", stringify!($field))), )*
                }
            }

            /// Every catalog key the words read, for the catalog tests.
            pub const KEYS: &'static [&'static str] = &[$( concat!("chart.", stringify!($field)), )*];
        }
    };
}

chart_words! {
    // The loss chart's legend and axis.
    train,
    validation,
    gap,
    /// Explains the best-epoch marker even when its label is shortened to the bare value.
    best_val,
    epoch,
    /// An axis description on a log axis: `{axis}`.
    log_scale,
    /// The baseline's label: `{name}` and `{value}`.
    baseline_value,
    /// The baseline's name when the task gives none.
    baseline,
    /// The best-epoch label, longest first: `{value}` and `{epoch}`.
    best_at_epoch,
    best_value,
    /// After early stopping the best epoch's weights are the ones kept: its legend entry
    /// and label, longest first (`{value}`, `{epoch}`).
    kept_weights,
    kept_at_epoch,
    kept_value,
    /// The mark where early stopping ended the run: `{epoch}`.
    stopped_at_epoch,
    waiting_for_epoch,

    // The comparison and the capacity chart.
    training,
    best_validation,
    final_validation,
    final_training,
    waiting_for_runs,
    waiting_for_models,
    parameters,
    /// `{layers}`, a plural blank: "1 layer", "3 layers".
    many_layers,
    /// Added to the baseline's legend entry when its line is off the top of the chart.
    above_the_chart,

    // The inside-the-network views.
    /// `{layer}` (counted from 1).
    layer_n,
    /// `{gate}`.
    gate_panel,
    no_gates,
    fraction_shut,
    fraction_open,
    always_open,
    always_shut,
    target,
    prediction,
    prediction_training,
    prediction_validation,
    prediction_equals_target,
    waiting_for_predictions,
    step,
    value,
    unit,
    waiting_for_activations,
    /// `{unit}` and `{value}` (the value's name, "h" or "c").
    unit_trace,
    trace_hint,

    // The views' titles.
    /// `{model}` and `{sequences}`.
    gates_title,
    /// `{layer}` and `{layers}`.
    layer_of,
    hidden_state,
    cell_state,
    /// `{layer}`, `{values}` and `{sequence}`.
    heatmap_title,
    /// `{sequence}` and `{mse}`.
    training_sequence,
    validation_sequence,
    next_value_title,
    /// `{count}` and `{mse}`.
    training_sequences,
    validation_sequences,
    sum_title,

    // The page's charts before their data arrives.
    /// The loss axis until the task names its loss.
    loss,
    waiting_for_network,
    /// The heatmap's input tracks: one input, one of several (`{n}`), the adding
    /// problem's marker.
    input,
    input_n,
    marker,
    predictions,
    gate_saturation,
    activations,
}

impl ChartWords<'static> {
    /// The words in `catalog`'s language, built once per language.
    pub fn of(catalog: &'static Catalog) -> &'static ChartWords<'static> {
        static BUILT: OnceLock<Vec<ChartWords<'static>>> = OnceLock::new();
        let built = BUILT.get_or_init(|| catalogs().iter().map(ChartWords::from_catalog).collect());
        let index = catalogs()
            .iter()
            .position(|c| c.lang == catalog.lang)
            .unwrap_or(0);
        &built[index]
    }

    /// English, as the native examples and PNGs draw it.
    pub fn english() -> &'static ChartWords<'static> {
        ChartWords::of(english())
    }
}

impl Default for ChartWords<'static> {
    fn default() -> Self {
        *ChartWords::english()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_an_english_message() {
        for key in ChartWords::KEYS {
            assert!(english().get(key).is_some(), "i18n/en.json lacks {key}");
        }
        assert_eq!(ChartWords::english().train, "train");
    }

    #[test]
    fn each_language_gets_its_own_words() {
        let korean = crate::i18n::catalog("ko").expect("a Korean catalog");
        assert_eq!(ChartWords::of(korean).epoch, korean.text("chart.epoch"));
        assert_ne!(ChartWords::of(korean).epoch, ChartWords::english().epoch);
    }
}
