// A sweep's results kept in the tab's session storage, so a visit to another mode and
// back shows them again instead of training the grid anew.

const STORAGE_KEY = "rnn-playground:sweep";
// Keys that change how results are shown, not what was trained.
const VIEW_KEYS = ["logy", "workers"];

/** What decides the numbers (and names saved results): the canonical query without view-only keys. */
export function trainingKey(canonical) {
  const params = new URLSearchParams(canonical);
  for (const key of VIEW_KEYS) params.delete(key);
  return params.toString();
}

/** The tab's session storage, or null where it is forbidden (sandboxed iframes). */
export function safeSessionStorage() {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Keeps `results` (plain JSON: rows, labels, depths, key...) in `storage`, if any. */
export function saveResults(storage, results) {
  if (!storage) return;
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(results));
  } catch {
    // Storage full or forbidden (private mode, sandboxed iframe): results stay on screen only.
  }
}

/** The saved results when they hold at least one row, else null. */
export function loadResults(storage) {
  if (!storage) return null;
  let saved;
  try {
    saved = JSON.parse(storage.getItem(STORAGE_KEY) ?? "null");
  } catch {
    return null;
  }
  return saved && Array.isArray(saved.rows) && saved.rows.length > 0 ? saved : null;
}
