// The numbers under the chart, and a calm spoken summary for screen readers.

import { MISSING, formatCount, formatLoss, formatPercent, isNumber } from "./format.js";
import { LANGUAGE_EVENT, sayWords, tr } from "./i18n.js";

// A screen reader should hear the losses now and then, not a stream of numbers.
const SUMMARY_INTERVAL_MS = 3000;

/** `scope` holds the loss caption: the document, or an embedded figure's shadow root. */
export function createReadouts(root, summaryRegion, scope = document) {
  const cell = (name) => root.querySelector(`[data-readout="${name}"]`);
  const fields = {
    epoch: cell("epoch"),
    train: cell("train"),
    val: cell("val"),
    gap: cell("gap"),
    best: cell("best"),
    params: cell("params"),
    speed: cell("speed"),
    trainAccuracy: cell("train-accuracy"),
    valAccuracy: cell("val-accuracy"),
  };
  // Optional: the steps done of a long epoch, next to the epoch's label.
  const epochProgress = root.querySelector("[data-epoch-progress]");
  const accuracyRows = root.querySelectorAll("[data-accuracy]");
  const lossLabels = scope.querySelectorAll("[data-loss-label]");
  const lossCaption = scope.querySelector("[data-loss-caption]");
  const summary = createThrottledSummary(summaryRegion);
  let latest = null;
  // A language switch says the latest numbers again in the new words.
  window.addEventListener(LANGUAGE_EVENT, () => latest && summary.now(describe(latest, root)));

  return {
    startRun(info) {
      latest = null;
      for (const element of Object.values(fields)) element.textContent = MISSING;
      if (epochProgress) epochProgress.textContent = "";
      // Nothing trained yet, and already known: epoch 0, none of its steps done.
      if (isNumber(info.steps_per_epoch)) {
        fields.epoch.textContent = "0";
        if (epochProgress) epochProgress.textContent = `· step 0 of ${formatCount(info.steps_per_epoch)}`;
      }
      fields.params.textContent = formatCount(info.param_count);
      for (const row of accuracyRows) row.hidden = !info.has_accuracy;
      // The task's loss unit in every language (the worker's `words`); the label shows its own.
      const units = Object.fromEntries(Object.entries(info.words ?? {}).map(([lang, w]) => [lang, w.loss_label]));
      for (const label of lossLabels) sayWords(label, units, info.loss_label ?? "");
      if (lossCaption) lossCaption.hidden = !info.loss_label;
      summary.reset();
    },

    /** A slice that finished no epoch: how far the epoch is, so long epochs show movement. */
    showProgress({ epochSteps, epochStepsTotal, validating, stepsPerSec }) {
      if (isNumber(stepsPerSec) && stepsPerSec > 0) fields.speed.textContent = formatSpeed(stepsPerSec, root);
      if (fields.epoch.textContent === MISSING) fields.epoch.textContent = "0";
      if (!epochProgress || !isNumber(epochSteps) || !isNumber(epochStepsTotal)) return;
      epochProgress.textContent = validating
        ? "· validating"
        : `· step ${formatCount(epochSteps)} of ${formatCount(epochStepsTotal)}`;
    },

    showEpochs({ reports, stepsPerSec, bestEpoch, bestValLoss }) {
      if (isNumber(stepsPerSec) && stepsPerSec > 0) fields.speed.textContent = formatSpeed(stepsPerSec, root);
      // Epochs that end within a slice need no progress: it would only flicker.
      if (epochProgress) epochProgress.textContent = "";
      if (isNumber(bestEpoch)) {
        fields.best.textContent = `${formatCount(bestEpoch)} (${formatLoss(bestValLoss)})`;
      }
      const report = reports[reports.length - 1];
      if (!report) return;
      latest = { ...report, bestEpoch };
      fields.epoch.textContent = formatCount(report.epoch);
      fields.train.textContent = formatLoss(report.train_loss);
      fields.val.textContent = formatLoss(report.val_loss);
      const gap = report.val_loss - report.train_loss;
      fields.gap.textContent = isNumber(gap) ? `${gap >= 0 ? "+" : ""}${formatLoss(gap)}` : MISSING;
      fields.trainAccuracy.textContent = formatPercent(report.train_accuracy);
      fields.valAccuracy.textContent = formatPercent(report.val_accuracy);
      summary.update(() => describe(latest, root));
    },

    /** Weights were just loaded: their validation score stands until the next epoch. */
    showLoadedWeights({ val_loss, val_accuracy }) {
      fields.val.textContent = formatLoss(val_loss);
      fields.gap.textContent = MISSING;
      if (isNumber(val_accuracy)) fields.valAccuracy.textContent = formatPercent(val_accuracy);
      summary.now(tr(root, "announce.weights_loaded", { loss: formatLoss(val_loss) }));
    },

    /** Status changes are worth saying at once (they are rare). */
    announce(text) {
      summary.now(text);
    },
  };
}

/** Steps per second; a slow model reads better as seconds per step. */
function formatSpeed(stepsPerSec, node) {
  if (stepsPerSec >= 1) return formatCount(stepsPerSec);
  return tr(node, "readout.seconds_per_step", { seconds: (1 / stepsPerSec).toPrecision(2) });
}

/** The latest epoch in words, in the language of `node`. */
function describe(report, node) {
  const losses = { epoch: formatCount(report.epoch), train: formatLoss(report.train_loss), val: formatLoss(report.val_loss) };
  const text = tr(node, "announce.epoch", losses);
  if (!isNumber(report.bestEpoch)) return text;
  return `${text} ${tr(node, "announce.best", { epoch: formatCount(report.bestEpoch) })}`;
}

/** Writes to an aria-live region at most once per interval, keeping the newest text. */
function createThrottledSummary(region) {
  let last = -Infinity;
  let timer = 0;
  let pending = null;
  const write = () => {
    timer = 0;
    if (!pending) return;
    region.textContent = pending();
    pending = null;
    last = performance.now();
  };
  return {
    update(makeText) {
      pending = makeText;
      if (timer) return;
      timer = window.setTimeout(write, Math.max(0, last + SUMMARY_INTERVAL_MS - performance.now()));
    },
    now(text) {
      if (timer) window.clearTimeout(timer);
      timer = 0;
      pending = null;
      region.textContent = text;
      last = performance.now();
    },
    reset() {
      if (timer) window.clearTimeout(timer);
      timer = 0;
      pending = null;
    },
  };
}
