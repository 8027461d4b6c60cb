// Figures train only while a reader can see them: an IntersectionObserver reports when
// enough of the figure is on screen, and a hidden browser tab counts as not visible.
// Inside an iframe the observer measures against the top page's viewport, so iframe
// figures pause when scrolled away too.

// A sliver at the edge of the screen is not "in view"; a fifth of the figure is.
const MIN_VISIBLE_RATIO = 0.2;

/** Calls `onChange(visible)` whenever visibility flips; returns `{ disconnect }`. */
export function watchVisibility(element, onChange) {
  let inView = false;
  let last = null;
  const report = () => {
    const visible = inView && document.visibilityState === "visible";
    if (visible !== last) {
      last = visible;
      onChange(visible);
    }
  };
  const observer = new IntersectionObserver(
    (entries) => {
      const entry = entries[entries.length - 1];
      // The ratio of the threshold itself may come back a hair under it.
      inView = entry.isIntersecting && entry.intersectionRatio >= MIN_VISIBLE_RATIO - 0.01;
      report();
    },
    { threshold: [0, MIN_VISIBLE_RATIO] },
  );
  observer.observe(element);
  document.addEventListener("visibilitychange", report);
  return {
    disconnect() {
      observer.disconnect();
      document.removeEventListener("visibilitychange", report);
    },
  };
}
