//! Reading the reader's own time series: a CSV (any of `,` `;` tab as separator, a header
//! row allowed, one column chosen) or a plain list of numbers (one per line, or on one line).
//! Every refusal names what to fix, with the line number for a bad cell.

use std::fmt;

use serde::Serialize;

use crate::i18n::Message;

/// Fewest values a series may have: a few windows for training and for validation.
pub const MIN_SERIES_VALUES: usize = 50;
/// Most values a series may have.
pub const MAX_SERIES_VALUES: usize = 200_000;
/// Largest file read: 200,000 values of a wide CSV fit comfortably.
pub const MAX_SERIES_BYTES: usize = 16_000_000;

/// A series read from a file, with the columns it could have come from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParsedSeries {
    pub values: Vec<f32>,
    /// Every column's name: the header's, or its number (`1`, `2`...) without one, which
    /// reads the same in every language.
    pub columns: Vec<String>,
    /// Columns whose first row is a number: the ones the reader can choose.
    pub numeric_columns: Vec<usize>,
    /// The column the values come from (0-based).
    pub column: usize,
    pub has_header: bool,
}

/// Why a file is not a usable series.
#[derive(Clone, Debug, PartialEq)]
pub enum SeriesError {
    Empty,
    Binary,
    TooLarge {
        bytes: usize,
    },
    NoNumericColumn,
    NoSuchColumn {
        column: usize,
        columns: usize,
    },
    NotANumber {
        line: usize,
        column: String,
        text: String,
    },
    NonFinite {
        line: usize,
        column: String,
        text: String,
    },
    MissingCell {
        line: usize,
        column: String,
    },
    TooShort {
        count: usize,
    },
    TooLong {
        count: usize,
    },
}

impl SeriesError {
    /// What is wrong, as a catalog message the reader's language renders.
    pub fn message(&self) -> Message {
        let n = |value: &usize| value.to_string();
        match self {
            SeriesError::Empty => Message::plain("series.error.empty"),
            SeriesError::Binary => Message::plain("series.error.binary"),
            SeriesError::TooLarge { bytes } => Message::new(
                "series.error.too_large",
                &[
                    ("mb", format!("{:.1}", *bytes as f64 / 1e6)),
                    ("max", n(&(MAX_SERIES_BYTES / 1_000_000))),
                ],
            ),
            SeriesError::NoNumericColumn => Message::plain("series.error.no_numeric_column"),
            SeriesError::NoSuchColumn { column, columns } => Message::new(
                "series.error.no_such_column",
                &[("column", n(&(column + 1))), ("columns", n(columns))],
            ),
            SeriesError::NotANumber { line, column, text } => Message::new(
                "series.error.not_a_number",
                &[
                    ("line", n(line)),
                    ("column", column.clone()),
                    ("text", text.clone()),
                ],
            ),
            SeriesError::NonFinite { line, column, text } => Message::new(
                "series.error.non_finite",
                &[
                    ("line", n(line)),
                    ("column", column.clone()),
                    ("text", text.clone()),
                ],
            ),
            SeriesError::MissingCell { line, column } => Message::new(
                "series.error.missing_cell",
                &[("line", n(line)), ("column", column.clone())],
            ),
            SeriesError::TooShort { count } => Message::new(
                "series.error.too_short",
                &[("count", n(count)), ("min", n(&MIN_SERIES_VALUES))],
            ),
            SeriesError::TooLong { count } => Message::new(
                "series.error.too_long",
                &[("count", n(count)), ("max", n(&MAX_SERIES_VALUES))],
            ),
        }
    }
}

impl fmt::Display for SeriesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().english())
    }
}

impl std::error::Error for SeriesError {}

/// Reads a series from `text`. `column` chooses a column of a CSV (0-based); `None` takes
/// the last column holding numbers.
pub fn parse_series(text: &str, column: Option<usize>) -> Result<ParsedSeries, SeriesError> {
    if text.len() > MAX_SERIES_BYTES {
        return Err(SeriesError::TooLarge { bytes: text.len() });
    }
    if looks_binary(text) {
        return Err(SeriesError::Binary);
    }
    // 1-based line numbers, blank lines and `#` comments skipped.
    let rows: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
        .collect();
    let Some(&(_, first)) = rows.first() else {
        return Err(SeriesError::Empty);
    };
    let separator = Separator::of(first);
    if rows.len() == 1 {
        return one_line_list(rows[0].0, first, separator);
    }
    let first_fields = separator.split(first);
    let has_header = first_fields.iter().any(|f| parse_number(f).is_none());
    let columns: Vec<String> = if has_header {
        first_fields.iter().map(|f| f.to_string()).collect()
    } else {
        (1..=first_fields.len()).map(|i| i.to_string()).collect()
    };
    let data = &rows[usize::from(has_header)..];
    let Some(&(_, first_data)) = data.first() else {
        return Err(SeriesError::Empty);
    };
    let numeric_columns: Vec<usize> = separator
        .split(first_data)
        .iter()
        .enumerate()
        .filter(|(_, f)| parse_number(f).is_some())
        .map(|(i, _)| i)
        .collect();
    let column = match column {
        Some(c) if c < columns.len() => c,
        Some(c) => {
            return Err(SeriesError::NoSuchColumn {
                column: c,
                columns: columns.len(),
            })
        }
        None => *numeric_columns.last().ok_or(SeriesError::NoNumericColumn)?,
    };
    if data.len() > MAX_SERIES_VALUES {
        return Err(SeriesError::TooLong { count: data.len() });
    }
    let name = &columns[column];
    let mut values = Vec::with_capacity(data.len());
    for &(line, row) in data {
        let cell = separator
            .split(row)
            .get(column)
            .copied()
            .filter(|cell| !cell.is_empty())
            .ok_or_else(|| SeriesError::MissingCell {
                line,
                column: name.clone(),
            })?;
        values.push(read_cell(line, name, cell)?);
    }
    checked_length(values).map(|values| ParsedSeries {
        values,
        columns,
        numeric_columns,
        column,
        has_header,
    })
}

/// `1, 2, 3, ...` on a single line.
fn one_line_list(
    line: usize,
    text: &str,
    separator: Separator,
) -> Result<ParsedSeries, SeriesError> {
    let name = "1".to_string();
    let cells = separator.split(text);
    if cells.iter().all(|cell| parse_number(cell).is_none()) {
        return Err(SeriesError::Empty); // a header alone
    }
    let values = cells
        .into_iter()
        .filter(|cell| !cell.is_empty())
        .map(|cell| read_cell(line, &name, cell))
        .collect::<Result<Vec<f32>, _>>()?;
    checked_length(values).map(|values| ParsedSeries {
        values,
        columns: vec![name],
        numeric_columns: vec![0],
        column: 0,
        has_header: false,
    })
}

fn checked_length(values: Vec<f32>) -> Result<Vec<f32>, SeriesError> {
    match values.len() {
        0 => Err(SeriesError::Empty),
        count if count < MIN_SERIES_VALUES => Err(SeriesError::TooShort { count }),
        count if count > MAX_SERIES_VALUES => Err(SeriesError::TooLong { count }),
        _ => Ok(values),
    }
}

fn read_cell(line: usize, column: &str, cell: &str) -> Result<f32, SeriesError> {
    let shown = || cell.chars().take(40).collect::<String>();
    let value = parse_number(cell).ok_or_else(|| SeriesError::NotANumber {
        line,
        column: column.to_string(),
        text: shown(),
    })?;
    let single = value as f32;
    if single.is_finite() {
        Ok(single)
    } else {
        Err(SeriesError::NonFinite {
            line,
            column: column.to_string(),
            text: shown(),
        })
    }
}

/// A number as written in a CSV cell (quotes allowed), NaN and infinities included: they
/// are numbers that get their own message.
fn parse_number(cell: &str) -> Option<f64> {
    cell.trim().trim_matches('"').trim().parse::<f64>().ok()
}

/// NUL bytes, or many control or undecodable characters (a file read as UTF-8 that was not).
fn looks_binary(text: &str) -> bool {
    let sample: Vec<char> = text.chars().take(4096).collect();
    let odd = sample
        .iter()
        .filter(|&&c| c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t')))
        .count();
    text.contains('\0') || odd * 50 > sample.len().max(1)
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Separator {
    Char(char),
    Whitespace,
}

impl Separator {
    /// The separator of a CSV line: comma, semicolon or tab, else runs of spaces.
    fn of(line: &str) -> Separator {
        [',', ';', '\t']
            .into_iter()
            .find(|&c| line.contains(c))
            .map_or(Separator::Whitespace, Separator::Char)
    }

    fn split(self, line: &str) -> Vec<&str> {
        match self {
            Separator::Char(c) => line.split(c).map(str::trim).collect(),
            Separator::Whitespace => line.split_whitespace().collect(),
        }
    }
}
