import type { Instant } from './model.js';

/** The wall clock, injected everywhere time matters so tests can run a day in milliseconds. */
export interface Clock {
  now(): Instant;
}
