// Stylesheets fetched once and adopted by every figure's shadow root: the page's CSS stays
// out, ours stays in, and there is one parsed copy of each.

// Written out (not `../${file}`) so the offline build can see and inline each file.
const SHEET_URLS = {
  "base.css": new URL("../base.css", import.meta.url),
  "embed.css": new URL("../embed.css", import.meta.url),
  "lab.css": new URL("../lab.css", import.meta.url),
  "files.css": new URL("../files.css", import.meta.url),
};

const sheets = new Map(); // file name (relative to www/) -> Promise<CSSStyleSheet>

/** Resolves to the CSSStyleSheet of `file` (e.g. "lab.css"), loaded once per page. */
export function loadSheet(file) {
  if (!sheets.has(file)) {
    sheets.set(
      file,
      (async () => {
        const url = SHEET_URLS[file];
        const response = await fetch(url);
        if (!response.ok) throw new Error(`could not load ${url.pathname} (HTTP ${response.status})`);
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(await response.text());
        return sheet;
      })(),
    );
  }
  return sheets.get(file);
}

/**
 * The figure's stylesheets, in order: the colours and rules it shares with the playground's
 * page (../base.css; constructed sheets ignore @import, so it is a sheet of its own), then
 * its own (../embed.css) and the file tools' (../files.css). Shared by all figures.
 */
export function loadStyles() {
  return Promise.all([loadSheet("base.css"), loadSheet("embed.css"), loadSheet("files.css")]);
}

const constructed = new Map(); // css text -> CSSStyleSheet

/**
 * Adopt a stylesheet built from `css` into `root` (a shadow root). Constructed sheets are
 * CSSOM, which a strict style-src CSP allows, where a <style> element would be blocked.
 */
export function adoptCss(root, css) {
  if (!constructed.has(css)) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    constructed.set(css, sheet);
  }
  adoptSheet(root, constructed.get(css));
}

/** Add `sheet` to `root`'s adopted stylesheets unless it is there already. */
export function adoptSheet(root, sheet) {
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
