//! The sweep's CSV export. The columns are declared once in [`CSV_COLUMNS`], their meaning
//! in the catalogs (`csv.<name>`): the writer, the page's "what the columns mean" list and
//! the docs read them.

use super::SweepRow;
use serde::Serialize;

/// One column of the export.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct CsvColumn {
    pub name: &'static str,
}

impl CsvColumn {
    /// What the column holds, in `catalog`'s language.
    pub fn meaning(&self, catalog: &'static crate::i18n::Catalog) -> &'static str {
        catalog.text(&format!("csv.{}", self.name))
    }
}

/// Every column, in order. Missing values (no epoch finished) are empty fields.
pub const CSV_COLUMNS: &[CsvColumn] = &[
    CsvColumn { name: "cell" },
    CsvColumn { name: "hidden" },
    CsvColumn { name: "layers" },
    CsvColumn { name: "params" },
    CsvColumn { name: "epochs" },
    CsvColumn {
        name: "best_val_loss",
    },
    CsvColumn { name: "best_epoch" },
    CsvColumn {
        name: "final_val_loss",
    },
    CsvColumn {
        name: "final_train_loss",
    },
    CsvColumn {
        name: "ms_per_epoch",
    },
    CsvColumn { name: "status" },
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
