// embed.html: one figure filling an iframe, for hosts that only allow iframes. The query
// is the playground's (run parameters plus the figure options); two keys are the
// iframe's own: `id` (echoed in height messages) and `parent_origin` (where to send them).
//
// The figure tells its parent how tall it is, so the iframe can size itself:
//   { type: "rnn-playground:height", height: <CSS pixels>, id: <the id key or ""> }
// It goes to `parent_origin` when that is given, otherwise to "*": the message carries
// only this number and the id the parent chose, nothing about the page or the run.

export const HEIGHT_MESSAGE = "rnn-playground:height";
const FRAME_KEYS = ["id", "parent_origin"];

const segments = window.location.search.replace(/^\?/, "").split("&").filter((s) => s !== "");
const frameOptions = {};
const figureSegments = [];
for (const segment of segments) {
  const [rawKey, ...rest] = segment.split("=");
  if (FRAME_KEYS.includes(rawKey)) frameOptions[rawKey] = decodeOrEmpty(rest.join("="));
  else figureSegments.push(segment);
}

const figure = document.createElement("rnn-playground");
// The figure reads run parameters and options from one query, exactly as a URL would.
figure.setAttribute("query", figureSegments.join("&"));
document.getElementById("figure").append(figure);

// Heights are reported even if the figure's modules fail, so the parent can show the message.
if (window.parent !== window) reportHeight(frameOptions.id ?? "", targetOrigin(frameOptions.parent_origin));
import("../rnn-playground.js").catch((error) => {
  console.error(error);
  figure.textContent = `This figure could not start: ${error instanceof Error ? error.message : error}`;
});

/** Post the document's height whenever it changes. */
function reportHeight(id, target) {
  let last = -1;
  const post = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: HEIGHT_MESSAGE, height, id }, target);
  };
  new ResizeObserver(post).observe(document.documentElement);
  post();
}

/** An http(s) origin from `parent_origin`, or "*" (with a warning if one was given but unusable). */
function targetOrigin(given) {
  if (given === undefined || given === "") return "*";
  try {
    const url = new URL(given);
    if (url.protocol === "https:" || url.protocol === "http:") return url.origin;
  } catch {
    // fall through
  }
  console.warn(`rnn-playground embed: parent_origin "${given}" is not an http(s) origin; posting heights to "*"`);
  return "*";
}

function decodeOrEmpty(text) {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return "";
  }
}
