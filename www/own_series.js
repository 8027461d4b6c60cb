// Your own series for the forecast task: paste, drop or pick a CSV or a list of numbers,
// choose the column, and the run trains on it instead of the generated wave. Reading and
// checking are Rust's (`read_series` in the page wasm), so a bad file gets its message at
// once and the current run goes on. A link cannot carry the series (it stays on this
// device): the address only says `series=own`. Figures fetch theirs from a URL instead
// (`fetchSeries`).

import { acceptFileDrops } from "./file_drop.js";

/** The URL value that marks a run on a series loaded in the page. */
export const OWN_SERIES_MARK = "own";

const formatCount = (n) => Number(n).toLocaleString("en-US");

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
    throw new Error(`${url} did not load (a wrong address, or another site that does not send CORS headers)`);
  }
  if (!response.ok) throw new Error(`${url} did not load (HTTP ${response.status})`);
  const length = Number(response.headers.get("content-length"));
  if (length > max_bytes) throw new Error(`${url} is ${(length / 1e6).toFixed(1)} MB; a series file may be at most ${max_bytes / 1e6} MB`);
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
  throw new Error(`there is no column "${wanted}" (the columns are ${columns.join(", ")})`);
}

const PANEL_HTML = (limits) => `
  <details class="own-series" data-own-series>
    <summary>Your own series</summary>
    <p class="own-series-note" id="own-series-help">Forecast your own numbers: paste them, drop a file on this box or pick one.
      A CSV (a header row is fine; choose the column) or a plain list, <strong>${formatCount(limits.min_values)} to
      ${formatCount(limits.max_values)} values</strong>, at most ${limits.max_bytes / 1e6} MB. The first ${limits.train_percent}%
      trains and the last ${100 - limits.train_percent}% validates; both are scaled with the training part's mean and spread,
      and the sequence length cuts them into windows.</p>
    <textarea rows="4" data-series-text aria-label="Paste numbers or CSV text" aria-describedby="own-series-help" placeholder="12.5&#10;13.1&#10;12.9&#10;…"></textarea>
    <div class="own-series-actions">
      <button type="button" data-series-use>Use pasted numbers</button>
      <button type="button" data-series-pick>Pick a file…</button>
      <input type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" data-series-file hidden aria-label="Series file (CSV or list)" aria-describedby="own-series-help">
      <label data-series-column-label hidden>Column <select data-series-column aria-describedby="own-series-column-help"></select></label>
      <button type="button" data-series-forget hidden>Back to the built-in wave</button>
    </div>
    <span class="visually-hidden" id="own-series-column-help">The column of the file the series is read from.</span>
    <p class="own-series-status" role="status" data-series-status hidden></p>
    <p class="own-series-note" data-series-share hidden>A shared link does not carry your series: it stays on this
      device, and whoever opens the link sees the built-in wave.</p>
  </details>`;

/**
 * The panel in `root`. `onChange()` runs when the series to train on changes (loaded,
 * another column, forgotten); `seqLen()` is the current sequence length, which the series
 * must hold on each side of its split. Returns `{ series(), setTask(task), refuseMark() }`.
 */
export function mountOwnSeries(root, { glue, onChange, seqLen }) {
  root.innerHTML = PANEL_HTML(glue.series_limits());
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

  const say = (message, kind) => {
    status.textContent = message;
    status.dataset.kind = kind;
    status.hidden = !message;
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
      if (problem) throw new Error(problem);
      active = { ...reading, name: source.name, source };
      const { count, columns, column: chosen } = reading.info;
      const from = columns.length > 1 ? ` (column "${columns[chosen]}")` : "";
      say(`Training on ${source.name}: ${formatCount(count)} values${from}.`, "ok");
      refresh();
      onChange();
    } catch (error) {
      say(`${source.name} was not used: ${error.message ?? error}. The current run goes on.`, "error");
    }
  };

  const useFile = async (file) => {
    const { max_bytes } = glue.series_limits();
    // Refused before reading: a huge file never reaches memory.
    if (file.size > max_bytes) {
      say(`${file.name} was not used: it is ${(file.size / 1e6).toFixed(1)} MB; a series file may be at most ${max_bytes / 1e6} MB. The current run goes on.`, "error");
      return;
    }
    use({ name: file.name, text: await file.text() });
  };

  $("series-use").addEventListener("click", () => use({ name: "the pasted numbers", text: text.value }));
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
    say("Back to the built-in wave.", "ok");
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
      say("This link was made with the sender's own series, which a link does not carry: this is the built-in wave. Load the series here to train on it.", "error");
    },
  };
}
