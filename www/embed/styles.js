// The figure's stylesheet (../embed.css), fetched once and adopted by every figure's
// shadow root: the page's CSS stays out, ours stays in, and there is one parsed copy.

let loading = null;

/** Resolves to a CSSStyleSheet shared by all figures. */
export function loadStyles() {
  loading ??= (async () => {
    const url = new URL("../embed.css", import.meta.url);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`could not load ${url.pathname} (HTTP ${response.status})`);
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(await response.text());
    return sheet;
  })();
  return loading;
}
