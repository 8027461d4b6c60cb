// Gate saturation (Karpathy, Johnson & Fei-Fei 2015): for each unit of each layer, how often
// its gates are nearly shut (< 0.1) or nearly open (> 0.9) on the validation set. Drawn by
// Rust (SaturationPlot) on a canvas.

import { SaturationPlot } from "./pkg/rnn_playground.js";
import { tr } from "./i18n.js";
import { createPlotView, epochText } from "./views_panel.js";

export function createSaturationView({ onError }) {
  return createPlotView({
    name: "saturation",
    title: "views.saturation.title",
    help: "views.saturation.help",
    canvasLabel: "views.saturation.canvas",
    Plot: SaturationPlot,
    describe,
    onError,
  });
}

/** The scatter in words: per gate type, the share of units mostly open or mostly shut. */
function describe(s, epoch, node) {
  const parts = [];
  for (const gate of [...new Set(s.gates.map((g) => g.gate))]) {
    const units = s.gates.filter((g) => g.gate === gate);
    const total = units.reduce((n, g) => n + g.left.length, 0);
    const open = units.reduce((n, g) => n + g.right.filter((r) => r > 0.5).length, 0);
    const shut = units.reduce((n, g) => n + g.left.filter((l) => l > 0.5).length, 0);
    parts.push(tr(node, "views.saturation.gate", { gate, open, total, shut }));
  }
  const model = `${s.cell} ${s.layers}×${s.units}`;
  return tr(node, "views.saturation.describe", { model, when: epochText(epoch, node), gates: parts.join("; ") });
}
