// The first load without a waterfall (docs/console.md, "First load"): as soon as main.js runs,
// the answers the first page needs are asked for together — the station, the on-air page's
// /api/now when that page is the one opened, the sign-in state in case the session is gone —
// instead of each after the one before. The code that needs an answer takes it here once; later
// loads ask the API as usual.

export interface EarlyAnswer {
  /** When it was asked (Date.now()), for code that times the round trip. */
  sentAt: number;
  response: Promise<Response>;
}

const early = new Map<string, EarlyAnswer>();

/** Asks for `path` now (`ask`: lib/api.ts's GET, which marks a 401 as signed out); the answer
 *  waits for takeEarly. */
export function askEarly(path: string, ask: (path: string) => Promise<Response>): void {
  const response = ask(path);
  const entry = { sentAt: Date.now(), response };
  // A refusal (signed out: 401) is not kept for later: the code that asks after the operator
  // has signed in must ask afresh. Never an unhandled rejection either.
  response.catch(() => {
    if (early.get(path) === entry) early.delete(path);
  });
  early.set(path, entry);
}

/** The early answer for `path`, once (null if none was asked, it was taken, or it is older than
 *  `maxAgeMs`: a page first opened much later asks afresh). */
export function takeEarly(path: string, maxAgeMs = 10_000, now = Date.now()): EarlyAnswer | null {
  const e = early.get(path) ?? null;
  early.delete(path);
  return e && now - e.sentAt <= maxAgeMs ? e : null;
}
