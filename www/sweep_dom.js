// The markup of sweep mode: the chart card with its transport and progress, the grid
// editor, the results table and its rows, and the slot for the shared settings. sweep.js
// wires them up.

import { formatCount, formatLoss, isNumber, MISSING } from "./format.js";
import { createAlertBox, createNoticeBox, el, formatMs, labTable, numberCell } from "./lab_common.js";

const key = (point) => `${point.hidden}x${point.layers}`;

/** Every element sweep.js drives; `ids(name)` makes ids unique per mount. */
export function buildSweepDom(ids, columns) {
  const notices = createNoticeBox();
  const alertBox = createAlertBox();
  const canvas = el("canvas", {
    class: "lab-chart",
    role: "img",
    "aria-label": "Capacity chart: best and final validation loss and final training loss of each model against its parameter count, one colour per depth. The numbers are in the results table.",
  });
  const runButton = el("button", { type: "button", class: "primary" }, "Run sweep");
  const cancelButton = el("button", { type: "button", disabled: true }, "Cancel");
  const csvButton = el("button", { type: "button", disabled: true }, "Download CSV");
  const pill = el("span", { class: "status-pill", "data-state": "loading" }, "Loading…");
  const logBox = el("input", { type: "checkbox", class: "lab-log-scale" });
  const progress = el("progress", { max: 1, value: 0, "aria-label": "Sweep progress" });
  const progressText = el("span", { class: "lab-progress-text" });
  // Said once when a sweep ends (the progress text changes too often to be read aloud).
  const announcement = el("p", { class: "visually-hidden", "aria-live": "polite" });
  const staleNote = el("p", { class: "lab-stale", hidden: true });
  const hiddenChips = el("div", { class: "lab-chips" });
  const layerChips = el("div", { class: "lab-chips" });
  const workersInput = el("input", { type: "number", min: 1, step: 1, inputmode: "numeric", id: ids("workers") });
  const gridSummary = el("p", { class: "help" });
  const tableBody = el("tbody");
  const settingsSlot = el("div");
  const root = el(
    "div",
    { class: "lab lab-sweep", "data-state": "idle" },
    notices.root,
    alertBox,
    el(
      "section",
      { class: "lab-stage", "aria-label": "Capacity sweep" },
      el(
        "div",
        { class: "card lab-chart-card" },
        el(
          "div",
          { class: "transport" },
          el("div", { class: "buttons" }, runButton, cancelButton, csvButton),
          pill,
          el("label", { class: "inline-check" }, logBox, " Log scale"),
        ),
        el("div", { class: "lab-progress" }, progress, progressText, announcement),
        staleNote,
        canvas,
        el(
          "p",
          { class: "lab-caption" },
          "Each dot is one trained model. Small models sit high on the left: even their training loss is high (underfitting). " +
            "Big ones open a gap between training and validation loss on the right (overfitting).",
        ),
      ),
      el(
        "div",
        { class: "card lab-side" },
        el("h2", { class: "card-title" }, "Grid"),
        el("fieldset", { class: "lab-fieldset" }, el("legend", {}, "Hidden units"), hiddenChips),
        el("fieldset", { class: "lab-fieldset" }, el("legend", {}, "Layers"), layerChips),
        el(
          "div",
          { class: "lab-workers" },
          el("label", { for: ids("workers") }, "Workers"),
          workersInput,
          el("span", { class: "help" }, `training in parallel (this device has ${navigator.hardwareConcurrency || "?"} logical cores)`),
        ),
        gridSummary,
      ),
    ),
    el(
      "section",
      { class: "card lab-results", "aria-labelledby": ids("results-title") },
      el("h2", { class: "card-title", id: ids("results-title") }, "Results"),
      el(
        "div",
        { class: "lab-table-wrap" },
        labTable(
          "lab-sweep-table",
          "Each model of the sweep: size, parameters, losses, time and status",
          [
            ["Model (layers × units)", false],
            ["Parameters", true],
            ["Best validation", true],
            ["Best epoch", true],
            ["Final validation", true],
            ["Final training", true],
            ["ms per epoch", true],
            ["Status", false],
          ],
          tableBody,
        ),
      ),
      el(
        "details",
        { class: "lab-csv-columns" },
        el("summary", {}, "What the CSV columns mean"),
        el("dl", {}, ...columns.flatMap((c) => [el("dt", {}, el("code", {}, c.name)), el("dd", {}, c.meaning)])),
      ),
    ),
    settingsSlot,
  );
  return { notices, alertBox, canvas, runButton, cancelButton, csvButton, pill, logBox, progress, progressText, announcement, staleNote, hiddenChips, layerChips, workersInput, gridSummary, tableBody, settingsSlot, root };
}

/**
 * The results table's rows: every model that has a row (`rows`, from the chart view) or a
 * job of the running pool (`jobs`, keyed "HxL"), by depth then size.
 */
export function resultRows(rows, jobs, cellNames, maxEpochs) {
  const byKey = new Map(rows.map((r) => [key(r), r]));
  const keys = new Set([...byKey.keys(), ...jobs.keys()]);
  const ordered = [...keys].map((k) => byKey.get(k) ?? jobs.get(k)).sort((a, b) => a.layers - b.layers || a.hidden - b.hidden);
  return ordered.map((item) => {
    const row = byKey.get(key(item));
    const job = jobs.get(key(item));
    return el(
      "tr",
      { "data-hidden": item.hidden, "data-layers": item.layers, "data-state": row?.status ?? job?.state ?? "" },
      el("th", { scope: "row" }, `${cellNames[item.cell] ?? ""} ${item.layers}×${item.hidden}`.trim()),
      numberCell("params", row?.params || job?.params, formatCount(row?.params || job?.params)),
      numberCell("best", row?.best_val_loss, formatLoss(row?.best_val_loss)),
      numberCell("best-epoch", row?.best_epoch, formatCount(row?.best_epoch)),
      numberCell("final-val", row?.final_val_loss, formatLoss(row?.final_val_loss)),
      numberCell("final-train", row?.final_train_loss, formatLoss(row?.final_train_loss)),
      numberCell("ms", row?.ms_per_epoch, formatMs(row?.ms_per_epoch)),
      el("td", { class: "lab-status", title: job?.message ?? "" }, statusText(row, job, maxEpochs)),
    );
  });
}

function statusText(row, job, maxEpochs) {
  if (job?.state === "training") return `epoch ${job.epoch} of ${maxEpochs}`;
  if (job?.state === "queued") return "queued";
  if (job?.state === "cancelled") return "cancelled";
  if (row) return row.status === "finished" || row.status === "stopped_early" ? "done" : row.status;
  return MISSING;
}

/** The model with the lowest best validation loss, in words ("" before any). */
export function bestModelText(rows, cellNames) {
  const done = rows.filter((r) => isNumber(r.best_val_loss));
  if (done.length === 0) return "";
  const best = done.reduce((a, b) => (b.best_val_loss < a.best_val_loss ? b : a));
  const name = `${cellNames[best.cell] ?? best.cell} ${best.layers}×${best.hidden}`;
  return `Lowest validation loss: ${formatLoss(best.best_val_loss)}, by ${name} (${formatCount(best.params)} parameters).`;
}

/** Checkbox chips for `choices` and `selected` (ascending), reporting `onToggle(value, on)`. */
export function fillChips(container, choices, selected, idOf, onToggle) {
  const values = [...new Set([...choices, ...selected])].sort((a, b) => a - b);
  container.replaceChildren(
    ...values.map((value) => {
      const box = el("input", { type: "checkbox", id: idOf(value), checked: selected.includes(value), value });
      box.addEventListener("change", () => onToggle(value, box.checked));
      return el("span", { class: "lab-chip" }, box, el("label", { for: idOf(value) }, String(value)));
    }),
  );
}
