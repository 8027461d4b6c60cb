// A figure's turns on the machine (figure_slots.js): when its turn is over, or it sits
// paused or off screen while another waits, it saves its run (the worker's `snapshot`,
// protocol.md) and ends its worker; on its next turn a fresh worker resumes the run from
// that snapshot, so a run longer than one turn still finishes. A snapshot that does not
// come in time, or a dead worker, costs the saved progress only: the run starts again.

import { createTrainerClient } from "../trainer_client.js";

// How long a worker may take to hand over its run (it answers between slices, so within
// one training step or one validation chunk).
const SNAPSHOT_TIMEOUT_MS = 2000;

/**
 * Returns `{ spawn, giveBack, take, start, putBack, discard, log }`.
 */
export function createTurnKeeper() {
  let saved = null; // { snapshot, query } of the run given back, until its next turn
  let pending = Promise.resolve(); // settles when the snapshot being taken has arrived
  let answer = null; // hands the worker's `snapshot` message to the pending request
  let generation = 0; // discard() drops a snapshot still on its way
  // What turns cost, for the page's tests and anyone curious: one entry per snapshot
  // taken ({epoch, bytes, takeMs}) and per run resumed ({epoch, restoreMs}).
  const log = [];

  return {
    log,
    /**
     * A worker (trainer_client.js) whose messages go to `handlers` while `isCurrent(client)`:
     * a worker given back says what it did until it ends, and only its snapshot counts.
     */
    spawn(handlers, isCurrent) {
      const routed = Object.entries(handlers).map(([type, handle]) => [type, (message) => isCurrent(client) && handle(message)]);
      const client = createTrainerClient({
        ...Object.fromEntries(routed),
        snapshot: (message) => answer?.(message),
        started: (message) => {
          const resumed = message.resumed;
          if (resumed) log.push({ kind: "resume", epoch: resumed.reports.at(-1)?.epoch ?? 0, restoreMs: resumed.restoreMs });
          if (isCurrent(client)) handlers.started(message);
        },
      });
      return client;
    },
    /**
     * Ends `client`'s worker, first asking it for its unfinished `run` (`{query, epoch}`;
     * null for a run that is over). Returns a promise that settles once the worker is gone
     * (its core is free from then on).
     */
    giveBack(client, run) {
      if (!run || client.dead) {
        client.terminate();
        return Promise.resolve();
      }
      const mine = ++generation;
      const arrived = new Promise((resolve) => {
        const timer = window.setTimeout(() => resolve(null), SNAPSHOT_TIMEOUT_MS);
        answer = (message) => {
          window.clearTimeout(timer);
          resolve(message);
        };
      });
      client.send({ type: "snapshot" });
      pending = arrived.then((message) => {
        answer = null;
        client.terminate();
        if (mine !== generation || !message?.snapshot) return;
        saved = { snapshot: message.snapshot, query: run.query, generation: mine };
        log.push({ kind: "snapshot", epoch: run.epoch, bytes: message.bytes, takeMs: message.takeMs });
      });
      return pending;
    },
    /** The saved run, once a snapshot on its way has arrived; null when there is none. Taken once. */
    async take() {
      await pending;
      const run = saved;
      saved = null;
      return run;
    },
    /**
     * Sends `client` the start of the run: `saved` (from take()) where it was, else
     * `query` from epoch 0. Live changes made while it had no worker follow the saved run
     * (a structural one would have dropped it).
     */
    start(client, saved, { query, paused, series }) {
      // A worker that is dead, or busy inside a long step, is replaced (trainer_client.js).
      client.start({ type: "start", query: saved?.query ?? query, snapshot: saved?.snapshot, paused, series });
      if (saved && saved.query !== query) client.send({ type: "live", query });
    },
    /** A saved run taken for a worker that went before it could start: kept for the next (unless discarded since). */
    putBack(run) {
      if (run?.generation === generation) saved ??= run;
    },
    /** New settings or Reset: the saved run, or the one being saved, is not wanted. */
    discard() {
      generation += 1;
      saved = null;
    },
  };
}
