//! Every chart of the playground, drawn with plotters on any backend, so the browser
//! canvases (`web`) and the native PNG writers draw the same pictures.
//!
//! - the loss chart ([`LossChart`]): training vs validation loss over epochs;
//! - the comparison ([`CompareChart`]) and the capacity chart ([`CapacityChart`]);
//! - the inside-the-network views ([`SaturationChart`], [`HeatmapChart`], [`SequenceChart`],
//!   [`ScatterChart`]), built from the trainer's view data by [`draw_saturation_view`],
//!   [`draw_heatmap_view`] and [`draw_predictions_view`].
//!
//! Each is a [`Chart`], drawn by the one entry point [`draw_chart`] (`entry.rs`), which
//! clears the area and sizes everything by the chart's scale and theme; a chart module
//! holds only what it draws. All of them are drawn in one frame (`frame.rs`: title row, legend, axes) with one
//! polyline (`series.rs`). Colours come from the [`Theme`] and every word from the
//! [`ChartWords`] the caller passes in [`ChartStyle`]. Input is sanitised rather than
//! trusted: non-finite points are skipped, log scales clamp values to a positive floor, and
//! long histories are [`decimate`]d so a redraw costs the same after 100 epochs or 100 000.
//!
//! Dependencies point one way: chart reads the core's data types (trainer reports and
//! views, sweep rows); nothing in the core imports chart or plotters.

mod axis;
mod capacity;
mod colour_scale;
mod compare;
mod decimate;
mod entry;
mod error;
mod frame;
mod gap;
mod heatmap;
mod heatmap_tracks;
mod label_spots;
mod loss;
mod measure;
#[cfg(not(target_arch = "wasm32"))]
mod native;
mod network_views;
mod predictions;
mod prepare;
mod saturation;
mod series;
mod sizes;
mod subtitle;
mod text;
mod theme;
mod words;

pub use crate::trainer::{best_point, LossHistory};
pub use capacity::{CapacityChart, CapacityLine, CapacityMetric, CapacityPoint};
pub use colour_scale::diverging_color;
pub use compare::{CompareChart, RunCurves};
pub use decimate::decimate;
pub use entry::{draw_chart, draw_chart_at, Canvas, Chart, ChartLook};
pub use error::ChartError;
pub use frame::draw_message;
pub use heatmap::{nice_limit, HeatmapChart, HeatmapInputs, HeatmapLayout};
pub use loss::LossChart;
#[cfg(not(target_arch = "wasm32"))]
pub use native::{ensure_font_registered, render_rgb, write_png, write_view_png, FONT_ENV_VAR};
pub use network_views::{draw_heatmap_view, draw_predictions_view, draw_saturation_view};
pub use predictions::{PanelChart, ScatterChart, ScatterPanel, SequenceChart, SequencePanel};
pub use saturation::{GatePoints, SaturationChart};
pub use sizes::MIN_FONT_CSS_PX;
pub use subtitle::{draw_loss_chart_with_subtitle, SUBTITLE_SEPARATOR};
pub use text::FONT_STACK;
pub use theme::{palette, Theme, GAP_OPACITY};
pub use words::{fill, ChartWords};

/// The light theme's series colours, for tests and the page's table swatches.
pub const SERIES_COLOURS: [plotters::style::RGBColor; 4] = Theme::LIGHT.series;

/// Most points drawn per series; longer histories are decimated to this many, keeping each
/// bucket's minimum and maximum so spikes and the best epoch stay visible.
pub const MAX_POINTS_PER_SERIES: usize = 400;

/// How a chart is dressed: the colours and the words it draws by itself. The caller picks
/// both, so a dark page or another language needs no change in the drawing code.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartStyle<'a> {
    pub theme: &'a Theme,
    pub words: &'a ChartWords<'a>,
}

impl Default for ChartStyle<'static> {
    /// The light theme in English, as the page shows it today.
    fn default() -> Self {
        ChartStyle {
            theme: &Theme::LIGHT,
            words: ChartWords::english(),
        }
    }
}
