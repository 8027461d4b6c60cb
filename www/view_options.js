// The playground's view options in the address, `logy` (log scale) and `views` (the
// "inside the network" views to open): they are not run parameters, so parse_query never
// sees them and they are read here, with a notice for every value that is not usable.

import { notice } from "./i18n.js";
import { VIEW_NAMES } from "./views.js";

export const LOG_SCALE_KEY = "logy";
export const VIEWS_KEY = "views";
// Unknown view names described one by one; a link with thousands gets a count for the rest.
const MAX_NAMED = 10;
const MAX_VIEW_NAMES = 100;

function decoded(text) {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

/**
 * Split `query` (raw segments, so malformed escapes reach parse_query's notices) into the
 * run's query and the view options: `{runQuery, logScale, views, notices}`.
 */
export function splitViewOptions(query) {
  // Most addresses have neither key: skip the split (a 1 MB address must read in a few ms).
  if (!query.includes(LOG_SCALE_KEY) && !query.includes(VIEWS_KEY)) {
    return { runQuery: query, logScale: false, views: [], notices: [] };
  }
  const run = [];
  const logValues = [];
  const asked = [];
  for (const segment of query.split("&")) {
    // Only the two keys are decoded; the run's segments pass through untouched.
    const key = segment.startsWith(LOG_SCALE_KEY) || segment.startsWith(VIEWS_KEY) ? segment.split("=", 1)[0] : null;
    if (key === LOG_SCALE_KEY) {
      logValues.push(decoded(segment.slice(key.length + 1)));
    } else if (key === VIEWS_KEY) {
      // A bounded number of names: a megabyte of them is no request to honour one by one.
      const names = decoded(segment.slice(key.length + 1)).split(/[\s,+]+/, MAX_VIEW_NAMES);
      for (const name of names) if (name) asked.push(name);
    } else {
      run.push(segment);
    }
  }
  const notices = [];
  let logScale = false;
  for (const value of logValues) {
    if (value === "1" || value === "0") logScale = value === "1";
    else notices.push(notice(LOG_SCALE_KEY, "notice.logy_value", { value: value.slice(0, 40) }));
  }
  if (logValues.length > 1) {
    notices.push(notice(LOG_SCALE_KEY, "notice.logy_repeated", { count: logValues.length, value: logScale ? 1 : 0 }));
  }
  const names = asked.map((name) => name.toLowerCase());
  const unknown = [...new Set(names.filter((name) => !VIEW_NAMES.includes(name)))];
  for (const name of unknown.slice(0, MAX_NAMED)) {
    notices.push(notice(VIEWS_KEY, "notice.no_view", { name: name.slice(0, 40), views: VIEW_NAMES.join(", ") }));
  }
  if (unknown.length > MAX_NAMED) {
    notices.push(notice(VIEWS_KEY, "notice.more_views", { count: unknown.length - MAX_NAMED }));
  }
  return { runQuery: run.join("&"), logScale, views: VIEW_NAMES.filter((name) => names.includes(name)), notices };
}
