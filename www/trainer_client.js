// The page's end of the worker protocol (see protocol.md): owns the Worker, forwards its
// messages to handlers, and turns a worker that dies into an ordinary error message.

const WORKER_URL = new URL("./worker.js", import.meta.url);

/**
 * Browsers start workers only from the page's own origin. When these files come from
 * another one (an embedded figure loaded from a CDN), a same-origin blob worker imports the
 * real worker.js, whose own URL still finds the wasm (the asset host must allow CORS).
 */
function startWorker() {
  const options = { type: "module", name: "trainer" };
  if (WORKER_URL.origin === self.location.origin) return new Worker(WORKER_URL, options);
  const shim = new Blob([`import ${JSON.stringify(WORKER_URL.href)};`], { type: "text/javascript" });
  return new Worker(URL.createObjectURL(shim), options);
}

export function createTrainerClient(handlers) {
  let worker = null;

  const spawn = () => {
    worker = startWorker();
    worker.onmessage = (event) => {
      const message = event.data ?? {};
      const handler = handlers[message.type];
      if (handler) handler(message);
    };
    worker.onerror = (event) => {
      // Module workers that fail to load report an ErrorEvent with no message.
      event.preventDefault();
      const detail = event.message ? `: ${event.message}` : "";
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
