// What to try after a run ends: a short diagnosis from the run's own numbers and buttons
// that apply it, so a finished run is a next step rather than a greyed-out Play button.

import { formatCount, formatLoss, isNumber } from "./format.js";

// Validation this far above its best means the run turned and overfits.
const OVERFIT_RISE = 0.1;
// Train and validation this close (relative) with no rise means the model may be too small.
const SMALL_GAP = 0.1;

/**
 * The advice for a run that ended. `run`: {train, val, bestVal} (final losses and the best
 * validation loss); `values`: the controls' values; `table`: the parameter table.
 * Returns {kind, text, changes: [{label, values}], lessons: [{label, name}]}.
 */
export function suggestNext(run, values, table) {
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
    return next === null ? [] : [{ label: label.replace("{}", shown), values: { [key]: next } }];
  };
  const hidden = Number(values.hidden);
  if (val > bestVal * (1 + OVERFIT_RISE)) {
    return {
      kind: "overfit",
      text:
        `Overfitting: validation loss ended at ${formatLoss(val)}, more than 10% above its best ` +
        `(${formatLoss(bestVal)}). Try dropout, L2, early stopping or fewer units.`,
      changes: [
        ...(Number(values.dropout) > 0 ? [] : change("Dropout {}", "dropout", 0.3)),
        ...(Number(values.l2) > 0 ? [] : change("L2 {}", "l2", 0.001)),
        ...(Number(values.patience) > 0 ? [] : change("Stop early (patience {})", "patience", 20)),
        ...change("{} hidden units", "hidden", Math.max(1, Math.round(hidden / 4))),
      ],
      lessons: [
        { label: "Dropout lesson", name: "dropout" },
        { label: "Early-stopping lesson", name: "early-stopping" },
      ],
    };
  }
  if (Math.abs(val - train) <= SMALL_GAP * Math.max(val, train)) {
    return {
      kind: "underfit",
      text:
        `Training and validation loss ended within 10% of each other (${formatLoss(train)}, ${formatLoss(val)}): ` +
        "the model may be too small. Try more hidden units or layers, or more epochs.",
      changes: [
        ...change("{} hidden units", "hidden", hidden * 4),
        ...change("{} layers", "layers", Number(values.layers) + 1),
        ...change("{} epochs", "epochs", Number(values.epochs) * 2),
      ],
      lessons: [{ label: "Capacity sweep lesson", name: "capacity" }],
    };
  }
  return {
    kind: "good",
    text: "A good fit: try a bigger model to see it overfit, or a smaller one to see it underfit.",
    changes: [
      ...change("Bigger: {} hidden units", "hidden", hidden * 4),
      ...change("Smaller: {} hidden units", "hidden", Math.max(1, Math.round(hidden / 4))),
    ],
    lessons: [
      { label: "Overfit lesson", name: "overfit" },
      { label: "Underfit lesson", name: "underfit" },
    ],
  };
}

/** The readout of a run that early stopping ended. */
export function describeStoppedEarly(status, stopEpoch, patience) {
  const stop = isNumber(stopEpoch) ? ` at epoch ${formatCount(stopEpoch)}` : "";
  const wait = isNumber(patience) ? ` for ${formatCount(patience)} epochs` : "";
  return (
    `Stopped early${stop}: validation had not improved${wait}; keeping the weights of epoch ` +
    `${formatCount(status.best_epoch)} (validation ${formatLoss(status.kept_val_loss)}).`
  );
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
  actions.append(button("Reset to defaults", reset));
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
