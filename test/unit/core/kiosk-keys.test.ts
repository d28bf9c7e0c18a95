import { describe, expect, it } from 'vitest';
import { CHROMIUM_KEPT_KEYS, KIOSK_WINDOW_CLASS, X_MODIFIERS, isKioskBlockedKey, isKioskWindowClass, keptKeyOf, keyGrabs } from '../../../main/core/kiosk-keys.js';

const press = (key: string, m: Partial<{ control: boolean; shift: boolean; alt: boolean; meta: boolean }> = {}) =>
  ({ key, control: false, shift: false, alt: false, meta: false, ...m });

describe('the kiosk key rule', () => {
  it('stops the keys that close, reload, zoom or leave, and lets typing through', () => {
    for (const k of [press('F4', { alt: true }), press('w', { control: true }), press('W', { control: true, shift: true }), press('F5'), press('r', { control: true }), press('F11'), press('+', { control: true }), press('ArrowLeft', { alt: true })]) {
      expect(isKioskBlockedKey(k), JSON.stringify(k)).toBe(true);
    }
    for (const k of [press('a'), press('ArrowLeft'), press('F4'), press('Enter'), press('c', { alt: true })]) expect(isKioskBlockedKey(k), JSON.stringify(k)).toBe(false);
  });
});

describe('the X grabs for the keys Chromium keeps', () => {
  // A keyboard mapping as GetKeyboardMapping gives it: keysyms per keycode from 8 (F4 at 70,
  // w/W at 25, q/Q at 24 on a pc105 keyboard).
  const mapping: number[][] = Array.from({ length: 248 }, () => [0, 0]);
  mapping[70 - 8] = [0xffc1, 0];
  mapping[25 - 8] = [0x77, 0x57];
  mapping[24 - 8] = [0x71, 0x51];

  it('grabs each key four times, whatever Caps Lock and Num Lock are', () => {
    const grabs = keyGrabs(CHROMIUM_KEPT_KEYS, mapping, 8);
    expect(grabs).toHaveLength(16);
    expect(grabs.filter((g) => g.label === 'Alt+F4')).toEqual([0, 2, 16, 18].map((lock) => ({ label: 'Alt+F4', keycode: 70, modifiers: X_MODIFIERS.mod1 | lock })));
    expect(new Set(grabs.filter((g) => g.label === 'Ctrl+Shift+W').map((g) => g.keycode))).toEqual(new Set([25]));
  });

  it('leaves out a key this keyboard cannot make', () => {
    const noF4 = mapping.map((row) => (row.includes(0xffc1) ? [0, 0] : row));
    expect(keyGrabs(CHROMIUM_KEPT_KEYS, noF4, 8).map((g) => g.label)).not.toContain('Alt+F4');
  });

  it('names the key of a grabbed press from its keycode and modifier state, locks or not', () => {
    const grabs = keyGrabs(CHROMIUM_KEPT_KEYS, mapping, 8);
    expect(keptKeyOf(grabs, 70, X_MODIFIERS.mod1)).toBe('Alt+F4');
    expect(keptKeyOf(grabs, 70, X_MODIFIERS.mod1 | X_MODIFIERS.lock | X_MODIFIERS.mod2)).toBe('Alt+F4');
    expect(keptKeyOf(grabs, 24, X_MODIFIERS.control)).toBe('Ctrl+Q');
    expect(keptKeyOf(grabs, 24, X_MODIFIERS.control | X_MODIFIERS.shift)).toBe('Ctrl+Shift+Q');
    // The event's state carries pointer buttons in its high bits: not a modifier.
    expect(keptKeyOf(grabs, 70, X_MODIFIERS.mod1 | 0x100)).toBe('Alt+F4');
    expect(keptKeyOf(grabs, 70, 0)).toBeNull();
    expect(keptKeyOf(grabs, 71, X_MODIFIERS.mod1)).toBeNull();
  });
});

describe('the kiosk windows by their X class', () => {
  it('knows a kiosk window by the class of its WM_CLASS, not by its instance name', () => {
    expect(isKioskWindowClass(`chromium (/data/chromium/screen_lobby)\0${KIOSK_WINDOW_CLASS}\0`)).toBe(true);
    expect(isKioskWindowClass('chromium\0Chromium\0')).toBe(false);
    expect(isKioskWindowClass(`${KIOSK_WINDOW_CLASS}\0Gedit\0`)).toBe(false);
    expect(isKioskWindowClass('')).toBe(false);
  });
});
