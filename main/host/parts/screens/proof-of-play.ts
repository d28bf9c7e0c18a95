// A screen page's play and bulletin reports as proof-of-play lines.
import type { ScreenBulletinLine, ScreenPlayLine } from '../../../core/contract/proof-of-play.js';
import type { BulletinMessage, PlayMessage } from '../../../core/contract/screen.js';

export function screenPlayLine(screenId: string, m: PlayMessage): ScreenPlayLine {
  const line: ScreenPlayLine = {
    ts: m.at,
    target: `screen:${screenId}`,
    event: m.kind === 'slate' ? `slate-${m.event}` : `item-${m.event}`,
    screen: screenId,
    playlist: m.playlist,
    item: m.item,
    kind: m.kind,
    src: m.src,
    segment: m.segment,
  };
  if (m.reason !== undefined) line.reason = m.reason;
  return line;
}

export function screenBulletinLine(screenId: string, m: BulletinMessage): ScreenBulletinLine {
  const line: ScreenBulletinLine = {
    ts: m.at, target: `screen:${screenId}`, event: `bulletin-${m.event}`, screen: screenId, bulletin: m.file, level: m.level,
  };
  if (m.reason !== undefined) line.reason = m.reason;
  return line;
}
