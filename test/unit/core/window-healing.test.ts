import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_HEALING, exitCause, GPU_CRASH_LINE, healingStart, onWindowFailure, SOFTWARE_FLAG, softwareRelaunchArgs, type HealingState } from '../../../main/core/window-healing.js';

/** Failures at the given instants; the actions taken. */
function row(at: number[], software: boolean, reason: 'renderer-crash' | 'gpu-crash' = 'renderer-crash') {
  let state: HealingState = healingStart(0);
  return at.map((t) => {
    const r = onWindowFailure(state, t, reason, software);
    state = r.state;
    return r.action;
  });
}

describe('window healing (both shells heal alike)', () => {
  it('heals the first failure at once, then backs off 1 s, 2 s, 4 s … up to 30 s', () => {
    const delays = row([100, 200, 300, 400, 500, 600, 700, 800], true).map((a) => (a.kind === 'reload' ? a.delayMs : a.kind));
    expect(delays).toEqual([0, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });

  it('goes to software rendering at the third failure in a row while the GPU renders', () => {
    expect(row([100, 200, 300], false).map((a) => a.kind)).toEqual(['reload', 'reload', 'software']);
    expect(row([100, 200, 300], false, 'gpu-crash').map((a) => a.kind)).toEqual(['wait', 'wait', 'software']);
  });

  it('never blames the GPU for a page that does not load (the host is down): backs off only', () => {
    let state = healingStart(0);
    const kinds = [100, 200, 300, 400].map((t) => {
      const r = onWindowFailure(state, t, 'no-page', false);
      state = r.state;
      return r.action.kind;
    });
    expect(kinds).toEqual(['reload', 'reload', 'reload', 'reload']);
  });

  it('starts a new row after a stable spell', () => {
    const gap = DEFAULT_WINDOW_HEALING.stableMs;
    const actions = row([100, 200, 200 + gap, 300 + gap], false);
    expect(actions).toEqual([{ kind: 'reload', delayMs: 0 }, { kind: 'reload', delayMs: 1000 }, { kind: 'reload', delayMs: 0 }, { kind: 'reload', delayMs: 1000 }]);
  });

  it('relaunches with the software flag exactly once', () => {
    expect(softwareRelaunchArgs(['main.js'])).toEqual(['main.js', SOFTWARE_FLAG]);
    expect(softwareRelaunchArgs(['main.js', SOFTWARE_FLAG])).toEqual(['main.js', SOFTWARE_FLAG]);
  });

  it('tells a browser that gave up after a GPU crash from any other exit, by its last lines (Chromium 156)', () => {
    const tail = '[9:9:1202/042103.953169:ERROR:content/browser/gpu/gpu_process_host.cc:1044] GPU process exited unexpectedly: exit_code=9\n'
      + "[9:9:1202/042103.953259:FATAL:content/browser/gpu/gpu_data_manager_impl_private.cc:389] GPU process isn't usable. Goodbye.\n";
    expect(GPU_CRASH_LINE.test(tail)).toBe(true);
    expect(exitCause(tail)).toBe('gpu-crash');
    expect(exitCause(tail.split('\n')[0]!)).toBe('window-exit');
    expect(exitCause('')).toBe('window-exit');
  });
});
