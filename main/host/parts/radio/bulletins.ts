// The radio's bulletins, host side: each one lasting now or later as the page needs it — its audio
// (probed for length) or its text spoken by the station's engine (`radio.tts`, rendered when the
// bulletin loads, cached by engine and text, served at /radio/speech/…) — which sessions air the
// priority and normal ones after their open, and when the emergencies hold the transmitter and
// how far they push a session's end (the pure rules of main/core/bulletins/radio-air.ts).
import { createReadStream } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { RadioCueBulletin } from '../../../core/contract/radio.js';
import { emergencyAirings, interruptSession, type Interrupt } from '../../../core/bulletins/radio-air.js';
import { ATTENTION_TONE_MS } from '../../../core/bulletins/length.js';
import type { Bulletin, Instant, SessionOccurrence, Station } from '../../../core/model.js';
import type { HostContext } from '../../context.js';
import { DEFAULT_TARGET_LUFS } from '../../../core/loudness.js';
import { loudnessQueue } from '../../loudness-queue.js';
import { mediaKey, mediaUrl } from '../../media.js';
import { airLevel, probeMedia } from '../../media-probe.js';
import { speak } from '../../speech.js';

/** Where rendered speech is kept: the media cache's folder (`$BANTIN_CACHE_DIR`, else
 *  `$XDG_CACHE_HOME/bantin`, else `~/.cache/bantin`); with the cache `off`, the temp folder. */
export function speechCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env['BANTIN_CACHE_DIR'];
  if (dir === 'off') return join(tmpdir(), 'bantin-speech');
  return dir ?? join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'bantin');
}

const SPEECH_FILE = /^[0-9a-f]{32}\.wav$/;

/** GET /radio/speech/<media key>/<hash>.wav: the speech the host rendered (behind the start's key). */
export function registerSpeech(app: FastifyInstance, ctx: HostContext, cacheDir: string): void {
  const key = mediaKey(ctx.token);
  app.get<{ Params: { key: string; file: string } }>('/radio/speech/:key/:file', async (req, reply) => {
    if (req.params.key !== key) return reply.code(401).send({ error: 'bad token / sai mã truy cập' });
    if (!SPEECH_FILE.test(req.params.file)) return reply.code(404).send({ error: 'not found' });
    const stream = createReadStream(join(cacheDir, 'speech', req.params.file));
    return new Promise((resolve) => {
      stream.once('error', () => resolve(reply.code(404).send({ error: 'not found' })));
      stream.once('open', () => resolve(reply.type('audio/wav').header('cache-control', 'no-store').send(stream)));
    });
  });
}

/** Speech rendered for a text bulletin: where the page gets it, its length, the WAV on disk. */
interface Spoken {
  url: string;
  durationMs: number;
  file: string;
}

const lasting = (b: Bulletin, at: Instant) => b.from <= at && (b.until === null || at < b.until);
const byFrom = (x: Bulletin, y: Bulletin) => x.from - y.from || (x.file < y.file ? -1 : x.file > y.file ? 1 : 0);

export class RadioBulletins {
  /** When the host first saw each emergency (by file and `from`): a file written a moment ago,
   *  whose `from` is already past, airs then — at once — not back-dated. */
  private readonly firstSeen = new Map<string, Instant>();
  private readonly speech = new Map<string, Spoken | { problem: string }>();
  /** The audio and speech files of the last cues (absolute): a measurement of one re-plans. */
  files: string[] = [];

  constructor(private readonly ctx: HostContext, private readonly media: string, private readonly cacheDir: string, private readonly measure = false) {}

  /** The bulletins the page must know of at `now` (lasting now, or starting before `horizon`). */
  async cues(station: Station, now: Instant, horizon: Instant): Promise<RadioCueBulletin[]> {
    const wanted = station.bulletins.filter((b) => b.from < horizon && (b.until === null || b.until > now)).sort(byFrom).slice(0, 64);
    const files = wanted.flatMap((b) => (b.audio?.file ? [join(this.ctx.stationDir, 'assets', ...b.audio.file.split('/'))] : []));
    const facts = await probeMedia(files);
    /** Speech WAVs not measured yet. */
    const spoken: string[] = [];
    this.files = [];
    const targetLufs = station.radio?.loudnessLufs ?? DEFAULT_TARGET_LUFS;
    const seen = new Set<string>();
    const out: RadioCueBulletin[] = [];
    for (const b of wanted) {
      const key = `${b.file}@${b.from}`;
      seen.add(key);
      let from = b.from;
      if (b.level === 'emergency') {
        if (!this.firstSeen.has(key)) this.firstSeen.set(key, Math.max(b.from, now));
        from = this.firstSeen.get(key)!;
      }
      const base = { file: b.file, level: b.level, title: b.title, from, until: b.until, everyMs: b.level === 'emergency' ? b.everyMs : null, targetLufs };
      if (b.audio) {
        const found = b.audio.file ? facts.get(join(this.ctx.stationDir, 'assets', ...b.audio.file.split('/'))) ?? null : null;
        out.push(found && b.audio.file
          ? { ...base, url: mediaUrl(this.media, b.audio.file), durationMs: b.audio.durationMs ?? found.durationMs, problem: null, ...airLevel(found) }
          : { ...base, url: null, durationMs: null, problem: 'missing file' });
        continue;
      }
      const said = b.text ? await this.say(b.text, station) : { problem: 'no text and no audio' };
      if (!('url' in said)) {
        out.push({ ...base, url: null, durationMs: null, problem: said.problem });
        continue;
      }
      // The rendered WAV is measured like any radio file (the engine's level is its own).
      const level = (await probeMedia([said.file])).get(said.file);
      if (level?.loudnessLufs === null) spoken.push(said.file);
      else if (level) this.files.push(said.file);
      out.push({ ...base, url: said.url, durationMs: said.durationMs, problem: null, ...(level ? airLevel(level) : {}) });
    }
    this.files.push(...files, ...spoken);
    if (this.measure) loudnessQueue.request(spoken);
    for (const k of this.firstSeen.keys()) if (!seen.has(k)) this.firstSeen.delete(k);
    return out;
  }

  private async say(text: string, station: Station): Promise<Spoken | { problem: string }> {
    const engine = station.radio?.tts ?? null;
    if (!engine) return { problem: 'no speech engine (radio.tts)' };
    const memo = `${JSON.stringify(engine.command)}\0${text}`;
    const known = this.speech.get(memo);
    if (known) return known;
    let result: Spoken | { problem: string };
    try {
      const s = await speak(text, engine, this.cacheDir);
      const name = s.file.split(/[\\/]/).pop()!;
      result = { url: `/radio/speech/${this.media.split('/').pop()}/${name}`, durationMs: s.durationMs, file: s.file };
      this.ctx.log.info({ engine: engine.command[0], durationMs: s.durationMs, cached: s.cached }, 'bulletin text spoken / đã đọc bản tin thành tiếng');
    } catch (err) {
      result = { problem: `speech failed: ${err instanceof Error ? err.message : String(err)}` };
      this.ctx.log.error({ err }, 'bulletin speech failed: the radio airs the tone alone / không đọc được bản tin: đài chỉ phát tiếng chuông');
    }
    if (this.speech.size > 200) this.speech.clear();
    this.speech.set(memo, result);
    return result;
  }
}

/** The priority bulletins lasting at the session's start (by `from`, then file), then the normal
 *  ones meant for it (or for every session): what airs right after its open. */
export function insertedFor(o: SessionOccurrence, bulletins: readonly Bulletin[]): string[] {
  const at = (level: Bulletin['level']) => bulletins.filter((b) => b.level === level && lasting(b, o.start)).sort(byFrom);
  return [
    ...at('priority'),
    ...at('normal').filter((b) => b.sessions === null || b.sessions.includes(o.session.file)),
  ].map((b) => b.file);
}

/** Each emergency airing as the page will air it (tone and content, the length it was sent with). */
export function emergencyInterrupts(cues: readonly RadioCueBulletin[], until: Instant): Interrupt[] {
  return cues.filter((c) => c.level === 'emergency' && c.until !== null).flatMap((c) => {
    const lengthMs = ATTENTION_TONE_MS + (c.url ? c.durationMs ?? 0 : 0);
    return emergencyAirings(c.from, Math.min(c.until!, until), c.everyMs, lengthMs).map((at) => ({ bulletin: c.file, at, lengthMs }));
  });
}

/** When a session really ends with the emergencies cutting in (later when one cut its close). */
export function sessionEndWith(o: SessionOccurrence, interrupts: readonly Interrupt[]): Instant {
  return interruptSession({ start: o.start, openEnd: o.openEnd, closeStart: o.closeStart, end: o.end }, interrupts.filter((i) => i.at + i.lengthMs > o.start)
    .map((i) => (i.at < o.start ? { ...i, at: o.start, lengthMs: i.at + i.lengthMs - o.start } : i))).end;
}
