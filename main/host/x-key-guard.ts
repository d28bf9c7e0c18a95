// The key guard of the Chromium shell on X11: Chromium acts on Alt+F4, Ctrl+Shift+W and
// Ctrl+(Shift+)Q before any page can stop them (main/core/kiosk-keys.ts), and closes or quits the
// kiosk window. The host takes them first: a passive grab of each on every kiosk window (found by
// its X class, `--class=bantin-kiosk`), so while one of them has the focus the X server hands the
// press to this connection instead, and it is dropped. The window stays; nothing shows. Other
// windows (a station PC's own desktop) keep their keys. New windows (a healed one, a screen added)
// are found from the root window's structure events, and by a scan every few seconds.
//
// X gives a key to the grab nearest the root: a window manager that binds Alt+F4 on the root
// window (most do, to close) gets it before our window's grab. A probe grab on the root at
// connection tells: refused (BadAccess), another program holds that key — the host says so, and
// the window it closes is reopened from the spare browser as before. A connection lost (the X
// server restarted) is made again. Grabs end with the connection: a crashed host leaves none.
import type { Logger } from 'pino';
import * as x11 from 'x11';
import type { Timers } from '../core/clock.js';
import { CHROMIUM_KEPT_KEYS, isKioskWindowClass, keptKeyOf, keyGrabs, type KeptKey, type KeyGrab } from '../core/kiosk-keys.js';
import { every, realTimers } from './timers.js';

/** X protocol values: GrabModeAsync, errors BadAccess (another client holds the grab) and
 *  BadWindow (gone meanwhile), the predefined atoms WM_CLASS and STRING, SubstructureNotify. */
const GRAB_MODE_ASYNC = 1;
const BAD_ACCESS = 10;
const BAD_WINDOW = 3;
const WM_CLASS = 67;
const STRING = 31;
const SUBSTRUCTURE_NOTIFY = 0x00080000;
/** A key pressed again and again is logged once in this time. */
const LOG_PRESS_EVERY_MS = 10_000;

export interface KeyGuardOptions {
  log: Logger;
  /** The X display (default: $DISPLAY). */
  display?: string;
  timers?: Timers;
  now?: () => number;
  /** Try again this long after the X connection failed or ended. */
  retryMs?: number;
  /** Look for new kiosk windows at least this often (besides the X events that say so). */
  scanMs?: number;
  keys?: readonly KeptKey[];
}

/** What one connection found: the keys it can take, the keys another program holds first. */
export interface KeyGuardState {
  taken: string[];
  heldElsewhere: string[];
}

export interface KeyGuard {
  /** Settles at the first connection's probe (null: no X connection); tests wait on it. */
  ready: Promise<KeyGuardState | null>;
  /** The kiosk windows whose keys are taken now. */
  readonly windows: number;
  /** The keys dropped so far (a press each). */
  readonly pressed: number;
  close(): Promise<void>;
}

const unique = (xs: string[]) => [...new Set(xs)];
const hex = (wid: number) => `0x${wid.toString(16)}`;

export function guardKioskKeys(o: KeyGuardOptions): KeyGuard {
  const timers = o.timers ?? realTimers;
  const now = o.now ?? Date.now;
  const display = o.display ?? process.env['DISPLAY'];
  const retryMs = o.retryMs ?? 10_000;
  const scanMs = o.scanMs ?? 5000;
  const keys = o.keys ?? CHROMIUM_KEPT_KEYS;
  const log = o.log;
  let client: x11.XClient | null = null;
  let retry: unknown = null;
  let stopScans: (() => void) | null = null;
  let closed = false;
  let pressed = 0;
  let failedBefore = false;
  /** Kiosk windows grabbed on this connection. */
  let guarded = new Set<number>();
  const lastLogged = new Map<string, number>();
  let settleFirst: (s: KeyGuardState | null) => void = () => {};
  const ready = new Promise<KeyGuardState | null>((r) => (settleFirst = r));

  const again = () => {
    client = null;
    stopScans?.();
    stopScans = null;
    guarded = new Set();
    // A new connection numbers its requests from 1 again: nothing of this one may match them.
    expected.clear();
    scanning = null;
    scanAgain = false;
    if (closed || retry !== null) return;
    retry = timers.setTimeout(() => {
      retry = null;
      connect();
    }, retryMs);
  };

  /** Requests without a reply whose error is expected: their sequence number → what to do with
   *  it. A batch ends with a round trip (the X server answers in order: by its reply every error
   *  of the batch has come), and its entries go, so months of scans keep none. */
  const expected = new Map<number, (e: x11.XError) => void>();
  const batch = (X: x11.XClient, requests: Array<[send: () => void, onError: (e: x11.XError) => void]>, done: () => void) => {
    const seqs: number[] = [];
    for (const [send, onError] of requests) {
      send();
      seqs.push(X.seq_num);
      expected.set(X.seq_num, onError);
    }
    X.GetInputFocus(() => {
      for (const q of seqs) expected.delete(q);
      done();
      return true;
    });
  };

  /** Probe: which keys the root window's grab is free for (a window manager holds the rest). */
  const probe = (X: x11.XClient, root: number, grabs: KeyGrab[], done: (s: KeyGuardState) => void) => {
    const refused = new Set<string>();
    batch(X, grabs.map((g) => [
      () => X.GrabKey(root, 0, g.modifiers, g.keycode, GRAB_MODE_ASYNC, GRAB_MODE_ASYNC),
      (e) => void (e.error === BAD_ACCESS && refused.add(g.label)),
    ]), () => {
      // Let go at once: the keys are taken in the kiosk windows only.
      for (const g of grabs) X.UngrabKey(root, g.keycode, g.modifiers);
      done({ taken: unique(grabs.map((g) => g.label).filter((l) => !refused.has(l))), heldElsewhere: [...refused] });
    });
  };

  /** Whether `wid` is a kiosk window (its WM_CLASS); false if it is gone. (A reply's error comes
   *  to its callback; `true` says it was handled.) */
  const isKiosk = (X: x11.XClient, wid: number): Promise<boolean> => new Promise((resolve) => {
    X.GetProperty(0, wid, WM_CLASS, STRING, 0, 64, (err, prop) => {
      resolve(!err && isKioskWindowClass(prop.data.toString('latin1')));
      return true;
    });
  });
  const childrenOf = (X: x11.XClient, wid: number): Promise<number[]> => new Promise((resolve) => {
    X.QueryTree(wid, (err, tree) => {
      resolve(err ? [] : tree.children);
      return true;
    });
  });

  /** The connection a scan runs on now. A scan on a connection that died waits for replies that
   *  never come: it must not hold back the scans of the next connection. */
  let scanning: x11.XClient | null = null;
  let scanAgain = false;
  /** Find the kiosk windows — the root's children, or their children under a window manager
   *  that puts each in a frame — and grab the keys on the new ones. */
  const scan = async (X: x11.XClient, root: number, grabs: KeyGrab[]) => {
    if (scanning === X) return void (scanAgain = true);
    scanning = X;
    try {
      // All asked at once: the X server answers them in one stream, not a round trip each.
      const kiosk = async (wids: number[]) => (await Promise.all(wids.map(async (w) => ((await isKiosk(X, w)) ? w : null)))).filter((w) => w !== null);
      const tops = await childrenOf(X, root);
      const topKiosk = await kiosk(tops);
      const framed = (await Promise.all(tops.filter((w) => !topKiosk.includes(w)).map(async (w) => kiosk(await childrenOf(X, w))))).flat();
      const found = new Set<number>([...topKiosk, ...framed]);
      if (client !== X) return;
      const fresh = [...found].filter((wid) => !guarded.has(wid));
      if (fresh.length) {
        await new Promise<void>((resolve) => batch(X, fresh.flatMap((wid) => grabs.map((g) => [
          () => X.GrabKey(wid, 0, g.modifiers, g.keycode, GRAB_MODE_ASYNC, GRAB_MODE_ASYNC),
          (e: x11.XError) => void (e.error !== BAD_WINDOW && log.warn({ err: e.message, window: hex(wid) }, `could not take ${g.label} in a kiosk window`)),
        ] as [() => void, (e: x11.XError) => void])), resolve));
        log.info({ windows: fresh.map(hex) }, 'đã giữ phím trong cửa sổ máy phát mới / kiosk keys taken in new kiosk windows');
      }
      // Windows gone (a healed window's old one) are forgotten: months of healing keep none.
      guarded = found;
    } finally {
      if (scanning === X) scanning = null;
      if (scanAgain && client === X) {
        scanAgain = false;
        void scan(X, root, grabs);
      }
    }
  };

  const onPress = (grabs: KeyGrab[], ev: x11.XEvent) => {
    const label = keptKeyOf(grabs, ev.keycode!, ev.buttons ?? 0);
    if (!label) return;
    pressed++;
    const t = now();
    if (t - (lastLogged.get(label) ?? -Infinity) < LOG_PRESS_EVERY_MS) return;
    lastLogged.set(label, t);
    log.info({ key: label }, `${label} bị bỏ qua / ${label} pressed on the kiosk: ignored`);
  };

  const said = (state: KeyGuardState) => {
    if (state.taken.length) {
      const k = state.taken.join(', ');
      log.info({ keys: state.taken }, `${k} không còn đóng được cửa sổ máy phát / ${k} can no longer close the kiosk windows (taken from Chromium)`);
    }
    if (state.heldElsewhere.length) {
      const k = state.heldElsewhere.join(', ');
      log.warn({ keys: state.heldElsewhere }, `${k} đã do chương trình khác giữ (trình quản lý cửa sổ): nhấn sẽ đóng cửa sổ, máy phát mở lại ngay; hãy tắt phím đó trong trình quản lý cửa sổ (docs/screens.md) / `
        + `${k} held by another program (the window manager): pressing it closes the window, which the player reopens at once; turn that key off in the window manager (docs/screens.md)`);
    }
  };

  const connect = () => {
    if (closed) return;
    if (!display) {
      log.info('no X display ($DISPLAY): Alt+F4 and Ctrl+Q are left to the window system');
      settleFirst(null);
      return;
    }
    let X: x11.XClient;
    const fail = (err: Error) => {
      if (!failedBefore) log.warn({ err: err.message, display }, `không giữ được phím trên màn hình X ${display} / cannot take the kiosk keys on X display ${display}; trying again every ${retryMs / 1000} s`);
      failedBefore = true;
      settleFirst(null);
      again();
    };
    try {
      X = x11.createClient({ display }, (err, d) => {
        if (err) return fail(err);
        if (closed) return X.terminate();
        failedBefore = false;
        client = X;
        const root = d.screen[0]!.root;
        const min = d.min_keycode;
        X.GetKeyboardMapping(min, d.max_keycode - min + 1, (e, rows) => {
          if (e) return fail(e);
          const grabs = keyGrabs(keys, rows, min);
          let soon: unknown = null;
          X.on('event', (ev) => {
            if (ev.name === 'KeyPress' && ev.keycode !== undefined) return onPress(grabs, ev);
            // A window made, mapped or put in a frame: look for a new kiosk window (batched).
            if (/^(Create|Map|Reparent)Notify$/.test(ev.name) && soon === null) {
              soon = timers.setTimeout(() => {
                soon = null;
                if (client === X) void scan(X, root, grabs);
              }, 50);
            }
          });
          X.ChangeWindowAttributes(root, { eventMask: SUBSTRUCTURE_NOTIFY });
          probe(X, root, grabs, (state) => {
            said(state);
            settleFirst(state);
            void scan(X, root, grabs);
            stopScans = every(timers, scanMs, () => void scan(X, root, grabs));
          });
        });
      });
    } catch (err) {
      return fail(err as Error);
    }
    X.on('error', (e) => {
      const handle = expected.get(e.seq);
      if (handle) {
        expected.delete(e.seq);
        return handle(e);
      }
      // Before the set-up: the connection failed (the callback may have it too: said once).
      if (client !== X) return fail(e);
      // The socket's own failure (ECONNRESET, EPIPE: the X server died while a scan was being
      // written) comes instead of an end, and the connection is as gone.
      if (typeof (e as NodeJS.ErrnoException).code === 'string') return ended();
      log.warn({ err: e.message }, 'X error on the key guard\'s connection');
    });
    const ended = () => {
      if (client !== X || closed) return;
      log.warn({ display }, 'the X connection of the key guard ended; taking the keys again');
      again();
    };
    X.on('end', ended);
  };

  connect();
  return {
    ready,
    get windows() {
      return guarded.size;
    },
    get pressed() {
      return pressed;
    },
    close: async () => {
      closed = true;
      if (retry !== null) timers.clearTimeout(retry);
      retry = null;
      stopScans?.();
      try {
        client?.terminate();
      } catch { /* already gone */ }
      client = null;
      settleFirst(null);
    },
  };
}
