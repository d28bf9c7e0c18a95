// What part of its display a screen shows (GET /api/station `region`): an LED billboard's sender
// card reads a rectangle of the output, so the operator is told the thumbnail is that rectangle.
import type { StationInfo } from '../../../main/core/contract/console.js';
import type { Text } from './i18n.js';

/** `LED region 384×192 at 0,0 of display 2`, or null for a screen on its whole display. */
export function screenAreaText(info: StationInfo | null, id: string): Text | null {
  const s = info?.screens.find((x) => x.id === id);
  if (!s?.region) return null;
  const { x, y, width, height } = s.region;
  return [`Vùng LED ${width}×${height} tại ${x},${y} của đầu ra hình ${s.display}`, `LED region ${width}×${height} at ${x},${y} of display ${s.display}`];
}
