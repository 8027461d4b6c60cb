// A pool of training workers for the capacity sweep: `size` ordinary trainer workers
// (worker.js, through trainer_client.js), each training one grid point at a time to its
// epoch budget and then taking the next. Jobs are trained in the order given (the wasm
// hands them out most expensive first, so no worker is left with a big model at the end).
//
// Each worker runs its jobs one after another, so a worker's messages always belong to its
// current job. Cancelling terminates the workers outright: the CPU is free at once and no
// message of a half-trained model can arrive later.

import { tr } from "./i18n.js";
import { createTrainerClient } from "./trainer_client.js";

// A worker that dies (its files fail to load, the tab runs out of memory) is replaced this
// many times per slot before the slot gives up and leaves its jobs to the others.
const MAX_RESPAWNS = 2;

/** The pool size a device can use well: one worker per logical core, within [1, max]. */
export function defaultPoolSize(max = 16) {
  const cores = Number(navigator.hardwareConcurrency) || 2;
  return Math.max(1, Math.min(max, Math.floor(cores)));
}

/**
 * Train `jobs` (`{query, ...}`; anything else is passed back) on `size` workers.
 * handlers (all optional):
 *   started(job, info)        the worker built the model (`info` from TrainerHandle.info())
 *   epochs(job, message)      an `epochs` message of that job
 *   done(job, result)         `result = {status: "finished"|"stopped_early"|"diverged"|"failed", message, reports, info}`
 * Returns `{ finished: Promise<{cancelled}>, cancel(), workers }`.
 */
export function runPool(jobs, size, handlers = {}) {
  const queue = [...jobs];
  const slots = [];
  let cancelled = false;
  let settle;
  const finished = new Promise((resolve) => (settle = resolve));

  const settleIfIdle = () => {
    if (slots.every((slot) => !slot.job) && (cancelled || queue.length === 0)) {
      for (const slot of slots) slot.client.terminate();
      settle({ cancelled });
    }
  };

  const makeSlot = () => {
    const slot = { job: null, reports: [], info: null, respawns: 0, client: null, retired: false };
    const complete = (status, message) => {
      const job = slot.job;
      if (!job) return;
      slot.job = null;
      handlers.done?.(job, { status, message: message ?? null, reports: slot.reports, info: slot.info });
      take(slot);
    };
    slot.client = createTrainerClient({
      ready() {},
      started(message) {
        if (!slot.job) return;
        slot.info = message.info;
        handlers.started?.(slot.job, message.info);
      },
      epochs(message) {
        if (!slot.job) return;
        slot.reports.push(...message.reports);
        handlers.epochs?.(slot.job, message);
      },
      status({ status }) {
        // Early stopping ends a run on its own, like reaching the last epoch.
        if (["finished", "stopped_early", "diverged"].includes(status.state)) complete(status.state, status.message);
      },
      error(message) {
        if (message.workerDied) {
          if (slot.respawns < MAX_RESPAWNS) {
            slot.respawns += 1;
            slot.client.respawn();
          } else {
            slot.retired = true;
          }
        }
        complete("failed", message.message);
      },
    });
    return slot;
  };

  const take = (slot) => {
    if (!cancelled && slots.every((s) => s.retired)) {
      // No worker can load: the remaining jobs fail rather than wait forever.
      for (const job of queue.splice(0)) {
        handlers.done?.(job, { status: "failed", message: tr(globalThis.document?.documentElement, "worker.none_started"), reports: [], info: null });
      }
    }
    if (cancelled || slot.retired || queue.length === 0) {
      settleIfIdle();
      return;
    }
    slot.job = queue.shift();
    slot.reports = [];
    slot.info = null;
    slot.client.send({ type: "start", query: slot.job.query, paused: false });
  };

  const count = Math.max(1, Math.min(size, queue.length));
  for (let i = 0; i < count; i++) slots.push(makeSlot());
  if (queue.length === 0) settle({ cancelled: false });
  else for (const slot of slots) take(slot);

  return {
    finished,
    workers: slots.length,
    /** Stop now: workers are terminated, jobs in progress and queued are dropped. */
    cancel() {
      if (cancelled) return;
      cancelled = true;
      queue.length = 0;
      for (const slot of slots) {
        slot.job = null;
        slot.client.terminate();
      }
      settle({ cancelled: true });
    },
  };
}
