// The key guard of the Chromium shell on X11: Chromium acts on Alt+F4, Ctrl+Shift+W and
// Ctrl+(Shift+)Q before any page can stop them (main/core/kiosk-keys.ts), and closes or quits the
// kiosk window. The host takes them first: a passive grab of each on the root window, so the X
// server hands the press to this connection instead of the focused window, and it is dropped.
// The window stays; nothing shows. Where another program already holds one (a window manager's
// own Alt+F4 → close), the X server refuses that grab: the host says so, and the window it closes
// is reopened from the spare browser as before. A connection lost (the X server restarted) is
// made again. Grabs end with the connection, so a crashed host leaves none behind.
import type { Logger } from 'pino';
import * as x11 from 'x11';
import type { Timers } from '../core/clock.js';
import { CHROMIUM_KEPT_KEYS, keptKeyOf, keyGrabs, type KeptKey, type KeyGrab } from '../core/kiosk-keys.js';
import { realTimers } from './timers.js';

/** X protocol values: GrabModeAsync, and the BadAccess error (another client holds the grab). */
const GRAB_MODE_ASYNC = 1;
const BAD_ACCESS = 10;
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
  keys?: readonly KeptKey[];
}

/** What one connection managed: the keys it took, the keys another program holds. */
export interface KeyGuardState {
  taken: string[];
  heldElsewhere: string[];
}

export interface KeyGuard {
  /** Settles at each connection's grabs (the first one's here; tests wait on it). */
  ready: Promise<KeyGuardState | null>;
  /** The keys dropped so far (a press each). */
  readonly pressed: number;
  close(): Promise<void>;
}

const unique = (xs: string[]) => [...new Set(xs)];

export function guardKioskKeys(o: KeyGuardOptions): KeyGuard {
  const timers = o.timers ?? realTimers;
  const now = o.now ?? Date.now;
  const display = o.display ?? process.env['DISPLAY'];
  const retryMs = o.retryMs ?? 10_000;
  const keys = o.keys ?? CHROMIUM_KEPT_KEYS;
  const log = o.log;
  let client: x11.XClient | null = null;
  let retry: unknown = null;
  let closed = false;
  let pressed = 0;
  let failedBefore = false;
  const lastLogged = new Map<string, number>();
  let settleFirst: (s: KeyGuardState | null) => void = () => {};
  const ready = new Promise<KeyGuardState | null>((r) => (settleFirst = r));

  const again = () => {
    client = null;
    if (closed || retry !== null) return;
    retry = timers.setTimeout(() => {
      retry = null;
      connect();
    }, retryMs);
  };

  const grab = (X: x11.XClient, root: number, grabs: KeyGrab[]) => {
    const bySeq = new Map<number, string>();
    const refused = new Set<string>();
    X.on('error', (e) => {
      const label = bySeq.get(e.seq);
      if (label && e.error === BAD_ACCESS) refused.add(label);
      else log.warn({ err: e.message }, 'X error on the key guard\'s connection');
    });
    for (const g of grabs) {
      X.GrabKey(root, 0, g.modifiers, g.keycode, GRAB_MODE_ASYNC, GRAB_MODE_ASYNC);
      bySeq.set(X.seq_num, g.label);
    }
    // The X server answers in order: by this reply every grab's error has come.
    X.GetInputFocus(() => {
      const state: KeyGuardState = {
        taken: unique(grabs.map((g) => g.label).filter((l) => !refused.has(l))),
        heldElsewhere: [...refused],
      };
      if (state.taken.length) log.info({ keys: state.taken }, `các phím ${state.taken.join(', ')} không còn đóng được cửa sổ máy phát / ${state.taken.join(', ')} can no longer close the kiosk windows (taken from Chromium)`);
      if (state.heldElsewhere.length) {
        const k = state.heldElsewhere.join(', ');
        log.warn({ keys: state.heldElsewhere }, `${k} đã do chương trình khác giữ (trình quản lý cửa sổ): nhấn sẽ đóng cửa sổ, máy phát mở lại ngay; hãy tắt phím đó trong trình quản lý cửa sổ (docs/screens.md) / `
          + `${k} held by another program (the window manager): pressing it closes the window, which the player reopens at once; turn that key off in the window manager (docs/screens.md)`);
      }
      settleFirst(state);
    });
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
        const min = d.min_keycode;
        X.GetKeyboardMapping(min, d.max_keycode - min + 1, (e, rows) => {
          if (e) return fail(e);
          const grabs = keyGrabs(keys, rows, min);
          X.on('event', (ev) => {
            if (ev.name !== 'KeyPress' || ev.keycode === undefined) return;
            const label = keptKeyOf(grabs, ev.keycode, ev.buttons ?? 0);
            if (!label) return;
            pressed++;
            const t = now();
            if (t - (lastLogged.get(label) ?? -Infinity) < LOG_PRESS_EVERY_MS) return;
            lastLogged.set(label, t);
            log.info({ key: label }, `${label} bị bỏ qua / ${label} pressed on the kiosk: ignored`);
          });
          grab(X, d.screen[0]!.root, grabs);
        });
      });
    } catch (err) {
      return fail(err as Error);
    }
    X.on('error', (e) => {
      // Before the set-up: the connection failed (the callback has it too, at most once).
      if (client !== X) fail(e);
    });
    X.on('end', () => {
      if (client !== X || closed) return;
      log.warn({ display }, 'the X connection of the key guard ended; taking the keys again');
      again();
    });
  };

  connect();
  return {
    ready,
    get pressed() {
      return pressed;
    },
    close: async () => {
      closed = true;
      if (retry !== null) timers.clearTimeout(retry);
      retry = null;
      try {
        client?.terminate();
      } catch { /* already gone */ }
      client = null;
      settleFirst(null);
    },
  };
}
