// What the host gives each on-air part (screens, radio): the station in force, the clock,
// the log, the proof-of-play writer. Parts plug into the one HTTP server as Fastify plugins.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Clock, Timers } from '../core/clock.js';
import type { PageLink } from '../core/contract/pages.js';
import type { ProofOfPlayLine } from '../core/contract/proof-of-play.js';
import type { Station } from '../core/model.js';
import type { Schedule } from '../core/schedule-api.js';
import type { HostHealth } from './health.js';

export interface ProofOfPlaySink {
  append(line: ProofOfPlayLine): void;
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
  /** Timer functions (injected with the clock so tests can run fast). */
  timers: Timers;
  /** What the host cannot do right now while it plays (a log it cannot write, …). */
  health: HostHealth;
  /** Called after a new valid station went on air, or when the wall clock jumped. */
  onChange(listener: (why: 'station' | 'clock-jump') => void): () => void;
  /** Called when the station's files settled after a change, whether or not it changed what is
   *  on air (a poster replaced under the same name is the same station). */
  onFilesChanged(listener: () => void): () => void;
}

export interface OnAirPart {
  name: string;
  /** Routes and sockets only: nothing goes on air here (the server is not listening yet, and
   *  the start may still fail — another player on the port or on the station). */
  register(app: FastifyInstance, ctx: HostContext): Promise<void>;
  /** Go on air (plans, timers, transmitter): called once the server listens and the station
   *  lock is held. */
  start?(): Promise<void>;
  stop(): Promise<void>;
  /** The pages this part serves, given the server's base URL (`http://127.0.0.1:port`) and the
   *  token; `bantin start` prints them (headless) or opens a window for each. */
  pages?(baseUrl: string, token: string): PageLink[];
}
