// A figure's `series` attribute: the URL of a CSV or list of numbers (same origin, or a host
// sending CORS headers) that the figure's forecast trains on instead of the generated wave.
// A fragment names the column: `series="temperatures.csv#max"` (a header name or a 1-based
// number). Loaded once per URL; a file that does not load or read is a notice, and the
// figure trains on the built-in wave.

import { errorWords, notice } from "../i18n.js";
import { fetchSeries } from "../own_series.js";

/** `onNotice(notice | null)` reports the series' problem, or that there is none. */
export function createSeriesSource(glue, onNotice) {
  let url = null;
  let values = null;
  let loading = Promise.resolve();

  return {
    /** Takes the attribute's value (null when absent); loads a new URL. True if it changed. */
    set(value) {
      const wanted = value?.trim() || null;
      if (wanted === url) return false;
      url = wanted;
      values = null;
      onNotice(null);
      if (!wanted) {
        loading = Promise.resolve();
        return true;
      }
      const target = new URL(wanted, document.baseURI);
      const column = decodeURIComponent(target.hash.slice(1)) || null;
      target.hash = "";
      loading = fetchSeries(glue, target.href, column).then(
        (reading) => {
          if (url === wanted) values = reading.values;
        },
        (error) => {
          if (url === wanted) onNotice(notice("series", "series.fallback", { problem: errorWords(error) }));
        },
      );
      return true;
    },
    /** Resolves once the current URL is loaded (or failed). */
    ready: () => loading,
    /** The series for a run of `task` with sequences of `seqLen` steps, if it can take it. */
    valuesFor(task, seqLen) {
      if (!values) return null;
      if (task !== "forecast") onNotice(notice("series", "series.not_forecast", { task }));
      const problem = task === "forecast" ? glue.series_problem(values.length, seqLen) : null;
      if (problem) onNotice(notice("series", "series.fallback", { problem }));
      return problem ? null : values;
    },
  };
}
