// The key guard's reconnection, against a stand-in X client whose server can die at a chosen
// moment: in the middle of a scan (its replies never come), or with the socket failing
// (ECONNRESET) rather than ending. After either, the next connection must guard new kiosk
// windows — a real X server restarted at a random moment hit both (test/integration/host/x-key-guard.test.ts).
import { EventEmitter } from 'node:events';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KIOSK_WINDOW_CLASS } from '../../../main/core/kiosk-keys.js';
import { until } from '../../helpers/temp.js';

const ROOT = 1;
const KIOSK = 5;

/** One connection to the stand-in server: answers while alive; once dead, never again. */
class FakeClient extends EventEmitter {
  seq_num = 0;
  dead = false;
  queries = 0;
  constructor(readonly windows: Map<number, string>) {
    super();
  }
  private answer(fn: () => void) {
    this.seq_num++;
    if (!this.dead) queueMicrotask(() => !this.dead && fn());
  }
  GetKeyboardMapping(_min: number, n: number, cb: (e: null, rows: number[][]) => void) {
    this.answer(() => cb(null, Array.from({ length: n }, () => [])));
  }
  ChangeWindowAttributes() { this.seq_num++; }
  GrabKey() { this.seq_num++; }
  UngrabKey() { this.seq_num++; }
  GetInputFocus(cb: () => void) { this.answer(cb); }
  QueryTree(wid: number, cb: (e: null, tree: { children: number[] }) => void) {
    this.queries++;
    this.answer(() => cb(null, { children: wid === ROOT ? [...this.windows.keys()] : [] }));
  }
  GetProperty(_d: number, wid: number, _p: number, _t: number, _o: number, _l: number, cb: (e: null, p: { data: Buffer }) => void) {
    this.answer(() => cb(null, { data: Buffer.from(this.windows.get(wid) ?? '', 'latin1') }));
  }
  terminate() { this.dead = true; }
}

const clients: FakeClient[] = [];
const windows = new Map<number, string>();
vi.mock('x11', () => ({
  createClient: (_o: unknown, cb: (e: Error | null, d?: unknown) => void) => {
    const c = new FakeClient(windows);
    clients.push(c);
    queueMicrotask(() => cb(null, { screen: [{ root: ROOT }], min_keycode: 8, max_keycode: 15 }));
    return c;
  },
}));
const { guardKioskKeys } = await import('../../../main/host/x-key-guard.js');

function logged() {
  const lines: string[] = [];
  return { lines, log: pino({ level: 'debug' }, { write: (l: string) => void lines.push((JSON.parse(l) as { msg: string }).msg) }) };
}

afterEach(() => {
  clients.splice(0);
  windows.clear();
});

describe('the key guard after its X server went away', () => {
  it('a scan left waiting on the dead connection does not hold back the next connection\'s scans', async () => {
    const { log } = logged();
    const g = guardKioskKeys({ log, display: ':9', retryMs: 20, scanMs: 10 });
    await g.ready;
    const first = clients[0]!;
    // The server dies with the first scan on its way (asked as the guard got ready): never
    // answered. Later scans on that connection find it still running.
    expect(first.queries).toBe(1);
    first.dead = true;
    await new Promise((r) => setTimeout(r, 40));
    first.emit('end');
    await until(() => clients.length === 2, 1000, 5);
    windows.set(KIOSK, `chromium\0${KIOSK_WINDOW_CLASS}\0`);
    await until(() => g.windows === 1, 1000, 5);
    await g.close();
  });

  it('a socket that fails (ECONNRESET) instead of ending is a connection ended: taken again', async () => {
    const { lines, log } = logged();
    windows.set(KIOSK, `chromium\0${KIOSK_WINDOW_CLASS}\0`);
    const g = guardKioskKeys({ log, display: ':9', retryMs: 20, scanMs: 10 });
    await g.ready;
    await until(() => g.windows === 1, 1000, 5);
    clients[0]!.dead = true;
    clients[0]!.emit('error', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
    expect(lines.some((l) => /key guard ended; taking the keys again/.test(l))).toBe(true);
    await until(() => clients.length === 2 && g.windows === 1, 1000, 5);
    await g.close();
  });
});
