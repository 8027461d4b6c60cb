// The URL is the run: every control lives in the query string, so a link reproduces what
// the sender saw. Parsing and validation are Rust's (parse_query); this file moves text
// between the address bar, the controls and the notice that lists rejected values.

import { LANG_KEY, sayWords, withLanguage } from "./i18n.js";
import { addressFor } from "./lesson_state.js";

// replaceState, never pushState: dragging a slider must not fill the back button's history.
// Browsers also throttle very frequent history calls, so writes are coalesced.
const WRITE_INTERVAL_MS = 150;

/** The current query string without its leading "?". */
export function currentQuery() {
  return window.location.search.replace(/^\?/, "");
}

/** A query string from control values, keys in table order. */
export function queryFromValues(table, values) {
  const params = new URLSearchParams();
  for (const spec of table) {
    if (values[spec.key] !== undefined) params.set(spec.key, String(values[spec.key]));
  }
  return params.toString();
}

/** Coalescing writer for the address bar. */
export function createUrlWriter() {
  let pending = null;
  let timer = 0;
  let lastWrite = 0;
  const flush = () => {
    timer = 0;
    if (pending === null) return;
    const url = new URL(window.location.href);
    // A language chosen in the address stays there: a shared link keeps it.
    url.search = withLanguage(pending, url.searchParams.get(LANG_KEY) ?? "");
    pending = null;
    lastWrite = performance.now();
    window.history.replaceState(window.history.state, "", url);
  };
  return {
    write(query) {
      // An untouched lesson stays `lesson=NAME` in the address.
      pending = addressFor(query);
      if (timer) return;
      const wait = Math.max(0, lastWrite + WRITE_INTERVAL_MS - performance.now());
      timer = window.setTimeout(flush, wait);
    },
    flush() {
      if (timer) window.clearTimeout(timer);
      flush();
    },
  };
}

/** List parse_query's notices (values that were clamped or defaulted); dismissible. */
export function showNotices(box, notices) {
  const list = box.querySelector("ul");
  list.replaceChildren();
  for (const notice of notices) {
    const item = document.createElement("li");
    const key = document.createElement("code");
    key.textContent = notice.key;
    const message = document.createElement("span");
    item.append(key, ": ", message);
    list.append(item);
    sayWords(message, notice.words, notice.message);
  }
  box.hidden = notices.length === 0;
}
