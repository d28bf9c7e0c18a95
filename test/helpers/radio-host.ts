// Radio e2e/bench helpers: hand-built stations with broadcast sessions at explicit instants, a
// stand-in planner that times them the way the design says (open from the start, close
// back-timed to the end, transmitter lead/tail), a real host (startHost) and the proof-of-play lines.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Clock } from '../../main/core/clock.js';
import type { AssetRef, BroadcastSession, Instant, RadioConfig, SessionOccurrence, Station } from '../../main/core/model.js';
import type { Schedule } from '../../main/core/schedule-api.js';
import { logsDir } from '../../main/host/data-dir.js';
import { silentLogger } from '../../main/host/logger.js';
import { proofOfPlayLines, type LoggedLine } from './proof-of-play.js';
import { startHost, type Host, type StartHostOptions } from '../../main/host/server.js';
import type { SteppedClock } from './clock.js';
import { makeAudio, type Quiet } from './media.js';

export function tempDir(prefix = 'bantin-radio-'): string {
  const base = join(process.cwd(), 'test', '.tmp');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, prefix));
}

export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A WAV of exactly `seconds` under `dir/assets/<rel>` (rel may hold any Unicode form). */
export function audio(dir: string, rel: string, seconds: number, frequency = 440, quiet: Quiet = {}): AssetRef {
  makeAudio(join(dir, 'assets', rel), seconds, frequency, quiet);
  return { src: rel, file: rel, durationMs: Math.round(seconds * 1000) };
}

/** A file that exists but is not audio. */
export function corrupt(dir: string, rel: string): AssetRef {
  const abs = join(dir, 'assets', rel);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, 'RIFF....WAVEnot really audio'.repeat(20));
  return { src: rel, file: rel, durationMs: null };
}

export const missing = (rel: string): AssetRef => ({ src: rel, file: null, durationMs: null });

export function session(file: string, parts: Pick<BroadcastSession, 'open' | 'body' | 'close'>, extra: Partial<BroadcastSession> = {}): BroadcastSession {
  return { kind: 'broadcast', file, name: file.replace(/^playlists\//, ''), priority: 0, valid: null, when: [{ cron: '* * * * * *', durationMs: 1000 }], ...parts, ...extra };
}

export function radioStation(sessions: BroadcastSession[], radio: Partial<RadioConfig> = {}): Station {
  return {
    name: 'Đài truyền thanh xã Tân Thanh', timezone: 'Asia/Ho_Chi_Minh', screens: [{ id: 'main', display: 0, rotate: 0 }],
    radio: { output: 'default', transmitter: null, loudnessLufs: -16, tts: { command: ['espeak-ng', '-v', 'vi', '--stdout'] }, ...radio },
    lan: false, playlists: [], sessions, bulletins: [],
  };
}

export interface Span {
  file: string;
  start: Instant;
  end: Instant;
}

/** Time an occurrence the way the planner does (probed lengths, unknown = 0). */
export function occurrence(st: Station, span: Span): SessionOccurrence {
  const s = st.sessions.find((x) => x.file === span.file);
  if (!s) throw new Error(`no session ${span.file}`);
  const len = (refs: AssetRef[]) => refs.reduce((a, r) => a + (r.durationMs ?? 0), 0);
  const tx = st.radio?.transmitter ?? null;
  return {
    session: s, start: span.start, end: span.end,
    openEnd: span.start + len(s.open), closeStart: span.end - len(s.close),
    transmitterOn: tx ? span.start - tx.leadMs : null, transmitterOff: tx ? span.end + tx.tailMs : null,
  };
}

export function radioSchedule(st: Station, spans: Span[]): Schedule {
  const occ = spans.map((sp) => occurrence(st, sp)).sort((a, b) => a.start - b.start);
  return {
    timeline: () => [],
    screenAt: (_id, at) => ({ playlist: null, since: 0, until: Math.max(at + 3600_000, Infinity) }),
    sessionsBetween: (from, to) => occ.filter((o) => (o.transmitterOn ?? o.start) < to && (o.transmitterOff ?? o.end) > from),
  };
}

export interface RadioHost {
  host: Host;
  dir: string;
  data: string;
  /** The radio's proof-of-play lines so far. */
  proofOfPlay(): Promise<LoggedLine[]>;
  set(st: Station, spans: Span[]): Promise<void>;
  close(): Promise<void>;
}

export async function radioHost(dir: string, st: Station, spans: Span[], extra: Partial<StartHostOptions> & { clock?: Clock } = {}): Promise<RadioHost> {
  let cur = { st, spans };
  const data = join(dir, 'data');
  const host = await startHost({
    stationDir: dir,
    dataDir: data,
    log: silentLogger(),
    watch: false,
    load: async () => ({ station: cur.st, diagnostics: [] }),
    compile: (s) => radioSchedule(s, cur.spans),
    ...extra,
  });
  return {
    host, dir, data,
    async proofOfPlay() {
      const all = await proofOfPlayLines(logsDir(data));
      return all.filter((e) => e.target === 'radio');
    },
    async set(next, spans) {
      cur = { st: next, spans };
      await host.reload();
    },
    close: () => host.close(),
  };
}

export async function openRadio(browser: Browser, host: Host): Promise<Page> {
  const link = host.pages().find((p) => p.kind === 'radio');
  if (!link) throw new Error('the host lists no radio page');
  const page = await browser.newPage();
  await page.goto(link.url);
  return page;
}

/** Poll `fn` until it returns truthy or `ms` passes. */
export async function until<T>(fn: () => Promise<T> | T, ms: number, every = 100): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await sleep(every);
  }
}

export function find(events: LoggedLine[], f: Partial<Record<string, unknown>>): LoggedLine | undefined {
  return events.find((e) => Object.entries(f).every(([k, v]) => e[k] === v));
}

/** What the page's output level monitor heard (the host must ask for it: `radioPart({ monitor:
 *  true })`): where sound began after silence (`on`), where it stopped (`off`) with its peak
 *  level, in host-clock ms. This is what the air carried, not what the page meant to play. */
export interface Heard {
  on: number[];
  off: number[];
  peaks: number[];
}

export async function heard(page: Page): Promise<Heard> {
  const edges = await page.evaluate('window.bantinRadio.edges()') as Heard | null;
  if (!edges) throw new Error('the radio page ran no output monitor (radioPart({ monitor: true }))');
  return edges;
}

/** How far the heard edge nearest `at` is from it (ms); Infinity when nothing was heard. */
export function missBy(edges: number[], at: number): number {
  return Math.min(Infinity, ...edges.map((t) => Math.abs(t - at)));
}

/** Once the radio page has synchronised with the host, step the host clock to `to` (see
 *  test/helpers/clock.ts) and wait until the page has re-synchronised to the new time. */
export async function stepWhenSynced(page: Page, clock: SteppedClock, to: Instant): Promise<void> {
  await until(async () => (await page.evaluate('window.bantinRadio?.state().synced ?? false') as boolean), 10_000);
  clock.set(to);
  await until(async () => {
    const st = await page.evaluate('window.bantinRadio.state()') as { synced: boolean; offsetMs: number };
    return st.synced && Math.abs(st.offsetMs - (clock.now() - Date.now())) < 100;
  }, 10_000);
}
