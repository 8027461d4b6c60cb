// The URL is the run: every control lives in the query string, so a link reproduces what
// the sender saw. Parsing and validation are Rust's (parse_query); this file moves text
// between the address bar, the controls and the notice that lists rejected values.

import { formatCount } from "./format.js";
import { LANG_KEY, say, sayNotice, tr, withLanguage } from "./i18n.js";
import { addressFor } from "./lesson_state.js";
import { withAddressTheme } from "./theme.js";

// replaceState, never pushState: dragging a slider must not fill the back button's history.
// Browsers also throttle very frequent history calls, so writes are coalesced.
const WRITE_INTERVAL_MS = 150;
// A hostile or broken address can carry thousands of bad values: list the first few.
export const MAX_NOTICES = 10;

/** Fired on `window` after the page wrote its address (links built from it follow). */
export const ADDRESS_EVENT = "rnn-playground:address";

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
    url.search = withLanguage(pending.search.replace(/^\?/, ""), url.searchParams.get(LANG_KEY) ?? "");
    url.hash = pending.hash;
    pending = null;
    lastWrite = performance.now();
    window.history.replaceState(window.history.state, "", url);
    window.dispatchEvent(new Event(ADDRESS_EVENT));
  };
  return {
    /** `hash` carries what the query cannot (address_pack.js); "" clears it. */
    write(query, hash = "") {
      // An untouched lesson stays `lesson=NAME` in the address.
      // The address' theme dresses the page, whatever the run settings are.
      pending = { search: withAddressTheme(addressFor(query)), hash };
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

/**
 * The notices to list and how many others there are. A notice with a `count` (the wasm
 * sends one for problems beyond those it lists) stands for that many.
 */
export function cappedNotices(notices) {
  const total = notices.reduce((n, notice) => n + (Number.isInteger(notice.count) ? notice.count : 1), 0);
  const listed = notices.filter((notice) => !Number.isInteger(notice.count)).slice(0, MAX_NOTICES);
  return { listed, rest: total - listed.length };
}

/** List parse_query's notices (values that were clamped or defaulted), the first
 * MAX_NOTICES and a count of the rest; dismissible. */
export function showNotices(box, notices) {
  const list = box.querySelector("ul");
  list.replaceChildren();
  const { listed, rest } = cappedNotices(notices);
  for (const notice of listed) {
    const item = document.createElement("li");
    const key = document.createElement("code");
    key.textContent = notice.key;
    const message = document.createElement("span");
    item.append(key, ": ", message);
    list.append(item);
    sayNotice(message, notice);
  }
  if (rest > 0) {
    const more = document.createElement("li");
    more.dataset.moreNotices = String(rest);
    list.append(more);
    more.textContent = tr(more, "notice.more", { count: formatCount(rest) });
  }
  box.hidden = notices.length === 0;
}

// Longest query the page writes into the address: servers commonly refuse requests over
// 8 KB (HTTP 414), so a reloaded or shared link longer than this would not open.
export const MAX_ADDRESS_QUERY = 7000;

/**
 * `query` as the address can carry it: under MAX_ADDRESS_QUERY characters, the longest
 * values (pasted text) are left out. Returns `{query, dropped: [segment]}`, the left-out
 * `key=value` segments in their order.
 */
export function fitAddress(query) {
  if (query.length <= MAX_ADDRESS_QUERY) return { query, dropped: [] };
  const segments = query.split("&");
  const dropped = [];
  let length = query.length;
  for (const segment of [...segments].sort((a, b) => b.length - a.length)) {
    if (length <= MAX_ADDRESS_QUERY) break;
    dropped.push(segment);
    segments.splice(segments.indexOf(segment), 1);
    length -= segment.length + 1;
  }
  return { query: segments.join("&"), dropped };
}

/**
 * Say which values the address leaves out (`keys`; none hides the note): a reloaded or
 * shared link starts without them. Placed after `anchor` (the notices box).
 */
export function showAddressNote(anchor, keys) {
  let note = document.getElementById("address-note");
  if (keys.length === 0) {
    if (note) note.hidden = true;
    return;
  }
  if (!note) {
    note = document.createElement("p");
    note.id = "address-note";
    note.className = "notice address-note";
    note.setAttribute("role", "status");
    anchor.after(note);
  }
  say(note, "address.left_out", { names: leftOutNames(note, keys) });
  note.hidden = false;
}

/** The keys a link leaves out, as a note in `node`'s language names them. */
export function leftOutNames(node, keys) {
  return keys.map((key) => (key === "text" ? tr(node, "address.pasted_text") : `"${key}"`)).join(", ");
}
