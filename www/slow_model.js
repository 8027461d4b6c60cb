// The warning for a model whose every training step takes seconds on this device: said
// when the run starts (from the step's flop count and the speed measured here before), with
// the nearest hidden size whose steps are fast. Pause and live changes wait for a step.

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

function seconds(ms) {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toPrecision(2)} s`;
}

/**
 * Show the warning in the page's alert box when `stepMs` (estimated or measured) is over
 * the limit. `useHidden(size)` restarts with that hidden size. Returns true when shown.
 */
export function warnIfSlow(transport, { stepMs, flopsPerStep, hidden, minHidden, useHidden }) {
  if (!(stepMs > SLOW_STEP_LIMIT_MS)) return false;
  const gflop = flopsPerStep > 0 ? ` (${(flopsPerStep / 1e9).toPrecision(3)} GFLOP each)` : "";
  const faster = fasterHidden(hidden, stepMs, minHidden);
  const actions = faster
    ? [{ label: `Use ${faster.hidden} hidden units (about ${seconds(faster.stepMs)} a step)`, run: () => useHidden(faster.hidden) }]
    : [];
  transport.showAlert(
    "info",
    "This model trains slowly here",
    `One training step takes about ${seconds(stepMs)} on this device${gflop}. The first epoch's ` +
      "losses come after many steps; Pause waits for the step in progress, and Reset or a new " +
      "size starts over at once.",
    actions,
  );
  return true;
}
