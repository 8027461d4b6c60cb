// "Inside the network": optional views of what the model does, mounted into any container
// and chosen by a list of names (the page's `views=` URL parameter, or a web component's
// `views` attribute). The worker computes their data (views_worker.js); this side draws it.
//
//   const views = mountViews(container, { views: ["predictions", "saturation"], send });
//   views.onStarted(info);        // a new run (re-sends the request to the worker)
//   views.onViewData(message);    // a `view_data` message from the worker
//
// `send(message)` posts to the training worker; `onViewsChange(names)` hears the chooser.
// The page must have initialised the wasm module before mounting (the plots are Rust).

import { translate } from "./i18n.js";
import { el } from "./views_panel.js";
import { createHeatmapView } from "./views_heatmap.js";
import { createPredictionsView } from "./views_predictions.js";
import { createSamplesView } from "./views_samples.js";
import { createSaturationView } from "./views_saturation.js";
import { injectViewStyles } from "./views_style.js";

/** Every view, in display order, with the catalog key of the label the chooser shows. */
export const VIEWS = [
  { name: "predictions", label: "views.predictions.choose", create: createPredictionsView },
  { name: "samples", label: "views.samples.choose", create: createSamplesView },
  { name: "heatmap", label: "views.heatmap.choose", create: createHeatmapView },
  { name: "saturation", label: "views.saturation.choose", create: createSaturationView },
];
export const VIEW_NAMES = VIEWS.map((v) => v.name);

// The worker refreshes open views every this many epochs (and within its time budget).
const EVERY_EPOCHS = 5;

/** Known view names from a list like "predictions,saturation" (any order, any junk). */
export function parseViews(text) {
  const asked = String(text ?? "")
    .replace(/%2C/gi, ",")
    .split(/[\s,+]+/)
    .map((name) => name.trim().toLowerCase());
  return VIEW_NAMES.filter((name) => asked.includes(name));
}

/** The list as the URL carries it. */
export function formatViews(names) {
  return parseViews(names.join(",")).join(",");
}

export function mountViews(container, { views = [], send, onViewsChange = () => {}, chooser = true, onError = console.error }) {
  injectViewStyles(container);
  const root = el("div", { class: "rv-root" });
  const panels = el("div", { class: "rv-panels" });
  const open = new Map(); // name -> view instance
  let names = parseViews(views.join(","));
  let lastData = null;
  let started = false;

  const boxes = new Map();
  if (chooser) {
    const fieldset = el("fieldset", { class: "rv-chooser" }, el("legend", { "data-i18n": "views.chooser" }));
    for (const view of VIEWS) {
      const box = el("input", { type: "checkbox", value: view.name, "data-view-toggle": view.name });
      box.addEventListener("change", () => {
        const chosen = VIEWS.filter((v) => boxes.get(v.name).checked).map((v) => v.name);
        setViews(chosen);
        onViewsChange(names);
      });
      boxes.set(view.name, box);
      fieldset.append(el("label", {}, box, el("span", { "data-i18n": view.label })));
    }
    root.append(fieldset);
  }
  root.append(panels);
  container.append(root);
  translate(root);

  const requestFields = () => {
    const fields = {};
    for (const view of open.values()) Object.assign(fields, view.requestFields?.() ?? {});
    return fields;
  };
  const sendRequest = () => {
    if (!started) return;
    send({ type: "views", views: names, every: EVERY_EPOCHS, ...requestFields() });
  };

  function setViews(list) {
    names = parseViews(list.join(","));
    for (const [name, box] of boxes) box.checked = names.includes(name);
    for (const [name, view] of open) {
      if (!names.includes(name)) {
        view.dispose();
        view.section.remove();
        open.delete(name);
      }
    }
    for (const spec of VIEWS) {
      if (!names.includes(spec.name) || open.has(spec.name)) continue;
      const view = spec.create({ onRequestChange: sendRequest, onError });
      open.set(spec.name, view);
      if (lastData) view.update(lastData);
    }
    // Keep display order whatever the order of opening.
    panels.replaceChildren(...VIEWS.filter((v) => open.has(v.name)).map((v) => open.get(v.name).section));
    if (root.isConnected) translate(panels);
    panels.hidden = open.size === 0;
    sendRequest();
  }

  setViews(names);

  return {
    /** The open views' names. */
    views: () => [...names],
    setViews,
    /** A new run started: forget the old run's data and ask the worker for this one's. */
    onStarted(info) {
      started = true;
      lastData = null;
      for (const view of open.values()) view.clear(info);
      sendRequest();
    },
    /** A `view_data` message from the worker. */
    onViewData(message) {
      if (!message?.data) return;
      lastData = message.data;
      // For benchmarks and the curious: how often views update and what that costs the worker.
      root.dataset.viewUpdates = String(Number(root.dataset.viewUpdates ?? 0) + 1);
      if (Number.isFinite(message.costMs)) {
        root.dataset.viewCostMs = message.costMs.toFixed(2);
        root.dataset.viewCostTotalMs = (Number(root.dataset.viewCostTotalMs ?? 0) + message.costMs).toFixed(2);
      }
      for (const view of open.values()) view.update(message.data);
    },
    dispose() {
      for (const view of open.values()) view.dispose();
      open.clear();
      root.remove();
      if (started && names.length) send({ type: "views", views: [] });
    },
  };
}
