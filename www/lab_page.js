// The playground page in a lab mode (`?mode=compare`, `?mode=sweep`): the single-run stage
// is hidden, the header says what this mode shows, and the mode is mounted into its own
// container with the address bar kept in step. The modes themselves (compare.js, sweep.js)
// only need a container element, so another host (an embed) can mount them the same way.

import { createUrlWriter, currentQuery } from "./url_state.js";

const MODES = {
  compare: {
    title: "Compare cells · RNN playground",
    tagline:
      "Train several recurrent networks at once on the same data with the same seed, each in its own worker, " +
      "and see which cell learns the task: on the adding problem a vanilla RNN cannot carry the two numbers " +
      "across 100 steps, while an LSTM or a GRU can.",
    load: () => import("./compare.js").then((m) => m.mountCompare),
  },
  sweep: {
    title: "Capacity sweep · RNN playground",
    tagline:
      "Train a grid of model sizes for the same number of epochs, in parallel workers, and plot each model's loss " +
      "against its parameter count: tiny models underfit on the left, big ones overfit on the right.",
    load: () => import("./sweep.js").then((m) => m.mountSweep),
  },
};

export async function startLabPage(mode) {
  const spec = MODES[mode];
  document.body.dataset.mode = mode;
  document.title = spec.title;
  const tagline = document.querySelector(".tagline");
  if (tagline) tagline.textContent = spec.tagline;

  const main = document.querySelector("main") ?? document.body;
  const container = document.createElement("div");
  container.id = "lab-root";
  container.className = "lab-root";
  main.append(container);

  const writer = createUrlWriter();
  const mount = await spec.load();
  const mounted = await mount(container, { query: currentQuery(), onQueryChange: (query) => writer.write(query) });
  // The page's skip link points at the playground's settings, hidden in this mode.
  const settings = container.querySelector(".lab-settings");
  const skip = document.querySelector(".skip-link");
  if (settings && skip) {
    settings.id = "lab-settings";
    settings.tabIndex = -1;
    skip.setAttribute("href", "#lab-settings");
  }
  window.addEventListener("pagehide", () => writer.flush());
  return mounted;
}
