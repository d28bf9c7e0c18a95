// Text from a station's files or from a page, made safe to print on a terminal or in a log line.
// A file name or a page's `log` message can hold a newline (which would print a forged second
// diagnostic or log line), an ESC sequence (which the terminal obeys: colours, cursor moves, a
// changed window title) or a bidi override (which shows the text reordered, "Trojan Source").
// Each such character is shown as a visible escape instead: `\n`, `\x1b`, `\u202e`.
//
// What is escaped: the C0 controls (tab and newline included: a diagnostic is one line), DEL, the
// C1 controls (U+0080–U+009F; U+009B is a CSI to some terminals), the bidi controls (LRM, RLM, ALM,
// the embeddings, overrides and isolates) and the Unicode line and paragraph separators.
// Everything else passes untouched: Vietnamese in NFC or NFD (combining marks are not controls),
// emoji, and backslashes — `C:\Users\…` stays readable; the escapes are only ever added, so one
// printed line is always one line of the source text.

const UNSAFE = /[\p{Cc}\p{Bidi_Control}\u2028\u2029]/gu;
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(c: string): string {
  const short = SHORT[c];
  if (short) return short;
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every control, bidi and line-separator character written as a visible escape. */
export function printable(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}

/** Characters JSON.stringify leaves raw although a terminal may obey them. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\p{Bidi_Control}\u2028\u2029]/gu;

/**
 * JSON safe to print on a terminal, with the same value: JSON.stringify already escapes C0
 * controls; DEL, C1, bidi controls and line separators become `\uXXXX` escapes too, so a
 * program reading the JSON still gets the exact text.
 */
export function printableJson(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `printable` applied to every string inside plain objects and arrays (a log call's fields), a
 * few levels deep; other values (Errors, buffers, class instances) are left to their serializer.
 * Returns the value itself when nothing needed escaping.
 */
export function printableFields<T>(value: T, depth = 4): T {
  if (typeof value === 'string') return printable(value) as T;
  if (depth <= 0 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const items = value.map((v: unknown) => printableFields(v, depth - 1));
    return (items.some((v, i) => v !== value[i]) ? items : value) as T;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  let out: Record<string, unknown> | null = null;
  for (const [k, v] of Object.entries(value)) {
    const safe = printableFields(v, depth - 1);
    if (safe !== v) (out ??= { ...(value as Record<string, unknown>) })[k] = safe;
  }
  return (out ?? value) as T;
}
