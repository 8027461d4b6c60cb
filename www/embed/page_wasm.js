// One instance of the wasm module serves every figure on a page: the parameter table, URL
// parsing and the charts. wasm-bindgen's init must not run twice at once (the second
// instance would replace the first under objects already built), so it runs once here.
// The glue is imported lazily: if it cannot load, each figure says so instead of the
// element never being defined. Paths are relative to this file (any host, any sub-path).

let loading = null;

/** Resolves to `{ table, ChartView, parse_query, preset_query }`; shared by all figures. */
export function loadPageWasm() {
  loading ??= (async () => {
    const glue = await import(new URL("../pkg/rnn_playground.js", import.meta.url).href);
    await glue.default({ module_or_path: new URL("../pkg/rnn_playground_bg.wasm", import.meta.url) });
    return {
      table: glue.parameter_table(),
      ChartView: glue.ChartView,
      parse_query: glue.parse_query,
      preset_query: glue.preset_query,
    };
  })();
  return loading;
}
