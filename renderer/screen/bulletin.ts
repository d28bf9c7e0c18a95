// The bulletins on a screen page: from the program's list (bulletins on air or coming within the
// look-ahead), which is on air at each instant of the host clock — an emergency full screen over
// everything, or the band across the bottom (main/core/bulletins/screens.ts has the rules the
// timeline uses too). It switches at each start and end itself, so a bulletin goes on and off at
// its instant, and a new program (a hot reload: added, ended, deleted) is obeyed at once.
// While an emergency is on, the player holds: nothing plays beneath it (no sound over the
// warning, no item credited in the proof of play that nobody saw), and when it ends the
// segment then on air starts again from its first item.
import { bandAt, emergencyOnTop, nextBulletinEdge } from '../../main/core/bulletins/screens.js';
import type { ScreenBulletin } from '../../main/core/contract/screen.js';
import type { TimerHandle, Timers } from '../../main/core/clock.js';
import type { EmergencyView, Stage } from './stage.js';

export type BulletinEnd = 'until' | 'removed' | 'covered';

export interface BulletinDeps {
  stage: Pick<Stage, 'showEmergency' | 'showBand'>;
  timers: Timers;
  /** The host clock. */
  hostNow: () => number;
  /** A bulletin went on the screen or off it (proof of play). */
  report: (event: 'shown' | 'ended', b: ScreenBulletin, reason?: BulletinEnd) => void;
  /** Hold the player (an emergency is on) or let it play again. */
  hold: (on: boolean) => void;
}

/** Re-check at least this often (a bulletin far ahead, a clock that was stepped). */
const MAX_SLEEP_MS = 60_000;
/** How near its `until` a bulletin that left the program counts as ended on time. */
const ON_TIME_MS = 500;

/** `18:00 13/08`: the end in the station's zone, as a Vietnamese notice writes it. */
function untilText(until: number | null, timezone: string | undefined): string | null {
  if (until === null) return null;
  const opts: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', hourCycle: 'h23' };
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-GB', { ...opts, timeZone: timezone });
  } catch {
    fmt = new Intl.DateTimeFormat('en-GB', opts);
  }
  const part = Object.fromEntries(fmt.formatToParts(until).map((p) => [p.type, p.value]));
  return `${part['hour']}:${part['minute']} ${part['day']}/${part['month']}`;
}

export class BulletinScreen {
  private list: ScreenBulletin[] = [];
  private timezone: string | undefined;
  /** On the screen now, by file. */
  private shown = new Map<string, ScreenBulletin>();
  private held = false;
  private timer: TimerHandle | null = null;

  constructor(private readonly deps: BulletinDeps) {}

  /** A program arrived: its bulletins (none when absent) and the station's zone. */
  apply(list: readonly ScreenBulletin[] | undefined, timezone: string): void {
    this.list = [...(list ?? [])];
    this.timezone = timezone;
    this.update();
  }

  /** What is on the screen (tests, benches). */
  state() {
    const emergency = [...this.shown.values()].find((b) => b.level === 'emergency') ?? null;
    return { emergency: emergency?.file ?? null, band: [...this.shown.values()].filter((b) => b.level !== 'emergency').map((b) => b.file) };
  }

  private update(): void {
    const { stage, timers, hostNow, report } = this.deps;
    const now = hostNow();
    const top = emergencyOnTop(this.list, now);
    // Under an emergency the band is covered: it is not on the screen, and not credited.
    const band = top ? [] : bandAt(this.list, now);
    const next = new Map([...(top ? [top] : []), ...band].map((b) => [b.file, b]));
    for (const [file, b] of this.shown) {
      if (next.has(file)) continue;
      const cur = this.list.find((x) => x.file === file);
      // The host drops a bulletin from the program at its end: gone within a moment of its
      // `until` (the two clocks agree to a few ms) is an end on time, not a deletion.
      const last = cur ?? b;
      const reason: BulletinEnd = last.until !== null && last.until <= now + ON_TIME_MS ? 'until' : cur ? 'covered' : 'removed';
      report('ended', cur ?? b, reason);
    }
    for (const [file, b] of next) if (!this.shown.has(file)) report('shown', b);
    this.shown = next;

    const view: EmergencyView | null = top
      ? { file: top.file, title: top.title, text: top.text ?? '', until: untilText(top.until, this.timezone) }
      : null;
    stage.showEmergency(view);
    stage.showBand(band.map((b) => ({ file: b.file, level: b.level, text: b.text ?? b.title })));
    if (this.held !== (top !== null)) {
      this.held = top !== null;
      this.deps.hold(this.held);
    }

    if (this.timer !== null) timers.clearTimeout(this.timer);
    const edge = nextBulletinEdge(this.list, now);
    this.timer = timers.setTimeout(() => {
      this.timer = null;
      this.update();
    }, Math.max(0, Math.min(edge - now, MAX_SLEEP_MS)));
  }
}
