// The page's words. Every string a reader sees comes from the message catalogs in i18n/
// (one JSON file per language, embedded in the page's wasm so the offline file carries
// them too); the scripts ask for a message by key with named blanks: t("run.best", { epoch }).
// Markup names its words with data-i18n="key" (text, blanks from the JSON object in
// data-i18n-values) and data-i18n-attr="attr:key;attr:key", so a language switch rewrites
// a whole document or shadow root in one pass.

import { choosePlurals } from "./plural.js";

/** The URL key and figure attribute that choose the language (src/config/page_keys.rs). */
export const LANG_KEY = "lang";

/** Fired on `window` after the page's language changed (detail: the new speaker). */
export const LANGUAGE_EVENT = "rnn-playground:language";

const speakers = new Map(); // lang -> speaker, built once per language

// When the page's wasm, which carries the catalogs, did not load, the page still says
// that it failed: these few words are all it can say then (i18n/not-in-catalog.txt).
const WITHOUT_CATALOG = {
  "status.error": "Error",
  "status.loading": "…",
  "alert.page_failed": "The page stopped working",
  "alert.reload_hint": "{message}. Reloading the page starts over.",
  "action.reload": "Reload",
  "transport.reset": "Reset",
};
const withoutCatalog = {
  lang: "en",
  t: (key, values = {}) => fill(WITHOUT_CATALOG[key] ?? "", values),
  has: (key) => key in WITHOUT_CATALOG,
  messages: WITHOUT_CATALOG,
  number: (value) => String(value),
  apply: () => {},
};
const tags = new Map(); // a lang attribute's value -> the catalog's code
let loadedGlue = null;

/** Called once the page's wasm is initialised (embed/page_wasm.js): the catalogs are in it. */
export function useCatalogs(glue) {
  loadedGlue = glue;
}

/**
 * The speaker of the language `node` is in: the nearest `lang` attribute in its tree (a
 * figure's root, the page's <html>), across shadow roots; English without one. Charts
 * choose their words the same way (src/web/chart_labels.rs).
 */
export function wordsFor(node) {
  if (!loadedGlue) return withoutCatalog;
  let at = node?.nodeType === 9 ? node.documentElement : node?.nodeType === 1 ? node : node?.host ?? node?.parentElement ?? null;
  let tag = "";
  while (at) {
    const holder = at.closest?.("[lang]");
    if (holder) {
      tag = holder.getAttribute("lang");
      break;
    }
    at = at.getRootNode?.()?.host ?? null;
  }
  if (!tags.has(tag)) tags.set(tag, loadedGlue.choose_language(tag, []).lang);
  return speaker(loadedGlue, tags.get(tag));
}

/** `t(key, values)` in the language of `node` (see wordsFor). */
export function tr(node, key, values) {
  return wordsFor(node).t(key, values);
}

/**
 * Sets `element`'s text to the message `key` in its language and keeps the key (and the
 * blanks) on it, so a language switch rewrites it too.
 */
export function say(element, key, values) {
  element.dataset.i18n = key;
  if (values) element.dataset.i18nValues = JSON.stringify(values);
  else delete element.dataset.i18nValues;
  element.textContent = tr(element, key, values);
}

/**
 * Sets `element`'s text to its language's entry of `words` (`{lang: text}`, e.g. a run's
 * words from the worker), `fallback` without one; a language switch picks again.
 */
export function sayWords(element, words, fallback) {
  element.dataset.i18nWords = JSON.stringify({ ...words, "": fallback });
  element.textContent = pick(words, wordsFor(element).lang, fallback);
}

/** `words` (`{lang: text}`, e.g. a worker's) in the language of `node`; `fallback` without it. */
export function wordsIn(node, words, fallback) {
  return pick(words, wordsFor(node).lang, fallback);
}

function pick(words, lang, fallback) {
  return words?.[lang] ?? fallback;
}

/**
 * A notice in the shape the notice boxes take (`{key, message}`), kept as its catalog key
 * and blanks so the box says it in its own language, a switch included. It may be made
 * before the catalogs are loaded (the theme is read first thing); `message` is English.
 */
export function notice(key, messageKey, values = {}) {
  return {
    key,
    messageKey,
    values,
    get message() {
      return loadedGlue ? speaker(loadedGlue, "en").t(messageKey, values) : messageKey;
    },
  };
}

/** Writes notice `n` into `element`: a catalog notice by key, a Rust one by its words. */
export function sayNotice(element, n) {
  if (n.messageKey) say(element, n.messageKey, n.values);
  else sayWords(element, n.words, n.message);
}

/** Whether the catalogs are there (the page's wasm loaded). */
export function catalogsReady() {
  return loadedGlue !== null;
}

/** Fills every data-i18n / data-i18n-attr element under `root` in its language. */
export function translate(root) {
  wordsFor(root).apply(root);
}

/**
 * The words of one language: `t(key, values)`, number formatting that follows the
 * language (Intl.NumberFormat), and `apply(root)` for marked-up elements. Needs the page
 * wasm loaded (loadPageWasm).
 */
export function speaker(glue, lang) {
  if (speakers.has(lang)) return speakers.get(lang);
  const messages = glue.catalog_messages(lang);
  const formats = new Map(); // options -> Intl.NumberFormat
  const numberFormat = (options) => {
    const id = JSON.stringify(options);
    if (!formats.has(id)) formats.set(id, new Intl.NumberFormat(lang, options));
    return formats.get(id);
  };
  const t = (key, values = {}) => fill(messages[key] ?? key, inLanguage(values, lang), lang);
  const made = {
    lang,
    t,
    has: (key) => key in messages,
    messages,
    number: (value, options = {}) => numberFormat(options).format(value),
    apply: (root) => applyWords(root, t, lang),
  };
  speakers.set(lang, made);
  return made;
}

/**
 * The blanks' values in `lang`: a value may be words in every language (`{lang: text}`,
 * a Rust error's `words`), so a switch says it again in the new language.
 */
function inLanguage(values, lang) {
  const said = {};
  for (const [name, value] of Object.entries(values ?? {})) {
    said[name] = value !== null && typeof value === "object" ? pick(value, lang, value.en ?? "") : value;
  }
  return said;
}

/** What an error from the wasm says: its words in every language when it has them. */
export function errorWords(error) {
  return error?.words ?? error?.message ?? String(error);
}

/**
 * `template` with its plural blanks chosen for `lang` (plural.js), then each `{name}`
 * replaced by its value (the Rust side's `fill_in`).
 */
export function fill(template, values, lang = "en") {
  return choosePlurals(template, values, lang).replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

function blanks(element) {
  try {
    return JSON.parse(element.dataset.i18nValues ?? "{}");
  } catch {
    return {};
  }
}

/** Rewrites every marked element under `root` (a document, element or shadow root). */
function applyWords(root, t, lang) {
  for (const element of root.querySelectorAll("[data-i18n]")) {
    element.textContent = t(element.dataset.i18n, blanks(element));
  }
  for (const element of root.querySelectorAll("[data-i18n-words]")) {
    const words = JSON.parse(element.dataset.i18nWords);
    element.textContent = pick(words, lang, words[""]);
  }
  // A slider's spoken value: its number and its unit's key (controls.js).
  for (const element of root.querySelectorAll("[data-i18n-valuetext]")) {
    const { value, unit } = JSON.parse(element.dataset.i18nValuetext);
    element.setAttribute("aria-valuetext", t("control.value_unit", { value, unit: t(unit) }));
  }
  for (const element of root.querySelectorAll("[data-i18n-attr]")) {
    for (const pair of element.dataset.i18nAttr.split(";")) {
      const [attribute, key] = pair.split(":").map((s) => s.trim());
      if (attribute && key) element.setAttribute(attribute, t(key));
    }
  }
}

let pageNotices = [];

/**
 * Chooses the page's language and puts it on <html lang> and every marked element:
 * `lang=` in the address when it names a catalog (an unknown value gets a notice and
 * English), else the browser's preferred languages, else English. Returns the speaker.
 */
export function startPageLanguage() {
  const requested = new URLSearchParams(window.location.search).get(LANG_KEY) ?? "";
  const preferred = [...(navigator.languages ?? [navigator.language ?? ""])];
  const choice = loadedGlue.choose_language(requested, preferred);
  pageNotices = choice.notice ? [{ key: LANG_KEY, message: choice.notice }] : [];
  const words = speaker(loadedGlue, choice.lang);
  document.documentElement.lang = words.lang;
  words.apply(document);
  return words;
}

/** The notice about an unknown `lang=` value, for the page's notice box (or none). */
export function languageNotices() {
  return pageNotices;
}

/** Every language there is: `[{lang, name}]` (each name in its own language). */
export function languages() {
  return loadedGlue.languages();
}

/**
 * A figure's language: its own `lang` attribute when it names a catalog, else the
 * nearest `lang` of the page around it, else English. `{ lang, notice }`.
 */
export function figureLanguage(element) {
  const own = element.getAttribute(LANG_KEY) ?? "";
  const around = element.parentElement?.closest("[lang]")?.getAttribute("lang") ?? "";
  return loadedGlue.choose_language(own, around ? [around] : []);
}

/**
 * Switches the page to `lang` without reloading: <html lang>, the address (so a shared
 * link keeps it), every marked element, then LANGUAGE_EVENT so the scripts rewrite their
 * own texts and redraw the charts (which read <html lang>).
 */
export function switchPageLanguage(lang) {
  const words = speaker(loadedGlue, lang);
  document.documentElement.lang = words.lang;
  const url = new URL(window.location.href);
  url.search = withLanguage(url.search.replace(/^\?/, ""), words.lang);
  window.history.replaceState(window.history.state, "", url);
  words.apply(document);
  window.dispatchEvent(new CustomEvent(LANGUAGE_EVENT, { detail: words }));
  return words;
}

/** Adds (or replaces) `lang=` in a query string when the reader chose a language. */
export function withLanguage(query, lang) {
  const rest = query.split("&").filter((s) => s && s.split("=")[0] !== LANG_KEY);
  if (lang) rest.push(`${LANG_KEY}=${lang}`);
  return rest.join("&");
}

/** A query without its `lang=` key (the run readers never see it). */
export function withoutLanguage(query) {
  return withLanguage(query, "");
}
