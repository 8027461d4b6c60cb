// The markup of one embedded figure, inside its shadow root. The data-* hooks are the
// ones the playground's own modules look for (transport.js, readouts.js, url_state.js),
// so the figure reuses them unchanged.

import { adoptCss } from "./styles.js";

/** The box listing a figure's unusable settings (url_state.js's showNotices fills it). */
export const NOTICES_HTML = `
  <div class="notice" data-notices role="status" hidden>
    <div class="notice-body">
      <p class="notice-title">Some settings of this figure were not usable:</p>
      <ul></ul>
    </div>
    <button type="button" class="dismiss" data-dismiss aria-label="Dismiss this notice">×</button>
  </div>
`;

const FIGURE_HTML = `
<div class="figure" data-figure role="group" aria-label="Live training figure">
  ${NOTICES_HTML}
  <div class="alert" data-alert role="alert" hidden>
    <p class="alert-title" data-alert-title></p>
    <p class="alert-message" data-alert-message></p>
    <div class="alert-actions" data-alert-actions></div>
  </div>
  <div class="transport" data-transport>
    <div class="buttons">
      <button type="button" class="primary" data-action="play-pause" disabled>Play</button>
      <button type="button" data-action="step" disabled>Step</button>
      <button type="button" data-action="reset" disabled>Reset</button>
    </div>
    <span class="status-pill" data-status data-state="loading">Loading…</span>
  </div>
  <canvas class="chart" data-chart role="img"
    aria-label="Line chart of training and validation loss by epoch. The latest numbers are listed below it."></canvas>
  <dl class="readouts" data-readouts>
    <div><dt>Epoch <span class="epoch-progress" data-epoch-progress></span></dt><dd data-readout="epoch">—</dd></div>
    <div class="readout-train"><dt>Training loss</dt><dd data-readout="train">—</dd></div>
    <div class="readout-val"><dt>Validation loss</dt><dd data-readout="val">—</dd></div>
    <div><dt>Gap</dt><dd data-readout="gap">—</dd></div>
    <div><dt>Best validation</dt><dd data-readout="best">—</dd></div>
    <div data-accuracy hidden><dt>Training accuracy</dt><dd data-readout="train-accuracy">—</dd></div>
    <div data-accuracy hidden><dt>Validation accuracy</dt><dd data-readout="val-accuracy">—</dd></div>
    <div><dt>Parameters</dt><dd data-readout="params">—</dd></div>
    <div class="readout-speed"><dt>Steps per second</dt><dd data-readout="speed">—</dd></div>
  </dl>
  <div class="controls" data-controls></div>
  <div class="views" data-views hidden></div>
  <div class="foot">
    <p class="caption" data-loss-caption hidden>Loss: <span data-loss-label></span></p>
    <div class="file-tools" data-file-tools></div>
    <p class="settings-summary" data-settings-summary></p>
    <a class="open-link" data-open-link target="_blank" rel="noopener">Open in the full playground<span
      class="visually-hidden"> (opens in a new tab)</span><span aria-hidden="true"> ↗</span></a>
  </div>
  <p class="visually-hidden" data-summary aria-live="polite"></p>
</div>`;

// Shown before the stylesheet and the wasm have arrived: it already takes the figure's
// room, so the article does not jump when the figure appears.
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

/** The figure's markup; returns the elements the figure drives. */
export function renderFigure(shadow) {
  shadow.innerHTML = FIGURE_HTML;
  const find = (hook) => shadow.querySelector(`[data-${hook}]`);
  return {
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
  text.textContent = `This figure could not start: ${message}.`;
  // The blogger's fallback content (the slot) stays under the message.
  const fallback = document.createElement("slot");
  box.replaceChildren(text, fallback);
}
