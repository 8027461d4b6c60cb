//! The "inside the network" views in the browser. The worker computes their data from its
//! trainer (`TrainerHandle::view_data`, in the worker's module); the page draws it on
//! canvases with the same plotters functions the native example uses ([`PredictionsPlot`],
//! [`HeatmapPlot`], [`SaturationPlot`]). Samples are text, which the page shows as DOM text.

use super::canvas_size::draw_on_canvas;
use super::chart_labels::{canvas_catalog, canvas_style};
use crate::chart::{
    draw_heatmap_view, draw_message, draw_predictions_view, draw_saturation_view, ChartError,
    HeatmapLayout,
};
use crate::i18n::Message;
use crate::trainer::{HeatmapData, HeatmapValues, PredictionData, SaturationData};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Below this many device pixels per side nothing is drawn (a hidden or collapsed canvas).
const MIN_BACKING_PX: f64 = 48.0;

/// Runs `draw` on `canvas` at its current size; `Ok(None)` when the canvas is hidden.
fn draw_on<T>(
    canvas: &HtmlCanvasElement,
    draw: impl FnOnce(&DrawingArea<CanvasBackend, Shift>, f32) -> Result<T, ChartError>,
) -> Result<Option<T>, JsError> {
    draw_on_canvas(canvas, MIN_BACKING_PX, draw)
}

/// Reads view data posted by the worker; `null` / `undefined` mean "none yet".
fn read<T: DeserializeOwned>(data: JsValue, what: &str) -> Result<Option<T>, JsError> {
    if data.is_null() || data.is_undefined() {
        return Ok(None);
    }
    serde_wasm_bindgen::from_value(data)
        .map(Some)
        .map_err(|e| JsError::new(&format!("unreadable {what} data: {e}")))
}

/// A view drawn from one kind of view data, or a waiting message until it arrives. wasm
/// can export no generic type, so each such view is one expansion of this macro.
macro_rules! data_plot {
    ($(#[$doc:meta])* $plot:ident, $data:ty, $field:literal, $draw:ident, $heading:ident) => {
        $(#[$doc])*
        #[wasm_bindgen]
        pub struct $plot {
            canvas: HtmlCanvasElement,
            data: Option<$data>,
        }

        #[wasm_bindgen]
        impl $plot {
            #[wasm_bindgen(constructor)]
            pub fn new(canvas: HtmlCanvasElement) -> $plot {
                $plot { canvas, data: None }
            }

            #[doc = concat!("The `", $field, "` field of a `view_data` message (`null` clears).")]
            pub fn set_data(&mut self, data: JsValue) -> Result<(), JsError> {
                self.data = read(data, $field)?;
                Ok(())
            }

            pub fn draw(&self) -> Result<(), JsError> {
                let style = canvas_style(&self.canvas);
                let words = style.words;
                draw_on(&self.canvas, |area, scale| match &self.data {
                    Some(data) => $draw(area, data, scale, style),
                    None => draw_message(
                        area,
                        words.$heading,
                        words.waiting_for_network,
                        scale,
                        style.theme,
                    ),
                })
                .map(|_| ())
            }
        }
    };
}

data_plot!(
    /// Predictions against targets on a canvas.
    PredictionsPlot,
    PredictionData,
    "predictions",
    draw_predictions_view,
    predictions
);

data_plot!(
    /// The gate saturation scatter on a canvas.
    SaturationPlot,
    SaturationData,
    "saturation",
    draw_saturation_view,
    gate_saturation
);

/// The activation heatmap on a canvas, with a selectable unit whose trace is drawn.
#[wasm_bindgen]
pub struct HeatmapPlot {
    canvas: HtmlCanvasElement,
    data: Option<HeatmapData>,
    values: HeatmapValues,
    selected: Option<usize>,
    layout: HeatmapLayout,
    /// Device pixels per CSS pixel at the last draw.
    scale: f64,
}

#[wasm_bindgen]
impl HeatmapPlot {
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement) -> HeatmapPlot {
        HeatmapPlot {
            canvas,
            data: None,
            values: HeatmapValues::Hidden,
            selected: None,
            layout: HeatmapLayout::default(),
            scale: 1.0,
        }
    }

    /// The `heatmap` field of a `view_data` message (`null` clears). Keeps the selected unit
    /// while it exists.
    pub fn set_data(&mut self, data: JsValue) -> Result<(), JsError> {
        self.data = read(data, "heatmap")?;
        let units = self.units();
        self.selected = self.selected.filter(|&u| u < units as usize);
        Ok(())
    }

    /// Show the LSTM cell state c instead of the hidden state h.
    pub fn set_cell(&mut self, on: bool) {
        self.values = if on {
            HeatmapValues::Cell
        } else {
            HeatmapValues::Hidden
        };
    }

    /// Whether the data has a cell state to show (LSTM).
    pub fn has_cell(&self) -> bool {
        self.data.as_ref().is_some_and(|d| d.cell.is_some())
    }

    pub fn units(&self) -> u32 {
        self.data.as_ref().map_or(0, |d| d.units as u32)
    }

    pub fn layers(&self) -> u32 {
        self.data.as_ref().map_or(0, |d| d.layers as u32)
    }

    /// Select unit `unit` for the trace; a negative or too large number clears the selection.
    pub fn select_unit(&mut self, unit: i32) {
        self.selected = usize::try_from(unit)
            .ok()
            .filter(|&u| u < self.units() as usize);
    }

    /// The selected unit, or -1.
    pub fn selected_unit(&self) -> i32 {
        self.selected.map_or(-1, |u| u as i32)
    }

    /// The unit under a point given in CSS pixels from the canvas' top left, or -1.
    pub fn unit_at(&self, css_x: f64, css_y: f64) -> i32 {
        self.layout
            .unit_at(css_x * self.scale, css_y * self.scale)
            .map_or(-1, |u| u as i32)
    }

    /// One sentence about the selected unit's trace, for screen readers, in the language
    /// around the canvas.
    pub fn describe_selected(&self) -> String {
        let (Some(data), Some(unit)) = (&self.data, self.selected) else {
            return String::new();
        };
        let values = match (self.values, &data.cell) {
            (HeatmapValues::Cell, Some(cell)) => cell,
            _ => &data.hidden,
        };
        let trace: Vec<(usize, f32)> = (0..data.steps)
            .map(|t| (t + 1, values[t * data.units + unit]))
            .filter(|(_, v)| v.is_finite())
            .collect();
        let lowest = trace.iter().min_by(|a, b| a.1.total_cmp(&b.1));
        let highest = trace.iter().max_by(|a, b| a.1.total_cmp(&b.1));
        let message = match (lowest, highest) {
            (Some(lo), Some(hi)) => Message::new(
                "views.heatmap.selected",
                &[
                    ("unit", unit.to_string()),
                    ("lowest", format!("{:.2}", lo.1)),
                    ("lowest_step", lo.0.to_string()),
                    ("highest", format!("{:.2}", hi.1)),
                    ("highest_step", hi.0.to_string()),
                ],
            ),
            _ => Message::new(
                "views.heatmap.selected_empty",
                &[("unit", unit.to_string())],
            ),
        };
        message.render(canvas_catalog(&self.canvas))
    }

    pub fn draw(&mut self) -> Result<(), JsError> {
        let (data, values, selected) = (&self.data, self.values, self.selected);
        let style = canvas_style(&self.canvas);
        let words = style.words;
        let drawn = draw_on(&self.canvas, |area, scale| match data {
            Some(data) => draw_heatmap_view(area, data, values, selected, scale, style)
                .map(|layout| (layout, scale)),
            None => draw_message(
                area,
                words.activations,
                words.waiting_for_network,
                scale,
                style.theme,
            )
            .map(|_| (HeatmapLayout::default(), scale)),
        })?;
        if let Some((layout, scale)) = drawn {
            self.layout = layout;
            self.scale = f64::from(scale);
        }
        Ok(())
    }
}
