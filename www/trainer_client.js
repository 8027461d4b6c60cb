// The page's end of the worker protocol (see protocol.md): owns the Worker, forwards its
// messages to handlers, and turns a worker that dies into an ordinary error message.

import { compileAsset } from "./load_failure.js";

const WORKER_URL = new URL("./worker.js", import.meta.url);
const WASM_URL = new URL("./pkg/rnn_playground_worker_bg.wasm", import.meta.url);

let compiled = null; // Promise<WebAssembly.Module | null>, shared by every worker of the page

/**
 * The worker's wasm, fetched and compiled once per page and handed to each worker: seven
 * figures (or a sweep's pool) download and compile it once, not seven times. Null when the
 * page cannot get it: the worker then fetches it itself and reports what went wrong.
 */
function workerModule() {
  compiled ??= compileAsset(WASM_URL).catch(() => null);
  return compiled;
}

/**
 * Browsers start workers only from the page's own origin. When these files come from
 * another one (an embedded figure loaded from a CDN), a same-origin blob worker imports the
 * real worker.js, whose own URL still finds the wasm (the asset host must allow CORS).
 */
function startWorker() {
  // The offline file (offline_boot.js): from file:// only a classic blob worker starts.
  const offline = globalThis.rnnPlaygroundOffline;
  if (offline) return new Worker(offline.workerUrl, { name: "trainer" });
  const options = { type: "module", name: "trainer" };
  if (WORKER_URL.origin === self.location.origin) return new Worker(WORKER_URL, options);
  const shim = new Blob([`import ${JSON.stringify(WORKER_URL.href)};`], { type: "text/javascript" });
  return new Worker(URL.createObjectURL(shim), options);
}

export function createTrainerClient(handlers) {
  let worker = null;

  const spawn = () => {
    worker = startWorker();
    const mine = worker;
    // Always the first message the worker acts on (it waits for it before loading).
    workerModule().then((module) => mine.postMessage({ type: "wasm_module", module }));
    worker.onmessage = (event) => {
      const message = event.data ?? {};
      const handler = handlers[message.type];
      if (handler) handler(message);
    };
    worker.onerror = (event) => {
      // Module workers that fail to load report an ErrorEvent with no message.
      event.preventDefault();
      const detail = event.message
        ? `: ${event.message}`
        : ` (${WORKER_URL.pathname} or a module it imports did not load: missing on the host, no Access-Control-Allow-Origin ` +
          `from an asset host on another site, or a Content-Security-Policy without worker-src 'self' blob:)`;
      handlers.error({ type: "error", message: `The training worker stopped${detail}.`, fatal: true, workerDied: true });
    };
    worker.onmessageerror = () => {
      handlers.error({ type: "error", message: "A message from the training worker could not be read.", fatal: false });
    };
  };

  spawn();

  return {
    send(message) {
      worker.postMessage(message);
    },
    /** Replace a dead worker with a fresh one; its "ready" message follows. */
    respawn() {
      worker.terminate();
      spawn();
    },
    /** Stop the worker for good (a lab mode cancelling its runs or unmounting). */
    terminate() {
      worker.terminate();
    },
  };
}
