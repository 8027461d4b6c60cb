// Gate saturation (Karpathy, Johnson & Fei-Fei 2015): for each unit of each layer, how often
// its gates are nearly shut (< 0.1) or nearly open (> 0.9) on the validation set. Drawn by
// Rust (SaturationPlot) on a canvas.

import { SaturationPlot } from "./pkg/rnn_playground.js";
import { createDrawLoop, createPanel, el, epochText } from "./views_panel.js";

export function createSaturationView({ onError }) {
  const panel = createPanel({
    name: "saturation",
    title: "Gate saturation",
    help:
      "Each dot is one unit's gate: how often, over the validation set, it is nearly shut (< 0.1, across) " +
      "or nearly open (> 0.9, up). Forget gates high on the left are units that remember; dots near the corner " +
      "at 0 are gates used gradually.",
    wide: true,
  });
  const canvas = el("canvas", {
    class: "rv-canvas rv-canvas-saturation",
    role: "img",
    "aria-label": "Scatter of gate saturation per unit.",
  });
  panel.section.append(canvas);
  const plot = new SaturationPlot(canvas);
  const loop = createDrawLoop(canvas, () => plot.draw(), onError);

  return {
    section: panel.section,
    update(data) {
      const unavailable = data.unavailable?.find((u) => u.view === "saturation");
      panel.setNote(unavailable?.reason ?? null);
      canvas.hidden = Boolean(unavailable);
      if (unavailable) return;
      plot.set_data(data.saturation ?? null);
      panel.setStatus(epochText(data.epoch));
      const s = data.saturation;
      if (s) canvas.setAttribute("aria-label", describe(s, data.epoch));
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
