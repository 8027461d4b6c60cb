// Play / pause / step / reset, the status pill, and the alert that explains a divergence
// or an error. The run's state decides which buttons make sense. The pill says the
// catalog's `status.<state>`; texts keep their keys (say) so a language switch rewrites them.

import { say, tr } from "./i18n.js";

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
      // `detail` (e.g. how long Pausing… will take) replaces the state's usual words.
      if (detail) {
        delete pill.dataset.i18n;
        pill.textContent = detail;
      } else {
        say(pill, `status.${next}`);
      }
      pill.dataset.state = next;
      const live = next === "running" || next === "paused";
      playPause.disabled = !live;
      say(playPause, next === "running" ? "transport.pause" : "transport.play");
      playPause.dataset.i18nAttr = `aria-label:${next === "running" ? "transport.pause_label" : "transport.resume_label"}`;
      playPause.setAttribute("aria-label", tr(playPause, next === "running" ? "transport.pause_label" : "transport.resume_label"));
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
