// The markup of sweep mode: the chart card with its transport and progress, the grid
// editor, the results table and its rows, and the slot for the shared settings. sweep.js
// wires them up.

import { formatCount, formatLoss, isNumber, MISSING } from "./format.js";
import { tr } from "./i18n.js";
import { createAlertBox, createNoticeBox, el, formatMs, labTable, numberCell } from "./lab_common.js";

const key = (point) => `${point.hidden}x${point.layers}`;
/** An element whose text is the catalog message `key`, filled once mounted (translate). */
const say = (tag, attributes, key) => el(tag, { ...attributes, "data-i18n": key });

/**
 * Every element sweep.js drives; `ids(name)` makes ids unique per mount. Texts are catalog
 * keys (data-i18n), filled in the mount's language by translate() once it is on the page.
 */
export function buildSweepDom(ids, columns) {
  const notices = createNoticeBox();
  const alertBox = createAlertBox();
  const canvas = el("canvas", {
    class: "lab-chart",
    role: "img",
    "data-i18n-attr": "aria-label:sweep.chart_label",
  });
  const runButton = say("button", { type: "button", class: "primary" }, "sweep.run");
  const cancelButton = say("button", { type: "button", disabled: true }, "sweep.cancel");
  const csvButton = say("button", { type: "button", disabled: true }, "sweep.csv");
  const pill = say("span", { class: "status-pill", "data-state": "loading" }, "status.loading");
  const logBox = el("input", { type: "checkbox", class: "lab-log-scale" });
  const progress = el("progress", { max: 1, value: 0, "data-i18n-attr": "aria-label:sweep.progress" });
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
      { class: "lab-stage", "data-i18n-attr": "aria-label:page.mode.sweep" },
      el(
        "div",
        { class: "card lab-chart-card" },
        el(
          "div",
          { class: "transport" },
          el("div", { class: "buttons" }, runButton, cancelButton, csvButton),
          pill,
          el("label", { class: "inline-check" }, logBox, " ", say("span", {}, "page.log_scale")),
        ),
        el("div", { class: "lab-progress" }, progress, progressText, announcement),
        staleNote,
        canvas,
        say("p", { class: "lab-caption" }, "sweep.caption"),
      ),
      el(
        "div",
        { class: "card lab-side" },
        say("h2", { class: "card-title" }, "sweep.grid"),
        el("fieldset", { class: "lab-fieldset" }, say("legend", {}, "param.hidden.label"), hiddenChips),
        el("fieldset", { class: "lab-fieldset" }, say("legend", {}, "param.layers.label"), layerChips),
        el(
          "div",
          { class: "lab-workers" },
          say("label", { for: ids("workers") }, "sweep.workers"),
          workersInput,
          el("span", { class: "help", "data-i18n": "sweep.workers_help", "data-i18n-values": JSON.stringify({ cores: navigator.hardwareConcurrency || "?" }) }),
        ),
        gridSummary,
      ),
    ),
    el(
      "section",
      { class: "card lab-results", "aria-labelledby": ids("results-title") },
      say("h2", { class: "card-title", id: ids("results-title") }, "sweep.results"),
      el(
        "div",
        { class: "lab-table-wrap" },
        labTable(
          "lab-sweep-table",
          say("span", {}, "sweep.table_caption"),
          [
            [say("span", {}, "sweep.col.model"), false],
            [say("span", {}, "readout.params"), true],
            [say("span", {}, "sweep.col.best"), true],
            [say("span", {}, "sweep.col.best_epoch"), true],
            [say("span", {}, "sweep.col.final_val"), true],
            [say("span", {}, "sweep.col.final_train"), true],
            [say("span", {}, "sweep.col.ms"), true],
            [say("span", {}, "sweep.col.status"), false],
          ],
          tableBody,
        ),
      ),
      el(
        "details",
        { class: "lab-csv-columns" },
        say("summary", {}, "sweep.csv_columns"),
        el("dl", {}, ...columns.flatMap((c) => [el("dt", {}, el("code", {}, c.name)), say("dd", {}, `csv.${c.name}`)])),
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
export function resultRows(rows, jobs, cellNames, maxEpochs, tableNode = document.documentElement) {
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
      el("td", { class: "lab-status", title: job?.message ?? "" }, statusText(row, job, maxEpochs, tableNode)),
    );
  });
}

function statusText(row, job, maxEpochs, node) {
  if (job?.state === "training") return tr(node, "sweep.status.training", { epoch: job.epoch, epochs: maxEpochs });
  if (job?.state === "queued") return tr(node, "sweep.status.queued");
  if (job?.state === "cancelled") return tr(node, "sweep.status.cancelled");
  if (row) return tr(node, row.status === "finished" || row.status === "stopped_early" ? "sweep.status.done" : `sweep.status.${row.status}`);
  return MISSING;
}

/** The model with the lowest best validation loss, in words ("" before any). */
export function bestModelText(rows, cellNames, node = document.documentElement) {
  const done = rows.filter((r) => isNumber(r.best_val_loss));
  if (done.length === 0) return "";
  const best = done.reduce((a, b) => (b.best_val_loss < a.best_val_loss ? b : a));
  const name = `${cellNames[best.cell] ?? best.cell} ${best.layers}×${best.hidden}`;
  return tr(node, "sweep.best_model", { loss: formatLoss(best.best_val_loss), name, params: formatCount(best.params) });
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
