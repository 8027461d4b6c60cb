// What to try after a run ends: a short diagnosis from the run's own numbers and buttons
// that apply it, so a finished run is a next step rather than a greyed-out Play button.

import { formatCount, formatLoss, isNumber } from "./format.js";
import { tr } from "./i18n.js";

// Validation this far above its best means the run turned and overfits.
const OVERFIT_RISE = 0.1;
// Train and validation this close (relative) with no rise means the model may be too small.
const SMALL_GAP = 0.1;

/**
 * The advice for a run that ended. `run`: {train, val, bestVal} (final losses and the best
 * validation loss); `values`: the controls' values; `table`: the parameter table; `node`:
 * where it will show (its language). Returns {kind, text, changes: [{label, values}],
 * lessons: [{label, name}]}.
 */
export function suggestNext(run, values, table, node = document.documentElement) {
  const t = (key, blanks) => tr(node, key, blanks);
  const { train, val, bestVal } = run;
  if (![train, val, bestVal].every(isNumber)) return null;
  const limit = (key, value) => {
    const spec = table.find((s) => s.key === key);
    if (!spec) return null;
    const clamped = Math.min(spec.max ?? value, Math.max(spec.min ?? value, value));
    return clamped === Number(values[key]) ? null : clamped;
  };
  const change = (label, key, value) => {
    const next = limit(key, value);
    const shown = Number.isInteger(next) ? formatCount(next) : String(next);
    return next === null ? [] : [{ label: t(label, { value: shown }), values: { [key]: next } }];
  };
  const hidden = Number(values.hidden);
  if (val > bestVal * (1 + OVERFIT_RISE)) {
    return {
      kind: "overfit",
      text: t("next.overfit", { val: formatLoss(val), best: formatLoss(bestVal) }),
      changes: [
        ...(Number(values.dropout) > 0 ? [] : change("next.dropout", "dropout", 0.3)),
        ...(Number(values.l2) > 0 ? [] : change("next.l2", "l2", 0.001)),
        ...(Number(values.patience) > 0 ? [] : change("next.patience", "patience", 20)),
        ...change("next.hidden", "hidden", Math.max(1, Math.round(hidden / 4))),
      ],
      lessons: [
        { label: t("next.lesson.dropout"), name: "dropout" },
        { label: t("next.lesson.early_stopping"), name: "early-stopping" },
      ],
    };
  }
  if (Math.abs(val - train) <= SMALL_GAP * Math.max(val, train)) {
    return {
      kind: "underfit",
      text: t("next.underfit", { train: formatLoss(train), val: formatLoss(val) }),
      changes: [
        ...change("next.hidden", "hidden", hidden * 4),
        ...change("next.layers", "layers", Number(values.layers) + 1),
        ...change("next.epochs", "epochs", Number(values.epochs) * 2),
      ],
      lessons: [{ label: t("next.lesson.capacity"), name: "capacity" }],
    };
  }
  return {
    kind: "good",
    text: t("next.good"),
    changes: [
      ...change("next.bigger", "hidden", hidden * 4),
      ...change("next.smaller", "hidden", Math.max(1, Math.round(hidden / 4))),
    ],
    lessons: [
      { label: t("next.lesson.overfit"), name: "overfit" },
      { label: t("next.lesson.underfit"), name: "underfit" },
    ],
  };
}

/** The readout of a run that early stopping ended, in the language of `node`. */
export function describeStoppedEarly(status, stopEpoch, patience, node = document.documentElement) {
  const kept = { best: formatCount(status.best_epoch), loss: formatLoss(status.kept_val_loss) };
  const stop = isNumber(stopEpoch) ? tr(node, "next.stopped_at", { epoch: formatCount(stopEpoch) }) : "";
  const wait = isNumber(patience) ? tr(node, "next.stopped_wait", { patience: formatCount(patience) }) : "";
  return tr(node, "next.stopped", { ...kept, stop, wait });
}

/**
 * Show `lines` and the advice in `box`: buttons apply a change (`apply(values)`), links
 * load a lesson, and the reset button returns to the defaults.
 */
export function showNextStep(box, { lines, advice, apply, reset }) {
  const text = box.querySelector("[data-next-text]");
  const actions = box.querySelector("[data-next-actions]");
  text.replaceChildren();
  for (const line of [...lines, advice?.text].filter(Boolean)) {
    const p = document.createElement("p");
    p.textContent = line;
    text.append(p);
  }
  actions.replaceChildren();
  for (const { label, values } of advice?.changes ?? []) actions.append(button(label, () => apply(values)));
  for (const { label, name } of advice?.lessons ?? []) {
    const link = document.createElement("a");
    link.href = `./?lesson=${encodeURIComponent(name)}`;
    link.textContent = label;
    link.className = "next-lesson";
    actions.append(link);
  }
  actions.append(button(tr(box, "transport.defaults"), reset));
  box.dataset.kind = advice?.kind ?? "";
  box.hidden = false;
}

function button(label, run) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  b.addEventListener("click", run);
  return b;
}
