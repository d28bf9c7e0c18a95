// Which form field a diagnostic from the API belongs to: its line and column are turned into an
// offset in the YAML that was sent, the deepest node of the YAML document holding that offset
// gives a key path (`when.0.cron`, `items.2.duration`), and the longest path the form shows wins
// (`open.1` → the open spot's row). What matches no field (another file, the file as a whole) is
// shown above the form. No DOM here: unit-tested in Node.
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { DiagnosticJson } from '../../../main/core/contract/console.js';
import type { PlaylistForm } from './playlist-form.js';

/** The offset of a 1-based line and column in `text`. */
export function offsetOf(text: string, line: number, col: number): number {
  let at = 0;
  for (let l = 1; l < line; l += 1) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return text.length;
    at = nl + 1;
  }
  return Math.min(text.length, at + Math.max(0, col - 1));
}

const holds = (n: Node | null | undefined, at: number) => !!n?.range && n.range[0] <= at && at < Math.max(n.range[1], n.range[0] + 1);

/** The key path of the deepest node at `at`, e.g. ['items', 2, 'duration']. */
export function pathAt(text: string, at: number): (string | number)[] {
  const doc = parseDocument(text);
  const path: (string | number)[] = [];
  let node = doc.contents as Node | null;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (holds(p.key as Node, at) || holds(p.value as Node, at)));
      if (!pair) return path;
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      path.push(key);
      if (holds(pair.key as Node, at)) return path;
      node = pair.value as Node;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((n) => holds(n as Node, at));
      if (i < 0) return path;
      path.push(i);
      node = node.items[i] as Node;
    } else return path;
  }
}

/** Every field id the form shows for this playlist or session. */
export function fieldIds(f: PlaylistForm): string[] {
  const ids = ['kind', 'name', 'priority', 'valid', 'valid.from', 'valid.until', 'when', 'screens', 'items', 'open', 'body', 'close'];
  f.when.forEach((_, i) => ids.push(`when.${i}`, `when.${i}.cron`, `when.${i}.for`));
  f.items.forEach((it, i) => ids.push(`items.${i}`, `items.${i}.src`, `items.${i}.duration`, `items.${i}.fit`, `items.${i}.caption`));
  for (const slot of ['open', 'body', 'close'] as const) f[slot].forEach((_, i) => ids.push(`${slot}.${i}`));
  return ids;
}

/** The field a key path belongs to: the longest id in `ids` that is a prefix of it, or null. */
export function fieldOfPath(path: readonly (string | number)[], ids: readonly string[]): string | null {
  // An item's file is under its kind's key (`video:`, `image:` …): the form shows it as `src`.
  const p = path.map(String);
  if (p[0] === 'items' && p.length >= 3 && ['video', 'image', 'web', 'qr'].includes(p[2]!)) p[2] = 'src';
  const known = new Set(ids);
  for (let n = p.length; n > 0; n -= 1) {
    const id = p.slice(0, n).join('.');
    if (known.has(id)) return id;
  }
  return null;
}

export interface PlacedDiagnostics {
  /** Field id → its diagnostics. */
  byField: Map<string, DiagnosticJson[]>;
  /** Those that belong to no field (another file, the file as a whole). */
  rest: DiagnosticJson[];
}

/** The diagnostics of a save or preview of `file` (whose text was `text`) placed on the form's fields. */
export function placeDiagnostics(diagnostics: readonly DiagnosticJson[], file: string, text: string, ids: readonly string[]): PlacedDiagnostics {
  const byField = new Map<string, DiagnosticJson[]>();
  const rest: DiagnosticJson[] = [];
  for (const d of diagnostics) {
    const whole = d.line === 1 && d.col === 1;
    const field = d.file === file && !whole ? fieldOfPath(pathAt(text, offsetOf(text, d.line, d.col)), ids) : null;
    if (field === null) rest.push(d);
    else byField.set(field, [...(byField.get(field) ?? []), d]);
  }
  return { byField, rest };
}
