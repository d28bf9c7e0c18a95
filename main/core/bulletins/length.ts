// How long a bulletin holds the air: the attention tone, then its audio — or, for a text-only
// bulletin, its text spoken. The speech is only rendered by the host when it airs, so `check` and
// `timeline` estimate it from the words (numbers, times and dates counted as the words they are
// read as). Pure.
import type { Bulletin, Millis } from '../model.js';
import { speakableVietnamese } from '../speech/vietnamese-numbers.js';

/** The attention tone aired before every bulletin on the radio. */
export const ATTENTION_TONE_MS: Millis = 3000;

/** espeak-ng's default rate (words a minute); a Vietnamese word is one syllable. */
const WORDS_PER_MINUTE = 175;

/** Roughly how long the text takes to say. */
export function estimateSpeechMs(text: string): Millis {
  const words = speakableVietnamese(text.normalize('NFC')).split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return Math.round((words * 60_000) / WORDS_PER_MINUTE);
}

export interface AirLength {
  /** Tone and bulletin together. */
  ms: Millis;
  /** The part after the tone: the audio's length, or the estimated speech. */
  contentMs: Millis;
  /** true: from the text (an estimate); false: the audio file's measured length. */
  estimated: boolean;
}

/** The bulletin's time on air, or null when its audio's length is unknown. */
export function airLength(b: Pick<Bulletin, 'audio' | 'text'>): AirLength | null {
  if (b.audio) {
    if (b.audio.durationMs === null) return null;
    return { ms: ATTENTION_TONE_MS + b.audio.durationMs, contentMs: b.audio.durationMs, estimated: false };
  }
  const contentMs = b.text ? estimateSpeechMs(b.text) : 0;
  return { ms: ATTENTION_TONE_MS + contentMs, contentMs, estimated: true };
}
