// Entry point of index.html: reads the mode from the address before anything heavy loads,
// so a lab mode never starts the playground's worker and the playground never loads the
// lab code. `?mode=compare` and `?mode=sweep` mount a lab mode (lab_page.js); anything else
// is the playground (app.js), which lists an unknown mode among its URL notices.

import { loadPageWasm } from "./embed/page_wasm.js";
import { languageNotices, startPageLanguage, tr } from "./i18n.js";
import { mountLanguageSwitch } from "./language_switch.js";
import { expandAddressLesson, fullQuery, lessonNotices, mountLessonCaption } from "./lesson_state.js";

const LAB_MODES = ["compare", "sweep"];

// The page speaks its language before anything shows; then `lesson=NAME` becomes the
// lesson's settings: a lesson may choose the mode.
const mode = await loadPageWasm()
  .then(() => {
    startPageLanguage();
    mountLanguageSwitch(document.querySelector(".site-header"));
  })
  .then(() => expandAddressLesson())
  .catch((error) => console.error(error)) // the page itself reports a wasm that cannot load
  .then(() => chooseMode());
setUpTabs();
startMode();

function chooseMode() {
  const params = new URLSearchParams(window.location.search);
  const requested = params.get("mode");
  if (requested === "play") {
    // The playground's own name for itself is no parameter of a run.
    params.delete("mode");
    const url = new URL(window.location.href);
    url.search = params.toString();
    window.history.replaceState(window.history.state, "", url);
  }
  return LAB_MODES.includes(requested) ? requested : "play";
}

function startMode() {
  if (mode === "play") {
    import("./app.js");
    return;
  }
  showLabNotices();
  import("./lab_page.js")
    .then((page) => page.startLabPage(mode))
    // Inside the lab's root: lab.css hides everything else in main.
    .then(() => mountLessonCaption(document.getElementById("lab-root")?.firstElementChild))
    .catch((error) => {
      console.error(error);
      const alert = document.getElementById("alert");
      if (!alert) return;
      alert.hidden = false;
      const t = (key, values) => tr(document.documentElement, key, values);
      alert.querySelector("[data-alert-title]").textContent = t("alert.mode_failed");
      alert.querySelector("[data-alert-message]").textContent = t("alert.reload_may_help", { message: error?.message ?? error });
    });
}

/** The lab modes list their own notices; an unknown lesson goes in the page's box. */
function showLabNotices() {
  const notices = [...languageNotices(), ...lessonNotices()];
  const box = document.getElementById("notices");
  if (!notices.length || !box) return;
  import("./url_state.js").then(({ showNotices }) => showNotices(box, notices));
  document.getElementById("notices-dismiss")?.addEventListener("click", () => (box.hidden = true));
}

/**
 * The mode tabs: mark the current one, and carry the shared settings to the others. Which
 * keys belong to one mode is declared in the wasm (page_keys), which the page loads anyway;
 * until it is there the tabs keep their plain links.
 */
function setUpTabs() {
  const tabs = [...document.querySelectorAll(".mode-tabs [data-mode]")];
  for (const tab of tabs) if (tab.dataset.mode === mode) tab.setAttribute("aria-current", "page");
  loadPageWasm()
    .then(({ keys }) => {
      const modeOnly = keys.filter((key) => key.mode_only).map((key) => key.key);
      for (const tab of tabs) {
        const refresh = () => (tab.href = tabHref(tab.dataset.mode, modeOnly));
        for (const event of ["pointerenter", "focus", "click"]) tab.addEventListener(event, refresh);
        refresh();
      }
    })
    .catch((error) => console.error(error)); // the page itself reports a wasm that cannot load
}

function tabHref(target, modeOnlyKeys) {
  const shared = new URLSearchParams(fullQuery());
  for (const key of modeOnlyKeys) shared.delete(key);
  const rest = shared.toString();
  const query = target === "play" ? rest : `mode=${target}${rest ? `&${rest}` : ""}`;
  return `./${query ? `?${query}` : ""}`;
}
