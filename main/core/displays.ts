// Which display a screen goes on and where its content sits there: pure decisions shared by the
// Chromium shell (X monitors from `xrandr --listmonitors`) and the Electron shell (its `screen`
// API gives the same rectangles). A display is numbered by its place in the monitor list the
// shell reads (0 = the first, which X and Electron put primary first); the per-machine settings'
// `displays` wins over station.yaml's `display` for a screen.

/** A rectangle in pixels of the desktop (X screen / Electron's DIP space). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One physical display as the shell reads it. */
export interface Monitor extends Rect {
  name: string;
  primary: boolean;
}

/** What placement needs of a screen (core/model.ts's Screen has it). */
export interface PlacedScreen {
  id: string;
  display: number;
  /** An LED sender card's part of the display: only this shows, the rest stays black. */
  region?: Rect | null;
}

/** The display index a screen goes on: the machine's own mapping first. */
export function displayIndexOf(screen: Pick<PlacedScreen, 'id' | 'display'>, machineDisplays: Readonly<Record<string, number>> | undefined): number {
  return machineDisplays?.[screen.id] ?? screen.display;
}

/** `xrandr --listmonitors` text → monitors, in its order. Lines look like
 *  ` 0: +*DP-1 1920/527x1080/296+0+0  DP-1` (`+` automatic, `*` primary; mm sizes after `/`;
 *  a negative offset is printed `+-120`). */
export function parseXrandrMonitors(text: string): Monitor[] {
  const out: Monitor[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*\d+:\s+([+*]*)(\S+)\s+(\d+)(?:\/\d+)?x(\d+)(?:\/\d+)?\+(-?\d+)\+(-?\d+)/.exec(line);
    if (!m) continue;
    out.push({
      name: m[2]!, primary: m[1]!.includes('*'),
      width: Number(m[3]), height: Number(m[4]), x: Number(m[5]), y: Number(m[6]),
    });
  }
  return out;
}

/** Two monitor lists that place every window the same way. */
export function sameMonitors(a: readonly Monitor[], b: readonly Monitor[]): boolean {
  return a.length === b.length && a.every((m, i) => {
    const n = b[i]!;
    return m.name === n.name && m.x === n.x && m.y === n.y && m.width === n.width && m.height === n.height;
  });
}

/** The rectangle a screen's window covers: its whole display (a region is drawn inside the
 *  window, so the rest of the display stays black), or null while that display is missing. */
export function windowRect(displayIndex: number, monitors: readonly Monitor[]): Rect | null {
  const m = monitors[displayIndex];
  return m ? { x: m.x, y: m.y, width: m.width, height: m.height } : null;
}

/** A region fitted to its display: cut to what the display has (a sender card reads the top-left
 *  W×H of its output; a region past the edge shows only the part on the display). null: none of it
 *  is on the display. */
export function fitRegion(region: Rect, display: Pick<Rect, 'width' | 'height'>): Rect | null {
  const width = Math.min(region.width, display.width - region.x);
  const height = Math.min(region.height, display.height - region.y);
  return width > 0 && height > 0 ? { x: region.x, y: region.y, width, height } : null;
}

/** What a screen's window should be now. */
export type WindowPlan =
  | { id: string; state: 'placed'; display: number; rect: Rect; monitor: string }
  | { id: string; state: 'waiting'; display: number };

/** Every screen's window placement against the monitors seen now. */
export function planWindows(
  screens: readonly Pick<PlacedScreen, 'id' | 'display'>[], monitors: readonly Monitor[],
  machineDisplays?: Readonly<Record<string, number>>,
): WindowPlan[] {
  return screens.map((s) => {
    const display = displayIndexOf(s, machineDisplays);
    const rect = windowRect(display, monitors);
    return rect ? { id: s.id, state: 'placed', display, rect, monitor: monitors[display]!.name } : { id: s.id, state: 'waiting', display };
  });
}

export const sameRect = (a: Rect | null, b: Rect | null): boolean =>
  a === b || (a !== null && b !== null && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height);
