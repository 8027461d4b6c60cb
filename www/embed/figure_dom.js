// The markup of one embedded figure, inside its shadow root. The data-* hooks are the
// ones the playground's own modules look for (transport.js, readouts.js, url_state.js),
// so the figure reuses them unchanged. Words are catalog keys (data-i18n), filled in the
// figure's language (its root carries lang) when it is rendered.

import { buildControls } from "../controls.js";
import { catalogsReady, figureLanguage, translate, tr, wordsFor } from "../i18n.js";
import { adoptCss } from "./styles.js";

/** The box listing a figure's unusable settings (url_state.js's showNotices fills it). */
export const NOTICES_HTML = `
  <div class="notice" data-notices role="status" hidden>
    <div class="notice-body">
      <p class="notice-title" data-i18n="figure.notice_title"></p>
      <ul></ul>
    </div>
    <button type="button" class="dismiss" data-dismiss data-i18n-attr="aria-label:notice.dismiss">×</button>
  </div>
`;

const FIGURE_HTML = `
<div class="figure" data-figure role="group" data-i18n-attr="aria-label:figure.label">
  ${NOTICES_HTML}
  <div class="alert" data-alert role="alert" hidden>
    <p class="alert-title" data-alert-title></p>
    <p class="alert-message" data-alert-message></p>
    <div class="alert-actions" data-alert-actions></div>
  </div>
  <div class="transport" data-transport>
    <div class="buttons">
      <button type="button" class="primary" data-action="play-pause" disabled data-i18n="transport.play"></button>
      <button type="button" data-action="step" disabled data-i18n="transport.step"></button>
      <button type="button" data-action="reset" disabled data-i18n="transport.reset"></button>
    </div>
    <span class="status-pill" data-status data-state="loading" data-i18n="status.loading"></span>
  </div>
  <canvas class="chart" data-chart role="img" data-i18n-attr="aria-label:figure.chart_label"></canvas>
  <dl class="readouts" data-readouts>
    <div><dt><span data-i18n="readout.epoch"></span> <span class="epoch-progress" data-epoch-progress></span></dt><dd data-readout="epoch">—</dd></div>
    <div class="readout-train"><dt data-i18n="readout.train"></dt><dd data-readout="train">—</dd></div>
    <div class="readout-val"><dt data-i18n="readout.val"></dt><dd data-readout="val">—</dd></div>
    <div><dt data-i18n="figure.gap"></dt><dd data-readout="gap">—</dd></div>
    <div><dt data-i18n="figure.best"></dt><dd data-readout="best">—</dd></div>
    <div data-accuracy hidden><dt data-i18n="readout.train_accuracy"></dt><dd data-readout="train-accuracy">—</dd></div>
    <div data-accuracy hidden><dt data-i18n="readout.val_accuracy"></dt><dd data-readout="val-accuracy">—</dd></div>
    <div><dt data-i18n="readout.params"></dt><dd data-readout="params">—</dd></div>
    <div class="readout-speed"><dt data-i18n="readout.speed"></dt><dd data-readout="speed">—</dd></div>
  </dl>
  <div class="controls" data-controls></div>
  <div class="views" data-views hidden></div>
  <div class="foot">
    <p class="caption" data-loss-caption hidden><span data-i18n="readout.loss"></span> <span data-loss-label></span></p>
    <div class="file-tools" data-file-tools></div>
    <p class="settings-summary" data-settings-summary></p>
    <a class="open-link" data-open-link target="_blank" rel="noopener"><span data-i18n="figure.open"></span><span
      class="visually-hidden" data-i18n="figure.new_tab"></span><span aria-hidden="true"> ↗</span></a>
    <p class="link-note" data-open-link-note role="status" hidden></p>
  </div>
  <p class="visually-hidden" data-summary aria-live="polite"></p>
</div>`;

// Shown before the stylesheet and the wasm have arrived: it already takes the figure's
// room, so the article does not jump when the figure appears.
// rnn-playground.js gives a figure not yet defined the same box (aspect ratio, min-height).
const PLACEHOLDER_CSS = `
  :host { display: block; }
  .placeholder {
    aspect-ratio: 16 / 10; min-height: 240px; display: grid; place-items: center;
    border: 1px solid #d8dce3; border-radius: 12px; color: #4b5563;
    font: 15px/1.5 system-ui, sans-serif; background: #fff;
  }
  .placeholder.failed { place-items: start; align-content: start; padding: 1rem; color: #5c1a1a; background: #fff6f6; }
  .placeholder.failed p { margin: 0 0 0.5rem; }
  /* base.css is not there yet: the dark card's colours, so a dark page sees no white flash. */
  :host([data-theme="dark"]) .placeholder { background: #181a1f; color: #aab2bd; border-color: #343a44; }
`;
// The slot shows what the blogger wrote inside <rnn-playground> (a picture, a sentence)
// until the figure replaces it; with nothing written, "Loading the figure…".
const PLACEHOLDER_HTML = `<div class="placeholder" data-placeholder role="status"><slot>Loading the figure…</slot></div>`;

export function renderPlaceholder(shadow) {
  adoptCss(shadow, PLACEHOLDER_CSS);
  shadow.innerHTML = PLACEHOLDER_HTML;
}

/** Keeps `height` CSS px (null: the placeholder's own shape) for a figure not built yet. */
export function reservePlaceholder(shadow, height) {
  const placeholder = shadow.querySelector("[data-placeholder]");
  if (placeholder && height) placeholder.style.minHeight = `${height}px`;
}

/**
 * The figure's markup in its language (its own `lang`, else the page's around it); returns
 * the elements the figure drives, and `languageNotice` when its `lang` names no catalog.
 */
export function renderFigure(shadow) {
  shadow.innerHTML = FIGURE_HTML;
  const find = (hook) => shadow.querySelector(`[data-${hook}]`);
  const language = figureLanguage(shadow.host);
  find("figure").lang = language.lang;
  translate(shadow);
  return {
    languageNotice: language.notice ? { key: "lang", message: language.notice } : null,
    root: find("figure"),
    notices: find("notices"),
    dismiss: find("dismiss"),
    alert: find("alert"),
    transport: find("transport"),
    chart: find("chart"),
    readouts: find("readouts"),
    controls: find("controls"),
    views: find("views"),
    openLink: find("open-link"),
    openLinkNote: find("open-link-note"),
    fileTools: find("file-tools"),
    summary: find("summary"),
    settingsSummary: find("settings-summary"),
  };
}

/** A failure before the figure could be built (e.g. the wasm did not load). */
export function renderFailure(shadow, message) {
  const box = shadow.querySelector("[data-placeholder]");
  if (!box) return;
  box.setAttribute("role", "alert");
  box.classList.add("failed");
  const text = document.createElement("p");
  text.dataset.failure = "";
  // Without the wasm there is no catalog: the one English sentence the figure keeps.
  text.textContent = catalogsReady() ? tr(shadow.host, "figure.failed", { message }) : `This figure could not start: ${message}.`;
  // The way out: the files may be back (a deploy in progress, a flaky connection).
  const reload = document.createElement("button");
  reload.type = "button";
  reload.textContent = catalogsReady() ? tr(shadow.host, "action.reload") : "Reload";
  reload.addEventListener("click", () => window.location.reload());
  // The blogger's fallback content (the slot) stays under the message.
  const fallback = document.createElement("slot");
  box.replaceChildren(text, reload, fallback);
}

/**
 * Every control of `table`, built away from the figure (so values() covers the whole
 * config); `roots` gets each control's element by key, for the figure to attach the
 * chosen ones. In the words of the figure's `root` (it carries the lang).
 */
export function buildDetachedControls(table, root, roots, onChange) {
  const detached = document.createElement("div");
  const controls = buildControls(table, { top: detached, headline: detached, groups: detached, onChange });
  wordsFor(root).apply(detached);
  for (const element of detached.querySelectorAll("[data-key]")) roots.set(element.dataset.key, element);
  return controls;
}
