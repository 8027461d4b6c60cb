// The warning for a model whose every training step takes seconds on this device: said
// before the run starts (from the step's flop count and the speed measured here before),
// holding the start until the reader chooses, and again once a run's speed is measured;
// either way with the nearest hidden size whose steps are fast. Pause and live changes
// wait for a step.

import { tr } from "./i18n.js";

/** Steps longer than this make the page feel stuck; the notice says so. */
export const SLOW_STEP_LIMIT_MS = 1000;
// The offered size aims below the limit: the estimate is rough.
const TARGET_MS = 0.6 * SLOW_STEP_LIMIT_MS;

/**
 * The hidden size nearest to `hidden` whose step takes about TARGET_MS or less, assuming
 * the cost grows with the square of the hidden size (the recurrent products dominate at
 * the sizes where this matters). Null when even the smallest size is slow.
 */
export function fasterHidden(hidden, stepMs, minHidden = 1) {
  if (!(stepMs > SLOW_STEP_LIMIT_MS) || !(hidden > minHidden)) return null;
  let size = Math.floor(hidden * Math.sqrt(TARGET_MS / stepMs));
  if (size >= 16) size -= size % 8; // a round number reads better in a slider
  size = Math.max(minHidden, size);
  return size < hidden ? { hidden: size, stepMs: stepMs * (size / hidden) ** 2 } : null;
}

function seconds(ms, t) {
  return t("time.seconds", { count: ms >= 10_000 ? Math.round(ms / 1000) : (ms / 1000).toPrecision(2) });
}

/** How long Pause waits for the step in progress, in whole seconds or minutes (`t` translates). */
export function waitText(ms, t) {
  if (ms < 60_000) return t("time.seconds", { count: Math.max(1, Math.round(ms / 1000)) });
  return t("time.minutes", { count: Math.round(ms / 60_000) });
}

function gflopText(flopsPerStep, t) {
  return flopsPerStep > 0 ? t("slow.gflop", { gflop: (flopsPerStep / 1e9).toPrecision(3) }) : "";
}

/** The "use N hidden units" button, when a smaller size is fast enough. */
function fasterActions({ hidden, stepMs, minHidden, useHidden }, t) {
  const faster = fasterHidden(hidden, stepMs, minHidden);
  return faster ? [{ label: t("slow.use", { hidden: faster.hidden, time: seconds(faster.stepMs, t) }), run: () => useHidden(faster.hidden) }] : [];
}

/**
 * Before a run starts: when `stepMs` (estimated) is over the limit, say so in the page's
 * alert box (in the language of `node`) and hold the start. The buttons start it anyway
 * (`startAnyway()`) or with the nearest fast hidden size (`useHidden(size)`). Returns true
 * when the start is held.
 */
export function holdIfSlow(transport, { stepMs, flopsPerStep, hidden, minHidden, useHidden, startAnyway, node = document.documentElement }) {
  if (!(stepMs > SLOW_STEP_LIMIT_MS)) return false;
  const t = (key, values) => tr(node, key, values);
  transport.setState("waiting", t("status.waiting_choice"));
  transport.showAlert(
    "info",
    t("slow.hold_title"),
    t("slow.hold_message", { time: seconds(stepMs, t), gflop: gflopText(flopsPerStep, t) }),
    [...fasterActions({ hidden, stepMs, minHidden, useHidden }, t), { label: t("slow.start_anyway"), run: startAnyway }],
  );
  return true;
}

/**
 * Once a run is going: show the warning when `stepMs` (estimated or measured) is over the
 * limit. `useHidden(size)` restarts with that hidden size. Returns true when shown.
 */
export function warnIfSlow(transport, { stepMs, flopsPerStep, hidden, minHidden, useHidden, node = document.documentElement }) {
  if (!(stepMs > SLOW_STEP_LIMIT_MS)) return false;
  const t = (key, values) => tr(node, key, values);
  const gflop = gflopText(flopsPerStep, t);
  const actions = fasterActions({ hidden, stepMs, minHidden, useHidden }, t);
  transport.showAlert("info", t("slow.title"), t("slow.message", { time: seconds(stepMs, t), gflop }), actions);
  return true;
}
