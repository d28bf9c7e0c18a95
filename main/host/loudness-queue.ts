// Radio files measured for EBU R128 loudness in the background, once per file version: a bounded
// queue, one ffmpeg at a time, at a low CPU priority, so the air and start-up never wait for it
// (the radio plays a file at its ReplayGain tag, or unity, until its measurement exists). Results
// go into the media prober's cache (keyed by path + mtime + size: a changed file is measured
// again) and listeners hear of each one (the radio re-plans so the page gets it).
import { cachedFacts, keyOf, probeMedia, recordLoudness } from './media-probe.js';
import { measureLoudness } from './loudness.js';

/** Files waiting beyond this are dropped (asked again at the next plan). */
const MAX_QUEUED = 2000;
/** A file that failed to measure is not tried again for this long (a corrupt file would otherwise
 *  be re-run at every plan). */
const RETRY_AFTER_MS = 10 * 60_000;

export interface LoudnessQueueOptions {
  measure?: typeof measureLoudness;
  /** Wall time for the retry back-off (injected in tests). */
  now?: () => number;
  /** Errors (a file ffmpeg cannot read): logged by the caller. */
  onError?: (file: string, err: unknown) => void;
}

export class LoudnessQueue {
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly failedAt = new Map<string, number>();
  private readonly listeners = new Set<(file: string) => void>();
  private running: Promise<void> | null = null;

  constructor(private readonly opts: LoudnessQueueOptions = {}) {}

  /** Measure these files (absolute paths) unless their current version already is; returns at
   *  once. */
  request(files: Iterable<string>): void {
    for (const f of files) {
      if (this.queued.has(f) || this.queue.length >= MAX_QUEUED) continue;
      this.queued.add(f);
      this.queue.push(f);
    }
    this.running ??= this.drain().finally(() => (this.running = null));
  }

  /** Called with each file measured; returns the unsubscribe. */
  onMeasured(fn: (file: string) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Resolves once nothing is queued or measuring (tests, the bench). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    const now = this.opts.now ?? Date.now;
    for (let file = this.queue.shift(); file !== undefined; file = this.queue.shift()) {
      try {
        const k = await keyOf(file);
        if (!k || k.empty) continue;
        // The prober knows the file (its length is what the planner asked for) before it is measured.
        if (!cachedFacts(k.key)) await probeMedia([file]);
        if (cachedFacts(k.key)?.loudnessLufs !== null) continue;
        const failed = this.failedAt.get(k.key);
        if (failed !== undefined && now() - failed < RETRY_AFTER_MS) continue;
        try {
          await recordLoudness(k.key, await (this.opts.measure ?? measureLoudness)(file, { nice: true }));
        } catch (err) {
          this.failedAt.set(k.key, now());
          this.opts.onError?.(file, err);
          continue;
        }
        for (const fn of this.listeners) fn(file);
      } finally {
        this.queued.delete(file);
      }
    }
  }
}

/** The host's one queue: every radio part (and anything else that airs audio) shares it, so
 *  there is never more than one ffmpeg measuring. */
export const loudnessQueue = new LoudnessQueue();
