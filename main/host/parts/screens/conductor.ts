// The screens' conductor: runs the plan against the clock and keeps each screen page told what to
// play — the segment on air and the ones starting within the look-ahead, so the page can preload
// the next playlist's first item and switch at the boundary instant.
import type { WebSocket } from 'ws';
import type { Timers } from '../../../core/clock.js';
import { nextBulletinEdge, screenBulletinsAhead } from '../../../core/bulletins/screens.js';
import type { ProgramMessage, ScreenBulletin, Segment, WireItem } from '../../../core/contract/screen.js';
import type { Bulletin, Instant, ScreenItem, ScreenState, Station } from '../../../core/model.js';
import type { Schedule } from '../../../core/schedule-api.js';
import type { HostContext } from '../../context.js';
import { mediaUrl } from '../../media.js';

/** An item as the page needs it; `media` is the start's media URL prefix (`/media/<key>`). */
export function wireItem(item: ScreenItem, index: number, media: string): WireItem {
  switch (item.kind) {
    case 'video':
      return { kind: 'video', index, src: item.asset.src, url: mediaUrl(media, item.asset.file ?? item.asset.src), durationMs: null, fit: item.fit };
    case 'image':
      return { kind: 'image', index, src: item.asset.src, url: mediaUrl(media, item.asset.file ?? item.asset.src), durationMs: item.durationMs, fit: item.fit };
    case 'web':
      return { kind: 'web', index, src: item.asset.src, url: mediaUrl(media, item.asset.file ?? item.asset.src), durationMs: item.durationMs, fit: 'contain' };
    case 'qr':
      return { kind: 'qr', index, src: item.data, url: null, durationMs: item.durationMs, fit: 'contain', caption: item.caption };
  }
}

function hash(text: string): string {
  // FNV-1a, 32 bit: enough to tell one item list from another.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export function toSegment(state: ScreenState, media: string): Segment {
  const until = Number.isFinite(state.until) ? state.until : null;
  if (!state.playlist) return { key: `slate@${state.since}`, startAt: state.since, until, playlist: null };
  const items = state.playlist.items.map((item, i) => wireItem(item, i, media));
  const key = `${state.playlist.file}@${state.since}#${hash(JSON.stringify([state.playlist.name, items]))}`;
  return { key, startAt: state.since, until, playlist: { file: state.playlist.file, name: state.playlist.name, items } };
}

/** A bulletin as the page needs it (the page picks what is on air at each instant). */
export function screenBulletin(b: Bulletin): ScreenBulletin {
  // Cut to the wire's bounds: the page drops a program that exceeds them, and the air never stops.
  return { file: b.file, level: b.level, title: b.title.slice(0, 1024), text: b.text?.slice(0, 16384) ?? null, from: b.from, until: b.until };
}

/** The segment on air at `now` and those starting before `now + lookahead` (at most 4), and the
 *  bulletins on air or starting within the look-ahead. */
export function programFor(
  station: Station,
  schedule: Schedule,
  screenId: string,
  now: Instant,
  lookaheadMs: number,
  media: string,
): { message: ProgramMessage; nextCheck: Instant } {
  const screen = station.screens.find((s) => s.id === screenId);
  const first = schedule.screenAt(screenId, now);
  const segments = [toSegment(first, media)];
  let t = first.until;
  while (Number.isFinite(t) && t < now + lookaheadMs && segments.length < 4) {
    const s = schedule.screenAt(screenId, t);
    segments.push(toSegment({ ...s, since: Math.max(s.since, t) }, media));
    if (!(s.until > t)) break;
    t = s.until;
  }
  // Wake at the boundary on air now (to re-anchor), or when the next unannounced one enters
  // the look-ahead.
  // Likewise at each bulletin's start and end, and when a start enters the look-ahead.
  const nextCheck = Math.min(first.until, Number.isFinite(t) ? t - lookaheadMs : Infinity,
    nextBulletinEdge(station.bulletins, now, lookaheadMs));
  const bulletins = screenBulletinsAhead(station.bulletins, now, lookaheadMs).slice(0, 64).map(screenBulletin);
  return {
    message: {
      type: 'program',
      now,
      station: { name: station.name, timezone: station.timezone },
      screen: { id: screenId, rotate: screen?.rotate ?? 0, ...(screen?.region ? { region: screen.region } : {}) },
      segments,
      ...(bulletins.length > 0 ? { bulletins } : {}),
    },
    nextCheck: Math.max(nextCheck, now + 50),
  };
}

export interface ScreenPage {
  screenId: string;
  socket: WebSocket;
}

export interface ConductorOptions {
  lookaheadMs: number;
  maxSleepMs: number;
  /** The media URL prefix of this start. */
  media: string;
}

/** Keeps the pages of each screen told their program: at each boundary, when the next one enters
 *  the look-ahead, and whenever the station or the clock changes. A page that connects is sent
 *  the program on its own: the other pages of its screen already have it. */
export class ScreenConductor {
  private readonly pages = new Set<ScreenPage>();
  private readonly wakeups = new Map<string, unknown>();
  private stopped = false;

  constructor(private readonly ctx: HostContext, private readonly opts: ConductorOptions) {}

  private get timers(): Timers {
    return this.ctx.timers;
  }

  connections(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const p of this.pages) out[p.screenId] = (out[p.screenId] ?? 0) + 1;
    return out;
  }

  add(page: ScreenPage): void {
    this.pages.add(page);
    if (this.wakeups.has(page.screenId)) this.conduct(page.screenId, page);
    else this.conduct(page.screenId);
  }

  remove(page: ScreenPage): void {
    this.pages.delete(page);
  }

  /** Tell the pages of every screen their program now (station change, clock jump). */
  conductAll(): void {
    for (const id of new Set([...this.pages].map((p) => p.screenId))) this.conduct(id);
  }

  stop(): void {
    this.stopped = true;
    for (const h of this.wakeups.values()) this.timers.clearTimeout(h);
    this.wakeups.clear();
    for (const p of this.pages) p.socket.close(1001, 'host stopping');
    this.pages.clear();
  }

  private send(page: ScreenPage, message: ProgramMessage): void {
    if (page.socket.readyState === page.socket.OPEN) page.socket.send(JSON.stringify(message));
  }

  /** Tell the pages of `screenId` (or just `only`) their program, and plan the next telling. */
  private conduct(screenId: string, only?: ScreenPage): void {
    if (this.stopped) return;
    const pages = only ? [only] : [...this.pages].filter((p) => p.screenId === screenId);
    if (!only) {
      const old = this.wakeups.get(screenId);
      if (old !== undefined) this.timers.clearTimeout(old);
      this.wakeups.delete(screenId);
    }
    if (pages.length === 0) return;
    const { station, schedule } = this.ctx.current();
    const now = this.ctx.clock.now();
    let program;
    try {
      program = programFor(station, schedule, screenId, now, this.opts.lookaheadMs, this.opts.media);
    } catch (err) {
      this.ctx.log.error({ err, screen: screenId }, 'planner failed; retrying in 5 s');
      if (!this.wakeups.has(screenId)) this.wakeups.set(screenId, this.timers.setTimeout(() => this.conduct(screenId), 5000));
      return;
    }
    for (const p of pages) this.send(p, program.message);
    if (only) return;
    const delay = Math.max(20, Math.min(program.nextCheck - now, this.opts.maxSleepMs));
    this.wakeups.set(screenId, this.timers.setTimeout(() => this.conduct(screenId), delay));
  }
}
