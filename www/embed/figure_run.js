// What an embedded figure shows of its run, following the worker's `started` and `epochs`
// messages: the chart, the readouts, the Download menu, the views and the labels. A run
// resumed on a new turn (figure_turns.js) shows its history again, from where it was.

/** `parts`: `{ chart, readouts, files, views, dom, t, guard(fn) }`. */
export function createRunDisplay({ chart, readouts, files, views, dom, t, guard }) {
  const display = {
    runs: 0, // runs started since the figure connected (a resumed run is the same run)
    lastEpoch: null, // the newest epoch shown, where early stopping ended the run

    started({ info, resumed }) {
      if (!resumed) display.runs += 1;
      display.lastEpoch = null;
      guard(() => chart.reset(info));
      readouts.startRun(info);
      if (resumed) {
        // The same run: its history again, then where the epoch in progress is.
        display.epochs(resumed);
        if (resumed.epochSteps > 0 || resumed.validating) readouts.showProgress(resumed);
      }
      files.onStarted(info);
      views.onStarted(info);
      const title = info.words?.[dom.root.lang]?.title ?? info.title;
      dom.root.setAttribute("aria-label", t("figure.label_of", { title }));
      dom.chart.setAttribute("aria-label", t("figure.chart_label_of", { title }));
    },

    epochs(message) {
      display.lastEpoch = message.reports.at(-1)?.epoch ?? display.lastEpoch;
      guard(() => chart.push(message.reports));
      readouts.showEpochs(message);
    },
  };
  return display;
}
