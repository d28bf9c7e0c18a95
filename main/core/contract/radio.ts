// The radio page ⇄ host messages (WebSocket /radio/ws, JSON text frames). Each schema is both the
// TypeScript type and the validator: both sides check every message they receive and drop (and
// log) what does not conform, unknown fields included, so a stale page or a broken host never
// half-applies a plan.
//
// Times are host wall-clock instants (epoch ms, the host's injected Clock). The page maps them to
// its AudioContext clock with the ping/pong exchange (min-RTT offset) — see radio-timing.ts.
// The builders one by one (not the `Type` object) so the pages' bundles keep only those used.
import * as Type from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { LogLevelSchema, Nullable, parseTagged, Strict, type Parsed } from './common.js';

export const RADIO_PROTOCOL = 1;

const Num = Type.Number(); // finite: TypeBox refuses NaN and ±Infinity
const NumOrNull = Nullable(Num);
const StrOrNull = Nullable(Type.String());

export const RadioSlotSchema = Type.Union([Type.Literal('open'), Type.Literal('body'), Type.Literal('close')]);
export type RadioSlot = Static<typeof RadioSlotSchema>;

const LoudnessSchema = Strict({ integratedLufs: Num, truePeakDbtp: Num });

/** One file to air. */
export const RadioCueItemSchema = Strict({
  /** Path as the playlist wrote it (relative to assets/), for the proof of play. */
  src: Type.String(),
  /** URL to fetch it from the host, or null when it cannot air (see `problem`). */
  url: StrOrNull,
  /** Length probed by the host, or null when unknown (the page then uses the decoded length). */
  durationMs: NumOrNull,
  /** ReplayGain track gain in dB (from the file's tags), or null: played at unity. */
  gainDb: NumOrNull,
  /** Why it cannot air (e.g. `missing file`), or null. */
  problem: StrOrNull,
  /** EBU R128 measurement once the host has one (measured in the background): the page then
   *  airs the file at the session's `targetLufs` under the true-peak ceiling, not at `gainDb`. */
  loudness: Type.Optional(Nullable(LoudnessSchema)),
});
export type RadioCueItem = Static<typeof RadioCueItemSchema>;

/** One occurrence of a broadcast session, as cues. Slot bounds are the planner's (probed lengths);
 *  the page re-derives open/close timing from the decoded spot lengths so the open starts exactly
 *  at `start` and the last close item ends exactly at `end`. */
export const RadioCueSessionSchema = Strict({
  /** Stable across host restarts: `<playlist file>@<start ms>`. */
  id: Type.String(),
  playlist: Type.String(),
  name: Type.String(),
  start: Num,
  end: Num,
  openEnd: Num,
  closeStart: Num,
  open: Type.Array(RadioCueItemSchema),
  body: Type.Union([Type.Array(RadioCueItemSchema), Type.Literal('live')]),
  close: Type.Array(RadioCueItemSchema),
  /** Fade-out length of the body when the close must start. */
  fadeMs: Num,
  /** Bulletins (files in `plan.bulletins`) aired right after the open: priority ones lasting at
   *  the start, then normal ones meant for this session. The body starts after them. */
  bulletins: Type.Optional(Type.Array(Type.String(), { maxItems: 64 })),
  /** `radio.loudness`: the integrated loudness (LUFS) every file airs at (absent: −16). */
  targetLufs: Type.Optional(Num),
});
export type RadioCueSession = Static<typeof RadioCueSessionSchema>;

export const RadioBulletinLevelSchema = Type.Union([Type.Literal('normal'), Type.Literal('priority'), Type.Literal('emergency')]);

/** A bulletin the radio may air (DESIGN.md, "Bulletins and priority levels"): its audio, or its
 *  text already spoken by the host's engine (`radio.tts`), as a URL with its real length. The page
 *  airs the attention tone, then this. */
export const RadioCueBulletinSchema = Strict({
  /** The bulletin's path in the station (`bulletins/….yaml`). */
  file: Type.String(),
  level: RadioBulletinLevelSchema,
  title: Type.String(),
  /** Its audio or rendered speech, or null when there is none (the tone alone airs; `problem`). */
  url: StrOrNull,
  durationMs: NumOrNull,
  problem: StrOrNull,
  /** Emergency: when it first airs — its `from`, or when the host first saw it if that is later
   *  (a file written a moment ago airs at once). Others: their `from`. */
  from: Num,
  until: NumOrNull,
  /** Emergency: again every so long while it lasts; null: once. */
  everyMs: NumOrNull,
  /** Its audio's (or speech's) ReplayGain tag and EBU R128 measurement, and `radio.loudness`:
   *  the content airs at `chooseAirGain` as a session's files do (the tone at its own level). */
  gainDb: Type.Optional(NumOrNull),
  loudness: Type.Optional(Nullable(LoudnessSchema)),
  targetLufs: Type.Optional(Num),
});
export type RadioCueBulletin = Static<typeof RadioCueBulletinSchema>;

export const RadioPlanSchema = Strict({
  type: Type.Literal('plan'),
  protocol: Type.Literal(RADIO_PROTOCOL),
  station: Type.String(),
  /** The station's IANA zone: the page shows its times in it, not in the machine's. */
  timezone: Type.Optional(Type.String({ maxLength: 64 })),
  /** `radio.output`: device label or id, `default` for the system default. */
  output: Type.String(),
  /** Why this plan was sent: first contact, new station, clock jump, periodic refresh. */
  reason: Type.Union([Type.Literal('hello'), Type.Literal('station'), Type.Literal('clock-jump'), Type.Literal('refresh')]),
  /** Sessions that have not ended yet, by start. */
  sessions: Type.Array(RadioCueSessionSchema),
  /** Ask the page to run its output level monitor and report measured onsets (bench, tests). */
  monitor: Type.Boolean(),
  /** false: another radio page is on air; this one stands by silent (absent: true). One page airs
   *  at a time so a second browser on the same URL never doubles the sound. */
  active: Type.Optional(Type.Boolean()),
  /** Bulletins lasting now or later (emergencies air on their own; the others by session). */
  bulletins: Type.Optional(Type.Array(RadioCueBulletinSchema, { maxItems: 64 })),
});
export type RadioPlan = Static<typeof RadioPlanSchema>;

const PongSchema = Strict({ type: Type.Literal('pong'), id: Num, t0: Num, host: Num });
const AckSchema = Strict({ type: Type.Literal('ack'), ids: Type.Array(Type.String()) });
/** The radio's volume (per-machine setting, 0 … 1): at hello and whenever the operator changes it. */
const VolumeSchema = Strict({ type: Type.Literal('volume'), volume: Type.Number({ minimum: 0, maximum: 1 }) });
export type HostToRadio = RadioPlan | Static<typeof PongSchema> | Static<typeof AckSchema> | Static<typeof VolumeSchema>;

export const RadioReportEventSchema = Type.Union([
  Type.Literal('slot-start'), Type.Literal('slot-end'), Type.Literal('slot-missed'),
  Type.Literal('item-start'), Type.Literal('item-end'), Type.Literal('item-skip'), Type.Literal('item-missed'),
  // The output stayed below −50 dBFS for over 5 s while the item aired (main/core/dead-air.ts): skipped.
  Type.Literal('dead-air'),
]);
export type RadioReportEvent = Static<typeof RadioReportEventSchema>;

/** One fact measured by the page for the proof of play (times converted from its audio clock to
 *  host wall time). */
export const RadioReportSchema = Strict({
  /** Unique per fact (`<session>/<slot>/<index>/<event>`): the host acks it and logs it once. */
  id: Type.String(),
  session: Type.String(),
  playlist: Type.String(),
  slot: RadioSlotSchema,
  /** Item index within the slot, null for slot-level facts. */
  index: NumOrNull,
  event: RadioReportEventSchema,
  src: StrOrNull,
  scheduledStart: NumOrNull,
  scheduledEnd: NumOrNull,
  actualStart: NumOrNull,
  actualEnd: NumOrNull,
  reason: StrOrNull,
  /** When the output level monitor is on: measured signal onset/offset (host wall ms). */
  measuredStart: Type.Optional(NumOrNull),
  measuredEnd: Type.Optional(NumOrNull),
});
export type RadioReport = Static<typeof RadioReportSchema>;

export const RadioBulletinEventSchema = Type.Union([
  Type.Literal('bulletin-aired'), Type.Literal('bulletin-repeated'), Type.Literal('bulletin-ended'), Type.Literal('bulletin-failed'),
]);
export type RadioBulletinEvent = Static<typeof RadioBulletinEventSchema>;

/** What the page says of a bulletin on the radio (the proof-of-play line carries the same). */
export const radioBulletinFields = {
  event: RadioBulletinEventSchema,
  bulletin: Type.String(),
  level: RadioBulletinLevelSchema,
  /** The session it aired in (priority, normal), or null (an emergency). */
  session: StrOrNull,
  scheduledStart: NumOrNull,
  actualStart: NumOrNull,
  actualEnd: NumOrNull,
  reason: StrOrNull,
  /** With the output monitor: the tone heard. */
  measuredStart: Type.Optional(NumOrNull),
};

/** A bulletin fact measured by the page: an airing began (the first, or a repeat), ended (played
 *  out, or cut short: `reason`), or its audio failed (the tone aired alone). */
export const RadioBulletinReportSchema = Strict({
  /** Unique per fact (`bulletin/<file>@<airing>/<event>`): acked like a session report. */
  id: Type.String(),
  ...radioBulletinFields,
});
export type RadioBulletinReport = Static<typeof RadioBulletinReportSchema>;

const RADIO_TO_HOST = {
  hello: Strict({ type: Type.Literal('hello'), protocol: Type.Literal(RADIO_PROTOCOL), page: Type.String() }),
  ping: Strict({ type: Type.Literal('ping'), id: Num, t0: Num }),
  report: Strict({ type: Type.Literal('report'), reports: Type.Array(RadioReportSchema, { maxItems: 1000 }) }),
  bulletin: Strict({ type: Type.Literal('bulletin'), reports: Type.Array(RadioBulletinReportSchema, { maxItems: 1000 }) }),
  output: Strict({ type: Type.Literal('output'), requested: Type.String(), used: Type.String(), ok: Type.Boolean(), reason: StrOrNull }),
  sync: Strict({ type: Type.Literal('sync'), offsetMs: Num, rttMs: Num, samples: Num }),
  log: Strict({ type: Type.Literal('log'), level: LogLevelSchema, message: Type.String() }),
};
export type RadioToHost = Static<(typeof RADIO_TO_HOST)[keyof typeof RADIO_TO_HOST]>;

const HOST_TO_RADIO = { plan: RadioPlanSchema, pong: PongSchema, ack: AckSchema, volume: VolumeSchema };

/** Validate a message from the host (a JSON string or an already-parsed value). */
export function parseHostToRadio(raw: unknown): Parsed<HostToRadio> {
  const parsed = parseTagged(HOST_TO_RADIO, raw);
  if (parsed.ok && parsed.value.type === 'plan') {
    // What a schema cannot say: a session ends after it starts.
    const bad = parsed.value.sessions.findIndex((s) => s.end < s.start);
    if (bad >= 0) return { ok: false, error: `plan.sessions[${bad}]: ends before it starts` };
  }
  return parsed;
}

/** Validate a message from a radio page (a JSON string or an already-parsed value). */
export function parseRadioToHost(raw: unknown): Parsed<RadioToHost> {
  return parseTagged(RADIO_TO_HOST, raw);
}

