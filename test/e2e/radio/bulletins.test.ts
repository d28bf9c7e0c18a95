// Bulletins on the radio in real Chromium, judged by what the page's output monitor heard: an
// emergency put on air by a hot reload (what `bantin bulletin` causes) during a session's body —
// the program silenced, the attention tone, the bulletin, the body back at its offset, the close
// on time; one in idle air (transmitter on at once, off after its tail); one across the close
// (the close airs in full after it); one ended early by deleting its file; priority and normal
// bulletins after the open; a text spoken by espeak-ng.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AssetRef, Bulletin, BroadcastSession, Station } from '../../../main/core/model.js';
import { estimateSpeechMs } from '../../../main/core/bulletins/length.js';
import { createRadioPart } from '../../../main/host/parts/radio/part.js';
import { chromiumAndDirs } from '../../helpers/e2e-file.js';
import { audio, find, heard, onAir, radioStation, session, until, type RadioHost, type Span } from '../../helpers/radio-host.js';
import type { LoggedLine } from '../../helpers/proof-of-play.js';
import type { SteppedClock } from '../../helpers/clock.js';

const e2e = chromiumAndDirs();

const SESSION = Date.parse('2030-01-07T08:00:00+07:00');
const TONE_MS = 3000;
/** The tone's quiet head: the program fades out under it. */
const TONE_QUIET_MS = 250;
/** Heard vs meant, on two shared cores and Chromium's timer-driven null sink (see session.test.ts). */
const TOLERANCE_MS = 120;

function bulletin(file: string, extra: Partial<Bulletin>): Bulletin {
  return {
    file, level: 'emergency', title: 'Cảnh báo bão số 5', text: null, audio: null,
    from: SESSION, until: SESSION + 3600_000, everyMs: null, sessions: null, band: false, ...extra,
  };
}

const withBulletins = (st: Station, bulletins: Bulletin[]): Station => ({ ...st, bulletins });

/** The first heard edge at or after `from` (host ms), or Infinity. */
const firstAfter = (edges: number[], from: number) => Math.min(Infinity, ...edges.filter((t) => t >= from));
/** The last heard edge before `to`. */
const lastBefore = (edges: number[], to: number) => Math.max(-Infinity, ...edges.filter((t) => t < to));

async function waitFor(rh: RadioHost, f: Partial<Record<string, unknown>>, ms = 20_000): Promise<LoggedLine> {
  const line = await until(async () => find(await rh.proofOfPlay(), f), ms);
  if (!line) throw new Error(`no proof-of-play line ${JSON.stringify(f)}`);
  return line;
}

/** How far into its file the page's body is now (the HTML element's position), and how far the
 *  plan says it should be (`bodyStart`, host ms, a single-file body). */
async function bodyOffset(page: Page, clock: SteppedClock, bodyStart: number): Promise<{ planned: number; played: number }> {
  const planned = clock.now() - bodyStart;
  const played = await page.evaluate(`(() => {
    const runs = [...window.bantinRadio.engine.runs.values()];
    const body = runs[0]?.run.body;
    return body && body.sound ? body.sound.position() * 1000 : null;
  })()`) as number | null;
  expect(played).not.toBeNull();
  return { planned, played: played! };
}

function stampScript(dir: string): { stamps: string; on: string[]; off: string[] } {
  const stamps = join(dir, 'tx.log');
  writeFileSync(stamps, '');
  const script = join(dir, 'stamp.mjs');
  writeFileSync(script, "import { appendFileSync } from 'node:fs';\nappendFileSync(process.argv[2], `${process.argv[3]}\\n`);\n");
  return { stamps, on: [process.execPath, script, stamps, 'on'], off: [process.execPath, script, stamps, 'off'] };
}

function sessionOf(dir: string, body: AssetRef[] | 'live', closeS = 0.8): BroadcastSession {
  return session('playlists/sang.yaml', {
    open: [audio(dir, 'radio/nhac-hieu.wav', 1, 880, { tailMs: 150 })],
    body,
    close: [audio(dir, 'radio/ket-thuc.wav', closeS, 550, { headMs: 100 })],
  });
}

describe('an emergency on the radio', () => {
  it('during the body: the tone, the bulletin, the body back at its offset, the close on time', async () => {
    const dir = e2e.dir();
    const s = sessionOf(dir, [audio(dir, 'radio/chuong-trinh.wav', 14, 220)]);
    const bao = bulletin('bulletins/bao.yaml', { audio: audio(dir, 'bulletins/bao.wav', 1.5, 330), from: SESSION + 3000 });
    const st = radioStation([s]);
    const span: Span = { file: s.file, start: SESSION, end: SESSION + 12_000 };
    const { rh, page, clock } = await onAir(e2e.browser, dir, st, span, SESSION - 2000, { parts: [createRadioPart({ monitor: true, speechDir: dir })] });
    try {
      await until(() => clock.now() >= SESSION + 3000, 10_000);
      // What `bantin bulletin` causes: the station reloads with the new file in it.
      const put = clock.now();
      await rh.set(withBulletins(st, [bao]), [span]);
      const aired = await waitFor(rh, { event: 'bulletin-aired' });
      const t0 = aired['actualStart'] as number;
      expect(t0 - put, 'on air within a second of the reload').toBeLessThan(1000);
      expect(aired).toMatchObject({ bulletin: 'bulletins/bao.yaml', level: 'emergency', session: null });
      await waitFor(rh, { event: 'bulletin-ended' });
      // The body back: as far into its file as the plan says, give or take 0.5 s.
      await new Promise((r) => setTimeout(r, 300));
      const { planned, played } = await bodyOffset(page, clock, SESSION + 1000);
      expect(Math.abs(played - planned), `body at ${played} ms, planned ${planned} ms`).toBeLessThan(500);
      await waitFor(rh, { event: 'slot-end', slot: 'close' });
      const air = await heard(page);
      const log = await rh.proofOfPlay();
      await page.close();
      // Heard: the tone after its quiet head, the bulletin 3 s after the airing's start, its end.
      expect(Math.abs(firstAfter(air.on, t0 - 50) - (t0 + TONE_QUIET_MS)), 'the tone').toBeLessThan(TOLERANCE_MS);
      expect(Math.abs(firstAfter(air.on, t0 + TONE_MS - 200) - (t0 + TONE_MS)), 'the bulletin after the tone').toBeLessThan(TOLERANCE_MS);
      // Its end: the body (on the master bus, as the monitor hears it) comes back at once, so
      // the output goes quiet there only if the body's return is late; never inside the bulletin.
      const contentEnd = t0 + TONE_MS + 1500;
      const quiet = air.off.filter((t) => t > t0 + TONE_MS + 200 && t < contentEnd + 1000);
      expect(quiet.every((t) => Math.abs(t - contentEnd) < TOLERANCE_MS), `the bulletin ends (quiet at ${quiet.map((t) => t - t0).join(', ')})`).toBe(true);
      expect(Math.abs((find(log, { event: 'bulletin-ended' })!['actualEnd'] as number) - contentEnd), 'its end logged').toBeLessThan(TOLERANCE_MS);
      // The close: back-timed to the session end as planned, heard from end − 0.7 s to the end.
      expect(Math.abs(firstAfter(air.on, span.end - 1500) - (span.end - 700))).toBeLessThan(TOLERANCE_MS);
      expect(Math.abs(lastBefore(air.off, span.end + 500) - span.end), 'the close ends on time').toBeLessThan(TOLERANCE_MS);
      // The body file was never restarted: it streamed on under the bulletin.
      expect(log.filter((e) => e.event === 'item-start' && e['slot'] === 'body')).toHaveLength(1);
      expect(find(log, { event: 'bulletin-ended' })).toMatchObject({ reason: null, level: 'emergency' });
    } finally {
      await rh.close();
    }
  }, 90_000);

  it('in idle air: the transmitter on at once, off its tail after the bulletin', async () => {
    const dir = e2e.dir();
    const tx = stampScript(dir);
    const s = sessionOf(dir, 'live');
    const st = radioStation([s], { transmitter: { on: { command: tx.on }, off: { command: tx.off }, leadMs: 5000, tailMs: 1000 } });
    const span: Span = { file: s.file, start: SESSION + 3600_000, end: SESSION + 3660_000 };
    const { rh, page, clock } = await onAir(e2e.browser, dir, st, span, SESSION, { parts: [createRadioPart({ monitor: true, speechDir: dir })] });
    try {
      const put = clock.now();
      const bao = bulletin('bulletins/bao.yaml', { audio: audio(dir, 'bulletins/bao.wav', 1, 330), from: put - 500 });
      await rh.set(withBulletins(st, [bao]), [span]);
      const on = await waitFor(rh, { event: 'transmitter-on' });
      expect(on['ok']).toBe(true);
      expect((on['actual'] as number) - put, 'switched on at once (no lead)').toBeLessThan(1000);
      const aired = await waitFor(rh, { event: 'bulletin-aired' });
      const t0 = aired['actualStart'] as number;
      // When the host first saw it: the airing as the host reckons it starts there.
      const seen = aired['scheduledStart'] as number;
      expect(t0 - seen, 'on air within a second of the host seeing it').toBeLessThan(1000);
      const off = await waitFor(rh, { event: 'transmitter-off' });
      // The host plans the off from its own reckoning of the airing (tone + audio from when it saw
      // it) + the tail, and moves it by the page's lag once the page says when it began (the
      // plan's trip, fetching and decoding the audio: over a second on a loaded machine, which
      // otherwise cut the bulletin's end) — exact — and switches on its timer.
      expect(t0, 'the page begins a little after it is seen (START_AHEAD_MS at least)').toBeGreaterThan(seen);
      expect(off['scheduled']).toBe(t0 + TONE_MS + 1000 + 1000);
      expect((off['actual'] as number) - (off['scheduled'] as number), 'the host switched on time').toBeLessThan(TOLERANCE_MS);
      const air = await heard(page);
      await page.close();
      expect(Math.abs(firstAfter(air.on, t0 - 50) - (t0 + TONE_QUIET_MS))).toBeLessThan(TOLERANCE_MS);
      expect(Math.abs(firstAfter(air.on, t0 + TONE_MS - 200) - (t0 + TONE_MS))).toBeLessThan(TOLERANCE_MS);
      // What the listener gets: the transmitter on through the whole bulletin as heard, and off
      // its tail after it.
      const heardEnd = lastBefore(air.off, t0 + TONE_MS + 1000 + 500);
      expect(Math.abs(heardEnd - (t0 + TONE_MS + 1000)), 'the bulletin heard to its end').toBeLessThan(TOLERANCE_MS);
      expect((off['actual'] as number) - heardEnd, 'off after the bulletin was heard out').toBeGreaterThan(0);
      expect((off['actual'] as number) - heardEnd, 'off at most its tail after it').toBeLessThan(1000 + TOLERANCE_MS);
      expect(readFileSync(tx.stamps, 'utf8').trim().split('\n')).toEqual(['on', 'off']);
    } finally {
      await rh.close();
    }
  }, 90_000);

  it('across the close: the close airs in full right after it, the session running over', async () => {
    const dir = e2e.dir();
    const s = sessionOf(dir, [audio(dir, 'radio/chuong-trinh.wav', 10, 220)]);
    const st = radioStation([s]);
    const span: Span = { file: s.file, start: SESSION, end: SESSION + 6000 };
    const { rh, page, clock } = await onAir(e2e.browser, dir, st, span, SESSION - 2000, { parts: [createRadioPart({ monitor: true, speechDir: dir })] });
    try {
      await until(() => clock.now() >= span.end - 500, 15_000);
      const bao = bulletin('bulletins/bao.yaml', { audio: audio(dir, 'bulletins/bao.wav', 1, 330), from: clock.now() });
      await rh.set(withBulletins(st, [bao]), [span]);
      const t0 = (await waitFor(rh, { event: 'bulletin-aired' }))['actualStart'] as number;
      const closeEnd = await waitFor(rh, { event: 'slot-end', slot: 'close' });
      const air = await heard(page);
      await page.close();
      const after = t0 + TONE_MS + 1000;
      // Heard from after its 0.1 s quiet head, for its 0.7 s of sound, right after the bulletin.
      expect(Math.abs(firstAfter(air.on, after - 50) - (after + 100)), 'the close after the bulletin').toBeLessThan(TOLERANCE_MS);
      expect(Math.abs(lastBefore(air.off, after + 1500) - (after + 800)), 'the close in full').toBeLessThan(TOLERANCE_MS);
      expect(Math.abs((closeEnd['actualEnd'] as number) - (after + 800))).toBeLessThan(TOLERANCE_MS);
    } finally {
      await rh.close();
    }
  }, 90_000);

  it('ends at once when its file is deleted; the air goes back to the plan', async () => {
    const dir = e2e.dir();
    const s = sessionOf(dir, [audio(dir, 'radio/chuong-trinh.wav', 20, 220)]);
    const st = radioStation([s]);
    const span: Span = { file: s.file, start: SESSION, end: SESSION + 16_000 };
    const { rh, page, clock } = await onAir(e2e.browser, dir, st, span, SESSION - 2000, { parts: [createRadioPart({ monitor: true, speechDir: dir })] });
    try {
      await until(() => clock.now() >= SESSION + 2000, 10_000);
      const bao = bulletin('bulletins/bao.yaml', { audio: audio(dir, 'bulletins/bao.wav', 6, 330), from: clock.now() });
      await rh.set(withBulletins(st, [bao]), [span]);
      const t0 = (await waitFor(rh, { event: 'bulletin-aired' }))['actualStart'] as number;
      await until(() => clock.now() >= t0 + TONE_MS + 2000, 10_000);
      const cut = clock.now();
      await rh.set(st, [span]);
      const ended = await waitFor(rh, { event: 'bulletin-ended' });
      expect(ended['reason']).toMatch(/removed/);
      expect((ended['actualEnd'] as number) - cut).toBeLessThan(1000);
      await new Promise((r) => setTimeout(r, 800));
      const air = await heard(page);
      // The bulletin's sound stopped within a second of the deletion, long before its 6 s.
      expect(lastBefore(air.off, t0 + TONE_MS + 7000) - cut).toBeLessThan(1000);
      const { planned, played } = await bodyOffset(page, clock, SESSION + 1000);
      expect(Math.abs(played - planned), 'the body back at its offset').toBeLessThan(500);
      await page.close();
    } finally {
      await rh.close();
    }
  }, 90_000);

  it('a text spoken by espeak-ng, of the length its WAV has and about as long as check estimates', async () => {
    const dir = e2e.dir();
    const s = sessionOf(dir, 'live');
    const st = radioStation([s]);
    const span: Span = { file: s.file, start: SESSION + 3600_000, end: SESSION + 3660_000 };
    const { rh, page, clock } = await onAir(e2e.browser, dir, st, span, SESSION, { parts: [createRadioPart({ monitor: true, speechDir: dir })] });
    try {
      const text = 'Đề nghị bà con neo đậu tàu thuyền an toàn trước 7h30 ngày 15/8/2020.';
      await rh.set(withBulletins(st, [bulletin('bulletins/bao.yaml', { text, from: clock.now() })]), [span]);
      const aired = await waitFor(rh, { event: 'bulletin-aired' });
      const ended = await waitFor(rh, { event: 'bulletin-ended' });
      const wav = execFileSync('sh', ['-c', `ls ${join(dir, 'speech')}/*.wav`]).toString().trim().split('\n');
      expect(wav).toHaveLength(1);
      const wavMs = Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', wav[0]!]).toString()) * 1000;
      const t0 = aired['actualStart'] as number;
      // The end is the media element's `ended` event, which a loaded renderer delivers up to ~0.1 s late.
      expect(Math.abs((ended['actualEnd'] as number) - t0 - TONE_MS - wavMs)).toBeLessThan(150);
      expect(wavMs / estimateSpeechMs(text)).toBeGreaterThan(0.6);
      expect(wavMs / estimateSpeechMs(text)).toBeLessThan(1.6);
      const air = await heard(page);
      await page.close();
      // Heard: speech from after the tone to (its trailing quiet aside) the WAV's end.
      expect(firstAfter(air.on, t0 + TONE_MS - 100) - (t0 + TONE_MS)).toBeLessThan(400);
      expect(lastBefore(air.off, t0 + TONE_MS + wavMs + 500)).toBeGreaterThan(t0 + TONE_MS + wavMs - 1000);
    } finally {
      await rh.close();
    }
  }, 90_000);
});

describe('priority and normal bulletins on the radio', () => {
  it('air right after the open; the body after them; the close on time', async () => {
    const dir = e2e.dir();
    const s = sessionOf(dir, [audio(dir, 'radio/chuong-trinh.wav', 20, 220)]);
    const p = bulletin('bulletins/uu-tien.yaml', { level: 'priority', audio: audio(dir, 'bulletins/p.wav', 1, 330), from: SESSION - 3600_000, until: null });
    const n = bulletin('bulletins/thuong.yaml', { level: 'normal', audio: audio(dir, 'bulletins/n.wav', 0.5, 440), from: SESSION - 3600_000, until: null, sessions: [s.file] });
    const st = withBulletins(radioStation([s]), [n, p]);
    const span: Span = { file: s.file, start: SESSION, end: SESSION + 14_000 };
    const { rh, page } = await onAir(e2e.browser, dir, st, span, SESSION - 2000, { parts: [createRadioPart({ monitor: true, speechDir: dir })] });
    try {
      await waitFor(rh, { event: 'slot-end', slot: 'close' }, 30_000);
      const air = await heard(page);
      const log = await rh.proofOfPlay();
      await page.close();
      const openEnd = SESSION + 1000;
      const aired = log.filter((e) => e.event === 'bulletin-aired');
      expect(aired.map((e) => [e['bulletin'], e['level'], e['session']])).toEqual([
        ['bulletins/uu-tien.yaml', 'priority', `${s.file}@${SESSION}`], ['bulletins/thuong.yaml', 'normal', `${s.file}@${SESSION}`],
      ]);
      // Heard: tone + priority (1 s) from the open's end, then tone + normal (0.5 s).
      expect(Math.abs(firstAfter(air.on, openEnd - 50) - (openEnd + TONE_QUIET_MS))).toBeLessThan(TOLERANCE_MS);
      expect(Math.abs(firstAfter(air.on, openEnd + TONE_MS - 200) - (openEnd + TONE_MS))).toBeLessThan(TOLERANCE_MS);
      const second = openEnd + TONE_MS + 1000;
      expect(Math.abs(firstAfter(air.on, second + TONE_MS - 200) - (second + TONE_MS))).toBeLessThan(TOLERANCE_MS);
      // The body starts after them (the page's report: the monitor does not hear HTML audio).
      const body = find(log, { event: 'item-start', slot: 'body', index: 0 })!;
      expect(Math.abs((body['actualStart'] as number) - (second + TONE_MS + 500))).toBeLessThan(250);
      expect(Math.abs(lastBefore(air.off, span.end + 500) - span.end), 'the close ends on time').toBeLessThan(TOLERANCE_MS);
    } finally {
      await rh.close();
    }
  }, 90_000);

  it('an emergency cuts one on air: faded under its quiet head, logged ended with why, not resumed after it', async () => {
    const dir = e2e.dir();
    const s = sessionOf(dir, [audio(dir, 'radio/chuong-trinh.wav', 20, 220)]);
    const p = bulletin('bulletins/uu-tien.yaml', { level: 'priority', audio: audio(dir, 'bulletins/p.wav', 10, 330), from: SESSION - 3600_000, until: null });
    const st = withBulletins(radioStation([s]), [p]);
    const span: Span = { file: s.file, start: SESSION, end: SESSION + 20_000 };
    const { rh, page, clock } = await onAir(e2e.browser, dir, st, span, SESSION - 2000, { parts: [createRadioPart({ monitor: true, speechDir: dir })] });
    try {
      const openEnd = SESSION + 1000;
      // Into the priority bulletin's audio (it airs from openEnd + the tone, for 10 s).
      await until(() => clock.now() >= openEnd + TONE_MS + 1500, 15_000);
      const bao = bulletin('bulletins/bao.yaml', { audio: audio(dir, 'bulletins/bao.wav', 1, 660), from: clock.now() });
      await rh.set(withBulletins(st, [p, bao]), [span]);
      const e = await waitFor(rh, { event: 'bulletin-aired', bulletin: 'bulletins/bao.yaml' });
      const eStart = e['actualStart'] as number;
      const cut = await waitFor(rh, { event: 'bulletin-ended', bulletin: 'bulletins/uu-tien.yaml' });
      expect(cut['reason']).toBe('cut by an emergency (bulletins/bao.yaml): not resumed');
      expect((cut['actualEnd'] as number) - eStart).toBeCloseTo(TONE_QUIET_MS, -1);
      const eEnd = eStart + TONE_MS + 1000;
      await waitFor(rh, { event: 'slot-end', slot: 'close' }, 30_000);
      const air = await heard(page);
      const log = await rh.proofOfPlay();
      await page.close();
      // Heard: silence when the emergency ends, until the body — the priority bulletin (4 s of it
      // left) does not come back. (Its fade runs into the tone: the monitor hears no gap there.)
      expect(Math.abs(lastBefore(air.off, eEnd + 300) - eEnd)).toBeLessThan(TOLERANCE_MS);
      const bodyStart = openEnd + TONE_MS + 10_000;
      expect(air.on.filter((t) => t > eEnd + 100 && t < bodyStart - 100)).toEqual([]);
      expect(log.filter((l) => l.event === 'bulletin-aired').map((l) => l['bulletin'])).toEqual(['bulletins/uu-tien.yaml', 'bulletins/bao.yaml']);
    } finally {
      await rh.close();
    }
  }, 90_000);
});
