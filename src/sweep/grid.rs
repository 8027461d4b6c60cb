//! The grid of a capacity sweep: every hidden size crossed with every depth.

use super::lists::{entries, read_int_list, IntList};
use super::SweepError;
use crate::config::{spec, Config, Field, ParamKind};
use crate::i18n::Message;

/// The hidden sizes swept when a URL names none: powers of two from tiny to large.
pub const DEFAULT_SWEEP_HIDDEN: [usize; 7] = [2, 4, 8, 16, 32, 64, 128];
/// The depths swept when a URL names none.
pub const DEFAULT_SWEEP_LAYERS: [usize; 3] = [1, 2, 3];
/// At most this many hidden sizes (a chart with more points per line is no clearer).
pub const MAX_HIDDEN_VALUES: usize = 10;
/// At most this many points in a grid (10 sizes x the table's 4 depths).
pub const MAX_GRID_POINTS: usize = MAX_HIDDEN_VALUES * 4;

/// One model of the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct GridPoint {
    pub hidden: usize,
    pub layers: usize,
}

impl GridPoint {
    /// Relative training cost, for scheduling: one step costs about layers x H x (H + 1)
    /// multiply-adds per gate and time step (the input projection is small next to it).
    pub fn cost(&self) -> usize {
        self.layers
            .saturating_mul(self.hidden)
            .saturating_mul(self.hidden + 1)
    }

    /// The base settings with this point's size.
    pub fn config(&self, base: &Config) -> Config {
        Config {
            hidden: self.hidden,
            layers: self.layers,
            ..base.clone()
        }
    }
}

/// Hidden sizes x depths, each list ascending and without repeats.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SweepGrid {
    hidden: Vec<usize>,
    layers: Vec<usize>,
}

impl Default for SweepGrid {
    fn default() -> Self {
        SweepGrid {
            hidden: DEFAULT_SWEEP_HIDDEN.to_vec(),
            layers: DEFAULT_SWEEP_LAYERS.to_vec(),
        }
    }
}

/// The table's range of an integer parameter.
pub(crate) fn int_range(field: Field) -> (usize, usize) {
    match spec(field).kind {
        ParamKind::Int { min, max } => (min as usize, max as usize),
        // The table declares hidden and layers as ints; a change there must not panic here.
        _ => (1, 1),
    }
}

/// How many depths a grid may hold: every depth the table allows.
pub(crate) fn max_layer_values() -> usize {
    let (min, max) = int_range(Field::Layers);
    max - min + 1
}

impl SweepGrid {
    /// A grid from exact lists; every value must be in the parameter table's range.
    /// Repeats are merged and both lists sorted.
    pub fn new(hidden: &[usize], layers: &[usize]) -> Result<SweepGrid, SweepError> {
        let hidden = checked(
            "sweep_hidden",
            hidden,
            int_range(Field::Hidden),
            MAX_HIDDEN_VALUES,
        )?;
        let layers = checked(
            "sweep_layers",
            layers,
            int_range(Field::Layers),
            max_layer_values(),
        )?;
        Ok(SweepGrid { hidden, layers })
    }

    /// A grid from list texts such as `"2,8,32"` and `"1,2"`, strictly: any entry that is
    /// not a whole number in range is an error.
    pub fn parse(hidden: &str, layers: &str) -> Result<SweepGrid, SweepError> {
        let numbers = |key: &'static str, text: &str| -> Result<Vec<usize>, SweepError> {
            entries(text)
                .map(|entry| {
                    entry.parse::<usize>().map_err(|_| SweepError::NotANumber {
                        key,
                        entry: entry.to_string(),
                    })
                })
                .collect()
        };
        SweepGrid::new(
            &numbers("sweep_hidden", hidden)?,
            &numbers("sweep_layers", layers)?,
        )
    }

    pub fn hidden(&self) -> &[usize] {
        &self.hidden
    }

    pub fn layers(&self) -> &[usize] {
        &self.layers
    }

    pub fn len(&self) -> usize {
        self.hidden.len() * self.layers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every point, depth by depth, hidden size ascending (the order of tables and CSV).
    pub fn points(&self) -> Vec<GridPoint> {
        self.layers
            .iter()
            .flat_map(|&layers| {
                self.hidden
                    .iter()
                    .map(move |&hidden| GridPoint { hidden, layers })
            })
            .collect()
    }

    /// The order a pool trains the points in: most expensive first, so the long jobs
    /// overlap and no worker is left with a big model at the end (longest processing time
    /// first is within 4/3 of the best possible finish time).
    pub fn run_order(&self) -> Vec<GridPoint> {
        let mut points = self.points();
        points.sort_by(|a, b| {
            b.cost()
                .cmp(&a.cost())
                .then(a.layers.cmp(&b.layers))
                .then(a.hidden.cmp(&b.hidden))
        });
        points
    }

    /// `"2,4,8"` and `"1,2"`: the lists as the URL writes them.
    pub fn hidden_text(&self) -> String {
        join(&self.hidden)
    }

    pub fn layers_text(&self) -> String {
        join(&self.layers)
    }

    /// Lenient reading for URLs: bad entries dropped or clamped (each a problem), an empty
    /// list replaced by the default.
    pub(crate) fn read_lenient(
        hidden: Option<&str>,
        layers: Option<&str>,
    ) -> (SweepGrid, Vec<(&'static str, Message)>) {
        let mut problems = Vec::new();
        let mut read = |key: &'static str,
                        raw: Option<&str>,
                        field: Field,
                        max_count: usize,
                        default: &[usize]| {
            let Some(raw) = raw else {
                return default.to_vec();
            };
            let (min, max) = int_range(field);
            let IntList {
                values,
                problems: found,
            } = read_int_list(raw, min, max, max_count);
            problems.extend(found.into_iter().map(|p| (key, p)));
            if values.is_empty() {
                problems.push((
                    key,
                    Message::new("lab.list.none", &[("default", join(default))]),
                ));
                return default.to_vec();
            }
            values
        };
        let hidden = read(
            "sweep_hidden",
            hidden,
            Field::Hidden,
            MAX_HIDDEN_VALUES,
            &DEFAULT_SWEEP_HIDDEN,
        );
        let layers = read(
            "sweep_layers",
            layers,
            Field::Layers,
            max_layer_values(),
            &DEFAULT_SWEEP_LAYERS,
        );
        (SweepGrid { hidden, layers }, problems)
    }
}

fn checked(
    key: &'static str,
    values: &[usize],
    (min, max): (usize, usize),
    max_count: usize,
) -> Result<Vec<usize>, SweepError> {
    let mut kept: Vec<usize> = Vec::with_capacity(values.len());
    for &value in values {
        if !(min..=max).contains(&value) {
            return Err(SweepError::OutOfRange {
                key,
                value,
                min,
                max,
            });
        }
        if !kept.contains(&value) {
            kept.push(value);
        }
    }
    if kept.is_empty() {
        return Err(SweepError::EmptyList { key });
    }
    if kept.len() > max_count {
        return Err(SweepError::TooManyValues {
            key,
            count: kept.len(),
            max: max_count,
        });
    }
    kept.sort_unstable();
    Ok(kept)
}

fn join(values: &[usize]) -> String {
    values
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(",")
}
