// Figures share the machine. A blog post with twelve figures must not run twelve trainers
// on two cores: at most TRAINING_SLOTS figures train at once (the cores left after the
// page's own thread), the others wait in line and say so. While figures wait, one that
// has trained for a turn steps aside for the next, so every visible figure makes progress.

// One core stays with the page (drawing, scrolling); at least one figure always trains.
export const TRAINING_SLOTS = Math.max(1, (Number(globalThis.navigator?.hardwareConcurrency) || 2) - 1);
// How long a figure trains before it lets a waiting one have its turn.
const TURN_MS = 4000;
const CHECK_EVERY_MS = 500;

const training = new Set(); // tickets holding a slot
const waiting = []; // tickets in line, first come first served
let timer = 0;

function grantFree() {
  while (training.size < TRAINING_SLOTS && waiting.length > 0) {
    const ticket = waiting.shift();
    ticket.grantedAt = performance.now();
    training.add(ticket);
    ticket.onChange(true);
  }
  if (waiting.length === 0 && timer) {
    clearInterval(timer);
    timer = 0;
  } else if (waiting.length > 0 && !timer) {
    timer = setInterval(rotate, CHECK_EVERY_MS);
  }
}

/** A figure that had its turn while others wait goes to the back of the line. */
function rotate() {
  const now = performance.now();
  for (const ticket of [...training]) {
    if (waiting.length === 0) break;
    if (now - ticket.grantedAt < TURN_MS) continue;
    training.delete(ticket);
    waiting.push(ticket);
    ticket.onChange(false);
  }
  grantFree();
}

/**
 * A figure's place in line. `onChange(granted)` is called when it may start or must stop
 * training. `want(true)` joins the line (or trains at once when a slot is free);
 * `want(false)` leaves it and frees the slot for the next.
 */
export function createSlotTicket(onChange) {
  const ticket = { onChange, grantedAt: 0 };
  return {
    want(yes) {
      const holding = training.has(ticket);
      const queued = waiting.includes(ticket);
      if (yes && !holding && !queued) {
        waiting.push(ticket);
        grantFree();
        if (!training.has(ticket)) onChange(false);
      } else if (!yes && (holding || queued)) {
        training.delete(ticket);
        if (queued) waiting.splice(waiting.indexOf(ticket), 1);
        grantFree();
      }
    },
    get granted() {
      return training.has(ticket);
    },
    get waiting() {
      return waiting.includes(ticket);
    },
  };
}
