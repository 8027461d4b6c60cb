// Live changes (learning rate, dropout...) are cheap for the worker: while a slider is
// dragged they are sent often, but not more than every LIVE_THROTTLE_MS; a committed value
// (a key press, the slider released) goes at once. Shared by the page and the figures.

const LIVE_THROTTLE_MS = 80;

/** `send()` throttled: returns `{ request(committed), cancel() }`. */
export function createLiveSender(send) {
  let timer = 0;
  let lastSent = 0;
  const sendNow = () => {
    lastSent = performance.now();
    send();
  };
  return {
    request(committed) {
      window.clearTimeout(timer);
      const wait = lastSent + LIVE_THROTTLE_MS - performance.now();
      if (committed || wait <= 0) sendNow();
      else timer = window.setTimeout(sendNow, wait);
    },
    cancel() {
      window.clearTimeout(timer);
    },
  };
}
