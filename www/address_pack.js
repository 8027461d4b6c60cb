// Short shareable addresses. Servers refuse requests over about 8 KB (HTTP 414), and pasted
// text makes the query far longer (Hangul or emoji percent-encode to 9-12 bytes a
// character). So the page keeps the query short: values that do not fit travel compressed
// (deflate, base64url) in the fragment, which browsers never send to the server; what does
// not fit even compressed is left out, and the page says the link does not carry it.
// Old long links still load: their query is read as before.

import { notice } from "./i18n.js";
import { createUrlWriter, fitAddress, showAddressNote } from "./url_state.js";

export const PACK_KEY = "pack";
// The whole address the page writes (origin, path, query and fragment) stays under 8 KB.
const MAX_ADDRESS = 8000;

async function deflate(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function inflate(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Response(stream).text();
}

function toBase64Url(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * The address for `query`: `{query, hash, left: [key]}`. Long values move into `hash`
 * compressed; `left` names those that did not fit even so (the link does not carry them).
 * `base` is the length of the address before its query (this page's, unless given).
 */
export async function packAddress(query, base = window.location.origin.length + window.location.pathname.length) {
  const fitted = fitAddress(query);
  if (fitted.dropped.length === 0) return { query, hash: "", left: [] };
  const keys = fitted.dropped.map((segment) => segment.split("=")[0]);
  if (typeof CompressionStream !== "function") return { query: fitted.query, hash: "", left: keys };
  // Compress the decoded values: percent-escapes would triple the bytes of most scripts.
  const pairs = [...new URLSearchParams(fitted.dropped.join("&"))];
  const packed = toBase64Url(await deflate(JSON.stringify(pairs)));
  const length = base + fitted.query.length + 1 + packed.length + PACK_KEY.length + 2;
  if (length > MAX_ADDRESS) return { query: fitted.query, hash: "", left: keys };
  return { query: fitted.query, hash: `#${PACK_KEY}=${packed}`, left: [] };
}

/**
 * The page's query with the values packed in the fragment put back: `{query, notice}`;
 * `notice` ({key, message}) when the fragment is damaged (the rest of the address loads).
 */
export async function unpackAddress(query, hash = window.location.hash) {
  const packed = new URLSearchParams(hash.replace(/^#/, "")).get(PACK_KEY);
  if (!packed) return { query, notice: null };
  try {
    const pairs = JSON.parse(await inflate(fromBase64Url(packed)));
    if (!Array.isArray(pairs)) throw new Error("not a list");
    const params = new URLSearchParams();
    for (const [key, value] of pairs) params.append(String(key), String(value));
    const extra = params.toString();
    return { query: extra ? (query ? `${query}&${extra}` : extra) : query, notice: null };
  } catch {
    return {
      query,
      notice: notice(`#${PACK_KEY}`, "notice.pack_damaged"),
    };
  }
}

/**
 * The link to `url` (a URL) with `query`, long values packed into its fragment: a promise
 * of `{href, left}`, `left` naming the keys the link could not carry.
 */
export async function packedLink(url, query) {
  const { query: short, hash, left } = await packAddress(query, url.origin.length + url.pathname.length);
  const link = new URL(url);
  link.search = short;
  link.hash = hash;
  return { href: link.href, left };
}

/**
 * A writer of this page's address, `write(query)`: long values packed into the fragment.
 * Packing is async, so only the newest write lands; what the link cannot carry is noted
 * after the element `notesAfter()` returns.
 */
export function createPackedAddressWriter(notesAfter, onError) {
  const urlWriter = createUrlWriter();
  let writes = 0;
  return {
    write(query) {
      const write = ++writes;
      packAddress(query)
        .then(({ query: short, hash, left }) => {
          if (write !== writes) return;
          urlWriter.write(short, hash);
          showAddressNote(notesAfter(), left);
        })
        .catch(onError);
    },
    flush: () => urlWriter.flush(),
  };
}
