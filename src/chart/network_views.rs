//! The trainer's inside-the-network views drawn: one function per view, generic over
//! plotters' `DrawingBackend`, so the page's canvases and the native PNGs show the same
//! pictures with the same titles.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::words::{fill, ChartWords};
use super::{
    draw_chart, nice_limit, ChartError, ChartStyle, GatePoints, HeatmapChart, HeatmapInputs,
    HeatmapLayout, SaturationChart, ScatterChart, ScatterPanel, SequenceChart, SequencePanel,
};
use crate::trainer::{
    HeatmapData, HeatmapValues, InputTrack, PredictionData, SaturationData, SequenceTrace,
};

/// The saturation scatter of `data`, `scale` device pixels per CSS pixel.
pub fn draw_saturation_view<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &SaturationData,
    scale: f32,
    style: ChartStyle,
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
    let model = format!("{} {}×{}", data.cell, data.layers, data.units);
    let sequences = data.sequences.to_string();
    let blanks = [("model", model.as_str()), ("sequences", &sequences)];
    let title = fill(style.words.gates_title, &blanks);
    draw_chart(
        area,
        &SaturationChart {
            title: &title,
            gates: &gates,
            layers: data.layers,
            scale,
            style,
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
    style: ChartStyle,
) -> Result<HeatmapLayout, ChartError> {
    let words = style.words;
    let (shown, name, what) = match (values, &data.cell) {
        (HeatmapValues::Cell, Some(cell)) => (cell, "c", words.cell_state),
        _ => (&data.hidden, "h", words.hidden_state),
    };
    // h of tanh cells lies in (-1, 1): a fixed scale shows how close units come to the ends.
    // Cell states are unbounded and a few counting units can reach 20 or more, so their
    // scale ends at the 98th percentile of |c| and only those few take the end colours.
    let limit = if name == "h" {
        nice_limit(percentile_abs(shown, 1.0), 1.0)
    } else {
        nice_limit(percentile_abs(shown, 0.98), 0.1)
    };
    let (layer, layers) = ((data.layer + 1).to_string(), data.layers.to_string());
    let layer = if data.layers > 1 {
        fill(words.layer_of, &[("layer", &layer), ("layers", &layers)])
    } else {
        fill(words.layer_n, &[("layer", "1")])
    };
    let sequence = (data.sequence + 1).to_string();
    let title = fill(
        words.heatmap_title,
        &[
            ("layer", &capitalised(&layer)),
            ("values", what),
            ("sequence", &sequence),
        ],
    );
    let track_names: Vec<String>;
    let inputs = match &data.inputs {
        InputTrack::Chars { chars } => HeatmapInputs::Chars(chars),
        InputTrack::Values { names, series } => {
            track_names = names.iter().map(|id| track_name(id, words)).collect();
            HeatmapInputs::Values {
                names: &track_names,
                series,
            }
        }
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
        style,
    };
    draw_chart(area, &chart)
}

/// Predictions against targets: step by step (forecast) or one dot per sequence (adding).
pub fn draw_predictions_view<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &PredictionData,
    scale: f32,
    style: ChartStyle,
) -> Result<(), ChartError> {
    let (words, theme) = (style.words, style.theme);
    match data {
        PredictionData::Sequences { train, val } => {
            let title = |template: &str, sequence: usize, mse: f32| {
                let sequence = (sequence + 1).to_string();
                fill(template, &[("sequence", &sequence), ("mse", &short(mse))])
            };
            let train_title = title(words.training_sequence, train.sequence, train.mse);
            let val_title = title(words.validation_sequence, val.sequence, val.mse);
            let panels = [
                panel(&train_title, train, theme.train),
                panel(&val_title, val, theme.val),
            ];
            let chart = SequenceChart {
                title: words.next_value_title,
                panels: &panels,
                scale,
                style,
            };
            draw_chart(area, &chart)
        }
        PredictionData::Scatter {
            train,
            val,
            train_mse,
            val_mse,
        } => {
            let title = |template: &str, count: usize, mse: f32| {
                let count = count.to_string();
                fill(template, &[("count", &count), ("mse", &short(mse))])
            };
            let train_title = title(words.training_sequences, train.len(), *train_mse);
            let val_title = title(words.validation_sequences, val.len(), *val_mse);
            let panels = [
                ScatterPanel {
                    title: &train_title,
                    points: train,
                    color: theme.train,
                },
                ScatterPanel {
                    title: &val_title,
                    points: val,
                    color: theme.val,
                },
            ];
            let chart = ScatterChart {
                title: words.sum_title,
                panels: &panels,
                scale,
                style,
            };
            draw_chart(area, &chart)
        }
    }
}

fn panel<'a>(title: &'a str, trace: &'a SequenceTrace, color: RGBColor) -> SequencePanel<'a> {
    SequencePanel {
        title,
        targets: &trace.targets,
        predictions: &trace.predictions,
        color,
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

/// An input track's name in the chart's words: the views name them by id (`input`,
/// `input:2`, `value`, `marker`); an unknown id is shown as it is.
fn track_name(id: &str, words: &ChartWords) -> String {
    match id.split_once(':') {
        Some(("input", n)) => fill(words.input_n, &[("n", n)]),
        _ => match id {
            "input" => words.input.to_string(),
            "value" => words.value.to_string(),
            "marker" => words.marker.to_string(),
            other => other.to_string(),
        },
    }
}
