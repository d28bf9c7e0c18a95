// What `check` says about when sessions air, over the next 366 days from the injected clock, read
// off the planner's own occurrences (sessions.ts) so the verdict is what will air, DST included:
// - two sessions of equal priority on air at once: an error (docs/scheduling.md), on the file that sorts later;
// - windows of one session that overlap: a warning on the later window (they air as one occurrence);
// - an occurrence that runs on for more than 7 days: an error (it never airs).
import { DAY, formatDuration } from '../duration.js';
import type { BroadcastSession, Instant } from '../model.js';
import { SessionPlanner } from '../sessions.js';
import { localDateTime } from './calendar.js';
import type { Reports, SessionPositions } from './sources.js';

const OVERLAP_HORIZON_MS = 366 * DAY;

export function checkSessionOverlaps(
  sessions: BroadcastSession[], zone: string, now: Instant, positions: Map<BroadcastSession, SessionPositions>, reports: Reports,
): void {
  const planner = new SessionPlanner({ timezone: zone, sessions, radio: null });
  const to = now + OVERLAP_HORIZON_MS;
  const at = (t: Instant) => `${localDateTime(t, zone)} (${zone})`;
  for (const c of planner.clashes(now, to)) {
    const a = c.first, b = c.second;
    const where = positions.get(b)!.when;
    reports.sink(where.file).error(where.pos, 'session.overlap',
      `this session overlaps ${a.file} (both priority ${a.priority}), first at ${at(c.at)}: move one of them or give one a higher priority`,
      `buổi phát này trùng giờ với ${a.file} (cùng độ ưu tiên ${a.priority}), lần đầu lúc ${at(c.at)}: dời giờ một buổi hoặc tăng độ ưu tiên của một buổi`);
  }
  const { overlaps, endless } = planner.windowProblems(now, to);
  for (const o of overlaps) {
    const rules = positions.get(o.session)!.rules;
    const where = rules[o.later]!;
    const win = (i: number) => `\`${o.session.when[i]!.cron}\` for ${formatDuration(o.session.when[i]!.durationMs)}`;
    const winVi = (i: number) => `\`${o.session.when[i]!.cron}\`, ${formatDuration(o.session.when[i]!.durationMs)}`;
    const start = localDateTime(o.start, zone), end = localDateTime(o.end, zone);
    const endShort = end.slice(0, 10) === start.slice(0, 10) ? end.slice(11) : end; // same day: the time only
    const span = `from ${start} to ${endShort}`;
    const spanVi = `từ ${start} đến ${endShort}`;
    if (o.earlier === o.later) {
      reports.sink(where.file).warning(where.pos, 'session.window-overlap',
        `this window (${win(o.later)}) opens again before it closes, first at ${at(o.at)}: its runs air as one session, ${span}; make \`for\` shorter than the time between runs`,
        `khung giờ này (${winVi(o.later)}) mở lại trước khi đóng, lần đầu lúc ${at(o.at)}: các lần mở được phát thành một buổi, ${spanVi}; hãy đặt \`for\` ngắn hơn khoảng cách giữa hai lần mở`);
    } else {
      const line = rules[o.earlier]!.pos.line;
      reports.sink(where.file).warning(where.pos, 'session.window-overlap',
        `this window (${win(o.later)}) overlaps the one on line ${line} (${win(o.earlier)}), first at ${at(o.at)}: they air as one session, ${span}; if you meant two broadcasts, make the windows not overlap`,
        `khung giờ này (${winVi(o.later)}) trùng với khung giờ ở dòng ${line} (${winVi(o.earlier)}), lần đầu lúc ${at(o.at)}: hai khung được phát thành một buổi, ${spanVi}; nếu muốn phát hai buổi riêng, hãy sửa để các khung không trùng nhau`);
    }
  }
  for (const e of endless) {
    const where = positions.get(e)!.when;
    reports.sink(where.file).error(where.pos, 'session.endless',
      `the windows of this session overlap one another without a break for more than 7 days: it never airs; make \`for\` shorter than the time between runs`,
      `các khung giờ của buổi phát này nối liền nhau quá 7 ngày: buổi này sẽ không bao giờ được phát; hãy đặt \`for\` ngắn hơn khoảng cách giữa hai lần mở`);
  }
}
