// Flags for a quiet, reproducible headless Chromium: no sandbox (CI runs as root), no GPU,
// and nothing that phones home. Shared by the end-to-end tests and the browser benchmark.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
