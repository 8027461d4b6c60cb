// Files dropped on an element: the element is marked while a file is dragged over it
// (files.css outlines it), and the first dropped file is handed on. Other drags (text,
// links) are left to the browser.

/** Calls `onFile(file)` with the first file dropped on `zone`. */
export function acceptFileDrops(zone, onFile) {
  zone.addEventListener("dragover", (event) => {
    if (![...(event.dataTransfer?.types ?? [])].includes("Files")) return;
    event.preventDefault();
    zone.dataset.dropping = "true";
  });
  zone.addEventListener("dragleave", () => delete zone.dataset.dropping);
  zone.addEventListener("drop", (event) => {
    const file = event.dataTransfer?.files?.[0];
    if (!file) return;
    event.preventDefault();
    delete zone.dataset.dropping;
    onFile(file);
  });
}
