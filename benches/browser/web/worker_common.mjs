// What both benchmark workers share: the request/response plumbing and the timing loop, so
// rnn-playground and TensorFlow.js are timed by the same code, with performance.now inside
// the worker that trains.

/**
 * Answer requests `{ id, type, ...args }` with `{ id, result }` or `{ id, error }`.
 * Requests wait until `ready` resolves (the engine is loaded) and run one at a time, in
 * order, so a measurement never overlaps another.
 */
export function serveRequests(ready, handlers) {
  let queue = Promise.resolve();
  self.onmessage = ({ data: request }) => {
    queue = queue.then(async () => {
      try {
        await ready;
        const handler = handlers[request.type];
        if (!handler) throw new Error(`unknown request type "${request.type}"`);
        self.postMessage({ id: request.id, result: await handler(request) });
      } catch (error) {
        self.postMessage({ id: request.id, error: String(error?.stack ?? error) });
      }
    });
  };
}

/**
 * Time training steps: keep stepping until at least `minSteps` steps and `minMs` have
 * passed, or until `maxMs` has passed (slow engines: at least one step). Returns the step
 * count and the elapsed milliseconds.
 */
export async function timeSteps(stepOnce, { minSteps, minMs, maxMs }) {
  let steps = 0;
  const started = performance.now();
  for (;;) {
    await stepOnce();
    steps += 1;
    const elapsed = performance.now() - started;
    if (elapsed >= maxMs || (steps >= minSteps && elapsed >= minMs)) return { steps, ms: elapsed };
  }
}
