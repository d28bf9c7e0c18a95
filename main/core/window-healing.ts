// How a kiosk window answers failures in a row, as pure decisions (the Electron shell's screen
// windows, main/electron/screen-window.ts): the first failure of a row is healed at once, the next
// ones wait 1 s, 2 s, 4 s … up to a ceiling, and past `softwareAfter` in a row the shell goes to
// software rendering — which in Electron needs a relaunch (app.disableHardwareAcceleration() only
// works before `ready`). The same numbers as the Chromium shell's supervision (main/host/kiosk.ts
// DEFAULT_HEALING), so both shells heal alike.
import type { ScreenDownReason } from './contract/proof-of-play.js';

export interface HealingPolicy {
  /** A failure this long after the last one (or the start) begins a new row. */
  stableMs: number;
  /** After this many failures in a row, software rendering. */
  softwareAfter: number;
  /** The back-off ceiling. */
  maxDelayMs: number;
}

export const DEFAULT_WINDOW_HEALING: HealingPolicy = { stableMs: 10_000, softwareAfter: 3, maxDelayMs: 30_000 };

export interface HealingState {
  /** Failures in the current row. */
  failures: number;
  /** When the last failure (or the start) was. */
  lastAt: number;
}

export const healingStart = (now: number): HealingState => ({ failures: 0, lastAt: now });

/** What to do about a failure:
 *  - `reload` the page after `delayMs` (a crashed or hung renderer, a closed window, a failed load);
 *  - `wait`: Chromium heals it itself (it starts a new GPU process), only counted;
 *  - `software`: too many in a row while the GPU renders — relaunch without it (never for pages
 *    that do not load: software rendering would not make the host answer). */
export type HealingAction = { kind: 'reload'; delayMs: number } | { kind: 'wait' } | { kind: 'software' };

export function onWindowFailure(
  state: HealingState, now: number, reason: ScreenDownReason, software: boolean, policy: HealingPolicy = DEFAULT_WINDOW_HEALING,
): { state: HealingState; action: HealingAction } {
  const failures = now - state.lastAt >= policy.stableMs ? 1 : state.failures + 1;
  const next = { failures, lastAt: now };
  // A page that does not load is the host's or the network's doing, not the GPU's.
  if (!software && failures >= policy.softwareAfter && reason !== 'no-page') return { state: next, action: { kind: 'software' } };
  if (reason === 'gpu-crash') return { state: next, action: { kind: 'wait' } };
  const delayMs = failures <= 1 ? 0 : Math.min(1000 * 2 ** (failures - 2), policy.maxDelayMs);
  return { state: next, action: { kind: 'reload', delayMs } };
}

/** The command-line flag a relaunched shell gets to render without the GPU. */
export const SOFTWARE_FLAG = '--bantin-software';

/** The arguments to relaunch the shell with for software rendering (the flag once). */
export const softwareRelaunchArgs = (argv: readonly string[]): string[] => [...argv.filter((a) => a !== SOFTWARE_FLAG), SOFTWARE_FLAG];

/** Chromium's stderr line when its GPU process dies (it starts a new one itself). */
export const GPU_CRASH_LINE = /GPU process exited unexpectedly/;
/** Chromium's last words when a GPU crash is one too many for the browser: it aborts (Chromium
 *  156 on Mesa's software GL: the 3rd GPU crash of one browser's life, however far apart). */
export const GPU_UNUSABLE_LINE = /GPU process isn't usable/;

/** Why a window's browser process exited by itself, from the last lines it wrote: the browser
 *  giving up after a GPU crash already counted (`gpu-crash`: relaunched at once, not counted
 *  again, recorded as the GPU crash it is), or anything else (`window-exit`: a new failure). */
export const exitCause = (stderrTail: string): 'gpu-crash' | 'window-exit' => (GPU_UNUSABLE_LINE.test(stderrTail) ? 'gpu-crash' : 'window-exit');
