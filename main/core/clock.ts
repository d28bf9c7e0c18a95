import type { Instant } from './model.js';

/** The wall clock, injected everywhere time matters so tests can run a day in milliseconds. */
export interface Clock {
  now(): Instant;
}

/** Timer functions, injected with the clock (tests drive them by hand; the host uses the real ones,
 *  main/host/timers.ts). The handle is whatever `setTimeout` returned. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
