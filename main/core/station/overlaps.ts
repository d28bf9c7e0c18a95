// Two broadcast sessions of equal priority on air at once are a `check` error (docs/station.md).
// Computed here, over the next 366 days from the injected clock, with croner occurrences.
import type { Cron } from 'croner';
import { DAY } from '../duration.js';
import type { BroadcastSession, Instant } from '../model.js';
import { formatWallTime, makeWallCron, toWallTime, wallStartOfDay, windowSpans } from './calendar.js';
import type { Reports, SessionPositions } from './sources.js';

const OVERLAP_HORIZON_MS = 366 * DAY;

/**
 * Session spans over the next 366 days (starts within `valid`), sorted, in wall-clock time
 * (see makeWallCron): a year of a daily session is ~366 cron steps, and the check must stay fast.
 */
function sessionSpans(s: BroadcastSession, zone: string, now: Instant): Array<[number, number]> {
  const wallNow = toWallTime(now, zone);
  const from = s.valid?.from ? Math.max(wallNow, wallStartOfDay(s.valid.from)) : wallNow;
  const to = Math.min(wallNow + OVERLAP_HORIZON_MS, s.valid?.until ? wallStartOfDay(s.valid.until, 1) : Infinity);
  const spans: Array<[number, number]> = [];
  if (from >= to) return spans;
  for (const rule of s.when) {
    const cron: Cron = makeWallCron(rule.cron);
    spans.push(...windowSpans(cron, rule.durationMs, from - rule.durationMs, to));
  }
  return spans.filter(([, e]) => e > wallNow).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

function firstOverlap(a: Array<[number, number]>, b: Array<[number, number]>): number | null {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [as, ae] = a[i]!;
    const [bs, be] = b[j]!;
    if (as < be && bs < ae) return Math.max(as, bs);
    if (ae <= be) i++;
    else j++;
  }
  return null;
}

/** Two sessions of equal priority on air at once: an error (docs/station.md: `check` reports it). */
export function checkSessionOverlaps(
  sessions: BroadcastSession[], zone: string, now: Instant, positions: Map<BroadcastSession, SessionPositions>, reports: Reports,
): void {
  const sorted = [...sessions].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const spans = new Map<BroadcastSession, Array<[number, number]>>();
  const spansOf = (s: BroadcastSession) => {
    let v = spans.get(s);
    if (!v) spans.set(s, (v = sessionSpans(s, zone, now)));
    return v;
  };
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const a = sorted[i]!;
      const b = sorted[j]!;
      if (a.priority !== b.priority) continue; // only equal priorities are enumerated at all
      const at = firstOverlap(spansOf(a), spansOf(b));
      if (at === null) continue;
      const where = positions.get(b)!.when;
      const when = `${formatWallTime(at)} (${zone})`;
      reports.sink(where.file).error(where.pos, 'session.overlap',
        `this session overlaps ${a.file} (both priority ${a.priority}), first at ${when}: move one of them or give one a higher priority`,
        `buổi phát này trùng giờ với ${a.file} (cùng độ ưu tiên ${a.priority}), lần đầu lúc ${when}: dời giờ một buổi hoặc tăng độ ưu tiên của một buổi`);
    }
  }
}
