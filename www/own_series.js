// Your own series for the forecast task: paste, drop or pick a CSV or a list of numbers,
// choose the column, and the run trains on it instead of the generated wave. Reading and
// checking are Rust's (`read_series` in the page wasm), so a bad file gets its message at
// once and the current run goes on. A link cannot carry the series (it stays on this
// device): the address only says `series=own`. Figures fetch theirs from a URL instead
// (`fetchSeries`).

import { acceptFileDrops } from "./file_drop.js";
import { errorWords, say as sayIn, tr, translate } from "./i18n.js";

/** The URL value that marks a run on a series loaded in the page. */
export const OWN_SERIES_MARK = "own";

const formatCount = (n) => Number(n).toLocaleString(globalThis.document?.documentElement?.lang || "en");
/** The message `key` in the page's language (a figure's fetch errors read the same). */
const t = (key, values) => tr(globalThis.document?.documentElement, key, values);

/** The values and a description of a series read from `text`, or a thrown Error. */
function readSeries(glue, text, column) {
  const reading = glue.read_series(text, column ?? undefined);
  try {
    return { values: reading.values(), info: reading.info() };
  } finally {
    reading.free();
  }
}

/**
 * Fetches a CSV or list from `url` (same origin, or a host sending CORS headers) and reads
 * it; `column` names a column by its header or 1-based number. Throws an Error that says
 * what went wrong.
 */
export async function fetchSeries(glue, url, column = null) {
  const { max_bytes } = glue.series_limits();
  let response;
  try {
    response = await fetch(url);
  } catch {
    throw new Error(t("series.fetch_blocked", { url }));
  }
  if (!response.ok) throw new Error(t("series.fetch_http", { url, status: response.status }));
  const length = Number(response.headers.get("content-length"));
  if (length > max_bytes) throw new Error(t("series.too_big", { name: url, mb: (length / 1e6).toFixed(1), max: max_bytes / 1e6 }));
  const text = await response.text();
  const first = readSeries(glue, text, null);
  const index = columnIndex(first.info.columns, column);
  return index === null || index === first.info.column ? first : readSeries(glue, text, index);
}

function columnIndex(columns, wanted) {
  if (wanted === null || wanted === undefined || String(wanted).trim() === "") return null;
  const byName = columns.indexOf(String(wanted).trim());
  if (byName >= 0) return byName;
  const number = Number(wanted);
  if (Number.isInteger(number) && number >= 1) return number - 1;
  throw new Error(t("series.no_column", { wanted, columns: columns.join(", ") }));
}

// Words are catalog keys (data-i18n), filled in the page's language once mounted.
const PANEL_HTML = (limits) => `
  <details class="own-series" data-own-series>
    <summary data-i18n="series.title"></summary>
    <p class="own-series-note" id="own-series-help" data-i18n="series.help" data-i18n-values='${JSON.stringify({
      min: formatCount(limits.min_values),
      max: formatCount(limits.max_values),
      mb: limits.max_bytes / 1e6,
      train: limits.train_percent,
      val: 100 - limits.train_percent,
    })}'></p>
    <textarea rows="4" data-series-text data-i18n-attr="aria-label:series.paste_label" aria-describedby="own-series-help" placeholder="12.5&#10;13.1&#10;12.9&#10;…"></textarea>
    <div class="own-series-actions">
      <button type="button" data-series-use data-i18n="series.use"></button>
      <button type="button" data-series-pick data-i18n="series.pick"></button>
      <input type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" data-series-file hidden data-i18n-attr="aria-label:series.file_label" aria-describedby="own-series-help">
      <label data-series-column-label hidden><span data-i18n="series.column"></span> <select data-series-column aria-describedby="own-series-column-help"></select></label>
      <button type="button" data-series-forget hidden data-i18n="series.forget"></button>
    </div>
    <span class="visually-hidden" id="own-series-column-help" data-i18n="series.column_help"></span>
    <p class="own-series-status" role="status" data-series-status hidden></p>
    <p class="own-series-note" data-series-share hidden data-i18n="series.share"></p>
  </details>`;

/**
 * The panel in `root`. `onChange()` runs when the series to train on changes (loaded,
 * another column, forgotten); `seqLen()` is the current sequence length, which the series
 * must hold on each side of its split. Returns `{ series(), setTask(task), refuseMark() }`.
 */
export function mountOwnSeries(root, { glue, onChange, seqLen }) {
  root.innerHTML = PANEL_HTML(glue.series_limits());
  translate(root);
  const $ = (hook) => root.querySelector(`[data-${hook}]`);
  const panel = $("own-series");
  const text = $("series-text");
  const fileInput = $("series-file");
  const columnLabel = $("series-column-label");
  const columnSelect = $("series-column");
  const forget = $("series-forget");
  const status = $("series-status");
  const share = $("series-share");
  let active = null; // { values, info, name, source }
  let task = "forecast";

  /** The status line: the catalog message `key` with its blanks (a switch rewrites it). */
  const say = (key, values, kind) => {
    sayIn(status, key, values);
    status.dataset.kind = kind;
    status.hidden = false;
  };

  const refresh = () => {
    const on = active !== null;
    forget.hidden = !on;
    share.hidden = !on;
    columnLabel.hidden = !on || active.info.numeric_columns.length < 2;
    if (on) {
      columnSelect.replaceChildren(
        ...active.info.numeric_columns.map((index) => new Option(active.info.columns[index], String(index), false, index === active.info.column)),
      );
    }
  };

  /** Reads `source` (its text and a name for messages); the run changes only if it is good. */
  const use = (source, column) => {
    try {
      const reading = readSeries(glue, source.text, column);
      const problem = glue.series_problem(reading.info.count, seqLen());
      if (problem) throw Object.assign(new Error(problem.en), { words: problem });
      active = { ...reading, name: source.name, source };
      const { count, columns, column: chosen } = reading.info;
      const from = columns.length > 1 ? t("series.from_column", { column: columns[chosen] }) : "";
      say("series.training_on", { name: source.name, count: formatCount(count), from }, "ok");
      refresh();
      onChange();
    } catch (error) {
      say("series.not_used", { name: source.name, why: errorWords(error) }, "error");
    }
  };

  const useFile = async (file) => {
    const { max_bytes } = glue.series_limits();
    // Refused before reading: a huge file never reaches memory.
    if (file.size > max_bytes) {
      const why = t("series.too_big", { name: file.name, mb: (file.size / 1e6).toFixed(1), max: max_bytes / 1e6 });
      say("series.not_used", { name: file.name, why }, "error");
      return;
    }
    use({ name: file.name, text: await file.text() });
  };

  $("series-use").addEventListener("click", () => use({ name: t("series.pasted"), text: text.value }));
  $("series-pick").addEventListener("click", () => fileInput.click());
  fileInput.addEventListener("change", () => {
    const file = fileInput.files?.[0];
    fileInput.value = "";
    if (file) useFile(file);
  });
  acceptFileDrops(panel, useFile);
  columnSelect.addEventListener("change", () => active && use(active.source, Number(columnSelect.value)));
  forget.addEventListener("click", () => {
    active = null;
    say("series.back", {}, "ok");
    refresh();
    onChange();
  });

  return {
    /** The series the next forecast run trains on, or null. */
    series: () => (active && task === "forecast" ? active.values : null),
    /** Only the forecast task takes a series: the panel shows for it alone. */
    setTask(newTask) {
      task = newTask;
      root.hidden = task !== "forecast";
    },
    /** The address said `series=own`, but a link carries no series: say so. */
    refuseMark() {
      panel.open = true;
      say("series.refused_mark", {}, "error");
    },
  };
}
