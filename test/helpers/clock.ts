// A host clock for tests of schedule boundaries. It runs in real time (the page's timers are
// Chromium's own) but from an instant the test chooses, and the test steps it the way NTP would.
// A test opens the page with the boundary far ahead, waits until the page is ready, then steps
// the clock to just before the boundary: however slow a loaded machine is to start Chromium, the
// boundary comes a known time after the page is on screen, never while it is still loading.
import type { Clock } from '../../main/core/clock.js';
import type { Instant } from '../../main/core/model.js';

export interface SteppedClock extends Clock {
  /** From now on, `now()` reads `at` (a step: the host re-plans, its pages re-sync). */
  set(at: Instant): void;
  /** The machine's wall time (Date.now(), CDP timestamps) at which this clock reads `at`. */
  wallAt(at: Instant): number;
}

export function steppedClock(at: Instant): SteppedClock {
  let offset = at - Date.now();
  return {
    now: () => Date.now() + offset,
    set(to) {
      offset = to - Date.now();
    },
    wallAt: (t) => t - offset,
  };
}
