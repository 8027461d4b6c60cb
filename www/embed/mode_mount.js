// <rnn-playground mode="compare"> and mode="sweep": the playground's lab modes (compare.js,
// sweep.js) mounted in the element's shadow root instead of the one-run figure. They read
// the same keys as the page's lab URL (cells=, sweep_hidden=, sweep_layers=, workers=, plus
// every parameter key); the lab's own notice box reports values it replaced, and the box
// above it reports attributes that are no setting at all. The runs start when the element
// is first seen and end when it leaves the document. In a figure the chart takes the full
// width with the results under it, and `controls` decides the shared settings: `none`
// hides them, anything else keeps them behind one closed disclosure.

import { notice, translate } from "../i18n.js";
import { showNotices } from "../url_state.js";
import { NOTICES_HTML } from "./figure_dom.js";
import { readAttributes, resolveOptions } from "./settings.js";
import { adoptCss, adoptSheet, loadSheet } from "./styles.js";
import { watchVisibility } from "./visibility.js";

const MOUNTERS = {
  compare: () => import("../compare.js").then((module) => module.mountCompare),
  sweep: () => import("../sweep.js").then((module) => module.mountSweep),
};

// lab.css builds on the playground page's style.css; these few rules stand in for the parts
// of it the lab's markup needs (a card, settings groups packed in columns).
const HOST_CSS = `
.lab-embed { background: var(--card); border: 1px solid var(--line); border-radius: 12px;
  padding: 0.75rem 0.875rem; display: flex; flex-direction: column; gap: 0.625rem; }
.settings { margin-top: 1rem; }
.settings h2 { font-size: 1.125rem; margin: 0; }
.settings-note { color: var(--muted); margin: 0.25rem 0 0.75rem; }
.settings-groups { columns: 3 240px; column-gap: 0.75rem; }
.group { break-inside: avoid; margin-bottom: 0.75rem; border: 1px solid var(--line); border-radius: 10px;
  padding: 0.75rem; display: flex; flex-direction: column; gap: 0.75rem; }
.group h3 { font-size: 0.9375rem; margin: 0; }
.top-controls { display: flex; flex-direction: column; gap: 0.75rem; }
.field { display: flex; flex-direction: column; gap: 0.3rem; margin: 0; }
.field[hidden] { display: none; }
`;

const HOST_HTML = `
<div class="lab-embed" data-lab-embed role="group">
  ${NOTICES_HTML}
  <div class="lab-root" data-lab-root></div>
</div>`;

// Heights in CSS px of lab.css's figure layout: what surrounds the 16:9 chart (transport,
// caption, table title and header, padding) at 640 px and more, and how much more text wraps
// in each pixel below that; one table row; the disclosure and editors shown unless
// controls="none"; and the sweep table's scroll box (15rem).
const RESERVE = {
  compare: { around: 190, perNarrowPx: 0.25, row: 46, editors: 290 },
  sweep: { around: 200, perNarrowPx: 0.4, row: 32, tableHead: 56, editors: 390, tableBox: 240 },
};
const CHART_MIN_HEIGHT = 180;

/** The most a lab of `mode` and `layout` at `width` CSS px is expected to need. */
export function reservedHeight(mode, layout, width, lab) {
  const sizes = RESERVE[mode];
  const chart = Math.max(CHART_MIN_HEIGHT, (width * 9) / 16);
  const around = sizes.around + Math.max(0, 640 - width) * sizes.perNarrowPx;
  const table = mode === "compare"
    ? lab.runs.length * sizes.row
    : Math.min(sizes.tableBox, sizes.tableHead + lab.points.length * sizes.row);
  return chart + around + table + (layout === "none" ? 0 : sizes.editors);
}

/** "compare" or "sweep" when the attributes ask for a lab mode, else null (one run). */
export function labModeOf(attributes, wasm) {
  const mode = resolveOptions(readAttributes(attributes, wasm).options, wasm).mode;
  return mode in MOUNTERS ? mode : null;
}

/**
 * What a lab figure of `mode` is mounted with: the lab's query, where its settings go
 * ("none" or "collapsed") and the notices about its attributes.
 */
function labSettings(attributes, wasm, mode) {
  // The lab's own keys (not figure options, which `mode` and `logy` are) pass through
  // to the lab's reader like parameters.
  const { table, keys } = wasm;
  const labKeys = keys.filter((key) => key.lab && !key.figure).map((key) => ({ key: key.key }));
  const raw = readAttributes(attributes, { table: [...table, ...labKeys], keys });
  const options = resolveOptions(raw.options, wasm);
  const notices = [...raw.notices, ...options.notices];
  if (options.views.some((view) => view !== "loss")) notices.push(notice("views", "figure.notice.views_in_mode", { mode }));
  const query = [`mode=${mode}`, raw.query, options.logScale ? "logy=1" : ""].filter(Boolean).join("&");
  const layout = raw.options.controls !== null && options.controls.length === 0 ? "none" : "collapsed";
  return { query, layout, notices };
}

/**
 * The height a lab figure will keep, for its placeholder while it waits for its turn to be
 * built (figures are built one per task): the page then moves once, not once per figure.
 * Null for a one-run figure, whose placeholder already has its shape.
 */
export function placeholderHeight(attributes, wasm, width) {
  const mode = labModeOf(attributes, wasm);
  if (!mode || !width) return null;
  const { query, layout } = labSettings(attributes, wasm, mode);
  return Math.ceil(reservedHeight(mode, layout, width, wasm.glue.parse_lab_query(query)));
}

/**
 * Before the wasm arrives: the room a lab figure will need, estimated from its attributes
 * alone, so a figure already in view hardly moves when it is built. Without a list the
 * estimate takes a full sweep table (its box scrolls beyond a few rows) and three compared
 * cells (DEFAULT_COMPARE_CELLS in src/sweep); the wasm's reservation corrects it later.
 */
export function estimatedPlaceholderHeight(element, width) {
  const mode = element.getAttribute("mode")?.trim().toLowerCase();
  if (!Object.hasOwn(RESERVE, mode) || !width) return null;
  const count = (name) => element.getAttribute(name)?.split(",").filter((entry) => entry.trim()).length;
  const lab = {
    runs: { length: count("cells") || 3 },
    points: { length: (count("sweep_hidden") || 100) * (count("sweep_layers") || 1) },
  };
  const layout = element.getAttribute("controls")?.trim() === "none" ? "none" : "collapsed";
  return Math.ceil(reservedHeight(mode, layout, width, lab));
}

/** Same surface as Figure (configure, attach, detach, state, runCount, query). */
export class LabModeHost {
  #host;
  #wasm;
  #mode;
  #notices;
  #embed;
  #container;
  #labQuery = null; // what the lab is (or will be) mounted with
  #layout = "collapsed"; // where the shared settings go (lab_common.js placeSettings)
  #canonical = ""; // the lab's canonical form of it
  #mounted = null;
  #generation = 0; // a newer mount (or a detach) makes older pending mounts give up
  #mounts = 0;
  #visibility = null;
  #visible = false;
  #resize = null;

  constructor(host, shadow, wasm, mode) {
    this.#host = host;
    this.#wasm = wasm;
    this.#mode = mode;
    adoptCss(shadow, HOST_CSS);
    shadow.innerHTML = HOST_HTML;
    this.#notices = shadow.querySelector("[data-notices]");
    this.#container = shadow.querySelector("[data-lab-root]");
    shadow.querySelector("[data-dismiss]").addEventListener("click", () => (this.#notices.hidden = true));
    this.#embed = shadow.querySelector("[data-lab-embed]");
    this.#embed.dataset.i18nAttr = `aria-label:figure.label_${mode}`;
    // lab.css builds on the playground page's style.css, adopted next to embed.css.
    loadSheet("lab.css")
      .then((sheet) => adoptSheet(shadow, sheet))
      .catch((error) => console.error(error));
  }

  /** The lab's transport state (loading until the lab is mounted). */
  get state() {
    return this.#container.querySelector("[data-status]")?.dataset.state ?? "loading";
  }

  /** Times the lab was mounted (an attribute change mounts it again). */
  get runCount() {
    return this.#mounts;
  }

  /** The lab's canonical query (what the playground's address bar would show). */
  get query() {
    return this.#canonical;
  }

  configure(attributes) {
    const { query, layout, notices } = labSettings(attributes, this.#wasm, this.#mode);
    showNotices(this.#notices, notices);
    translate(this.#embed); // in the figure's language, which an attribute may have changed
    if (query === this.#labQuery && layout === this.#layout) return;
    this.#labQuery = query;
    this.#layout = layout;
    this.#reserveHeight();
    if (this.#mounted || this.#visible) this.#mount();
  }

  /**
   * Keeps room for the lab's full height from before it mounts (it mounts when first seen):
   * the page then does not jump when the figure fills in. An upper estimate from the
   * figure's width and its rows, measured on lab.css's compact layout; kept as the lab's
   * minimum height, so a lab that ends up shorter leaves a little space rather than
   * moving what follows it.
   */
  #reserveHeight() {
    const width = this.#container.clientWidth;
    if (!width || !this.#labQuery) return;
    const lab = this.#wasm.glue.parse_lab_query(this.#labQuery);
    this.#container.style.minHeight = `${Math.ceil(reservedHeight(this.#mode, this.#layout, width, lab))}px`;
  }

  attach() {
    // The reserve follows the figure's width (a phone turned, a column resized).
    this.#resize ??= new ResizeObserver(() => this.#reserveHeight());
    this.#resize.observe(this.#container);
    this.#visibility ??= watchVisibility(this.#host, (visible) => {
      this.#visible = visible;
      if (visible && !this.#mounted) this.#mount();
    });
  }

  detach() {
    this.#resize?.disconnect();
    this.#resize = null;
    this.#visibility?.disconnect();
    this.#visibility = null;
    this.#visible = false;
    this.#generation += 1;
    this.#mounted?.destroy();
    this.#mounted = null;
  }

  async #mount() {
    const generation = ++this.#generation;
    this.#mounted?.destroy();
    this.#mounted = null;
    try {
      const mount = await MOUNTERS[this.#mode]();
      if (generation !== this.#generation) return;
      this.#container.replaceChildren();
      const mounted = await mount(this.#container, {
        query: this.#labQuery,
        onQueryChange: (query) => (this.#canonical = query),
        layout: this.#layout,
      });
      if (generation !== this.#generation) {
        mounted.destroy();
        return;
      }
      this.#mounted = mounted;
      this.#mounts += 1;
    } catch (error) {
      console.error(error);
      const message = error instanceof Error ? error.message : String(error);
      showNotices(this.#notices, [notice("mode", "figure.notice.mode_failed", { mode: this.#mode, message })]);
    }
  }
}
