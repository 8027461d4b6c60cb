// What a character model writes, and where it is surprised. Text the model generates at a
// chosen temperature, and a training and a validation snippet with each character shaded
// by its loss: memorised training text is pale, unseen validation text is not.
//
// Everything here is text from the data or from the model, so it only ever goes into the
// page as text nodes (textContent), never as HTML.

import { LANGUAGE_EVENT, tr } from "./i18n.js";
import { createPanel, el, epochText } from "./views_panel.js";

// Temperature changes are sent when the hand rests this long.
const TEMPERATURE_DEBOUNCE_MS = 150;
// Shade of the hardest characters (a loss at or above a uniform guess).
const HARD = [230, 85, 13];
const MAX_ALPHA = 0.6;

function lossColour(loss, top) {
  const t = Math.max(0, Math.min(1, loss / top));
  return `rgba(${HARD[0]}, ${HARD[1]}, ${HARD[2]}, ${(t * MAX_ALPHA).toFixed(3)})`;
}

export function createSamplesView({ onRequestChange }) {
  const panel = createPanel({
    name: "samples",
    title: "views.samples.title",
    help: "views.samples.help",
    wide: true,
  });
  let temperature = 1;
  const hintId = `${panel.helpId}-temperature`;
  let timer = 0;
  const slider = el("input", {
    type: "range",
    min: "0",
    max: "2",
    step: "0.05",
    value: "1",
    "data-temperature": true,
    "aria-describedby": hintId,
  });
  const shown = el("output", {}, "1.00");
  slider.addEventListener("input", () => {
    temperature = Number(slider.value);
    shown.textContent = temperature.toFixed(2);
    window.clearTimeout(timer);
    timer = window.setTimeout(onRequestChange, TEMPERATURE_DEBOUNCE_MS);
  });
  const controls = el(
    "div",
    { class: "rv-controls" },
    el("label", {}, el("span", { "data-i18n": "views.samples.temperature" }), slider),
    shown,
    el("span", { class: "rv-help", id: hintId, "data-i18n": "views.samples.temperature_help" }),
  );

  const generated = el("p", { class: "rv-text", "data-sample-generated": true });
  const trainTitle = el("h4", {});
  const trainText = el("p", { class: "rv-text", "data-snippet": "train" });
  const valTitle = el("h4", {});
  const valText = el("p", { class: "rv-text", "data-snippet": "val" });
  const legendTop = el("span", {});
  const ramp = el("span", { class: "rv-ramp", "aria-hidden": "true" });
  ramp.style.background = `linear-gradient(to right, ${lossColour(0, 1)}, ${lossColour(1, 1)})`;
  const content = el(
    "div",
    { class: "rv-samples" },
    controls,
    el("div", { class: "rv-text-block" }, el("h4", { "data-i18n": "views.samples.written" }), generated),
    el("div", { class: "rv-text-block" }, trainTitle, trainText),
    el("div", { class: "rv-text-block" }, valTitle, valText),
    el("p", { class: "rv-legend" }, el("span", { "data-i18n": "views.samples.legend" }), ramp, legendTop),
  );
  panel.section.append(content);

  const scored = (target, snippet, top) => {
    const nodes = [el("span", { class: "rv-first" }, snippet.first)];
    snippet.chars.forEach((ch, i) => {
      const loss = snippet.loss[i];
      const span = el("span", { class: "rv-char", title: tr(target, "views.samples.char_loss", { char: JSON.stringify(ch), loss: loss.toFixed(2) }) }, ch);
      span.style.backgroundColor = lossColour(loss, top);
      nodes.push(span);
    });
    target.replaceChildren(...nodes);
  };

  // The last samples shown, shown again in the new words after a language switch.
  let lastData = null;
  const show = (data) => {
    const s = data.samples;
    generated.replaceChildren(el("span", { class: "rv-prompt" }, s.prompt), s.generated);
    generated.dataset.sampleTemperature = String(s.temperature);
    const snippet = (side) => ({ sequence: s[side].sequence + 1, loss: s[side].mean_loss.toFixed(2) });
    trainTitle.textContent = tr(trainTitle, "views.samples.train_snippet", snippet("train"));
    valTitle.textContent = tr(valTitle, "views.samples.val_snippet", snippet("val"));
    scored(trainText, s.train, s.uniform_loss);
    scored(valText, s.val, s.uniform_loss);
    legendTop.textContent = tr(legendTop, "views.samples.legend_top", { loss: s.uniform_loss.toFixed(2) });
    panel.setStatus(() =>
      tr(legendTop, "views.samples.status", { when: epochText(data.epoch, legendTop), temperature: s.temperature.toFixed(2) }),
    );
  };
  const resay = () => lastData && show(lastData);
  window.addEventListener(LANGUAGE_EVENT, resay);

  return {
    section: panel.section,
    requestFields: () => ({ temperature }),
    update(data) {
      const unavailable = data.unavailable?.find((u) => u.view === "samples");
      panel.setNote(unavailable ?? null);
      content.hidden = Boolean(unavailable);
      if (unavailable || !data.samples) return;
      lastData = data;
      show(data);
    },
    clear() {
      lastData = null;
      for (const node of [generated, trainText, valText, trainTitle, valTitle]) node.replaceChildren();
      panel.setStatus(() => "");
      panel.setNote(null);
      content.hidden = false;
    },
    dispose() {
      window.clearTimeout(timer);
      window.removeEventListener(LANGUAGE_EVENT, resay);
      panel.dispose();
    },
  };
}
