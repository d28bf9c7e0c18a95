import type { Instant } from './model.js';

/** The wall clock, injected everywhere time matters so tests can run a day in milliseconds. */
export interface Clock {
  now(): Instant;
}

/** Whatever `setTimeout` returned (a number in pages, an object in Node). */
export type TimerHandle = unknown;

/** Timer functions, injected with the clock, in the host and the pages alike (tests drive them by
 *  hand; the host uses the real ones, main/host/timers.ts; the pages renderer/common/timers.ts). */
export interface Timers {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}
