// Predictions against the truth on a training and a validation sequence (forecast), or one
// dot per sequence (adding): memorising shows as a perfect fit on the left and misses on
// the right. Drawn by Rust (PredictionsPlot) on a canvas.

import { PredictionsPlot } from "./pkg/rnn_playground.js";
import { tr } from "./i18n.js";
import { createPlotView, epochText } from "./views_panel.js";

export function createPredictionsView({ onError }) {
  return createPlotView({
    name: "predictions",
    title: "views.predictions.title",
    help: "views.predictions.help",
    canvasLabel: "views.predictions.canvas",
    Plot: PredictionsPlot,
    describe,
    onError,
  });
}

/** The plot in words: the error on each side, in the language of `node`. */
function describe(p, epoch, node) {
  const when = epochText(epoch, node);
  if (p.kind === "sequences") {
    return tr(node, "views.predictions.sequences", {
      when,
      train_mse: p.train.mse.toFixed(3),
      train_sequence: p.train.sequence + 1,
      val_mse: p.val.mse.toFixed(3),
      val_sequence: p.val.sequence + 1,
    });
  }
  if (p.kind === "scatter") {
    return tr(node, "views.predictions.scatter", { when, train_mse: p.train_mse.toFixed(3), val_mse: p.val_mse.toFixed(3) });
  }
  return null;
}
