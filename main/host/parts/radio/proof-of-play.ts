// The radio's proof-of-play lines: the page's reports (each fact once, however often a page
// resends it), the transmitter switches, and the sessions no page reported.
import type { RadioBulletinLine, RadioPlayLine, SessionMissedLine, TransmitterLine } from '../../../core/contract/proof-of-play.js';
import type { RadioBulletinReport, RadioReport } from '../../../core/contract/radio.js';
import type { Instant, SessionOccurrence } from '../../../core/model.js';
import type { SwitchRecord } from './transmitter.js';
import { isOnDemandSession } from '../../../core/on-demand-spot.js';

export function sessionId(o: Pick<SessionOccurrence, 'start'> & { session: { file: string } }): string {
  return `${o.session.file}@${o.start}`;
}

const tenths = (ms: number | null): number | null => (ms === null ? null : Math.round(ms * 10) / 10);

/** The line for a page's report, received at `now`. */
export function radioPlayLine(r: RadioReport, now: Instant): RadioPlayLine {
  const ts = r.event.endsWith('-end') ? (r.actualEnd ?? now)
    : r.event.endsWith('-start') ? (r.actualStart ?? now) : now;
  const line: RadioPlayLine = {
    ts, target: 'radio', event: r.event, session: r.session, playlist: r.playlist, slot: r.slot, index: r.index, src: r.src,
    scheduledStart: r.scheduledStart, scheduledEnd: r.scheduledEnd, actualStart: r.actualStart, actualEnd: r.actualEnd,
    startErrorMs: r.actualStart !== null && r.scheduledStart !== null ? tenths(r.actualStart - r.scheduledStart) : null,
    endErrorMs: r.actualEnd !== null && r.scheduledEnd !== null ? tenths(r.actualEnd - r.scheduledEnd) : null,
    reason: r.reason,
    receivedAt: now,
  };
  if (r.measuredStart !== undefined) line.measuredStart = r.measuredStart;
  if (r.measuredEnd !== undefined) line.measuredEnd = r.measuredEnd;
  if (isOnDemandSession(r.session)) line.onDemand = true;
  return line;
}

/** The line for a page's bulletin fact, received at `now`. */
export function radioBulletinLine(r: RadioBulletinReport, now: Instant): RadioBulletinLine {
  const ts = r.event === 'bulletin-ended' ? (r.actualEnd ?? now) : (r.actualStart ?? now);
  return {
    ts, target: 'radio', event: r.event, bulletin: r.bulletin, level: r.level, session: r.session,
    scheduledStart: r.scheduledStart, actualStart: r.actualStart, actualEnd: r.actualEnd, reason: r.reason, receivedAt: now,
    ...(r.measuredStart !== undefined ? { measuredStart: r.measuredStart } : {}),
  };
}

export function transmitterLine(r: SwitchRecord): TransmitterLine {
  return {
    ts: r.fired,
    target: 'radio',
    event: `transmitter-${r.which}`,
    ok: r.result.ok,
    scheduled: r.scheduled,
    actual: r.fired,
    lateMs: r.fired - r.scheduled,
    queuedMs: r.fired - r.due,
    backend: r.result.backend,
    action: r.result.target,
    attempts: r.result.attempts,
    durationMs: r.result.durationMs,
    code: r.result.code,
    error: r.result.error,
    sessions: r.sessions,
    ...(r.reason ? { reason: r.reason } : {}),
  };
}

export function sessionMissedLine(o: SessionOccurrence, now: Instant, reason: string): SessionMissedLine {
  return {
    ts: now, target: 'radio', event: 'session-missed', session: sessionId(o), playlist: o.session.file, name: o.session.name,
    scheduledStart: o.start, scheduledEnd: o.end, reason,
  };
}

/** Which reports to write: each fact once (a page resends what was not acked), and no "missed"
 *  for what another page already aired (a reload, a standby page taking over). */
export class ReportFilter {
  private readonly logged = new Set<string>();
  /** Sessions some page reported on. */
  readonly reported = new Set<string>();

  accept(r: RadioReport): boolean {
    this.reported.add(r.session);
    if (this.logged.has(r.id)) return false;
    if (r.event === 'item-missed' || r.event === 'slot-missed') {
      if (this.logged.has(r.id.replace(/(item|slot)-missed$/, '$1-start'))) return false;
    }
    this.remember(r.id);
    return true;
  }

  /** A bulletin fact: once, however often it is resent. */
  acceptBulletin(id: string): boolean {
    if (this.logged.has(id)) return false;
    this.remember(id);
    return true;
  }

  private remember(id: string): void {
    this.logged.add(id);
    if (this.logged.size > 20_000) {
      const first = this.logged.values().next().value;
      if (first !== undefined) this.logged.delete(first);
    }
  }
}
