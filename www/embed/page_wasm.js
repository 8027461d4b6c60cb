// One instance of the wasm module serves every figure on a page: the parameter table, URL
// parsing and the charts. wasm-bindgen's init must not run twice at once (the second
// instance would replace the first under objects already built), so it runs once here.
// The path is relative to this file, so the figure works from any host and sub-path.

import init, { ChartView, parameter_table, parse_query, preset_query } from "../pkg/rnn_playground.js";

let loading = null;

/** Resolves to `{ table, ChartView, parse_query, preset_query }`; shared by all figures. */
export function loadPageWasm() {
  loading ??= init({ module_or_path: new URL("../pkg/rnn_playground_bg.wasm", import.meta.url) }).then(() => ({
    table: parameter_table(),
    ChartView,
    parse_query,
    preset_query,
  }));
  return loading;
}
