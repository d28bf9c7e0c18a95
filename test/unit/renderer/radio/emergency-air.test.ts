// Bulletins on the radio page, on a fake clock and fake audio: an emergency silences the program
// and airs the tone then its audio at once, the body streams on silently and comes back at its
// offset, a close it cuts airs in full after it; deleting its file ends it at once; repeats
// every `every`; priority bulletins air right after the open and the body starts after them.
import { describe, expect, it } from 'vitest';
import type { RadioBulletinReport, RadioCueBulletin, RadioCueItem, RadioCueSession, RadioReport } from '../../../../main/core/contract/radio.js';
import type { ProgramFader, Silence } from '../../../../renderer/radio/audio.js';
import { Engine } from '../../../../renderer/radio/engine.js';
import { FakeBody, FakeSpots, type FakeFile } from '../../../helpers/fake-audio.js';
import { FakeTime } from '../../../helpers/fake-time.js';

const TONE = 3000;
/** The page hands the first sound to the audio clock this far ahead. */
const AHEAD = 60;

const item = (src: string, durationMs: number | null = null): RadioCueItem => ({ src, url: `/media/${src}`, durationMs, gainDb: null, problem: null });

/** 10 s from t = 10 s: open o1 (1.5 s), body b1 + b2 (4 s each), close c1 (0.8 s). */
function session(extra: Partial<RadioCueSession> = {}): RadioCueSession {
  return {
    id: 'playlists/s.yaml@10000', playlist: 'playlists/s.yaml', name: 'Bản tin',
    start: 10_000, end: 20_000, openEnd: 11_500, closeStart: 19_200, fadeMs: 2000,
    open: [item('o1.mp3')], body: [item('b1.mp3', 4000), item('b2.mp3', 4000)], close: [item('c1.mp3')],
    ...extra,
  };
}

function bulletin(file: string, extra: Partial<RadioCueBulletin> = {}): RadioCueBulletin {
  return {
    file, level: 'emergency', title: 'Cảnh báo bão', url: `/media/${file}.wav`, durationMs: 2000, problem: null,
    from: 13_000, until: 60_000, everyMs: null, ...extra,
  };
}

const files: Record<string, FakeFile> = {
  '/media/o1.mp3': { ms: 1500 }, '/media/c1.mp3': { ms: 800 }, '/media/b1.mp3': { ms: 4000 }, '/media/b2.mp3': { ms: 4000 },
  '/media/bulletins/bao.yaml.wav': { ms: 2000 }, '/media/bulletins/p.yaml.wav': { ms: 1000 },
};

class FakeProgram implements ProgramFader {
  readonly sets: Silence[][] = [];
  set(silences: readonly Silence[]): void {
    this.sets.push(silences.map(({ at, end }) => ({ at, end })));
  }
}

/** The page's clock before it knows the host's: its own, years away from a host on another clock. */
const YEARS = 6 * 365 * 86_400_000;

function rig(more: Record<string, FakeFile> = {}) {
  const time = new FakeTime();
  const clock = { ready: true, hostNow: () => (clock.ready ? time.now() : time.now() + YEARS) };
  const spots = new FakeSpots(time, { ...files, ...more });
  const body = new FakeBody(time, { ...files, ...more });
  const program = new FakeProgram();
  const reports: RadioReport[] = [];
  const bulletins: RadioBulletinReport[] = [];
  const engine = new Engine({
    clock, timers: time, spots, body, program,
    report: (r) => reports.push(r), bulletinReport: (r) => bulletins.push(r), edges: () => null, status: () => undefined,
  });
  engine.start();
  const aired = (url: string) => spots.aired.filter((a) => a.url === url);
  return { time, clock, spots, body, program, reports, bulletins, engine, aired };
}

describe('emergencies on the radio page', () => {
  it('in the body: silences the program, airs tone then audio at once, the body rejoins at its offset, the close on time', async () => {
    const r = rig();
    r.engine.setPlan([session()], false, []);
    await r.time.advance(12_000);
    // The file was written at 12 000: the next plan has it.
    r.engine.setPlan([session()], false, [bulletin('bulletins/bao.yaml', { from: 12_000 })]);
    await r.time.advance(10_000);
    const start = 12_000 + AHEAD;
    expect(r.aired('tone').map((a) => a.at)).toEqual([start]);
    expect(r.aired('/media/bulletins/bao.yaml.wav').map((a) => a.at)).toEqual([start + TONE]);
    const end = start + TONE + 2000;
    // The program's spots are silent for exactly the airing; the body was ducked within a tick
    // and back when it ended, never stopped: it kept streaming (b2 began under the bulletin).
    expect(r.program.sets.at(-2)).toEqual([{ at: start, end }]);
    // The body is handed its duck as the airing is handed to the audio clock, as instants of the
    // plan (the audio clock carries them out): fading from 100 ms before the airing, silent 50 ms
    // into the tone's 250 ms quiet head, back at the end. b2, loaded under the bulletin, is
    // handed the same plan as it starts.
    const duck = { fadeFrom: start - 100, silentAt: start + 50, end };
    const handed = r.body.ducks.filter((d) => d.plan.length > 0);
    expect(handed[0]).toEqual({ url: '/media/b1.mp3', at: start - AHEAD, plan: [duck] });
    expect(handed.every((d) => JSON.stringify(d.plan) === JSON.stringify([duck])), JSON.stringify(handed)).toBe(true);
    expect(handed.find((d) => d.url === '/media/b2.mp3')?.at).toBeCloseTo(15_500, -2);
    // Once it is over, nothing is left to duck.
    expect(r.body.ducks.at(-1)).toMatchObject({ url: '/media/b2.mp3', plan: [] });
    expect(r.body.played.map((p) => [p.url, p.offsetMs])).toEqual([['/media/b1.mp3', 0], ['/media/b2.mp3', 0]]);
    expect(r.body.played[1]!.at).toBeCloseTo(15_500, -2);
    expect(r.body.stopped.map((s) => s.at)).toEqual([19_200]);
    // The close was not touched: on time, once.
    expect(r.aired('/media/c1.mp3').map((a) => a.at)).toEqual([19_200]);
    expect(r.bulletins.map((b) => [b.event, b.actualStart, b.actualEnd, b.reason])).toEqual([
      ['bulletin-aired', start, null, null], ['bulletin-ended', start, end, null],
    ]);
    expect(r.bulletins[0]).toMatchObject({ level: 'emergency', bulletin: 'bulletins/bao.yaml', session: null, scheduledStart: 12_000 });
  });

  it('gives the dead-air watch nothing on air while it airs (quiet head, ducked body, silent open spot)', async () => {
    const r = rig({ '/media/o1.mp3': { ms: 6000 } });
    const s = session({ openEnd: 16_000, open: [item('o1.mp3')] });
    r.engine.setPlan([s], false, []);
    await r.time.advance(11_000);
    r.engine.setPlan([s], false, [bulletin('bulletins/bao.yaml', { from: 11_000 })]);
    const seen: Array<[number, string | null]> = [];
    for (let t = 11_000; t < 22_000; t += 250) {
      seen.push([r.time.now(), r.engine.onAir()?.key ?? null]);
      await r.time.advance(250);
    }
    const start = 11_000 + AHEAD;
    const end = start + TONE + 2000;
    const during = seen.filter(([t]) => t >= start && t < end);
    expect(during.length).toBeGreaterThan(15);
    expect(during.every(([, k]) => k === null)).toBe(true);
    // Before it the open spot, after it the body (ducked under it, back as itself).
    expect(seen.find(([t]) => t < start)?.[1]).toBe(`${s.id}/open/0`);
    expect(seen.find(([t]) => t >= end + 250)?.[1]).toBe(`${s.id}/body/0`);
  });

  it('airs its audio at the station loudness (measured, else ReplayGain), the tone at its own level, a late measurement taken', async () => {
    const r = rig();
    const b = bulletin('bulletins/bao.yaml', { from: 1000, until: 30_000, everyMs: 10_000, gainDb: -4, targetLufs: -16 });
    r.engine.setPlan([], false, [b]);
    await r.time.advance(5000);
    r.engine.setPlan([], false, [{ ...b, loudness: { integratedLufs: -26, truePeakDbtp: -20 } }]);
    await r.time.advance(10_000);
    // ReplayGain −4 dB (a −18 LUFS reference) → −2 dB at −16 LUFS; then measured −26 → +10 dB.
    expect(r.aired('/media/bulletins/bao.yaml.wav').map((a) => Math.round(20 * Math.log10(a.gain ?? 1) * 100) / 100)).toEqual([-2, 10]);
    expect(r.aired('tone').map((a) => a.gain)).toEqual([1, 1]);
  });

  it('puts a body that fell behind while silent back where the plan is', async () => {
    const r = rig({ '/media/b3.mp3': { ms: 8000, drift: 0.05 } });
    const s = session({ body: [item('b3.mp3', 8000)] });
    r.engine.setPlan([s], false, []);
    await r.time.advance(12_000);
    r.engine.setPlan([s], false, [bulletin('bulletins/bao.yaml', { from: 12_000 })]);
    await r.time.advance(8000);
    const end = 12_000 + AHEAD + TONE + 2000;
    // Planned: 11 500 + 5 560 at the end; the element (5 % slow) was ~280 ms behind.
    expect(r.body.seeks).toEqual([{ url: '/media/b3.mp3', at: end, offsetMs: end - 11_500 }]);
  });

  it('across the close: the close airs in full right after it, the session runs over by as much', async () => {
    const r = rig();
    r.engine.setPlan([session()], false, []);
    await r.time.advance(18_500);
    r.engine.setPlan([session()], false, [bulletin('bulletins/bao.yaml', { from: 18_500 })]);
    await r.time.advance(10_000);
    const end = 18_500 + AHEAD + TONE + 2000;
    // c1 (handed to the audio clock at 17 700 for 19 200) was taken back and airs from the end.
    expect(r.aired('/media/c1.mp3').map((a) => [a.at, a.stoppedAt])).toEqual([[19_200, 18_500], [end, undefined]]);
    const closeStarts = r.reports.filter((x) => x.slot === 'close' && x.event === 'item-start');
    expect(closeStarts.map((x) => [x.id.endsWith('~1'), x.actualStart])).toEqual([[true, end]]);
    expect(r.reports.find((x) => x.slot === 'close' && x.event === 'slot-end')).toMatchObject({ actualEnd: end + 800 });
  });

  it('ends at once when its file is deleted: the air comes back to the plan', async () => {
    const r = rig();
    r.engine.setPlan([session()], false, []);
    await r.time.advance(13_000);
    r.engine.setPlan([session()], false, [bulletin('bulletins/bao.yaml')]);
    await r.time.advance(1000);
    r.engine.setPlan([session()], false, []);
    await r.time.advance(10_000);
    expect(r.aired('tone')[0]!.stoppedAt).toBe(14_000);
    expect(r.aired('/media/bulletins/bao.yaml.wav')[0]!.stoppedAt).toBe(14_000);
    expect(r.bulletins.at(-1)).toMatchObject({ event: 'bulletin-ended', actualEnd: 14_000, reason: expect.stringContaining('removed') });
    expect(r.program.sets.at(-1)).toEqual([{ at: 13_060, end: 14_000 }]);
    // Ducked for the whole airing, then handed a plan with nothing left to duck the instant it
    // ended: back at once.
    const b1 = r.body.ducks.filter((d) => d.url === '/media/b1.mp3');
    expect(b1.find((d) => d.plan.length > 0)).toEqual({ url: '/media/b1.mp3', at: 13_000, plan: [{ fadeFrom: 12_960, silentAt: 13_110, end: 18_060 }] });
    expect(b1.at(-1)).toEqual({ url: '/media/b1.mp3', at: 14_000, plan: [] });
    expect(r.aired('/media/c1.mp3').map((a) => a.at)).toEqual([19_200]);
  });

  it('airs again every `every` while it lasts, in idle air too; a missing audio airs the tone alone and says so', async () => {
    const r = rig();
    r.engine.setPlan([], false, [bulletin('bulletins/bao.yaml', { from: 1000, until: 25_000, everyMs: 10_000 })]);
    await r.time.advance(30_000);
    expect(r.aired('/media/bulletins/bao.yaml.wav').map((a) => a.at)).toEqual([1000, 11_000, 21_000].map((t) => t + AHEAD + TONE));
    expect(r.bulletins.filter((b) => b.event !== 'bulletin-ended').map((b) => b.event)).toEqual(['bulletin-aired', 'bulletin-repeated', 'bulletin-repeated']);

    const q = rig();
    q.engine.setPlan([], false, [bulletin('bulletins/gone.yaml', { from: 0 })]);
    await q.time.advance(5000);
    expect(q.aired('tone')).toHaveLength(1);
    expect(q.bulletins.map((b) => b.event)).toEqual(['bulletin-aired', 'bulletin-failed', 'bulletin-ended']);
    expect(q.bulletins[1]!.reason).toContain('HTTP 404');
  });
});

describe('emergencies and the host clock', () => {
  it('never airs or writes a wall time while the host clock is not known: it waits for the sync', async () => {
    const r = rig({ '/media/bulletins/bao.yaml.wav': { ms: 2000, decodeMs: 200 } });
    await r.time.advance(12_000);
    r.engine.setPlan([], false, [bulletin('bulletins/bao.yaml', { from: 12_000 })]);
    // The clock is reset (a jump, or a page just started) while the audio decodes.
    r.clock.ready = false;
    await r.time.advance(1000);
    expect(r.aired('tone')).toEqual([]);
    expect(r.bulletins).toEqual([]);
    r.clock.ready = true;
    await r.time.advance(10_000);
    expect(r.aired('tone').map((a) => a.at)).toEqual([13_000 + 100 + AHEAD]);
    for (const b of r.bulletins) {
      for (const t of [b.scheduledStart, b.actualStart, b.actualEnd]) if (t !== null) expect(t).toBeLessThan(30_000);
    }
    expect(r.bulletins.map((b) => b.event)).toEqual(['bulletin-aired', 'bulletin-ended']);
  });

  it('an airing that ends while the clock is not known is logged once it is, with the times it aired at', async () => {
    const r = rig();
    r.engine.setPlan([], false, [bulletin('bulletins/bao.yaml', { from: 1000 })]);
    await r.time.advance(2000);
    expect(r.bulletins.map((b) => b.event)).toEqual(['bulletin-aired']);
    r.clock.ready = false;
    await r.time.advance(5000);
    expect(r.bulletins.map((b) => b.event)).toEqual(['bulletin-aired']);
    r.clock.ready = true;
    await r.time.advance(200);
    const ended = r.bulletins[1]!;
    expect(ended).toMatchObject({ event: 'bulletin-ended', actualStart: 1000 + AHEAD, actualEnd: 1000 + AHEAD + TONE + 2000 });
  });
});

describe('priority bulletins on the radio page', () => {
  it('air right after the open; the body starts after them and the close still ends on time', async () => {
    const r = rig();
    const p = bulletin('bulletins/p.yaml', { level: 'priority', from: 0, until: null });
    r.engine.setPlan([session({ bulletins: ['bulletins/p.yaml'] })], false, [p]);
    await r.time.advance(21_000);
    expect(r.aired('tone').map((a) => a.at)).toEqual([11_500]);
    expect(r.aired('/media/bulletins/p.yaml.wav').map((a) => a.at)).toEqual([11_500 + TONE]);
    expect(r.body.played[0]).toMatchObject({ url: '/media/b1.mp3', at: 11_500 + TONE + 1000, offsetMs: 0 });
    expect(r.aired('/media/c1.mp3').map((a) => a.at)).toEqual([19_200]);
    expect(r.bulletins.map((b) => [b.event, b.level, b.session])).toEqual([
      ['bulletin-aired', 'priority', 'playlists/s.yaml@10000'], ['bulletin-ended', 'priority', 'playlists/s.yaml@10000'],
    ]);
  });

  it('an emergency over one cuts it: faded with the program, logged ended with why, not resumed after the emergency', async () => {
    const r = rig();
    const p = bulletin('bulletins/p.yaml', { level: 'priority', from: 0, until: null });
    r.engine.setPlan([session({ bulletins: ['bulletins/p.yaml'] })], false, [p]);
    await r.time.advance(12_000);
    expect(r.aired('tone').map((a) => a.at)).toEqual([11_500]);
    // The emergency's file was written at 12 000, while the priority bulletin's tone airs.
    r.engine.setPlan([session({ bulletins: ['bulletins/p.yaml'] })], false, [p, bulletin('bulletins/bao.yaml', { from: 12_000 })]);
    await r.time.advance(12_000);
    const at = 12_000 + AHEAD;
    // On the program bus: silenced with the spots from the emergency's start, off once faded.
    expect(r.program.sets.some((x) => x.some((sl) => sl.at === at))).toBe(true);
    const priority = [...r.aired('tone').filter((a) => a.at === 11_500), ...r.aired('/media/bulletins/p.yaml.wav')];
    expect(priority.map((a) => a.stoppedAt)).toEqual([at + 250, at + 250]);
    // Not resumed: its audio was never aired after the emergency; the emergency's tone aired once.
    expect(r.aired('/media/bulletins/p.yaml.wav')).toHaveLength(1);
    expect(r.aired('tone').map((a) => a.at)).toEqual([11_500, at]);
    expect(r.bulletins.map((b) => [b.event, b.bulletin])).toEqual([
      ['bulletin-aired', 'bulletins/p.yaml'], ['bulletin-aired', 'bulletins/bao.yaml'],
      ['bulletin-ended', 'bulletins/p.yaml'], ['bulletin-ended', 'bulletins/bao.yaml'],
    ]);
    const ended = r.bulletins.find((b) => b.event === 'bulletin-ended' && b.bulletin === 'bulletins/p.yaml')!;
    expect(ended).toMatchObject({ level: 'priority', session: 'playlists/s.yaml@10000', actualStart: 11_500, actualEnd: at + 250 });
    expect(ended.reason).toBe('cut by an emergency (bulletins/bao.yaml): not resumed');
  });
});
