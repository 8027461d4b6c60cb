// Predictions against the truth on a training and a validation sequence (forecast), or one
// dot per sequence (adding): memorising shows as a perfect fit on the left and misses on
// the right. Drawn by Rust (PredictionsPlot) on a canvas.

import { PredictionsPlot } from "./pkg/rnn_playground.js";
import { createPlotView, epochText } from "./views_panel.js";

export function createPredictionsView({ onError }) {
  return createPlotView({
    name: "predictions",
    title: "Predictions",
    help:
      "What the network predicts against the truth, on data it trains on (blue) and on data it has never seen (orange). " +
      "A model that memorises fits its training data, noise and all, and misses the validation data.",
    canvasLabel: "Predictions against targets on a training and a validation sequence.",
    Plot: PredictionsPlot,
    describe,
    onError,
  });
}

/** The plot in words: the error on each side. */
function describe(p, epoch) {
  if (p.kind === "sequences") {
    return (
      `Predictions ${epochText(epoch)}: mean squared error ${p.train.mse.toFixed(3)} on training sequence ${p.train.sequence + 1}, ` +
      `${p.val.mse.toFixed(3)} on validation sequence ${p.val.sequence + 1}.`
    );
  }
  if (p.kind === "scatter") {
    return `Predicted against true sums ${epochText(epoch)}: mean squared error ${p.train_mse.toFixed(3)} on training, ${p.val_mse.toFixed(3)} on validation.`;
  }
  return null;
}
