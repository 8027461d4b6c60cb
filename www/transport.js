// Play / pause / step / reset, the status pill, and the alert that explains a divergence
// or an error. The run's state decides which buttons make sense.

const STATE_TEXT = {
  loading: "Loading…",
  starting: "Starting…",
  running: "Training",
  pausing: "Pausing…",
  paused: "Paused",
  finished: "Finished",
  stopped_early: "Stopped early",
  diverged: "Diverged",
  error: "Error",
};

export function createTransport(root, alertBox, actions) {
  const button = (name) => root.querySelector(`[data-action="${name}"]`);
  const playPause = button("play-pause");
  const step = button("step");
  const reset = button("reset");
  const defaults = button("defaults");
  const pill = root.querySelector("[data-status]");
  const alertTitle = alertBox.querySelector("[data-alert-title]");
  const alertMessage = alertBox.querySelector("[data-alert-message]");
  const alertActions = alertBox.querySelector("[data-alert-actions]");
  let state = "loading";

  playPause.addEventListener("click", () => (state === "running" ? actions.pause() : actions.resume()));
  step.addEventListener("click", () => actions.step());
  reset.addEventListener("click", () => actions.reset());
  defaults?.addEventListener("click", () => actions.defaults?.());

  return {
    get state() {
      return state;
    },
    /** `detail` replaces the state's usual words (e.g. how long Pausing… will take). */
    setState(next, detail) {
      state = next;
      pill.textContent = detail ?? STATE_TEXT[next] ?? next;
      pill.dataset.state = next;
      const live = next === "running" || next === "paused";
      playPause.disabled = !live;
      playPause.textContent = next === "running" ? "Pause" : "Play";
      playPause.setAttribute("aria-label", next === "running" ? "Pause training" : "Resume training");
      playPause.dataset.playing = String(next === "running");
      step.disabled = !live;
      reset.disabled = next === "loading";
      if (defaults) defaults.disabled = next === "loading";
    },
    /** kind: "diverged" | "error" | "info". extra: [{label, run}] buttons. */
    showAlert(kind, title, message, extra = []) {
      alertBox.dataset.kind = kind;
      alertTitle.textContent = title;
      alertMessage.textContent = message;
      alertActions.replaceChildren();
      for (const { label, run } of extra) {
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = label;
        b.addEventListener("click", run);
        alertActions.append(b);
      }
      alertBox.hidden = false;
    },
    hideAlert() {
      alertBox.hidden = true;
    },
  };
}
