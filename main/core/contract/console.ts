// What the console's API answers (DESIGN.md, "Operator console and API"; docs/console.md): the
// host builds these bodies and the console page reads them, both through these types, so a field
// renamed on one side fails the type check on the other. The page checks what it receives with
// `checkValue` before it draws it: a host of another version gives a clear message, not a blank.
import * as Type from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { Nullable, Strict } from './common.js';

const Iso = Type.String({ description: 'ISO 8601 at the station offset' });

export const ApiErrorSchema = Type.Object({ message: Type.String(), messageVi: Type.String() });
export type ApiError = Static<typeof ApiErrorSchema>;

export const DiagnosticSchema = Type.Object({
  file: Type.String(), line: Type.Integer(), col: Type.Integer(),
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
  code: Type.String(), message: Type.String(), messageVi: Type.String(),
});
export type DiagnosticJson = Static<typeof DiagnosticSchema>;
export const DiagnosticsSchema = Type.Object({ diagnostics: Type.Array(DiagnosticSchema) });

/** `GET /api/login`: whether a password exists, and whether this client may set the first one. */
export const LoginStateSchema = Strict({ passwordSet: Type.Boolean(), maySetFirst: Type.Boolean() });
export type LoginState = Static<typeof LoginStateSchema>;

/** `GET /api/station`: what the console needs to draw the station (names, zone, its parts). */
export const StationInfoSchema = Strict({
  name: Type.String(),
  timezone: Type.String(),
  /** `region`: an LED billboard's part of its display (station.yaml), absent for a whole display. */
  screens: Type.Array(Strict({
    id: Type.String(), display: Type.Integer({ minimum: 0 }),
    region: Type.Optional(Strict({ x: Type.Integer(), y: Type.Integer(), width: Type.Integer(), height: Type.Integer() })),
  })),
  radio: Type.Boolean(),
  lan: Type.Boolean(),
});
export type StationInfo = Static<typeof StationInfoSchema>;

export const ScreenNowSchema = Type.Object({
  playlist: Nullable(Type.String()),
  name: Type.String(),
  item: Nullable(Type.Object({ index: Type.Integer(), kind: Type.String(), src: Nullable(Type.String()) })),
  since: Nullable(Iso),
  next: Nullable(Type.Object({ at: Iso, playlist: Nullable(Type.String()), name: Type.String() })),
});
export type ScreenNow = Static<typeof ScreenNowSchema>;

export const RadioNowSchema = Type.Object({
  session: Nullable(Type.String()),
  name: Nullable(Type.String()),
  slot: Nullable(Type.Union([Type.Literal('open'), Type.Literal('body'), Type.Literal('close')])),
  item: Nullable(Type.Object({ slot: Type.String(), index: Type.Integer(), src: Nullable(Type.String()) })),
  transmitter: Type.Union([Type.Literal('on'), Type.Literal('off')]),
  next: Nullable(Type.Object({ at: Iso, session: Type.String(), name: Type.String() })),
  /** The on-demand spot from the console (`POST /api/radio/spot`) until its transmitter tail is
   *  over: waiting to air, on air, aired. Absent from a host without the action. */
  spot: Type.Optional(Nullable(Type.Object({
    src: Type.String(), session: Type.String(), start: Iso, end: Iso,
    state: Type.Union([Type.Literal('pending'), Type.Literal('on-air'), Type.Literal('aired')]),
  }))),
});
export type RadioNow = Static<typeof RadioNowSchema>;

export const BulletinNowSchema = Type.Object({
  path: Type.String(),
  level: Type.Union([Type.Literal('normal'), Type.Literal('priority'), Type.Literal('emergency')]),
  title: Type.String(),
  until: Nullable(Iso),
});

/** `GET /api/now`. Objects are open (not Strict): a newer host may add fields. */
export const NowSchema = Type.Object({
  screens: Type.Record(Type.String(), ScreenNowSchema),
  radio: Nullable(RadioNowSchema),
  bulletins: Type.Array(BulletinNowSchema),
});
export type Now = Static<typeof NowSchema>;

export const AssetSchema = Type.Object({
  path: Type.String(),
  kind: Type.Union([Type.Literal('video'), Type.Literal('image'), Type.Literal('audio'), Type.Literal('web'), Type.Literal('other')]),
  bytes: Type.Integer({ minimum: 0 }),
  durationMs: Nullable(Type.Number()),
  loudnessLufs: Nullable(Type.Number()),
});
export type Asset = Static<typeof AssetSchema>;
export const AssetsSchema = Type.Object({ assets: Type.Array(AssetSchema) });

/** `POST /api/screens/<id>/play-now` answers 201 with this. */
export const PlayNowResultSchema = Type.Object({ path: Type.String(), until: Iso, diagnostics: Type.Array(DiagnosticSchema) });

/** `POST /api/radio/spot` answers 202 with this: the spot's one-item session and its times. */
export const SpotResultSchema = Type.Object({
  session: Type.String(), src: Type.String(), start: Iso, end: Iso, transmitterOn: Nullable(Iso), transmitterOff: Nullable(Iso),
});
export type SpotAnswer = Static<typeof SpotResultSchema>;

/** `GET /api/volume`, and the answer to `PUT /api/volume/…`: 0 (silent) … 1 per screen, and the
 *  radio's (null: no radio). Per machine (settings.json), not in the station. */
export const VolumesSchema = Type.Object({
  screens: Type.Record(Type.String(), Type.Number({ minimum: 0, maximum: 1 })),
  radio: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
});
export type Volumes = Static<typeof VolumesSchema>;

/** `GET /api/radio/problems`: the latest of today's as-run problems of the radio, newest first. */
export const AsRunProblemsSchema = Type.Object({
  day: Type.String(),
  problems: Type.Array(Type.Object({
    at: Iso, event: Type.String(), playlist: Nullable(Type.String()), src: Nullable(Type.String()), reason: Nullable(Type.String()),
  })),
});
export type AsRunProblems = Static<typeof AsRunProblemsSchema>;

/** `GET /api/screens/<id>/playlists`: the screen playlists that may play on that screen (what
 *  "play now" offers), without the console's own play-now files. */
export const ScreenPlaylistsSchema = Type.Object({ playlists: Type.Array(Type.Object({ path: Type.String(), name: Type.String() })) });
/** `GET /api/timeline`: what `bantin timeline --json` prints. */
export const TimelineSchema = Type.Object({
  timezone: Type.String(),
  entries: Type.Array(Type.Object({
    start: Iso, end: Iso, target: Type.String(), kind: Type.String(), playlist: Nullable(Type.String()), name: Type.String(),
  })),
});
export type Timeline = Static<typeof TimelineSchema>;
/** `GET /api/files`: the playlist files of the station on disk (a file with an error is `unplayable`). */
export const EditableFileSchema = Type.Object({
  path: Type.String(),
  kind: Type.Union([Type.Literal('screen'), Type.Literal('broadcast'), Type.Literal('list'), Type.Literal('unplayable')]),
  name: Type.String(),
});
export type EditableFile = Static<typeof EditableFileSchema>;
export const EditableFilesSchema = Type.Object({ files: Type.Array(EditableFileSchema) });

/** One opening the planner gives a playlist or session: when, until when, on which screens (none for the radio). */
export const PreviewOpeningSchema = Type.Object({ start: Iso, end: Iso, screens: Type.Array(Type.String()) });
export type PreviewOpening = Static<typeof PreviewOpeningSchema>;

/** `POST /api/preview` `{path, text}`: the file checked as part of the station, nothing written. */
export const PreviewSchema = Type.Object({
  ok: Type.Boolean(),
  diagnostics: Type.Array(DiagnosticSchema),
  openings: Type.Array(PreviewOpeningSchema),
});
export type Preview = Static<typeof PreviewSchema>;
