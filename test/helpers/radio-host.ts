// Radio e2e/bench helpers: hand-built stations with broadcast sessions at explicit instants, a
// stand-in planner that times them the way the design says (open from the start, close
// back-timed to the end, transmitter lead/tail), a real host (startHost) and the proof-of-play lines.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Clock } from '../../main/core/clock.js';
import type { AssetRef, BroadcastSession, Instant, RadioConfig, SessionOccurrence, Station } from '../../main/core/model.js';
import type { Schedule } from '../../main/core/schedule-api.js';
import { logsDir } from '../../main/host/data-dir.js';
import { proofOfPlayLines, type LoggedLine } from './proof-of-play.js';
import type { Host, StartHostOptions } from '../../main/host/server.js';
import { stubHost, type StubHost } from './stub-host.js';
import { tempDir as makeTempDir, until as pollUntil } from './temp.js';
import { steppedClock, type SteppedClock } from './clock.js';
import { createRadioPart } from '../../main/host/parts/radio/part.js';
import { makeAudio, type Quiet } from './media.js';

export { removeDir, sleep } from './temp.js';
export const tempDir = (prefix = 'bantin-radio-') => makeTempDir(prefix);

/** A WAV of exactly `seconds` under `dir/assets/<rel>` (rel may hold any Unicode form). */
export function audio(dir: string, rel: string, seconds: number, frequency = 440, quiet: Quiet = {}, amplitude?: number): AssetRef {
  makeAudio(join(dir, 'assets', rel), seconds, frequency, quiet, amplitude);
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

export interface RadioHost extends StubHost<Span[]> {
  /** The radio's proof-of-play lines so far. */
  proofOfPlay(): Promise<LoggedLine[]>;
}

export async function radioHost(dir: string, st: Station, spans: Span[], extra: Partial<StartHostOptions> & { clock?: Clock } = {}): Promise<RadioHost> {
  const h = await stubHost(dir, st, spans, radioSchedule, extra);
  return {
    ...h,
    async proofOfPlay() {
      const all = await proofOfPlayLines(logsDir(h.data));
      return all.filter((e) => e.target === 'radio');
    },
  };
}

export async function openRadio(browser: Browser, host: Host): Promise<Page> {
  const link = host.pages().find((p) => p.kind === 'radio');
  if (!link) throw new Error('the host lists no radio page');
  const page = await browser.newPage();
  await page.goto(link.url);
  return page;
}

/** A radio host with the output monitor, on a host clock a minute before `span`; its page open
 *  and synchronised, then the clock stepped to `stepTo` (just before what the test watches).
 *  The caller closes `rh`. */
export async function onAir(
  browser: Browser, dir: string, st: Station, span: Span, stepTo: Instant, extra: Partial<StartHostOptions> = {},
): Promise<{ rh: RadioHost; page: Page; clock: SteppedClock }> {
  const clock = steppedClock(span.start - 60_000);
  const rh = await radioHost(dir, st, [span], { parts: [createRadioPart({ monitor: true })], clock, ...extra });
  try {
    const page = await openRadio(browser, rh.host);
    await stepWhenSynced(page, clock, stepTo);
    return { rh, page, clock };
  } catch (e) {
    await rh.close();
    throw e;
  }
}

/** Poll `fn` until it returns truthy or `ms` passes (every 100 ms: a radio page is slower to ask). */
export const until = <T>(fn: () => Promise<T> | T, ms: number, every = 100): Promise<T> => pollUntil(fn, ms, every);

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
