// Writing bulletin files, as `bantin bulletin` does (and the console will): the YAML of a new
// bulletin, its file name, and the edit that ends one — `until` set in place with the yaml
// library's Document API, so the operator's comments and layout stay as the record. Pure.
import { Document, isMap, isScalar, parseDocument, Scalar, type Pair } from 'yaml';
import type { BulletinLevel, Instant } from '../model.js';
import { formatInstant, wallParts } from '../zone.js';

export interface NewBulletin {
  level: BulletinLevel;
  title?: string;
  text?: string;
  /** Relative to assets/. */
  audio?: string;
  /** ISO 8601 with the station's offset. */
  from: string;
  until?: string;
  /** A duration as the operator wrote it (`2h`). */
  for?: string;
  every?: string;
  /** Normal: the session files it airs in. */
  sessions?: string[];
  band?: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `bulletins/20200813-140000-emergency.yaml` (station zone); `attempt` > 1 gives `…-emergency-2.yaml`,
 *  for a second bulletin made within the same second. */
export function bulletinFileName(zone: string, at: Instant, level: BulletinLevel, attempt = 1): string {
  const p = wallParts(zone, at);
  const stamp = `${p.year}${pad(p.month)}${pad(p.date)}-${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
  return `bulletins/${stamp}-${level}${attempt > 1 ? `-${attempt}` : ''}.yaml`;
}

/** An instant as bulletin files write it: to the second, with the station's offset. */
export function bulletinTime(zone: string, at: Instant): string {
  return formatInstant(zone, Math.floor(at / 1000) * 1000);
}

/** The first comment line of a bulletin the console makes (the console places its errors by it). */
export const consoleBulletinNote = (level: BulletinLevel) => `${level} bulletin made in the console / bản tin tạo trên bảng điều khiển`;

/** The text of a new bulletin file; `note` becomes its first comment line. */
export function bulletinYaml(b: NewBulletin, note: string): string {
  const fields: Record<string, unknown> = { kind: 'bulletin', level: b.level };
  for (const key of ['title', 'text', 'audio', 'from', 'until', 'for', 'every', 'sessions', 'band'] as const) {
    const v = b[key];
    if (v !== undefined) fields[key] = v;
  }
  const doc = new Document(fields);
  doc.commentBefore = ` ${note}`;
  return doc.toString({ lineWidth: 0 });
}

export type EndResult =
  | { ok: true; text: string }
  /** Already over by then: nothing to change. */
  | { ok: false; reason: 'already-ended' }
  | { ok: false; reason: 'not-a-bulletin' };

/**
 * The file with `until` set to `until` (`for` turned into a comment beside it: both would be an
 * error), everything else as it was. `ended` is the instant `until` names, `current` the
 * bulletin's end as compiled (null: open-ended), for "already ended". `from`: the start it had, written
 * in when the file names none — it was the file's modification time, which this write moves.
 */
export function endedBulletinYaml(text: string, until: string, ended: Instant, current: Instant | null, from?: string): EndResult {
  const doc = parseDocument(text, { version: '1.2', keepSourceTokens: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return { ok: false, reason: 'not-a-bulletin' };
  if (current !== null && current <= ended) return { ok: false, reason: 'already-ended' };
  const map = doc.contents;
  if (from !== undefined && !doc.has('from')) {
    const start = new Scalar(from);
    start.comment = ' when the file was saved (it named no from)';
    doc.set('from', start);
  }
  const at = map.items.findIndex((p) => isScalar(p.key) && p.key.value === 'for');
  const value = new Scalar(until);
  if (at >= 0) {
    // In the place of `for`, which would contradict it.
    const pair = map.items[at] as unknown as Pair<Scalar, Scalar>;
    const was = pair.value;
    value.comment = ` ended early (was for: ${isScalar(was) ? String(was.value) : '?'})`;
    pair.key = new Scalar('until');
    pair.value = value;
  } else {
    // The operator's note on the old `until` stays beside the new one.
    const old = doc.get('until', true);
    value.comment = isScalar(old) && old.comment ? `${old.comment}; ended early` : ' ended early';
    doc.set('until', value);
  }
  return { ok: true, text: doc.toString({ lineWidth: 0 }) };
}
