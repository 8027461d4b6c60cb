// Figures share the machine. A blog post with twelve figures must not run twelve trainers
// on two cores: at most TRAINING_SLOTS figures hold a worker at once (the cores left after
// the page's own thread), the others wait in line and say so. A slot is a live worker, not
// only a training one: a figure that has trained for its turn while others wait, or that
// sits idle (paused, ended, scrolled away), gives its worker back for the next in line.

// One core stays with the page (drawing, scrolling); at least one figure always trains.
export const TRAINING_SLOTS = Math.max(1, (Number(globalThis.navigator?.hardwareConcurrency) || 2) - 1);
// How long a training figure keeps its slot while others wait.
const TURN_MS = 4000;
const CHECK_EVERY_MS = 500;

const holding = new Set(); // tickets holding a slot (a live worker)
const waiting = []; // tickets in line, first come first served
// Tickets whose worker is still saving its run before it ends: its core is not free yet.
const releasing = new Set();

/** Live workers: those holding a slot and those still ending. */
const occupied = () => holding.size + [...releasing].filter((ticket) => !holding.has(ticket)).length;
let timer = 0;
let settling = false;
let settleAgain = false;

/** Take slots from holders whose turn is over (idle ones at once), then grant free slots. */
function settle() {
  if (settling) {
    settleAgain = true;
    return;
  }
  settling = true;
  do {
    settleAgain = false;
    const now = performance.now();
    for (const ticket of [...holding]) {
      if (waiting.length === 0) break;
      if (!ticket.idle && now - ticket.grantedAt < TURN_MS) continue;
      holding.delete(ticket);
      ticket.onChange(false); // the figure gives its worker back and rejoins the line if it wants to train
    }
    while (occupied() < TRAINING_SLOTS && waiting.length > 0) {
      const ticket = waiting.shift();
      ticket.grantedAt = performance.now();
      holding.add(ticket);
      ticket.onChange(true);
    }
  } while (settleAgain);
  settling = false;
  if (waiting.length === 0 && timer) {
    clearInterval(timer);
    timer = 0;
  } else if (waiting.length > 0 && !timer) {
    timer = setInterval(settle, CHECK_EVERY_MS);
  }
}

/**
 * A figure's place in line. `onChange(granted)` is called when it may start a worker or
 * must end it. `want(true)` joins the line (or gets a slot at once when one is free);
 * `want(false)` leaves it and frees the slot for the next. `setIdle(true)` says the
 * figure holds a worker it does not train with: it makes way at once for a waiting one.
 * `ending(promise)` says the figure's worker lives on until `promise` settles (it is
 * saving its run): its core is not handed on before.
 */
export function createSlotTicket(onChange) {
  const ticket = { onChange, grantedAt: 0, idle: false };
  return {
    want(yes) {
      const held = holding.has(ticket);
      const queued = waiting.includes(ticket);
      if (yes && !held && !queued) {
        waiting.push(ticket);
        settle();
        if (waiting.includes(ticket)) onChange(false);
      } else if (!yes && (held || queued)) {
        holding.delete(ticket);
        if (queued) waiting.splice(waiting.indexOf(ticket), 1);
        settle();
      }
    },
    setIdle(idle) {
      if (ticket.idle === idle) return;
      ticket.idle = idle;
      if (idle && holding.has(ticket) && waiting.length > 0) settle();
    },
    ending(promise) {
      releasing.add(ticket);
      ticket.ending = promise;
      promise.finally(() => {
        if (ticket.ending !== promise) return; // a later worker of this figure still ends
        releasing.delete(ticket);
        settle();
      });
    },
    get granted() {
      return holding.has(ticket);
    },
    get waiting() {
      return waiting.includes(ticket);
    },
  };
}
