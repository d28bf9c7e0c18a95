// The radio's on-air part, registered by the host like every part: the radio page
// (GET /radio/?token=…), its socket (WS /radio/ws?token=…: plans to the page, clock-sync pongs,
// proof-of-play reports back), the conductor (plan, transmitter, unreported sessions) and the
// proof-of-play lines (target `radio`). The session audio comes from the host's one media route.
// A station without `radio:` airs nothing and lists no page; a hot reload that adds one brings it.
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { PageLink } from '../../../core/contract/pages.js';
import { parseRadioToHost, type RadioReport, type RadioToHost } from '../../../core/contract/radio.js';
import type { HostContext, OnAirPart } from '../../context.js';
import { describeAction } from './transmitter.js';
import { defaultPageDir, registerPage } from '../page.js';
import { registerSocket } from '../socket.js';
import { RadioConductor, type OnDemandSpot, type SpotResult } from './conductor.js';
import { radioBulletinLine, radioPlayLine } from './proof-of-play.js';
import { registerSpeech, speechCacheDir } from './bulletins.js';

export interface RadioPartOptions {
  /** Directory holding the built page (index.html, main.js). Default: dist/renderer/radio. */
  pageDir?: string;
  /** How far ahead sessions are sent to the page and transmitter switches armed. Default 6 h. */
  horizonMs?: number;
  /** Re-plan at least this often. Default 60 s. */
  refreshMs?: number;
  /** Body fade-out before the close. Default 2000 ms. */
  fadeMs?: number;
  /** Ask pages to run the output level monitor (measured onsets in the proof of play). Default false. */
  monitor?: boolean;
  /** Transmitter switch timeout (per attempt). Default: 10 s command, 5 s HTTP. */
  switchTimeoutMs?: number;
  /** Log a session as not aired when no page reported anything this long after its end. Default 10 s. */
  unreportedGraceMs?: number;
  /** Where bulletins' speech is cached. Default: the media cache's folder (see bulletins.ts). */
  speechDir?: string;
  /** Measure each radio file's loudness in the background and air it at `radio.loudness`.
   *  Default true (false: ReplayGain tags only, for tests of them). */
  measureLoudness?: boolean;
}

export interface RadioPart extends OnAirPart {
  pages(baseUrl: string, token: string): PageLink[];
  /** Number of radio pages connected now. */
  connections(): number;
  /** Re-plan now (tests; the part re-plans by itself on station change, clock jump and periodically). */
  refresh(): Promise<void>;
  /** The transmitter as last switched, the item the page last said it started, and the last
   *  dead air it reported (the console). */
  onAir(): { transmitter: 'on' | 'off'; item: RadioReport | null; deadAir: RadioReport | null };
  /** Set the radio's volume (0 … 1): the pages now, and every page that says hello later. */
  setVolume(volume: number): void;
  /** The operator's transmitter test: on now, off after `holdMs` (conductor.ts says when it is refused). */
  testTransmitter(holdMs: number): ReturnType<RadioConductor['testTransmitter']>;
  /** The operator's on-demand spot (`file` under assets/): aired a few seconds from now as a
   *  one-item session of the plan (conductor.ts says when it is refused). */
  airSpot(ref: { src: string; file: string }): Promise<SpotResult>;
  /** The on-demand spot pending or on air, or null. */
  onDemandSpot(): OnDemandSpot | null;
}

// blob: for the output monitor's AudioWorklet module (built in the page, no extra file).
const RADIO_CSP = [
  "default-src 'self'", "script-src 'self' blob:", "style-src 'self'", "media-src 'self' blob:",
  "connect-src 'self'", "img-src 'self' data:", "object-src 'none'", "base-uri 'none'", "form-action 'none'",
].join('; ');

export function createRadioPart(options: RadioPartOptions = {}): RadioPart {
  let ctx: HostContext | null = null;
  let conductor: RadioConductor | null = null;
  let unsubscribe: (() => void) | null = null;
  let lastItem: RadioReport | null = null;
  let lastDeadAir: RadioReport | null = null;
  let volume = 1;

  return {
    name: 'radio',

    onAir: () => ({ transmitter: conductor?.transmitter() ?? 'off', item: lastItem, deadAir: lastDeadAir }),

    pages(baseUrl: string, token: string): PageLink[] {
      // A station without a radio has no radio page to open or print.
      if (ctx && !ctx.current().station.radio) return [];
      return [{ kind: 'radio', id: 'radio', url: `${baseUrl}/radio/?token=${encodeURIComponent(token)}` }];
    },

    connections: () => conductor?.connections() ?? 0,

    setVolume(v) {
      volume = v;
      conductor?.sendAll({ type: 'volume', volume: v });
    },

    refresh: () => conductor?.refresh('refresh') ?? Promise.resolve(),
    testTransmitter: (holdMs) => conductor?.testTransmitter(holdMs) ?? { ok: false, why: 'no-transmitter' },
    airSpot: (ref) => conductor?.airSpot(ref) ?? Promise.resolve({ ok: false, why: 'no-page' }),
    onDemandSpot: () => conductor?.onDemandSpot() ?? null,

    async register(app: FastifyInstance, context: HostContext): Promise<void> {
      ctx = context;
      const radio = new RadioConductor(context, {
        horizonMs: options.horizonMs ?? 6 * 3600_000,
        refreshMs: options.refreshMs ?? 60_000,
        fadeMs: options.fadeMs ?? 2000,
        graceMs: options.unreportedGraceMs ?? 10_000,
        monitor: options.monitor ?? false,
        speechDir: options.speechDir ?? speechCacheDir(),
        measure: options.measureLoudness ?? true,
        ...(options.switchTimeoutMs ? { switchTimeoutMs: options.switchTimeoutMs } : {}),
      });
      conductor = radio;
      registerSpeech(app, context, options.speechDir ?? speechCacheDir());
      registerPage(app, context, { name: 'radio', dir: options.pageDir ?? defaultPageDir('radio'), csp: RADIO_CSP });
      registerSocket<RadioToHost>(app, context, {
        name: 'radio',
        parse: parseRadioToHost,
        log: () => context.log.child({ part: 'radio', conn: randomUUID().slice(0, 8) }),
        connect(socket, _req, log) {
          let hello = false;
          return {
            onMessage(m) {
              switch (m.type) {
                case 'ping':
                  radio.send(socket, { type: 'pong', id: m.id, t0: m.t0, host: context.clock.now() });
                  return;
                case 'hello': {
                  hello = true;
                  radio.send(socket, { type: 'volume', volume });
                  const onAir = radio.add(socket);
                  log.info({ page: m.page, onAir }, onAir
                    ? 'radio page connected / trang radio đã kết nối'
                    : 'another radio page connected: it stands by / thêm một trang radio: chờ dự phòng');
                  return;
                }
                case 'report':
                  if (!hello) return;
                  for (const r of m.reports) {
                    if (!radio.reports.accept(r)) continue;
                    context.proofOfPlay.append(radioPlayLine(r, context.clock.now()));
                    if (r.event === 'item-start') lastItem = r;
                    if (r.event === 'dead-air') {
                      lastDeadAir = r;
                      log.error({ session: r.session, slot: r.slot, index: r.index, src: r.src, reason: r.reason },
                        'radio dead air: silent on air, item skipped / mất tín hiệu trên sóng: im lặng, bỏ qua mục này');
                    }
                    if (r.event === 'item-skip' || r.event === 'item-missed' || r.event === 'slot-missed') {
                      log.warn({ session: r.session, slot: r.slot, index: r.index, src: r.src, reason: r.reason }, `radio ${r.event}`);
                    }
                  }
                  radio.send(socket, { type: 'ack', ids: m.reports.map((r) => r.id) });
                  return;
                case 'bulletin':
                  if (!hello) return;
                  for (const r of m.reports) {
                    if (!radio.reports.acceptBulletin(r.id)) continue;
                    context.proofOfPlay.append(radioBulletinLine(r, context.clock.now()));
                    if (r.event === 'bulletin-aired' || r.event === 'bulletin-repeated') radio.bulletinAired(r);
                    const fields = { bulletin: r.bulletin, level: r.level, session: r.session, reason: r.reason };
                    if (r.event === 'bulletin-failed') log.error(fields, `radio ${r.event} / bản tin không phát được`);
                    else log.info(fields, `radio ${r.event} / bản tin trên đài`);
                  }
                  radio.send(socket, { type: 'ack', ids: m.reports.map((r) => r.id) });
                  return;
                case 'output':
                  if (m.ok) {
                    log.info({ requested: m.requested, used: m.used }, 'radio output device / thiết bị phát âm thanh');
                    return;
                  }
                  context.proofOfPlay.append({
                    ts: context.clock.now(), target: 'radio', event: 'output-fallback', requested: m.requested, used: m.used, reason: m.reason,
                  });
                  log.error({ requested: m.requested, used: m.used, reason: m.reason },
                    `radio output "${m.requested}" not available, playing on the default device / không có thiết bị "${m.requested}", phát ra thiết bị mặc định`);
                  return;
                case 'sync':
                  log.debug({ offsetMs: m.offsetMs, rttMs: m.rttMs, samples: m.samples }, 'radio page clock sync');
                  return;
                case 'log':
                  log[m.level]({ from: 'radio page' }, m.message);
                  return;
              }
            },
            onClose() {
              if (hello) log.info('radio page disconnected / trang radio đã ngắt kết nối');
              radio.remove(socket);
            },
          };
        },
      });

      unsubscribe = context.onChange((why) => void radio.refresh(why === 'clock-jump' ? 'clock-jump' : 'station'));
      const tx = context.current().station.radio?.transmitter;
      if (tx) context.log.info({ on: describeAction(tx.on), off: describeAction(tx.off), leadMs: tx.leadMs, tailMs: tx.tailMs }, 'radio transmitter control');
    },

    async start(): Promise<void> {
      await conductor?.start();
    },

    async stop(): Promise<void> {
      unsubscribe?.();
      unsubscribe = null;
      await conductor?.stop();
    },
  };
}
