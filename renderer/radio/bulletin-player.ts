// One bulletin on the radio: the attention tone, then its audio (or its text as the host's engine
// spoke it), both handed to the audio clock at a host instant — on the bulletin bus, which the
// program's fade does not touch. A bulletin whose audio cannot be decoded airs the tone alone
// (the caller reports it failed).
import type { RadioCueBulletin } from '../../main/core/contract/radio.js';
import { ATTENTION_TONE_MS } from '../../main/core/bulletins/length.js';
import { chooseAirGain } from '../../main/core/loudness.js';
import { dbToGain, type ScheduledSpot, type SpotAudio, type SpotBuffer } from './audio.js';
import { SpotCache } from './spot-cache.js';

export { ATTENTION_TONE_MS };

/** The bulletin's content, decoded: `buffer` null when there is none (`problem` says why). */
export interface PreparedBulletin {
  cue: RadioCueBulletin;
  buffer: SpotBuffer | null;
  problem: string | null;
  /** Tone and content (ms). */
  lengthMs: number;
}

export interface AiredBulletin {
  start: number;
  end: number;
  actualStart(): number;
  /** Once it has played out (not after `stop`). */
  onEnded(fn: () => void): void;
  stop(): void;
}

export class BulletinPlayer {
  private readonly cache: SpotCache;
  private tone: SpotBuffer | null = null;

  constructor(private readonly spots: SpotAudio) {
    this.cache = new SpotCache((url) => spots.decode(url));
  }

  async prepare(cue: RadioCueBulletin): Promise<PreparedBulletin> {
    let buffer: SpotBuffer | null = null;
    let problem = cue.problem;
    if (cue.url) {
      try {
        buffer = await this.cache.get(cue.url);
      } catch (err) {
        problem = `cannot decode: ${err instanceof Error ? err.message : String(err)}`;
      }
    } else problem ??= 'no audio and no speech';
    return { cue, buffer, problem, lengthMs: ATTENTION_TONE_MS + (buffer ? buffer.duration * 1000 : 0) };
  }

  /** Keep the decoded audio of these URLs only. */
  keepOnly(urls: Set<string>): void {
    this.cache.keepOnly(urls);
  }

  air(b: PreparedBulletin, atHost: number): AiredBulletin {
    this.tone ??= this.spots.tone(ATTENTION_TONE_MS);
    const parts: ScheduledSpot[] = [this.spots.play(this.tone, atHost, 1)];
    // The content at the station's loudness, as a session's files; the tone at its own level.
    const gain = dbToGain(chooseAirGain({ gainDb: b.cue.gainDb ?? null, loudness: b.cue.loudness ?? null }, b.cue.targetLufs).db);
    if (b.buffer) parts.push(this.spots.play(b.buffer, atHost + ATTENTION_TONE_MS, gain));
    const last = parts[parts.length - 1]!;
    let stopped = false;
    return {
      start: atHost,
      end: atHost + b.lengthMs,
      actualStart: () => parts[0]!.actualStart(),
      onEnded: (fn) => last.onEnded(() => {
        if (!stopped) fn();
      }),
      stop: () => {
        stopped = true;
        for (const p of parts) p.stop();
      },
    };
  }
}
