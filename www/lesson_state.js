// `?lesson=NAME`: a named lesson's settings, expanded by the wasm (expand_lesson) before the
// page reads its address, so every mode parses plain settings. While the settings are still
// the lesson's, the page shows what the lesson shows and a bare `lesson=NAME` link stays
// bare; once the reader changes something, the address holds the full settings.

import { loadPageWasm } from "./embed/page_wasm.js";
import { LANG_KEY, say } from "./i18n.js";
import { THEME_KEY, withAddressTheme } from "./theme.js";

const LESSON_KEY = "lesson";

let active = null; // {name, query, bare, baseline}; the sentence is the catalog's lesson.<name>
let notice = null;
let caption = null;

const keyOf = (segment) => segment.split("=")[0];
// The theme dresses the page and is kept apart from the settings (theme.js).
const withoutTheme = (segments) => segments.filter((segment) => keyOf(segment) !== THEME_KEY);

/** Expand `lesson=` in the address in place (loads the page wasm only when there is one). */
export async function expandAddressLesson() {
  const query = window.location.search.replace(/^\?/, "");
  const segments = query.split("&").filter(Boolean);
  if (!segments.some((segment) => keyOf(segment) === LESSON_KEY)) return;
  const { glue } = await loadPageWasm();
  const expansion = glue.expand_lesson(query);
  notice = expansion.notice ?? null;
  if (expansion.lesson) {
    const lesson = glue.lessons().find((l) => l.name === expansion.lesson);
    active = {
      name: lesson.name,
      query: expansion.query,
      // Only a link that is the lesson alone (with perhaps its theme and language) can be
      // written back as the lesson alone.
      bare: withoutTheme(segments).filter((segment) => keyOf(segment) !== LANG_KEY).length === 1,
      baseline: null,
    };
  }
  const url = new URL(window.location.href);
  url.search = expansion.query;
  window.history.replaceState(window.history.state, "", url);
}

/** The notice for an unknown lesson name, in parse_query's shape (`[{key, message}]`). */
export function lessonNotices() {
  return notice ? [notice, ...modeNotices] : modeNotices;
}

// What main.js found wrong with `mode` while choosing it (the playground drops the key, so
// parse_query never sees it; the lab modes' own reader reports it for them).
const modeNotices = [];
export function addModeNotice(modeNotice) {
  modeNotices.push(modeNotice);
}

/** The active lesson's expanded query (its settings with the link's own keys), or null. */
export function lessonQuery() {
  return active?.query ?? null;
}

/** The active lesson's name, or null. */
export function lessonName() {
  return active?.name ?? null;
}

/**
 * What the address bar should hold for the page's canonical `query`: the first query the
 * page writes is the lesson's own; while later ones equal it the caption stays.
 */
export function addressFor(query) {
  if (!active) return query;
  active.baseline ??= query;
  const unchanged = query === active.baseline;
  if (caption) caption.hidden = !unchanged;
  return unchanged && active.bare ? `${LESSON_KEY}=${active.name}` : query;
}

/** The full settings behind the address (the tabs carry these, never a bare lesson). */
export function fullQuery() {
  const query = window.location.search.replace(/^\?/, "");
  const settings = withoutTheme(query.split("&")).join("&");
  return active && settings === `${LESSON_KEY}=${active.name}` ? withAddressTheme(active.baseline ?? active.query) : query;
}

/** Show the lesson's sentence before `anchor` (kept in step by addressFor). */
export function mountLessonCaption(anchor) {
  if (!active || !anchor) return;
  caption = document.createElement("p");
  caption.className = "lesson-caption";
  caption.dataset.lessonCaption = active.name;
  const name = document.createElement("strong");
  say(name, "lesson.caption", { name: active.name });
  const shows = document.createElement("span");
  say(shows, `lesson.${active.name}`);
  caption.append(name, " ", shows);
  anchor.before(caption);
}
