// The proof of play ("nhật ký phát"): one NDJSON line per fact, appended by the host
// (main/host/proof-of-play.ts) and read back by `bantin report`. One schema per kind of line,
// discriminated by `event` (and `target`: screens and the radio both log `item-start`); the
// writer can only append what a schema allows, and the reader skips and counts any line that
// conforms to none — a torn line after a power cut, a line with a time no date can hold.
// Fields a newer player adds are let through (a report must still read tomorrow's logs).
// The builders one by one (not the `Type` object) so the pages' bundles keep only those used.
import * as Type from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { Check } from '@sinclair/typebox/value';
import { InstantSchema, Nullable, readJson } from './common.js';
import { radioBulletinFields, RadioReportEventSchema, RadioSlotSchema } from './radio.js';
import { ScreenItemKindSchema } from './screen.js';

const Num = Type.Number();
const NumOrNull = Nullable(Num);
const StrOrNull = Nullable(Type.String());
const Radio = Type.Literal('radio');
/** What every radio line starts with. */
const radioLine = { ts: InstantSchema, target: Radio };
/** The session a radio line is about: its id (`session`, one occurrence) and its playlist file. */
const ofSession = { session: Type.String(), playlist: Type.String() };
/** A radio line of one `event`, with its own fields. */
const radioEventLine = <E extends string, F extends Type.TProperties>(event: E, fields: F) =>
  Type.Object({ ...radioLine, event: Type.Literal(event), ...fields });

/** A screen page's report of an item or the slate starting, ending or being skipped. */
export const ScreenPlayLineSchema = Type.Object({
  /** When it happened on screen (host clock, epoch ms). */
  ts: InstantSchema,
  target: Type.TemplateLiteral('screen:${string}'),
  event: Type.Union([
    Type.Literal('item-start'), Type.Literal('item-end'), Type.Literal('item-skip'),
    Type.Literal('slate-start'), Type.Literal('slate-end'), Type.Literal('slate-skip'),
  ]),
  screen: Type.String(),
  /** Playlist file; null for the slate. */
  playlist: StrOrNull,
  /** Index in the playlist; -1 for the slate. */
  item: Type.Integer(),
  kind: ScreenItemKindSchema,
  src: StrOrNull,
  segment: Type.String(),
  reason: Type.Optional(Type.String()),
});
export type ScreenPlayLine = Static<typeof ScreenPlayLineSchema>;

/** A bulletin went on a screen (the emergency full screen, or the band) or off it. */
export const ScreenBulletinLineSchema = Type.Object({
  ts: InstantSchema,
  target: Type.TemplateLiteral('screen:${string}'),
  event: Type.Union([Type.Literal('bulletin-shown'), Type.Literal('bulletin-ended')]),
  screen: Type.String(),
  /** The bulletin's path in the station. */
  bulletin: Type.String(),
  level: Type.Union([Type.Literal('normal'), Type.Literal('priority'), Type.Literal('emergency')]),
  /** Ended: `until`, `removed` (deleted or broken), `covered` (a more recent emergency). */
  reason: Type.Optional(Type.String()),
});
export type ScreenBulletinLine = Static<typeof ScreenBulletinLineSchema>;

/** A radio page's report of a slot or an item of a session (times in host wall ms). */
export const RadioPlayLineSchema = Type.Object({
  ...radioLine,
  event: RadioReportEventSchema,
  ...ofSession,
  slot: RadioSlotSchema,
  index: NumOrNull,
  src: StrOrNull,
  scheduledStart: NumOrNull,
  scheduledEnd: NumOrNull,
  actualStart: NumOrNull,
  actualEnd: NumOrNull,
  startErrorMs: NumOrNull,
  endErrorMs: NumOrNull,
  reason: StrOrNull,
  /** When the host received the report. */
  receivedAt: Num,
  /** With the output level monitor: measured signal onset and offset. */
  measuredStart: Type.Optional(NumOrNull),
  measuredEnd: Type.Optional(NumOrNull),
  /** Of an on-demand spot from the console (`POST /api/radio/spot`; its session is `_spot@<start>`). */
  onDemand: Type.Optional(Type.Boolean()),
});
export type RadioPlayLine = Static<typeof RadioPlayLineSchema>;

/** A bulletin on the radio: an airing began (`bulletin-aired`, or `bulletin-repeated` for an
 *  emergency's later airings), ended (played out, or cut short: `reason`), or failed (its audio
 *  or speech could not air: the tone aired alone). Times in host wall ms. */
export const RadioBulletinLineSchema = Type.Object({ ...radioLine, ...radioBulletinFields, receivedAt: Num });
export type RadioBulletinLine = Static<typeof RadioBulletinLineSchema>;

/** The transmitter was switched on or off (or the switch failed). */
export const TransmitterLineSchema = Type.Object({
  ...radioLine,
  event: Type.Union([Type.Literal('transmitter-on'), Type.Literal('transmitter-off')]),
  ok: Type.Boolean(),
  scheduled: Num,
  actual: Num,
  lateMs: Num,
  /** How long it waited behind a switch still running (absent in `test-transmitter` lines). */
  queuedMs: Type.Optional(Num),
  backend: Type.Union([Type.Literal('command'), Type.Literal('http')]),
  /** The command line or URL (passwords masked). */
  action: Type.String(),
  attempts: Num,
  durationMs: Num,
  code: NumOrNull,
  error: StrOrNull,
  /** The sessions this switch serves (absent in `test-transmitter` lines). */
  sessions: Type.Optional(Type.Array(Type.String())),
  /** Why it was switched outside the plan (e.g. `host stopping`). */
  reason: Type.Optional(Type.String()),
  /** Switched by `bantin test-transmitter`, not by the schedule. */
  test: Type.Optional(Type.Boolean()),
  /** Switched around an on-demand spot from the console (its session is in `sessions`). */
  onDemand: Type.Optional(Type.Boolean()),
});
export type TransmitterLine = Static<typeof TransmitterLineSchema>;

/** A session ended and no radio page reported airing it. */
export const SessionMissedLineSchema = radioEventLine('session-missed', {
  ...ofSession,
  name: Type.String(),
  scheduledStart: Num,
  scheduledEnd: Num,
  reason: Type.String(),
  /** Of an on-demand spot from the console (`POST /api/radio/spot`; its session is `_spot@<start>`). */
  onDemand: Type.Optional(Type.Boolean()),
});
export type SessionMissedLine = Static<typeof SessionMissedLineSchema>;

/** The radio's output device was not there: it played on the default one. */
export const OutputFallbackLineSchema = radioEventLine('output-fallback', {
  requested: Type.String(),
  used: Type.String(),
  reason: StrOrNull,
});
export type OutputFallbackLine = Static<typeof OutputFallbackLineSchema>;

/** Lines the disk refused (full, read-only) past the writer's in-memory bound: a hole in the
 *  record, written once the disk takes lines again, so a report never looks complete when it is not. */
export const ProofOfPlayGapLineSchema = Type.Object({
  /** The first lost line's time. */
  ts: InstantSchema,
  target: Type.Union([Radio, Type.TemplateLiteral('screen:${string}')]),
  event: Type.Literal('proof-of-play-gap'),
  dropped: Type.Integer({ minimum: 1 }),
  from: InstantSchema,
  to: InstantSchema,
});
export type ProofOfPlayGapLine = Static<typeof ProofOfPlayGapLineSchema>;

/** Why a screen's window was down (main/host/screen-watch.ts). */
export const ScreenDownReasonSchema = Type.Union([
  Type.Literal('renderer-crash'), Type.Literal('hang'), Type.Literal('frozen'), Type.Literal('gpu-crash'),
  Type.Literal('window-exit'), Type.Literal('no-page'),
  // Not a failure: the renderer reloaded between items past its memory ceiling.
  Type.Literal('memory'),
]);
export type ScreenDownReason = Static<typeof ScreenDownReasonSchema>;

/** A screen's window was down (crashed, hung, closed) and our content is back on it. */
export const ScreenRecoveredLineSchema = Type.Object({
  /** When the page was back (host clock). */
  ts: InstantSchema,
  target: Type.TemplateLiteral('screen:${string}'),
  event: Type.Literal('screen-recovered'),
  screen: Type.String(),
  reason: ScreenDownReasonSchema,
  /** From the failure seen to the page back. */
  downMs: Num,
  /** Failures in a row, this one included (the back-off and the software fallback count them). */
  failures: Type.Integer({ minimum: 1 }),
  /** The window now renders without the GPU (`--disable-gpu`). */
  software: Type.Boolean(),
  /** What brought it back: the window restarted, its tab loaded again in a new renderer (through
   *  the DevTools pipe), or Chromium itself (a GPU process it restarted). */
  by: Type.Union([Type.Literal('restart'), Type.Literal('reload'), Type.Literal('chromium')]),
});
export type ScreenRecoveredLine = Static<typeof ScreenRecoveredLineSchema>;

/** The radio page's window was down (crashed, hung, closed, did not load) and the page is back:
 *  the radio's `screen-recovered`. While it was down nothing aired (the session's lines show what
 *  was missed); the transmitter stayed on the host's plan. */
export const RadioRecoveredLineSchema = radioEventLine('radio-recovered', {
  reason: ScreenDownReasonSchema,
  downMs: Num,
  failures: Type.Integer({ minimum: 1 }),
  software: Type.Boolean(),
  by: Type.Union([Type.Literal('restart'), Type.Literal('reload'), Type.Literal('chromium')]),
});
export type RadioRecoveredLine = Static<typeof RadioRecoveredLineSchema>;

export const ProofOfPlayLineSchema = Type.Union([
  ScreenPlayLineSchema, ScreenBulletinLineSchema, RadioPlayLineSchema, RadioBulletinLineSchema, TransmitterLineSchema, SessionMissedLineSchema, OutputFallbackLineSchema,
  ProofOfPlayGapLineSchema, ScreenRecoveredLineSchema, RadioRecoveredLineSchema,
]);
/** One line of the proof of play. */
export type ProofOfPlayLine = Static<typeof ProofOfPlayLineSchema>;

/** The schemas a line of each `event` may match: a report over a year reads millions of lines,
 *  and checking each against the one or two schemas its event names is many times faster than
 *  against the whole union (the same lines pass). */
const SCHEMAS_BY_EVENT = new Map<string, Type.TSchema[]>();
for (const schema of ProofOfPlayLineSchema.anyOf) {
  const event = schema.properties.event;
  const literals = 'anyOf' in event ? event.anyOf : [event];
  for (const l of literals as { const: string }[]) SCHEMAS_BY_EVENT.set(l.const, [...(SCHEMAS_BY_EVENT.get(l.const) ?? []), schema]);
}

/** A line's value checked against the schemas of its `event` by `check` (TypeBox's `Check`, or
 *  a compiled one where `new Function` is allowed: the host's reader). */
export function checkProofOfPlayLine(value: unknown, check: (schema: Type.TSchema, value: unknown) => boolean = Check): value is ProofOfPlayLine {
  if (typeof value !== 'object' || value === null) return false;
  const event = (value as { event?: unknown }).event;
  const schemas = typeof event === 'string' ? SCHEMAS_BY_EVENT.get(event) : undefined;
  return schemas?.some((schema) => check(schema, value)) ?? false;
}

/** A line of the log file, or null when it is none (torn, not JSON, or matching no schema). */
export function parseProofOfPlayLine(text: string): ProofOfPlayLine | null {
  const json = readJson(text);
  return json.ok && checkProofOfPlayLine(json.value) ? json.value : null;
}
