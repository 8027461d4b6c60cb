// Gate saturation (Karpathy, Johnson & Fei-Fei 2015): for each unit of each layer, how often
// its gates are nearly shut (< 0.1) or nearly open (> 0.9) on the validation set. Drawn by
// Rust (SaturationPlot) on a canvas.

import { SaturationPlot } from "./pkg/rnn_playground.js";
import { createPlotView, epochText } from "./views_panel.js";

export function createSaturationView({ onError }) {
  return createPlotView({
    name: "saturation",
    title: "Gate saturation",
    help:
      "Each dot is one unit's gate: how often, over the validation set, it is nearly shut (< 0.1, across) " +
      "or nearly open (> 0.9, up). Forget gates high on the left are units that remember; dots near the corner " +
      "at 0 are gates used gradually.",
    canvasLabel: "Scatter of gate saturation per unit.",
    Plot: SaturationPlot,
    describe,
    onError,
  });
}

/** The scatter in words: per gate type, the share of units mostly open or mostly shut. */
function describe(s, epoch) {
  const parts = [];
  for (const gate of [...new Set(s.gates.map((g) => g.gate))]) {
    const units = s.gates.filter((g) => g.gate === gate);
    const total = units.reduce((n, g) => n + g.left.length, 0);
    const open = units.reduce((n, g) => n + g.right.filter((r) => r > 0.5).length, 0);
    const shut = units.reduce((n, g) => n + g.left.filter((l) => l > 0.5).length, 0);
    parts.push(`${gate} gate: ${open} of ${total} units open more than half the time, ${shut} shut more than half the time`);
  }
  return `Gate saturation of the ${s.cell} ${s.layers}×${s.units} ${epochText(epoch)}. ${parts.join("; ")}.`;
}
