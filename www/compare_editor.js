// Compare mode's run editor: one row per run (its colour, cell, layers and units, and a
// remove button) under a header row. compare.js applies the edits.

import { el } from "./lab_common.js";

/**
 * The editor's rows for `runs`. `cells` are the table's cell options, `limits` the lab
 * limits, `t(key, values)` the mode's words; `editRun(index, change)` and
 * `removeRun(index)` apply a change.
 */
export function editorRows(runs, { cells, limits, seriesCount, t, editRun, removeRun }) {
  const cellSelect = (run, i) => {
    const select = el(
      "select",
      { "aria-label": t("compare.cell_of", { run: i + 1 }) },
      ...cells.map(({ value, short }) => el("option", { value, selected: value === run.cell }, short)),
    );
    select.addEventListener("change", () => editRun(i, { cell: select.value }));
    return select;
  };
  const numberInput = (run, i, key, [min, max], label) => {
    const field = t(label);
    const input = el("input", { type: "number", min, max, step: 1, value: run[key], inputmode: "numeric", "aria-label": t("compare.field_of", { field, run: i + 1 }) });
    input.addEventListener("change", () => {
      const value = Number(input.value);
      if (input.value.trim() === "" || !Number.isFinite(value)) return;
      // Out-of-range values are the wasm's to clamp and explain, as on the playground.
      editRun(i, { [key]: Math.round(value) });
    });
    return input;
  };
  const head = el(
    "div",
    { class: "lab-run-row lab-run-head", "aria-hidden": "true" },
    el("span"),
    el("span", {}, t("param.cell.label")),
    // Layers before units, as every size in the page is written (2×64 = 2 layers of 64 units).
    el("span", {}, t("param.layers.label")),
    el("span", {}, t("compare.units")),
    el("span"),
  );
  const row = (run, i) =>
    el(
      "div",
      { class: "lab-run-row" },
      el("span", { class: "lab-swatch", style: `background:var(--series-${i % seriesCount})`, "aria-hidden": "true" }),
      cellSelect(run, i),
      numberInput(run, i, "layers", limits.layers, "param.layers.label"),
      numberInput(run, i, "hidden", limits.hidden, "param.hidden.label"),
      el(
        "button",
        { type: "button", class: "dismiss", "aria-label": t("compare.remove", { run: i + 1 }), disabled: runs.length <= 1, onclick: () => removeRun(i) },
        "×",
      ),
    );
  return [head, ...runs.map(row)];
}
