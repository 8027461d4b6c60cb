// The activations of one layer over a validation sequence, units by time, with the inputs
// along the time axis. Pointing at a row (or focusing the canvas and pressing the arrow
// keys) draws that unit's trace under the grid. Drawn by Rust (HeatmapPlot) on a canvas.

import { HeatmapPlot } from "./pkg/rnn_playground.js";
import { LANGUAGE_EVENT, tr } from "./i18n.js";
import { attachPlot, createPanel, el, epochText } from "./views_panel.js";

export function createHeatmapView({ onRequestChange, onError }) {
  const panel = createPanel({
    name: "heatmap",
    title: "views.heatmap.title",
    help: "views.heatmap.help",
    wide: true,
  });
  const layerSelect = el("select", { "data-heatmap-layer": true, "aria-describedby": panel.helpId });
  const layerLabel = el("label", { hidden: true }, el("span", { "data-i18n": "views.heatmap.layer" }), layerSelect);
  const cellBox = el("input", { type: "checkbox", "data-heatmap-cell": true, "aria-describedby": panel.helpId });
  const cellLabel = el("label", { hidden: true }, cellBox, el("span", { "data-i18n": "views.heatmap.cell" }));
  panel.section.append(el("div", { class: "rv-controls" }, layerLabel, cellLabel));
  const canvas = el("canvas", {
    class: "rv-canvas rv-canvas-heatmap",
    role: "img",
    tabindex: "0",
    "data-i18n-attr": "aria-label:views.heatmap.canvas",
  });
  const spoken = el("p", { class: "rv-visually-hidden", "aria-live": "polite" });
  panel.section.append(canvas, spoken);

  const { plot, loop, clear, dispose } = attachPlot(panel, canvas, HeatmapPlot, onError);
  let layer = 0;

  const select = (unit, announce) => {
    if (unit === plot.selected_unit()) return;
    plot.select_unit(unit);
    canvas.dataset.selectedUnit = String(plot.selected_unit());
    if (announce) spoken.textContent = plot.describe_selected();
    loop.request();
  };

  const position = (event) => {
    const rect = canvas.getBoundingClientRect();
    return [event.clientX - rect.left, event.clientY - rect.top];
  };
  canvas.addEventListener("pointermove", (event) => {
    const unit = plot.unit_at(...position(event));
    if (unit >= 0) select(unit, false);
  });
  canvas.addEventListener("pointerdown", (event) => {
    const unit = plot.unit_at(...position(event));
    if (unit >= 0) select(unit, true);
  });
  canvas.addEventListener("keydown", (event) => {
    const units = plot.units();
    if (!units) return;
    const current = plot.selected_unit();
    const moves = {
      ArrowDown: current < 0 ? 0 : Math.min(units - 1, current + 1),
      ArrowUp: current < 0 ? 0 : Math.max(0, current - 1),
      PageDown: Math.min(units - 1, Math.max(0, current) + 10),
      PageUp: Math.max(0, current - 10),
      Home: 0,
      End: units - 1,
      Escape: -1,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    select(moves[event.key], true);
  });

  layerSelect.addEventListener("change", () => {
    layer = Number(layerSelect.value);
    onRequestChange();
  });
  cellBox.addEventListener("change", () => {
    plot.set_cell(cellBox.checked);
    spoken.textContent = plot.describe_selected();
    loop.request();
  });

  const layerName = (k, count) => tr(layerSelect, "views.heatmap.layer_of", { layer: k + 1, layers: count });
  const showLayers = (count) => {
    if (layerSelect.options.length !== count) {
      layerSelect.replaceChildren(...Array.from({ length: count }, (_, k) => el("option", { value: k }, layerName(k, count))));
    }
    layer = Math.min(layer, Math.max(0, count - 1));
    layerSelect.value = String(layer);
    layerLabel.hidden = count < 2;
  };

  // A language switch says the selected unit (src/web/views_api.rs, from the catalog) and
  // the layers' names again in the new words.
  const relabel = () => {
    if (spoken.textContent) spoken.textContent = plot.describe_selected();
    const count = layerSelect.options.length;
    for (const [k, option] of [...layerSelect.options].entries()) option.textContent = layerName(k, count);
  };
  window.addEventListener(LANGUAGE_EVENT, relabel);

  return {
    section: panel.section,
    requestFields: () => ({ layer }),
    update(data) {
      const unavailable = data.unavailable?.find((u) => u.view === "heatmap");
      panel.setNote(unavailable ?? null);
      canvas.hidden = Boolean(unavailable);
      if (unavailable) return;
      plot.set_data(data.heatmap ?? null);
      const h = data.heatmap;
      if (h) {
        showLayers(h.layers);
        cellLabel.hidden = !plot.has_cell();
        canvas.dataset.units = String(h.units);
        canvas.dataset.steps = String(h.steps);
        canvas.dataset.layer = String(h.layer);
      }
      panel.setStatus(() => epochText(data.epoch, canvas));
      loop.request();
    },
    clear,
    dispose() {
      window.removeEventListener(LANGUAGE_EVENT, relabel);
      dispose();
    },
  };
}
