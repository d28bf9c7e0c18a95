// The "On air" page's logic without a browser: the host's clock as the page estimates it (a
// phone's clock may be minutes off), the countdown texts, and the refresh loop — every few
// seconds while it works, backing off while the player cannot be reached, never two loads at
// once. Clock and timers are injected, so unit tests run an hour in microseconds.
import type { Timers } from '../../../main/core/clock.js';
import { tr, trf, type Lang, type Text } from '../lib/i18n.js';

/** What is on air, read again this often. */
export const NOW_REFRESH_MS = 5000;
/** The longest wait between tries while the player does not answer. */
export const MAX_BACKOFF_MS = 30_000;

/** "in 4 min 05 s", "trong 2 giờ 10 phút", "now": the time left until `at` (host ms). */
export function countdownText(msLeft: number, lang: Lang): string {
  if (msLeft <= 0) return lang === 'vi' ? 'ngay bây giờ' : 'now';
  const total = Math.ceil(msLeft / 1000);
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  const vi = lang === 'vi';
  let body: string;
  if (d > 0) body = vi ? `${d} ngày ${h} giờ` : `${d} d ${h} h`;
  else if (h > 0) body = vi ? `${h} giờ ${two(m)} phút` : `${h} h ${two(m)} min`;
  else if (m > 0) body = vi ? `${m} phút ${two(s)} giây` : `${m} min ${two(s)} s`;
  else body = vi ? `${s} giây` : `${s} s`;
  return vi ? `còn ${body}` : `in ${body}`;
}

/** The host's clock as seen from here: the offset learnt from each answer's host time, taken
 *  at the middle of the request (half its round trip). */
export class HostTime {
  private offsetMs = 0;
  constructor(private readonly localNow: () => number) {}

  /** An answer sent at host time `hostAt`, asked at local `sentAt`, received at local `receivedAt`. */
  learn(hostAt: number, sentAt: number, receivedAt: number): void {
    if (Number.isFinite(hostAt)) this.offsetMs = hostAt - (sentAt + receivedAt) / 2;
  }

  now(): number {
    return this.localNow() + this.offsetMs;
  }
}

export interface PollerDeps {
  timers: Timers;
  /** One load; rejects when the player could not be asked. */
  load: () => Promise<void>;
  everyMs?: number;
}

/** Calls `load` now and then every `everyMs` after each load ends; after a failure it waits
 *  twice as long each time (up to MAX_BACKOFF_MS), and `now()` asks again at once. */
export class Poller {
  private timer: unknown = null;
  private running = false;
  private stopped = false;
  private failures = 0;

  constructor(private readonly deps: PollerDeps) {}

  /** The wait before the next load, given the failures in a row so far. */
  delay(): number {
    const every = this.deps.everyMs ?? NOW_REFRESH_MS;
    return this.failures === 0 ? every : Math.min(MAX_BACKOFF_MS, every * 2 ** this.failures);
  }

  start(): void {
    this.stopped = false;
    void this.now();
  }

  /** Load now (after an action), unless a load is already running. */
  async now(): Promise<void> {
    if (this.running || this.stopped) return;
    if (this.timer !== null) this.deps.timers.clearTimeout(this.timer);
    this.timer = null;
    this.running = true;
    try {
      await this.deps.load();
      this.failures = 0;
    } catch {
      this.failures++;
    } finally {
      this.running = false;
    }
    if (!this.stopped) this.timer = this.deps.timers.setTimeout(() => void this.now(), this.delay());
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.deps.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}

/** The kinds of item a screen page reports, as an operator says them: the contract's words
 *  (`image`, `web`) are English, and a Vietnamese screen card must not show them. */
const ITEM_KINDS: Record<string, Text> = {
  video: ['video', 'video'], image: ['ảnh', 'picture'], web: ['trang web', 'web page'], qr: ['mã QR', 'QR code'],
  audio: ['âm thanh', 'audio'],
};

/** "Mục 2: ảnh bluezone/poster.png": the item on air, 1-based, its kind in the operator's words
 *  (an unknown kind, from a newer page, as it came). */
export function itemText(item: { index: number; kind: string; src: string | null }, lang: Lang): string {
  const kind = ITEM_KINDS[item.kind] ? tr(ITEM_KINDS[item.kind]!, lang) : item.kind;
  return trf(['Mục {n}: {kind} {src}', 'Item {n}: {kind} {src}'], { n: item.index + 1, kind, src: item.src ?? '' }, lang).trimEnd();
}

/** The default "until" for play-now: the next full hour at least 30 min away, as the station's
 *  wall clock `YYYY-MM-DDTHH:MM` (`2020-08-13T15:00`); the form shows it `dd/mm/yyyy HH:MM`. */
export function defaultUntil(hostNow: number, wallOf: (t: number) => string): string {
  const hour = 3600_000;
  const t = Math.ceil((hostNow + 30 * 60_000) / hour) * hour;
  return wallOf(t).slice(0, 16);
}
