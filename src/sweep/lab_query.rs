//! The URL of the lab modes: `?mode=compare&...` and `?mode=sweep&...`.
//!
//! Shared settings use the main page's keys and go through its lenient reader
//! ([`Config::from_query`]), so a link can move between the playground and the lab modes.
//! The mode's own keys:
//!
//! | key | mode | value | default |
//! |---|---|---|---|
//! | `mode` | all | `play`, `compare` or `sweep` | `play` |
//! | `cells` | compare | up to 4 runs, comma-separated: a cell (`rnn`, `relu`, `lstm`, `gru`), optionally with its own size, `lstm:64` (hidden units) or `lstm:64x2` (hidden units x layers) | `rnn,lstm,gru` at the shared `hidden` and `layers` |
//! | `sweep_hidden` | sweep | hidden sizes, comma-separated, up to 10, each 1 to 512 | `2,4,8,16,32,64,128` |
//! | `sweep_layers` | sweep | depths, comma-separated, each 1 to 4 | `1,2,3` |
//! | `workers` | sweep | training workers, 1 to 16 | the device's logical cores |
//! | `logy` | compare, sweep | `1` for a logarithmic loss axis | `0` |
//!
//! In compare mode the shared `cell` is unused (each run names its cell); in sweep mode the
//! shared `hidden` and `layers` are (the grid replaces them). The canonical query leaves
//! unused keys out.

use super::grid::{int_range, GridPoint, SweepGrid};
use super::lists::{entries, percent_decode, quote};
use super::row::{cell_from_key, model_label};
use crate::config::{cell_key, Config, Field, FieldError, CELL_OPTIONS};
use crate::nn::CellKind;

/// At most this many runs side by side (the chart stays readable, the workers few).
pub const MAX_COMPARE_RUNS: usize = 4;
/// At most this many training workers, whatever the URL asks.
pub const MAX_WORKERS: usize = 16;
/// The runs of a comparison when the URL names none: the lesson of the adding problem.
const DEFAULT_COMPARE_CELLS: [CellKind; 3] = [CellKind::RnnTanh, CellKind::Lstm, CellKind::Gru];

/// Keys this reader owns; every other key belongs to the shared settings.
const LAB_KEYS: [&str; 6] = [
    "mode",
    "cells",
    "sweep_hidden",
    "sweep_layers",
    "workers",
    "logy",
];

/// Which view of the playground a URL asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabMode {
    /// The main page: one run, all sliders.
    Play,
    /// Several runs on the same data and seed, overlaid.
    Compare,
    /// A grid of sizes trained to a fixed budget: the capacity curve.
    Sweep,
}

impl LabMode {
    pub const ALL: [LabMode; 3] = [LabMode::Play, LabMode::Compare, LabMode::Sweep];

    pub fn key(self) -> &'static str {
        match self {
            LabMode::Play => "play",
            LabMode::Compare => "compare",
            LabMode::Sweep => "sweep",
        }
    }
}

/// One run of a comparison: a cell at a size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CompareRun {
    pub cell: CellKind,
    pub hidden: usize,
    pub layers: usize,
}

impl CompareRun {
    /// `"LSTM 1×32"`.
    pub fn label(&self) -> String {
        model_label(self.cell, self.layers, self.hidden)
    }

    /// The shared settings with this run's cell and size.
    pub fn config(&self, shared: &Config) -> Config {
        Config {
            cell: self.cell,
            hidden: self.hidden,
            layers: self.layers,
            ..shared.clone()
        }
    }
}

/// Everything a lab URL says.
#[derive(Clone, Debug, PartialEq)]
pub struct LabQuery {
    pub mode: LabMode,
    /// The shared settings (task, data, optimiser, seed, epoch budget...).
    pub config: Config,
    /// Compare mode: the runs, 1 to [`MAX_COMPARE_RUNS`], no two alike.
    pub runs: Vec<CompareRun>,
    /// Sweep mode: the grid.
    pub grid: SweepGrid,
    /// Sweep mode: the pool size asked for; `None` lets the page use every core.
    pub workers: Option<usize>,
    /// Logarithmic loss axis.
    pub log_y: bool,
}

/// A lenient reading: always a usable query, plus what had to be replaced.
#[derive(Clone, Debug, PartialEq)]
pub struct LabParse {
    pub lab: LabQuery,
    pub notices: Vec<FieldError>,
}

impl LabQuery {
    /// Reads any string. Unknown, unreadable or out-of-range values are replaced (clamped,
    /// skipped or defaulted) and each replacement is a notice naming its key; keys of
    /// another mode are ignored with a notice.
    pub fn from_query(query: &str) -> LabParse {
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut own: Vec<(&'static str, String)> = Vec::new();
        let mut shared: Vec<&str> = Vec::new();
        let mut notices = Vec::new();
        for segment in query.split('&').filter(|s| !s.is_empty()) {
            let (raw_key, raw_value) = segment.split_once('=').unwrap_or((segment, ""));
            let key = percent_decode(raw_key);
            match LAB_KEYS.iter().find(|k| **k == key) {
                Some(&key) if own.iter().any(|(k, _)| *k == key) => {
                    notices.push(FieldError::new(
                        key,
                        "given more than once; using the first value",
                    ));
                }
                Some(&key) => own.push((key, percent_decode(raw_value))),
                None => shared.push(segment),
            }
        }
        let parsed = Config::from_query(&shared.join("&"));
        notices.extend(parsed.notices);
        let config = parsed.config;
        let value = |key: &str| own.iter().find(|(k, _)| *k == key).map(|(_, v)| v.as_str());

        let mode = match value("mode") {
            None => LabMode::Play,
            Some(raw) => LabMode::ALL
                .into_iter()
                .find(|m| m.key().eq_ignore_ascii_case(raw.trim()))
                .unwrap_or_else(|| {
                    notices.push(FieldError::new(
                        "mode",
                        format!(
                            "{} is not one of play, compare, sweep; using play",
                            quote(raw)
                        ),
                    ));
                    LabMode::Play
                }),
        };
        let unused = |key: &'static str, used_in: &str, notices: &mut Vec<FieldError>| {
            if value(key).is_some() {
                notices.push(FieldError::new(
                    key,
                    format!("only used in {used_in} mode; ignored"),
                ));
            }
        };

        let runs = if mode == LabMode::Compare {
            read_runs(value("cells"), &config, &mut notices)
        } else {
            unused("cells", "compare", &mut notices);
            default_runs(&config)
        };
        let (grid, workers) = if mode == LabMode::Sweep {
            let (grid, problems) =
                SweepGrid::read_lenient(value("sweep_hidden"), value("sweep_layers"));
            notices.extend(
                problems
                    .into_iter()
                    .map(|(key, message)| FieldError::new(key, message)),
            );
            (
                grid,
                value("workers").and_then(|raw| read_workers(raw, &mut notices)),
            )
        } else {
            for key in ["sweep_hidden", "sweep_layers", "workers"] {
                unused(key, "sweep", &mut notices);
            }
            (SweepGrid::default(), None)
        };
        let log_y = match value("logy").map(str::trim) {
            None | Some("0" | "false" | "") => false,
            Some("1" | "true") => true,
            Some(raw) => {
                notices.push(FieldError::new(
                    "logy",
                    format!("{} is not 0 or 1; using 0", quote(raw)),
                ));
                false
            }
        };
        LabParse {
            lab: LabQuery {
                mode,
                config,
                runs,
                grid,
                workers,
                log_y,
            },
            notices,
        }
    }

    /// The canonical query: `mode`, the shared settings this mode uses (table order), the
    /// mode's keys, `logy` when on. `from_query(&q.to_query())` gives `q` back, without notices.
    pub fn to_query(&self) -> String {
        let unused: &[&str] = match self.mode {
            LabMode::Play => &[],
            LabMode::Compare => &["cell"],
            LabMode::Sweep => &["hidden", "layers"],
        };
        let mut parts: Vec<String> = Vec::new();
        if self.mode != LabMode::Play {
            parts.push(format!("mode={}", self.mode.key()));
        }
        let shared = self.config.to_query();
        parts.extend(
            shared
                .split('&')
                .filter(|segment| {
                    !unused
                        .iter()
                        .any(|key| segment.split('=').next() == Some(key))
                })
                .map(str::to_string),
        );
        match self.mode {
            LabMode::Play => {}
            LabMode::Compare => parts.push(format!("cells={}", self.cells_text())),
            LabMode::Sweep => {
                parts.push(format!("sweep_hidden={}", self.grid.hidden_text()));
                parts.push(format!("sweep_layers={}", self.grid.layers_text()));
                if let Some(workers) = self.workers {
                    parts.push(format!("workers={workers}"));
                }
            }
        }
        if self.log_y {
            parts.push("logy=1".to_string());
        }
        parts.join("&")
    }

    /// `rnn,lstm:64,gru:16x2`: a run at the shared size is written as its bare cell.
    pub fn cells_text(&self) -> String {
        let item = |run: &CompareRun| {
            let key = cell_key(run.cell);
            match (
                run.hidden == self.config.hidden,
                run.layers == self.config.layers,
            ) {
                (true, true) => key.to_string(),
                (false, true) => format!("{key}:{}", run.hidden),
                _ => format!("{key}:{}x{}", run.hidden, run.layers),
            }
        };
        self.runs.iter().map(item).collect::<Vec<_>>().join(",")
    }

    /// Compare mode: the settings of each run, in order.
    pub fn run_configs(&self) -> Vec<Config> {
        self.runs
            .iter()
            .map(|run| run.config(&self.config))
            .collect()
    }

    /// Sweep mode: each point with its settings, in the order a pool should train them.
    pub fn point_configs(&self) -> Vec<(GridPoint, Config)> {
        self.grid
            .run_order()
            .into_iter()
            .map(|point| (point, point.config(&self.config)))
            .collect()
    }
}

fn default_runs(config: &Config) -> Vec<CompareRun> {
    DEFAULT_COMPARE_CELLS
        .into_iter()
        .map(|cell| CompareRun {
            cell,
            hidden: config.hidden,
            layers: config.layers,
        })
        .collect()
}

/// `cells`: each entry `cell`, `cell:H` or `cell:HxL`.
fn read_runs(raw: Option<&str>, config: &Config, notices: &mut Vec<FieldError>) -> Vec<CompareRun> {
    let Some(raw) = raw else {
        return default_runs(config);
    };
    let mut runs: Vec<CompareRun> = Vec::new();
    let mut problems: Vec<String> = Vec::new();
    for entry in entries(raw) {
        // This entry's own problems, reported unless the entry turns out to be a repeat.
        let mut found: Vec<String> = Vec::new();
        let mut problem = |message: String| found.push(message);
        let (cell_text, size_text) = entry.split_once(':').unwrap_or((entry, ""));
        let Some(cell) = cell_from_key(cell_text) else {
            let allowed: Vec<&str> = CELL_OPTIONS.iter().map(|o| o.value).collect();
            problems.push(format!(
                "{} is not a cell ({}); skipped",
                quote(cell_text),
                allowed.join(", ")
            ));
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
                        run.hidden = clamp_size(Field::Hidden, hidden, "hidden units", entry, &mut problem);
                    }
                    if let Some(layers) = layers {
                        run.layers = clamp_size(Field::Layers, layers, "layers", entry, &mut problem);
                    }
                }
                None => problem(format!(
                    "{} is not a size like 64 or 64x2 (hidden units x layers); using the shared size",
                    quote(size_text)
                )),
            }
        }
        if runs.contains(&run) {
            problems.push(format!(
                "{} is listed more than once; kept once",
                run.label()
            ));
            continue;
        }
        if runs.len() == MAX_COMPARE_RUNS {
            problems.push(format!(
                "at most {MAX_COMPARE_RUNS} runs; {} and later ones were dropped",
                quote(entry)
            ));
            break;
        }
        problems.extend(found);
        runs.push(run);
    }
    notices.extend(
        problems
            .into_iter()
            .map(|message| FieldError::new("cells", message)),
    );
    if runs.is_empty() {
        notices.push(FieldError::new(
            "cells",
            "no usable run; using rnn,lstm,gru",
        ));
        return default_runs(config);
    }
    runs
}

/// `64` -> (Some(64), None); `64x2` -> (Some(64), Some(2)); `x2` -> (None, Some(2)).
fn read_size(text: &str) -> Option<(Option<usize>, Option<usize>)> {
    let text = text.trim().to_ascii_lowercase();
    let (hidden, layers) = text
        .split_once(['x', '*'])
        .map_or((text.as_str(), None), |(h, l)| (h, Some(l)));
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

fn clamp_size(
    field: Field,
    value: usize,
    what: &str,
    entry: &str,
    problem: &mut impl FnMut(String),
) -> usize {
    let (min, max) = int_range(field);
    let kept = value.clamp(min, max);
    if kept != value {
        problem(format!(
            "{}: {value} {what} is outside {min} to {max}; using {kept}",
            quote(entry)
        ));
    }
    kept
}

fn read_workers(raw: &str, notices: &mut Vec<FieldError>) -> Option<usize> {
    match raw.trim().parse::<u64>() {
        Ok(n) if (1..=MAX_WORKERS as u64).contains(&n) => Some(n as usize),
        Ok(n) => {
            let kept = usize::try_from(n)
                .unwrap_or(usize::MAX)
                .clamp(1, MAX_WORKERS);
            notices.push(FieldError::new(
                "workers",
                format!("{n} is outside 1 to {MAX_WORKERS}; using {kept}"),
            ));
            Some(kept)
        }
        Err(_) => {
            notices.push(FieldError::new(
                "workers",
                format!(
                    "{} is not a whole number; using one worker per core",
                    quote(raw)
                ),
            ));
            None
        }
    }
}
