// Light or dark: the `theme` key of the address and the `theme` attribute of a figure
// (`light`, `dark` or `auto`, which follows the reader's prefers-color-scheme). The chosen
// theme is written as `data-theme` on a root element; the stylesheets colour everything
// under it from that, including `--chart-theme`, which the wasm reads when it draws a
// canvas (src/web/chart_labels.rs). Printing always uses the light theme: paper is white.

import { notice } from "./i18n.js";

export const THEME_KEY = "theme";
export const THEME_SETTINGS = ["auto", "light", "dark"];

const prefersDark = window.matchMedia?.("(prefers-color-scheme: dark)");
const printMedia = window.matchMedia?.("print");
let printing = false;
const roots = new Map(); // element -> its setting
const painters = new Set(); // { canvas, draw }: charts to redraw when a theme changes

/**
 * The setting a raw value asks for: `{ setting, notice }`, `notice` null unless the value
 * was given and is not one of THEME_SETTINGS (then `auto`).
 */
export function readTheme(raw) {
  if (raw === null || raw === undefined || raw.trim() === "") return { setting: "auto", notice: null };
  const setting = raw.trim().toLowerCase();
  if (THEME_SETTINGS.includes(setting)) return { setting, notice: null };
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  return {
    setting: "auto",
    notice: notice(THEME_KEY, "notice.theme", { value: shown, themes: THEME_SETTINGS.join(", ") }),
  };
}

/** `light` or `dark` for a setting, now. */
export function resolveTheme(setting) {
  if (printing) return "light";
  if (setting === "light" || setting === "dark") return setting;
  return prefersDark?.matches ? "dark" : "light";
}

/** Colour `element` and everything in it by `setting`, and keep it so while it is connected. */
export function applyTheme(element, setting) {
  roots.set(element, setting);
  refresh();
}

/** Stop following for `element` (a figure leaving the page). */
export function releaseTheme(element) {
  roots.delete(element);
}

/** The theme the address asks for (`?theme=dark`), with its notice. */
export function addressTheme() {
  return readTheme(new URLSearchParams(window.location.search).get(THEME_KEY));
}

/** `query` with the address' own `theme=` kept (the page writes its address from run settings). */
export function withAddressTheme(query) {
  const { setting, notice } = addressTheme();
  if (notice || setting === "auto") return query;
  return query ? `${query}&${THEME_KEY}=${setting}` : `${THEME_KEY}=${setting}`;
}

/**
 * Calls `draw` (synchronously: printing snapshots the page at once) whenever a theme
 * changes while `canvas` is in the document. Canvases are pixels: they do not follow CSS.
 */
export function redrawOnThemeChange(canvas, draw) {
  painters.add({ canvas, draw });
}

function refresh() {
  let changed = false;
  for (const [element, setting] of roots) {
    const theme = resolveTheme(setting);
    if (element.dataset.theme !== theme) {
      element.dataset.theme = theme;
      changed = true;
    }
  }
  if (!changed) return;
  for (const painter of painters) {
    if (!painter.canvas.isConnected) {
      painters.delete(painter);
      continue;
    }
    try {
      painter.draw();
    } catch (error) {
      console.error(error); // the chart's own loop reports it on its next draw
    }
  }
}

const setPrinting = (on) => {
  printing = on;
  refresh();
};
prefersDark?.addEventListener?.("change", refresh);
printMedia?.addEventListener?.("change", () => setPrinting(printMedia.matches));
window.addEventListener("beforeprint", () => setPrinting(true));
window.addEventListener("afterprint", () => setPrinting(printMedia?.matches ?? false));
