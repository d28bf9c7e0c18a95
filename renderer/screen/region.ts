// An LED billboard's region (station.yaml `region`, in display pixels): the stage — the content,
// the slate and the bulletins — is fitted to that rectangle of the window, which covers the
// whole display; the rest stays the body's black. The sizes in style.css are taken from the
// area (`--area-*`, `--u` = 1 % of its shorter side), so a 384×192 sign gets text of its size.
import type { Rect } from '../../main/core/displays.js';
import { fitRegion } from '../../main/core/displays.js';

export function applyRegion(root: HTMLElement, region: Rect | undefined, win: Pick<Window, 'innerWidth' | 'innerHeight' | 'devicePixelRatio'> = window): void {
  const dpr = win.devicePixelRatio || 1;
  const fitted = region ? fitRegion(region, { width: Math.round(win.innerWidth * dpr), height: Math.round(win.innerHeight * dpr) }) : null;
  const vars: Record<string, string | null> = fitted
    ? {
      '--area-x': `${fitted.x / dpr}px`, '--area-y': `${fitted.y / dpr}px`,
      '--area-w': `${fitted.width / dpr}px`, '--area-h': `${fitted.height / dpr}px`,
      '--u': `${Math.min(fitted.width, fitted.height) / dpr / 100}px`,
    }
    : { '--area-x': null, '--area-y': null, '--area-w': null, '--area-h': null, '--u': null };
  for (const [k, v] of Object.entries(vars)) {
    if (v === null) root.style.removeProperty(k);
    else root.style.setProperty(k, v);
  }
}
