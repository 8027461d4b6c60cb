// embed.html: one figure filling an iframe, for hosts that only allow iframes. The query
// is the playground's (run parameters plus the figure options); two keys are the
// iframe's own: `id` (echoed in height messages) and `parent_origin` (where to send them).
//
// The figure tells its parent how tall it is, so the iframe can size itself:
//   { type: "rnn-playground:height", height: <CSS pixels>, id: <the id key or ""> }
// It goes to `parent_origin` when that is given, otherwise to "*": the message carries
// only this number and the id the parent chose, nothing about the page or the run. An
// unusable `parent_origin` posts nothing: the author meant to restrict where it goes.

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
const heightTarget = targetOrigin(frameOptions.parent_origin);
if (window.parent !== window && heightTarget) reportHeight(frameOptions.id ?? "", heightTarget);
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

/** An http(s) origin from `parent_origin`; "*" when none is given; null (post nowhere, with
 * a warning) when one is given but unusable: the author meant to restrict the messages. */
function targetOrigin(given) {
  if (given === undefined || given === "") return "*";
  try {
    const url = new URL(given);
    if (url.protocol === "https:" || url.protocol === "http:") return url.origin;
  } catch {
    // fall through
  }
  console.warn(`rnn-playground embed: parent_origin "${given}" is not an http(s) origin; heights are not posted`);
  return null;
}

function decodeOrEmpty(text) {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return "";
  }
}
