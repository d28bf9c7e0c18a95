// The station as the player understands it, after parsing and validation.
// Everything here is plain data: the pure core builds it from text, the host fills in what only
// I/O can know (media durations), and the planner turns it into a timeline.

/** Milliseconds since the Unix epoch (UTC). All instants in the core are this. */
export type Instant = number;
/** A length of time in milliseconds. */
export type Millis = number;

/** A problem found in the station, with where it is so an editor or operator can jump to it. */
export interface Diagnostic {
  /** Path relative to the station directory, forward slashes (e.g. `playlists/x.yaml`). */
  file: string;
  /** 1-based line and column of the offending value (1:1 when the file as a whole is at fault). */
  line: number;
  col: number;
  severity: 'error' | 'warning';
  /** What is wrong and what to do about it, in English. */
  message: string;
  /** The same in Vietnamese, for the operator console. */
  messageVi?: string;
  /** Stable machine-readable code, e.g. `cron.invalid`, `asset.missing`. */
  code: string;
}

export interface Screen {
  id: string;
  /** Index of the display this screen's window goes on. */
  display: number;
  rotate: 0 | 90 | 180 | 270;
}

/** How the amplifier / FM transmitter is switched. */
export type SwitchAction =
  | { command: string[] }
  | { http: string };

export interface Transmitter {
  on: SwitchAction;
  off: SwitchAction;
  /** Switched on this long before a session starts. */
  leadMs: Millis;
  /** Switched off this long after a session ends. */
  tailMs: Millis;
}

export interface RadioConfig {
  /** Audio output device label or id; `default` for the system default. */
  output: string;
  transmitter: Transmitter | null;
  /** EBU R128 integrated loudness every radio file is aired at (`radio.loudness`, default −16 LUFS). */
  loudnessLufs: number;
  /** Text to speech for text bulletins (`radio.tts`): text on stdin, WAV on stdout. Default:
   *  espeak-ng's Vietnamese voice; whether it is installed is the host's business. */
  tts: { command: string[] };
}

/** A window rule: a window opens at each cron time and stays open `durationMs`. */
export interface WindowRule {
  cron: string;
  durationMs: Millis;
}

/** Whole days, inclusive, in the station zone. `YYYY-MM-DD`. Either end may be open. */
export interface ValidRange {
  from: string | null;
  until: string | null;
}

/** An asset reference: `src` is the path relative to `assets/` exactly as the playlist wrote it
 *  (backslashes turned to slashes), `file` the name actually found on disk (relative to assets/,
 *  possibly in another Unicode normalisation), or null when not found. */
export interface AssetRef {
  src: string;
  file: string | null;
  /** Media length when the host could read it, else null (images, web pages, unreadable media). */
  durationMs: Millis | null;
}

export type ScreenItem = (
  | { kind: 'video'; asset: AssetRef; fit: Fit }
  | { kind: 'image'; asset: AssetRef; durationMs: Millis; fit: Fit }
  | { kind: 'web'; asset: AssetRef; durationMs: Millis }
  | { kind: 'qr'; data: string; caption: string | null; durationMs: Millis }
) & {
  /** Only from SMIL `begin`/`end="wallclock(…)"`: the item is in the loop only during
   *  [begin, end) (see `withItemWallclocks`); absent means always. */
  wallclock?: WallclockSpan;
};

/** Instants between which an item plays; null is an open end. */
export interface WallclockSpan {
  begin: Instant | null;
  end: Instant | null;
}

export type Fit = 'contain' | 'cover';

interface PlaylistCommon {
  /** Path of the playlist file relative to the station dir, e.g. `playlists/bluezone.yaml`. */
  file: string;
  name: string;
  priority: number;
  valid: ValidRange | null;
}

export interface ScreenPlaylist extends PlaylistCommon {
  kind: 'screen';
  /** Screen ids this playlist is for; null means every screen. */
  screens: string[] | null;
  /** null means always open (within `valid`). */
  when: WindowRule[] | null;
  items: ScreenItem[];
}

export interface BroadcastSession extends PlaylistCommon {
  kind: 'broadcast';
  when: WindowRule[];
  open: AssetRef[];
  body: AssetRef[] | 'live';
  close: AssetRef[];
}

/** Circular 39/2020/TT-BTTTT's three levels of commune-radio bulletins. */
export type BulletinLevel = 'normal' | 'priority' | 'emergency';

/** A bulletin file (`bulletins/*.yaml`), its times resolved to instants. */
export interface Bulletin {
  /** Path relative to the station dir, e.g. `bulletins/20200813-140000-emergency.yaml`. */
  file: string;
  level: BulletinLevel;
  /** Default: the file name. */
  title: string;
  /** Shown on screens; spoken when there is no audio. */
  text: string | null;
  /** Under assets/, with its length once the host has read it. */
  audio: AssetRef | null;
  /** `from`, or the file's modification time when it names none (see bulletins/format.ts). */
  from: Instant;
  /** `until`, or `from` + `for`; null: it lasts until its file is ended or deleted. */
  until: Instant | null;
  /** Emergency: air again at this interval while it lasts; null: once. */
  everyMs: Millis | null;
  /** Normal: the session files it airs in; null: every session. */
  sessions: string[] | null;
  /** Normal: also shown in the screens' band. */
  band: boolean;
}

export interface ConsoleConfig {
  /** Largest upload accepted (`console.maxUpload`). */
  maxUploadBytes: number;
}

/** `proofOfPlay.keepDays` when station.yaml names none: a year and a month of records. */
export const DEFAULT_KEEP_DAYS = 400;

/** `console.maxUpload` when station.yaml names none: 2 GB. */
export const DEFAULT_MAX_UPLOAD = 2 * 1024 ** 3;

export interface Station {
  name: string;
  /** IANA zone; all cron and dates use it. */
  timezone: string;
  screens: Screen[];
  radio: RadioConfig | null;
  /** Serve the pages on the LAN (0.0.0.0) instead of 127.0.0.1 only. */
  lan: boolean;
  /** The operator console's settings (`console:`); absent: the defaults. */
  console?: ConsoleConfig;
  /** Days of proof of play kept (`proofOfPlay.keepDays`); absent: DEFAULT_KEEP_DAYS. */
  keepDays?: number;
  playlists: ScreenPlaylist[];
  sessions: BroadcastSession[];
  /** Every bulletin file that compiled, ended ones included (they are the record), by file. */
  bulletins: Bulletin[];
}

/** Target names as they appear in the timeline: `screen:<id>` or `radio`. */
export type Target = `screen:${string}` | 'radio';

export type TimelineKind =
  | 'playlist'
  | 'slate'
  | 'transmitter-on'
  | 'open'
  | 'body'
  | 'close'
  | 'transmitter-off'
  /** An emergency or priority bulletin over a screen or the radio (bulletins/timeline.ts); the planner never makes one. */
  | 'bulletin';

/** One entry of `bantin timeline` (instants here; the command formats them with the zone offset). */
export interface TimelineEntry {
  start: Instant;
  end: Instant;
  target: Target;
  kind: TimelineKind;
  /** Playlist file, or null for the slate. */
  playlist: string | null;
  name: string;
}

/** What a screen shows at an instant, and until when that stays true. */
export interface ScreenState {
  /** The playlist on air, or null for the slate. */
  playlist: ScreenPlaylist | null;
  /** When this playlist (or slate) went on air on this screen: the boundary instant. */
  since: Instant;
  /** The next instant at which what this screen shows changes (Infinity if never). */
  until: Instant;
}

/** One occurrence of a broadcast session, fully timed. */
export interface SessionOccurrence {
  session: BroadcastSession;
  start: Instant;
  end: Instant;
  /** Open slot runs [start, openEnd); body [openEnd, closeStart); close [closeStart, end). */
  openEnd: Instant;
  closeStart: Instant;
  /** Instants to switch the transmitter, or null without a transmitter. */
  transmitterOn: Instant | null;
  transmitterOff: Instant | null;
}
