// Entry point of index.html: reads the mode from the address before anything heavy loads,
// so a lab mode never starts the playground's worker and the playground never loads the
// lab code. `?mode=compare` and `?mode=sweep` mount a lab mode (lab_page.js); anything else
// is the playground (app.js), which lists an unknown mode among its URL notices.

import { loadPageWasm } from "./embed/page_wasm.js";
import { LANGUAGE_EVENT, languageNotices, notice, startPageLanguage } from "./i18n.js";
import { mountLanguageSwitch } from "./language_switch.js";
import { addModeNotice, expandAddressLesson, fullQuery, lessonNotices, mountLessonCaption } from "./lesson_state.js";
import { addressTheme, applyTheme } from "./theme.js";
import { ADDRESS_EVENT, showNotices } from "./url_state.js";

// Colours first, before anything is drawn.
applyTheme(document.documentElement, addressTheme().setting);

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
  const given = params.getAll("mode");
  if (requested === "play" && given.length > 1) {
    addModeNotice(notice("mode", "notice.mode_repeated", { count: given.length }));
  }
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
    // A module that fails to load (missing on the host, cut short) must not leave "Loading…".
    import("./app.js").catch(modeFailed);
    return;
  }
  showLabNotices();
  import("./lab_page.js")
    .then((page) => page.startLabPage(mode))
    // Inside the lab's root: lab.css hides everything else in main.
    .then(() => mountLessonCaption(document.getElementById("lab-root")?.firstElementChild))
    .catch(modeFailed);
}

/** The page's code did not load: boot_watch.js says so, with a Reload. */
function modeFailed(error) {
  console.error(error);
  globalThis.rnnPlaygroundLoadFailed?.(String(error?.message ?? error));
}

/** The lab modes list their own notices; an unknown lesson goes in the page's box. */
function showLabNotices() {
  const notices = [...languageNotices(), ...lessonNotices(), ...[addressTheme().notice].filter(Boolean)];
  const box = document.getElementById("notices");
  if (!notices.length || !box) return;
  showNotices(box, notices);
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
      // Each time the address changes (a packed long text, a language), so a tab never
      // carries the long address an old link opened with.
      const refresh = () => {
        for (const tab of tabs) tab.href = tabHref(tab.dataset.mode, modeOnly);
      };
      for (const event of [ADDRESS_EVENT, LANGUAGE_EVENT]) window.addEventListener(event, refresh);
      refresh();
    })
    .catch((error) => console.error(error)); // the page itself reports a wasm that cannot load
}

// The playground's own view options: the lab modes have none of them.
const PLAY_ONLY_KEYS = ["views"];

function tabHref(target, modeOnlyKeys) {
  const shared = new URLSearchParams(fullQuery());
  for (const key of modeOnlyKeys) shared.delete(key);
  if (target !== "play") for (const key of PLAY_ONLY_KEYS) shared.delete(key);
  const rest = shared.toString();
  const query = target === "play" ? rest : `mode=${target}${rest ? `&${rest}` : ""}`;
  // Long values packed in the fragment (address_pack.js) go along.
  const packed = /^#pack=/.test(window.location.hash) ? window.location.hash : "";
  return `./${query ? `?${query}` : ""}${packed}`;
}
