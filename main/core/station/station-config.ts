// station.yaml → name, zone, screens, radio, lan. Everything else depends on the zone and the
// screens, so a bad one of those makes the whole station unusable (the caller gets null).
import type { DiagnosticSink } from '../diagnostics.js';
import { HOUR, parseDuration, type DurationLimits } from '../duration.js';
import { DEFAULT_TARGET_LUFS } from '../loudness.js';
import { DEFAULT_TTS_COMMAND } from '../speech/engine.js';
import { parseByteSize } from '../console/byte-size.js';
import { DEFAULT_MAX_UPLOAD, type ConsoleConfig, type RadioConfig, type Screen, type SwitchAction, type Transmitter } from '../model.js';
import { isValidZone } from './calendar.js';
import { durationMsg } from './messages.js';
import { isObject, type CompileEnv, type Reports, type StationSources } from './sources.js';
import { validateStationShape } from './validate.js';
import { YamlSource } from './yaml-source.js';

const SWITCH_LIMITS: DurationLimits = { allowZero: true, maxMs: HOUR };

export interface StationConfig {
  name: string;
  timezone: string;
  screens: Screen[];
  radio: RadioConfig | null;
  lan: boolean;
  console: ConsoleConfig;
  keepDays?: number;
}

export interface StationConfigResult {
  /** null: the station cannot play (station.yaml unreadable, bad zone or screens). */
  config: StationConfig | null;
  /** The screens playlists may name; null when station.yaml does not say (it is unreadable or
   *  its `screens` are broken): then no playlist is told its screen is unknown — a false
   *  error on top of the real one in station.yaml. */
  screens: Screen[] | null;
}

export function compileStationConfig(sources: StationSources, env: CompileEnv, reports: Reports): StationConfigResult {
  const result = compileConfig(sources, env, reports);
  return { config: result.fatal ? null : result.cfg, screens: result.screens };
}

function compileConfig(sources: StationSources, env: CompileEnv, reports: Reports): { cfg: StationConfig; fatal: boolean; screens: Screen[] | null } {
  const defaults: StationConfig = {
    name: sources.dirName,
    timezone: env.defaultTimezone,
    screens: [{ id: 'main', display: 0, rotate: 0 }],
    radio: null,
    lan: false,
    console: { maxUploadBytes: DEFAULT_MAX_UPLOAD },
  };
  const ok = { cfg: defaults, fatal: false, screens: defaults.screens };
  const unusable = { cfg: defaults, fatal: true, screens: null };
  const sy = sources.stationYaml;
  if (!sy) return ok;
  const sink = reports.sink(sy.file);
  if (sy.text === null) return unusable;
  if (sy.text.trim() === '') return ok;
  const src = YamlSource.parse(sy.file, sy.text, sink);
  if (!src) return unusable;
  const v = src.value;
  if (v === null || v === undefined) return ok;
  if (!isObject(v)) {
    sink.error(src.pos([]), 'station.not-mapping', 'station.yaml must be a mapping of keys (name:, timezone:, screens:, radio:, lan:)',
      'station.yaml phải gồm các khóa (name:, timezone:, screens:, radio:, lan:)');
    return unusable;
  }
  validateStationShape(src, sink);
  const cfg = { ...defaults };
  let fatal = false;
  let screensKnown = true;
  if (typeof v['name'] === 'string' && v['name'].trim() !== '') cfg.name = v['name'];

  if ('timezone' in v) {
    const tz = v['timezone'];
    if (typeof tz !== 'string' || !isValidZone(tz)) {
      sink.error(src.pos(['timezone']), 'timezone.invalid',
        `unknown time zone ${JSON.stringify(tz)}: use an IANA zone name such as Asia/Ho_Chi_Minh`,
        `múi giờ không hợp lệ ${JSON.stringify(tz)}: dùng tên múi giờ IANA, ví dụ Asia/Ho_Chi_Minh`);
      fatal = true;
    } else {
      cfg.timezone = tz;
    }
  }

  if ('screens' in v) {
    const screens = compileScreens(v['screens'], src, sink);
    if (screens) {
      cfg.screens = screens;
    } else {
      fatal = true;
      screensKnown = false;
    }
  }

  if ('radio' in v && v['radio'] !== null) cfg.radio = compileRadio(v['radio'], src, sink);
  if ('lan' in v && typeof v['lan'] === 'boolean') cfg.lan = v['lan'];
  // A bad size is the schema's error; the default stays meanwhile.
  const maxUpload = isObject(v['console']) ? parseByteSize(v['console']['maxUpload']) : null;
  if (maxUpload !== null) cfg.console = { maxUploadBytes: maxUpload };
  const keep = isObject(v['proofOfPlay']) ? v['proofOfPlay']['keepDays'] : undefined;
  if (Number.isInteger(keep) && (keep as number) >= 1) cfg.keepDays = keep as number; // else the schema said why
  return { cfg, fatal, screens: screensKnown ? cfg.screens : null };
}

function compileScreens(value: unknown, src: YamlSource, sink: DiagnosticSink): Screen[] | null {
  if (!isObject(value)) return null; // the schema said why
  const screens: Screen[] = [];
  const byDisplay = new Map<number, string>();
  let ok = true;
  for (const [id, raw] of Object.entries(value)) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(id)) {
      ok = false;
      continue;
    }
    const s = raw ?? {};
    if (!isObject(s)) {
      ok = false;
      continue;
    }
    const display = s['display'] ?? 0;
    const rotate = s['rotate'] ?? 0;
    if (typeof display !== 'number' || !Number.isInteger(display) || display < 0) ok = false;
    if (rotate !== 0 && rotate !== 90 && rotate !== 180 && rotate !== 270) ok = false;
    if (Object.keys(s).some((k) => k !== 'display' && k !== 'rotate')) ok = false;
    if (!ok) continue;
    const other = byDisplay.get(display as number);
    if (other !== undefined) {
      sink.error(src.pos(['screens', id, 'display']), 'screen.duplicate-display',
        `screens \`${other}\` and \`${id}\` are both on display ${String(display)}: give each screen its own display number`,
        `màn hình \`${other}\` và \`${id}\` cùng dùng màn hình số ${String(display)}: mỗi màn hình cần một số riêng`);
      ok = false;
      continue;
    }
    byDisplay.set(display as number, id);
    screens.push({ id, display: display as number, rotate: rotate as Screen['rotate'] });
  }
  return ok && screens.length > 0 ? screens : null;
}

function compileSwitch(value: unknown): SwitchAction | null {
  if (!isObject(value)) return null;
  const keys = Object.keys(value);
  if (keys.length !== 1) return null;
  const cmd = value['command'];
  if (Array.isArray(cmd) && cmd.length > 0 && cmd.every((c) => typeof c === 'string')) return { command: cmd as string[] };
  const http = value['http'];
  if (typeof http === 'string' && /^https?:\/\//.test(http)) return { http };
  return null;
}

function compileRadio(value: unknown, src: YamlSource, sink: DiagnosticSink): RadioConfig | null {
  if (!isObject(value)) return null;
  const errorsBefore = sink.list.filter((d) => d.severity === 'error').length;
  const output = typeof value['output'] === 'string' && value['output'] !== '' ? value['output'] : 'default';
  let transmitter: Transmitter | null = null;
  const t = value['transmitter'];
  if (isObject(t)) {
    const on = compileSwitch(t['on']);
    const off = compileSwitch(t['off']);
    const durationOf = (key: 'lead' | 'tail'): number => {
      if (!(key in t)) return 0;
      const r = parseDuration(t[key], SWITCH_LIMITS);
      if (r.ok) return r.ms;
      const m = durationMsg(key, t[key], r, src.writtenNumber(['radio', 'transmitter', key]));
      sink.error(src.pos(['radio', 'transmitter', key]), m.code, m.en, m.vi);
      return 0;
    };
    const leadMs = durationOf('lead');
    const tailMs = durationOf('tail');
    if (on && off) transmitter = { on, off, leadMs, tailMs };
  }
  const errorsAfter = sink.list.filter((d) => d.severity === 'error').length;
  // Any error in station.yaml fails `check`; whether the radio part is usable: only when clean.
  const radioErrors = errorsAfter > errorsBefore || (t !== undefined && t !== null && transmitter === null);
  const loudness = value['loudness'];
  const loudnessLufs = typeof loudness === 'number' && loudness >= -70 && loudness <= 0 ? loudness : DEFAULT_TARGET_LUFS;
  const tts = isObject(value['tts']) ? value['tts']['command'] : undefined;
  const command = Array.isArray(tts) && tts.length > 0 && tts.every((c) => typeof c === 'string' && c !== '')
    ? (tts as string[]) : [...DEFAULT_TTS_COMMAND];
  return radioErrors ? null : { output, transmitter, loudnessLufs, tts: { command } };
}
