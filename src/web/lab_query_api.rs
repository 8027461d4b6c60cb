//! What the lab modes of the page call to read their URL (`?mode=compare`, `?mode=sweep`)
//! and to name the sweep CSV's columns. Training itself goes through the ordinary worker
//! protocol: each run or grid point is a `TrainerHandle` built from the canonical query
//! this module hands out.

use super::to_js;
use crate::sweep::{LabLimits, LabMode, LabQuery, CSV_COLUMNS};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[derive(Serialize)]
struct LabRun {
    cell: &'static str,
    hidden: usize,
    layers: usize,
    label: String,
    /// Canonical trainer query of this run (for the worker's `start`).
    query: String,
}

#[derive(Serialize)]
struct LabPoint {
    hidden: usize,
    layers: usize,
    query: String,
}

#[derive(Serialize)]
struct LabGrid {
    hidden: Vec<usize>,
    layers: Vec<usize>,
}

#[derive(Serialize)]
struct ParsedLab<'a> {
    mode: &'static str,
    /// The canonical lab query (what the address bar should show).
    query: String,
    /// The shared settings alone, canonical: `parse_query` of it fills the controls.
    shared_query: String,
    notices: Vec<super::notices::SentNotice<'a>>,
    /// Compare mode: the runs in order; `cells` is the list as the URL writes it.
    runs: Vec<LabRun>,
    cells: String,
    /// Sweep mode: the grid and its points in the order a pool should train them.
    grid: LabGrid,
    points: Vec<LabPoint>,
    workers: Option<usize>,
    log_y: bool,
    limits: LabLimits,
}

/// Reads a lab URL leniently (never throws on input): mode, shared settings, runs or grid,
/// notices for what was replaced. See `crate::sweep::LabQuery` for the keys.
#[wasm_bindgen]
pub fn parse_lab_query(query: &str) -> Result<JsValue, JsError> {
    let parsed = LabQuery::from_query(query);
    let lab = &parsed.lab;
    let runs = lab
        .runs
        .iter()
        .map(|run| LabRun {
            cell: run.cell.key(),
            hidden: run.hidden,
            layers: run.layers,
            label: run.label(),
            query: run.config(&lab.config).to_query(),
        })
        .collect();
    let points = lab
        .point_configs()
        .into_iter()
        .map(|(point, config)| LabPoint {
            hidden: point.hidden,
            layers: point.layers,
            query: config.to_query(),
        })
        .collect();
    to_js(&ParsedLab {
        mode: lab.mode.key(),
        query: lab.to_query(),
        shared_query: lab.config.to_query(),
        notices: super::notices::sent_notices(&parsed.notices),
        runs: if lab.mode == LabMode::Compare {
            runs
        } else {
            Vec::new()
        },
        cells: lab.cells_text(),
        grid: LabGrid {
            hidden: lab.grid.hidden().to_vec(),
            layers: lab.grid.layers().to_vec(),
        },
        points: if lab.mode == LabMode::Sweep {
            points
        } else {
            Vec::new()
        },
        workers: lab.workers,
        log_y: lab.log_y,
        limits: LabLimits::new(),
    })
}

/// The sweep CSV's columns, `[{name}]`, in order (their meaning is the catalog's `csv.<name>`).
#[wasm_bindgen]
pub fn sweep_csv_columns() -> Result<JsValue, JsError> {
    to_js(CSV_COLUMNS)
}
