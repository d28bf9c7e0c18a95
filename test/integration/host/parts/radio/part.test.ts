// The radio part on its own in a tiny Fastify (no browser): the page route needs the token, the
// WebSocket answers pings with the host clock, sends the plan with ReplayGain read from the tags,
// hands out media URLs on the host's media route (with Range, behind the media key), validates and acks reports and logs each fact once,
// and flags a session no page reported.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseProofOfPlayLine } from '../../../../../main/core/contract/proof-of-play.js';
import type { HostToRadio, RadioPlan, RadioReport } from '../../../../../main/core/contract/radio.js';
import type { HostContext } from '../../../../../main/host/context.js';
import type { Station } from '../../../../../main/core/model.js';
import type { LoggedLine } from '../../../../helpers/proof-of-play.js';
import { silentLogger } from '../../../../../main/host/logger.js';
import { mediaBase, registerMedia } from '../../../../../main/host/media.js';
import { realTimers } from '../../../../../main/host/timers.js';
import { createRadioPart, type RadioPart } from '../../../../../main/host/parts/radio/part.js';
import { makeAudio } from '../../../../helpers/media.js';
import { radioSchedule, radioStation, session } from '../../../../helpers/radio-host.js';
import { createHealth } from '../../../../../main/host/health.js';

let app: FastifyInstance | null = null;
let part: RadioPart | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await part?.stop();
  await app?.close();
  part = null;
  app = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const HOST_OFFSET = 3_600_000; // the host clock runs an hour ahead of this machine's

async function setup(spansFromNow: { start: number; end: number }[], graceMs = 10_000, more: (st: Station) => void = () => undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'bantin-radio-part-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'assets'), { recursive: true });
  execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-c:a', 'libvorbis',
    '-metadata', 'REPLAYGAIN_TRACK_GAIN=-6.50 dB', join(dir, 'assets', 'loud.ogg')]);
  makeAudio(join(dir, 'assets', 'plain.wav'), 1.5);
  const s = session('playlists/sang.yaml', {
    open: [{ src: 'loud.ogg', file: 'loud.ogg', durationMs: null }],
    body: 'live',
    close: [{ src: 'plain.wav', file: 'plain.wav', durationMs: null }, { src: 'gone.mp3', file: null, durationMs: null }],
  });
  const st = radioStation([s]);
  more(st);
  const clock = { now: () => Date.now() + HOST_OFFSET };
  const spans = spansFromNow.map((x) => ({ file: s.file, start: clock.now() + x.start, end: clock.now() + x.end }));
  const schedule = radioSchedule(st, spans);
  const events: LoggedLine[] = [];
  const ctx: HostContext = {
    stationDir: dir, token: 'tok', clock, timers: realTimers, log: silentLogger(),
    proofOfPlay: { append: (e) => void events.push(e as LoggedLine) },
    current: () => ({ station: st, schedule }),
    onChange: () => () => undefined,
    onFilesChanged: () => () => undefined,
    health: createHealth({ now: clock.now, print: () => undefined }),
  };
  app = Fastify();
  await app.register(fastifyWebsocket);
  await app.register(fastifyStatic, { root: dir, serve: false });
  registerMedia(app, ctx);
  part = createRadioPart({ unreportedGraceMs: graceMs, speechDir: join(dir, 'speech-cache') });
  await part.register(app, ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  await part.start!();
  const addr = app.server.address();
  const base = `127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return { base, events, spans, clock };
}

function connect(base: string, token = 'tok') {
  const ws = new WebSocket(`ws://${base}/radio/ws?token=${token}`);
  const inbox: HostToRadio[] = [];
  ws.on('message', (d) => inbox.push(JSON.parse(d.toString()) as HostToRadio));
  const next = async <T extends HostToRadio['type']>(type: T, ms = 5000) => {
    const end = Date.now() + ms;
    for (;;) {
      const i = inbox.findIndex((m) => m.type === type);
      if (i >= 0) return inbox.splice(i, 1)[0] as Extract<HostToRadio, { type: T }>;
      if (Date.now() > end) throw new Error(`no ${type}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { ws, next, opened: new Promise<void>((res, rej) => { ws.once('open', () => res()); ws.once('error', rej); }) };
}

describe('radio part', () => {
  it('measures its files in the background (the first plan does not wait) and re-plans with their loudness and the station target', async () => {
    const { base } = await setup([{ start: 60_000, end: 70_000 }]);
    const c = connect(base);
    await c.opened;
    c.ws.send(JSON.stringify({ type: 'hello', protocol: 1, page: 't' }));
    const first: RadioPlan = await c.next('plan');
    expect(first.sessions[0]!.targetLufs).toBe(-16);
    expect(first.sessions[0]!.open[0]!.loudness ?? null).toBeNull();
    const again: RadioPlan = await c.next('plan', 15_000);
    const measured = again.sessions[0]!;
    // sine=440 at lavfi's 1/8 full scale: −18 dBFS peak, −21 dB RMS, about −21.7 LUFS (K-weighted).
    expect(Math.abs(measured.open[0]!.loudness!.integratedLufs - -21.7)).toBeLessThan(0.5);
    expect(measured.open[0]!.loudness!.truePeakDbtp).toBeCloseTo(-18, 0);
    expect(measured.open[0]!.gainDb).toBe(-6.5);
    c.ws.close();
  }, 30_000);

  it('measures the bulletins\' audio and rendered speech too, and sends them with the station target', async () => {
    const now = Date.now() + HOST_OFFSET;
    const bulletin = { title: 'Bão', from: now - 1000, until: now + 600_000, everyMs: null, sessions: null, band: false };
    const { base } = await setup([{ start: 60_000, end: 70_000 }], 10_000, (st) => {
      st.radio!.tts = { command: ['sh', '-c', 'cat >/dev/null; ffmpeg -loglevel error -f lavfi -i sine=frequency=300:duration=1 -f wav pipe:1'] };
      st.bulletins = [
        { ...bulletin, file: 'bulletins/audio.yaml', level: 'emergency', text: null, audio: { src: 'plain.wav', file: 'plain.wav', durationMs: null } },
        { ...bulletin, file: 'bulletins/text.yaml', level: 'priority', text: 'Bão số 5', audio: null },
      ];
    });
    const c = connect(base);
    await c.opened;
    c.ws.send(JSON.stringify({ type: 'hello', protocol: 1, page: 't' }));
    let plan: RadioPlan = await c.next('plan');
    expect(plan.bulletins!.map((b) => [b.file, b.targetLufs, b.url !== null])).toEqual([['bulletins/audio.yaml', -16, true], ['bulletins/text.yaml', -16, true]]);
    const measured = () => plan.bulletins!.every((b) => b.loudness);
    for (let i = 0; i < 3 && !measured(); i++) plan = await c.next('plan', 15_000);
    // Both a sine at lavfi's 1/8 full scale: about −21.7 LUFS.
    for (const b of plan.bulletins!) expect(Math.abs(b.loudness!.integratedLufs - -21.7)).toBeLessThan(0.5);
    c.ws.close();
  }, 60_000);

  it('guards the page and the socket with the token, and lists its page', async () => {
    const { base } = await setup([{ start: 5000, end: 15_000 }]);
    expect((await fetch(`http://${base}/radio/?token=bad`)).status).toBe(401);
    expect(part!.pages(`http://${base}`, 'tok')).toEqual([{ kind: 'radio', id: 'radio', url: `http://${base}/radio/?token=tok` }]);
    const bad = connect(base, 'nope');
    await expect(bad.opened).rejects.toThrow(/401/);
  });

  it('sends the plan with ReplayGain and lengths from the files, media URLs on the media route (Range, key), answers pings with the host clock', async () => {
    const { base, spans, clock } = await setup([{ start: 5000, end: 15_000 }]);
    const c = connect(base);
    await c.opened;
    c.ws.send(JSON.stringify({ type: 'hello', protocol: 1, page: 't' }));
    const plan: RadioPlan = await c.next('plan');
    // The page shows the commune's times in the station's zone, not the PC's.
    expect(plan.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(plan.sessions).toHaveLength(1);
    const s = plan.sessions[0]!;
    expect(s).toMatchObject({ id: `playlists/sang.yaml@${spans[0]!.start}`, start: spans[0]!.start, end: spans[0]!.end, body: 'live' });
    expect(s.open[0]).toMatchObject({ src: 'loud.ogg', gainDb: -6.5, problem: null });
    expect(s.open[0]!.durationMs).toBeGreaterThan(900);
    expect(s.close[0]).toMatchObject({ src: 'plain.wav', gainDb: null, durationMs: 1500 });
    expect(s.close[1]).toMatchObject({ src: 'gone.mp3', url: null, problem: 'missing file' });
    const url = `http://${base}${s.close[0]!.url}`;
    const ranged = await fetch(url, { headers: { Range: 'bytes=0-99' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toMatch(/^bytes 0-99\/\d+$/);
    expect((await ranged.arrayBuffer()).byteLength).toBe(100);
    expect(ranged.headers.get('content-type')).toMatch(/^audio\/wav/);
    expect(s.close[0]!.url).toBe(`${mediaBase('tok')}/plain.wav`);
    expect((await fetch(`http://${base}/media/0123456789abcdef/plain.wav`)).status).toBe(401);
    expect((await fetch(`http://${base}${mediaBase('tok')}/gone.mp3`)).status).toBe(404);
    const t0 = Date.now();
    c.ws.send(JSON.stringify({ type: 'ping', id: 7, t0 }));
    const pong = await c.next('pong');
    expect(pong).toMatchObject({ id: 7, t0 });
    expect(Math.abs(pong.host - clock.now())).toBeLessThan(1000);
    expect(pong.host - Date.now()).toBeGreaterThan(HOST_OFFSET - 1000);
    c.ws.close();
  });

  it('validates reports, acks them, writes each fact once, and ignores junk', async () => {
    const { base, events } = await setup([{ start: 5000, end: 15_000 }]);
    const c = connect(base);
    await c.opened;
    c.ws.send(JSON.stringify({ type: 'hello', protocol: 1, page: 't' }));
    await c.next('plan');
    const r: RadioReport = {
      id: 'playlists/sang.yaml@1/open/0/item-start', session: 'playlists/sang.yaml@1', playlist: 'playlists/sang.yaml',
      slot: 'open', index: 0, event: 'item-start', src: 'loud.ogg', scheduledStart: 1000, scheduledEnd: 2000,
      actualStart: 1000.4, actualEnd: null, reason: null,
    };
    c.ws.send('not json');
    c.ws.send(JSON.stringify({ type: 'report', reports: [{ ...r, event: 'played' }] }));
    c.ws.send(JSON.stringify({ type: 'report', reports: [r] }));
    c.ws.send(JSON.stringify({ type: 'report', reports: [r] })); // resent after a reconnect
    expect((await c.next('ack')).ids).toEqual([r.id]);
    expect((await c.next('ack')).ids).toEqual([r.id]);
    c.ws.send(JSON.stringify({ type: 'output', requested: 'USB', used: 'default', ok: false, reason: 'not found' }));
    await new Promise((res) => setTimeout(res, 200));
    const lines = events.filter((e) => e.event === 'item-start');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ target: 'radio', slot: 'open', index: 0, src: 'loud.ogg', startErrorMs: 0.4, ts: 1000.4 });
    expect(events.find((e) => e.event === 'output-fallback')).toMatchObject({ requested: 'USB', used: 'default', reason: 'not found' });
    c.ws.close();
  });

  it('writes a dead-air report as a proof-of-play line the report can read, and keeps the last one for the console', async () => {
    const { base, events } = await setup([{ start: 5000, end: 15_000 }]);
    const c = connect(base);
    await c.opened;
    c.ws.send(JSON.stringify({ type: 'hello', protocol: 1, page: 't' }));
    await c.next('plan');
    expect(part!.onAir().deadAir).toBeNull();
    const r: RadioReport = {
      id: 'playlists/sang.yaml@1/body/0/dead-air', session: 'playlists/sang.yaml@1', playlist: 'playlists/sang.yaml',
      slot: 'body', index: 0, event: 'dead-air', src: 'hong.wav', scheduledStart: null, scheduledEnd: null,
      actualStart: 1000, actualEnd: 6250, reason: 'silent (below −50 dBFS) for 5.3 s: skipped / im lặng quá 5 giây: bỏ qua',
    };
    c.ws.send(JSON.stringify({ type: 'report', reports: [r] }));
    expect((await c.next('ack')).ids).toEqual([r.id]);
    const line = events.find((e) => e.event === 'dead-air');
    expect(line).toMatchObject({ target: 'radio', slot: 'body', index: 0, src: 'hong.wav', actualStart: 1000, actualEnd: 6250 });
    expect(parseProofOfPlayLine(JSON.stringify(line))).not.toBeNull();
    expect(part!.onAir().deadAir).toMatchObject({ src: 'hong.wav', actualEnd: 6250 });
    c.ws.close();
  });

  it('logs a session that no page reported as not aired', async () => {
    const { events } = await setup([{ start: -2000, end: 300 }], 100);
    await new Promise((res) => setTimeout(res, 700));
    await part!.refresh();
    const missed = events.find((e) => e.event === 'session-missed');
    expect(missed).toMatchObject({ target: 'radio', playlist: 'playlists/sang.yaml', reason: 'no radio page connected' });
  });
});
