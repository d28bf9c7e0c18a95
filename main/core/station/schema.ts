// The JSON Schema of the station formats: the single source of truth for validation (ajv, in
// validate.ts) and for editors (emitted to playlists/schema.json and playlists/station.schema.json
// so yaml-language-server gives completion and red squiggles).
//
// `x-message` / `x-message-vi` are annotations: the operator-facing message for a failure at that
// schema node. Values whose rules a regular expression cannot express well (durations, cron,
// dates, time zones) are typed here for editors and fully checked in code with better messages;
// their definitions carry `x-checked-in-code` so the validator does not report them twice.
import { BYTE_SIZE_SCHEMA_PATTERN } from '../console/byte-size.js';
import { DURATION_SCHEMA_PATTERN } from '../duration.js';

type Schema = Record<string, unknown>;

const SCREEN_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]*$';

const definitions: Record<string, Schema> = {
  duration: {
    description: 'A length of time: `90s`, `15m`, `4h30m`, `1h`, or seconds as a number.',
    anyOf: [
      { type: 'number', exclusiveMinimum: 0 },
      { type: 'string', pattern: DURATION_SCHEMA_PATTERN },
    ],
    'x-checked-in-code': true,
  },
  cron: {
    description: 'Standard 5-field cron (minute hour day-of-month month day-of-week), or 6 fields with seconds first. Evaluated in the station time zone.',
    type: 'string',
    examples: ['0 7 * * 1-5', '30 5 * * *'],
    'x-checked-in-code': true,
  },
  date: {
    description: 'A whole day, `YYYY-MM-DD`, in the station time zone.',
    type: 'string',
    pattern: '^\\d{4}-\\d{2}-\\d{2}$',
    'x-checked-in-code': true,
  },
  assetPath: {
    description: 'A media file, relative to the station\'s assets/ folder (e.g. `bluezone/poster.jpg`).',
    type: 'string',
    minLength: 1,
    'x-message': 'must be a file path relative to assets/, e.g. bluezone/clip.mp4',
    'x-message-vi': 'phải là đường dẫn tệp tính từ thư mục assets/, ví dụ bluezone/clip.mp4',
  },
  fit: {
    description: 'How the picture fills the screen: `contain` (whole picture, bars if needed; default) or `cover` (fills, edges cropped).',
    enum: ['contain', 'cover'],
  },
  priority: {
    description: 'Higher wins where windows overlap. Default 0.',
    type: 'integer',
  },
  name: { description: 'Shown in the console and reports. Default: the file name.', type: 'string', minLength: 1 },
  valid: {
    description: 'Whole days, inclusive, in the station zone. Either end may be left out.',
    type: 'object',
    properties: { from: { $ref: '#/definitions/date' }, until: { $ref: '#/definitions/date' } },
    additionalProperties: false,
  },
  window: {
    description: 'A window opens at each cron time and stays open `for` (may cross midnight).',
    type: 'object',
    properties: { cron: { $ref: '#/definitions/cron' }, for: { $ref: '#/definitions/duration' } },
    required: ['cron', 'for'],
    additionalProperties: false,
  },
  when: {
    description: 'Windows when this is on air. Omitted (screen playlists): always open within `valid`.',
    type: 'array',
    items: { $ref: '#/definitions/window' },
    minItems: 1,
  },
  videoItem: {
    type: 'object',
    properties: { video: { $ref: '#/definitions/assetPath' }, fit: { $ref: '#/definitions/fit' } },
    required: ['video'],
    additionalProperties: false,
  },
  imageItem: {
    type: 'object',
    properties: {
      image: { $ref: '#/definitions/assetPath' },
      duration: { $ref: '#/definitions/duration' },
      fit: { $ref: '#/definitions/fit' },
    },
    required: ['image'],
    additionalProperties: false,
  },
  webItem: {
    type: 'object',
    properties: { web: { $ref: '#/definitions/assetPath' }, duration: { $ref: '#/definitions/duration' } },
    required: ['web'],
    additionalProperties: false,
  },
  qrItem: {
    type: 'object',
    properties: {
      qr: { type: 'string', minLength: 1, description: 'Text or URL to encode; generated locally.' },
      caption: { type: 'string', description: 'Shown under the code.' },
      duration: { $ref: '#/definitions/duration' },
    },
    required: ['qr'],
    additionalProperties: false,
  },
  item: {
    description: 'One of `video:`, `image:`, `web:` or `qr:`.',
    type: 'object',
    anyOf: [{ required: ['video'] }, { required: ['image'] }, { required: ['web'] }, { required: ['qr'] }],
    allOf: [
      { if: { required: ['video'] }, then: { $ref: '#/definitions/videoItem' } },
      { if: { required: ['image'] }, then: { $ref: '#/definitions/imageItem' } },
      { if: { required: ['web'] }, then: { $ref: '#/definitions/webItem' } },
      { if: { required: ['qr'] }, then: { $ref: '#/definitions/qrItem' } },
    ],
    'x-message': 'an item needs one of video:, image:, web: or qr: (e.g. `- video: bluezone/clip.mp4`)',
    'x-message-vi': 'mỗi mục cần một trong video:, image:, web: hoặc qr: (ví dụ `- video: bluezone/clip.mp4`)',
  },
  slot: {
    description: 'Audio files (relative to assets/), or one play-list file (.m3u, .m3u8, .pls).',
    anyOf: [
      { $ref: '#/definitions/assetPath' },
      { type: 'array', items: { $ref: '#/definitions/assetPath' } },
    ],
    'x-message': 'must be a file path or a list of file paths relative to assets/, e.g. [radio/nhac-hieu.mp3]',
    'x-message-vi': 'phải là một đường dẫn tệp hoặc danh sách đường dẫn tính từ assets/, ví dụ [radio/nhac-hieu.mp3]',
  },
  screenPlaylist: {
    type: 'object',
    properties: {
      kind: { const: 'screen' },
      name: { $ref: '#/definitions/name' },
      screens: {
        description: 'Screen ids (from station.yaml) this playlist is for. Default: every screen.',
        type: 'array',
        items: { type: 'string', pattern: SCREEN_ID_PATTERN },
        minItems: 1,
      },
      priority: { $ref: '#/definitions/priority' },
      valid: { $ref: '#/definitions/valid' },
      when: { $ref: '#/definitions/when' },
      items: {
        description: 'What plays, in order, looping.',
        type: 'array',
        items: { $ref: '#/definitions/item' },
        minItems: 1,
      },
    },
    required: ['kind', 'items'],
    additionalProperties: false,
  },
  broadcastSession: {
    type: 'object',
    properties: {
      kind: { const: 'broadcast' },
      name: { $ref: '#/definitions/name' },
      priority: { $ref: '#/definitions/priority' },
      valid: { $ref: '#/definitions/valid' },
      when: { $ref: '#/definitions/when' },
      open: { $ref: '#/definitions/slot', description: 'Aired from the session start.' },
      body: {
        description: 'Fills the time between open and close: audio files, a play-list file, or `live`.',
        anyOf: [
          { $ref: '#/definitions/assetPath' },
          { type: 'array', items: { $ref: '#/definitions/assetPath' } },
        ],
        'x-message': 'must be `live`, a file path, or a list of file paths relative to assets/',
        'x-message-vi': 'phải là `live`, một đường dẫn tệp, hoặc danh sách đường dẫn tính từ assets/',
      },
      close: { $ref: '#/definitions/slot', description: 'Back-timed: the last close item ends at the session end.' },
    },
    required: ['kind', 'when'],
    additionalProperties: false,
  },
  instant: {
    description: 'A moment, ISO 8601: `2020-08-13T14:00` (station time) or `2020-08-13T14:00:00+07:00`.',
    type: 'string',
    examples: ['2020-08-13T14:00'],
    'x-checked-in-code': true,
  },
  bulletin: {
    description: 'A bulletin (Circular 39/2020): normal, priority or emergency. Text, audio, or both.',
    type: 'object',
    properties: {
      kind: { const: 'bulletin' },
      level: {
        description: '`normal`: in the body of its sessions; `priority`: right after the open of each session while it lasts; `emergency`: at once, on the radio and every screen.',
        enum: ['normal', 'priority', 'emergency'],
      },
      title: { type: 'string', minLength: 1, description: 'Shown on screens and in the console. Default: the file name.' },
      text: { type: 'string', description: 'Shown on screens; spoken by the station\'s TTS when no audio is given.' },
      audio: { $ref: '#/definitions/assetPath', description: 'An audio file under assets/.' },
      from: { $ref: '#/definitions/instant', description: 'When it starts. Default: when its file was last saved.' },
      until: { $ref: '#/definitions/instant', description: 'When it ends (or give `for`). An emergency needs one of them.' },
      for: { $ref: '#/definitions/duration', description: 'How long it lasts from `from` (or give `until`).' },
      every: { $ref: '#/definitions/duration', description: 'Emergency: air again at this interval while it lasts. Default: once.' },
      sessions: {
        description: 'Normal: the session files it airs in, e.g. playlists/phat-thanh-sang.yaml. Default: every session.',
        type: 'array',
        items: { type: 'string', minLength: 1 },
        minItems: 1,
      },
      band: { type: 'boolean', description: 'Normal: also shown in the band across the bottom of the screens.' },
    },
    required: ['kind', 'level'],
    additionalProperties: false,
  },
  switchAction: {
    description: 'How to switch: `{ command: [program, arg...] }` or `{ http: "http://..." }`.',
    type: 'object',
    properties: {
      command: { type: 'array', items: { type: 'string' }, minItems: 1 },
      http: { type: 'string', pattern: '^https?://' },
    },
    additionalProperties: false,
    minProperties: 1,
    maxProperties: 1,
    'x-message': 'needs exactly one of `command: [program, args...]` or `http: "http://..."`',
    'x-message-vi': 'cần đúng một trong `command: [chương-trình, tham-số...]` hoặc `http: "http://..."`',
  },
};

const screenIdDescription = 'Screen id: letters, digits, `-` or `_`.';

const stationBody: Schema = {
  title: 'bantin station.yaml',
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, description: 'Station name. Default: the directory name.' },
    timezone: {
      type: 'string',
      description: 'IANA zone, e.g. Asia/Ho_Chi_Minh. Default: the machine\'s zone. All cron and dates use it.',
      'x-checked-in-code': true,
    },
    screens: {
      description: 'Screens by id. Default: one screen `main` on the primary display.',
      type: 'object',
      propertyNames: { pattern: SCREEN_ID_PATTERN, description: screenIdDescription },
      additionalProperties: {
        type: ['object', 'null'],
        properties: {
          display: { type: 'integer', minimum: 0, description: 'Display index, 0 = primary. Default 0.' },
          rotate: { enum: [0, 90, 180, 270], description: 'Clockwise rotation in degrees. Default 0.' },
        },
        additionalProperties: false,
      },
      minProperties: 1,
    },
    radio: {
      description: 'Omit when the site has no radio.',
      type: ['object', 'null'],
      properties: {
        output: { type: 'string', minLength: 1, description: 'Audio output device label or id. Default `default`.' },
        loudness: {
          type: 'number', minimum: -70, maximum: 0,
          description: 'EBU R128 integrated loudness (LUFS) every radio file is aired at. Default -16.',
          'x-message': 'must be a loudness in LUFS between -70 and 0, e.g. -16',
          'x-message-vi': 'phải là độ to LUFS trong khoảng -70 đến 0, ví dụ -16',
        },
        tts: {
          type: 'object',
          description: 'Text to speech for text bulletins: the program gets the text on standard input and writes WAV on standard output. Default: espeak-ng -v vi --stdout (when installed).',
          properties: { command: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 } },
          required: ['command'],
          additionalProperties: false,
        },
        transmitter: {
          type: 'object',
          description: 'Optional: switch the amplifier / FM transmitter around sessions.',
          properties: {
            on: { $ref: '#/definitions/switchAction' },
            off: { $ref: '#/definitions/switchAction' },
            lead: { $ref: '#/definitions/duration', description: 'Switched on this long before a session starts. Default 0s.' },
            tail: { $ref: '#/definitions/duration', description: 'Switched off this long after a session ends. Default 0s.' },
          },
          required: ['on', 'off'],
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    lan: { type: 'boolean', description: 'Serve the pages on the LAN (0.0.0.0) instead of this machine only. Default false.' },
    console: {
      type: 'object',
      description: 'The operator console (docs/console.md).',
      properties: {
        maxUpload: {
          anyOf: [{ type: 'integer', minimum: 1 }, { type: 'string', pattern: BYTE_SIZE_SCHEMA_PATTERN }],
          description: 'Largest file the console accepts: bytes, or e.g. 500MB, 2GB (1 GB = 1024 MB). Default 2GB.',
          'x-message': 'must be a size such as 500MB or 2GB',
          'x-message-vi': 'phải là dung lượng, ví dụ 500MB hoặc 2GB',
        },
      },
      additionalProperties: false,
    },
    proofOfPlay: {
      type: 'object',
      description: 'The proof of play (docs/proof-of-play.md).',
      properties: {
        keepDays: {
          type: 'integer',
          minimum: 1,
          description: 'Days of proof of play kept; older day files are removed at start and daily. Default 400.',
          'x-message': 'must be a whole number of days, at least 1, e.g. 400',
          'x-message-vi': 'phải là số ngày nguyên, ít nhất 1, ví dụ 400',
        },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};

export const playlistSchema: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://bantin.invalid/schema/playlist.json',
  title: 'bantin playlist (screen playlist or broadcast session)',
  type: 'object',
  properties: {
    kind: {
      description: '`screen` for a screen playlist, `broadcast` for a radio session.',
      enum: ['screen', 'broadcast'],
    },
  },
  required: ['kind'],
  allOf: [
    { if: { properties: { kind: { const: 'screen' } }, required: ['kind'] }, then: { $ref: '#/definitions/screenPlaylist' } },
    { if: { properties: { kind: { const: 'broadcast' } }, required: ['kind'] }, then: { $ref: '#/definitions/broadcastSession' } },
  ],
  definitions,
  // station.yaml may name `playlists/schema.json#/$defs/station` (one file for editors to fetch);
  // its references resolve against this document's `definitions`.
  $defs: { station: stationBody },
};

export const bulletinSchema: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://bantin.invalid/schema/bulletin.json',
  title: 'bantin bulletin (bulletins/*.yaml)',
  $ref: '#/definitions/bulletin',
  definitions: {
    bulletin: definitions['bulletin']!, instant: definitions['instant']!, duration: definitions['duration']!,
    assetPath: definitions['assetPath']!,
  },
};

export const stationSchema: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://bantin.invalid/schema/station.json',
  ...stationBody,
  definitions: { duration: definitions['duration']!, switchAction: definitions['switchAction']! },
};

/** The files `bantin` keeps in sync under playlists/ (a test fails when they differ). */
export function schemaFiles(): Record<string, string> {
  return {
    'playlists/schema.json': `${JSON.stringify(playlistSchema, null, 2)}\n`,
    'playlists/station.schema.json': `${JSON.stringify(stationSchema, null, 2)}\n`,
    'playlists/bulletin.schema.json': `${JSON.stringify(bulletinSchema, null, 2)}\n`,
  };
}
