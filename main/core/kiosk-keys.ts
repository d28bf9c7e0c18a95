// The keys a passer-by could use to close, reload, zoom, print, find or leave a kiosk page: one
// rule for both shells — the screen page stops them in its keydown guard (the Chromium shell),
// the Electron shell drops them in `before-input-event` before Chromium acts; what Chromium keeps
// for itself the host takes on X11 first (below). Pure.

/** What of a key press the rule reads (a DOM KeyboardEvent's or Electron's `Input`, renamed). */
export interface KeyPress {
  key: string;
  control: boolean;
  shift: boolean;
  alt: boolean;
  meta: boolean;
}

const CTRL_KEYS = new Set(['r', 'w', 'q', 'n', 't', 'p', 's', 'f', 'g', 'o', 'u', 'l', 'i', 'j', '+', '-', '=', '0']);
const ALONE_KEYS = new Set(['F5', 'F11', 'F12', 'F3', 'BrowserBack', 'BrowserForward', 'BrowserRefresh']);

/** Alt+F4, Ctrl+W, Ctrl+Shift+W, Ctrl+Q, F5, Ctrl+R, F11, Ctrl+±/0, Alt+←/→, DevTools… */
export function isKioskBlockedKey(k: KeyPress): boolean {
  const key = k.key.length === 1 ? k.key.toLowerCase() : k.key;
  if (ALONE_KEYS.has(key)) return true;
  if ((k.control || k.meta) && CTRL_KEYS.has(key)) return true;
  return k.alt && (key === 'F4' || key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home');
}

// ------------------------------------------------------------------ keys Chromium keeps
// Some keys Chromium acts on before any page sees them: Alt+F4 closes its window, Ctrl+Shift+W
// and Ctrl+(Shift+)Q close or quit it. In the Chromium shell on X11 the host takes them first,
// with a passive grab on each kiosk window (main/host/x-key-guard.ts): the X server then hands them
// to the host, which drops them, and Chromium never sees them. Its windows only (their X class),
// never the root window: a station PC's own desktop keeps its Alt+F4. These are the X keysyms and core
// modifier masks (X11/keysymdef.h, X.h) of that grab.

/** The X window class (WM_CLASS) the Chromium shell gives its kiosk windows (`--class`): the
 *  key guard takes the keys in these windows only, never from the rest of a desktop. */
export const KIOSK_WINDOW_CLASS = 'bantin-kiosk';

/** Whether a WM_CLASS property (instance and class, each NUL-ended) is a kiosk window's. */
export function isKioskWindowClass(wmClass: string): boolean {
  return wmClass.split('\0').slice(1).includes(KIOSK_WINDOW_CLASS);
}

/** X11 core modifier masks. */
export const X_MODIFIERS = { shift: 1, lock: 2, control: 4, mod1: 8, mod2: 16 } as const;

export interface KeptKey {
  /** As an operator reads it (and the log says it). */
  label: string;
  /** The X keysym of the key itself. */
  keysym: number;
  /** Its modifiers as an X mask (Alt is Mod1). */
  modifiers: number;
}

export const CHROMIUM_KEPT_KEYS: readonly KeptKey[] = [
  { label: 'Alt+F4', keysym: 0xffc1, modifiers: X_MODIFIERS.mod1 },
  { label: 'Ctrl+Shift+W', keysym: 0x77, modifiers: X_MODIFIERS.control | X_MODIFIERS.shift },
  { label: 'Ctrl+Q', keysym: 0x71, modifiers: X_MODIFIERS.control },
  { label: 'Ctrl+Shift+Q', keysym: 0x71, modifiers: X_MODIFIERS.control | X_MODIFIERS.shift },
];

/** One passive grab: the key's keycode with one exact set of modifiers. */
export interface KeyGrab {
  label: string;
  keycode: number;
  modifiers: number;
}

/** The grabs that take `keys` whatever Caps Lock and Num Lock are (an X grab matches its
 *  modifiers exactly: each key is grabbed four times, with and without Lock and Mod2). `mapping`
 *  is the keyboard's GetKeyboardMapping reply (keysyms per keycode, from `minKeycode`). A key
 *  with no keycode on this keyboard is left out — it cannot be pressed. */
export function keyGrabs(keys: readonly KeptKey[], mapping: readonly (readonly number[])[], minKeycode: number): KeyGrab[] {
  const grabs: KeyGrab[] = [];
  for (const key of keys) {
    // The first keycode that makes the keysym (unshifted or shifted): what a press sends.
    const row = mapping.findIndex((syms) => syms.includes(key.keysym));
    if (row < 0) continue;
    for (const locks of [0, X_MODIFIERS.lock, X_MODIFIERS.mod2, X_MODIFIERS.lock | X_MODIFIERS.mod2]) {
      grabs.push({ label: key.label, keycode: row + minKeycode, modifiers: key.modifiers | locks });
    }
  }
  return grabs;
}

/** The kept key a grabbed press was (its keycode and the modifier state the X event gives). */
export function keptKeyOf(grabs: readonly KeyGrab[], keycode: number, state: number): string | null {
  const mods = state & ~(X_MODIFIERS.lock | X_MODIFIERS.mod2) & 0xff;
  return grabs.find((g) => g.keycode === keycode && (g.modifiers & ~(X_MODIFIERS.lock | X_MODIFIERS.mod2)) === mods)?.label ?? null;
}
