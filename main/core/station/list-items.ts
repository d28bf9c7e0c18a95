// What a SMIL entry carries beyond a path — fit and wallclock span — turned into item fields,
// with the warnings for where they cannot be honoured.
import type { DiagnosticSink } from '../diagnostics.js';
import type { ListEntry } from '../lists/index.js';
import type { Fit, Instant, WallclockSpan } from '../model.js';
import { formatInstant } from '../zone.js';

/** Fit and wallclock span of a screen item made from a list entry. */
export function screenEntryExtras(e: ListEntry, sink: DiagnosticSink, now: Instant, zone: string): { fit: Fit; wallclock?: WallclockSpan } {
  const out: { fit: Fit; wallclock?: WallclockSpan } = { fit: e.fit ?? 'contain' };
  if (!e.wallclock) return out;
  out.wallclock = e.wallclock;
  if (e.wallclock.end !== null && e.wallclock.end <= now) {
    const when = formatInstant(zone, e.wallclock.end);
    sink.warning(e.pos, 'smil.wallclock-passed', `"${e.path}" ended at ${when} (its wallclock end): it will not play again; remove it or change the date`,
      `"${e.path}" đã hết hạn lúc ${when} (thời điểm kết thúc wallclock): sẽ không phát nữa; hãy xóa hoặc sửa ngày`);
  }
  return out;
}

/** A broadcast slot airs its list whole: a wallclock span there is said not to be honoured. */
export function warnSlotWallclock(e: ListEntry, sink: DiagnosticSink): void {
  if (!e.wallclock) return;
  sink.warning(e.pos, 'smil.wallclock-slot', `the wallclock begin/end of "${e.path}" is not honoured in a broadcast slot: the session airs the whole list; use the session's \`when:\` and \`valid:\``,
    `thời điểm bắt đầu/kết thúc (wallclock) của "${e.path}" không được áp dụng trong phiên phát thanh: phiên phát cả danh sách; hãy dùng \`when:\` và \`valid:\` của phiên`);
}
