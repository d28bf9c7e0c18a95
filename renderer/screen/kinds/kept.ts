// What a kind keeps between plays of the same file: a web item's loaded page, a still's decoded
// picture. Chromium never gives back part of what each document load costs the page's renderer
// (`npm run bench -- frames`: ~2.5 MB per 1000 loads of a sandboxed iframe, a new frame or the
// same frame navigated again), so a web item looping all day must not load its page at every
// play; a still is decoded once, not at every play.
//
// Entries are taken out while on air (a kind owns what it took) and put back after; each carries
// the validator (the file's ETag) it was loaded at, so a replaced file is loaded again. The cache
// is bounded by a budget (pages, or bytes of pictures): what does not fit is not kept, rather than
// pushing out an older entry — a loop of more stills than fit would otherwise push out every one
// before its next play and keep none. Entries not played for `maxIdleMs` are freed, and so is
// everything when the screen goes dark (the slate): hidden pages do not run all night.
//
// Whether a kept file is still the file is asked of the host (a HEAD for its ETag) at most every
// `recheckMs`, and before its next play once the host says the station's files changed
// (`recheck`): a HEAD at every play of a loop of short items costs the renderer memory too
// (`npm run bench -- frames`, "head").
//
// Pure: the clock is given, so the rules are unit-tested without a browser.

/** How long a kept file is shown again without asking the host whether it changed: the host
 *  tells of changes it sees (`recheck`); this bounds one it did not see. */
export const KEPT_RECHECK_MS = 30_000;

export interface Kept<T> {
  readonly value: T;
  /** The file's ETag when it was loaded (a file sent without one is not kept). */
  readonly validator: string;
  /** When it was loaded (a page older than the kind's maxAgeMs is loaded again). */
  readonly loadedAt: number;
  /** When its file was last found unchanged (or loaded), and in which round of `recheck`. */
  readonly checked: Checked;
}

export interface Checked {
  readonly at: number;
  readonly round: number;
}

interface Entry<T> extends Kept<T> {
  readonly url: string;
  readonly cost: number;
  idleSince: number;
}

export interface KeptOptions<T> {
  /** The most this cache holds, in the units of `cost`. */
  budget: number;
  cost: (value: T) => number;
  /** Entries not played for this long are freed. */
  maxIdleMs: number;
  /** Entries loaded longer ago than this are not handed out again (freed instead). */
  maxAgeMs: number;
  /** A kept file is asked for again (its ETag) when last checked longer ago than this. */
  recheckMs: number;
  now: () => number;
  free: (value: T) => void;
}

export class KeptFiles<T> {
  private entries: Entry<T>[] = [];
  private round = 0;

  constructor(private readonly o: KeptOptions<T>) {}

  /** An idle entry for this URL, taken out of the cache (give it back with `put`), or null. */
  take(url: string): Kept<T> | null {
    this.sweep();
    const i = this.entries.findIndex((e) => e.url === url);
    if (i < 0) return null;
    const { value, validator, loadedAt, checked } = this.entries.splice(i, 1)[0]!;
    return { value, validator, loadedAt, checked };
  }

  /** Whether `kept` must be checked against its file (its ETag) before it is shown again. */
  due(kept: Kept<T>): boolean {
    return kept.checked.round !== this.round || this.o.now() - kept.checked.at >= this.o.recheckMs;
  }

  /** A check (or load) starting now: taken before asking the host, so that a change the host
   *  tells of while the answer is on its way still makes the file due. */
  checking(): Checked {
    return { at: this.o.now(), round: this.round };
  }

  /** The station's files changed: every kept file, taken out or not, is checked before its
   *  next play. */
  recheck(): void {
    this.round++;
  }

  /** Keeps `value` for its URL's next play; frees it instead when it does not fit the budget. */
  put(url: string, kept: Kept<T>): void {
    this.sweep();
    const cost = this.o.cost(kept.value);
    const now = this.o.now();
    if (now - kept.loadedAt > this.o.maxAgeMs || this.used() + cost > this.o.budget) {
      this.o.free(kept.value);
      return;
    }
    this.entries.push({ ...kept, url, cost, idleSince: now });
  }

  /** Frees entries idle too long or loaded too long ago. */
  sweep(): void {
    const now = this.o.now();
    const stale = (e: Entry<T>) => now - e.idleSince > this.o.maxIdleMs || now - e.loadedAt > this.o.maxAgeMs;
    for (const e of this.entries.filter(stale)) this.o.free(e.value);
    this.entries = this.entries.filter((e) => !stale(e));
  }

  /** Frees every entry. */
  clear(): void {
    for (const e of this.entries) this.o.free(e.value);
    this.entries = [];
  }

  get size(): number {
    return this.entries.length;
  }

  private used(): number {
    return this.entries.reduce((sum, e) => sum + e.cost, 0);
  }
}
