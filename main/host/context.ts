// What the host gives each on-air part (screens, radio): the station in force, the clock,
// the log, the proof-of-play writer. Parts plug into the one HTTP server as Fastify plugins.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Clock } from '../core/clock.js';
import type { Instant, Station, Target } from '../core/model.js';
import type { Schedule } from '../core/schedule-api.js';
import type { HostHealth } from './health.js';

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

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
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
  /** Timer functions (injected so tests can run fast; default: the global ones). */
  timers?: Timers;
  /** What the host cannot do right now while it plays (a log it cannot write, …). */
  health: HostHealth;
  /** Called after a new valid station went on air, or when the wall clock jumped. */
  onChange(listener: (why: 'station' | 'clock-jump') => void): () => void;
}

/** A page a part serves, as `bantin start --headless` lists it: `<label> <url>`, e.g.
 *  `screen lobby http://…` or `radio http://…`. */
export interface PageLink {
  /** `screen <id>` or `radio`. */
  label: string;
  url: string;
  /** Screens: the display index the kiosk window goes on. */
  display?: number;
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
