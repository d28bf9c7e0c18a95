// The radio when things go wrong: starting inside a session, a host restart mid-session, missing
// and corrupt spots, a failing transmitter, an output device that is not there. Each time the
// session still airs on time and the proof of play says what happened.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRadioPart } from '../../../main/host/parts/radio/part.js';
import { chromiumAndDirs } from '../../helpers/e2e-file.js';
import {
  audio, corrupt, find, heard, missBy, missing, onAir, openRadio, radioHost, radioStation, session, sleep, stepWhenSynced, until,
} from '../../helpers/radio-host.js';
import { steppedClock } from '../../helpers/clock.js';

const e2e = chromiumAndDirs();
const dir = e2e.dir;

/** Heard edges within this of the plan. Chromium's headless audio output (a timer-driven null
 *  sink) falls behind when a loaded 2-core machine starves it; radio.bench measures precision. */
const TOLERANCE_MS = 100;

/** Sessions start at a fixed instant, Monday 2030-01-07 08:00 in Hanoi, on a host clock stepped
 *  to a few seconds before it once the page is synchronised (test/helpers/clock.ts). */
const SESSION = Date.parse('2030-01-07T08:00:00+07:00');

const closeEnded = (file: string) => async (rh: { proofOfPlay(): Promise<Record<string, unknown>[]> }) =>
  find(await rh.proofOfPlay() as never, { event: 'slot-end', slot: 'close', playlist: file });

describe('radio faults', () => {
  it('starting inside a session: the open is logged missed, the body is joined at the right offset, the close airs on time', async () => {
    const d = dir();
    const s = session('playlists/sang.yaml', {
      open: [audio(d, 'open.wav', 1, 880)],
      body: [audio(d, 'body-1.wav', 6, 330), audio(d, 'body-2.wav', 10, 220)],
      close: [audio(d, 'close.wav', 1, 550)],
    });
    const st = radioStation([s]);
    const start = Date.now() - 2000;
    const end = start + 12_000;
    const rh = await radioHost(d, st, [{ file: s.file, start, end }], { parts: [createRadioPart({ monitor: true })] });
    try {
      const page = await openRadio(e2e.browser, rh.host);
      await until(() => closeEnded(s.file)(rh as never), 25_000);
      const air = await heard(page);
      await page.close();
      const log = await rh.proofOfPlay();
      const missed = find(log, { event: 'slot-missed', slot: 'open' })!;
      expect(missed['reason']).toMatch(/started after/);
      expect(find(log, { event: 'item-missed', slot: 'open', index: 0 })).toBeTruthy();
      expect(find(log, { event: 'item-start', slot: 'open' })).toBeUndefined();
      // Joined the body (it started at start + 1 s) in the file and at the offset that match
      // the moment of joining — not from its beginning.
      const joined = log.find((e) => e.event === 'item-start' && e['slot'] === 'body')!;
      const into = Number(/joined (\d+) ms into the file/.exec(String(joined['reason']))?.[1]);
      const before = joined['index'] === 1 ? 6000 : 0;
      const expected = (joined['actualStart'] as number) - (start + 1000) - before;
      expect(expected).toBeGreaterThan(500);
      expect(Math.abs(into - expected)).toBeLessThan(300);
      // Heard: the close ends with the session.
      expect(missBy(air.off, end)).toBeLessThan(TOLERANCE_MS);
    } finally {
      await rh.close();
    }
  }, 60_000);

  it('a host restart mid-session: the page keeps playing, reconnects, and the close still airs and is logged once', async () => {
    const d = dir();
    const s = session('playlists/trua.yaml', {
      open: [audio(d, 'open.wav', 0.8, 880)],
      body: [audio(d, 'body-long.wav', 12, 220)],
      close: [audio(d, 'close.wav', 1, 550)],
    });
    const st = radioStation([s]);
    const start = SESSION;
    const end = start + 8000;
    const spans = [{ file: s.file, start, end }];
    const clock = steppedClock(start - 60_000);
    let rh = await radioHost(d, st, spans, { parts: [createRadioPart({ monitor: true })], token: 'fixed-token-for-restart', clock });
    const port = Number(new URL(rh.host.url).port);
    try {
      const page = await openRadio(e2e.browser, rh.host);
      await stepWhenSynced(page, clock, start - 4000);
      await until(async () => find(await rh.proofOfPlay(), { event: 'item-start', slot: 'body', index: 0 }), 15_000);
      await rh.close();
      await sleep(800);
      rh = await radioHost(d, st, spans, { parts: [createRadioPart({ monitor: true })], token: 'fixed-token-for-restart', port, clock });
      await until(() => closeEnded(s.file)(rh as never), 20_000);
      const pageState = await page.evaluate('window.bantinRadio.state()') as { pending: number };
      const air = await heard(page);
      await page.close();
      const log = await rh.proofOfPlay();
      // One open, one body start (the body was not restarted), one close — across both hosts.
      expect(log.filter((e) => e.event === 'item-start' && e['slot'] === 'open')).toHaveLength(1);
      expect(log.filter((e) => e.event === 'item-start' && e['slot'] === 'body')).toHaveLength(1);
      expect(log.filter((e) => e.event === 'slot-end' && e['slot'] === 'close')).toHaveLength(1);
      expect(log.filter((e) => e.event === 'slot-end' && e['slot'] === 'body')).toHaveLength(1);
      // Heard: the close ended on time (the page kept its plan while the host was away).
      expect(missBy(air.off, end)).toBeLessThan(TOLERANCE_MS);
      expect(pageState.pending).toBe(0);
    } finally {
      await rh.close();
    }
  }, 60_000);

  it('missing and corrupt spots are skipped and logged; the open still starts on time and the close stays back-timed', async () => {
    const d = dir();
    const s = session('playlists/chieu.yaml', {
      open: [missing('khong-co.wav'), corrupt(d, 'hong.wav'), audio(d, 'open.wav', 0.7, 880)],
      body: [audio(d, 'body.wav', 8, 220)],
      close: [audio(d, 'close-1.wav', 0.6, 550), missing('mat-file.mp3')],
    });
    const st = radioStation([s]);
    const start = SESSION;
    const end = start + 4500;
    const { rh, page } = await onAir(e2e.browser, d, st, { file: s.file, start, end }, start - 4000);
    try {
      await until(() => closeEnded(s.file)(rh as never), 20_000);
      const air = await heard(page);
      await page.close();
      const log = await rh.proofOfPlay();
      expect(find(log, { event: 'item-skip', slot: 'open', index: 0 })!['reason']).toBe('missing file');
      expect(find(log, { event: 'item-skip', slot: 'open', index: 1 })!['reason']).toMatch(/cannot decode/);
      expect(find(log, { event: 'item-skip', slot: 'close', index: 1 })!['reason']).toBe('missing file');
      // The one good open spot is heard from the session start; the good close spot is now the
      // last one: it is heard ending at the session end.
      expect(find(log, { event: 'item-start', slot: 'open', index: 2 })!['src']).toBe('open.wav');
      expect(missBy(air.on, start)).toBeLessThan(TOLERANCE_MS);
      expect(find(log, { event: 'item-end', slot: 'close', index: 0 })!['scheduledEnd']).toBe(end);
      expect(missBy(air.off, end)).toBeLessThan(TOLERANCE_MS);
    } finally {
      await rh.close();
    }
  }, 60_000);

  it('a failing transmitter and an unknown output device are logged loudly and the session still airs', async () => {
    const d = dir();
    const s = session('playlists/toi.yaml', {
      open: [audio(d, 'open.wav', 0.5, 880)],
      body: [audio(d, 'body.wav', 6, 220)],
      close: [audio(d, 'close.wav', 0.5, 550)],
    });
    const st = radioStation([s], {
      output: 'Loa ngoài USB (không có)',
      transmitter: {
        on: { command: [join(d, 'khong-co-relay')] },
        off: { command: [process.execPath, '-e', 'process.exit(3)'] },
        leadMs: 1000, tailMs: 500,
      },
    });
    const start = SESSION;
    const end = start + 3000;
    const { rh, page } = await onAir(e2e.browser, d, st, { file: s.file, start, end }, start - 4000);
    try {
      await until(async () => find(await rh.proofOfPlay(), { event: 'transmitter-off' }), 20_000);
      const output = await page.evaluate('window.bantinRadio.output()') as { ok: boolean; deviceId: string };
      const air = await heard(page);
      await page.close();
      const log = await rh.proofOfPlay();
      const on = find(log, { event: 'transmitter-on' })!;
      expect(on['ok']).toBe(false);
      expect(on['error']).toMatch(/cannot run/);
      const off = find(log, { event: 'transmitter-off' })!;
      expect(off['ok']).toBe(false);
      expect(off['error']).toBe('exit code 3');
      const fallback = find(log, { event: 'output-fallback' })!;
      expect(fallback['requested']).toBe('Loa ngoài USB (không có)');
      expect(fallback['used']).toBe('default');
      expect(output).toMatchObject({ ok: false, deviceId: '' });
      // Aired anyway, on time: heard from the start to the end.
      expect(missBy(air.on, start)).toBeLessThan(TOLERANCE_MS);
      expect(missBy(air.off, end)).toBeLessThan(TOLERANCE_MS);
    } finally {
      await rh.close();
    }
  }, 60_000);

  it('a host clock jump re-plans: the page re-syncs and airs on the new clock, the transmitter follows', async () => {
    const d = dir();
    const s = session('playlists/nhay-gio.yaml', {
      open: [audio(d, 'open.wav', 0.5, 880)],
      body: [audio(d, 'body.wav', 6, 220)],
      close: [audio(d, 'close.wav', 0.5, 550)],
    });
    const st = radioStation([s], {
      transmitter: { on: { command: [process.execPath, '-e', ''] }, off: { command: [process.execPath, '-e', ''] }, leadMs: 500, tailMs: 300 },
    });
    const start = SESSION;
    const end = start + 3000;
    const { rh, page, clock } = await onAir(e2e.browser, d, st, { file: s.file, start, end }, start - 5000, { clockJumpMs: 1000 });
    try {
      // 2 s before the session, the host clock is set back 4 s (an NTP step, an operator fixing
      // the time): the session, fixed on the host clock, now comes 4 s later in real time. A page
      // that kept its old offset would air the open (already handed to the audio clock 1.5 s
      // ahead) 4 s early by the host's clock.
      await sleep(start - 2000 - clock.now());
      clock.set(clock.now() - 4000);
      await until(() => closeEnded(s.file)(rh as never), 25_000);
      const air = await heard(page);
      await page.close();
      const log = await rh.proofOfPlay();
      // Judged by the host's clock when the page's reports arrived (not by the page's own
      // conversion, which would look right even with a stale offset).
      const openStart = find(log, { event: 'item-start', slot: 'open', index: 0 })!;
      expect(Math.abs((openStart['receivedAt'] as number) - start)).toBeLessThan(400);
      // Heard on the new clock (edges are converted with the page's re-synced offset): nothing
      // sounded 4 s early, the open began at the start and the close ended at the end.
      expect(air.on.filter((t) => t < start - TOLERANCE_MS)).toEqual([]);
      expect(missBy(air.on, start)).toBeLessThan(TOLERANCE_MS);
      expect(missBy(air.off, end)).toBeLessThan(TOLERANCE_MS);
      expect(log.filter((e) => e.event === 'item-start' && e['slot'] === 'open')).toHaveLength(1);
      const on = find(log, { event: 'transmitter-on' })!;
      expect(Math.abs((on['actual'] as number) - (start - 500))).toBeLessThan(400);
    } finally {
      await rh.close();
    }
  }, 60_000);

  it('a second radio page stands by silent, and takes over on air when the first one goes away', async () => {
    const d = dir();
    const s = session('playlists/hai-trang.yaml', {
      open: [audio(d, 'open.wav', 0.8, 880)],
      body: [audio(d, 'body-long.wav', 12, 220)],
      close: [audio(d, 'close.wav', 1, 550)],
    });
    const start = SESSION;
    const end = start + 8000;
    const clock = steppedClock(start - 60_000);
    const rh = await radioHost(d, radioStation([s]), [{ file: s.file, start, end }], { parts: [createRadioPart({ monitor: true })], clock });
    try {
      const a = await openRadio(e2e.browser, rh.host);
      await stepWhenSynced(a, clock, start - 5000);
      const b = await openRadio(e2e.browser, rh.host);
      await until(async () => (await b.evaluate('window.bantinRadio?.state().standby ?? false') as boolean), 10_000);
      expect(await a.evaluate('window.bantinRadio.state().standby')).toBe(false);
      // A airs the open and starts the body; then A's window goes away.
      await until(async () => find(await rh.proofOfPlay(), { event: 'item-start', slot: 'body', index: 0 }), 15_000);
      const aGone = clock.now();
      await a.close();
      await until(async () => !(await b.evaluate('window.bantinRadio.state().standby') as boolean), 10_000);
      await until(() => closeEnded(s.file)(rh as never), 20_000);
      const airB = await heard(b);
      await b.close();
      const log = await rh.proofOfPlay();
      expect(log.filter((e) => e.event === 'item-start' && e['slot'] === 'open')).toHaveLength(1);
      expect(log.filter((e) => e.event === 'item-start' && e['slot'] === 'close')).toHaveLength(1);
      // B took over: it did not call the open A aired "missed".
      expect(log.filter((e) => String(e.event).endsWith('-missed'))).toEqual([]);
      // B was silent while it stood by, and is heard ending the close on time.
      expect(airB.on.filter((t) => t < aGone)).toEqual([]);
      expect(missBy(airB.off, end)).toBeLessThan(TOLERANCE_MS);
    } finally {
      await rh.close();
    }
  }, 60_000);
});
