// What the radio engine needs of the audio side, kept free of DOM types so the engine runs in
// unit tests on fakes: spots decoded and started on the audio clock at a host instant
// (web-audio.ts), body files streamed (howl-body.ts).
import type { BodyDuck } from './body-duck.js';

/** A decoded spot (an AudioBuffer has this). */
export interface SpotBuffer {
  /** Seconds. */
  readonly duration: number;
}

/** A spot handed to the audio clock. */
export interface ScheduledSpot {
  /** When it starts and ends being heard (host ms), read from the audio clock when asked. */
  actualStart(): number;
  actualEnd(): number;
  /** Once it has played out (not after `stop`). */
  onEnded(fn: () => void): void;
  stop(): void;
}

export interface SpotAudio {
  /** Fetch and decode a spot. */
  decode(url: string): Promise<SpotBuffer>;
  /** Start `buffer` so that it is heard from host instant `atHost` — a hair late, starting
   *  into the file so that it still ends on time — at linear `gain`. */
  play(buffer: SpotBuffer, atHost: number, gain: number): ScheduledSpot;
  /** The attention tone aired before a bulletin, generated (no file), `ms` long. */
  tone(ms: number): SpotBuffer;
}

/** A span the program (every session's spots) is silent for a bulletin: faded out over `fadeMs`
 *  from `at`, back at `end` (host ms). The body, an HTML element, is ducked on its own. */
export interface Silence {
  at: number;
  end: number;
  /** The emergency that holds the air (its path). */
  bulletin?: string;
}

export interface ProgramFader {
  /** Replace the silences (an emergency came, or ended early). */
  set(silences: readonly Silence[], fadeMs: number): void;
}

/** One body file, loaded and ready to stream. */
export interface BodySound {
  /** Play from its start, or from `offsetMs` into it (plus however long starting takes). */
  play(offsetMs: number): void;
  /** Seconds played, or null when unknown. */
  position(): number | null;
  /** Seconds, 0 when unknown. */
  duration(): number;
  /** Fade to silence over `ms`. */
  fadeOut(ms: number): void;
  /** Silent under these emergencies (it keeps playing, so it rejoins at the right offset): the
   *  whole plan, host instants carried out on the audio clock, replacing the one handed before. */
  duck(ducks: readonly BodyDuck[]): void;
  /** Move to `offsetMs` into the file (where the plan is after a bulletin). */
  seek(offsetMs: number): void;
  stop(): void;
  unload(): void;
  onceEnd(fn: () => void): void;
  oncePlayError(fn: (err: unknown) => void): void;
}

export interface BodyMedia {
  load(url: string, gainDb: number | null, loaded: (sound: BodySound) => void, failed: (err: unknown) => void): void;
}

export const dbToGain = (db: number | null): number => (db === null ? 1 : Math.pow(10, db / 20));
