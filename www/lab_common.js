// Pieces shared by the lab modes (compare.js, sweep.js): the wasm module, a tiny DOM
// builder, the shared-settings panel built from the parameter table, the notice box, the
// redraw loop of a canvas chart, and file downloads. Nothing here knows about one mode.

import { loadPageWasm } from "./embed/page_wasm.js";
import { buildControls } from "./controls.js";
import { formatCount, isNumber } from "./format.js";
import { sayNotice, tr } from "./i18n.js";
import { cappedNotices, queryFromValues } from "./url_state.js";

/** The page's wasm instance (the glue's named exports), loaded once however many modes mount. */
export function loadWasm() {
  return loadPageWasm().then((wasm) => wasm.glue);
}

/** The cells as the parameter table declares them: `[{value, label, short}]`, menu order. */
export function cellOptions(api) {
  return api.parameter_table().find((spec) => spec.key === "cell").options;
}

/** `el("p", {class: "x", hidden: true}, "text", child)`; attributes starting with "on" are listeners. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (name === "dataset") Object.assign(element.dataset, value);
    else if (name === "style") setStyle(element, value);
    else if (value === true) element.setAttribute(name, "");
    else element.setAttribute(name, String(value));
  }
  element.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return element;
}

/**
 * `style: "background:#123"` goes through the CSSOM, not a style= attribute: a strict
 * style-src CSP blocks the attribute (the swatches lost their colour) but not the CSSOM.
 */
function setStyle(element, text) {
  for (const declaration of String(text).split(";")) {
    const colon = declaration.indexOf(":");
    if (colon > 0) element.style.setProperty(declaration.slice(0, colon).trim(), declaration.slice(colon + 1).trim());
  }
}

/**
 * A results table: a caption for screen readers, one header row of `[label, numeric]`
 * columns (a label is text or a node; numeric columns are right-aligned), then `body`.
 */
export function labTable(className, caption, columns, body) {
  const header = columns.map(([label, numeric]) => el("th", { scope: "col", class: numeric ? "num" : null }, label));
  return el(
    "table",
    { class: `lab-table ${className}` },
    el("caption", { class: "visually-hidden" }, caption),
    el("thead", {}, el("tr", {}, ...header)),
    body,
  );
}

/**
 * A lab chart's "Log scale" checkbox: shows `on`, and on a change sets the chart's scale,
 * redraws and tells `onChange(on)` (for the URL).
 */
export function bindLogScale(box, view, redraw, on, onChange) {
  box.checked = on;
  view.set_log_scale(on);
  box.addEventListener("change", () => {
    view.set_log_scale(box.checked);
    redraw.request();
    onChange(box.checked);
  });
}

/** A numeric table cell; `data-value` holds the raw number for tests and copy-paste. */
export function numberCell(name, raw, text, detail = null) {
  return el(
    "td",
    { class: "num", "data-col": name, "data-value": isNumber(raw) ? raw : "" },
    text,
    detail ? el("span", { class: "lab-detail" }, detail) : null,
  );
}

/** A dismissible box listing a parsed query's notices ({key, message}); hidden when empty. */
export function createNoticeBox() {
  const list = el("ul");
  const root = el(
    "div",
    { class: "notice", role: "status", hidden: true },
    el("div", { class: "notice-body" }, el("p", { class: "notice-title", "data-i18n": "notice.title" }), list),
    el("button", { type: "button", class: "dismiss", "data-i18n-attr": "aria-label:notice.dismiss", onclick: () => (root.hidden = true) }, "×"),
  );
  return {
    root,
    show(notices) {
      // The first few and a count: a broken link may carry thousands of bad values.
      const { listed, rest } = cappedNotices(notices);
      list.replaceChildren();
      for (const n of listed) {
        const message = el("span");
        list.append(el("li", {}, el("code", {}, n.key), ": ", message));
        sayNotice(message, n); // once in the box, in the box's language
      }
      if (rest > 0) {
        const more = el("li", { "data-more-notices": String(rest) });
        list.append(more);
        more.textContent = tr(more, "notice.more", { count: formatCount(rest) });
      }
      root.hidden = notices.length === 0;
    },
  };
}

/**
 * Puts a mode's shared settings where `layout` says: "open" (the playground's page: a
 * section under the results), "collapsed" (a figure: behind one closed disclosure) or
 * "none" (a figure with controls="none": not shown; the runs keep their values).
 */
export function placeSettings(slot, settingsRoot, layout) {
  if (layout === "none") slot.remove();
  else if (layout === "collapsed") {
    slot.replaceWith(el("details", { class: "lab-settings-disclosure" }, el("summary", { "data-i18n": "page.settings" }, tr(settingsRoot, "page.settings")), settingsRoot));
  } else slot.replaceWith(settingsRoot);
}

/** Shows an error in `alertBox` (createAlertBox) with `actions` ([{label, run}]) as buttons. */
export function showErrorAlert(alertBox, title, message, actions = []) {
  alertBox.dataset.kind = "error";
  alertBox.querySelector("[data-alert-title]").textContent = title;
  alertBox.querySelector("[data-alert-message]").textContent = message;
  alertBox.querySelector("[data-alert-actions]").replaceChildren(
    ...actions.map(({ label, run }) => el("button", { type: "button", onclick: run }, label)),
  );
  alertBox.hidden = false;
}

/**
 * After a lab's runs end: when none of them could train (no worker loaded its files), say
 * so in `alertBox` with the first failure's words and `action` ({label, run}) as the way out.
 */
export function alertIfNoneTrained(alertBox, entries, title, action) {
  const failed = entries.filter((entry) => entry.state === "failed");
  if (failed.length > 0 && failed.length === entries.length) showErrorAlert(alertBox, title, failed[0].message ?? "", [action]);
}

/** The alert box that transport.js fills (same markup as the playground's). */
export function createAlertBox() {
  return el(
    "div",
    { class: "alert", role: "alert", hidden: true },
    el("p", { class: "alert-title", "data-alert-title": true }),
    el("p", { class: "alert-message", "data-alert-message": true }),
    el("div", { class: "alert-actions", "data-alert-actions": true }),
  );
}

/**
 * The shared settings (task, data, optimiser, seed, epochs...) as the playground shows
 * them, minus `omit` (keys a mode sets itself, e.g. each run's cell and size). Changes come
 * back as `onChange(sharedQuery, key, committed)`, where the query has every table key.
 * `title` and `note` are catalog keys; the words are filled when the mode is mounted.
 */
export function createSharedSettings(api, { omit, onChange, title, note }) {
  const table = api.parameter_table();
  const top = el("div", { class: "top-controls lab-top-controls" });
  const headline = el("div");
  const groups = el("div", { class: "settings-groups" });
  const root = el(
    "section",
    { class: "settings lab-settings", "data-i18n-attr": `aria-label:${title}` },
    el("h2", { "data-i18n": title }),
    el("p", { class: "settings-note", "data-i18n": note }),
    el("div", { class: "group lab-top-group" }, top),
    groups,
  );
  const controls = buildControls(table, {
    top,
    headline,
    groups,
    onChange(key, value, committed) {
      let shared;
      if (key === "task") {
        // A task comes with its own sensible sizes and learning rate, as on the playground.
        shared = api.parse_query(api.preset_query(String(value)));
        controls.setAll(shared.config);
      } else {
        shared = api.parse_query(queryFromValues(table, controls.values()));
        controls.refreshVisibility(shared.config);
      }
      onChange(shared.query, key, committed);
    },
  });
  // Keys this mode sets itself stay in the controls' values (they are the default size of a
  // run) but are not shown.
  for (const key of omit) root.querySelector(`.field[data-key="${key}"]`)?.remove();
  for (const section of groups.querySelectorAll("section.group")) {
    if (!section.querySelector(".field")) section.remove();
  }
  return {
    root,
    table,
    /** Show a parsed config without emitting changes. */
    setAll(config) {
      controls.setAll(config);
    },
  };
}

/** Offers `text` as a file download (a Blob behind a temporary link). */
export function downloadText(filename, text, type = "text/csv") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The query without any `mode` key (modes add their own). */
export function withoutMode(query) {
  const params = new URLSearchParams(query.replace(/^\?/, ""));
  params.delete("mode");
  return params.toString();
}

/** Milliseconds as a table shows them: one decimal below 10, whole numbers above. */
export function formatMs(ms) {
  if (typeof ms !== "number" || !Number.isFinite(ms)) return "—";
  return ms < 10 ? ms.toFixed(1) : formatCount(ms);
}

/** A message from anything thrown. */
export function messageOf(error) {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** Calls `fn` at most once per `ms`, keeping the latest call (the table updates while training). */
export function throttle(fn, ms) {
  let timer = 0;
  let last = -Infinity;
  return () => {
    if (timer) return;
    const wait = Math.max(0, last + ms - performance.now());
    timer = setTimeout(() => {
      timer = 0;
      last = performance.now();
      fn();
    }, wait);
  };
}
