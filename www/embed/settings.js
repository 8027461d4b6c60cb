import { readTheme } from "../theme.js";

// An embedded figure's settings come from its HTML attributes. Run parameters use the URL
// keys of the parameter table and go through the same parse_query as the playground's
// address bar, so an attribute is validated exactly like a URL value. The few figure
// options (which controls, autoplay...) are read here.

import { notice, say } from "../i18n.js";
import { packedLink } from "../address_pack.js";
import { fitAddress, leftOutNames } from "../url_state.js";

// A whole query string; single attributes win over the keys it holds.
export const QUERY_ATTRIBUTE = "query";
// Controls shown when the author does not choose: the two knobs the lesson is about.
export const DEFAULT_CONTROLS = ["hidden", "layers"];
// The loss chart (always drawn) and the "inside the network" views under it: the names of
// views.js's VIEW_NAMES, written out so this module does not load the views' wasm glue.
export const SUPPORTED_VIEWS = ["loss", "predictions", "samples", "heatmap", "saturation"];
// The one-run figure ("" and "play") and the lab modes (embed/mode_mount.js).
const SUPPORTED_MODES = ["", "play", "compare", "sweep"];
// Chart width / height: anything outside this is more likely a typo than a wish.
const ASPECT_RANGE = [0.5, 4];

// HTML's global attributes: they belong to the page, not to us, and are never reported.
const GLOBAL_ATTRIBUTES = new Set([
  "accesskey", "autocapitalize", "autocorrect", "autofocus", "class", "contenteditable", "dir",
  "draggable", "enterkeyhint", "exportparts", "hidden", "id", "inert", "inputmode", "is", "itemid",
  "itemprop", "itemref", "itemscope", "itemtype", "lang", "nonce", "part", "popover", "role", "slot",
  "spellcheck", "style", "tabindex", "title", "translate", "writingsuggestions",
]);

/**
 * Figure options: the page keys (`keys`, from the wasm's page_keys) marked `figure`. They are
 * accepted as attributes and inside the `query` attribute (so a query copied from the
 * playground's address bar, which may hold `logy=1`, works as is).
 */
export function optionKeys(keys) {
  return keys.filter((key) => key.figure).map((key) => key.key);
}

/**
 * Read an element's attributes (`[[name, value]]`, names lower-case as HTML gives them)
 * against the wasm's parameter `table` and page `keys`.
 * Returns `{ query, options, notices }`: `query` is the raw run query for parse_query,
 * `options` the raw option strings (null when absent), `notices` what was ignored.
 */
export function readAttributes(attributes, { table, keys, glue }) {
  const paramKeys = new Set(table.map((spec) => spec.key));
  const figureOptions = optionKeys(keys);
  const options = Object.fromEntries(figureOptions.map((key) => [key, null]));
  const notices = [];
  const attributeParams = [];
  const givenKeys = new Set();

  for (const [name, value] of attributes) {
    if (paramKeys.has(name)) {
      attributeParams.push(`${name}=${encodeURIComponent(value)}`);
      givenKeys.add(name);
    } else if (figureOptions.includes(name)) {
      options[name] = value;
    } else if (name !== QUERY_ATTRIBUTE && looksLikeOurs(name)) {
      notices.push(notice(name, "figure.notice.unknown"));
    }
  }

  // Segments of the query attribute stay raw: parse_query's notices can then name
  // malformed escapes. Options are taken out; a key also given as an attribute loses.
  const kept = [];
  const queryText = attributes.find(([name]) => name === QUERY_ATTRIBUTE)?.[1] ?? "";
  for (const segment of queryText.replace(/^\?/, "").split("&")) {
    if (segment === "") continue;
    const [rawKey, ...rest] = segment.split("=");
    const key = decodeOrNull(rawKey);
    if (key !== null && figureOptions.includes(key)) {
      if (options[key] !== null) continue; // the attribute wins
      const value = decodeOrNull(rest.join("="));
      if (value === null) notices.push(notice(key, "figure.notice.escape"));
      else options[key] = value;
    } else if (key === null || !givenKeys.has(key)) {
      kept.push(segment);
    }
  }
  // element.js expands a known lesson; one still here has a name no lesson has.
  if (options.lesson !== null && options.lesson !== undefined && glue?.expand_lesson) {
    const notice = glue.expand_lesson(`lesson=${encodeURIComponent(options.lesson)}`).notice;
    if (notice) notices.push(notice);
  }
  return { query: [...kept, ...attributeParams].join("&"), options, notices };
}

/**
 * Turn the raw option strings into what the figure uses, with a notice for every value
 * that was not understood (the figure then falls back to the default).
 */
export function resolveOptions(raw, { table }) {
  const notices = [];
  const keys = table.map((spec) => spec.key);
  return {
    controls: resolveControls(raw.controls, keys, notices),
    autoplay: isOn(raw.autoplay),
    logScale: isOn(raw.logy),
    aspect: resolveAspect(raw.aspect, notices),
    views: resolveList(raw.views, SUPPORTED_VIEWS, "views", notices, (view) =>
      notice("views", "figure.notice.view", { view, views: SUPPORTED_VIEWS.join(", ") })),
    mode: resolveMode(raw.mode, notices),
    theme: resolveThemeOption(raw.theme, notices),
    notices,
  };
}

/** Boolean options: present means on, except an explicit 0 / false / no / off. */
export function isOn(value) {
  if (value === null || value === undefined) return false;
  return !/^\s*(0|false|no|off)\s*$/i.test(value);
}

function resolveControls(value, keys, notices) {
  if (value === null) return [...DEFAULT_CONTROLS];
  const words = splitList(value);
  if (words.length === 0 || (words.length === 1 && words[0] === "none")) return [];
  if (words.length === 1 && words[0] === "all") return [...keys];
  const chosen = [];
  for (const word of words) {
    if (!keys.includes(word)) {
      notices.push(notice("controls", "figure.notice.control", { word }));
    } else if (!chosen.includes(word)) {
      chosen.push(word);
    }
  }
  return chosen;
}

function resolveList(value, supported, key, notices, describe) {
  if (value === null) return [];
  const kept = [];
  for (const word of splitList(value)) {
    if (supported.includes(word)) kept.push(word);
    else notices.push(describe(word));
  }
  return kept;
}

function resolveMode(value, notices) {
  const mode = (value ?? "").trim().toLowerCase();
  if (SUPPORTED_MODES.includes(mode)) return mode === "" ? "play" : mode;
  notices.push(notice("mode", "figure.notice.mode", { value }));
  return "play";
}

function resolveThemeOption(value, notices) {
  const { setting, notice } = readTheme(value);
  if (notice) notices.push(notice);
  return setting;
}

/** "16/9", "16:9" or "1.78" (width over height). */
function resolveAspect(value, notices) {
  if (value === null || value.trim() === "") return null;
  const match = value.trim().match(/^(\d+(?:\.\d+)?)\s*(?:[/:]\s*(\d+(?:\.\d+)?))?$/);
  const ratio = match ? Number(match[1]) / (match[2] === undefined ? 1 : Number(match[2])) : NaN;
  if (!Number.isFinite(ratio) || ratio < ASPECT_RANGE[0] || ratio > ASPECT_RANGE[1]) {
    notices.push(notice("aspect", "figure.notice.aspect", { value, min: ASPECT_RANGE[0], max: ASPECT_RANGE[1] }));
    return null;
  }
  return ratio;
}

function splitList(value) {
  return value
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((word) => word !== "");
}

function decodeOrNull(text) {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return null;
  }
}

/**
 * Plain lower-case words are what a mistyped setting looks like (`hiden`, `layer`);
 * global HTML attributes, data-/aria- attributes and framework syntax (`x-on:click`,
 * `@click`) are the page's business.
 */
function looksLikeOurs(name) {
  return /^[a-z][a-z0-9_]*$/.test(name) && !GLOBAL_ATTRIBUTES.has(name) && !name.startsWith("on");
}

// The full playground sits next to this script's folder, wherever that is hosted.
const PLAYGROUND_URL = new URL("../index.html", import.meta.url);

/**
 * The full playground's query for a figure's run: its settings, log scale, theme (a
 * figure told its theme opens the playground in it; auto stays the reader's choice) and
 * the same views open.
 */
function playgroundQuery(runQuery, options, rawViews) {
  let query = runQuery;
  if (options?.logScale) query += "&logy=1";
  if (options && options.theme !== "auto") query += `&theme=${options.theme}`;
  const views = (rawViews ?? "").split(/[\s,]+/).filter((view) => view !== "" && view !== "loss");
  if (views.length > 0) query += `&views=${views.map(encodeURIComponent).join(",")}`;
  return query;
}

/**
 * Keeps `anchor` (the "Open in the full playground" link) on the figure's run. Long values
 * (pasted text) travel packed in the link's fragment, as in the playground's own address,
 * so the link stays under 8 KB; until packed, the link leaves them out.
 */
export function createPlaygroundLink(anchor, note) {
  let updates = 0;
  const noteLeftOut = (keys) => {
    note.hidden = keys.length === 0;
    if (keys.length > 0) say(note, "figure.link_left_out", { names: leftOutNames(note, keys) });
  };
  return (runQuery, options, rawViews) => {
    const query = playgroundQuery(runQuery, options, rawViews);
    const short = new URL(PLAYGROUND_URL);
    const fitted = fitAddress(query);
    short.search = fitted.query;
    anchor.href = short.href; // until the packed link is ready
    const update = ++updates;
    packedLink(PLAYGROUND_URL, query)
      .then(({ href, left }) => {
        if (update !== updates) return;
        anchor.href = href;
        noteLeftOut(left);
      })
      // No compression here: the short link stays, without what it dropped.
      .catch(() => update === updates && noteLeftOut(fitted.dropped.map((segment) => segment.split("=")[0])));
  };
}
