// Building blocks shared by the views: a panel (title, status, help, a note for "not for
// this task"), a Rust plot on a canvas redrawn through the shared draw loop, and a DOM helper that
// only ever sets text (never HTML), so data can never become markup.

import { createDrawLoop } from "./draw_loop.js";
import { LANGUAGE_EVENT, sayWords, tr } from "./i18n.js";

/** An element with attributes and children (strings become text nodes). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === false || value === undefined || value === null) continue;
    node.setAttribute(key, value === true ? "" : String(value));
  }
  node.append(...children);
  return node;
}

let panelCount = 0;

/**
 * A view's card: heading, status line, help text, a note (hidden) and room for content.
 * `title` and `help` are catalog keys, filled when the views are mounted (translate).
 */
export function createPanel({ name, title, help, wide = false }) {
  panelCount += 1;
  const headingId = `rv-${name}-title-${panelCount}`;
  const status = el("p", { class: "rv-status", "data-view-status": true, "aria-live": "off" });
  const note = el("p", { class: "rv-note", "data-view-note": true, hidden: true });
  const head = el("div", { class: "rv-head" }, el("h3", { id: headingId, "data-i18n": title }), status);
  let sayStatus = () => "";
  const resayStatus = () => (status.textContent = sayStatus());
  window.addEventListener(LANGUAGE_EVENT, resayStatus);
  const section = el(
    "section",
    { class: wide ? "rv-panel rv-wide" : "rv-panel", "data-view": name, "aria-labelledby": headingId },
    head,
    el("p", { class: "rv-help", id: `${headingId}-help`, "data-i18n": help }),
    note,
  );
  return {
    section,
    head,
    /** Id of the help text, for aria-describedby. */
    helpId: `${headingId}-help`,
    /**
     * The status line, e.g. "after epoch 12": `say()` gives it in the current language and
     * is asked again after a language switch.
     */
    setStatus(say) {
      sayStatus = say;
      resayStatus();
    },
    /**
     * Why the view has nothing to show (the worker's `unavailable` entry, its reason in
     * every language), or null to hide the note.
     */
    setNote(unavailable) {
      if (unavailable) sayWords(note, unavailable.words, unavailable.reason);
      else note.textContent = "";
      note.hidden = !unavailable;
    },
    dispose() {
      window.removeEventListener(LANGUAGE_EVENT, resayStatus);
    },
  };
}

/** "after epoch 12" (or "untrained" at epoch 0), in the language of `node`. */
export function epochText(epoch, node) {
  return epoch > 0 ? tr(node, "views.after_epoch", { epoch }) : tr(node, "views.untrained");
}

// Drawing may take at most about a fifth of the main thread; benchmarks read "view-draw".
const VIEW_DRAW = { duty: 5, measure: "view-draw" };

/**
 * A Rust plot (`Plot`, with `set_data`, `draw` and `free`) drawing `canvas` in `panel`
 * through the shared draw loop, with the `clear` and `dispose` every such view needs.
 */
export function attachPlot(panel, canvas, Plot, onError) {
  const plot = new Plot(canvas);
  const loop = createDrawLoop(canvas, () => plot.draw(), onError, VIEW_DRAW);
  return {
    plot,
    loop,
    clear() {
      plot.set_data(null);
      panel.setStatus(() => "");
      panel.setNote(null);
      canvas.hidden = false;
      loop.request();
    },
    dispose() {
      loop.dispose();
      plot.free();
      panel.dispose();
    },
  };
}

/**
 * A view that is one panel holding one canvas drawn by a Rust plot (`Plot`, with
 * `set_data`, `draw` and `free`), fed `data[name]` from each view update.
 * `describe(viewData, epoch)` returns the canvas's aria-label, or null to keep the last.
 */
export function createPlotView({ name, title, help, canvasLabel, Plot, describe, onError }) {
  const panel = createPanel({ name, title, help, wide: true });
  const canvas = el("canvas", {
    class: `rv-canvas rv-canvas-${name}`,
    role: "img",
    "data-i18n-attr": `aria-label:${canvasLabel}`,
  });
  panel.section.append(canvas);
  const { plot, loop, clear, dispose } = attachPlot(panel, canvas, Plot, onError);
  let described = null; // the last data the label describes, said again after a switch
  const label = () => {
    const text = described ? describe(described.viewData, described.epoch, canvas) : null;
    if (text) canvas.setAttribute("aria-label", text);
  };
  window.addEventListener(LANGUAGE_EVENT, label);

  return {
    section: panel.section,
    update(data) {
      const unavailable = data.unavailable?.find((u) => u.view === name);
      panel.setNote(unavailable ?? null);
      canvas.hidden = Boolean(unavailable);
      if (unavailable) return;
      const viewData = data[name] ?? null;
      plot.set_data(viewData);
      panel.setStatus(() => epochText(data.epoch, canvas));
      described = viewData ? { viewData, epoch: data.epoch } : described;
      label();
      loop.request();
    },
    clear,
    dispose() {
      window.removeEventListener(LANGUAGE_EVENT, label);
      dispose();
    },
  };
}
