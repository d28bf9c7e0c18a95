// The keys a passer-by could use to close, reload, zoom, print, find or leave a kiosk page: one
// rule for both shells — the screen page stops them in its keydown guard (the Chromium shell),
// the Electron shell drops them in `before-input-event` before Chromium acts. Pure.

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
