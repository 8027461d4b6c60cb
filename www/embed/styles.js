// Stylesheets fetched once and adopted by every figure's shadow root: the page's CSS stays
// out, ours stays in, and there is one parsed copy of each.

const sheets = new Map(); // file name (relative to www/) -> Promise<CSSStyleSheet>

/** Resolves to the CSSStyleSheet of `file` (e.g. "lab.css"), loaded once per page. */
export function loadSheet(file) {
  if (!sheets.has(file)) {
    sheets.set(
      file,
      (async () => {
        const url = new URL(`../${file}`, import.meta.url);
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

/** The figure's own stylesheet (../embed.css), shared by all figures. */
export function loadStyles() {
  return loadSheet("embed.css");
}
