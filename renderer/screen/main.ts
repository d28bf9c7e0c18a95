// The screen page: plays what the host's conductor sends, gap-free (player.ts), on layers of the
// page's stage (layer.ts, kinds/), switching segments at their boundary instants (program.ts).
// This file only wires them to the host link, the host clock and the page's knobs.
import { parseHostToScreen, type PlayMessage, type ProgramMessage } from '../../main/core/contract/screen.js';
import { HostClock } from '../common/host-clock.js';
import { HostLink } from '../common/host-link.js';
import { browserTimers } from '../common/timers.js';
import { BulletinScreen } from './bulletin.js';
import { BulletinView } from './bulletin-view.js';
import { KEPT_RECHECK_MS, KeptFiles } from './kinds/kept.js';
import type { KindEnv } from './kinds/kind.js';
import { PAGE_MAX_AGE_MS } from './kinds/web.js';
import { DomLayer } from './layer.js';
import { ScreenPlayer } from './player.js';
import { Program } from './program.js';
import { applyRegion } from './region.js';
import { isKioskBlockedKey } from '../../main/core/kiosk-keys.js';
import { Slate } from './slate.js';
import type { EmergencyView, Stage } from './stage.js';
import { drawThumbnail, sizeOf, type ThumbnailSource } from './thumbnail.js';

const params = new URLSearchParams(location.search);
const screenId = params.get('screen') ?? 'main';
const token = params.get('token') ?? '';
const knob = (name: string, dflt: number) => Number(params.get(name) ?? String(dflt)) || dflt;
/** Bench/test knob: video playback rate. */
const rate = knob('rate', 1);
/** How long a file may take to become ready before it is skipped. */
const loadTimeoutMs = knob('loadTimeout', 8000);
/** Bench knob: `thumbnails=off` sends no console thumbnail (the soak tells its memory apart). */
const thumbnailsOn = params.get('thumbnails') !== 'off';
/** The thumbnail asked for a second after an item starts (one at a time), and one being drawn. */
let thumbnailSoon: ReturnType<typeof setTimeout> | null = null;
let drawing = false;

const stageEl = document.getElementById('stage')!;
const clock = new HostClock();
const slate = new Slate(document.getElementById('slate')!, () => clock.hostNow());

const link = new HostLink({
  path: `/screen/ws?screen=${encodeURIComponent(screenId)}&token=${encodeURIComponent(token)}`,
  now: clock.localNow,
  // Play events and log lines sent while the host is away go when it is back.
  queueLimit: 1000,
  onText: (text, at) => {
    const parsed = parseHostToScreen(text);
    if (!parsed.ok) {
      log('warn', `ignored a bad program: ${parsed.error}`);
      return;
    }
    if (parsed.value.type === 'skip') {
      log('info', player.skip() ? 'skipped to the next item (operator) / chuyển mục tiếp theo (người vận hành)' : 'skip asked with nothing to skip');
      return;
    }
    if (parsed.value.type === 'volume') return void setVolume(parsed.value.volume);
    if (parsed.value.type === 'files') {
      kept.pages.recheck();
      kept.stills.recheck();
      return;
    }
    const p = parsed.value;
    // The host sends a program as soon as a connection opens: the first one on a connection
    // brackets the host's stamp (a min-RTT sample); later ones only reveal a stepped host clock.
    if (at.first) clock.add({ t0: at.openedAt, t1: at.receivedAt, host: p.now });
    else clock.addOneWay(p.now, at.receivedAt);
    slate.station(p.station.name, p.station.timezone);
    stationName = p.station.name;
    stationZone = p.station.timezone;
    document.title = `${p.station.name} — ${p.screen.id}`;
    const rotation = `rot${p.screen.rotate}`;
    const area = JSON.stringify(p.screen.region ?? null);
    if (stageEl.className !== rotation || area !== shownArea) {
      stageEl.className = rotation;
      region = p.screen.region;
      shownArea = area;
      applyRegion(document.documentElement, region);
      for (const r of redraws) r();
    }
    // Bulletins first: an emergency on air holds the player before the segment would start.
    bulletins.apply(p.bulletins, p.station.timezone);
    program.apply(p);
  },
});

function log(level: 'info' | 'warn' | 'error', message: string) {
  link.send({ type: 'log', level, message: message.slice(0, 4000) });
}

const bulletinView = new BulletinView(stageEl);
const redraws = new Set<() => void>([() => bulletinView.redraw()]);
/** The LED region this screen is fitted to (station.yaml), as last applied. */
let region: ProgramMessage['screen']['region'];
let shownArea = 'null';
window.addEventListener('resize', () => {
  applyRegion(document.documentElement, region);
  for (const r of redraws) r();
});
const now = () => performance.now();
// Pages and stills kept between plays of the same file (kinds/kept.ts): at most 4 pages, and
// 96 MB of pictures (a dozen full-HD posters); freed when not played for a while and when the
// screen goes dark; checked again when the host says the station's files changed.
const kept: KindEnv['kept'] = {
  pages: new KeptFiles<HTMLIFrameElement>({
    budget: 4, cost: () => 1, maxIdleMs: PAGE_MAX_AGE_MS, maxAgeMs: PAGE_MAX_AGE_MS, recheckMs: KEPT_RECHECK_MS, now,
    free: (f) => {
      f.removeAttribute('src');
      f.remove();
    },
  }),
  stills: new KeptFiles<ImageBitmap>({
    budget: 96 * 2 ** 20, cost: (b) => b.width * b.height * 4, maxIdleMs: 30 * 60_000, maxAgeMs: Infinity, recheckMs: KEPT_RECHECK_MS, now,
    free: (b) => b.close(),
  }),
};
const env: KindEnv = { stage: stageEl, rate, redraws, kept, now };
/** The screen's volume (per-machine setting, told by the host): every video, now and later. */
let volume = 1;
function setVolume(v: number) {
  volume = v;
  for (const el of stageEl.querySelectorAll('video')) el.volume = v;
}
let emergencyOn: EmergencyView | null = null;
const stage: Stage = {
  makeLayer: (item) => {
    kept.pages.sweep();
    kept.stills.sweep();
    const layer = new DomLayer(item, env, loadTimeoutMs);
    if (layer.drawable instanceof HTMLVideoElement) layer.drawable.volume = volume;
    return layer;
  },
  nextFrame: (fn) => requestAnimationFrame(() => fn()),
  setSlate: (visible) => {
    slate.show(visible);
    if (visible) {
      kept.pages.clear();
      kept.stills.clear();
    }
  },
  showEmergency: (view) => {
    emergencyOn = view;
    bulletinView.showEmergency(view);
  },
  showBand: (texts) => bulletinView.showBand(texts),
  layerCount: () => stageEl.querySelectorAll('.layer:not(.kept)').length,
};

const player: ScreenPlayer = new ScreenPlayer({
  stage,
  timers: browserTimers,
  now,
  report: (event, seg, item, reason) => {
    const m: PlayMessage = {
      type: 'play',
      event,
      segment: seg.key,
      playlist: seg.playlist?.file ?? null,
      item: item ? item.index : -1,
      kind: item ? item.kind : 'slate',
      src: item ? item.src : null,
      at: clock.hostNow(),
    };
    if (reason !== undefined) m.reason = reason;
    link.send(m);
    // A new item: the console's thumbnail follows within a second, not at the next round (one
    // pending at a time: a quick run of stills asks for one, not one per item).
    if (event === 'start' && thumbnailSoon === null) {
      thumbnailSoon = setTimeout(() => {
        thumbnailSoon = null;
        sendThumbnail();
      }, 1000);
    }
  },
  log,
  upcoming: () => program.upcoming(),
  options: {
    rate,
    calibrationMs: Number(params.get('handoverCalibration') ?? '-17') || 0,
    compositorCut: params.get('cut') !== 'timer',
    cutLeadMs: Number(params.get('cutLead') ?? '25') || 0,
    preroll: params.get('preroll') !== 'off',
  },
});

const program: Program = new Program({
  timers: browserTimers,
  hostNow: () => clock.hostNow(),
  start: (seg) => player.startSegment(seg),
  onAirKey: () => player.activeKey,
  prepare: (c) => void player.prepare(c),
});

const bulletins = new BulletinScreen({
  stage,
  timers: browserTimers,
  hostNow: () => clock.hostNow(),
  report: (event, b, reason) => link.send({ type: 'bulletin', event, file: b.file, level: b.level, at: clock.hostNow(), ...(reason ? { reason } : {}) }),
  hold: (on) => player.hold(on),
});

// Never an error dialog: log page errors to the host instead.
window.addEventListener('error', (e) => log('error', `page error: ${e.message}`));
window.addEventListener('unhandledrejection', (e) => log('error', `page rejection: ${String(e.reason)}`));
document.addEventListener('contextmenu', (e) => e.preventDefault());
// Keys that would leave, reload or un-fullscreen the kiosk do nothing where a page can stop them
// (F5, Ctrl+R, Ctrl+W in --app mode, F11, zoom, find, print…). Alt+F4 and Ctrl+Shift+W / Ctrl+Q
// Chromium acts on before the page: the host takes them on X11 first (main/host/x-key-guard.ts),
// and a window closed anyway is reopened by the host (docs/screens.md).
window.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' || isKioskBlockedKey({ key: e.key, control: e.ctrlKey, shift: e.shiftKey, alt: e.altKey, meta: e.metaKey })) e.preventDefault();
}, { capture: true });
// Ctrl + wheel zooms: not on a kiosk.
window.addEventListener('wheel', (e) => {
  if (e.ctrlKey) e.preventDefault();
}, { passive: false });

// The heartbeat the host's window watch listens for (screen-watch.ts): every second, with whether
// a frame was drawn since the last one (a requestAnimationFrame that never fires while the page is
// visible: the display is frozen). A hung main thread sends none.
let framed = 0;
const beat = () => {
  // Never queued: a heartbeat is only news while the link is up.
  const memory = (performance as { memory?: { usedJSHeapSize?: number } }).memory?.usedJSHeapSize;
  if (link.open) {
    link.send({ type: 'heartbeat', frames: framed, visible: document.visibilityState === 'visible', ...(typeof memory === 'number' ? { memoryBytes: Math.round(memory) } : {}) });
  }
  framed = 0;
  requestAnimationFrame(() => void framed++);
};
setInterval(beat, 1000);

// The console's thumbnail of what this screen shows, every 5 s (thumbnail.ts). Never queued:
// only what is on screen now is news.
let stationName = '';
let stationZone: string | undefined;
function thumbnailSource(): ThumbnailSource {
  if (emergencyOn) return { kind: 'card', title: `KHẨN CẤP / EMERGENCY`, lines: [emergencyOn.title], colour: '#b3261e' };
  const layer = player.onAirLayer();
  if (layer instanceof DomLayer) {
    const el = layer.drawable;
    if (el) return { kind: 'drawable', el, ...sizeOf(el), fit: layer.item.fit };
    return { kind: 'card', title: 'Trang web / Web page', lines: [layer.item.src], colour: '#35506b' };
  }
  let time = '';
  try {
    time = new Date(clock.hostNow()).toLocaleTimeString('vi-VN', { timeZone: stationZone, hour12: false });
  } catch {
    time = new Date(clock.hostNow()).toLocaleTimeString('vi-VN', { hour12: false });
  }
  return { kind: 'card', title: stationName || 'bantin', lines: [time], colour: '#12325f' };
}
function sendThumbnail() {
  if (!thumbnailsOn || drawing || !link.open || !clock.ready) return;
  drawing = true;
  void drawThumbnail(thumbnailSource(), stageEl.clientWidth / Math.max(1, stageEl.clientHeight)).then((jpeg) => {
    if (jpeg && link.open) link.send({ type: 'thumbnail', jpeg, at: clock.hostNow() });
  }, (e: unknown) => log('warn', `thumbnail not made: ${String(e)}`)).finally(() => {
    drawing = false;
  });
}
setInterval(sendThumbnail, 5000);

// Until the host speaks: the slate (never black).
player.showIdleSlate();
link.connect();

// For tests and benches: what is on air.
(window as unknown as { bantin: unknown }).bantin = {
  state: () => ({ ...player.state(), bulletins: bulletins.state() }),
  clock: () => ({ synced: clock.ready, offsetMs: clock.offsetMs, rttMs: clock.rttMs }),
  /** The thumbnail of what is on air now, as the console gets it (base64 JPEG). */
  thumbnail: () => drawThumbnail(thumbnailSource(), stageEl.clientWidth / Math.max(1, stageEl.clientHeight)),
};
