//! The sweep's CSV export. The columns are declared once, with their meaning, in
//! [`CSV_COLUMNS`]: the writer, the page's "what the columns mean" list and the docs read it.

use super::SweepRow;
use serde::Serialize;

/// One column of the export.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct CsvColumn {
    pub name: &'static str,
    pub meaning: &'static str,
}

/// Every column, in order. Missing values (no epoch finished) are empty fields.
pub const CSV_COLUMNS: &[CsvColumn] = &[
    CsvColumn {
        name: "cell",
        meaning: "recurrent cell: rnn, relu, lstm or gru",
    },
    CsvColumn {
        name: "hidden",
        meaning: "hidden units per layer",
    },
    CsvColumn {
        name: "layers",
        meaning: "stacked recurrent layers",
    },
    CsvColumn {
        name: "params",
        meaning: "trainable parameters, output head included",
    },
    CsvColumn {
        name: "epochs",
        meaning: "epochs trained (the budget, or fewer if the run diverged)",
    },
    CsvColumn {
        name: "best_val_loss",
        meaning: "lowest validation loss of any epoch",
    },
    CsvColumn {
        name: "best_epoch",
        meaning: "the epoch of best_val_loss (1-based, earliest on ties)",
    },
    CsvColumn {
        name: "final_val_loss",
        meaning: "validation loss after the last epoch",
    },
    CsvColumn {
        name: "final_train_loss",
        meaning: "mean training loss over the last epoch's mini-batches",
    },
    CsvColumn {
        name: "ms_per_epoch",
        meaning: "mean wall time of an epoch in milliseconds, validation included",
    },
    CsvColumn {
        name: "status",
        meaning: "finished, diverged (losses are from the epochs before) or failed",
    },
];

/// The rows as CSV (RFC 4180, `\n` line ends): a header line, then one line per row in the
/// order given. Losses are written in their shortest round-trip form.
pub fn write_csv(rows: &[SweepRow]) -> String {
    let mut out = CSV_COLUMNS
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    for row in rows {
        let fields = [
            row.cell.key().to_string(),
            row.hidden.to_string(),
            row.layers.to_string(),
            row.params.to_string(),
            row.losses.epochs.to_string(),
            optional(row.losses.best_val_loss),
            optional(row.losses.best_epoch),
            optional(row.losses.final_val_loss),
            optional(row.losses.final_train_loss),
            row.losses
                .ms_per_epoch
                .map(|ms| format!("{ms:.1}"))
                .unwrap_or_default(),
            row.status.key().to_string(),
        ];
        debug_assert_eq!(fields.len(), CSV_COLUMNS.len());
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

fn optional<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}
