// What the host gives each on-air part (screens, radio): the station in force, the clock,
// the log, the proof-of-play writer. Parts plug into the one HTTP server as Fastify plugins.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Clock } from '../core/clock.js';
import type { Instant, Station, Target } from '../core/model.js';
import type { Schedule } from '../core/schedule-api.js';

/** One line of the proof-of-play / as-run log. `ts` is when it happened (epoch ms). */
export interface PlayEvent {
  ts: Instant;
  target: Target;
  event: string;
  [field: string]: unknown;
}

export interface ProofOfPlaySink {
  append(event: PlayEvent): void;
}

/** The last good station and its compiled schedule. */
export interface OnAirState {
  station: Station;
  schedule: Schedule;
}

export interface HostContext {
  stationDir: string;
  /** Per-start secret; pages present it to receive cues and post play events. */
  token: string;
  clock: Clock;
  log: Logger;
  proofOfPlay: ProofOfPlaySink;
  current(): OnAirState;
  /** Called after a new valid station went on air, or when the wall clock jumped. */
  onChange(listener: (why: 'station' | 'clock-jump') => void): () => void;
}

export interface OnAirPart {
  name: string;
  register(app: FastifyInstance, ctx: HostContext): Promise<void>;
  stop(): Promise<void>;
}
