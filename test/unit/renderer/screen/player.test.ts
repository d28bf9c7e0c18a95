// The screen player on a fake stage and a fake clock: the order and timing of items, the video
// hand-over on the last frame, skips and the failures in a row, boundaries at their instant.
import { describe, expect, it } from 'vitest';
import type { ProgramMessage, Segment, WireItem } from '../../../../main/core/contract/screen.js';
import { ScreenPlayer } from '../../../../renderer/screen/player.js';
import { Program } from '../../../../renderer/screen/program.js';
import { FakeStage, type FakeMedia } from '../../../helpers/fake-stage.js';
import { FakeTime } from '../../../helpers/fake-time.js';

const still = (src: string, durationMs: number, index: number): WireItem => ({
  kind: 'image', index, src, url: `/media/${src}`, durationMs, fit: 'contain',
});
const clip = (src: string, index: number): WireItem => ({
  kind: 'video', index, src, url: `/media/${src}`, durationMs: null, fit: 'contain',
});
const segment = (key: string, startAt: number, items: WireItem[] | null): Segment => ({
  key, startAt, until: null, playlist: items ? { file: `playlists/${key}.yaml`, name: key, items } : null,
});

interface Said {
  event: string;
  src: string;
  at: number;
  reason?: string;
}

/** A player on a fake stage; the host clock runs `hostOffset` ahead of the page's. */
function rig(media: Record<string, FakeMedia> = {}, hostOffset = 1_000_000) {
  const time = new FakeTime();
  const stage = new FakeStage(time, media);
  const said: Said[] = [];
  const logs: string[] = [];
  const hostNow = () => time.now() + hostOffset;
  const player: ScreenPlayer = new ScreenPlayer({
    stage, timers: time, now: time.now,
    report: (event, _seg, item, reason) => said.push({ event, src: item ? item.src : 'slate', at: time.now(), ...(reason !== undefined ? { reason } : {}) }),
    log: (level, message) => logs.push(`${level}: ${message}`),
    upcoming: () => program.upcoming(),
  });
  const program: Program = new Program({
    timers: time, hostNow,
    start: (seg) => player.startSegment(seg),
    onAirKey: () => player.activeKey,
    prepare: (c) => void player.prepare(c),
  });
  const send = (segments: Segment[]) => {
    const p: ProgramMessage = {
      type: 'program', now: hostNow(), station: { name: 'Trạm', timezone: 'Asia/Ho_Chi_Minh' }, screen: { id: 'main', rotate: 0 }, segments,
    };
    program.apply(p);
  };
  const starts = () => said.filter((s) => s.event === 'start');
  return { time, stage, said, logs, player, send, starts, hostOffset };
}

describe('screen player', () => {
  it('plays the items in order and loops, each still for its duration from when it is seen', async () => {
    const r = rig();
    r.send([segment('p', 0, [still('a.png', 1000, 0), still('b.png', 2000, 1), still('c.png', 500, 2)])]);
    await r.time.advance(8000);
    const starts = r.starts();
    expect(starts.map((s) => s.src)).toEqual(['a.png', 'b.png', 'c.png', 'a.png', 'b.png', 'c.png', 'a.png']);
    // a is ready after its 100 ms load; then each starts exactly when the one before has had
    // its duration — no drift round after round.
    expect(starts[0]!.at).toBe(100);
    const gaps = starts.slice(1).map((s, i) => s.at - starts[i]!.at);
    expect(gaps).toEqual([1000, 2000, 500, 1000, 2000, 500]);
    // Every start but the first ends the item before at the same instant.
    for (const s of starts.slice(1)) expect(r.said.some((e) => e.event === 'end' && e.at === s.at)).toBe(true);
    expect(r.player.state().slate).toBe(false);
  });

  it('skips to the next item when the operator asks: the one on air ends (reason operator), the loop goes on from there', async () => {
    const r = rig();
    r.send([segment('p', 0, [still('a.png', 10_000, 0), still('b.png', 10_000, 1), still('c.png', 10_000, 2)])]);
    await r.time.advance(1000);
    expect(r.player.skip()).toBe(true);
    await r.time.advance(500);
    expect(r.said.find((e) => e.event === 'end')).toEqual({ event: 'end', src: 'a.png', at: 1000, reason: 'operator' });
    expect(r.player.state().src).toBe('b.png');
    // b has its whole duration from when it was seen, then c: the skipped a's timer is gone.
    await r.time.advance(10_000);
    expect(r.starts().map((x) => x.src)).toEqual(['a.png', 'b.png', 'c.png']);
    // Nothing left behind: the one on air and the next, prepared.
    expect(r.stage.layerCount()).toBeLessThanOrEqual(2);
  });

  it('has nothing to skip on the slate', async () => {
    const r = rig();
    r.send([segment('slate', 0, null)]);
    await r.time.advance(100);
    expect(r.player.skip()).toBe(false);
    expect(r.player.onAirLayer()).toBeNull();
  });

  it('keeps a single still on air, one proof-of-play round per duration, on one layer', async () => {
    const r = rig();
    r.send([segment('p', 0, [still('only.png', 1000, 0)])]);
    await r.time.advance(3500);
    expect(r.starts().map((s) => s.at)).toEqual([100, 1100, 2100, 3100]);
    expect(r.stage.layers).toHaveLength(1);
  });

  it('hands a video over one frame step after its last frame, with the cut armed for that instant', async () => {
    const r = rig({ 'v.mp4': { seconds: 1, fps: 25 } });
    r.send([segment('p', 0, [clip('v.mp4', 0), still('x.png', 1000, 1)])]);
    await r.time.advance(1500);
    // v plays from 100: its frames are seen at 120 + 40·k, the last (k = 24) at 1080, so x must
    // be seen at 1120; the main thread hands over a frame (17 ms) before that.
    const x = r.stage.layers.find((l) => l.item.src === 'x.png')!;
    expect(x.armed.at(-1)).toEqual({ startTime: 1120 - 25, due: 1120 });
    const vEnd = r.said.find((s) => s.event === 'end' && s.src === 'v.mp4')!;
    const xStart = r.starts().find((s) => s.src === 'x.png')!;
    expect(vEnd.at).toBe(1103);
    expect(xStart.at).toBe(1103);
    // `ended` (at 1170) comes after the hand-over and changes nothing.
    expect(r.player.state().handovers).toEqual({ 'last-frame': 1 });
    expect(r.starts().filter((s) => s.src === 'x.png')).toHaveLength(1);
  });

  it('learns how long a video takes to start and starts the next one that much before its cut', async () => {
    const r = rig({ 'v.mp4': { seconds: 1 }, 'w.mp4': { seconds: 1 } });
    r.send([segment('p', 0, [clip('v.mp4', 0), clip('w.mp4', 1)])]);
    await r.time.advance(6000);
    expect(r.player.state().startDelays.slice(0, 3)).toEqual([20, 20, 20]);
    // From the fourth clip on, play() is called 20 ms before the cut is due.
    const later = r.stage.layers.slice(3).filter((l) => l.armed.length > 0 && l.playCalledAt > 0);
    expect(later.length).toBeGreaterThan(0);
    for (const l of later) expect(l.playCalledAt).toBe(l.armed.at(-1)!.due - 20);
  });

  it('skips an item that cannot load, says why, and plays the next', async () => {
    const r = rig({ 'bad.png': { fails: 'truncated PNG (no IEND)' } });
    r.send([segment('p', 0, [still('a.png', 1000, 0), still('bad.png', 1000, 1), still('c.png', 1000, 2)])]);
    await r.time.advance(2500);
    expect(r.said.map((s) => `${s.event} ${s.src}`)).toEqual(['start a.png', 'end a.png', 'skip bad.png', 'start c.png', 'end c.png', 'start a.png']);
    expect(r.said.find((s) => s.event === 'skip')).toMatchObject({ at: 1100, reason: 'truncated PNG (no IEND)' });
    // c was not prepared (bad was the next): it starts once loaded, 100 ms later.
    expect(r.starts()[1]!.at).toBe(1200);
    expect(r.logs.some((l) => l.startsWith('warn: skipped image bad.png'))).toBe(true);
  });

  it('shows the slate when every item fails to load, and tries the playlist again later', async () => {
    const r = rig({ 'x.mp4': { fails: 'cannot decode' }, 'y.png': { fails: 'image not found (HTTP 404)' } });
    r.send([segment('p', 0, [clip('x.mp4', 0), still('y.png', 1000, 1)])]);
    await r.time.advance(1000);
    expect(r.said.map((s) => `${s.event} ${s.src}`)).toEqual(['skip x.mp4', 'skip y.png', 'start slate']);
    expect(r.said.at(-1)!.reason).toBe('nothing playable');
    expect(r.stage.slate).toBe(true);
    await r.time.advance(30_000);
    expect(r.said.filter((s) => s.event === 'skip')).toHaveLength(4);
  });

  it('counts items that fail while playing as failures in a row: all of them failing shows the slate', async () => {
    // Both clips load (their first frames decode) and break 300 ms into playing.
    const r = rig({ 'v.mp4': { seconds: 5, errorAfterMs: 300 }, 'w.mp4': { seconds: 5, errorAfterMs: 300 } });
    r.send([segment('p', 0, [clip('v.mp4', 0), clip('w.mp4', 1)])]);
    await r.time.advance(550);
    expect(r.player.state().failuresInRow).toBe(1);
    await r.time.advance(3000);
    expect(r.starts().map((s) => s.src)).toEqual(['v.mp4', 'w.mp4', 'slate']);
    expect(r.stage.slate).toBe(true);
    expect(r.logs.filter((l) => l.startsWith('warn: video failed while playing'))).toHaveLength(2);
    expect(r.player.state().handovers).toEqual({ error: 2 });
  });

  it('an item that plays to its end clears the failures in a row', async () => {
    const r = rig({ 'v.mp4': { seconds: 5, errorAfterMs: 300 } });
    r.send([segment('p', 0, [clip('v.mp4', 0), still('ok.png', 1000, 1)])]);
    await r.time.advance(500);
    expect(r.player.state().failuresInRow).toBe(1);
    await r.time.advance(1000);
    expect(r.player.state().failuresInRow).toBe(0);
    await r.time.advance(5000);
    expect(r.stage.slate).toBe(false);
  });

  it('switches to the next segment at its boundary instant, its first item prepared ahead', async () => {
    const r = rig();
    const boundary = r.hostOffset + 5000;
    r.send([
      segment('a', 0, [still('a.png', 60_000, 0)]),
      segment('b', boundary, [still('b.png', 60_000, 0)]),
      segment('slate', boundary + 3000, null),
    ]);
    await r.time.advance(200);
    // b's first item is loading (and ready long before the boundary).
    expect(r.stage.layers.map((l) => l.item.src)).toContain('b.png');
    await r.time.advance(10_000);
    expect(r.said.map((s) => `${s.event} ${s.src} ${s.at}${s.reason ? ` ${s.reason}` : ''}`)).toEqual([
      'start a.png 100', 'end a.png 5000 boundary', 'start b.png 5000', 'end b.png 8000 boundary', 'start slate 8000',
    ]);
  });

  it('joins late: a program whose queued segment has already begun puts that one on air at once', async () => {
    const r = rig();
    const now = r.hostOffset;
    r.send([segment('a', now - 60_000, [still('a.png', 1000, 0)]), segment('b', now - 30, [still('b.png', 1000, 0)])]);
    await r.time.advance(150);
    expect(r.player.activeKey).toBe('b');
    expect(r.starts().map((s) => s.src)).toEqual(['b.png']);
  });
});
