// The planner's contract (implemented in schedule.ts). The host's conductor asks it what is on
// now and when that changes; `bantin timeline` asks it for a range.
import type { Instant, ScreenState, SessionOccurrence, TimelineEntry } from './model.js';

export interface Schedule {
  /** Timeline entries clipped to [from, to), sorted by start then target, per the design. */
  timeline(from: Instant, to: Instant): TimelineEntry[];
  /** What a screen shows at `at` and until when. Cheap: ≤ 1 ms for 1,000 playlists. */
  screenAt(screenId: string, at: Instant): ScreenState;
  /** Session occurrences whose span [transmitterOn ?? start, transmitterOff ?? end) meets [from, to), by start. */
  sessionsBetween(from: Instant, to: Instant): SessionOccurrence[];
}
