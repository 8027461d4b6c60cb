//! The URL of the lab modes: `?mode=compare&...` and `?mode=sweep&...`.
//!
//! Shared settings use the main page's keys and go through its lenient reader
//! ([`Config::from_query`]), so a link can move between the playground and the lab modes.
//! The mode's own keys (declared in [`PAGE_KEYS`](crate::config::PAGE_KEYS), which the page reads):
//!
//! | key | mode | value | default |
//! |---|---|---|---|
//! | `mode` | all | `play`, `compare` or `sweep` | `play` |
//! | `cells` | compare | up to 4 runs, comma-separated: a cell (`rnn`, `relu`, `lstm`, `gru`), optionally with its own size, `lstm:64` (hidden units) or `lstm:2x64` (layers × units, as every label writes a size; older links' `lstm:64x2` still reads) | `rnn,lstm,gru` at the shared `hidden` and `layers` |
//! | `sweep_hidden` | sweep | hidden sizes, comma-separated, up to 10, each in the range of `hidden` | `2,4,8,16,32,64,128` |
//! | `sweep_layers` | sweep | depths, comma-separated, each in the range of `layers` | `1,2,3` |
//! | `workers` | sweep | training workers, 1 to [`MAX_WORKERS`] | the device's logical cores |
//! | `logy` | compare, sweep | `1` for a logarithmic loss axis | `0` |
//!
//! In compare mode the shared `cell` is unused (each run names its cell); in sweep mode the
//! shared `hidden` and `layers` are (the grid replaces them). The canonical query leaves
//! unused keys out.

use serde::Serialize;

use super::grid::{int_range, GridPoint, SweepGrid, MAX_HIDDEN_VALUES};
use super::lists::{default_runs, percent_decode, quote, read_runs, read_workers};
use super::row::model_label;
use crate::config::{expand_lesson, query_parts, Config, Field, FieldError, PAGE_KEYS};
use crate::i18n::Message;
use crate::nn::CellKind;

/// At most this many runs side by side (the chart stays readable, the workers few).
pub const MAX_COMPARE_RUNS: usize = 4;
/// At most this many training workers, whatever the URL asks.
pub const MAX_WORKERS: usize = 16;
/// The runs of a comparison when the URL names none: the lesson of the adding problem.
pub(crate) const DEFAULT_COMPARE_CELLS: [CellKind; 3] =
    [CellKind::RnnTanh, CellKind::Lstm, CellKind::Gru];

/// The lab reader's own key named `key`, if it is one.
fn lab_key(key: &str) -> Option<&'static str> {
    PAGE_KEYS
        .iter()
        .find(|k| k.lab && k.key == key)
        .map(|k| k.key)
}

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
    /// Reads a page URL or a bare query (anything up to a `?` is dropped) as the lab URL of
    /// `mode`, whatever mode it names: a native program runs one mode but accepts a URL
    /// copied from the page.
    pub fn from_url_in_mode(url: &str, mode: LabMode) -> LabParse {
        let query = url.rsplit_once('?').map_or(url, |(_, q)| q);
        let rest: Vec<&str> = query
            .split('&')
            .filter(|s| !s.is_empty() && !s.starts_with("mode="))
            .collect();
        LabQuery::from_query(&format!("mode={}&{}", mode.key(), rest.join("&")))
    }

    /// Reads any string, after expanding `lesson=NAME` (see [`expand_lesson`]). Unknown, unreadable or out-of-range values are replaced (clamped,
    /// skipped or defaulted) and each replacement is a notice naming its key; keys of
    /// another mode are ignored with a notice.
    pub fn from_query(query: &str) -> LabParse {
        let expansion = expand_lesson(query);
        let query = expansion.query.as_str();
        let mut own: Vec<(&'static str, String)> = Vec::new();
        let mut shared: Vec<&str> = Vec::new();
        let mut notices: Vec<FieldError> = expansion.notice.into_iter().collect();
        let (parts, too_long) = query_parts(query);
        notices.extend(too_long);
        for segment in parts {
            let (raw_key, raw_value) = segment.split_once('=').unwrap_or((segment, ""));
            let key = percent_decode(raw_key);
            match lab_key(&key) {
                Some(key) if own.iter().any(|(k, _)| *k == key) => {
                    notices.push(FieldError::said(key, &Message::plain("notice.repeated")));
                }
                Some(key) => own.push((key, percent_decode(raw_value))),
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
                    notices.push(FieldError::said(
                        "mode",
                        &Message::new("notice.bad_mode", &[("value", quote(raw))]),
                    ));
                    LabMode::Play
                }),
        };
        let unused = |key: &'static str, used_in: &str, notices: &mut Vec<FieldError>| {
            if value(key).is_some() {
                notices.push(FieldError::said(
                    key,
                    &Message::new("notice.other_mode", &[("mode", used_in.to_string())]),
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
                    .map(|(key, message)| FieldError::said(key, &message)),
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
                notices.push(FieldError::said(
                    "logy",
                    &Message::new("lab.logy_value", &[("value", quote(raw))]),
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

    /// `rnn,lstm:64,gru:2x16` (layers × units): a run at the shared size is written as its
    /// bare cell.
    pub fn cells_text(&self) -> String {
        let item = |run: &CompareRun| {
            let key = run.cell.key();
            match (
                run.hidden == self.config.hidden,
                run.layers == self.config.layers,
            ) {
                (true, true) => key.to_string(),
                (false, true) => format!("{key}:{}", run.hidden),
                _ => format!("{key}:{}x{}", run.layers, run.hidden),
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

/// The lab's ranges as the page needs them for its inputs: declared here and in the
/// parameter table, never in the page's scripts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LabLimits {
    pub max_runs: usize,
    pub max_workers: usize,
    pub max_hidden_values: usize,
    /// `[min, max]` of the `hidden` and `layers` parameters.
    pub hidden: (usize, usize),
    pub layers: (usize, usize),
    /// The sweep's hidden-size chips: powers of two across the `hidden` range.
    pub hidden_choices: Vec<usize>,
    /// The sweep's depth chips: every depth the `layers` range allows.
    pub layer_choices: Vec<usize>,
}

impl LabLimits {
    pub fn new() -> LabLimits {
        let hidden = int_range(Field::Hidden);
        let layers = int_range(Field::Layers);
        LabLimits {
            max_runs: MAX_COMPARE_RUNS,
            max_workers: MAX_WORKERS,
            max_hidden_values: MAX_HIDDEN_VALUES,
            hidden,
            layers,
            hidden_choices: (0..usize::BITS)
                .filter_map(|power| 1usize.checked_shl(power))
                .filter(|size| (hidden.0..=hidden.1).contains(size))
                .collect(),
            layer_choices: (layers.0..=layers.1).collect(),
        }
    }
}

impl Default for LabLimits {
    fn default() -> Self {
        LabLimits::new()
    }
}
