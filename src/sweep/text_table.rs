//! Rows as a plain-text table for a terminal (the examples print it).

use super::SweepRow;

/// One line per row under a header: model, parameters, best validation loss and its epoch,
/// final losses, milliseconds per epoch and status; "-" where a number is missing.
pub fn text_table(rows: &[SweepRow]) -> String {
    let mut out = format!(
        "{:<12} {:>8} {:>10} {:>6} {:>10} {:>11} {:>9}  status\n",
        "model", "params", "best val", "epoch", "final val", "final train", "ms/epoch"
    );
    let number = |v: Option<String>| v.unwrap_or_else(|| "-".to_string());
    let loss = |v: Option<f32>| number(v.map(|v| format!("{v:.4}")));
    for row in rows {
        let losses = &row.losses;
        out += &format!(
            "{:<12} {:>8} {:>10} {:>6} {:>10} {:>11} {:>9}  {}\n",
            row.label(),
            row.params,
            loss(losses.best_val_loss),
            number(losses.best_epoch.map(|e| e.to_string())),
            loss(losses.final_val_loss),
            loss(losses.final_train_loss),
            number(losses.ms_per_epoch.map(|ms| format!("{ms:.1}"))),
            row.status.key()
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sweep::{LossSummary, PointStatus};

    #[test]
    fn missing_numbers_print_as_dashes_and_columns_line_up() {
        let mut row = SweepRow::failed(crate::nn::CellKind::Lstm, 64, 2, 1234);
        row.losses = LossSummary {
            best_val_loss: Some(0.12345),
            best_epoch: Some(7),
            ..LossSummary::default()
        };
        row.status = PointStatus::Finished;
        let table = text_table(&[row]);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[1].contains("0.1235"), "{table}");
        assert!(
            lines[1].contains(" - "),
            "missing numbers are dashes: {table}"
        );
        // Columns are padded by characters ("×" is two bytes).
        let column = |line: &str, word: &str| line[..line.find(word).unwrap()].chars().count();
        assert_eq!(
            column(lines[0], "status"),
            column(lines[1], "finished"),
            "{table}"
        );
    }
}
