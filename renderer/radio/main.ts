// The radio page: connects to the host (/radio/ws), keeps its clock in step with the host's,
// routes audio to the configured output and plays the sessions it is sent (engine.ts).
// Proof-of-play facts are queued and resent until the host acknowledges them, so a host restart
// mid-session loses nothing.
import { Howler } from 'howler';
import {
  parseHostToRadio,
  RADIO_PROTOCOL,
  type RadioBulletinReport,
  type RadioPlan,
  type RadioReport,
  type RadioToHost,
} from '../../main/core/contract/radio.js';
import { AckedOutbox } from '../common/acked-outbox.js';
import { HostClock } from '../common/host-clock.js';
import { HostLink } from '../common/host-link.js';
import { PingSync } from '../common/ping-sync.js';
import { browserTimers } from '../common/timers.js';
import { watchDeadAir } from './dead-air-watch.js';
import { Engine } from './engine.js';
import { HowlerBody } from './howl-body.js';
import { measureEdges, type MeasuredEdges } from './monitor.js';
import { OutputDevice } from './output.js';
import { OutputClock, WebAudioProgram, WebAudioSpots } from './web-audio.js';

const params = new URLSearchParams(location.search);
const token = params.get('token') ?? '';
const pageId = Math.random().toString(36).slice(2, 10);

const $ = (id: string) => document.getElementById(id);
function setText(id: string, text: string): void {
  const el = $(id);
  if (el) el.textContent = text;
}

// One AudioContext for everything: howler's. Never let howler suspend it (it does after 30 s
// of its own silence), or the audio clock stops and the spots would be late.
Howler.autoSuspend = false;
Howler.volume(1);
const ctx = Howler.ctx;
const out = Howler.masterGain;
// The program (every session's spots) on its own gain, silenced under an emergency; bulletins
// straight to the master, which the output monitor taps.
const programGain = ctx.createGain();
programGain.connect(out);

const clock = new HostClock();
const outputClock = new OutputClock(ctx, clock);
/** Proof-of-play facts not yet acknowledged by the host. */
const outbox = new AckedOutbox<RadioReport>();
const bulletinOutbox = new AckedOutbox<RadioBulletinReport>();
let edges: MeasuredEdges | null = null;
let lastPlan: RadioPlan | null = null;
let standby = false;

const link = new HostLink({
  path: `/radio/ws?token=${encodeURIComponent(token)}`,
  now: clock.localNow,
  onOpen: () => {
    setText('link', 'đã kết nối / connected');
    send({ type: 'hello', protocol: RADIO_PROTOCOL, page: pageId });
    sync.burst();
    flush(true);
    output.announce();
  },
  onText: (text) => onMessage(text),
  onClose: () => setText('link', 'mất kết nối, đang thử lại / disconnected, retrying'),
});
const send = (m: RadioToHost) => void link.send(m);
const sync = new PingSync(clock, (id, t0) => send({ type: 'ping', id, t0 }), browserTimers);
const output = new OutputDevice(ctx, send, (line) => setText('output', line));

/** Send what the host has not acknowledged: new facts at once, others again after 3 s (or all
 *  of them on reconnect). */
function flush(all = false): void {
  if (!link.open) return;
  for (const reports of outbox.due(performance.now(), all)) send({ type: 'report', reports });
  for (const reports of bulletinOutbox.due(performance.now(), all)) send({ type: 'bulletin', reports });
}
setInterval(() => flush(), 3000);

// What already went on air: after a re-plan (clock jump) a rebuilt session must not call an
// item that aired "missed".
const aired = new Set<string>();
const engine = new Engine({
  clock,
  timers: browserTimers,
  spots: new WebAudioSpots(ctx, programGain, outputClock),
  bulletinSpots: new WebAudioSpots(ctx, out, outputClock),
  program: new WebAudioProgram(ctx, programGain, outputClock),
  bulletinReport: (r) => {
    // With the monitor on, the airing's measured onset (the tone after its quiet head).
    const measure = edges && r.actualStart !== null && r.event !== 'bulletin-ended';
    const send = () => {
      const on = measure && edges ? edges.on.filter((t) => t >= r.actualStart! - 100).sort((a, b) => a - b)[0] ?? null : undefined;
      bulletinOutbox.add(on === undefined ? r : { ...r, measuredStart: on });
      flush();
    };
    if (measure) setTimeout(send, 800);
    else send();
  },
  body: new HowlerBody(ctx, out, () => output.deviceId, outputClock),
  onTick: () => outputClock.sample(),
  report: (r) => {
    const key = `${r.session}/${r.slot}/${r.index ?? '-'}`;
    if (r.event === 'item-start' || r.event === 'slot-start') {
      aired.add(key);
      if (aired.size > 5000) aired.delete(aired.values().next().value as string);
    }
    if ((r.event === 'item-missed' || r.event === 'slot-missed') && aired.has(key)) return;
    outbox.add(r);
    flush();
  },
  edges: () => edges,
  status: (line) => setText('now', line),
});

// --- clock sync ------------------------------------------------------------------------------
sync.every(3000);
setInterval(() => {
  if (clock.ready) send({ type: 'sync', offsetMs: clock.offsetMs, rttMs: clock.rttMs, samples: clock.sampleCount });
}, 30_000);

// --- output device ---------------------------------------------------------------------------
// A USB sound card unplugged (or plugged back): choose again, and report a fallback loudly.
navigator.mediaDevices?.addEventListener?.('devicechange', () => output.rechoose());
ctx.addEventListener('error', () => {
  send({ type: 'log', level: 'error', message: 'radio page: the audio output failed (device gone?); re-choosing the output' });
  output.rechoose();
});

// --- messages --------------------------------------------------------------------------------
function onMessage(text: string): void {
  const parsed = parseHostToRadio(text);
  if (!parsed.ok) {
    send({ type: 'log', level: 'warn', message: `radio page ignored an invalid message: ${parsed.error}` });
    return;
  }
  const m = parsed.value;
  if (m.type === 'pong') {
    if (sync.pong(m.id, m.t0, m.host)) {
      send({ type: 'log', level: 'warn', message: 'radio page: the host clock jumped; re-synchronising and re-planning' });
      resyncAndRebuild();
    }
    return;
  }
  if (m.type === 'ack') {
    outbox.ack(m.ids);
    bulletinOutbox.ack(m.ids);
    return;
  }
  if (m.type === 'volume') {
    // The operator's volume for this machine (console): spots and body alike, at once.
    Howler.volume(m.volume);
    return;
  }
  void onPlan(m);
}

async function onPlan(plan: RadioPlan): Promise<void> {
  lastPlan = plan;
  setText('station', plan.station);
  await output.apply(plan.output);
  if (plan.monitor && !edges) {
    const monitor = measureEdges(ctx, out, (t) => outputClock.fromCtx(t));
    edges = monitor.edges;
    await monitor.started.catch((err: unknown) => {
      edges = null;
      send({ type: 'log', level: 'warn', message: `output monitor unavailable: ${String(err)}` });
    });
  }
  if (plan.active === false) {
    // Another radio page is on air: stand by silent (take over when the host says so).
    standby = true;
    engine.setPlan([], true, []);
    setText('now', 'Dự phòng: một trang radio khác đang phát / Standby: another radio page is on air');
    return;
  }
  if (standby) {
    standby = false;
    setText('now', '—');
  }
  if (plan.reason === 'clock-jump') {
    clock.reset();
    resyncAndRebuild();
    return;
  }
  if (!rebuilding) engine.setPlan(plan.sessions, false, plan.bulletins ?? []);
}

/** The host clock jumped (the host said so, or the pongs show it): measure the offset afresh,
 *  then drop every scheduled session and re-join them from the latest plan. */
let rebuilding = false;
function resyncAndRebuild(): void {
  if (rebuilding) return;
  rebuilding = true;
  const have = clock.sampleCount;
  sync.burst();
  const wait = () => {
    if (clock.sampleCount >= Math.min(have + 4, 8) || clock.sampleCount >= 4) {
      rebuilding = false;
      if (lastPlan && !standby) engine.setPlan(lastPlan.sessions, true, lastPlan.bulletins ?? []);
    } else setTimeout(wait, 50);
  };
  setTimeout(wait, 50);
}

// --- status ----------------------------------------------------------------------------------
let warnedSuspended = false;
setInterval(() => {
  const now = clock.ready ? clock.hostNow() : Date.now();
  // In the station's zone: the operator reads the commune's time, whatever the PC is set to.
  const time = (t: number) => new Date(t).toLocaleTimeString('vi-VN', lastPlan?.timezone ? { timeZone: lastPlan.timezone } : {});
  setText('clock', time(now));
  setText('sync', clock.ready ? `±${(clock.rttMs / 2).toFixed(1)} ms` : '…');
  const next = engine.next();
  setText('next', next ? `${next.name} — ${time(next.start)}` : 'không có / none');
  if (ctx.state !== 'running') {
    setText('audio', `${ctx.state} — cần cho phép tự phát / needs autoplay`);
    void ctx.resume();
    if (!warnedSuspended && performance.now() > 3000) {
      warnedSuspended = true;
      send({ type: 'log', level: 'error', message: `radio page: audio is ${ctx.state} — the browser blocks autoplay (start it with --autoplay-policy=no-user-gesture-required) / âm thanh bị chặn tự phát` });
    }
  } else setText('audio', 'running');
}, 500);

engine.start();
watchDeadAir(ctx, out, engine, () => clock.hostNow());
link.connect();
// For tests and the bench (read-only inspection).
(window as unknown as { bantinRadio: unknown }).bantinRadio = {
  clock, engine, ctx, outbox, out,
  plan: () => lastPlan,
  toHost: (ctxTime: number) => outputClock.fromCtx(ctxTime),
  edges: () => edges,
  output: () => output.current,
  state: () => ({ ctxState: ctx.state, synced: clock.ready, offsetMs: clock.offsetMs, rttMs: clock.rttMs, pending: outbox.size, standby }),
};
