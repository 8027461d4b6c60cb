// <rnn-playground>: a live training figure for any page. Attributes are the playground's
// URL keys (task, cell, hidden, layers...) plus a few figure options; see the README's
// "Embedding" section. Each element has its own shadow root and its own worker.

import { Figure } from "./figure.js";
import { estimatedPlaceholderHeight, LabModeHost, labModeOf, placeholderHeight } from "./mode_mount.js";
import { renderFailure, renderPlaceholder, reservePlaceholder } from "./figure_dom.js";
import { loadPageWasm } from "./page_wasm.js";
import { loadStyles } from "./styles.js";
import { readAttributes, resolveOptions } from "./settings.js";
import { applyTheme, releaseTheme, THEME_KEY } from "../theme.js";

export class RnnPlaygroundElement extends HTMLElement {
  #shadow;
  #figure = null; // a Figure, or a LabModeHost when mode="compare" / "sweep"
  #wasm = null;
  #labMode = null;
  #building = null;
  #configureQueued = false;
  #mutations = new MutationObserver((records) => {
    // A new theme only recolours: the run's settings are unchanged, so it goes on.
    if (records.some((record) => isSetting(record.attributeName))) this.#queueConfigure();
  });

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: "open" });
    renderPlaceholder(this.#shadow);
  }

  connectedCallback() {
    this.#mutations.observe(this, { attributes: true });
    this.#followTheme();
    if (this.#figure) {
      this.#figure.configure(attributesOf(this, this.#wasm));
      this.#figure.attach();
    } else {
      reservePlaceholder(this.#shadow, estimatedPlaceholderHeight(this, this.clientWidth));
      this.#building ??= this.#build();
    }
  }

  disconnectedCallback() {
    this.#mutations.disconnect();
    // Moving the element disconnects and reconnects it in one go: keep the run then.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.#figure?.detach();
      releaseTheme(this);
    });
  }

  /** The run's state: loading, starting, running, paused, finished, diverged or error. */
  get state() {
    return this.#figure?.state ?? "loading";
  }

  /** Runs started so far (every restart is a new run; one resumed on a new turn is not). */
  get runCount() {
    return this.#figure?.runCount ?? 0;
  }

  /** What sharing the machine cost: snapshots taken `{kind, epoch, bytes, takeMs}` and runs resumed `{kind, epoch, restoreMs}`. */
  get turnLog() {
    return [...(this.#figure?.turnLog ?? [])];
  }

  /** Canonical query of the current settings (what the "open in the playground" link carries). */
  get query() {
    return this.#figure?.query ?? "";
  }

  async #build() {
    try {
      const [wasm, sheets] = await Promise.all([loadPageWasm(), loadStyles()]);
      reservePlaceholder(this.#shadow, placeholderHeight(attributesOf(this, wasm), wasm, this.clientWidth));
      await buildTurn();
      this.#shadow.adoptedStyleSheets = sheets;
      this.#wasm = wasm;
      this.#followTheme();
      this.#replaceFigure(attributesOf(this, this.#wasm));
    } catch (error) {
      console.error(error);
      renderFailure(this.#shadow, error instanceof Error ? error.message : String(error));
    }
  }

  #queueConfigure() {
    if (this.#configureQueued || !this.#figure) return;
    this.#configureQueued = true;
    queueMicrotask(() => {
      this.#configureQueued = false;
      const attributes = attributesOf(this, this.#wasm);
      this.#followTheme();
      if (labModeOf(attributes, this.#wasm) !== this.#labMode) {
        this.#figure.detach();
        this.#replaceFigure(attributes);
      } else {
        this.#figure.configure(attributes);
      }
    });
  }

  /**
   * `data-theme` on the element (light or dark) from its `theme` option (an attribute or a
   * key of `query`; embed.css colours the figure from it). Until the wasm is there only the
   * attribute is read, so the placeholder already has the right colours.
   */
  #followTheme() {
    const setting = this.#wasm
      ? resolveOptions(readAttributes(attributesOf(this, this.#wasm), this.#wasm).options, this.#wasm).theme
      : (this.getAttribute(THEME_KEY) ?? "auto").trim().toLowerCase();
    applyTheme(this, setting);
  }

  /** Build the one-run figure or the lab mode the attributes ask for. */
  #replaceFigure(attributes) {
    this.#labMode = labModeOf(attributes, this.#wasm);
    this.#figure = this.#labMode
      ? new LabModeHost(this, this.#shadow, this.#wasm, this.#labMode)
      : new Figure(this, this.#shadow, this.#wasm);
    this.#figure.configure(attributes);
    if (this.isConnected) this.#figure.attach();
  }
}

// Figures are built one per task: a page of twelve would otherwise build all of them in
// the microtask that delivers the wasm, one long stall of the main thread.
let lastTurn = Promise.resolve();
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Resolves when this figure may build: after the figures queued before it, one task later. */
function buildTurn() {
  lastTurn = lastTurn.then(nextTask);
  return lastTurn;
}

function attributesOf(element, wasm) {
  return expandLesson(Array.from(element.attributes, (attribute) => [attribute.name, attribute.value]), wasm);
}

/**
 * A `lesson` attribute becomes the lesson's settings inside the `query` attribute (the
 * query's own keys win, as single attributes win over the query), so both the one-run
 * figure and a lab mode read plain settings. An unknown name stays for settings.js to
 * report.
 */
function expandLesson(attributes, wasm) {
  const lesson = attributes.find(([name]) => name === "lesson");
  if (!lesson || !wasm?.glue?.expand_lesson) return attributes;
  const query = attributes.find(([name]) => name === "query")?.[1] ?? "";
  const expansion = wasm.glue.expand_lesson([query.replace(/^\?/, ""), `lesson=${encodeURIComponent(lesson[1])}`].filter(Boolean).join("&"));
  if (!expansion.lesson) return attributes;
  const rest = attributes.filter(([name]) => name !== "lesson" && name !== "query");
  return [...rest, ["query", expansion.query]];
}

/** Styling and ARIA attributes change often and never touch the run. */
function isSetting(name) {
  return !(name.startsWith("data-") || name.startsWith("aria-") || ["class", "style", "id"].includes(name));
}
