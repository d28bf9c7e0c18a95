// The radio engine on a fake clock and fake audio: the open from the session start, the close
// back-timed to its end, the body between and faded out, and what joining late does (open
// missed, body joined at the right offset, close still on time).
import { describe, expect, it } from 'vitest';
import type { RadioCueItem, RadioCueSession, RadioReport } from '../../../../main/core/contract/radio.js';
import { Engine } from '../../../../renderer/radio/engine.js';
import { FakeBody, FakeSpots, type FakeFile } from '../../../helpers/fake-audio.js';
import { FakeTime } from '../../../helpers/fake-time.js';

const item = (src: string, durationMs: number | null = null, gainDb: number | null = null): RadioCueItem => ({
  src, url: `/media/${src}`, durationMs, gainDb, problem: null,
});

/** A session 10 s long from t = 10 s: open o1 (1 s) + o2 (0.5 s), body b1 + b2 (3 s each),
 *  close c1 (0.8 s), 2 s fade. */
function session(extra: Partial<RadioCueSession> = {}): RadioCueSession {
  return {
    id: 'playlists/s.yaml@10000', playlist: 'playlists/s.yaml', name: 'Bản tin',
    start: 10_000, end: 20_000, openEnd: 11_500, closeStart: 19_200, fadeMs: 2000,
    open: [item('o1.mp3'), item('o2.mp3', null, -6)],
    body: [item('b1.mp3', 3000), item('b2.mp3', 3000)],
    close: [item('c1.mp3')],
    ...extra,
  };
}

const files: Record<string, FakeFile> = {
  '/media/o1.mp3': { ms: 1000 }, '/media/o2.mp3': { ms: 500 }, '/media/c1.mp3': { ms: 800 }, '/media/c2.mp3': { ms: 1200 },
  '/media/b1.mp3': { ms: 3000 }, '/media/b2.mp3': { ms: 3000 },
};

function rig(more: Record<string, FakeFile> = {}) {
  const time = new FakeTime();
  const spots = new FakeSpots(time, { ...files, ...more });
  const body = new FakeBody(time, { ...files, ...more });
  const reports: RadioReport[] = [];
  const engine = new Engine({
    clock: { hostNow: time.now, ready: true }, timers: time, spots, body,
    report: (r) => reports.push(r), edges: () => null, status: () => undefined,
  });
  engine.start();
  /** The page (re)starts at `joinAt` with the plan, and runs `forMs` more. */
  const joinAt = async (joinAtMs: number, forMs: number, sessions = [session()]) => {
    await time.advance(joinAtMs - time.now());
    engine.setPlan(sessions, false);
    await time.advance(forMs);
  };
  const fact = (slot: string, index: number | null, event: string) =>
    reports.find((r) => r.slot === slot && r.index === index && r.event === event);
  return { time, spots, body, reports, engine, fact, joinAt };
}

describe('radio engine', () => {
  it('airs the open from the start, the body between, and the close back-timed to the end', async () => {
    const r = rig();
    r.engine.setPlan([session()], false);
    await r.time.advance(21_000);
    expect(r.spots.aired.map((a) => [a.url, a.at])).toEqual([['/media/o1.mp3', 10_000], ['/media/o2.mp3', 11_000], ['/media/c1.mp3', 19_200]]);
    // Its ReplayGain tag (−6 dB to −18 LUFS), shifted to the default −16 LUFS target: −4 dB.
    expect(r.spots.aired[1]!.gain).toBeCloseTo(Math.pow(10, -4 / 20), 9);
    expect(r.fact('open', null, 'slot-start')).toMatchObject({ scheduledStart: 10_000, actualStart: 10_000, reason: null });
    expect(r.fact('close', null, 'slot-end')).toMatchObject({ scheduledEnd: 20_000, actualEnd: 20_000 });
    // The body: b1 from the end of the open, b2 as b1 ends (within the 25 ms the page allows
    // before HTML audio's late `ended`), faded out over the 2 s before the close.
    expect(r.body.played.map((p) => [p.url, p.offsetMs])).toEqual([['/media/b1.mp3', 0], ['/media/b2.mp3', 0]]);
    expect(r.body.played[0]!.at).toBe(11_500);
    expect(r.body.played[1]!.at).toBeGreaterThanOrEqual(14_475);
    expect(r.body.played[1]!.at).toBeLessThanOrEqual(14_500);
    expect(r.body.fades).toEqual([{ url: '/media/b2.mp3', at: 17_200, ms: 2000 }]);
    expect(r.fact('body', null, 'slot-end')).toMatchObject({ actualEnd: 19_200, reason: 'faded out for the close' });
    expect(r.reports.filter((x) => x.event.endsWith('missed') || x.event === 'item-skip')).toEqual([]);
  });

  it('back-times a close of two spots so the last ends at the session end', async () => {
    const r = rig();
    r.engine.setPlan([session({ close: [item('c1.mp3'), item('c2.mp3')] })], false);
    await r.time.advance(21_000);
    expect(r.spots.aired.filter((a) => a.url.includes('/c')).map((a) => [a.url, a.at])).toEqual([['/media/c1.mp3', 18_000], ['/media/c2.mp3', 18_800]]);
    expect(r.fact('close', 1, 'item-end')).toMatchObject({ actualEnd: 20_000 });
    expect(r.fact('body', null, 'slot-end')).toMatchObject({ actualEnd: 18_000 });
  });

  it('joined during the open: the spots it cannot air are missed and the body goes on air at once', async () => {
    const r = rig();
    await r.joinAt(11_450, 10_000);
    expect(r.fact('open', 0, 'item-missed')).toMatchObject({ reason: 'player started after this item began' });
    expect(r.fact('open', 1, 'item-missed')).toMatchObject({ reason: 'player started after this item began' });
    expect(r.fact('open', null, 'slot-missed')).toMatchObject({ scheduledStart: 10_000, scheduledEnd: 11_500 });
    expect(r.spots.aired.map((a) => a.url)).toEqual(['/media/c1.mp3']);
    // The body starts when joined (11 450), not at the end of the missed open: loaded 100 ms
    // later, it plays 100 ms into b1.
    expect(r.body.played[0]).toEqual({ url: '/media/b1.mp3', offsetMs: 100, at: 11_550 });
    expect(r.fact('body', null, 'slot-start')).toMatchObject({ reason: 'joined the body late' });
    expect(r.fact('close', null, 'slot-end')).toMatchObject({ actualEnd: 20_000 });
  });

  it('joined mid-body: plays the file and offset that match the time, and the close on time', async () => {
    const r = rig();
    await r.joinAt(15_000, 6000);
    // At 15 100 (loaded) the body is 3 600 ms in: b2 (from 14 500), 600 ms into it.
    expect(r.body.played[0]).toEqual({ url: '/media/b2.mp3', offsetMs: 600, at: 15_100 });
    expect(r.fact('body', 1, 'item-start')).toMatchObject({ scheduledStart: 14_500, reason: 'joined 600 ms into the file' });
    expect(r.fact('open', null, 'slot-missed')).toBeDefined();
    expect(r.spots.aired.map((a) => [a.url, a.at])).toEqual([['/media/c1.mp3', 19_200]]);
  });

  it('calls a spot missed, not late, when it could not be started within 0.4 s', async () => {
    // Planned before the start, but o1 takes 1.5 s to decode: it is ready 500 ms late.
    const r = rig({ '/media/o1.mp3': { ms: 1000, decodeMs: 1500 } });
    await r.joinAt(9000, 3000);
    expect(r.fact('open', 0, 'item-missed')).toMatchObject({ reason: 'could not be started in time (500 ms late)' });
    // o2 (due 11 000) still airs on time, and the open slot starts with it.
    expect(r.spots.aired[0]).toMatchObject({ url: '/media/o2.mp3', at: 11_000 });
    expect(r.fact('open', null, 'slot-start')).toMatchObject({ scheduledStart: 10_000, reason: 'joined after the first item' });
  });

  it('skips a spot that cannot be decoded; the others close up from the start', async () => {
    const r = rig({ '/media/o1.mp3': { ms: 1000, fails: 'EncodingError' } });
    r.engine.setPlan([session()], false);
    await r.time.advance(12_000);
    expect(r.fact('open', 0, 'item-skip')).toMatchObject({ reason: 'cannot decode: EncodingError' });
    expect(r.spots.aired[0]).toMatchObject({ url: '/media/o2.mp3', at: 10_000 });
    expect(r.body.played[0]).toMatchObject({ url: '/media/b1.mp3', at: 10_500 });
  });

  it('waits for the host clock before judging anything', async () => {
    const time = new FakeTime();
    const clock = { hostNow: time.now, ready: false };
    const spots = new FakeSpots(time, files);
    const engine = new Engine({
      clock, timers: time, spots, body: new FakeBody(time, files), report: () => undefined, edges: () => null, status: () => undefined,
    });
    engine.start();
    engine.setPlan([session()], false);
    await time.advance(9000);
    expect(engine.next()).toBeNull();
    clock.ready = true;
    await time.advance(2000);
    expect(engine.next()?.id).toBe('playlists/s.yaml@10000');
    expect(spots.aired.map((a) => a.at)).toEqual([10_000, 11_000]);
  });
});

describe('radio engine: loudness and dead air', () => {
  const measured = (src: string, durationMs: number | null, integratedLufs: number, truePeakDbtp: number): RadioCueItem => ({
    ...item(src, durationMs, -3), loudness: { integratedLufs, truePeakDbtp },
  });

  it('airs a measured file at the session target (spots and bodies), ignoring its ReplayGain tag', async () => {
    const r = rig();
    r.engine.setPlan([session({
      targetLufs: -18,
      open: [measured('o1.mp3', null, -10, -2), item('o2.mp3', null, -6)],
      body: [measured('b1.mp3', 3000, -30, -20), item('b2.mp3', 3000)],
    })], false);
    await r.time.advance(16_000);
    expect(r.spots.aired[0]!.gain).toBeCloseTo(Math.pow(10, -8 / 20), 9); // −10 → −18 LUFS
    expect(r.spots.aired[1]!.gain).toBeCloseTo(Math.pow(10, -6 / 20), 9); // tag only: −6 (to −18 LUFS)
    expect(r.body.gains).toEqual([{ url: '/media/b1.mp3', gainDb: 12 }, { url: '/media/b2.mp3', gainDb: 0 }]);
  });

  it('dead air in the body: logged, the file ends at once and the next one starts', async () => {
    const r = rig();
    r.engine.setPlan([session()], false);
    await r.time.advance(12_000 - r.time.now());
    const onAir = r.engine.onAir();
    expect(onAir?.key).toBe('playlists/s.yaml@10000/body/0');
    onAir!.skip(11_500);
    expect(r.fact('body', 0, 'dead-air')).toMatchObject({ actualStart: 11_500, actualEnd: 12_000, src: 'b1.mp3' });
    expect(r.fact('body', 0, 'item-end')).toMatchObject({ actualEnd: 12_000, reason: 'skipped: dead air' });
    await r.time.advance(200);
    expect(r.body.played.map((p) => [p.url, p.at])).toEqual([['/media/b1.mp3', 11_500], ['/media/b2.mp3', 12_100]]);
    expect(r.engine.onAir()?.key).toBe('playlists/s.yaml@10000/body/1');
    // Fading for the close is quiet on purpose: nothing is on air to judge.
    await r.time.advance(17_500 - r.time.now());
    expect(r.engine.onAir()).toBeNull();
  });

  it('dead air in a spot: it stops and is logged; the next spot keeps its place', async () => {
    const r = rig();
    r.engine.setPlan([session()], false);
    await r.time.advance(10_600 - r.time.now());
    const onAir = r.engine.onAir();
    expect(onAir?.key).toBe('playlists/s.yaml@10000/open/0');
    onAir!.skip(10_000);
    expect(r.fact('open', 0, 'dead-air')).toMatchObject({ actualStart: 10_000, actualEnd: 10_600 });
    expect(r.fact('open', 0, 'item-end')).toMatchObject({ actualEnd: 10_600, reason: 'skipped: dead air' });
    expect(r.engine.onAir()).toBeNull();
    await r.time.advance(11_100 - r.time.now());
    expect(r.engine.onAir()?.key).toBe('playlists/s.yaml@10000/open/1');
    expect(r.spots.aired[1]).toMatchObject({ url: '/media/o2.mp3', at: 11_000 });
  });
});
