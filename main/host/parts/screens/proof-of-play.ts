// A screen page's play report as a proof-of-play line.
import type { ScreenPlayLine } from '../../../core/contract/proof-of-play.js';
import type { PlayMessage } from '../../../core/contract/screen.js';

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
