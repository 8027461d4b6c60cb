// The playground's view options in the address, `logy` (log scale) and `views` (the
// "inside the network" views to open): they are not run parameters, so parse_query never
// sees them and they are read here, with a notice for every value that is not usable.

import { VIEW_NAMES } from "./views.js";

export const LOG_SCALE_KEY = "logy";
export const VIEWS_KEY = "views";
// Unknown view names described one by one; a link with thousands gets a count for the rest.
const MAX_NAMED = 10;

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
  const run = [];
  const logValues = [];
  const asked = [];
  for (const segment of query.split("&")) {
    const cut = segment.indexOf("=");
    const key = cut < 0 ? segment : segment.slice(0, cut);
    const value = cut < 0 ? "" : decoded(segment.slice(cut + 1));
    if (key === LOG_SCALE_KEY) {
      logValues.push(value);
    } else if (key === VIEWS_KEY) {
      // One by one: spreading half a million names into push() overflows the stack.
      for (const name of value.split(/[\s,+]+/)) if (name) asked.push(name);
    } else {
      run.push(segment);
    }
  }
  const notices = [];
  let logScale = false;
  for (const value of logValues) {
    if (value === "1" || value === "0") logScale = value === "1";
    else notices.push({ key: LOG_SCALE_KEY, message: `"${value.slice(0, 40)}" is not 0 or 1; ignored` });
  }
  if (logValues.length > 1) {
    notices.push({ key: LOG_SCALE_KEY, message: `given ${logValues.length} times; the last usable value counts (${logScale ? 1 : 0})` });
  }
  const names = asked.map((name) => name.toLowerCase());
  const unknown = [...new Set(names.filter((name) => !VIEW_NAMES.includes(name)))];
  for (const name of unknown.slice(0, MAX_NAMED)) {
    notices.push({ key: VIEWS_KEY, message: `no view is called "${name.slice(0, 40)}" (views: ${VIEW_NAMES.join(", ")}); ignored` });
  }
  if (unknown.length > MAX_NAMED) {
    notices.push({ key: VIEWS_KEY, message: `and ${unknown.length - MAX_NAMED} more unknown view names; ignored` });
  }
  return { runQuery: run.join("&"), logScale, views: VIEW_NAMES.filter((name) => names.includes(name)), notices };
}
