//! The loss chart: training vs validation loss over epochs, drawn with plotters.
//!
//! One drawing function, [`draw_loss_chart`], is generic over plotters' `DrawingBackend`, so
//! the browser canvas (`web::ChartView`) and the native PNG writer ([`write_png`]) draw the
//! same picture. The chart shows:
//! - the train curve (blue, thinner) and the validation curve (orange, thicker);
//! - the gap between them shaded (orange where validation is worse: the overfitting gap);
//! - a marker with its value at the best validation epoch;
//! - the task's baseline as a labelled dashed line;
//! - a title, a legend row under it, axis labels, and an optional log-scale y axis.
//!
//! Input is sanitised rather than trusted: non-finite points are skipped, log scale clamps
//! values to a positive floor, and long histories are [`decimate`]d so a redraw costs the
//! same after 100 epochs or 100 000.

mod axis;
mod capacity;
mod compare;
mod decimate;
mod draw;
mod error;
mod gap;
mod heatmap;
mod history;
mod layout;
mod measure;
mod multi;
#[cfg(not(target_arch = "wasm32"))]
mod native;
pub mod palette;
mod prepare;
mod saturation;
mod sequence;
mod text;
mod view_frame;

pub use capacity::{
    draw_capacity_chart, CapacityChart, CapacityLine, CapacityMetric, CapacityPoint,
    WAITING_FOR_MODELS,
};
#[cfg(not(target_arch = "wasm32"))]
pub use capacity::{render_capacity_rgb, write_capacity_png};
pub use compare::{draw_compare_chart, CompareChart, RunCurves, WAITING_FOR_RUNS};
#[cfg(not(target_arch = "wasm32"))]
pub use compare::{render_compare_rgb, write_compare_png};
pub use decimate::decimate;
pub use draw::draw_loss_chart;
pub use error::ChartError;
pub use heatmap::{draw_heatmap, nice_limit, HeatmapChart, HeatmapInputs, HeatmapLayout};
pub use history::{best_point, LossHistory};
pub use multi::{series_colour, SERIES_COLOURS};
#[cfg(not(target_arch = "wasm32"))]
pub use native::{ensure_font_registered, render_rgb, write_png, FONT_ENV_VAR};
pub use saturation::{draw_saturation, GatePoints, SaturationChart};
pub use sequence::{
    draw_prediction_scatter, draw_sequences, ScatterChart, ScatterPanel, SequenceChart,
    SequencePanel,
};
#[cfg(not(target_arch = "wasm32"))]
pub use view_frame::write_view_png;
pub use view_frame::{diverging_color, draw_message, layer_color, LAYER_COLORS};

/// Most points drawn per series; longer histories are decimated to this many, keeping each
/// bucket's minimum and maximum so spikes and the best epoch stay visible.
pub const MAX_POINTS_PER_SERIES: usize = 400;

/// Everything one frame of the chart shows. Points are `(epoch, loss)`, sorted by epoch.
#[derive(Clone, Copy, Debug)]
pub struct LossChart<'a> {
    /// Drawn at the top left, e.g. "LSTM 1x32 on sine forecasting".
    pub title: &'a str,
    /// What the loss measures, e.g. "MSE" or "nats per char"; the y axis label.
    pub y_label: &'a str,
    pub train: &'a [(f32, f32)],
    pub val: &'a [(f32, f32)],
    /// `(epoch, val_loss)` of the best validation epoch, marked and labelled with its value.
    pub best: Option<(f32, f32)>,
    /// `(loss, label)` of the task's baseline (e.g. "predict the mean"), a dashed line.
    pub baseline: Option<(f32, &'a str)>,
    /// Logarithmic y axis; values at or below zero are drawn at a positive floor.
    pub log_y: bool,
    /// Device pixels per CSS pixel: 1.0 normally, `devicePixelRatio` on HiDPI screens.
    /// Fonts, line widths and margins are multiplied by it.
    pub scale: f32,
}

impl<'a> LossChart<'a> {
    /// A chart of `history` with the best validation epoch already found.
    pub fn from_history(title: &'a str, y_label: &'a str, history: &'a LossHistory) -> Self {
        LossChart {
            title,
            y_label,
            train: &history.train,
            val: &history.val,
            best: history.best,
            baseline: None,
            log_y: false,
            scale: 1.0,
        }
    }
}
