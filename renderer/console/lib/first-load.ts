// The first load without a waterfall (docs/console.md, "First load"): as soon as main.js runs,
// the answers the first page needs are asked for together — the station, the on-air page's
// /api/now when that page is the one opened, the sign-in state in case the session is gone —
// instead of each after the one before. The code that needs an answer takes it here once; later
// loads ask the API as usual.
import { send } from './api.js';

export interface EarlyAnswer {
  /** When it was asked (Date.now()), for code that times the round trip. */
  sentAt: number;
  response: Promise<Response>;
}

const early = new Map<string, EarlyAnswer>();

/** Asks for `path` now (GET); the answer waits for takeEarly. */
export function askEarly(path: string): void {
  const response = send('GET', path);
  // Taken later or never (a refusal is seen again by the asking code): never unhandled.
  response.catch(() => {});
  early.set(path, { sentAt: Date.now(), response });
}

/** The early answer for `path`, once (null if none was asked, it was taken, or it is older than
 *  `maxAgeMs`: a page first opened much later asks afresh). */
export function takeEarly(path: string, maxAgeMs = 10_000, now = Date.now()): EarlyAnswer | null {
  const e = early.get(path) ?? null;
  early.delete(path);
  return e && now - e.sentAt <= maxAgeMs ? e : null;
}
