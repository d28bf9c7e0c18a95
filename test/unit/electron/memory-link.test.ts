// The memory ceiling across the Electron shell's link, on fakes: the screen pages' signals on
// the host (their heartbeats' JS heap, their item ends) go to the shell as `item-end` lines
// (core/contract/shell.ts, the stdin protocol of `bantin start`), the shell reloads a page past
// its ceiling there, and its reports come back as the Chromium shell's host log line and a
// `screen-recovered` proof-of-play line with `reason: memory`.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { parseProofOfPlayLine, type ProofOfPlayLine } from '../../../main/core/contract/proof-of-play.js';
import { parseHostToShell, parseShellReport, type ShellItemEnd, type ShellReport } from '../../../main/core/contract/shell.js';
import { MIN_RECYCLE_INTERVAL_MS } from '../../../main/core/memory-ceiling.js';
import { startShell } from '../../../main/electron/shell.js';
import { shellItemEnds, takeShellReport } from '../../../main/host/electron-shell.js';
import type { ScreenSignal } from '../../../main/host/screen-watch.js';
import { FakeTime } from '../../helpers/fake-time.js';
import { fakeDisplay, fakeElectron } from './fake-electron.js';

const MB = 2 ** 20;
/** A signal of the screen `lobby`, without saying so. */
type Signal<S = ScreenSignal> = S extends unknown ? Omit<S, 'screen'> : never;
const origin = 'http://127.0.0.1:4321';

function link(settings = {}) {
  const time = new FakeTime(2_000_000);
  const electron = fakeElectron([fakeDisplay(1, { x: 0, y: 0, width: 1280, height: 720 })]);
  const logged: { msg: string; level: number; [k: string]: unknown }[] = [];
  const log = pino({ level: 'info' }, { write: (l: string) => void logged.push(JSON.parse(l) as (typeof logged)[number]) });
  const lines: ProofOfPlayLine[] = [];
  const stdin: string[] = [];
  const stdout: string[] = [];
  const shell = startShell({
    electron, origin, pages: [{ kind: 'screen', id: 'lobby', url: `${origin}/screen/?screen=lobby&token=t`, display: 0 }],
    settings: () => settings, preload: null, software: false, clock: time, timers: time,
    // Over the line protocol both ways, as `bantin start` and the shell's main.ts speak it.
    report: (r) => {
      const text = JSON.stringify(r);
      stdout.push(text);
      const parsed = parseShellReport(text);
      if (!parsed.ok) throw new Error(parsed.error);
      takeShellReport(parsed.value, log, { append: (l) => void lines.push(l) }, time);
    },
    goSoftware: () => undefined,
  });
  const listeners = new Set<(s: ScreenSignal) => void>();
  const unsubscribe = shellItemEnds((l) => {
    listeners.add(l);
    return () => void listeners.delete(l);
  }, (e: ShellItemEnd) => {
    const text = JSON.stringify(e);
    stdin.push(text);
    const parsed = parseHostToShell(text);
    if (!parsed.ok) throw new Error(parsed.error);
    if (parsed.value.type === 'item-end') shell.itemEnd(parsed.value);
  });
  const signal = (s: Signal) => {
    for (const l of listeners) l({ screen: 'lobby', ...s } as ScreenSignal);
  };
  const w = electron.live()[0]!;
  /** The page plays on: beating to the shell (preload) and to the host (its socket, with its heap). */
  const play = async (ms: number, heap?: number) => {
    for (let t = 0; t < ms; t += 1000) {
      await time.advance(1000);
      electron.beat(w);
      signal({ kind: 'heartbeat', frames: 1, visible: true, ...(heap === undefined ? {} : { memoryBytes: heap }) });
    }
  };
  return { time, electron, w, logged, lines, stdin, stdout, signal, play, unsubscribe, reports: () => stdout.map((l) => JSON.parse(l) as ShellReport) };
}

describe('Electron shell link: the memory ceiling', () => {
  it("sends each item end with the page's last JS heap; past the ceiling the page reloads there, logged and recorded as the Chromium shell does", async () => {
    const l = link({ screenMemoryCeilingMb: 256, screenRendererCeilingMb: 600 });
    l.signal({ kind: 'connected' });
    l.signal({ kind: 'item-end' });
    // A page just connected has told no heap yet.
    expect(JSON.parse(l.stdin[0]!)).toEqual({ type: 'item-end', screen: 'lobby', memoryBytes: null });
    await l.play(MIN_RECYCLE_INTERVAL_MS, 300 * MB);
    expect(l.w.webContents.crashes).toBe(0); // past the ceiling mid-item: nothing yet
    l.electron.app.workingSetKb.set(l.w.webContents.pid, (200 * MB) / 1024);
    l.signal({ kind: 'item-end' });
    expect(JSON.parse(l.stdin[1]!)).toEqual({ type: 'item-end', screen: 'lobby', memoryBytes: 300 * MB });
    expect(l.w.webContents.crashes).toBe(1);
    const warn = l.logged.find((x) => x['cause'] === 'heap')!;
    expect(warn).toMatchObject({
      level: 40, screen: 'lobby', memoryBytes: 300 * MB, ceilingBytes: 256 * MB, rssBytes: 200 * MB, rssCeilingBytes: 600 * MB, shell: 'electron',
      msg: 'screen page past its memory ceiling (JS heap 300 MB > 256 MB): reloading it between items / trang màn hình dùng quá nhiều bộ nhớ: tải lại giữa hai mục',
    });
    // The new page beats (and connects: its heap is unknown again).
    l.w.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    await l.time.advance(450);
    l.electron.beat(l.w);
    l.signal({ kind: 'connected' });
    expect(l.lines).toHaveLength(1);
    expect(parseProofOfPlayLine(JSON.stringify(l.lines[0]))).toEqual({
      ts: l.time.now(), target: 'screen:lobby', event: 'screen-recovered', screen: 'lobby', reason: 'memory', downMs: 450, failures: 1, software: false, by: 'reload',
    });
    expect(l.logged.at(-1)).toMatchObject({ msg: 'screen window recovered / màn hình đã hiển thị lại', reason: 'memory', by: 'reload', shell: 'electron' });
    l.signal({ kind: 'item-end' });
    expect(JSON.parse(l.stdin.at(-1)!)).toMatchObject({ memoryBytes: null });
    // No failure was reported on the way.
    expect(l.reports().map((r) => r.type)).toEqual(['screen-memory', 'screen-recovered']);
  });

  it('the renderer RSS past its ceiling, the JS heap flat: reloaded at the item end, logged with the RSS', async () => {
    const l = link({ screenRendererCeilingMb: 400 });
    l.signal({ kind: 'connected' });
    await l.play(MIN_RECYCLE_INTERVAL_MS, 20 * MB);
    l.electron.app.workingSetKb.set(l.w.webContents.pid, (401 * MB) / 1024);
    await l.play(10_000, 20 * MB);
    expect(l.w.webContents.crashes).toBe(0);
    l.signal({ kind: 'item-end' });
    expect(l.w.webContents.crashes).toBe(1);
    expect(l.logged.find((x) => x['cause'] === 'rss')?.msg)
      .toBe('screen page past its memory ceiling (renderer RSS 401 MB > 400 MB): reloading it between items / trang màn hình dùng quá nhiều bộ nhớ: tải lại giữa hai mục');
    l.unsubscribe();
    l.signal({ kind: 'item-end' });
    expect(l.stdin).toHaveLength(1);
  });
});

describe('Electron shell link: what the host sends', () => {
  it('reads page lists and item ends, and refuses a line that is neither, saying which field is wrong', () => {
    expect(parseHostToShell('{"type":"item-end","screen":"lobby","memoryBytes":1024}')).toEqual({ ok: true, value: { type: 'item-end', screen: 'lobby', memoryBytes: 1024 } });
    expect(parseHostToShell('{"type":"pages","pages":[]}')).toEqual({ ok: true, value: { type: 'pages', pages: [] } });
    const missing = parseHostToShell('{"type":"item-end","screen":"lobby"}');
    expect(missing.ok === false && missing.error).toMatch(/memoryBytes/);
    const negative = parseHostToShell('{"type":"item-end","screen":"lobby","memoryBytes":-1}');
    expect(negative.ok).toBe(false);
    const unknown = parseHostToShell('{"type":"recycle","screen":"lobby"}');
    expect(unknown.ok === false && unknown.error).toMatch(/unknown type "recycle"/);
  });
});
