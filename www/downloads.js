// Take a run away and bring weights back: the Download menu (model weights, PyTorch module,
// loss history, chart image, data set) and Load weights (pick or drop a state_dict JSON).
// The files come from the worker's trainer (protocol.md, "Files"), the chart image from the
// page's ChartView; this module only moves them between the reader and the worker. Used by
// the playground (app.js) and by each embedded figure.

import { acceptFileDrops } from "./file_drop.js";
import { formatLoss, formatPercent } from "./format.js";
import { errorWords, say as sayIn, translate, tr } from "./i18n.js";

// Each item's label is the catalog's `files.<what>`; every word here is a catalog key.
const ITEMS = [
  { what: "model.json", type: "application/json" },
  { what: "model.py", type: "text/x-python" },
  { what: "history.csv", type: "text/csv" },
  { what: "chart.png", type: "image/png" },
  { what: "dataset.csv", type: "text/csv" },
];
// The chart's CSS size when it has none (hidden): the PNG is twice this.
const FALLBACK_CSS = { width: 640, height: 400 };

const MENU_HTML = `
  <div class="menu-wrap">
    <button type="button" class="menu-button" data-download-menu aria-haspopup="menu" aria-expanded="false"><span data-i18n="files.download"></span> <span aria-hidden="true">▾</span></button>
    <ul class="menu" role="menu" data-i18n-attr="aria-label:files.download" data-menu hidden>
      ${ITEMS.map((item) => `<li role="none"><button type="button" role="menuitem" tabindex="-1" data-download="${item.what}" data-i18n="files.${item.what}"></button></li>`).join("")}
    </ul>
  </div>`;
const LOAD_HTML = `
  <button type="button" data-load-weights aria-describedby="weights-help" data-i18n="files.load"></button>
  <input type="file" accept=".json,application/json" data-weights-file hidden data-i18n-attr="aria-label:files.load_label" aria-describedby="weights-help">
  <span class="visually-hidden" id="weights-help" data-i18n="files.load_help"></span>`;
const STATUS_HTML = `<p class="file-status" role="status" data-file-status hidden></p>`;

/**
 * Renders the tools into `root` and returns `{ onStarted(info), onMessage(message) }`.
 * `send` posts to the run's worker; `chart` is the chart loop (for the PNG) drawing on
 * `chartCanvas`; `settings()` is the run's query (the PNG's subtitle); `dropZone` takes
 * dropped files; `onLoaded(score)` shows loaded weights' validation score. Without
 * `onLoaded` (an embedded figure) there is only the Download menu.
 */
export function mountFileTools(root, { send, chart, chartCanvas, settings, dropZone, onLoaded }) {
  root.innerHTML = MENU_HTML + (onLoaded ? LOAD_HTML : "") + STATUS_HTML;
  translate(root);
  const t = (key, values) => tr(root, key, values);
  const menuButton = root.querySelector("[data-download-menu]");
  const menu = root.querySelector("[data-menu]");
  const items = [...menu.querySelectorAll("[role=menuitem]")];
  const fileInput = root.querySelector("[data-weights-file]");
  const status = root.querySelector("[data-file-status]");
  const pending = new Map(); // request id → { resolve, reject }
  let nextId = 1;
  let info = null;

  /** The status line: the catalog message `key` with its blanks (a switch rewrites it). */
  const say = (key, values, kind) => {
    sayIn(status, key, values);
    status.dataset.kind = kind;
    status.hidden = false;
  };

  const request = (message) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      send({ ...message, id });
    });

  // ---- the menu: a button that opens a list, arrow keys move, Escape closes ----------
  const open = (focusIndex) => {
    menu.hidden = false;
    menuButton.setAttribute("aria-expanded", "true");
    items[focusIndex]?.focus();
  };
  const close = (refocus) => {
    if (menu.hidden) return;
    menu.hidden = true;
    menuButton.setAttribute("aria-expanded", "false");
    if (refocus) menuButton.focus();
  };
  menuButton.addEventListener("click", () => (menu.hidden ? open(0) : close(false)));
  menuButton.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      open(event.key === "ArrowDown" ? 0 : items.length - 1);
    }
  });
  menu.addEventListener("keydown", (event) => {
    const index = items.indexOf(event.target);
    const move = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (move) {
      event.preventDefault();
      items[(index + move + items.length) % items.length].focus();
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      items[event.key === "Home" ? 0 : items.length - 1].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (event.key === "Tab") {
      close(false);
    }
  });
  root.addEventListener("focusout", (event) => {
    if (!root.contains(event.relatedTarget)) close(false);
  });
  for (const item of items) {
    item.addEventListener("click", () => {
      close(true);
      download(item.dataset.download).catch((error) => say("files.failed", { why: error.message ?? error }, "error"));
    });
  }

  async function download(what) {
    const item = ITEMS.find((i) => i.what === what);
    if (!info) throw new Error(t("files.no_run"));
    const blob =
      what === "chart.png"
        ? await chartPng()
        : new Blob([(await request({ type: "export", what })).text], { type: item.type });
    saveBlob(blob, what);
    say("files.saved", { what, size: formatBytes(blob.size) }, "ok");
  }

  function chartPng() {
    const rect = chartCanvas.getBoundingClientRect();
    const css = rect.width > 0 && rect.height > 0 ? rect : FALLBACK_CSS;
    const canvas = document.createElement("canvas");
    chart.drawForDownload(canvas, css.width, css.height, settings().split("&").join(" · "));
    return new Promise((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error(t("files.no_png")))), "image/png"),
    );
  }

  // ---- loading weights -----------------------------------------------------------------
  root.querySelector("[data-load-weights]")?.addEventListener("click", () => fileInput.click());
  fileInput?.addEventListener("change", () => {
    const file = fileInput.files?.[0];
    fileInput.value = ""; // the same file can be picked again
    if (file) loadWeights(file);
  });
  // Only where weights can be loaded.
  if (dropZone && onLoaded) acceptFileDrops(dropZone, loadWeights);

  async function loadWeights(file) {
    const refused = (why) => say("files.refused", { name: file.name, why }, "error");
    if (!info) return refused(sentence(t("files.no_run")));
    // Refused before reading: a 50 MB file never reaches memory or the worker.
    if (file.size > info.max_state_dict_bytes) {
      return refused(
        t("files.too_big", { size: formatBytes(file.size), params: info.param_count, max: formatBytes(info.max_state_dict_bytes) }),
      );
    }
    try {
      const { score } = await request({ type: "load_weights", text: await file.text() });
      const accuracy = score.val_accuracy == null ? "" : t("files.accuracy", { accuracy: formatPercent(score.val_accuracy) });
      say("files.loaded", { name: file.name, loss: formatLoss(score.val_loss), accuracy }, "ok");
      onLoaded(score);
    } catch (error) {
      refused(sentences(errorWords(error)));
    }
  }

  return {
    /** A new run: its info (parameter count, largest state_dict); answers pending before it are void. */
    onStarted(runInfo) {
      info = runInfo;
      for (const { reject } of pending.values()) reject(new Error(t("files.new_run")));
      pending.clear();
    },
    /** `export`, `weights_loaded` and `file_refused` answers from the worker. */
    onMessage(message) {
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      if (message.type === "file_refused") waiting.reject(Object.assign(new Error(message.message), { words: message.words }));
      else waiting.resolve(message);
    },
  };
}

function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference by now; free ours a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function formatBytes(bytes) {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** `sentence` of a message, or of each language's text of an error's words. */
function sentences(why) {
  if (typeof why !== "object") return sentence(why);
  return Object.fromEntries(Object.entries(why).map(([lang, text]) => [lang, sentence(text)]));
}

/** A message ending with a full stop, to be followed by another sentence. */
function sentence(text) {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
