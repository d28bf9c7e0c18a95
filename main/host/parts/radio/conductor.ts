// The radio's conductor: the plan of upcoming session occurrences (each file probed for length
// and ReplayGain, with a media URL), sent to the radio pages — one page on air, the others
// standing by — re-planned on station change, clock jump and periodically; the transmitter
// timers; and the sessions no page reported, flagged once they are over.
import { join } from 'node:path';
import type { WebSocket } from 'ws';
import { RADIO_PROTOCOL, type HostToRadio, type RadioCueBulletin, type RadioCueItem, type RadioCueSession, type RadioPlan } from '../../../core/contract/radio.js';
import { DEFAULT_TARGET_LUFS } from '../../../core/loudness.js';
import type { AssetRef, Instant, SessionOccurrence, Station } from '../../../core/model.js';
import type { HostContext } from '../../context.js';
import { mediaBase, mediaUrl } from '../../media.js';
import { loudnessQueue } from '../../loudness-queue.js';
import { airLevel, probeMedia, type MediaFacts } from '../../media-probe.js';
import { isOnDemandSession, MAX_SPOT_MS, planSpot, spotOccurrence, type AirClaim, type SpotPlan } from '../../../core/on-demand-spot.js';
import { TransmitterScheduler, type OnAirWindow, type SwitchRecord } from './transmitter.js';
import { emergencyInterrupts, insertedFor, RadioBulletins, sessionEndWith } from './bulletins.js';
import { ReportFilter, sessionId, sessionMissedLine, transmitterLine } from './proof-of-play.js';

/** The most an emergency airing's `off` waits for a page that began it late. */
const MAX_AIRING_LAG_MS = 30_000;

/** The sessions name of a transmitter test's window (it serves no session). */
const TEST_WINDOW = 'transmitter test';

/** An on-demand spot the plan holds until it has aired (core/on-demand-spot.ts). */
export interface OnDemandSpot {
  occurrence: SessionOccurrence;
  /** Its one-item session as sent to the pages: built once, so a refresh never rebuilds it. */
  cue: RadioCueSession;
}

export type SpotResult = { ok: true; spot: OnDemandSpot } | { ok: false; why: Extract<SpotPlan, { ok: false }>['why'] | 'unreadable' | 'no-page' };

export interface RadioConductorOptions {
  /** Measure the files' loudness in the background (off: ReplayGain only, tests of it). */
  measure: boolean;
  horizonMs: number;
  refreshMs: number;
  fadeMs: number;
  graceMs: number;
  monitor: boolean;
  switchTimeoutMs?: number;
  /** Where the bulletins' rendered speech is cached. */
  speechDir: string;
}

export class RadioConductor {
  private readonly sockets = new Set<WebSocket>();
  /** The page on air; the others stand by until it goes away. */
  private active: WebSocket | null = null;
  private plan: RadioPlan | null = null;
  private planOccurrences: SessionOccurrence[] = [];
  private scheduler: TransmitterScheduler | null = null;
  private schedulerConfig = '';
  private refreshTimer: unknown = null;
  private refreshing: Promise<void> = Promise.resolve();
  private stopped = false;
  /** Nothing is planned (no transmitter armed) before the host listens and holds the station. */
  private onAir = false;
  private readonly flagged = new Set<string>();
  readonly reports = new ReportFilter();
  private readonly media: string;
  /** As last switched successfully. */
  private transmitterState: 'on' | 'off' = 'off';
  /** The windows the plan switches the transmitter for, and the operator's tests. */
  private plannedWindows: OnAirWindow[] = [];
  private tests: OnAirWindow[] = [];
  /** The on-demand spot pending or on air (one at a time), and the ones over but not yet judged
   *  aired (a page must report them, as it must a session). */
  private spot: OnDemandSpot | null = null;
  /** How much later than the host reckoned the page began each emergency airing (by
   *  `file@at`): the plan's trip to the page and the audio's fetch and decode, a second or more
   *  on a loaded machine. The airing's `off` moves by as much, so the lag never cuts its end. */
  private readonly airingLag = new Map<string, { at: number; lagMs: number }>();
  /** What the transmitter was last armed with (re-planned when a page reports a lag). */
  private lastArm: { occ: SessionOccurrence[]; bulletins: RadioCueBulletin[]; horizon: number; tailMs: number } | null = null;
  private spotsToJudge: OnDemandSpot[] = [];
  private readonly bulletins: RadioBulletins;
  /** Files of the plan on air, for re-planning when one of them is measured. */
  private planFiles = new Set<string>();
  private remeasureTimer: unknown = null;
  private readonly unsubscribeMeasured: () => void;

  constructor(private readonly ctx: HostContext, private readonly opts: RadioConductorOptions) {
    this.media = mediaBase(ctx.token);
    this.bulletins = new RadioBulletins(ctx, this.media, opts.speechDir, opts.measure);
    // A measurement the page should have: re-plan, at most every 2 s while a burst of them lands
    // (a commune's hundreds of files after an upgrade). A session already on air keeps the gains
    // it started with (the page does not rebuild a session on air for a refresh).
    this.unsubscribeMeasured = loudnessQueue.onMeasured((file) => {
      if (!this.planFiles.has(file) || this.remeasureTimer !== null || this.stopped) return;
      this.remeasureTimer = ctx.timers.setTimeout(() => {
        this.remeasureTimer = null;
        void this.refresh('refresh');
      }, 2000);
    });
  }

  /** The transmitter as last switched (off until the first switch; a failed switch changes nothing). */
  transmitter(): 'on' | 'off' {
    return this.transmitterState;
  }

  connections(): number {
    return this.sockets.size;
  }

  send(socket: WebSocket, msg: HostToRadio): void {
    if (socket.readyState === 1) socket.send(JSON.stringify(msg));
  }

  /** To every radio page (the volume). */
  sendAll(msg: HostToRadio): void {
    for (const s of this.sockets) this.send(s, msg);
  }

  private sendPlan(socket: WebSocket, reason: RadioPlan['reason']): void {
    if (this.plan) this.send(socket, { ...this.plan, reason, active: socket === this.active });
  }

  /** A page said hello: it goes on air unless one already is. Returns whether it is on air. */
  add(socket: WebSocket): boolean {
    this.sockets.add(socket);
    if (!this.active || !this.sockets.has(this.active)) this.active = socket;
    if (this.plan) this.sendPlan(socket, 'hello');
    else void this.refresh('hello');
    return this.active === socket;
  }

  remove(socket: WebSocket): void {
    if (!this.sockets.delete(socket) || this.active !== socket) return;
    // Keep one page on air: the latest to connect takes over.
    const latest = [...this.sockets].pop() ?? null;
    this.active = latest;
    if (latest) {
      this.ctx.log.info('radio page on air / trang radio đang phát');
      this.sendPlan(latest, this.plan?.reason === 'clock-jump' ? 'clock-jump' : 'refresh');
    }
  }

  private cueItem(ref: AssetRef, facts: Map<string, MediaFacts | null>): RadioCueItem {
    const found = ref.file === null ? null : facts.get(this.abs(ref.file)) ?? null;
    if (ref.file === null || !found) return { src: ref.src, url: null, durationMs: null, gainDb: null, problem: 'missing file' };
    const { gainDb, loudness } = airLevel(found);
    return { src: ref.src, url: mediaUrl(this.media, ref.file), durationMs: ref.durationMs ?? found.durationMs, gainDb, problem: null, loudness };
  }

  private abs(file: string): string {
    return join(this.ctx.stationDir, 'assets', ...file.split('/'));
  }

  private async cueSessions(occ: SessionOccurrence[], station: Station): Promise<RadioCueSession[]> {
    const refs = occ.flatMap((o) => [...o.session.open, ...(o.session.body === 'live' ? [] : o.session.body), ...o.session.close]);
    const files = refs.filter((r) => r.file !== null).map((r) => this.abs(r.file!));
    const facts = await probeMedia(files);
    this.planFiles = new Set(files);
    if (this.opts.measure) {
      // In the background: the plan goes out now, a measurement re-plans when it lands. The
      // bulletins' audio too, so an emergency airs at the target from its first play.
      const bulletinAudio = station.bulletins.flatMap((b) => (b.audio?.file ? [this.abs(b.audio.file)] : []));
      loudnessQueue.request([...files.filter((f) => facts.get(f)?.loudnessLufs === null), ...bulletinAudio]);
    }
    return occ.map((o) => this.cueOf(o, station, facts));
  }

  private cueOf(o: SessionOccurrence, station: Station, facts: Map<string, MediaFacts | null>): RadioCueSession {
    const items = (list: AssetRef[]) => list.map((r) => this.cueItem(r, facts));
    // An on-demand spot is the one file: bulletins wait for the next session.
    const bulletins = isOnDemandSession(sessionId(o)) ? [] : insertedFor(o, station.bulletins);
    return {
      id: sessionId(o), playlist: o.session.file, name: o.session.name,
      start: o.start, end: o.end, openEnd: o.openEnd, closeStart: o.closeStart,
      open: items(o.session.open),
      body: o.session.body === 'live' ? 'live' as const : items(o.session.body),
      close: items(o.session.close),
      fadeMs: this.opts.fadeMs,
      ...(bulletins.length > 0 ? { bulletins } : {}),
      targetLufs: station.radio?.loudnessLufs ?? DEFAULT_TARGET_LUFS,
    };
  }

  private armTransmitter(station: Station, occ: SessionOccurrence[], bulletins: RadioCueBulletin[], horizon: number): void {
    const tx = station.radio?.transmitter ?? null;
    const config = tx ? JSON.stringify(tx) : '';
    if (config !== this.schedulerConfig) {
      void this.scheduler?.stop({ switchOff: true, reason: 'transmitter settings changed' });
      this.scheduler = null;
      this.schedulerConfig = config;
      if (tx) {
        const timeout = this.opts.switchTimeoutMs ? { timeoutMs: this.opts.switchTimeoutMs } : {};
        this.scheduler = new TransmitterScheduler({
          transmitter: tx, clock: this.ctx.clock, timers: this.ctx.timers,
          switchOptions: { cwd: this.ctx.stationDir, ...timeout },
          onResult: (r) => this.logSwitch(r),
        });
      }
    }
    this.lastArm = { occ, bulletins, horizon, tailMs: tx?.tailMs ?? 0 };
    this.planWindows();
  }

  /** The plan's windows from the last arming, each emergency airing as long as the page made it. */
  private planWindows(): void {
    if (!this.lastArm) return;
    const { occ, bulletins, horizon, tailMs } = this.lastArm;
    // Emergencies: on at once (no lead), off `tail` after; a session whose close one cut runs
    // over by as much, and its `off` moves with it. An airing the page began late ends as late.
    const interrupts = emergencyInterrupts(bulletins, horizon).map((i) => ({ ...i, lengthMs: i.lengthMs + this.lagOf(i.bulletin, i.at) }));
    this.plannedWindows = [
      ...occ
        .filter((o) => o.transmitterOn !== null && o.transmitterOff !== null)
        .map((o) => ({ on: o.transmitterOn!, off: o.transmitterOff! + sessionEndWith(o, interrupts) - o.end, sessions: [sessionId(o)] })),
      ...interrupts.map((i) => ({ on: i.at, off: i.at + i.lengthMs + tailMs, sessions: [i.bulletin] })),
    ];
    this.planSwitches();
  }

  private lagOf(bulletin: string, at: number): number {
    return this.airingLag.get(`${bulletin}@${at}`)?.lagMs ?? 0;
  }

  /**
   * The page began an emergency airing (`bulletin-aired`/`-repeated`): if later than planned,
   * its window's `off` moves by the lag, and so does that of a session it ran into (at most
   * MAX_AIRING_LAG_MS, so a confused page cannot hold the amplifier on); the switches are re-planned.
   */
  bulletinAired(r: { bulletin: string; level: string; scheduledStart: number | null; actualStart: number | null }): void {
    if (r.level !== 'emergency' || r.scheduledStart === null || r.actualStart === null) return;
    const lagMs = Math.min(r.actualStart - r.scheduledStart, MAX_AIRING_LAG_MS);
    if (!(lagMs > 0)) return;
    const now = this.ctx.clock.now();
    for (const [k, v] of this.airingLag) if (v.at < now - 24 * 3600_000) this.airingLag.delete(k);
    this.airingLag.set(`${r.bulletin}@${r.scheduledStart}`, { at: r.scheduledStart, lagMs });
    this.planWindows();
  }

  /** The plan's windows and a transmitter test still to end, to the scheduler. */
  private planSwitches(): void {
    const now = this.ctx.clock.now();
    this.tests = this.tests.filter((w) => w.off > now);
    this.scheduler?.plan([...this.plannedWindows, ...this.tests, ...this.spotWindows()]);
  }

  private spotWindows(): OnAirWindow[] {
    const o = this.spot?.occurrence;
    return o && o.transmitterOn !== null && o.transmitterOff !== null && o.transmitterOff > this.ctx.clock.now()
      ? [{ on: o.transmitterOn, off: o.transmitterOff, sessions: [sessionId(o)] }] : [];
  }

  /** The on-demand spot pending or on air (its transmitter tail included), or null. */
  onDemandSpot(): OnDemandSpot | null {
    const s = this.spot;
    if (s && (s.occurrence.transmitterOff ?? s.occurrence.end) <= this.ctx.clock.now()) this.spot = null;
    return this.spot;
  }

  /** What needs the air from `now` on: the plan's sessions (lead and tail included), the
   *  emergencies in force, the on-demand spot, a transmitter test. */
  private airClaims(now: Instant): AirClaim[] {
    // The station as it is now, not the last plan (a session just deleted no longer claims it).
    const { station, schedule } = this.ctx.current();
    const spot = this.onDemandSpot();
    const sessions = station.radio ? schedule.sessionsBetween(now, now + MAX_SPOT_MS + 3600_000) : [];
    return [
      ...sessions.map((o) => ({ start: o.transmitterOn ?? o.start, end: Math.max(o.transmitterOff ?? o.end, o.end), what: 'session' as const })),
      ...station.bulletins.filter((b) => b.level === 'emergency' && (b.until === null || b.until > now))
        .map((b) => ({ start: b.from, end: b.until ?? Infinity, what: 'emergency' as const })),
      ...(spot ? [{ start: now, end: spot.occurrence.transmitterOff ?? spot.occurrence.end, what: 'spot' as const }] : []),
      ...this.tests.filter((w) => w.off > now).map((w) => ({ start: w.on, end: w.off, what: 'test' as const })),
    ];
  }

  /**
   * The operator's on-demand spot (`file` under assets/, already checked to be there): aired by
   * the page on air a few seconds from now as a one-item session added to the plan, the
   * transmitter switched around it through the same scheduler as the plan. Refused while a
   * session, an emergency, another spot or a transmitter test needs the air (planSpot), and
   * when no radio page is connected (nothing would air it).
   */
  async airSpot(ref: { src: string; file: string }): Promise<SpotResult> {
    const abs = this.abs(ref.file);
    const facts = await probeMedia([abs]);
    const found = facts.get(abs) ?? null;
    if (!found || found.durationMs === null || !(found.durationMs > 0)) return { ok: false, why: 'unreadable' };
    if (this.sockets.size === 0) return { ok: false, why: 'no-page' };
    // After the probe (it awaits): what has the air is judged and the spot taken in one step.
    const { station } = this.ctx.current();
    const now = this.ctx.clock.now();
    const tx = station.radio?.transmitter ?? null;
    const plan = planSpot({ now, durationMs: found.durationMs, leadMs: tx?.leadMs ?? null, tailMs: tx?.tailMs ?? null, claims: this.airClaims(now) });
    if (!plan.ok) return plan;
    const assetRef: AssetRef = { src: ref.src, file: ref.file, durationMs: found.durationMs };
    const occurrence = spotOccurrence(assetRef, plan);
    // No await between the judging and the taking: two requests at once cannot both pass.
    const spot: OnDemandSpot = { occurrence, cue: this.cueOf(occurrence, station, facts) };
    this.spot = spot;
    this.spotsToJudge.push(spot);
    this.planSwitches();
    if (this.opts.measure && found.loudnessLufs === null) loudnessQueue.request([abs]);
    await this.refresh('refresh');
    return { ok: true, spot };
  }

  /**
   * The operator's transmitter test from the console: on now, off `holdMs` later, through the
   * same scheduler as the plan (so the two never fight over the relay), each switch in the proof
   * of play with `test: true`. Refused while the transmitter is on or the plan needs it within
   * the test and a minute after — a test must never switch off a session's air.
   */
  testTransmitter(holdMs: number): { ok: true; on: number; off: number } | { ok: false; why: 'no-transmitter' | 'busy' } {
    if (!this.scheduler) return { ok: false, why: 'no-transmitter' };
    const now = this.ctx.clock.now();
    const until = now + holdMs;
    const clash = [...this.plannedWindows, ...this.tests, ...this.spotWindows()].some((w) => w.on < until + 60_000 && w.off > now);
    if (clash || this.transmitterState === 'on') return { ok: false, why: 'busy' };
    this.tests.push({ on: now, off: until, sessions: [TEST_WINDOW] });
    this.planSwitches();
    return { ok: true, on: now, off: until };
  }

  private logSwitch(r: SwitchRecord): void {
    const line = transmitterLine(r);
    this.ctx.proofOfPlay.append(r.sessions.includes(TEST_WINDOW) ? { ...line, test: true }
      : r.sessions.some(isOnDemandSession) ? { ...line, onDemand: true } : line);
    if (r.result.ok) this.transmitterState = r.which;
    const fields = { which: r.which, lateMs: r.fired - r.scheduled, action: r.result.target, attempts: r.result.attempts, code: r.result.code, error: r.result.error };
    if (r.result.ok) this.ctx.log.info(fields, `transmitter ${r.which} / đã ${r.which === 'on' ? 'bật' : 'tắt'} máy phát`);
    else this.ctx.log.error(fields, `transmitter ${r.which} FAILED — audio continues / ${r.which === 'on' ? 'bật' : 'tắt'} máy phát THẤT BẠI — vẫn tiếp tục phát`);
  }

  private flagUnreported(now: number): void {
    for (const o of this.planOccurrences) {
      const id = sessionId(o);
      if (o.end + this.opts.graceMs > now || this.reports.reported.has(id) || this.flagged.has(id)) continue;
      this.flagged.add(id);
      this.ctx.proofOfPlay.append(sessionMissedLine(o, now, this.sockets.size === 0 ? 'no radio page connected' : 'radio page reported nothing'));
      this.ctx.log.error({ session: id }, 'radio session not aired: no page reported it / buổi phát thanh không được phát: trang radio không báo cáo');
    }
    this.spotsToJudge = this.spotsToJudge.filter(({ occurrence: o }) => {
      if (o.end + this.opts.graceMs > now) return true;
      const id = sessionId(o);
      if (!this.reports.reported.has(id)) {
        this.ctx.proofOfPlay.append({ ...sessionMissedLine(o, now, this.sockets.size === 0 ? 'no radio page connected' : 'radio page reported nothing'), onDemand: true });
        this.ctx.log.error({ session: id, src: o.session.open[0]?.src }, 'on-demand spot not aired: no page reported it / spot phát ngay không được phát: trang radio không báo cáo');
      }
      return false;
    });
  }

  private async doRefresh(reason: RadioPlan['reason']): Promise<void> {
    const { ctx, opts } = this;
    if (this.stopped || !this.onAir) return;
    if (this.refreshTimer !== null) ctx.timers.clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    try {
      const { station, schedule } = ctx.current();
      const now = ctx.clock.now();
      const occ = station.radio ? schedule.sessionsBetween(now, now + opts.horizonMs) : [];
      const spot = this.onDemandSpot();
      const sessions = [...await this.cueSessions(occ.filter((o) => o.end > now), station), ...(spot && spot.cue.end > now ? [spot.cue] : [])]
        .sort((a, b) => a.start - b.start);
      const bulletins = station.radio ? await this.bulletins.cues(station, now, now + opts.horizonMs) : [];
      // A bulletin's audio or speech measured re-plans too (its next airing gets the gain).
      for (const f of this.bulletins.files) this.planFiles.add(f);
      if (this.stopped) return;
      this.flagUnreported(now);
      this.planOccurrences = occ;
      this.plan = {
        type: 'plan', protocol: RADIO_PROTOCOL, station: station.name, timezone: station.timezone, output: station.radio?.output ?? 'default',
        reason, sessions, monitor: opts.monitor, ...(bulletins.length > 0 ? { bulletins } : {}),
      };
      for (const s of this.sockets) this.sendPlan(s, reason);
      this.armTransmitter(station, occ.filter((o) => (o.transmitterOff ?? o.end) > now), bulletins, now + opts.horizonMs);
    } catch (err) {
      ctx.log.error({ err }, 'radio: planning failed / radio: lập kế hoạch thất bại');
    } finally {
      if (!this.stopped) {
        // Wake up for the next session end too, to flag sessions no page aired.
        const now = ctx.clock.now();
        const nextEnd = [...this.planOccurrences, ...this.spotsToJudge.map((x) => x.occurrence)]
          .map((o) => o.end + opts.graceMs).filter((t) => t > now).sort((a, b) => a - b)[0];
        const delay = Math.min(opts.refreshMs, nextEnd !== undefined ? nextEnd - now + 50 : opts.refreshMs);
        this.refreshTimer = ctx.timers.setTimeout(() => {
          this.refreshTimer = null;
          void this.refresh('refresh');
        }, Math.max(50, delay));
      }
    }
  }

  /** Go on air: the first plan, the transmitter timers. */
  start(): Promise<void> {
    this.onAir = true;
    return this.refresh('refresh');
  }

  /** Re-plan (one at a time, in order). */
  refresh(reason: RadioPlan['reason']): Promise<void> {
    this.refreshing = this.refreshing.then(() => this.doRefresh(reason));
    return this.refreshing;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribeMeasured();
    if (this.remeasureTimer !== null) this.ctx.timers.clearTimeout(this.remeasureTimer);
    if (this.refreshTimer !== null) this.ctx.timers.clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    await this.refreshing.catch(() => undefined);
    for (const s of this.sockets) s.close(1001, 'host stopping');
    this.sockets.clear();
    this.active = null;
    await this.scheduler?.stop({ switchOff: true, reason: 'host stopping' });
  }
}
