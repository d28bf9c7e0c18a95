// The key guard against a real X server (Xvfb): in windows of the kiosk class it takes Alt+F4,
// Ctrl+Shift+W and Ctrl+(Shift+)Q and drops each press (xdotool sends them through XTEST, as a
// keyboard would), while other windows keep their keys; it finds windows made after it started,
// says which keys another program (a window manager) holds on the root, lets them go when closed,
// and takes them once an X server comes up after it started, or again after it restarted.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import * as x11 from 'x11';
import { guardKioskKeys, type KeyGuard } from '../../../main/host/x-key-guard.js';
import { CHROMIUM_KEPT_KEYS, KIOSK_WINDOW_CLASS } from '../../../main/core/kiosk-keys.js';
import { sleep, until } from '../../helpers/temp.js';

const missing = ['Xvfb', 'xdotool'].filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
if (missing.length) console.warn(`key guard test skipped: ${missing.join(', ')} not installed (apt-get install xvfb xdotool)`);

const LABELS = CHROMIUM_KEPT_KEYS.map((k) => k.label);
const servers: ChildProcess[] = [];
const guards: KeyGuard[] = [];
const clients: x11.XClient[] = [];

async function xServer(display: string): Promise<void> {
  // -noreset: without it the server resets when its last client leaves (the readiness check's
  // xdotool), and refuses whoever connects during the reset.
  const x = spawn('Xvfb', [display, '-screen', '0', '640x480x24', '-nolisten', 'tcp', '-noreset'], { stdio: 'ignore' });
  servers.push(x);
  await until(() => spawnSync('xdotool', ['getmouselocation'], { env: { ...process.env, DISPLAY: display } }).status === 0, 10_000, 50);
}
type Line = { level: number; msg: string; keys?: string[]; key?: string };
function logged(): { lines: Line[]; log: pino.Logger } {
  const lines: Line[] = [];
  return { lines, log: pino({ level: 'debug' }, { write: (l: string) => void lines.push(JSON.parse(l) as Line) }) };
}
const guard = (g: KeyGuard) => (guards.push(g), g);
const press = (display: string, keys: string) => spawnSync('xdotool', ['key', keys], { env: { ...process.env, DISPLAY: display } });

/** Another X client: what Chromium's window (a WM_CLASS of its own) or a window manager does. */
async function xClient(display: string): Promise<{ X: x11.XClient; root: number; keycode(keysym: number): number }> {
  return new Promise((resolve, reject) => {
    const X = x11.createClient({ display }, (err, d) => {
      if (err) return reject(err);
      clients.push(X);
      X.GetKeyboardMapping(d.min_keycode, d.max_keycode - d.min_keycode + 1, (_e, rows) => resolve({
        X, root: d.screen[0]!.root, keycode: (sym) => rows.findIndex((r) => r.includes(sym)) + d.min_keycode,
      }));
    });
    X.on('error', () => {});
  });
}
/** A mapped window of `wmClass` (instance "chromium", as Chromium names its own), with the focus. */
async function windowOf(display: string, wmClass: string): Promise<number> {
  const { X, root } = await xClient(display);
  const wid = X.AllocID();
  X.CreateWindow(wid, root, 0, 0, 320, 240, 0, 0, 1, 0, {});
  X.ChangeProperty(0, wid, 67 /* WM_CLASS */, 31 /* STRING */, 8, Buffer.from(`chromium\0${wmClass}\0`, 'latin1'));
  X.MapWindow(wid);
  X.SetInputFocus(wid, 1);
  await new Promise((r) => X.GetInputFocus(r));
  return wid;
}
const focus = async (display: string, wid: number) => {
  const { X } = await xClient(display);
  X.SetInputFocus(wid, 1);
  await new Promise((r) => X.GetInputFocus(r));
};

afterEach(async () => {
  await Promise.all(guards.splice(0).map((g) => g.close()));
  for (const c of clients.splice(0)) c.terminate();
  for (const s of servers.splice(0)) s.kill();
});

describe.skipIf(missing.length > 0)('the key guard on a real X server', () => {
  it('takes the keys Chromium keeps in kiosk windows only, found whenever they come, and drops each press', async () => {
    const display = `:${40 + (process.pid % 9)}`;
    await xServer(display);
    const early = await windowOf(display, KIOSK_WINDOW_CLASS);
    const { lines, log } = logged();
    const g = guard(guardKioskKeys({ log, display }));
    expect(await g.ready).toEqual({ taken: LABELS, heldElsewhere: [] });
    expect(lines.some((l) => l.level === 30 && /can no longer close the kiosk windows/.test(l.msg))).toBe(true);
    await until(() => g.windows === 1, 5000, 20);

    await focus(display, early);
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
    expect(lines.filter((l) => l.key === 'Alt+F4').map((l) => l.msg)).toEqual(['Alt+F4 bị bỏ qua / Alt+F4 pressed on the kiosk: ignored']);
    expect(lines.filter((l) => /pressed on the kiosk/.test(l.msg)).map((l) => l.key).sort()).toEqual([...LABELS].sort());

    // Another program's window (the station PC's own desktop) keeps its Alt+F4.
    await focus(display, await windowOf(display, 'Gedit'));
    press(display, 'alt+F4');
    await sleep(300);
    expect(g.pressed).toBe(5);

    // A kiosk window made after the guard started (a healed one, a screen added) is found from
    // the X events at once, not at the next 5-s scan.
    const later = await windowOf(display, KIOSK_WINDOW_CLASS);
    await until(() => g.windows === 2, 1000, 10);
    await focus(display, later);
    press(display, 'alt+F4');
    await until(() => g.pressed === 6, 5000, 20);
  });

  it('says which keys another program holds on the root window (a window manager\'s own Alt+F4), and lets its grabs go when closed', async () => {
    const display = `:${10 + (process.pid % 9)}`;
    await xServer(display);
    // A window manager binds Alt+F4 (close) and Ctrl+Q on the root: X gives it the key first.
    const wm = await xClient(display);
    wm.X.GrabKey(wm.root, 0, 8, wm.keycode(0xffc1), 1, 1);
    wm.X.GrabKey(wm.root, 0, 4, wm.keycode(0x71), 1, 1);
    await new Promise((r) => wm.X.GetInputFocus(r));
    const { lines, log } = logged();
    const g = guard(guardKioskKeys({ log, display }));
    expect(await g.ready).toEqual({ taken: ['Ctrl+Shift+W', 'Ctrl+Shift+Q'], heldElsewhere: ['Alt+F4', 'Ctrl+Q'] });
    const warning = lines.find((l) => l.level === 40);
    expect(warning?.keys).toEqual(['Alt+F4', 'Ctrl+Q']);
    expect(warning?.msg).toMatch(/^Alt\+F4, Ctrl\+Q đã do chương trình khác giữ.*held by another program \(the window manager\).*reopens at once/);
    // Its probe let the root go: the window manager's other grabs (and the keys of the root
    // window) are as they were — a second probe sees the same.
    const again = guard(guardKioskKeys({ log: logged().log, display }));
    expect(await again.ready).toEqual({ taken: ['Ctrl+Shift+W', 'Ctrl+Shift+Q'], heldElsewhere: ['Alt+F4', 'Ctrl+Q'] });

    // Closed, a guard's window grabs go with its connection: the kiosk window's keys are free.
    const wid = await windowOf(display, KIOSK_WINDOW_CLASS);
    await until(() => g.windows === 1 && again.windows === 1, 5000, 20);
    await g.close();
    await again.close();
    const taker = await xClient(display);
    taker.X.GrabKey(wid, 0, 4 | 1, taker.keycode(0x77), 1, 1);
    const refused = await new Promise<boolean>((resolve) => {
      taker.X.on('error', () => resolve(true));
      taker.X.GetInputFocus(() => resolve(false));
    });
    expect(refused).toBe(false);
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
    await windowOf(display, KIOSK_WINDOW_CLASS);
    await until(() => g.windows === 1, 5000, 20);
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
    clients.splice(0).forEach((c) => c.terminate());
    await until(() => lines.some((l) => /key guard ended/.test(l.msg)), 10_000, 50);
    await sleep(300);
    await xServer(display);
    await until(() => lines.filter((l) => /can no longer close the kiosk windows/.test(l.msg)).length === 2, 10_000, 50);
    await windowOf(display, KIOSK_WINDOW_CLASS);
    await until(() => g.windows === 1, 5000, 20);
    press(display, 'alt+F4');
    await until(() => g.pressed === 1, 5000, 20);
  });
});
