//! The charts of the lab modes (`?mode=compare`, `?mode=sweep`, see `www/lab_page.js`;
//! their URL is read in [`super::lab_query_api`]) with their data:
//! [`CompareChartView`] (several runs overlaid) and [`CapacityChartView`] (loss against
//! parameter count after a sweep, which also keeps the sweep's rows and writes the CSV).

use super::canvas_size::draw_on_canvas;
use super::chart_labels::{canvas_style, ChartLabels};
use super::to_js;
use crate::chart::{
    draw_chart, CapacityChart, CapacityPoint, CompareChart, LossHistory, RunCurves,
};
use crate::nn::CellKind;
use crate::sweep::{write_csv, LossSummary, PointStatus, SweepRow};
use crate::trainer::EpochReport;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Below this many device pixels per side nothing is drawn (a collapsed layout).
const MIN_BACKING_PX: f64 = 32.0;

fn reports_from_js(reports: JsValue) -> Result<Vec<EpochReport>, JsError> {
    serde_wasm_bindgen::from_value(reports)
        .map_err(|e| JsError::new(&format!("unreadable epoch reports: {e}")))
}

/// One run of the comparison: its legend label, curves and reports.
struct CompareSeries {
    label: String,
    history: LossHistory,
    reports: Vec<EpochReport>,
}

impl CompareSeries {
    /// A run with no epochs yet.
    fn new(label: String) -> CompareSeries {
        CompareSeries {
            label,
            history: LossHistory::default(),
            reports: Vec::new(),
        }
    }
}

/// The comparison chart on a `<canvas>`: one run per colour, pushed as the workers report.
#[wasm_bindgen]
pub struct CompareChartView {
    canvas: HtmlCanvasElement,
    runs: Vec<CompareSeries>,
    labels: ChartLabels,
    log_y: bool,
}

#[wasm_bindgen]
impl CompareChartView {
    /// The series colours this chart draws with, as CSS hex strings (`#1f77b4`...), for the
    /// swatches in the page's tables: they follow the page's theme. (A method: a free
    /// function taking the canvas compiles to a table.fill that Debian's wasm-opt cannot read.)
    pub fn series_colours(&self) -> Vec<String> {
        canvas_style(&self.canvas).theme.series_css()
    }

    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement) -> CompareChartView {
        CompareChartView {
            canvas,
            runs: Vec::new(),
            labels: ChartLabels::default(),
            log_y: false,
        }
    }

    /// A new comparison of `labels.len()` runs (at most 4 colours are distinct): empty
    /// curves and the chart labels in `heading` (see [`Self::set_labels`]).
    pub fn reset(&mut self, heading: JsValue, labels: Vec<String>) -> Result<(), JsError> {
        self.labels = ChartLabels::from_js(heading)?;
        self.runs = labels.into_iter().map(CompareSeries::new).collect();
        Ok(())
    }

    /// Title, axis label and baseline without touching the curves (the task's facts arrive
    /// with the first worker's `started`).
    /// `{title, loss_label, baseline, baseline_label}`, each optional.
    pub fn set_labels(&mut self, heading: JsValue) -> Result<(), JsError> {
        self.labels = ChartLabels::from_js(heading)?;
        Ok(())
    }

    /// Run `run` restarted (its worker sent `started`): forget its curves, take a new label.
    pub fn restart_run(&mut self, run: usize, label: &str) -> Result<(), JsError> {
        let series = self.run_mut(run)?;
        *series = CompareSeries::new(label.to_string());
        Ok(())
    }

    /// Renames run `run` in the legend, keeping its curves (the page's language changed).
    pub fn rename_run(&mut self, run: usize, label: &str) -> Result<(), JsError> {
        let series = self.run_mut(run)?;
        series.label = label.to_string();
        Ok(())
    }

    /// Appends a worker's `epochs` message (`EpochReport[]`) to run `run`.
    pub fn push_reports(&mut self, run: usize, reports: JsValue) -> Result<(), JsError> {
        let reports = reports_from_js(reports)?;
        let series = self.run_mut(run)?;
        for report in reports {
            let last = series.reports.last().map_or(0, |r| r.epoch);
            if report.epoch > last {
                series
                    .history
                    .push(report.epoch, report.train_loss, report.val_loss);
                series.reports.push(report);
            }
        }
        Ok(())
    }

    pub fn set_log_scale(&mut self, on: bool) {
        self.log_y = on;
    }

    /// Epochs held per run, in run order.
    pub fn point_counts(&self) -> Vec<u32> {
        self.runs.iter().map(|r| r.history.len() as u32).collect()
    }

    /// `[{epochs, best_val_loss, best_epoch, final_train_loss, final_val_loss, ms_per_epoch}]`
    /// per run, in run order (the table beside the chart).
    pub fn summaries(&self) -> Result<JsValue, JsError> {
        let summaries: Vec<LossSummary> = self
            .runs
            .iter()
            .map(|r| LossSummary::from_reports(&r.reports))
            .collect();
        to_js(&summaries)
    }

    /// Redraws at the canvas' current size; a canvas with no size is left alone.
    pub fn draw(&mut self) -> Result<(), JsError> {
        let curves: Vec<RunCurves> = self
            .runs
            .iter()
            .map(|r| RunCurves {
                label: &r.label,
                train: &r.history.train,
                val: &r.history.val,
            })
            .collect();
        let style = canvas_style(&self.canvas);
        draw_on_canvas(&self.canvas, MIN_BACKING_PX, |area, scale| {
            let chart = CompareChart {
                title: self.labels.title(&style),
                y_label: self.labels.loss_axis(&style),
                runs: &curves,
                baseline: self.labels.baseline(&style),
                log_y: self.log_y,
                scale,
                style,
            };
            draw_chart(area, &chart)
        })?;
        Ok(())
    }
}

impl CompareChartView {
    /// Run `run`, or an error naming it when the comparison has no such run.
    fn run_mut(&mut self, run: usize) -> Result<&mut CompareSeries, JsError> {
        self.runs
            .get_mut(run)
            .ok_or_else(|| JsError::new(&format!("no run {run}")))
    }
}

/// The capacity chart on a `<canvas>`, plus the sweep's rows: each finished model is added
/// with its reports, and the CSV is written from the same rows.
#[wasm_bindgen]
pub struct CapacityChartView {
    canvas: HtmlCanvasElement,
    rows: Vec<SweepRow>,
    depths: Vec<usize>,
    labels: ChartLabels,
    log_y: bool,
}

#[wasm_bindgen]
impl CapacityChartView {
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement) -> CapacityChartView {
        CapacityChartView {
            canvas,
            rows: Vec::new(),
            depths: Vec::new(),
            labels: ChartLabels::default(),
            log_y: false,
        }
    }

    /// A new sweep: no rows; the grid's depths fix the colours and the legend; the chart
    /// labels in `heading` (see [`Self::set_labels`]).
    pub fn reset(&mut self, heading: JsValue, depths: Vec<usize>) -> Result<(), JsError> {
        self.rows.clear();
        self.depths = depths;
        self.set_labels(heading)
    }

    /// Title, axis label and baseline without touching the rows (the task's facts arrive
    /// with the first worker's `started`).
    /// `{title, loss_label, baseline, baseline_label}`, each optional.
    pub fn set_labels(&mut self, heading: JsValue) -> Result<(), JsError> {
        self.labels = ChartLabels::from_js(heading)?;
        Ok(())
    }

    /// A finished model: `reports` is every `EpochReport` it sent, `status` is `finished`,
    /// `stopped_early` (a finished row too: the run ended on its own), `diverged` or `failed`. Replaces an earlier row of the same size.
    pub fn add_row(
        &mut self,
        cell: &str,
        hidden: usize,
        layers: usize,
        params: usize,
        reports: JsValue,
        status: &str,
    ) -> Result<(), JsError> {
        let cell = CellKind::from_key(cell)
            .ok_or_else(|| JsError::new(&format!("unknown cell '{cell}'")))?;
        let status = match status {
            "finished" | "stopped_early" => PointStatus::Finished,
            "diverged" => PointStatus::Diverged,
            "failed" => PointStatus::Failed,
            other => return Err(JsError::new(&format!("unknown status '{other}'"))),
        };
        let row = SweepRow::from_reports(
            cell,
            hidden,
            layers,
            params,
            &reports_from_js(reports)?,
            status,
        );
        self.rows
            .retain(|r| (r.hidden, r.layers) != (hidden, layers));
        self.rows.push(row);
        self.rows.sort_by_key(|r| (r.layers, r.hidden));
        Ok(())
    }

    /// Puts back rows saved from `rows()` (a sweep kept across a page visit). Rows that do
    /// not read as sweep rows are an error and change nothing.
    pub fn restore_rows(&mut self, rows: JsValue) -> Result<(), JsError> {
        let rows: Vec<SweepRow> = serde_wasm_bindgen::from_value(rows)
            .map_err(|e| JsError::new(&format!("unreadable saved rows: {e}")))?;
        self.rows = rows;
        self.rows.sort_by_key(|r| (r.layers, r.hidden));
        Ok(())
    }

    /// The rows in grid order (depth by depth, hidden size ascending), as the CSV has them.
    pub fn rows(&self) -> Result<JsValue, JsError> {
        to_js(&self.rows)
    }

    pub fn row_count(&self) -> u32 {
        self.rows.len() as u32
    }

    /// Points drawn per metric: best validation, final validation, final training.
    pub fn metric_counts(&self) -> Vec<u32> {
        let points = self.points();
        self.chart(&points, 1.0)
            .metric_counts()
            .map(|n| n as u32)
            .to_vec()
    }

    /// The rows as CSV (columns: `sweep_csv_columns()`).
    pub fn csv(&self) -> String {
        write_csv(&self.rows)
    }

    pub fn set_log_scale(&mut self, on: bool) {
        self.log_y = on;
    }

    /// Redraws at the canvas' current size; a canvas with no size is left alone.
    pub fn draw(&mut self) -> Result<(), JsError> {
        let points = self.points();
        draw_on_canvas(&self.canvas, MIN_BACKING_PX, |area, scale| {
            draw_chart(area, &self.chart(&points, scale))
        })?;
        Ok(())
    }
}

impl CapacityChartView {
    fn points(&self) -> Vec<CapacityPoint> {
        self.rows.iter().map(CapacityPoint::from_row).collect()
    }

    fn chart<'a>(&'a self, points: &'a [CapacityPoint], scale: f32) -> CapacityChart<'a> {
        let style = canvas_style(&self.canvas);
        CapacityChart {
            title: self.labels.title(&style),
            y_label: self.labels.loss_axis(&style),
            points,
            depths: &self.depths,
            baseline: self.labels.baseline(&style),
            log_y: self.log_y,
            scale,
            style,
        }
    }
}
