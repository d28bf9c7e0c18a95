// What the host and the Electron shell say to each other over the shell's standard streams, one
// JSON object per line (the host spawns the shell and keeps both ends): the host sends the page
// list again whenever a reload changes it (the first one comes in BANTIN_PAGES), the shell tells
// what its self-healing did, so the host logs it and writes `screen-recovered` to the proof of
// play exactly as it does for the Chromium shell's windows (main/host/screen-watch.ts), and
// `radio-recovered` for the radio page's hidden window. The host also tells the shell when a
// screen's item ended (the pages report it to the host, not to the shell), with the page's last
// reported JS heap: the shell reloads a page past its memory ceiling there, between two items
// (core/memory-ceiling.ts), and says so (`screen-memory`) for the host log.
import * as Type from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { checkValue, Nullable, readJson, parseTagged, Strict, type Parsed } from './common.js';
import { PageListSchema, type PageLink } from './pages.js';
import { ScreenDownReasonSchema } from './proof-of-play.js';

/** Host → shell (stdin). */
export const ShellPagesSchema = Strict({ type: Type.Literal('pages'), pages: PageListSchema });
export type ShellPages = Static<typeof ShellPagesSchema>;

/** Host → shell (stdin): an item ended on a screen's page — between two items, where a planned
 *  reload (memory ceiling) goes. `memoryBytes`: the page's JS heap in its last heartbeat (null
 *  when it reports none yet). */
export const ShellItemEndSchema = Strict({
  type: Type.Literal('item-end'), screen: Type.String(), memoryBytes: Nullable(Type.Integer({ minimum: 0, maximum: 2 ** 48 })),
});
export type ShellItemEnd = Static<typeof ShellItemEndSchema>;

/** Everything the host sends the shell, one per line. */
export type HostToShell = ShellPages | ShellItemEnd;

const Bytes = Type.Integer({ minimum: 0, maximum: 2 ** 48 });
/** What brought a page back: the shell loaded it again (`restart`), loaded it in a new renderer
 *  for its memory (`reload`, as the Chromium shell's line says), or Chromium did (a GPU process). */
const RecoveredBy = Type.Union([Type.Literal('restart'), Type.Literal('reload'), Type.Literal('chromium')]);

/** Shell → host (stdout). */
export const ShellReportSchema = Type.Union([
  /** A screen's window failed; the shell is healing it. */
  Strict({ type: Type.Literal('screen-down'), screen: Type.String(), reason: ScreenDownReasonSchema, failures: Type.Integer({ minimum: 1 }) }),
  /** Our content is back on that screen (its page beats again). */
  Strict({
    type: Type.Literal('screen-recovered'), screen: Type.String(), reason: ScreenDownReasonSchema, downMs: Type.Number({ minimum: 0 }),
    failures: Type.Integer({ minimum: 1 }), software: Type.Boolean(), by: RecoveredBy,
  }),
  /** A screen's page is past its memory ceiling at an item's end: the shell reloads it now, in a
   *  new renderer (not a failure; its `screen-recovered` with `reason: memory` follows). */
  Strict({
    type: Type.Literal('screen-memory'), screen: Type.String(), cause: Type.Union([Type.Literal('heap'), Type.Literal('rss')]),
    memoryBytes: Nullable(Bytes), ceilingBytes: Bytes, rssBytes: Nullable(Bytes), rssCeilingBytes: Bytes,
  }),
  /** The radio page's hidden window failed (crashed, hung, did not load); the shell is healing it. */
  Strict({ type: Type.Literal('radio-down'), reason: ScreenDownReasonSchema, failures: Type.Integer({ minimum: 1 }) }),
  /** The radio page is back (it beats again): what it airs goes on from the host's plan. */
  Strict({
    type: Type.Literal('radio-recovered'), reason: ScreenDownReasonSchema, downMs: Type.Number({ minimum: 0 }),
    failures: Type.Integer({ minimum: 1 }), software: Type.Boolean(), by: RecoveredBy,
  }),
  /** A screen waits for its display (not connected), or has one again. */
  Strict({ type: Type.Literal('screen-display'), screen: Type.String(), display: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]) }),
  /** Failures in a row: the shell exits to be started again with software rendering. */
  Strict({ type: Type.Literal('software'), screen: Type.String(), reason: ScreenDownReasonSchema }),
]);
export type ShellReport = Static<typeof ShellReportSchema>;

export function parseShellReport(line: string): Parsed<ShellReport> {
  const json = readJson(line, 100_000);
  return json.ok ? checkValue(ShellReportSchema, json.value, 'shell report') : json;
}

export function parseShellPages(line: string): Parsed<ShellPages> {
  const json = readJson(line, 1_000_000);
  return json.ok ? checkValue(ShellPagesSchema, json.value, 'shell pages') : json;
}

/** A line from the host on the shell's stdin: a page list or an item's end. */
export function parseHostToShell(line: string): Parsed<HostToShell> {
  return parseTagged({ pages: ShellPagesSchema, 'item-end': ShellItemEndSchema }, line, 1_000_000);
}

/** A host running in the Electron main process (the packaged app): what the shell uses of it,
 *  defined here once for the shell (main/electron/standalone.ts) and the host (main/host/in-process.ts). */
export interface InProcessHost {
  /** `http://127.0.0.1:<port>` */
  url: string;
  pages(): PageLink[];
  /** Another station went on air (a hot reload): its page list may differ. Returns the unsubscribe. */
  onStationChange(listener: () => void): () => void;
  /** An item ended on a screen's page (with its last JS heap): where the shell may reload it past
   *  its memory ceiling. Returns the unsubscribe. */
  onItemEnd(listener: (e: ShellItemEnd) => void): () => void;
  /** A report of the shell's self-healing: the host log, and the proof of play for a recovery. */
  takeReport(r: ShellReport): void;
  /** Stop: switch off what was switched on, flush the proof of play, release the locks. */
  close(): Promise<void>;
}
