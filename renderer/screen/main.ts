// The screen page: plays what the host's conductor sends, gap-free. Each item is prepared on its
// own layer beneath the one on air (decoded, first frame ready) and brought on top exactly when
// the previous one ends: for a video, one frame step after its last frame was shown. The layer on
// air is only removed after its successor is visible, so the screen is never black; a broken or
// missing file is skipped, and with nothing playable the slate (station name, clock, date) shows.
import QRCode from 'qrcode';
import {
  parseHostToScreen,
  type PlayMessage,
  type ProgramMessage,
  type Segment,
  type WireItem,
} from '../../main/core/contract/screen.js';

const params = new URLSearchParams(location.search);
const screenId = params.get('screen') ?? 'main';
const token = params.get('token') ?? '';
/** Bench/test knob: video playback rate. */
const rate = Number(params.get('rate') ?? '1') || 1;
/** How long a file may take to become ready before it is skipped. */
const LOAD_TIMEOUT_MS = Number(params.get('loadTimeout') ?? '8000') || 8000;

const stage = document.getElementById('stage')!;
const slateEl = document.getElementById('slate')!;

// ---------------------------------------------------------------- clock (aligned to the host)
let clockOffset = 0;
const hostNow = () => Date.now() + clockOffset;

// ---------------------------------------------------------------- host link
let ws: WebSocket | null = null;
const outbox: string[] = [];
let retryMs = 500;

function sendRaw(text: string) {
  if (ws && ws.readyState === WebSocket.OPEN) ws.send(text);
  else {
    outbox.push(text);
    if (outbox.length > 1000) outbox.shift();
  }
}

function report(event: PlayMessage['event'], seg: Segment, item: WireItem | null, reason?: string) {
  const m: PlayMessage = {
    type: 'play',
    event,
    segment: seg.key,
    playlist: seg.playlist?.file ?? null,
    item: item ? item.index : -1,
    kind: item ? item.kind : 'slate',
    src: item ? item.src : null,
    at: hostNow(),
  };
  if (reason !== undefined) m.reason = reason;
  sendRaw(JSON.stringify(m));
}

function logToHost(level: 'info' | 'warn' | 'error', message: string) {
  sendRaw(JSON.stringify({ type: 'log', level, message: message.slice(0, 4000) }));
}

function connect() {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${proto}//${location.host}/screen/ws?screen=${encodeURIComponent(screenId)}&token=${encodeURIComponent(token)}`;
  const sock = new WebSocket(url);
  ws = sock;
  sock.onopen = () => {
    retryMs = 500;
    while (outbox.length) sock.send(outbox.shift()!);
  };
  sock.onmessage = (ev) => {
    const parsed = parseHostToScreen(typeof ev.data === 'string' ? ev.data : '');
    if (!parsed.ok) {
      logToHost('warn', `ignored a bad program: ${parsed.error}`);
      return;
    }
    onProgram(parsed.value);
  };
  sock.onclose = () => {
    if (ws === sock) ws = null;
    // Keep playing what we have; reconnect quietly.
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 5000);
  };
}

// ---------------------------------------------------------------- layers
interface Layer {
  item: WireItem;
  el: HTMLElement;
  video: HTMLVideoElement | null;
  /** Resolves when the first frame is decoded and can be shown; rejects with the reason. */
  ready: Promise<void>;
  state: 'loading' | 'ready' | 'failed';
  failure: string | null;
  disposed: boolean;
  /** The scheduled cut that will reveal this layer (see `scheduleCut`), if any. */
  cut: Animation | null;
  /** When play() was last called (performance.now()), to learn how long starting takes. */
  playCalledAt: number;
  /** When the scheduled cut shows this layer (performance.now()'s scale), 0 if none. */
  cutDue: number;
  dispose(): void;
}

/** Added to the computed hand-over instant for the main thread's part of the cut (and the whole
 *  cut with `?cut=timer`). expectedDisplayTime runs about one 60 Hz frame ahead of what the
 *  compositor shows (measured with the screencast in transitions.bench). */
const HANDOVER_CALIBRATION_MS = Number(params.get('handoverCalibration') ?? '-17') || 0;

const Z_PREPARED = '1';
const Z_ON_AIR = '2';
const Z_INCOMING = '3';

/** The cut is timed by the compositor: the next layer waits on top, transparent, with an opacity
 *  step animation whose start time is the hand-over instant. Opacity animations run on the
 *  compositor thread, so the cut lands on its frame even when the page's main thread is late
 *  (a busy core delayed timer-driven cuts by one to three frames). `?cut=timer` turns it off. */
const COMPOSITOR_CUT = params.get('cut') !== 'timer';
/** How much earlier than the instant B should be seen the cut's animation must start: the
 *  layer tree reaches the screen by a longer path than video frames (which the media pipeline
 *  submits directly), about 1½ frames at 60 Hz; a video's first frame takes one frame more to
 *  appear than a canvas does. Measured with transitions.bench and its numbered clips: 17 ms less
 *  and A's last frame is often held a frame too long under load, 8 ms more and it is sometimes
 *  never shown. */
const CUT_LEAD_MS = Number(params.get('cutLead') ?? '25') || 0;
const CUT_LEAD_VIDEO_EXTRA_MS = 17;

/** The layer whose cut is scheduled, so a change of plan can call it off. */
let pendingCut: Layer | null = null;

/** Reveal `layer` so that it is seen at `due` (expectedDisplayTime's scale). */
function scheduleCut(layer: Layer, due: number) {
  if (!COMPOSITOR_CUT || layer.state !== 'ready' || layer.disposed) return;
  if (pendingCut && pendingCut !== layer) cancelCut();
  if (!layer.cut) {
    layer.el.style.zIndex = Z_INCOMING;
    layer.cut = layer.el.animate([{ opacity: 0 }, { opacity: 1 }], { duration: 1, fill: 'both', easing: 'step-start' });
  }
  const startTime = due - CUT_LEAD_MS - (layer.video ? CUT_LEAD_VIDEO_EXTRA_MS : 0);
  layer.cutDue = due;
  if (Math.abs(Number(layer.cut.startTime ?? 0) - startTime) > 2) layer.cut.startTime = startTime;
  pendingCut = layer;
}

/** Call off a scheduled cut that will not happen (a boundary, a reload, a skip). */
function cancelCut() {
  const l = pendingCut;
  pendingCut = null;
  if (prerollTimer) clearTimeout(prerollTimer);
  prerollTimer = null;
  if (!l || l.disposed || !l.cut) return;
  l.cut.cancel();
  l.cut = null;
  l.cutDue = 0;
  if (onAir?.layer !== l) {
    l.el.style.zIndex = Z_PREPARED;
    if (l.video && !l.video.paused) {
      l.video.pause();
      l.video.currentTime = 0;
    }
  }
}

function startVideo(v: HTMLVideoElement, layer: Layer) {
  layer.playCalledAt = performance.now();
  v.playbackRate = rate;
  v.play().catch(() => {
    // Autoplay with sound refused (a plain browser): play muted rather than not at all.
    if (layer.disposed) return;
    v.muted = true;
    v.play().catch(() => undefined);
  });
}

/** A video takes a while from play() to its clock running — tens of ms on a busy core — and
 *  until then its first frame stays on screen. So the next video is started that much before
 *  its cut (hidden, its first frame waiting), and its second frame follows a frame step after
 *  the cut. The delay is learned from the last starts; a low quantile, because starting too
 *  early would skip the first frame and overlap the sound of the item before. */
const startDelays: number[] = [];
const PREROLL_ENABLED = params.get('preroll') !== 'off';
let prerollTimer: ReturnType<typeof setTimeout> | null = null;

function learnStartDelay(ms: number) {
  if (!Number.isFinite(ms) || ms < 0 || ms > 1000) return;
  startDelays.push(ms);
  if (startDelays.length > 9) startDelays.shift();
}

function expectedStartDelay(): number {
  if (startDelays.length < 3) return 0;
  const sorted = [...startDelays].sort((a, b) => a - b);
  return Math.min(150, sorted[Math.floor(sorted.length / 4)]!);
}

/** Start `layer`'s video so that its clock runs from `due`, when the cut reveals it. */
function schedulePreroll(layer: Layer, due: number) {
  const lead = expectedStartDelay();
  if (!layer.video || !PREROLL_ENABLED || lead <= 0 || pendingCut !== layer) return;
  if (prerollTimer) clearTimeout(prerollTimer);
  prerollTimer = setTimeout(() => {
    prerollTimer = null;
    if (pendingCut === layer && !layer.disposed && layer.video?.paused) startVideo(layer.video, layer);
  }, Math.max(0, due - lead - performance.now()));
}

function withTimeout(p: Promise<void>, ms: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what}: not ready after ${ms} ms`)), ms);
    p.then(
      () => {
        clearTimeout(t);
        resolve();
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

const mediaErrors: Record<number, string> = {
  1: 'aborted',
  2: 'network error',
  3: 'cannot decode',
  4: 'unsupported or missing file',
};

/** Browsers show a truncated PNG/JPEG/GIF as far as it goes; a kiosk must not. Check the end. */
function checkComplete(url: string, tail: Uint8Array): void {
  const path = url.split('?')[0]!.toLowerCase();
  const has = (...seq: number[]) => {
    for (let i = 0; i + seq.length <= tail.length; i++) if (seq.every((b, j) => tail[i + j] === b)) return true;
    return false;
  };
  if (path.endsWith('.png') && !has(0x49, 0x45, 0x4e, 0x44)) throw new Error('truncated PNG (no IEND)');
  if ((path.endsWith('.jpg') || path.endsWith('.jpeg')) && !has(0xff, 0xd9)) throw new Error('truncated JPEG (no end marker)');
  if (path.endsWith('.gif') && tail[tail.length - 1] !== 0x3b) throw new Error('truncated GIF');
}

/** Still layers redraw themselves when the window changes size. */
const redraws = new Set<() => void>();
window.addEventListener('resize', () => {
  for (const r of redraws) r();
});

function makeLayer(item: WireItem): Layer {
  let el: HTMLElement;
  let video: HTMLVideoElement | null = null;
  let ready: Promise<void>;
  const cleanups: (() => void)[] = [];
  switch (item.kind) {
    case 'video': {
      const v = document.createElement('video');
      video = v;
      v.className = `layer${item.fit === 'cover' ? ' cover' : ''}`;
      v.preload = 'auto';
      v.playsInline = true;
      v.disablePictureInPicture = true;
      v.controls = false;
      v.defaultPlaybackRate = rate;
      el = v;
      ready = new Promise<void>((resolve, reject) => {
        if (!item.url) return reject(new Error('file not found'));
        v.addEventListener('loadeddata', () => resolve(), { once: true });
        v.addEventListener('error', () => reject(new Error(mediaErrors[v.error?.code ?? 0] ?? 'media error')), { once: true });
        v.src = item.url;
      });
      cleanups.push(() => {
        v.pause();
        v.removeAttribute('src');
        v.load();
      });
      break;
    }
    case 'image': {
      // Decoded into a bitmap we own and drawn on a canvas: its memory is freed the moment the
      // layer goes (an <img> leaves decoded copies in Chromium's caches: RSS grew ~0.1 MB per
      // transition in the soak bench), and a truncated file is caught before it is shown.
      const c = document.createElement('canvas');
      c.className = 'layer';
      el = c;
      let bitmap: ImageBitmap | null = null;
      const draw = () => {
        if (!bitmap) return;
        const dpr = window.devicePixelRatio || 1;
        const w = Math.max(1, Math.round(stage.clientWidth * dpr));
        const h = Math.max(1, Math.round(stage.clientHeight * dpr));
        c.width = w;
        c.height = h;
        const g = c.getContext('2d');
        if (!g) return;
        const scale = item.fit === 'cover'
          ? Math.max(w / bitmap.width, h / bitmap.height)
          : Math.min(w / bitmap.width, h / bitmap.height);
        const dw = bitmap.width * scale;
        const dh = bitmap.height * scale;
        g.imageSmoothingQuality = 'high';
        g.drawImage(bitmap, (w - dw) / 2, (h - dh) / 2, dw, dh);
      };
      const url = item.url;
      ready = url
        ? (async () => {
            const r = await fetch(url, { cache: 'no-store' });
            if (!r.ok) throw new Error(`image not found (HTTP ${r.status})`);
            const blob = await r.blob();
            checkComplete(url, new Uint8Array(await blob.slice(-16).arrayBuffer()));
            try {
              bitmap = await createImageBitmap(blob);
            } catch {
              throw new Error('cannot decode image');
            }
            draw();
            redraws.add(draw);
          })()
        : Promise.reject(new Error('file not found'));
      cleanups.push(() => {
        redraws.delete(draw);
        bitmap?.close();
        bitmap = null;
        c.width = 0;
        c.height = 0;
      });
      break;
    }
    case 'web': {
      const f = document.createElement('iframe');
      f.className = 'layer';
      // Scripts only: no same-origin, no top navigation, no forms, no popups.
      f.setAttribute('sandbox', 'allow-scripts');
      f.setAttribute('referrerpolicy', 'no-referrer');
      f.setAttribute('scrolling', 'no');
      el = f;
      const url = item.url;
      ready = url
        ? fetch(url, { method: 'HEAD', cache: 'no-store' }).then((r) => {
            if (!r.ok) throw new Error(`web page not found (HTTP ${r.status})`);
            return new Promise<void>((resolve) => {
              f.addEventListener('load', () => resolve(), { once: true });
              f.src = url;
            });
          })
        : Promise.reject(new Error('file not found'));
      cleanups.push(() => f.removeAttribute('src'));
      break;
    }
    case 'qr': {
      const box = document.createElement('div');
      box.className = 'layer qr';
      const img = document.createElement('img');
      img.alt = '';
      box.appendChild(img);
      if (item.caption) {
        const cap = document.createElement('div');
        cap.className = 'caption';
        cap.textContent = item.caption;
        box.appendChild(cap);
      }
      el = box;
      ready = QRCode.toDataURL(item.src, { errorCorrectionLevel: 'M', margin: 2, width: 768 }).then((dataUrl) => {
        img.src = dataUrl;
        return img.decode();
      });
      break;
    }
  }
  // Prepared layers are transparent until their cut, so none shows through the letterbox of
  // a poster or video of another shape on air above it.
  el.style.zIndex = Z_PREPARED;
  el.classList.add('prepared');
  stage.insertBefore(el, stage.firstChild);
  const layer: Layer = {
    item,
    el,
    video,
    ready: Promise.resolve(),
    state: 'loading',
    failure: null,
    disposed: false,
    cut: null,
    playCalledAt: 0,
    cutDue: 0,
    dispose() {
      if (layer.disposed) return;
      layer.disposed = true;
      layer.cut?.cancel();
      layer.cut = null;
      for (const c of cleanups) c();
      el.remove();
    },
  };
  layer.ready = withTimeout(ready, LOAD_TIMEOUT_MS, 'load').then(
    () => {
      layer.state = 'ready';
    },
    (e: unknown) => {
      layer.state = 'failed';
      layer.failure = e instanceof Error ? e.message : String(e);
      throw e;
    },
  );
  layer.ready.catch(() => undefined);
  return layer;
}

// ---------------------------------------------------------------- the player
interface Cursor {
  seg: Segment;
  index: number;
}

let program: ProgramMessage | null = null;
/** Segments to come, by start. */
let queue: Segment[] = [];
let boundaryTimer: ReturnType<typeof setTimeout> | null = null;

let activeSeg: Segment | null = null;
/** `shownAt`: when the item was (or will be) first seen, on performance.now()'s scale. */
let onAir: { layer: Layer; seg: Segment; startedAt: number; shownAt: number; generation: number } | null = null;
/** Prepared layers, by `${segment key}:${index}`. */
const prepared = new Map<string, Layer>();
let generation = 0;
let itemTimer: ReturnType<typeof setTimeout> | null = null;
let failuresInRow = 0;
let slateOn = false;
let slateSeg: Segment | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
/** Items put on air since the page loaded, and how videos handed over (benches). */
let swaps = 0;
const handovers: Record<string, number> = {};

const keyOf = (c: Cursor) => `${c.seg.key}:${c.index}`;

function prepare(c: Cursor): Layer {
  const k = keyOf(c);
  let l = prepared.get(k);
  if (!l || l.disposed) {
    l = makeLayer(c.seg.playlist!.items[c.index]!);
    prepared.set(k, l);
  }
  return l;
}

function dropPreparedExcept(keep: Set<string>) {
  for (const [k, l] of prepared) {
    if (!keep.has(k)) {
      l.dispose();
      prepared.delete(k);
    }
  }
}

function nextCursor(c: Cursor): Cursor {
  const n = c.seg.playlist!.items.length;
  return { seg: c.seg, index: (c.index + 1) % n };
}

/** What to preload besides the item after the one on air: the next segment's first item. */
function upcomingFirst(): Cursor | null {
  const s = queue[0];
  return s && s.playlist && s.playlist.items.length > 0 ? { seg: s, index: 0 } : null;
}

function showSlate(seg: Segment, reason?: string) {
  if (slateOn && slateSeg?.key === seg.key) return;
  if (slateOn && slateSeg) report('end', slateSeg, null);
  slateOn = true;
  slateSeg = seg;
  slateEl.classList.add('visible');
  tickSlate();
  report('start', seg, null, reason);
}

function hideSlate() {
  if (!slateOn) return;
  slateOn = false;
  slateEl.classList.remove('visible');
  if (slateSeg) report('end', slateSeg, null);
  slateSeg = null;
}

/** End what is on air (proof of play) without touching the screen yet. */
function endOnAir(reason?: string) {
  if (itemTimer) clearTimeout(itemTimer);
  itemTimer = null;
  if (onAir) {
    report('end', onAir.seg, onAir.layer.item, reason);
  }
}

/** Put `layer` on air over the current one; remove the old one once the new is composited. */
function swapTo(layer: Layer, seg: Segment) {
  const old = onAir?.layer ?? null;
  hideSlate();
  if (pendingCut !== layer) cancelCut();
  pendingCut = null;
  const now = performance.now();
  if (layer.cut && now < Number(layer.cut.startTime ?? 0)) {
    // Put on air before its cut (the `ended` fallback, a stalled or failed video): show it now,
    // or the old layer could be retired while this one is still transparent.
    layer.cut.cancel();
    layer.cut = null;
    layer.cutDue = 0;
  }
  // Seen when its cut was due, or (no cut) about a frame after this change is drawn.
  const shownAt = layer.cut && layer.cutDue > 0 ? Math.min(layer.cutDue, now - HANDOVER_CALIBRATION_MS) : now - HANDOVER_CALIBRATION_MS;
  layer.el.style.zIndex = Z_INCOMING;
  layer.el.classList.remove('prepared');
  if (layer.video && layer.video.paused) startVideo(layer.video, layer);
  const gen = ++generation;
  swaps++;
  onAir = { layer, seg, startedAt: now, shownAt, generation: gen };
  for (const [k, l] of prepared) if (l === layer) prepared.delete(k);
  report('start', seg, layer.item);
  // The old layer stays beneath (layers are transparent) until the new one has really been
  // composited — for a video, its first frame presented — so the screen never shows a hole.
  let retired = false;
  const retire = () => {
    if (retired) return;
    retired = true;
    requestAnimationFrame(() => {
      if (old && old !== layer) old.dispose();
      if (layer.disposed) return;
      layer.el.style.zIndex = Z_ON_AIR;
      layer.cut?.cancel(); // opaque by style now
      layer.cut = null;
      layer.cutDue = 0;
    });
  };
  if (layer.video) {
    layer.video.requestVideoFrameCallback(() => retire());
    setTimeout(retire, 1000);
  } else {
    requestAnimationFrame(() => requestAnimationFrame(retire));
  }
  armEnd(layer, seg, gen);
}

/** Arrange for the item on air to end on time, and prepare its successor. */
function armEnd(layer: Layer, seg: Segment, gen: number) {
  const item = layer.item;
  const cur: Cursor = { seg, index: item.index };
  const next = nextCursor(cur);
  const keep = new Set<string>();
  const nextLayer = next.index === cur.index && item.kind !== 'video' ? null : prepare(next);
  if (nextLayer) keep.add(keyOf(next));
  const up = upcomingFirst();
  if (up) {
    prepare(up);
    keep.add(keyOf(up));
  }
  dropPreparedExcept(keep);

  if (item.kind !== 'video') {
    // A still ends `duration` after it was first seen; its successor is cut in then, like
    // after a video (and a video successor is started early so it does not stutter).
    const due = (onAir?.shownAt ?? performance.now()) + (item.durationMs ?? 10_000);
    if (nextLayer && nextLayer !== layer) {
      nextLayer.ready.then(() => {
        if (gen !== generation || nextLayer.disposed) return;
        scheduleCut(nextLayer, due);
        schedulePreroll(nextLayer, due);
      }, () => undefined);
    }
    itemTimer = setTimeout(() => {
      if (gen !== generation) return;
      advance(cur, 'end');
    }, Math.max(0, due + HANDOVER_CALIBRATION_MS - performance.now()));
    return;
  }
  // Video: find the last frame with requestVideoFrameCallback, and hand over one frame step
  // after it was shown; `ended` is the fallback (it fires 40-60 ms after the last frame).
  const v = layer.video!;
  let step = 0;
  let lastMediaTime = -1;
  let learned = false;
  let handed = false;
  const handOver = (why: string) => {
    if (handed || gen !== generation) return;
    handed = true;
    handovers[why] = (handovers[why] ?? 0) + 1;
    advance(cur, 'end');
  };
  const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
    if (handed || gen !== generation || layer.disposed) return;
    if (lastMediaTime >= 0) {
      const d = meta.mediaTime - lastMediaTime;
      if (d > 0.001 && (step === 0 || d < step)) step = d;
    }
    if (!learned && meta.mediaTime > 0 && layer.playCalledAt > 0) {
      // The first frame after the start: when its clock began, against when play() was called.
      learned = true;
      learnStartDelay(meta.expectedDisplayTime - (meta.mediaTime * 1000) / rate - layer.playCalledAt);
    }
    lastMediaTime = meta.mediaTime;
    const dur = v.duration;
    if (step > 0 && Number.isFinite(dur)) {
      // Media seconds from this frame to the last one (at duration − step), and so when the
      // last frame will be on screen; hand over one frame step after that. Re-armed at every
      // frame near the end, so a frame callback the compositor skips does not matter.
      const toLast = dur - step - meta.mediaTime;
      if (toLast < 0.5) {
        const lastShown = meta.expectedDisplayTime + (Math.max(0, toLast) * 1000) / rate;
        // When the next item should be seen (on expectedDisplayTime's scale).
        const due = lastShown + (step * 1000) / rate;
        const at = due + HANDOVER_CALIBRATION_MS;
        if (nextLayer) {
          scheduleCut(nextLayer, due);
          schedulePreroll(nextLayer, due);
        }
        if (itemTimer) clearTimeout(itemTimer);
        itemTimer = setTimeout(() => handOver('last-frame'), Math.max(0, at - performance.now()));
        if (toLast < step / 2) return; // this is the last frame
      }
    }
    v.requestVideoFrameCallback(onFrame);
  };
  v.requestVideoFrameCallback(onFrame);
  v.addEventListener('ended', () => handOver('ended'), { once: true });
  v.addEventListener('error', () => {
    if (gen !== generation) return;
    logToHost('warn', `video failed while playing: ${item.src}`);
    handOver('error');
  }, { once: true });
  // Watchdog: a stalled video must not hold the screen forever.
  const watchdog = () => {
    if (handed || gen !== generation || layer.disposed) return;
    const dur = Number.isFinite(v.duration) ? v.duration : 0;
    const elapsed = (performance.now() - (onAir?.startedAt ?? 0)) / 1000;
    if (dur > 0 && elapsed > dur / rate + 10) {
      logToHost('warn', `video stalled, moving on: ${item.src}`);
      handOver('stalled');
      return;
    }
    setTimeout(watchdog, 2000);
  };
  setTimeout(watchdog, 2000);
}

/** The item at `from` is over: put its successor on air (skipping what cannot play). */
function advance(from: Cursor, _why: string) {
  if (activeSeg !== from.seg) return;
  const next = nextCursor(from);
  if (next.index === from.index && onAir && onAir.layer.item.kind !== 'video') {
    // A single still item: it simply stays on air; the proof of play records each round.
    endOnAir();
    report('start', from.seg, onAir.layer.item);
    const now = performance.now();
    onAir.startedAt = now;
    // The next round starts where the last ended (no drift), unless the page was frozen.
    onAir.shownAt = Math.max(onAir.shownAt + (onAir.layer.item.durationMs ?? 10_000), now - 1000);
    armEnd(onAir.layer, from.seg, onAir.generation);
    return;
  }
  endOnAir();
  playCursor(next, 0);
}

/** Play the item at `c`; when it cannot be played, skip to the following one. */
function playCursor(c: Cursor, skipped: number) {
  const seg = c.seg;
  const items = seg.playlist!.items;
  if (skipped >= items.length) {
    // Nothing in this playlist can play: the slate, and another try in a while.
    failuresInRow = 0;
    cancelCut();
    onAir?.layer.dispose();
    onAir = null;
    generation++;
    dropPreparedExcept(new Set());
    showSlate(seg, 'nothing playable');
    logToHost('error', `nothing in ${seg.playlist!.file} can be played; showing the slate`);
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      if (activeSeg === seg) playCursor({ seg, index: 0 }, 0);
    }, 30_000);
    return;
  }
  const layer = prepare(c);
  const gen = generation;
  const go = () => {
    if (activeSeg !== seg || gen !== generation) return;
    if (layer.state === 'ready') {
      failuresInRow = 0;
      swapTo(layer, seg);
    } else {
      prepared.delete(keyOf(c));
      layer.dispose();
      report('skip', seg, layer.item, layer.failure ?? 'failed');
      logToHost('warn', `skipped ${layer.item.kind} ${layer.item.src}: ${layer.failure ?? 'failed'}`);
      playCursor(nextCursor(c), skipped + 1);
    }
  };
  if (layer.state !== 'loading') go();
  else layer.ready.then(go, go);
}

/** Switch the screen to `seg` now, from its first item. */
function startSegment(seg: Segment) {
  cancelCut();
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
  const wasOnAir = onAir;
  if (activeSeg && wasOnAir) endOnAir(activeSeg.key === seg.key ? undefined : 'boundary');
  activeSeg = seg;
  generation++;
  failuresInRow = 0;
  if (!seg.playlist || seg.playlist.items.length === 0) {
    onAir = null;
    showSlate(seg);
    // Keep the old layer under the slate for a moment, then free it.
    if (wasOnAir) requestAnimationFrame(() => requestAnimationFrame(() => wasOnAir.layer.dispose()));
    dropPreparedExcept(new Set(upcomingFirst() ? [keyOf(upcomingFirst()!)] : []));
    const up = upcomingFirst();
    if (up) prepare(up);
    return;
  }
  playCursor({ seg, index: 0 }, 0);
}

function armBoundary() {
  if (boundaryTimer) clearTimeout(boundaryTimer);
  boundaryTimer = null;
  const next = queue[0];
  if (!next) return;
  const delay = next.startAt - hostNow();
  boundaryTimer = setTimeout(() => {
    boundaryTimer = null;
    if (queue[0] !== next) return;
    queue.shift();
    startSegment(next);
    armBoundary();
  }, Math.max(0, delay));
  // Get its first item ready meanwhile.
  const up = upcomingFirst();
  if (up) prepare(up);
}

function onProgram(p: ProgramMessage) {
  clockOffset = p.now - Date.now();
  const firstTime = program === null;
  program = p;
  document.getElementById('slate-name')!.textContent = p.station.name;
  document.title = `${p.station.name} — ${p.screen.id}`;
  stage.className = `rot${p.screen.rotate}`;
  const [current, ...future] = p.segments;
  if (!current) return;
  queue = future.filter((s) => s.startAt > hostNow() - 50);
  // Segments that should already have started (a late message): the newest wins.
  let on = current;
  while (queue[0] && queue[0].startAt <= hostNow()) on = queue.shift()!;
  if (firstTime || !activeSeg || activeSeg.key !== on.key) startSegment(on);
  armBoundary();
}

// ---------------------------------------------------------------- slate clock
const timeFmt = () => {
  const tz = program?.station.timezone;
  try {
    return {
      time: new Intl.DateTimeFormat('vi-VN', { timeZone: tz, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }),
      date: new Intl.DateTimeFormat('vi-VN', { timeZone: tz, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
    };
  } catch {
    return {
      time: new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }),
      date: new Intl.DateTimeFormat('vi-VN', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
    };
  }
};
let fmt = timeFmt();
let fmtZone: string | undefined;
function tickSlate() {
  if (!slateOn) return;
  if (fmtZone !== program?.station.timezone) {
    fmt = timeFmt();
    fmtZone = program?.station.timezone;
  }
  const d = new Date(hostNow());
  document.getElementById('slate-time')!.textContent = fmt.time.format(d);
  document.getElementById('slate-date')!.textContent = fmt.date.format(d);
}
setInterval(tickSlate, 1000);

// Never an error dialog: log page errors to the host instead.
window.addEventListener('error', (e) => logToHost('error', `page error: ${e.message}`));
window.addEventListener('unhandledrejection', (e) => logToHost('error', `page rejection: ${String(e.reason)}`));
document.addEventListener('contextmenu', (e) => e.preventDefault());

// Until the host speaks: the slate (never black).
slateOn = true;
tickSlate();
connect();

// For tests and benches: what is on air.
(window as unknown as { bantin: unknown }).bantin = {
  state: () => ({
    segment: activeSeg?.key ?? null,
    playlist: activeSeg?.playlist?.file ?? null,
    item: onAir?.layer.item.index ?? null,
    src: onAir?.layer.item.src ?? null,
    slate: slateOn,
    layers: stage.querySelectorAll('.layer').length,
    failuresInRow,
    swaps,
    handovers,
    startDelays: startDelays.map((d) => Math.round(d)),
  }),
};
