// The host: one HTTP server on 127.0.0.1 (0.0.0.0 with `lan: true`) around the last good station,
// the proof of play, the clock and timers. It serves the one media route (media.ts) and registers
// the on-air parts (parts/screens, parts/radio), each with its page, socket and conductor; all of
// it behind the per-start token — and the console (parts/console: its page and /api/, behind its
// own login).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { PageLink } from '../core/contract/pages.js';
import type { Clock, Timers } from '../core/clock.js';
import { DEFAULT_KEEP_DAYS } from '../core/model.js';
import type { HostContext, OnAirPart, OnAirState } from './context.js';
import { cacheDir, dataDir as defaultDataDir, logsDir } from './data-dir.js';
import { createHealth, describeWriteError, type HealthArea, type HostHealth } from './health.js';
import type { LineFileState } from './line-file.js';
import { startHousekeeping, type HousekeepingOptions } from './housekeeping.js';
import { createLogger, type HostLogger } from './logger.js';
import { MEDIA_FACTS_FILE } from './media-probe.js';
import { registerMedia } from './media.js';
import { createConsolePart } from './parts/console/part.js';
import { createRadioPart, type RadioPart } from './parts/radio/part.js';
import { createScreensPart, type ScreensPart, type ScreensPartOptions } from './parts/screens/part.js';
import { openProofOfPlay, type ProofOfPlayWriter } from './proof-of-play.js';
import { compileSchedule } from '../core/schedule.js';
import { loadStation } from './station-loader.js';
import { lockPlayer } from './station-lock.js';
import { every, realTimers } from './timers.js';
import {
  emptySchedule,
  fallbackStation,
  type CompileSchedule,
  type LoadStation,
} from './station-source.js';
import { shouldPoll, StationKeeper, watchStation, type ReloadResult, type StationWatcher } from './station-watcher.js';

export interface StartHostOptions {
  stationDir: string;
  /** 0 (default): any free port. */
  port?: number;
  /** Bind address; default 127.0.0.1, or 0.0.0.0 when the station says `lan: true`. */
  host?: string;
  clock?: Clock;
  timers?: Timers;
  /** User-data dir (proof of play, host log); default BANTIN_DATA_DIR / XDG. */
  dataDir?: string;
  /** A logger to use instead of console + file. */
  log?: Logger;
  /** Watch the station dir for changes (default true). */
  watch?: boolean;
  /** Poll the station dir instead of inotify (default: auto, see shouldPoll). */
  polling?: boolean;
  /** Station loader and planner (default: station-loader.ts and core/schedule.ts). */
  load?: LoadStation;
  compile?: CompileSchedule;
  /** Extra on-air parts (the screens and radio parts are always there). */
  parts?: OnAirPart[];
  screens?: ScreensPartOptions;
  /** Built pages (default dist/renderer). */
  rendererDir?: string;
  /** Wall-clock jump that triggers a re-plan (default 2 s). */
  clockJumpMs?: number;
  /** Fixed token (tests); default random per start. */
  token?: string;
  /** Resolve only once the watcher has scanned the station (default false: serve at once). */
  waitForWatcher?: boolean;
  /** Hold the station and data dir locks (default true): one player per station. */
  lock?: boolean;
  /** Stop starting: what was done is undone (transmitter off, lock released) and startHost
   *  rejects with StartAborted. */
  signal?: AbortSignal;
  /** Proof of play: retry interval while the disk refuses lines (default 5 s). */
  proofOfPlayRetryMs?: number;
  /** The disk guard (housekeeping.ts): free space below which caches give way (default 1 GiB),
   *  and how free space is read (tests). */
  housekeeping?: Pick<HousekeepingOptions, 'minFreeBytes' | 'diskSpace'>;
}

/** startHost was asked to stop (options.signal) before it was on air. */
export class StartAborted extends Error {
  constructor() {
    super('stopped during start-up');
  }
}

export interface Host {
  /** `http://127.0.0.1:<port>` */
  url: string;
  token: string;
  ctx: HostContext;
  /** What the host cannot do right now while it plays (also ctx.health). */
  health: HostHealth;
  /** Every page of every part, e.g. `{kind: 'screen', id: 'main', url}`. */
  pages(): PageLink[];
  /** Every route the server has (method, URL pattern): what the security tests go through. */
  routes(): { method: string; url: string }[];
  /** The screen pages' connections and heartbeats (the kiosk windows' watch listens). */
  onScreenSignal: ScreensPart['onSignal'];
  /** Reload the station now (what the watcher does on a change). */
  reload(): Promise<ReloadResult>;
  /** Change station files on purpose (the console's file routes): see StationKeeper.deliberately. */
  deliberately(change: () => Promise<void>): Promise<ReloadResult>;
  /** Resolves when the station watcher is watching (at once when not watching). */
  watching: Promise<void>;
  close(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));

/** dist/renderer, whether we run from dist/main/host or from sources via tsx. */
export function findRendererDir(): string {
  for (const c of [join(here, '..', '..', 'renderer'), join(here, '..', '..', 'dist', 'renderer')]) {
    if (existsSync(join(c, 'screen', 'main.js'))) return c;
  }
  return join(here, '..', '..', 'dist', 'renderer');
}

const loadHttpModules = () => Promise.all([import('fastify'), import('@fastify/static'), import('@fastify/websocket')]);

async function unwindAll(undo: (() => Promise<unknown> | unknown)[], log: Logger): Promise<void> {
  for (const u of undo.splice(0).reverse()) {
    try {
      await u();
    } catch (err) {
      log.error({ err }, 'stopping: a step failed / lỗi khi dừng');
    }
  }
}

export async function startHost(options: StartHostOptions): Promise<Host> {
  // The HTTP stack loads while the station is read (start-up time is first-frame time).
  const httpModules = loadHttpModules();
  const stationDir = resolve(options.stationDir);
  const clock: Clock = options.clock ?? { now: () => Date.now() };
  const timers = options.timers ?? realTimers;
  const data = options.dataDir ?? defaultDataDir();
  const logs = logsDir(data);
  const health = createHealth({ now: () => clock.now() });
  const storageState = (area: HealthArea, what: { en: string; vi: string }) => (state: LineFileState) => {
    if (state.error === null) {
      health.clear(area, { message: `${what.en}: written again`, messageVi: `${what.vi}: đã ghi lại được` });
      return;
    }
    const why = describeWriteError(state.error);
    const lost = state.dropped ? `; ${state.dropped} oldest lines given up on` : '';
    const lostVi = state.dropped ? `; đã bỏ ${state.dropped} dòng cũ nhất` : '';
    health.report({
      area, code: why.code, path: state.path, pending: state.pending, dropped: state.dropped,
      message: `cannot write the ${what.en} (${why.en}): ${state.path ?? ''}; playing goes on, ${state.pending} line(s) wait in memory and are written when it can${lost}`,
      messageVi: `không ghi được ${what.vi} (${why.vi}): ${state.path ?? ''}; vẫn tiếp tục phát, ${state.pending} dòng đang chờ trong bộ nhớ và sẽ được ghi khi ghi được${lostVi}`,
    });
  };
  const hostLogger: HostLogger | null = options.log
    ? null
    : createLogger({ logsDir: logs, onFileState: storageState('host-log', { en: 'host log', vi: 'nhật ký máy chủ' }) });
  const log = options.log ?? hostLogger!.log;
  const token = options.token ?? randomBytes(18).toString('base64url');
  const rendererDir = options.rendererDir ?? findRendererDir();

  // Everything start-up does is undone in reverse order — by close(), or at once when a step
  // fails or a stop is asked for — so a start that fails leaves nothing switched on or locked.
  const undo: (() => Promise<unknown> | unknown)[] = [];
  const unwind = () => unwindAll(undo, log);
  const checkStop = () => {
    if (options.signal?.aborted) throw new StartAborted();
  };
  undo.push(() => hostLogger?.close());

  try {
    checkStop();
    if (options.lock !== false) {
      const lock = await lockPlayer({ station: stationDir, data }, {
        onCompromised: (err) => {
          log.error({ err }, 'station lock lost: another player may start on this station / mất khóa trạm: một trình phát khác có thể chạy trên trạm này');
          health.report({ area: 'station-lock', code: null, path: null, message: `station lock lost: ${err.message}`, messageVi: `mất khóa trạm: ${err.message}` });
        },
      });
      undo.push(() => lock.release());
      for (const s of lock.skipped) {
        health.report({
          area: 'station-lock', code: null, path: s.path,
          message: `cannot make the ${s.kind} lock (${s.error}): playing without it; make sure no other player runs on this station`,
          messageVi: `không tạo được khóa ${s.kind === 'station' ? 'trạm' : 'thư mục dữ liệu'} (${s.error}): vẫn phát, không có khóa; hãy chắc rằng không có trình phát nào khác chạy trên trạm này`,
        });
      }
      checkStop();
    }
    return await goOnAir(options, {
      stationDir, clock, timers, data, logs, health, log, token, rendererDir, httpModules, undo, checkStop,
      proofOfPlayState: storageState('proof-of-play', { en: 'proof of play', vi: 'nhật ký phát (proof of play)' }),
    });
  } catch (err) {
    await unwind();
    hostLogger?.flush();
    throw err;
  }
}

/** What startHost has set up before it goes on air (the lock is held by now). */
interface StartBase {
  stationDir: string;
  clock: Clock;
  timers: Timers;
  data: string;
  logs: string;
  health: HostHealth;
  log: Logger;
  token: string;
  rendererDir: string;
  httpModules: ReturnType<typeof loadHttpModules>;
  /** Undo steps, run in reverse by close() or when start-up fails. */
  undo: (() => Promise<unknown> | unknown)[];
  /** Throws StartAborted when a stop was asked for. */
  checkStop(): void;
  proofOfPlayState(state: LineFileState): void;
}

async function goOnAir(options: StartHostOptions, base: StartBase): Promise<Host> {
  const { stationDir, clock, timers, data, logs, health, log, token, rendererDir, httpModules, undo, checkStop } = base;
  const unwind = () => unwindAll(undo, log);
  const listeners = new Set<(why: 'station' | 'clock-jump') => void>();
  const notify = (why: 'station' | 'clock-jump') => {
    for (const l of listeners) {
      try {
        l(why);
      } catch (err) {
        log.error({ err }, 'on-air part failed to follow a change');
      }
    }
  };

  const filesListeners = new Set<() => void>();
  const filesChanged = () => {
    for (const l of filesListeners) {
      try {
        l();
      } catch (err) {
        log.error({ err }, 'on-air part failed to follow a change of files');
      }
    }
  };

  let fallback: OnAirState | null = null;
  const keeper = new StationKeeper({
    dir: stationDir,
    load: options.load ?? loadStation,
    compile: options.compile ?? compileSchedule,
    clock,
    log,
    timers,
    onAir: () => notify('station'),
  });
  const current = (): OnAirState => {
    const s = keeper.current();
    if (s) return s;
    fallback ??= { station: fallbackStation(), schedule: emptySchedule() };
    return fallback;
  };
  const writer: ProofOfPlayWriter = openProofOfPlay(logs, () => current().station.timezone, {
    timers,
    ...(options.proofOfPlayRetryMs ? { retryMs: options.proofOfPlayRetryMs } : {}),
    onState: base.proofOfPlayState,
  });
  undo.push(() => {
    const lost = writer.close();
    if (lost > 0) {
      const { path, error } = writer.state();
      const why = describeWriteError(error);
      process.stderr.write(`bantin: ${lost} dòng nhật ký phát chưa ghi được và bị mất khi dừng (${why.vi}): ${path ?? logs}`
        + ` / ${lost} proof-of-play lines could not be written and are lost at exit (${why.en}): ${path ?? logs}\n`);
    }
  });

  const ctx: HostContext = {
    stationDir,
    token,
    clock,
    log,
    timers,
    proofOfPlay: writer,
    health,
    current,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onFilesChanged(listener) {
      filesListeners.add(listener);
      return () => filesListeners.delete(listener);
    },
  };

  await keeper.reload();
  checkStop();
  const initial = current();
  // Old proof of play out (keepDays), caches out when the disk runs low; once the station is read (its
  // keepDays), then on the timers.
  const cache = cacheDir();
  const housekeeping = startHousekeeping({
    logsDir: logs,
    caches: [join(data, 'thumbnails'), ...(cache ? [join(cache, 'thumbnails'), join(cache, 'speech'), join(cache, MEDIA_FACTS_FILE)] : [])],
    keepDays: () => current().station.keepDays ?? DEFAULT_KEEP_DAYS,
    timezone: () => current().station.timezone,
    clock, timers, log, ...options.housekeeping,
  });
  undo.push(() => housekeeping.stop());


  const [{ default: Fastify }, { default: fastifyStatic }, { default: fastifyWebsocket }] = await httpModules;
  const app = Fastify({ logger: false, routerOptions: { maxParamLength: 2048 } });
  const screens = createScreensPart({ pageDir: join(rendererDir, 'screen'), ...options.screens });
  const parts: OnAirPart[] = [screens, ...(options.parts ?? [])];
  // The radio part is always there: it airs nothing and lists no page while the station has no
  // radio, and follows a hot reload that adds one.
  if (!parts.some((p) => p.name === 'radio')) parts.push(createRadioPart({ pageDir: join(rendererDir, 'radio') }));
  if (!parts.some((p) => p.name === 'console')) {
    parts.push(createConsolePart({
      dataDir: data, deliberately: (change) => keeper.deliberately(change),
      screens: () => screens, radio: () => (parts.find((p) => p.name === 'radio') as RadioPart | undefined) ?? null,
    }));
  }
  undo.push(async () => {
    // The parts switch off what they switched on (the transmitter) before the server closes.
    for (const p of parts) {
      try {
        await p.stop();
      } catch (err) {
        log.error({ err, part: p.name }, 'part failed to stop');
      }
    }
    await app.close();
  });

  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url });
  });
  await app.register(fastifyWebsocket, { options: { maxPayload: 65536 } });
  // Range requests, conditional GETs and streaming are @fastify/static's; the routes are ours.
  await app.register(fastifyStatic, { root: rendererDir, serve: false });
  registerMedia(app, ctx);

  for (const part of parts) await part.register(app, ctx);
  checkStop();

  const bind = options.host ?? (initial.station.lan ? '0.0.0.0' : '127.0.0.1');
  await app.listen({ port: options.port ?? 0, host: bind });
  checkStop();
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : options.port ?? 0;
  const url = `http://127.0.0.1:${port}`;
  log.info({ url, bind, station: initial.station.name, data }, 'host listening');

  // On air only now: listening, and the station is ours.
  for (const part of parts) {
    await part.start?.();
    checkStop();
  }

  // Hot reload.
  let watcher: StationWatcher | null = null;
  let closed = false;
  const watching =
    options.watch === false
      ? Promise.resolve()
      : shouldPoll(stationDir).then(async (auto) => {
          if (closed) return;
          const polling = options.polling ?? auto;
          // After the reload: a new program, if any, goes before the word that files changed.
          watcher = watchStation(stationDir, () => void keeper.reload().finally(filesChanged), {
            polling, log, timers, appeared: () => void keeper.reload({ speculative: true }),
          });
          await watcher.ready;
          log.debug({ polling }, 'watching the station');
        });
  undo.push(async () => {
    closed = true;
    await watching.catch(() => undefined);
    await (watcher as StationWatcher | null)?.close();
  });
  if (options.waitForWatcher) await watching;

  // Wall-clock jumps (NTP step, manual change, resume): re-plan.
  const jumpMs = options.clockJumpMs ?? 2000;
  let offset = clock.now() - performance.now();
  // The monotonic clock is the reference: it never jumps.
  const stopJumpWatch = every(timers, 1000, () => {
    const o = clock.now() - performance.now();
    if (Math.abs(o - offset) > jumpMs) {
      log.warn({ jumpMs: Math.round(o - offset) }, 'wall clock jumped; re-planning');
      notify('clock-jump');
    }
    offset = o;
  });
  undo.push(stopJumpWatch);

  let closing: Promise<void> | null = null;
  return {
    url,
    token,
    ctx,
    health,
    pages: () => parts.flatMap((p) => p.pages?.(url, token) ?? []),
    routes: () => [...routes],
    onScreenSignal: (listener) => screens.onSignal(listener),
    reload: () => keeper.reload(),
    deliberately: (change) => keeper.deliberately(change),
    watching,
    close() {
      closing ??= (async () => {
        // The logger closes last (first pushed): "host stopped" still reaches it.
        const closeLogger = undo.shift();
        await unwind();
        log.info('host stopped');
        await closeLogger?.();
      })();
      return closing;
    },
  };
}
