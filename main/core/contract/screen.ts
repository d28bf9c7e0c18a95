// The screen page ⇄ host messages, over the screen WebSocket (/screen/ws). Each schema is both
// the TypeScript type and the validator: the host and the page check every message they receive
// and drop what does not conform, unknown fields included.
// The builders one by one (not the `Type` object) so the pages' bundles keep only those used.
import * as Type from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { InstantSchema, LogLevelSchema, MAX_INSTANT, Nullable, parseTagged, Strict, type Parsed } from './common.js';

export const SCREEN_PROTOCOL = 1;

const Text = (maxLength = 4096) => Type.String({ maxLength });
const Fit = Type.Union([Type.Literal('contain'), Type.Literal('cover')]);
const PositiveMs = Type.Number({ exclusiveMinimum: 0, maximum: MAX_INSTANT });

const itemFields = {
  /** Position in the playlist (0-based), for the proof of play. */
  index: Type.Integer({ minimum: 0 }),
  /** The path as the playlist wrote it (relative to assets/), or the QR data. */
  src: Text(),
  /** Media URL on the host (video, image, web); null for QR or a file that was not found. */
  url: Nullable(Text()),
  fit: Fit,
  /** QR items: the caption line under the code. */
  caption: Type.Optional(Nullable(Text())),
};

/** One item as the page needs it: everything resolved to URLs and milliseconds. A video plays to
 *  its end (durationMs null) unless cut; every other kind shows for its duration. */
export const WireItemSchema = Type.Union([
  Strict({ kind: Type.Literal('video'), ...itemFields, durationMs: Nullable(PositiveMs) }),
  Strict({ kind: Type.Union([Type.Literal('image'), Type.Literal('web'), Type.Literal('qr')]), ...itemFields, durationMs: PositiveMs }),
]);
export type WireItem = Static<typeof WireItemSchema>;

/** What a screen shows from `startAt` until `until` (null: until told otherwise). */
export const SegmentSchema = Strict({
  /** Stable identity: the same key means the same content from the same boundary. */
  key: Text(512),
  startAt: InstantSchema,
  until: Nullable(InstantSchema),
  /** null: the slate. */
  playlist: Nullable(Strict({ file: Text(), name: Text(), items: Type.Array(WireItemSchema) })),
});
export type Segment = Static<typeof SegmentSchema>;

/** A bulletin a screen shows (DESIGN.md, "Bulletins and priority levels"): an emergency full
 *  screen, a priority one — or a normal one with `band: true` — in the band across the bottom,
 *  each over [from, until). The page works out which is on air at each instant (on its host
 *  clock, by main/core/bulletins/screens.ts's rules), so it switches at the boundary itself. */
export const ScreenBulletinSchema = Strict({
  /** The bulletin's path in the station, e.g. `bulletins/20200813-140000-emergency.yaml`. */
  file: Text(1024),
  level: Type.Union([Type.Literal('normal'), Type.Literal('priority'), Type.Literal('emergency')]),
  title: Text(1024),
  text: Nullable(Text(16384)),
  from: InstantSchema,
  /** null: until its file is ended or deleted (never for an emergency). */
  until: Nullable(InstantSchema),
});
export type ScreenBulletin = Static<typeof ScreenBulletinSchema>;

const Rotate = Type.Union([Type.Literal(0), Type.Literal(90), Type.Literal(180), Type.Literal(270)]);
const Pixels = (minimum: number) => Type.Integer({ minimum, maximum: 100_000 });
/** An LED sender card's part of the display, in display pixels (station.yaml `region`). */
export const RegionSchema = Strict({ x: Pixels(0), y: Pixels(0), width: Pixels(1), height: Pixels(1) });

/** Host → page: the program for this screen, the segment on air first, then the ones queued. */
export const ProgramMessageSchema = Strict({
  type: Type.Literal('program'),
  /** The host clock when this was sent; the page aligns its clock to it. */
  now: InstantSchema,
  station: Strict({ name: Text(), timezone: Text() }),
  screen: Strict({ id: Text(), rotate: Rotate, region: Type.Optional(RegionSchema) }),
  segments: Type.Array(SegmentSchema),
  /** The bulletins on air now or starting within the look-ahead, by `from`; absent: none. */
  bulletins: Type.Optional(Type.Array(ScreenBulletinSchema, { maxItems: 64 })),
});
export type ProgramMessage = Static<typeof ProgramMessageSchema>;

/** Host → page: the operator asked for the next item now (the console's "skip"). */
export const SkipMessageSchema = Strict({ type: Type.Literal('skip') });
/** Host → page: the screen's volume (per-machine setting, 0 … 1), at connect and on change. */
export const VolumeMessageSchema = Strict({ type: Type.Literal('volume'), volume: Type.Number({ minimum: 0, maximum: 1 }) });
/** Host → page: files of the station changed (a poster or page replaced under the same name
 *  changes no program): what the page keeps between plays is checked again before it shows. */
export const FilesMessageSchema = Strict({ type: Type.Literal('files') });
export type HostToScreen = ProgramMessage | Static<typeof SkipMessageSchema> | Static<typeof VolumeMessageSchema>
  | Static<typeof FilesMessageSchema>;

export const PlayEventNameSchema = Type.Union([Type.Literal('start'), Type.Literal('end'), Type.Literal('skip')]);
export type PlayEventName = Static<typeof PlayEventNameSchema>;

export const ScreenItemKindSchema = Type.Union([
  Type.Literal('video'), Type.Literal('image'), Type.Literal('web'), Type.Literal('qr'), Type.Literal('slate'),
]);

/** Page → host: an item started, ended or was skipped (with why). */
export const PlayMessageSchema = Strict({
  type: Type.Literal('play'),
  event: PlayEventNameSchema,
  segment: Text(512),
  /** Playlist file, or null for the slate. */
  playlist: Nullable(Text(1024)),
  /** Item index in the playlist, or -1 for the slate. */
  item: Type.Integer({ minimum: -1, maximum: 1_000_000 }),
  kind: ScreenItemKindSchema,
  src: Nullable(Text()),
  /** Host-clock instant when it happened on screen. */
  at: InstantSchema,
  reason: Type.Optional(Text(1024)),
});
export type PlayMessage = Static<typeof PlayMessageSchema>;

/** Page → host: something worth a line in the host log (never a play event). */
export const LogMessageSchema = Strict({ type: Type.Literal('log'), level: LogLevelSchema, message: Text() });
export type LogMessage = Static<typeof LogMessageSchema>;

/** Page → host: a bulletin went on this screen, or off it (for the proof of play). */
export const BulletinMessageSchema = Strict({
  type: Type.Literal('bulletin'),
  event: Type.Union([Type.Literal('shown'), Type.Literal('ended')]),
  file: Text(1024),
  level: ScreenBulletinSchema.properties.level,
  /** Host-clock instant when it happened on screen. */
  at: InstantSchema,
  /** Why it went off: `until` reached, `removed` from the program (file deleted or broken),
   *  `covered` by a more recent emergency. */
  reason: Type.Optional(Text(1024)),
});
export type BulletinMessage = Static<typeof BulletinMessageSchema>;

/** Page → host, every second: the page's main thread runs (a hang stops these) and how many
 *  frames it drew since the last one (0 while visible: the display is frozen). The host
 *  restarts a window whose page stops beating (main/host/screen-watch.ts). */
export const HeartbeatMessageSchema = Strict({
  type: Type.Literal('heartbeat'),
  frames: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  visible: Type.Boolean(),
  /** The page's JS heap in use (performance.memory), where the browser tells it: the host
   *  reloads a page past its memory ceiling between items (core/memory-ceiling.ts). */
  memoryBytes: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 48 })),
});
export type HeartbeatMessage = Static<typeof HeartbeatMessageSchema>;

/** Longest thumbnail (base64 characters): a 320 px wide JPEG is 5–25 KB; this keeps every
 *  message far below the socket's 64 KB frame limit. */
export const MAX_THUMBNAIL_CHARS = 48_000;

/** Page → host, every few seconds: a small JPEG (~320 px wide) of what the screen shows now —
 *  the console's proof for an inspector. Base64, and a JPEG by its first bytes (`/9j/` is
 *  FF D8 FF): anything else is refused. */
export const ThumbnailMessageSchema = Strict({
  type: Type.Literal('thumbnail'),
  jpeg: Type.String({ minLength: 8, maxLength: MAX_THUMBNAIL_CHARS, pattern: '^/9j/[A-Za-z0-9+/]*={0,2}$' }),
  /** Host-clock instant it was drawn. */
  at: InstantSchema,
});
export type ThumbnailMessage = Static<typeof ThumbnailMessageSchema>;

export type ScreenToHost = PlayMessage | LogMessage | BulletinMessage | HeartbeatMessage | ThumbnailMessage;

const SCREEN_TO_HOST = {
  play: PlayMessageSchema, log: LogMessageSchema, bulletin: BulletinMessageSchema, heartbeat: HeartbeatMessageSchema,
  thumbnail: ThumbnailMessageSchema,
};
const HOST_TO_SCREEN = { program: ProgramMessageSchema, skip: SkipMessageSchema, volume: VolumeMessageSchema, files: FilesMessageSchema };

/** A JSON text (or value) from a page; anything unexpected is an error, never an exception. */
export function parseScreenToHost(input: unknown): Parsed<ScreenToHost> {
  return parseTagged(SCREEN_TO_HOST, input, 65536);
}

/** What the host sent (the page validates too: a bad message is ignored, not obeyed). */
export function parseHostToScreen(input: unknown): Parsed<HostToScreen> {
  return parseTagged(HOST_TO_SCREEN, input);
}
