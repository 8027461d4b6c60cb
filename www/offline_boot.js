// The start of rnn-playground-offline.html (xtask/src/offline.rs inlines this after the
// stored files, RNN_PLAYGROUND_FILES). From file:// the browser loads no module, worker or
// wasm by path, but it does load blob: URLs: each stored file becomes one, and each
// "@rp@path@rp@" marker in a module becomes the blob URL of that file (leaves first).
(() => {
  "use strict";
  const MARK = /@rp@([^@]+)@rp@/g;
  const files = RNN_PLAYGROUND_FILES; // eslint-disable-line no-undef
  const urls = new Map(); // name -> Promise<blob URL>

  async function bytesOf(name) {
    const packed = Uint8Array.from(atob(files[name].gz), (c) => c.charCodeAt(0));
    const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  function urlOf(name) {
    if (!urls.has(name)) {
      urls.set(
        name,
        (async () => {
          let body = await bytesOf(name);
          if (files[name].type === "text/javascript") {
            const text = new TextDecoder().decode(body);
            const deps = [...new Set(Array.from(text.matchAll(MARK), (m) => m[1]))];
            const resolved = new Map(await Promise.all(deps.map(async (dep) => [dep, await urlOf(dep)])));
            body = text.replace(MARK, (_, dep) => resolved.get(dep));
          }
          return URL.createObjectURL(new Blob([body], { type: files[name].type }));
        })(),
      );
    }
    return urls.get(name);
  }

  // The mode tabs link to "./?mode=…", which from a file is the folder, not this page:
  // keep such links on this file. Bubbling phase, after the tabs refreshed their href.
  document.addEventListener("click", (event) => {
    const link = event.target.closest?.("a[href]");
    if (!link || event.defaultPrevented) return;
    const url = new URL(link.href);
    if (url.protocol !== location.protocol || !url.pathname.endsWith("/")) return;
    event.preventDefault();
    location.href = `${location.pathname}${url.search}`;
  });

  // trainer_client.js starts its workers from this classic script when it is set.
  urlOf("offline-worker.js")
    .then((workerUrl) => {
      globalThis.rnnPlaygroundOffline = { workerUrl };
      return urlOf("main.js");
    })
    .then((url) => import(url))
    .catch((error) => {
      console.error(error);
      const alert = document.getElementById("alert");
      alert.querySelector("[data-alert-title]").textContent = "The offline playground could not start";
      alert.querySelector("[data-alert-message]").textContent = `${error?.message ?? error}. This needs a current browser.`;
      alert.hidden = false;
    });
})();
