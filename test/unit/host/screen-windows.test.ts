// The tab healer on fake time with a fake pipe and window: a renderer crash or hang is healed by
// loading the tab again (no Chromium restart), with the window's back-off, and a window without
// a pipe, or whose reload brought no page, is restarted whole.
import { describe, expect, it } from 'vitest';
import type { PageTarget } from '../../../main/host/cdp-pipe.js';
import type { SupervisedWindow } from '../../../main/host/kiosk.js';
import { tabHealer } from '../../../main/host/screen-windows.js';
import { FakeTime } from '../../helpers/fake-time.js';

function fixture(alive = true, delays: (number | null)[] = [], navigated = true) {
  const time = new FakeTime(0);
  const loads: number[] = [];
  const restarts: string[] = [];
  const failed: string[] = [];
  const told: string[] = [];
  const committed: number[] = [];
  const tab: PageTarget = { alive, onCrashed: () => {}, navigate: async () => (loads.push(time.now()), navigated), close: () => {} };
  const window = {
    restart: (r: string) => void restarts.push(r), failed: (r: string) => (failed.push(r), delays.length ? delays.shift()! : 0),
    process: null, failures: 1, software: false, close: async () => {},
  } as SupervisedWindow;
  const healer = tabHealer('http://127.0.0.1:1/screen/', window, () => tab, time, (by) => void told.push(by), () => void committed.push(time.now()));
  return { time, loads, restarts, failed, healer, tab, told, committed };
}

describe('tab healer', () => {
  it('a hang: counted, then the tab is loaded again at once — the window is not restarted', async () => {
    const f = fixture();
    expect(f.healer.heal('hang')).toBe('reload');
    await f.time.advance(0);
    expect(f.loads).toEqual([0]);
    expect(f.failed).toEqual(['hang']);
    expect(f.restarts).toEqual([]);
  });

  it('a crash the pipe reports: the watch is told, and the tab loaded after the back-off', async () => {
    const f = fixture(true, [2000]);
    f.healer.crashed(f.tab);
    expect(f.told).toEqual(['reload']);
    await f.time.advance(1999);
    expect(f.loads).toEqual([]);
    await f.time.advance(1);
    expect(f.loads).toEqual([2000]);
  });

  it('tells the watch when the navigation committed, and not when it failed', async () => {
    const f = fixture();
    f.healer.heal('hang');
    await f.time.advance(0);
    expect(f.committed).toEqual([0]);
    const g = fixture(true, [], false);
    g.healer.heal('hang');
    await g.time.advance(0);
    expect(g.loads).toEqual([0]);
    expect(g.committed).toEqual([]);
  });

  it('no pipe, no page after a reload, or a window that exited: restarted whole', () => {
    const f = fixture(false);
    expect(f.healer.heal('renderer-crash')).toBeUndefined();
    const g = fixture(true);
    expect(g.healer.heal('no-page')).toBeUndefined();
    expect([...f.restarts, ...g.restarts]).toEqual(['renderer-crash', 'no-page']);
  });

  it('past the software threshold the window restarts without the GPU instead of reloading', async () => {
    const f = fixture(true, [null, null]);
    expect(f.healer.heal('frozen')).toBeUndefined();
    // A crash the pipe reports: the watch is told the window relaunches (its page may take 20 s).
    f.healer.crashed(f.tab);
    expect(f.told).toEqual(['restart']);
    await f.time.advance(5000);
    expect(f.loads).toEqual([]);
    f.healer.stop();
  });
});
