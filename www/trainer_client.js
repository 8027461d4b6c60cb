// The page's end of the worker protocol (see protocol.md): owns the Worker, forwards its
// messages to handlers, and turns a worker that dies into an ordinary error message.

export function createTrainerClient(handlers) {
  let worker = null;

  const spawn = () => {
    worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module", name: "trainer" });
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
