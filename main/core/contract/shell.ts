// What the host and the Electron shell say to each other over the shell's standard streams, one
// JSON object per line (the host spawns the shell and keeps both ends): the host sends the page
// list again whenever a reload changes it (the first one comes in BANTIN_PAGES), the shell tells
// what its self-healing did, so the host logs it and writes `screen-recovered` to the proof of
// play exactly as it does for the Chromium shell's windows (main/host/screen-watch.ts), and
// `radio-recovered` for the radio page's hidden window.
import * as Type from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { checkValue, readJson, Strict, type Parsed } from './common.js';
import { PageListSchema, type PageLink } from './pages.js';
import { ScreenDownReasonSchema } from './proof-of-play.js';

/** Host → shell (stdin). */
export const ShellPagesSchema = Strict({ type: Type.Literal('pages'), pages: PageListSchema });
export type ShellPages = Static<typeof ShellPagesSchema>;

/** Shell → host (stdout). */
export const ShellReportSchema = Type.Union([
  /** A screen's window failed; the shell is healing it. */
  Strict({ type: Type.Literal('screen-down'), screen: Type.String(), reason: ScreenDownReasonSchema, failures: Type.Integer({ minimum: 1 }) }),
  /** Our content is back on that screen (its page beats again). */
  Strict({
    type: Type.Literal('screen-recovered'), screen: Type.String(), reason: ScreenDownReasonSchema, downMs: Type.Number({ minimum: 0 }),
    failures: Type.Integer({ minimum: 1 }), software: Type.Boolean(), by: Type.Union([Type.Literal('restart'), Type.Literal('chromium')]),
  }),
  /** The radio page's hidden window failed (crashed, hung, did not load); the shell is healing it. */
  Strict({ type: Type.Literal('radio-down'), reason: ScreenDownReasonSchema, failures: Type.Integer({ minimum: 1 }) }),
  /** The radio page is back (it beats again): what it airs goes on from the host's plan. */
  Strict({
    type: Type.Literal('radio-recovered'), reason: ScreenDownReasonSchema, downMs: Type.Number({ minimum: 0 }),
    failures: Type.Integer({ minimum: 1 }), software: Type.Boolean(), by: Type.Union([Type.Literal('restart'), Type.Literal('chromium')]),
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

/** A host running in the Electron main process (the packaged app): what the shell uses of it,
 *  defined here once for the shell (main/electron/standalone.ts) and the host (main/host/in-process.ts). */
export interface InProcessHost {
  /** `http://127.0.0.1:<port>` */
  url: string;
  pages(): PageLink[];
  /** Another station went on air (a hot reload): its page list may differ. Returns the unsubscribe. */
  onStationChange(listener: () => void): () => void;
  /** A report of the shell's self-healing: the host log, and the proof of play for a recovery. */
  takeReport(r: ShellReport): void;
  /** Stop: switch off what was switched on, flush the proof of play, release the locks. */
  close(): Promise<void>;
}
