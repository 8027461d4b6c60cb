// The playground page in a lab mode (`?mode=compare`, `?mode=sweep`): the single-run stage
// is hidden, the header says what this mode shows, and the mode is mounted into its own
// container with the address bar kept in step. The modes themselves (compare.js, sweep.js)
// only need a container element, so another host (an embed) can mount them the same way.

import { createPackedAddressWriter, unpackAddress } from "./address_pack.js";
import { translate } from "./i18n.js";
import { currentQuery } from "./url_state.js";

// The page's title and tagline in each mode are the catalog's `lab.<mode>.title` and
// `lab.<mode>.tagline`.
const MODES = {
  compare: { load: () => import("./compare.js").then((m) => m.mountCompare) },
  sweep: { load: () => import("./sweep.js").then((m) => m.mountSweep) },
};

export async function startLabPage(mode) {
  const spec = MODES[mode];
  document.body.dataset.mode = mode;
  const title = document.querySelector("title");
  if (title) title.dataset.i18n = `lab.${mode}.title`;
  const tagline = document.querySelector(".tagline");
  if (tagline) {
    const words = document.createElement("span");
    words.dataset.i18n = `lab.${mode}.tagline`;
    tagline.replaceChildren(words);
  }
  translate(document);

  const main = document.querySelector("main") ?? document.body;
  const container = document.createElement("div");
  container.id = "lab-root";
  container.className = "lab-root";
  main.append(container);

  // Long values (pasted text) travel packed in the fragment, as on the playground.
  const writer = createPackedAddressWriter(
    () => container.querySelector(".notice") ?? container,
    (error) => console.error(error),
  );
  const [mount, address] = await Promise.all([spec.load(), unpackAddress(currentQuery())]);
  const mounted = await mount(container, {
    query: address.query,
    addressNotices: [address.notice].filter(Boolean),
    onQueryChange: (query) => writer.write(query),
  });
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
