// Styles of the "inside the network" views, adopted once into whatever root the views are
// mounted in (the page's <head>, or a web component's shadow root), so the views need no
// stylesheet of their own. Colours fall back to the page's palette when its variables are
// not defined.

export const VIEWS_CSS = `
.rv-root { display: flex; flex-direction: column; gap: 1rem; margin-top: 1rem; }
.rv-chooser {
  display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem;
  margin: 0; padding: 0.75rem 1rem;
  background: var(--card, #fff); border: 1px solid var(--line, #d8dce3);
  border-radius: var(--radius, 12px); box-shadow: var(--shadow, none);
}
.rv-chooser legend {
  float: left; margin-right: 0.5rem; padding: 0; font-weight: 700; font-size: 1rem;
}
.rv-chooser label { display: inline-flex; align-items: center; gap: 0.35rem; cursor: pointer; }
.rv-chooser input { width: 1.05rem; height: 1.05rem; accent-color: var(--accent, #2f4fd0); }
.rv-panels { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 1rem; }
.rv-panel {
  min-width: 0; padding: 1rem;
  background: var(--card, #fff); border: 1px solid var(--line, #d8dce3);
  border-radius: var(--radius, 12px); box-shadow: var(--shadow, none);
  display: flex; flex-direction: column; gap: 0.5rem;
}
.rv-panel[hidden] { display: none; }
.rv-wide { grid-column: 1 / -1; }
.rv-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.5rem 1rem; }
.rv-head h3 { margin: 0; font-size: 1.0625rem; }
.rv-status { margin: 0 0 0 auto; font-size: 0.8125rem; color: var(--muted, #4b5563); font-variant-numeric: tabular-nums; }
.rv-help { margin: 0; font-size: 0.875rem; color: var(--muted, #4b5563); max-width: 60rem; }
.rv-note { margin: 0; padding: 0.5rem 0.75rem; border-radius: 8px; background: var(--info-bg, #fff8e1); font-size: 0.9375rem; }
.rv-note[hidden] { display: none; }
.rv-canvas { display: block; width: 100%; border-radius: 8px; background: var(--card, #fff); }
.rv-canvas[hidden] { display: none; }
.rv-canvas:focus-visible { outline: 3px solid var(--focus, #1d3fbf); outline-offset: 2px; }
.rv-canvas-predictions { aspect-ratio: 2.1 / 1; min-height: 220px; }
.rv-canvas-saturation { aspect-ratio: 2.3 / 1; min-height: 220px; }
.rv-canvas-heatmap { aspect-ratio: 1.75 / 1; min-height: 320px; cursor: crosshair; }
.rv-controls { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; font-size: 0.9375rem; }
.rv-controls label { display: inline-flex; align-items: center; gap: 0.4rem; }
.rv-controls [hidden] { display: none; }
.rv-controls select { padding: 0.2rem 0.4rem; font: inherit; border-radius: 6px; border: 1px solid var(--control-line, #aab1bc); background: var(--card, #fff); color: var(--text); }
.rv-controls input[type="range"] { width: 12rem; }
.rv-controls output { min-width: 2.5rem; font-variant-numeric: tabular-nums; font-weight: 650; }
.rv-samples { display: flex; flex-direction: column; gap: 0.75rem; }
.rv-samples[hidden] { display: none; }
.rv-text-block { display: flex; flex-direction: column; gap: 0.25rem; }
.rv-text-block h4 { margin: 0; font-size: 0.875rem; font-weight: 650; }
.rv-text {
  margin: 0; padding: 0.5rem 0.75rem; border-radius: 8px; background: var(--sample-bg, #f7f8fa);
  border: 1px solid var(--line, #d8dce3);
  font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9375rem;
  line-height: 1.7; white-space: pre-wrap; overflow-wrap: anywhere;
}
.rv-prompt { color: var(--muted, #4b5563); text-decoration: underline dotted; }
.rv-char { border-radius: 2px; }
.rv-first { color: var(--muted, #4b5563); }
.rv-legend { display: flex; align-items: center; gap: 0.5rem; font-size: 0.8125rem; color: var(--muted, #4b5563); }
.rv-ramp { display: inline-block; width: 8rem; height: 0.75rem; border-radius: 3px; border: 1px solid var(--line, #d8dce3); }
.rv-visually-hidden {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap;
}
@media (max-width: 900px) {
  .rv-panels { grid-template-columns: minmax(0, 1fr); }
}
@media (max-width: 600px) {
  .rv-panel { padding: 0.75rem; }
  .rv-canvas-predictions { aspect-ratio: 1 / 1.05; }
  .rv-canvas-saturation { aspect-ratio: 1 / 1.6; }
  .rv-canvas-heatmap { aspect-ratio: 1 / 1.15; }
}
`;

const adopted = new WeakSet();
let sheet = null; // one parsed copy, shared by the document and every shadow root

/**
 * Adopts the views' stylesheet into the document or shadow root holding `element`, once.
 * A constructed stylesheet, not a <style> element, so a strict style-src CSP allows it.
 */
export function injectViewStyles(element) {
  const root = element.getRootNode();
  const target = root instanceof ShadowRoot ? root : document;
  if (adopted.has(target)) return;
  adopted.add(target);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(VIEWS_CSS);
  }
  target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
}
