//! Reading the values of the lab URLs: the comma-separated lists (`sweep_hidden=2,8,32`,
//! `cells=rnn,lstm:2x64`), the worker count, and the percent-decoding of raw query text.

use super::grid::int_range;
use super::lab_query::{CompareRun, DEFAULT_COMPARE_CELLS, MAX_COMPARE_RUNS, MAX_WORKERS};
use crate::config::{Config, Field, FieldError, CELL_OPTIONS};
use crate::i18n::Message;
use crate::nn::CellKind;

/// A list of whole numbers read leniently, with what had to change.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct IntList {
    /// In range, without duplicates, ascending.
    pub values: Vec<usize>,
    /// One catalog message per problem, each saying what was done instead.
    pub problems: Vec<Message>,
}

/// At most this many problems of one list are described; the rest are counted. A link
/// with 50,000 bad entries must not make 50,000 messages (or take a second to read).
const MAX_LIST_PROBLEMS: usize = 20;

/// Problems of one list: the first [`MAX_LIST_PROBLEMS`] described, the rest counted.
#[derive(Default)]
struct CappedProblems {
    described: Vec<Message>,
    more: usize,
}

impl CappedProblems {
    /// `message` is only made when it will be shown.
    fn push(&mut self, message: impl FnOnce() -> Message) {
        if self.described.len() < MAX_LIST_PROBLEMS {
            self.described.push(message());
        } else {
            self.more += 1;
        }
    }

    fn finish(mut self) -> Vec<Message> {
        if self.more > 0 {
            self.described.push(Message::new(
                "lab.list.more",
                &[("count", self.more.to_string())],
            ));
        }
        self.described
    }
}

/// The entries of a list: separated by commas (or spaces, which is what a `+` decodes to),
/// empty entries skipped.
pub(crate) fn entries(raw: &str) -> impl Iterator<Item = &str> {
    raw.split([',', ' ', ';'])
        .map(str::trim)
        .filter(|e| !e.is_empty())
}

/// Reads `raw` as whole numbers in `min..=max`, at most `max_count` of them. Values out of
/// range are clamped, unreadable entries skipped, repeats kept once; each is a problem.
pub(crate) fn read_int_list(raw: &str, min: usize, max: usize, max_count: usize) -> IntList {
    let mut list = IntList::default();
    let mut problems = CappedProblems::default();
    for entry in entries(raw) {
        let Ok(value) = entry.parse::<u64>() else {
            problems.push(|| Message::new("lab.list.not_whole", &[("entry", quote(entry))]));
            continue;
        };
        let value = usize::try_from(value).unwrap_or(usize::MAX);
        let kept = value.clamp(min, max);
        if kept != value {
            let key = if value < min {
                "lab.list.below_min"
            } else {
                "lab.list.above_max"
            };
            problems.push(|| {
                Message::new(
                    key,
                    &[("value", value.to_string()), ("kept", kept.to_string())],
                )
            });
        }
        if list.values.contains(&kept) {
            problems.push(|| Message::new("lab.list.repeated", &[("value", kept.to_string())]));
            continue;
        }
        if list.values.len() == max_count {
            problems.push(|| {
                Message::new(
                    "lab.list.too_many",
                    &[("max", max_count.to_string()), ("entry", quote(entry))],
                )
            });
            break;
        }
        list.values.push(kept);
    }
    list.values.sort_unstable();
    list.problems = problems.finish();
    list
}

/// Decodes `%XX` escapes and `+` (a space) as the parameter reader does. Invalid UTF-8
/// becomes U+FFFD: lab values are ASCII, so such a value is reported as unreadable.
pub(crate) fn percent_decode(text: &str) -> String {
    crate::config::percent_decode(text).0
}

/// User text quoted in a message, cut shorter than the parameter reader cuts it (lab
/// messages quote list entries, not whole values).
pub(crate) fn quote(raw: &str) -> String {
    crate::config::quote_within(raw, 24)
}

pub(crate) fn default_runs(config: &Config) -> Vec<CompareRun> {
    DEFAULT_COMPARE_CELLS
        .into_iter()
        .map(|cell| CompareRun {
            cell,
            hidden: config.hidden,
            layers: config.layers,
        })
        .collect()
}

/// `cells`: each entry `cell`, `cell:H` (hidden units) or `cell:LxH` (layers × units, as
/// every label writes a size; the older `cell:HxL` still reads, see [`read_size`]).
pub(crate) fn read_runs(
    raw: Option<&str>,
    config: &Config,
    notices: &mut Vec<FieldError>,
) -> Vec<CompareRun> {
    let Some(raw) = raw else {
        return default_runs(config);
    };
    let mut runs: Vec<CompareRun> = Vec::new();
    let mut problems = CappedProblems::default();
    for entry in entries(raw) {
        // This entry's own problems, reported unless the entry turns out to be a repeat.
        let mut found: Vec<Message> = Vec::new();
        let mut problem = |message: Message| found.push(message);
        let (cell_text, size_text) = entry.split_once(':').unwrap_or((entry, ""));
        let Some(cell) = CellKind::from_key(cell_text) else {
            let allowed: Vec<&str> = CELL_OPTIONS.iter().map(|o| o.value).collect();
            problems.push(|| {
                Message::new(
                    "lab.cells.not_cell",
                    &[("entry", quote(cell_text)), ("cells", allowed.join(", "))],
                )
            });
            continue;
        };
        let mut run = CompareRun {
            cell,
            hidden: config.hidden,
            layers: config.layers,
        };
        if !size_text.trim().is_empty() {
            match read_size(size_text) {
                Some((hidden, layers)) => {
                    if let Some(hidden) = hidden {
                        run.hidden = clamp_size(Field::Hidden, hidden, entry, &mut problem);
                    }
                    if let Some(layers) = layers {
                        run.layers = clamp_size(Field::Layers, layers, entry, &mut problem);
                    }
                }
                None => problem(Message::new(
                    "lab.cells.bad_size",
                    &[("size", quote(size_text))],
                )),
            }
        }
        if runs.contains(&run) {
            problems.push(|| Message::new("lab.cells.repeated", &[("run", run.label())]));
            continue;
        }
        if runs.len() == MAX_COMPARE_RUNS {
            problems.push(|| {
                Message::new(
                    "lab.cells.too_many",
                    &[
                        ("max", MAX_COMPARE_RUNS.to_string()),
                        ("entry", quote(entry)),
                    ],
                )
            });
            break;
        }
        for message in found {
            problems.push(|| message);
        }
        runs.push(run);
    }
    notices.extend(
        problems
            .finish()
            .into_iter()
            .map(|message| FieldError::said("cells", &message)),
    );
    if runs.is_empty() {
        let defaults: Vec<&str> = DEFAULT_COMPARE_CELLS.iter().map(|c| c.key()).collect();
        notices.push(FieldError::said(
            "cells",
            &Message::new("lab.cells.none", &[("cells", defaults.join(","))]),
        ));
        return default_runs(config);
    }
    runs
}

/// `(hidden, layers)` of a size: `64` -> (Some(64), None); `2x64` (layers × units) ->
/// (Some(64), Some(2)); `2x` -> (None, Some(2)). Links written before the order was
/// layers × units put the units first: `64x2`, and `x2` for the layers alone. A first
/// number above the most layers cannot be layers, so such a size still reads the old way;
/// a first number within the layers' range (`2x4`) reads as layers × units.
fn read_size(text: &str) -> Option<(Option<usize>, Option<usize>)> {
    let text = text.trim().to_ascii_lowercase();
    let Some((first, second)) = text.split_once(['x', '*']) else {
        return read_units_layers(&text, None);
    };
    let max_layers = int_range(Field::Layers).1;
    let number = |t: &str| t.trim().parse::<u64>().ok();
    let units_first =
        first.trim().is_empty() || number(first).is_some_and(|a| a > max_layers as u64);
    if units_first {
        read_units_layers(first, Some(second))
    } else {
        read_units_layers(second, Some(first))
    }
}

/// `hidden` and optional `layers` text as numbers; an empty side is absent.
fn read_units_layers(hidden: &str, layers: Option<&str>) -> Option<(Option<usize>, Option<usize>)> {
    let layers = layers.filter(|l| !l.trim().is_empty());
    let number = |t: &str| {
        t.trim()
            .parse::<u64>()
            .ok()
            .map(|v| usize::try_from(v).unwrap_or(usize::MAX))
    };
    let hidden = if hidden.trim().is_empty() {
        None
    } else {
        Some(number(hidden)?)
    };
    let layers = match layers {
        Some(l) => Some(number(l)?),
        None => None,
    };
    (hidden.is_some() || layers.is_some()).then_some((hidden, layers))
}

fn clamp_size(field: Field, value: usize, entry: &str, problem: &mut impl FnMut(Message)) -> usize {
    let (min, max) = int_range(field);
    let kept = value.clamp(min, max);
    if kept != value {
        let key = if field == Field::Layers {
            "lab.cells.layers_outside"
        } else {
            "lab.cells.units_outside"
        };
        let number = |n: usize| n.to_string();
        problem(Message::new(
            key,
            &[
                ("entry", quote(entry)),
                ("value", number(value)),
                ("min", number(min)),
                ("max", number(max)),
                ("kept", number(kept)),
            ],
        ));
    }
    kept
}

pub(crate) fn read_workers(raw: &str, notices: &mut Vec<FieldError>) -> Option<usize> {
    match raw.trim().parse::<u64>() {
        Ok(n) if (1..=MAX_WORKERS as u64).contains(&n) => Some(n as usize),
        Ok(n) => {
            let kept = usize::try_from(n)
                .unwrap_or(usize::MAX)
                .clamp(1, MAX_WORKERS);
            notices.push(FieldError::said(
                "workers",
                &Message::new(
                    "lab.workers.outside",
                    &[
                        ("value", n.to_string()),
                        ("max", MAX_WORKERS.to_string()),
                        ("kept", kept.to_string()),
                    ],
                ),
            ));
            Some(kept)
        }
        Err(_) => {
            notices.push(FieldError::said(
                "workers",
                &Message::new("lab.workers.not_whole", &[("value", quote(raw))]),
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_clamped_deduplicated_and_sorted() {
        let list = read_int_list("32, 8,abc,,600,8,0", 1, 512, 10);
        assert_eq!(list.values, vec![1, 8, 32, 512]);
        assert_eq!(list.problems.len(), 4, "{:?}", list.problems);
        assert_eq!(list.problems[0].key, "lab.list.not_whole");
        assert_eq!(list.problems[0].values, [("entry", "'abc'".to_string())]);
        assert_eq!(list.problems[1].key, "lab.list.above_max");
        assert!(list.problems[1]
            .english()
            .contains("600 is above the maximum 512"));
    }

    #[test]
    fn lists_stop_at_their_maximum_length() {
        let list = read_int_list("5,4,3,2,1", 1, 9, 3);
        assert_eq!(list.values, vec![3, 4, 5]);
        assert_eq!(list.problems.len(), 1);
    }

    #[test]
    fn a_list_describes_its_first_problems_and_counts_the_rest() {
        let list = read_int_list(&"2,".repeat(1000), 1, 512, 10);
        assert_eq!(list.values, vec![2]);
        assert_eq!(list.problems.len(), MAX_LIST_PROBLEMS + 1);
        let more = list.problems.last().expect("the count of the rest");
        assert_eq!(more.key, "lab.list.more");
        assert_eq!(more.english(), "and 979 more problems in this list");
    }

    #[test]
    fn sizes_read_layers_by_units_and_the_older_units_by_layers() {
        assert_eq!(read_size("2x64"), Some((Some(64), Some(2))));
        assert_eq!(
            read_size("64x2"),
            Some((Some(64), Some(2))),
            "an older link"
        );
        assert_eq!(
            read_size("2x4"),
            Some((Some(4), Some(2))),
            "ambiguous: layers first"
        );
        assert_eq!(read_size("64"), Some((Some(64), None)));
        assert_eq!(read_size("3x"), Some((None, Some(3))));
        assert_eq!(read_size("x3"), Some((None, Some(3))), "an older link");
        assert_eq!(
            read_size("999x9"),
            Some((Some(999), Some(9))),
            "clamped later"
        );
        assert_eq!(read_size("axb"), None);
        assert_eq!(read_size("x"), None);
    }

    #[test]
    fn percent_decoding_handles_commas_and_bad_escapes() {
        assert_eq!(percent_decode("2%2C8%2c32"), "2,8,32");
        assert_eq!(percent_decode("lstm%3A64x2+gru"), "lstm:64x2 gru");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
