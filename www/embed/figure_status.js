// What an embedded figure says when its run changes state or its worker fails: the
// transport's alert, the chart's early-stopping mark and the announcement for screen
// readers, in the figure's language.

import { describeStoppedEarly } from "../next_step.js";

/**
 * Shows `status` (a worker `status` message's) on the figure. `figure` gives
 * `{ transport, readouts, t, lang, lastEpoch, query, markStopped(epoch), restart() }`.
 */
export function showRunStatus(status, figure) {
  const { transport, readouts, t } = figure;
  const words = status.words?.[figure.lang] ?? status.message;
  if (status.state === "diverged") {
    transport.showAlert("diverged", t("alert.diverged"), words ?? t("alert.diverged_default"), [
      { label: t("transport.reset"), run: figure.restart },
    ]);
    readouts.announce(t("announce.diverged", { message: words ?? "" }));
  } else if (status.state === "finished") {
    readouts.announce(t("announce.finished"));
  } else if (status.state === "stopped_early") {
    // Say where it stopped and which weights it kept, on the chart and in words.
    const text = describeStoppedEarly(status, figure.lastEpoch, patienceOf(figure.query));
    figure.markStopped(figure.lastEpoch);
    transport.showAlert("info", t("status.stopped_early"), text);
    readouts.announce(text);
  }
}

/** A worker error: which alert, and Reset as the way out (it starts a fresh worker). */
export function showWorkerError({ message, fatal, workerDied, loadFailed }, { transport, t, restart }) {
  transport.setState("error");
  const title = workerDied || loadFailed ? "alert.worker_failed" : fatal ? "alert.stopped" : "alert.cannot_run";
  transport.showAlert("error", t(title), message, [{ label: t("transport.reset"), run: restart }]);
}

/** The run's early-stopping patience, read from its query. */
function patienceOf(query) {
  const value = new URLSearchParams(query).get("patience");
  return value === null ? null : Number(value);
}
