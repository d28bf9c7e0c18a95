// The key guard against a real X server (Xvfb): it takes Alt+F4, Ctrl+Shift+W and Ctrl+(Shift+)Q
// from every window, drops them when pressed (xdotool sends them through XTEST, as a keyboard
// would), says which keys another program (a window manager) holds, lets them go when closed, and
// takes them once an X server comes up after it started.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { guardKioskKeys, type KeyGuard } from '../../../main/host/x-key-guard.js';
import { CHROMIUM_KEPT_KEYS } from '../../../main/core/kiosk-keys.js';
import { sleep, until } from '../../helpers/temp.js';

const missing = ['Xvfb', 'xdotool'].filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
if (missing.length) console.warn(`key guard test skipped: ${missing.join(', ')} not installed (apt-get install xvfb xdotool)`);

const LABELS = CHROMIUM_KEPT_KEYS.map((k) => k.label);
const servers: ChildProcess[] = [];
const guards: KeyGuard[] = [];

async function xServer(display: string): Promise<void> {
  const x = spawn('Xvfb', [display, '-screen', '0', '640x480x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  servers.push(x);
  await until(() => spawnSync('xdotool', ['getmouselocation'], { env: { ...process.env, DISPLAY: display } }).status === 0, 10_000, 50);
}
function logged(): { lines: { level: number; msg: string; keys?: string[]; key?: string }[]; log: pino.Logger } {
  const lines: { level: number; msg: string }[] = [];
  return { lines, log: pino({ level: 'debug' }, { write: (l: string) => void lines.push(JSON.parse(l)) }) };
}
const guard = (g: KeyGuard) => (guards.push(g), g);
const press = (display: string, keys: string) => spawnSync('xdotool', ['key', keys], { env: { ...process.env, DISPLAY: display } });

afterEach(async () => {
  await Promise.all(guards.splice(0).map((g) => g.close()));
  for (const s of servers.splice(0)) s.kill();
});

describe.skipIf(missing.length > 0)('the key guard on a real X server', () => {
  it('takes the keys Chromium keeps, drops each press, and says which ones another program holds', async () => {
    const display = `:${40 + (process.pid % 9)}`;
    await xServer(display);
    const first = logged();
    const g = guard(guardKioskKeys({ log: first.log, display }));
    expect(await g.ready).toEqual({ taken: LABELS, heldElsewhere: [] });
    expect(first.lines.some((l) => l.level === 30 && /can no longer close the kiosk windows/.test(l.msg))).toBe(true);

    for (const k of ['alt+F4', 'ctrl+shift+w', 'ctrl+q', 'ctrl+shift+q']) press(display, k);
    // Caps Lock on: still taken (each key is grabbed with and without the lock modifiers).
    press(display, 'Caps_Lock');
    press(display, 'alt+F4');
    press(display, 'Caps_Lock');
    // A key the guard leaves alone reaches nobody of ours.
    press(display, 'alt+F5');
    await until(() => g.pressed >= 5, 5000, 20);
    await sleep(200);
    expect(g.pressed).toBe(5);
    // Logged once per key in 10 s, not once per press.
    expect(first.lines.filter((l) => l.key === 'Alt+F4').map((l) => l.msg)).toEqual(['Alt+F4 bị bỏ qua / Alt+F4 pressed on the kiosk: ignored']);
    expect(first.lines.filter((l) => /pressed on the kiosk/.test(l.msg)).map((l) => l.key).sort()).toEqual([...LABELS].sort());

    // A second program asking for the same keys (as a window manager with its own Alt+F4 would
    // have first) is refused each of them: the guard that comes second says so.
    const second = logged();
    const other = guard(guardKioskKeys({ log: second.log, display }));
    expect(await other.ready).toEqual({ taken: [], heldElsewhere: LABELS });
    const warning = second.lines.find((l) => l.level === 40);
    expect(warning?.keys).toEqual(LABELS);
    expect(warning?.msg).toMatch(/held by another program \(the window manager\).*reopens/);

    // Closed, the first guard's grabs are gone with its connection: a new guard gets them.
    await g.close();
    await sleep(200);
    const third = guard(guardKioskKeys({ log: logged().log, display }));
    expect((await third.ready)?.taken).toEqual(LABELS);
  });

  it('waits for an X server that is not up yet, and takes the keys once it is', async () => {
    const display = `:${30 + (process.pid % 9)}`;
    const { lines, log } = logged();
    const g = guard(guardKioskKeys({ log, display, retryMs: 200 }));
    expect(await g.ready).toBeNull();
    expect(lines.filter((l) => /cannot take the kiosk keys on X display/.test(l.msg))).toHaveLength(1);
    await xServer(display);
    await until(() => lines.some((l) => /can no longer close the kiosk windows/.test(l.msg)), 10_000, 50);
    // Said once while it waited, however many tries it took.
    expect(lines.filter((l) => /cannot take the kiosk keys/.test(l.msg))).toHaveLength(1);
    press(display, 'alt+F4');
    await until(() => g.pressed === 1, 5000, 20);
  });

  it('takes the keys again after the X server restarts', async () => {
    const display = `:${20 + (process.pid % 9)}`;
    await xServer(display);
    const { lines, log } = logged();
    const g = guard(guardKioskKeys({ log, display, retryMs: 200 }));
    expect((await g.ready)?.taken).toEqual(LABELS);
    servers.splice(0).forEach((s) => s.kill());
    await until(() => lines.some((l) => /key guard ended/.test(l.msg)), 10_000, 50);
    await sleep(300);
    await xServer(display);
    await until(() => lines.filter((l) => /can no longer close the kiosk windows/.test(l.msg)).length === 2, 10_000, 50);
    press(display, 'alt+F4');
    await until(() => g.pressed === 1, 5000, 20);
  });
});
