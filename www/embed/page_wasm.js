// One instance of the wasm module serves every figure on a page (and the playground page): the parameter table, URL
// parsing and the charts. wasm-bindgen's init must not run twice at once (the second
// instance would replace the first under objects already built), so it runs once here.
// The glue is imported lazily: if it cannot load, each figure says so instead of the
// element never being defined. Paths are relative to this file (any host, any sub-path).

import { useCatalogs } from "../i18n.js";
import { compileAsset } from "../load_failure.js";

let loading = null;

/**
 * Resolves to `{ glue, table, keys, ChartView, parse_query, preset_query }`; shared by all
 * figures and by the playground page. `keys` are the page keys that are no parameter
 * (`mode`, `cells`, `logy`, `controls`...), declared in src/config/page_keys.rs.
 */
export function loadPageWasm() {
  loading ??= (async () => {
    const glueUrl = new URL("../pkg/rnn_playground.js", import.meta.url);
    const glue = await import(glueUrl.href).catch(() => {
      throw new Error(`${glueUrl.pathname} did not load: missing on the host, or blocked (CORS, Content-Security-Policy)`);
    });
    const module = await compileAsset(new URL("../pkg/rnn_playground_bg.wasm", import.meta.url));
    await glue.default({ module_or_path: module });
    useCatalogs(glue);
    return {
      glue,
      table: glue.parameter_table(),
      keys: glue.page_keys(),
      ChartView: glue.ChartView,
      parse_query: glue.parse_query,
      preset_query: glue.preset_query,
    };
  })();
  return loading;
}
