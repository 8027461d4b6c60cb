//! The views' data drawn with the chart module: one function per view, generic over
//! plotters' `DrawingBackend`, so the page's canvases and the native PNGs show the same
//! pictures with the same titles.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{HeatmapData, InputTrack, PredictionData, SaturationData};
use crate::chart::{
    draw_heatmap, draw_prediction_scatter, draw_saturation, draw_sequences, nice_limit, palette,
    ChartError, GatePoints, HeatmapChart, HeatmapInputs, HeatmapLayout, SaturationChart,
    ScatterChart, ScatterPanel, SequenceChart, SequencePanel,
};

/// Which activations the heatmap shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HeatmapValues {
    /// h_t, the layer's output.
    #[default]
    Hidden,
    /// c_t, the LSTM's cell state (falls back to h for other cells).
    Cell,
}

/// The saturation scatter of `data`, `scale` device pixels per CSS pixel.
pub fn draw_saturation_view<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &SaturationData,
    scale: f32,
) -> Result<(), ChartError> {
    let gates: Vec<GatePoints> = data
        .gates
        .iter()
        .map(|g| GatePoints {
            layer: g.layer,
            gate: g.gate.name(),
            left: &g.left,
            right: &g.right,
        })
        .collect();
    let title = format!(
        "{} {}×{} · gates over {} validation sequences",
        data.cell, data.layers, data.units, data.sequences
    );
    draw_saturation(
        area,
        &SaturationChart {
            title: &title,
            gates: &gates,
            layers: data.layers,
            scale,
        },
    )
}

/// The activation heatmap of `data`, its `values` and the `selected` unit's trace.
pub fn draw_heatmap_view<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &HeatmapData,
    values: HeatmapValues,
    selected: Option<usize>,
    scale: f32,
) -> Result<HeatmapLayout, ChartError> {
    let (shown, name, what) = match (values, &data.cell) {
        (HeatmapValues::Cell, Some(cell)) => (cell, "c", "cell state c"),
        _ => (&data.hidden, "h", "hidden state h"),
    };
    // h of tanh cells lies in (-1, 1): a fixed scale shows how close units come to the ends.
    // Cell states are unbounded and a few counting units can reach 20 or more, so their
    // scale ends at the 98th percentile of |c| and only those few take the end colours.
    let limit = if name == "h" {
        nice_limit(percentile_abs(shown, 1.0), 1.0)
    } else {
        nice_limit(percentile_abs(shown, 0.98), 0.1)
    };
    let layer = if data.layers > 1 {
        format!("layer {} of {}", data.layer + 1, data.layers)
    } else {
        "layer 1".into()
    };
    let title = format!(
        "{} · {what} · validation sequence {}",
        capitalised(&layer),
        data.sequence + 1
    );
    let inputs = match &data.inputs {
        InputTrack::Chars { chars } => HeatmapInputs::Chars(chars),
        InputTrack::Values { names, series } => HeatmapInputs::Values { names, series },
    };
    let chart = HeatmapChart {
        title: &title,
        values: shown,
        steps: data.steps,
        units: data.units,
        limit,
        inputs,
        selected_unit: selected,
        value_name: name,
        scale,
    };
    draw_heatmap(area, &chart)
}

/// Predictions against targets: step by step (forecast) or one dot per sequence (adding).
pub fn draw_predictions_view<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &PredictionData,
    scale: f32,
) -> Result<(), ChartError> {
    match data {
        PredictionData::Sequences { train, val } => {
            let train_title = format!(
                "training sequence {} · MSE {}",
                train.sequence + 1,
                short(train.mse)
            );
            let val_title = format!(
                "validation sequence {} · MSE {}",
                val.sequence + 1,
                short(val.mse)
            );
            let panels = [
                SequencePanel {
                    title: &train_title,
                    targets: &train.targets,
                    predictions: &train.predictions,
                    color: palette::TRAIN,
                },
                SequencePanel {
                    title: &val_title,
                    targets: &val.targets,
                    predictions: &val.predictions,
                    color: palette::VAL,
                },
            ];
            draw_sequences(
                area,
                &SequenceChart {
                    title: "Next value: target and prediction",
                    panels: &panels,
                    scale,
                },
            )
        }
        PredictionData::Scatter {
            train,
            val,
            train_mse,
            val_mse,
        } => {
            let train_title = format!(
                "training · {} sequences · MSE {}",
                train.len(),
                short(*train_mse)
            );
            let val_title = format!(
                "validation · {} sequences · MSE {}",
                val.len(),
                short(*val_mse)
            );
            let panels = [
                ScatterPanel {
                    title: &train_title,
                    points: train,
                    color: palette::TRAIN,
                },
                ScatterPanel {
                    title: &val_title,
                    points: val,
                    color: palette::VAL,
                },
            ];
            draw_prediction_scatter(
                area,
                &ScatterChart {
                    title: "Sum of the marked values: prediction against target",
                    panels: &panels,
                    scale,
                },
            )
        }
    }
}

/// The `q` quantile (0 to 1) of the finite magnitudes in `values`, 0 when there are none.
fn percentile_abs(values: &[f32], q: f64) -> f32 {
    let mut magnitudes: Vec<f32> = values
        .iter()
        .filter(|v| v.is_finite())
        .map(|v| v.abs())
        .collect();
    if magnitudes.is_empty() {
        return 0.0;
    }
    magnitudes.sort_by(f32::total_cmp);
    let index = ((magnitudes.len() - 1) as f64 * q.clamp(0.0, 1.0)).round() as usize;
    magnitudes[index]
}

fn short(value: f32) -> String {
    if value.is_finite() && value.abs() >= 1e-3 {
        format!("{value:.3}")
    } else {
        format!("{value:.1e}")
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
