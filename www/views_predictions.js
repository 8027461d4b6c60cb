// Predictions against the truth on a training and a validation sequence (forecast), or one
// dot per sequence (adding): memorising shows as a perfect fit on the left and misses on
// the right. Drawn by Rust (PredictionsPlot) on a canvas.

import { PredictionsPlot } from "./pkg/rnn_playground.js";
import { createDrawLoop, createPanel, el, epochText } from "./views_panel.js";

export function createPredictionsView({ onError }) {
  const panel = createPanel({
    name: "predictions",
    title: "Predictions",
    help:
      "What the network predicts against the truth, on data it trains on (blue) and on data it has never seen (orange). " +
      "A model that memorises fits its training data, noise and all, and misses the validation data.",
    wide: true,
  });
  const canvas = el("canvas", {
    class: "rv-canvas rv-canvas-predictions",
    role: "img",
    "aria-label": "Predictions against targets on a training and a validation sequence.",
  });
  panel.section.append(canvas);
  const plot = new PredictionsPlot(canvas);
  const loop = createDrawLoop(canvas, () => plot.draw(), onError);

  return {
    section: panel.section,
    update(data) {
      const unavailable = data.unavailable?.find((u) => u.view === "predictions");
      panel.setNote(unavailable?.reason ?? null);
      canvas.hidden = Boolean(unavailable);
      if (unavailable) return;
      plot.set_data(data.predictions ?? null);
      panel.setStatus(epochText(data.epoch));
      const p = data.predictions;
      if (p?.kind === "sequences") {
        canvas.setAttribute(
          "aria-label",
          `Predictions ${epochText(data.epoch)}: mean squared error ${p.train.mse.toFixed(3)} on training sequence ${p.train.sequence + 1}, ` +
            `${p.val.mse.toFixed(3)} on validation sequence ${p.val.sequence + 1}.`,
        );
      } else if (p?.kind === "scatter") {
        canvas.setAttribute(
          "aria-label",
          `Predicted against true sums ${epochText(data.epoch)}: mean squared error ${p.train_mse.toFixed(3)} on training, ${p.val_mse.toFixed(3)} on validation.`,
        );
      }
      loop.request();
    },
    clear() {
      plot.set_data(null);
      panel.setStatus("");
      panel.setNote(null);
      canvas.hidden = false;
      loop.request();
    },
    dispose() {
      loop.dispose();
      plot.free();
    },
  };
}
