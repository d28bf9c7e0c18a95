// The radio's on-air part. `radioPart(options?)` returns an OnAirPart that the host server
// registers when `station.radio` is set. It adds, under /radio:
//   GET /radio/?token=…         the radio page (dist/renderer/radio/)
//   GET /radio/media/:id/:name  the session audio (Range requests; only files in the current plan)
//   WS  /radio/ws?token=…       cues to the page, clock-sync pongs, as-run reports back
// and runs the host side of the radio: the plan of upcoming session occurrences (probed for
// length and ReplayGain), the transmitter timers, and the as-run lines (target `radio`) written
// through ctx.proofOfPlay. `pages(base, token)` lists `radio <url>` for `bantin start`.
import type {} from '@fastify/websocket';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createHash, randomUUID } from 'node:crypto';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { parseFile } from 'music-metadata';
import type { AssetRef, SessionOccurrence, Station, Transmitter } from '../../core/model.js';
import {
  parseRadioToHost,
  RADIO_PROTOCOL,
  type HostToRadio,
  type RadioCueItem,
  type RadioCueSession,
  type RadioPlan,
  type RadioReport,
} from '../../core/messages/radio.js';
import type { HostContext, OnAirPart, PlayEvent } from '../context.js';
import { describeAction, realTimers, TransmitterScheduler, type SwitchRecord, type Timers } from './transmitter.js';

export interface RadioPartOptions {
  /** Directory holding the built page (index.html, main.js). Default: dist/renderer/radio. */
  pageDir?: string;
  /** How far ahead sessions are sent to the page and transmitter switches armed. Default 6 h. */
  horizonMs?: number;
  /** Re-plan at least this often. Default 60 s. */
  refreshMs?: number;
  /** Body fade-out before the close. Default 2000 ms. */
  fadeMs?: number;
  /** Ask pages to run the output level monitor (measured onsets in the as-run log). Default false. */
  monitor?: boolean;
  /** Transmitter switch timeout (per attempt). Default: 10 s command, 5 s HTTP. */
  switchTimeoutMs?: number;
  /** Log a session as not aired when no page reported anything this long after its end. Default 10 s. */
  unreportedGraceMs?: number;
}

export interface RadioPageLink {
  label: string;
  url: string;
}

export interface RadioOnAirPart extends OnAirPart {
  pages(baseUrl: string, token: string): RadioPageLink[];
  /** Number of radio pages connected now. */
  connections(): number;
  /** Re-plan now (tests; the part re-plans by itself on station change, clock jump and periodically). */
  refresh(): Promise<void>;
}

interface Probe {
  durationMs: number | null;
  gainDb: number | null;
  key: string;
}

const AUDIO_TYPES: Record<string, string> = {
  '.mp3': 'audio/mpeg', '.wav': 'audio/wav', '.ogg': 'audio/ogg', '.oga': 'audio/ogg', '.opus': 'audio/ogg',
  '.m4a': 'audio/mp4', '.aac': 'audio/aac', '.mp4': 'audio/mp4', '.flac': 'audio/flac', '.webm': 'audio/webm',
};
const PAGE_FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8', 'main.js': 'text/javascript; charset=utf-8',
  'main.js.map': 'application/json', 'style.css': 'text/css; charset=utf-8',
};

// blob: for the output monitor's AudioWorklet module (built in the page, no extra file).
const RADIO_CSP = [
  "default-src 'self'", "script-src 'self' blob:", "style-src 'self'", "media-src 'self' blob:",
  "connect-src 'self'", "img-src 'self' data:", "object-src 'none'", "base-uri 'none'", "form-action 'none'",
].join('; ');

export function defaultRadioPageDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // Compiled: dist/main/host/radio → dist/renderer/radio. From source (tsx): main/host/radio → dist/renderer/radio.
  const compiled = join(here, '..', '..', '..', 'renderer', 'radio');
  if (existsSync(join(compiled, 'main.js'))) return compiled;
  return join(here, '..', '..', '..', 'dist', 'renderer', 'radio');
}

export function sessionId(o: Pick<SessionOccurrence, 'start'> & { session: { file: string } }): string {
  return `${o.session.file}@${o.start}`;
}

function fmtErr(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms * 10) / 10;
}

export function radioPart(options: RadioPartOptions = {}): RadioOnAirPart {
  const horizonMs = options.horizonMs ?? 6 * 3600_000;
  const refreshMs = options.refreshMs ?? 60_000;
  const fadeMs = options.fadeMs ?? 2000;
  const graceMs = options.unreportedGraceMs ?? 10_000;
  const pageDir = options.pageDir ?? defaultRadioPageDir();

  let ctx: HostContext | null = null;
  let timers: Timers = realTimers;
  let refreshTimer: unknown = null;
  let unsubscribe: (() => void) | null = null;
  let stopped = false;
  let onAir = false;
  const sockets = new Set<WebSocket>();
  /** The page on air; the others stand by until it goes away. */
  let active: WebSocket | null = null;
  /** media id → absolute path, for the files in the current plan (and the one before it, so a
   *  body streaming with Range requests never sees its file vanish while a new plan is built). */
  let media = new Map<string, string>();
  let previousMedia = new Map<string, string>();
  let building = new Map<string, string>();
  const probes = new Map<string, Probe>();
  let plan: RadioPlan | null = null;
  let planOccurrences: SessionOccurrence[] = [];
  let scheduler: TransmitterScheduler | null = null;
  let schedulerConfig = '';
  /** Report ids already written (a page resends what was not acked). */
  const logged = new Set<string>();
  /** Sessions some page reported on; sessions already flagged as not reported. */
  const reported = new Set<string>();
  const flagged = new Set<string>();
  let refreshing: Promise<void> = Promise.resolve();

  const append = (e: Omit<PlayEvent, 'target'> & { ts: number }) => {
    ctx?.proofOfPlay.append({ ...e, target: 'radio' } as PlayEvent);
  };

  async function probe(abs: string): Promise<Probe | null> {
    try {
      const st = await stat(abs);
      const key = `${st.size}:${st.mtimeMs}`;
      const cached = probes.get(abs);
      if (cached && cached.key === key) return cached;
      let durationMs: number | null = null;
      let gainDb: number | null = null;
      try {
        const meta = await parseFile(abs, { duration: true, skipCovers: true });
        if (meta.format.duration && Number.isFinite(meta.format.duration)) durationMs = Math.round(meta.format.duration * 1000);
        const g = meta.common.replaygain_track_gain?.dB ?? meta.format.trackGain ?? null;
        if (typeof g === 'number' && Number.isFinite(g)) gainDb = g;
      } catch {
        // unreadable tags or format: the page finds out when it decodes it
      }
      const p = { durationMs, gainDb, key };
      probes.set(abs, p);
      return p;
    } catch {
      return null;
    }
  }

  async function cueItem(ref: AssetRef, stationDir: string): Promise<RadioCueItem> {
    if (ref.file === null) {
      return { src: ref.src, url: null, durationMs: null, gainDb: null, problem: 'missing file' };
    }
    const abs = join(stationDir, 'assets', ref.file);
    const p = await probe(abs);
    if (!p) return { src: ref.src, url: null, durationMs: null, gainDb: null, problem: 'missing file' };
    const id = createHash('sha1').update(abs).digest('hex').slice(0, 16);
    building.set(id, abs);
    return {
      src: ref.src,
      url: `/radio/media/${id}/${encodeURIComponent(basename(ref.file))}`,
      durationMs: ref.durationMs ?? p.durationMs,
      gainDb: p.gainDb,
      problem: null,
    };
  }

  async function cueSession(o: SessionOccurrence, stationDir: string): Promise<RadioCueSession> {
    const items = (refs: AssetRef[]) => Promise.all(refs.map((r) => cueItem(r, stationDir)));
    return {
      id: sessionId(o),
      playlist: o.session.file,
      name: o.session.name,
      start: o.start,
      end: o.end,
      openEnd: o.openEnd,
      closeStart: o.closeStart,
      open: await items(o.session.open),
      body: o.session.body === 'live' ? 'live' : await items(o.session.body),
      close: await items(o.session.close),
      fadeMs,
    };
  }

  function send(socket: WebSocket, msg: HostToRadio): void {
    if (socket.readyState === 1) socket.send(JSON.stringify(msg));
  }

  function sendPlan(socket: WebSocket, reason: RadioPlan['reason']): void {
    if (plan) send(socket, { ...plan, reason, active: socket === active });
  }

  /** Keep one page on air: the one already airing, else the latest to connect. */
  function electActive(c: HostContext): void {
    if (active && sockets.has(active)) return;
    const latest = [...sockets].pop() ?? null;
    active = latest;
    if (latest) {
      c.log.info('radio page on air / trang radio đang phát');
      sendPlan(latest, plan?.reason === 'clock-jump' ? 'clock-jump' : 'refresh');
    }
  }

  function armTransmitter(c: HostContext, station: Station, occ: SessionOccurrence[]): void {
    const tx: Transmitter | null = station.radio?.transmitter ?? null;
    const config = tx ? JSON.stringify(tx) : '';
    if (config !== schedulerConfig) {
      void scheduler?.stop({ switchOff: true, reason: 'transmitter settings changed' });
      scheduler = null;
      schedulerConfig = config;
      if (tx) {
        scheduler = new TransmitterScheduler({
          transmitter: tx,
          clock: c.clock,
          timers,
          switchOptions: { cwd: c.stationDir, ...(options.switchTimeoutMs ? { timeoutMs: options.switchTimeoutMs } : {}) },
          onResult: (r) => logSwitch(c, r),
        });
      }
    }
    if (!scheduler) return;
    scheduler.plan(occ
      .filter((o) => o.transmitterOn !== null && o.transmitterOff !== null)
      .map((o) => ({ on: o.transmitterOn!, off: o.transmitterOff!, sessions: [sessionId(o)] })));
  }

  function logSwitch(c: HostContext, r: SwitchRecord): void {
    const late = r.fired - r.scheduled;
    append({
      ts: r.fired,
      event: `transmitter-${r.which}`,
      ok: r.result.ok,
      scheduled: r.scheduled,
      actual: r.fired,
      lateMs: late,
      queuedMs: r.fired - r.due,
      backend: r.result.backend,
      action: r.result.target,
      attempts: r.result.attempts,
      durationMs: r.result.durationMs,
      code: r.result.code,
      error: r.result.error,
      sessions: r.sessions,
      ...(r.reason ? { reason: r.reason } : {}),
    });
    const fields = { which: r.which, lateMs: late, action: r.result.target, attempts: r.result.attempts, code: r.result.code, error: r.result.error };
    if (r.result.ok) c.log.info(fields, `transmitter ${r.which} / đã ${r.which === 'on' ? 'bật' : 'tắt'} máy phát`);
    else c.log.error(fields, `transmitter ${r.which} FAILED — audio continues / ${r.which === 'on' ? 'bật' : 'tắt'} máy phát THẤT BẠI — vẫn tiếp tục phát`);
  }

  async function doRefresh(reason: RadioPlan['reason']): Promise<void> {
    const c = ctx;
    // Nothing is planned (no transmitter armed) before the host is listening and holds the station.
    if (!c || stopped || !onAir) return;
    if (refreshTimer !== null) timers.clearTimeout(refreshTimer);
    refreshTimer = null;
    try {
      const { station, schedule } = c.current();
      const now = c.clock.now();
      const occ = station.radio ? schedule.sessionsBetween(now, now + horizonMs) : [];
      const live = occ.filter((o) => o.end > now);
      building = new Map();
      const sessions = await Promise.all(live.map((o) => cueSession(o, c.stationDir)));
      if (stopped) return;
      previousMedia = media;
      media = building;
      flagUnreported(c, now);
      planOccurrences = occ;
      plan = {
        type: 'plan', protocol: RADIO_PROTOCOL, station: station.name, output: station.radio?.output ?? 'default',
        reason, sessions, monitor: options.monitor ?? false,
      };
      for (const s of sockets) sendPlan(s, reason);
      armTransmitter(c, station, occ.filter((o) => (o.transmitterOff ?? o.end) > now));
    } catch (err) {
      c.log.error({ err }, 'radio: planning failed / radio: lập kế hoạch thất bại');
    } finally {
      if (!stopped) {
        // Wake up for the next session end too, to flag sessions no page aired.
        const now = c.clock.now();
        const nextEnd = planOccurrences.map((o) => o.end + graceMs).filter((t) => t > now).sort((a, b) => a - b)[0];
        const delay = Math.min(refreshMs, nextEnd !== undefined ? nextEnd - now + 50 : refreshMs);
        refreshTimer = timers.setTimeout(() => {
          refreshTimer = null;
          void refresh('refresh');
        }, Math.max(50, delay));
      }
    }
  }

  function refresh(reason: RadioPlan['reason']): Promise<void> {
    refreshing = refreshing.then(() => doRefresh(reason));
    return refreshing;
  }

  function flagUnreported(c: HostContext, now: number): void {
    for (const o of planOccurrences) {
      const id = sessionId(o);
      if (o.end + graceMs <= now && !reported.has(id) && !flagged.has(id)) {
        flagged.add(id);
        append({
          ts: now, event: 'session-missed', session: id, playlist: o.session.file, name: o.session.name,
          scheduledStart: o.start, scheduledEnd: o.end,
          reason: sockets.size === 0 ? 'no radio page connected' : 'radio page reported nothing',
        });
        c.log.error({ session: id }, 'radio session not aired: no page reported it / buổi phát thanh không được phát: trang radio không báo cáo');
      }
    }
  }

  function logReport(c: HostContext, r: RadioReport): void {
    reported.add(r.session);
    if (logged.has(r.id)) return;
    if (r.event === 'item-missed' || r.event === 'slot-missed') {
      // A page that took over (reload, standby page) cannot have missed what another one aired.
      const started = r.id.replace(/(item|slot)-missed$/, '$1-start');
      if (logged.has(started)) return;
    }
    logged.add(r.id);
    if (logged.size > 20_000) {
      const first = logged.values().next().value;
      if (first !== undefined) logged.delete(first);
    }
    const ts = r.event.endsWith('-end') ? (r.actualEnd ?? c.clock.now())
      : r.event.endsWith('-start') ? (r.actualStart ?? c.clock.now()) : c.clock.now();
    const e: Record<string, unknown> = {
      ts, event: r.event, session: r.session, playlist: r.playlist, slot: r.slot, index: r.index, src: r.src,
      scheduledStart: r.scheduledStart, scheduledEnd: r.scheduledEnd, actualStart: r.actualStart, actualEnd: r.actualEnd,
      startErrorMs: r.actualStart !== null && r.scheduledStart !== null ? fmtErr(r.actualStart - r.scheduledStart) : null,
      endErrorMs: r.actualEnd !== null && r.scheduledEnd !== null ? fmtErr(r.actualEnd - r.scheduledEnd) : null,
      reason: r.reason,
      receivedAt: c.clock.now(),
    };
    if (r.measuredStart !== undefined) e['measuredStart'] = r.measuredStart;
    if (r.measuredEnd !== undefined) e['measuredEnd'] = r.measuredEnd;
    append(e as PlayEvent);
    if (r.event === 'item-skip' || r.event === 'item-missed' || r.event === 'slot-missed') {
      c.log.warn({ session: r.session, slot: r.slot, index: r.index, src: r.src, reason: r.reason }, `radio ${r.event}`);
    }
  }

  /** Range requests, conditional GETs and streaming are @fastify/static's (`send`); we only pick
   *  the file and its type (radio media may carry extensions the mime table lacks). */
  function serveFile(reply: FastifyReply, abs: string, type: string): FastifyReply {
    reply.header('Content-Type', type).header('Cache-Control', 'no-cache');
    return reply.sendFile(basename(abs), dirname(abs), { cacheControl: false });
  }

  const part: RadioOnAirPart = {
    name: 'radio',

    pages(baseUrl: string, token: string): RadioPageLink[] {
      // A station without a radio has no radio page to open or print.
      if (ctx && !ctx.current().station.radio) return [];
      return [{ label: 'radio', url: `${baseUrl}/radio/?token=${encodeURIComponent(token)}` }];
    },

    connections: () => sockets.size,

    refresh: () => refresh('refresh'),

    async register(app: FastifyInstance, context: HostContext): Promise<void> {
      ctx = context;
      stopped = false;
      onAir = false;
      timers = (context as { timers?: Timers }).timers ?? realTimers;
      if (!app.hasDecorator('websocketServer')) {
        const ws = await import('@fastify/websocket');
        await app.register(ws.default);
      }
      if (!app.hasReplyDecorator('sendFile')) {
        const fastifyStatic = await import('@fastify/static');
        await app.register(fastifyStatic.default, { root: pageDir, serve: false });
      }
      const badToken = (req: FastifyRequest) => (req.query as Record<string, unknown>)['token'] !== context.token;

      app.get('/radio', (_req, reply) => reply.redirect('/radio/'));
      app.get('/radio/', (req, reply) => {
        if (badToken(req)) return reply.code(401).send({ error: 'bad token / sai mã truy cập' });
        reply.header('Content-Security-Policy', RADIO_CSP).header('X-Content-Type-Options', 'nosniff');
        return serveFile(reply, join(pageDir, 'index.html'), PAGE_FILES['index.html']!);
      });
      app.get('/radio/:file', (req, reply) => {
        const file = (req.params as Record<string, string>)['file'] ?? '';
        const type = PAGE_FILES[file];
        if (!type || file === 'index.html') return reply.code(404).send({ error: 'not found' });
        return serveFile(reply, join(pageDir, file), type);
      });
      app.get('/radio/media/:id/:name', (req, reply) => {
        const id = (req.params as Record<string, string>)['id'] ?? '';
        const abs = media.get(id) ?? previousMedia.get(id);
        if (!abs) return reply.code(404).send({ error: 'not in the radio plan' });
        return serveFile(reply, abs, AUDIO_TYPES[extname(abs).toLowerCase()] ?? 'application/octet-stream');
      });
      app.get('/radio/ws', {
        websocket: true,
        preValidation: async (req, reply) => {
          if (badToken(req)) return reply.code(401).send({ error: 'bad token' });
        },
      }, (socket) => {
        const log = context.log.child({ part: 'radio', conn: randomUUID().slice(0, 8) });
        let hello = false;
        socket.on('message', (data, isBinary) => {
          if (isBinary) return void socket.close(1003, 'text only');
          const parsed = parseRadioToHost(data.toString());
          if (!parsed.ok) {
            log.warn({ error: parsed.error }, 'invalid message from radio page ignored');
            return;
          }
          const m = parsed.value;
          switch (m.type) {
            case 'ping':
              send(socket, { type: 'pong', id: m.id, t0: m.t0, host: context.clock.now() });
              return;
            case 'hello':
              hello = true;
              sockets.add(socket);
              if (!active || !sockets.has(active)) active = socket;
              log.info({ page: m.page, onAir: active === socket }, active === socket
                ? 'radio page connected / trang radio đã kết nối'
                : 'another radio page connected: it stands by / thêm một trang radio: chờ dự phòng');
              if (plan) sendPlan(socket, 'hello');
              else void refresh('hello');
              return;
            case 'report': {
              if (!hello) return;
              for (const r of m.reports) logReport(context, r);
              send(socket, { type: 'ack', ids: m.reports.map((r) => r.id) });
              return;
            }
            case 'output':
              if (m.ok) {
                log.info({ requested: m.requested, used: m.used }, 'radio output device / thiết bị phát âm thanh');
              } else {
                append({ ts: context.clock.now(), event: 'output-fallback', requested: m.requested, used: m.used, reason: m.reason });
                log.error({ requested: m.requested, used: m.used, reason: m.reason },
                  `radio output "${m.requested}" not available, playing on the default device / không có thiết bị "${m.requested}", phát ra thiết bị mặc định`);
              }
              return;
            case 'sync':
              log.debug({ offsetMs: m.offsetMs, rttMs: m.rttMs, samples: m.samples }, 'radio page clock sync');
              return;
            case 'log':
              log[m.level]({ from: 'radio page' }, m.message);
              return;
          }
        });
        const gone = () => {
          if (!sockets.delete(socket)) return;
          if (active === socket) {
            active = null;
            electActive(context);
          }
        };
        socket.on('close', () => {
          if (hello) log.info('radio page disconnected / trang radio đã ngắt kết nối');
          gone();
        });
        socket.on('error', gone);
      });

      unsubscribe = context.onChange((why) => void refresh(why === 'clock-jump' ? 'clock-jump' : 'station'));
      const tx = context.current().station.radio?.transmitter;
      if (tx) context.log.info({ on: describeAction(tx.on), off: describeAction(tx.off), leadMs: tx.leadMs, tailMs: tx.tailMs }, 'radio transmitter control');
    },

    async start(): Promise<void> {
      onAir = true;
      await refresh('refresh');
    },

    async stop(): Promise<void> {
      stopped = true;
      unsubscribe?.();
      unsubscribe = null;
      if (refreshTimer !== null) timers.clearTimeout(refreshTimer);
      refreshTimer = null;
      await refreshing.catch(() => undefined);
      for (const s of sockets) s.close(1001, 'host stopping');
      sockets.clear();
      active = null;
      await scheduler?.stop({ switchOff: true, reason: 'host stopping' });
    },
  };
  return part;
}
