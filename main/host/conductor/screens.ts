// The screens' on-air part: runs the plan against the clock and keeps each screen page told what
// to play — the segment on air and the ones starting within the look-ahead, so the page can
// preload the next playlist's first item and switch at the boundary instant. Pages report every
// item start/end/skip back, which goes to the proof of play.
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { Instant, ScreenItem, ScreenState, Station } from '../../core/model.js';
import {
  parseScreenToHost,
  type ProgramMessage,
  type Segment,
  type WireItem,
} from '../../core/contract/screen.js';
import type { Schedule } from '../../core/schedule-api.js';
import type { PageLink } from '../../core/contract/pages.js';
import type { ScreenPlayLine } from '../../core/contract/proof-of-play.js';
import type { HostContext, OnAirPart, Timers } from '../context.js';
import { mediaUrl } from '../media.js';

export interface ScreensPartOptions {
  /** How far ahead pages learn of the next segment (default 10 s). */
  lookaheadMs?: number;
  /** Re-check the plan at least this often (default 60 s). */
  maxSleepMs?: number;
}

export function wireItem(item: ScreenItem, index: number): WireItem {
  switch (item.kind) {
    case 'video':
      return { kind: 'video', index, src: item.asset.src, url: mediaUrl(item.asset.file ?? item.asset.src), durationMs: null, fit: item.fit };
    case 'image':
      return { kind: 'image', index, src: item.asset.src, url: mediaUrl(item.asset.file ?? item.asset.src), durationMs: item.durationMs, fit: item.fit };
    case 'web':
      return { kind: 'web', index, src: item.asset.src, url: mediaUrl(item.asset.file ?? item.asset.src), durationMs: item.durationMs, fit: 'contain' };
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

export function toSegment(state: ScreenState): Segment {
  const until = Number.isFinite(state.until) ? state.until : null;
  if (!state.playlist) return { key: `slate@${state.since}`, startAt: state.since, until, playlist: null };
  const items = state.playlist.items.map(wireItem);
  const key = `${state.playlist.file}@${state.since}#${hash(JSON.stringify([state.playlist.name, items]))}`;
  return { key, startAt: state.since, until, playlist: { file: state.playlist.file, name: state.playlist.name, items } };
}

/** The segment on air at `now` and those starting before `now + lookahead` (at most 4). */
export function programFor(
  station: Station,
  schedule: Schedule,
  screenId: string,
  now: Instant,
  lookaheadMs: number,
): { message: ProgramMessage; nextCheck: Instant } {
  const screen = station.screens.find((s) => s.id === screenId);
  const first = schedule.screenAt(screenId, now);
  const segments = [toSegment(first)];
  let t = first.until;
  while (Number.isFinite(t) && t < now + lookaheadMs && segments.length < 4) {
    const s = schedule.screenAt(screenId, t);
    segments.push(toSegment({ ...s, since: Math.max(s.since, t) }));
    if (!(s.until > t)) break;
    t = s.until;
  }
  // Wake at the boundary on air now (to re-anchor), or when the next unannounced one enters
  // the look-ahead.
  const nextCheck = Math.min(first.until, Number.isFinite(t) ? t - lookaheadMs : Infinity);
  return {
    message: {
      type: 'program',
      now,
      station: { name: station.name, timezone: station.timezone },
      screen: { id: screenId, rotate: screen?.rotate ?? 0 },
      segments,
    },
    nextCheck: Math.max(nextCheck, now + 50),
  };
}

interface ScreenConn {
  screenId: string;
  socket: WebSocket;
}

export interface ScreensPart extends OnAirPart {
  /** Connected pages per screen id (tests, diagnostics). */
  connections(): Record<string, number>;
}

export function createScreensPart(options: ScreensPartOptions = {}): ScreensPart {
  const lookaheadMs = options.lookaheadMs ?? 10_000;
  const maxSleepMs = options.maxSleepMs ?? 60_000;
  const conns = new Set<ScreenConn>();
  const timers = new Map<string, unknown>();
  let ctx: HostContext | null = null;
  let t: Timers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
  let unsubscribe: (() => void) | null = null;
  let stopped = false;

  const send = (c: ScreenConn, message: ProgramMessage) => {
    if (c.socket.readyState === c.socket.OPEN) c.socket.send(JSON.stringify(message));
  };

  /** Tell every page of `screenId` its program now, and schedule the next telling. */
  const conduct = (screenId: string) => {
    if (!ctx || stopped) return;
    const old = timers.get(screenId);
    if (old !== undefined) t.clearTimeout(old);
    timers.delete(screenId);
    const pages = [...conns].filter((c) => c.screenId === screenId);
    if (pages.length === 0) return;
    const { station, schedule } = ctx.current();
    const now = ctx.clock.now();
    let program;
    try {
      program = programFor(station, schedule, screenId, now, lookaheadMs);
    } catch (err) {
      ctx.log.error({ err, screen: screenId }, 'planner failed; retrying in 5 s');
      timers.set(screenId, t.setTimeout(() => conduct(screenId), 5000));
      return;
    }
    for (const c of pages) send(c, program.message);
    const delay = Math.max(20, Math.min(program.nextCheck - now, maxSleepMs));
    timers.set(screenId, t.setTimeout(() => conduct(screenId), delay));
  };

  const conductAll = () => {
    for (const id of new Set([...conns].map((c) => c.screenId))) conduct(id);
  };

  return {
    name: 'screens',
    connections() {
      const out: Record<string, number> = {};
      for (const c of conns) out[c.screenId] = (out[c.screenId] ?? 0) + 1;
      return out;
    },
    pages(baseUrl: string, token: string): PageLink[] {
      if (!ctx) return [];
      return ctx.current().station.screens.map((s) => ({
        kind: 'screen' as const,
        id: s.id,
        url: `${baseUrl}/screen/?screen=${encodeURIComponent(s.id)}&token=${encodeURIComponent(token)}`,
        display: s.display,
      }));
    },
    async register(app: FastifyInstance, context: HostContext) {
      ctx = context;
      if (context.timers) t = context.timers;
      unsubscribe = context.onChange(() => conductAll());
      app.get('/ws/screen', {
        websocket: true,
        preValidation: async (req, reply) => {
          const q = req.query as Record<string, unknown>;
          if (q['token'] !== context.token) return reply.code(401).send({ error: 'bad token' });
          if (typeof q['screen'] !== 'string' || !/^[\w.-]{1,64}$/.test(q['screen'])) {
            return reply.code(400).send({ error: 'bad screen' });
          }
        },
      }, (socket, req) => {
        const screenId = (req.query as Record<string, string>)['screen']!;
        const conn: ScreenConn = { screenId, socket };
        conns.add(conn);
        const log = context.log.child({ screen: screenId });
        log.info('screen page connected');
        socket.on('message', (data, isBinary) => {
          if (isBinary) return void socket.close(1003, 'text only');
          const parsed = parseScreenToHost(data.toString());
          if (!parsed.ok) {
            log.warn({ error: parsed.error }, 'invalid message from screen page ignored');
            return;
          }
          const m = parsed.value;
          if (m.type === 'log') {
            log[m.level]({ from: 'page' }, m.message);
            return;
          }
          const line: ScreenPlayLine = {
            ts: m.at,
            target: `screen:${screenId}`,
            event: m.kind === 'slate' ? `slate-${m.event}` : `item-${m.event}`,
            screen: screenId,
            playlist: m.playlist,
            item: m.item,
            kind: m.kind,
            src: m.src,
            segment: m.segment,
          };
          if (m.reason !== undefined) line.reason = m.reason;
          context.proofOfPlay.append(line);
          if (m.event === 'skip') log.warn({ playlist: m.playlist, item: m.item, src: m.src, reason: m.reason }, 'item skipped');
          else log.debug({ event: m.event, playlist: m.playlist, item: m.item, src: m.src }, 'play');
        });
        socket.on('close', () => {
          conns.delete(conn);
          log.info('screen page disconnected');
        });
        socket.on('error', () => conns.delete(conn));
        conduct(screenId);
      });
    },
    async stop() {
      stopped = true;
      unsubscribe?.();
      for (const h of timers.values()) t.clearTimeout(h);
      timers.clear();
      for (const c of conns) c.socket.close(1001, 'host stopping');
      conns.clear();
    },
  };
}
