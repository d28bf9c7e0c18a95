// Which physical display shows which screen, as pure functions of what Electron's `screen` API
// reports: display indices count from the primary display (0), then the others left to right,
// top to bottom (docs/station.md `screens.<id>.display`). The per-machine `displays` setting
// (settings.json) overrides station.yaml's `display` on a machine wired differently. A screen
// whose display is not connected gets none: its window waits until the display comes.
import type { MachineSettings } from './contract/machine-settings.js';
import type { PageLink } from './contract/pages.js';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What is needed of an Electron `Display`. */
export interface DisplayLike {
  id: number;
  bounds: Bounds;
}

/** Displays in index order: the primary first, then by x, then by y. */
export function orderDisplays<D extends DisplayLike>(displays: readonly D[], primaryId: number): D[] {
  const primary = displays.filter((d) => d.id === primaryId);
  const rest = displays.filter((d) => d.id !== primaryId).sort((a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y || a.id - b.id);
  return [...primary, ...rest];
}

/** The display index a screen wants on this machine. */
export const wantedDisplay = (page: Pick<PageLink, 'id' | 'display'>, settings: MachineSettings): number =>
  settings.displays?.[page.id] ?? page.display ?? 0;

/** Each screen page with its display, or null while that display is missing. */
export function placeScreens<D extends DisplayLike>(
  pages: readonly PageLink[], settings: MachineSettings, displays: readonly D[], primaryId: number,
): { page: PageLink; display: D | null }[] {
  const ordered = orderDisplays(displays, primaryId);
  return pages.filter((p) => p.kind === 'screen').map((page) => ({ page, display: ordered[wantedDisplay(page, settings)] ?? null }));
}

export const sameBounds = (a: Bounds, b: Bounds): boolean => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
