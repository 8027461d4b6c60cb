// Entry point of index.html: reads the mode from the address before anything heavy loads,
// so a lab mode never starts the playground's worker and the playground never loads the
// lab code. `?mode=compare` and `?mode=sweep` mount a lab mode (lab_page.js); anything else
// is the playground (app.js), which lists an unknown mode among its URL notices.

const LAB_MODES = ["compare", "sweep"];
// Keys that belong to one lab mode; the tabs carry every other key (the shared settings).
const MODE_ONLY_KEYS = ["mode", "cells", "sweep_hidden", "sweep_layers", "workers"];

const params = new URLSearchParams(window.location.search);
const requested = params.get("mode");
const mode = LAB_MODES.includes(requested) ? requested : "play";

if (requested === "play") {
  // The playground's own name for itself is no parameter of a run.
  params.delete("mode");
  const url = new URL(window.location.href);
  url.search = params.toString();
  window.history.replaceState(window.history.state, "", url);
}

setUpTabs();

if (mode === "play") {
  import("./app.js");
} else {
  import("./lab_page.js")
    .then((page) => page.startLabPage(mode))
    .catch((error) => {
      console.error(error);
      const alert = document.getElementById("alert");
      if (!alert) return;
      alert.hidden = false;
      alert.querySelector("[data-alert-title]").textContent = "This mode could not load";
      alert.querySelector("[data-alert-message]").textContent = `${error?.message ?? error}. Reloading the page may help.`;
    });
}

/** The mode tabs: mark the current one, and carry the shared settings to the others. */
function setUpTabs() {
  for (const tab of document.querySelectorAll(".mode-tabs [data-mode]")) {
    if (tab.dataset.mode === mode) tab.setAttribute("aria-current", "page");
    const refresh = () => (tab.href = tabHref(tab.dataset.mode));
    for (const event of ["pointerenter", "focus", "click"]) tab.addEventListener(event, refresh);
    refresh();
  }
}

function tabHref(target) {
  const shared = new URLSearchParams(window.location.search);
  for (const key of MODE_ONLY_KEYS) shared.delete(key);
  const rest = shared.toString();
  const query = target === "play" ? rest : `mode=${target}${rest ? `&${rest}` : ""}`;
  return `./${query ? `?${query}` : ""}`;
}
