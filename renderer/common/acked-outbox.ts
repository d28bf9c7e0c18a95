// Facts a page must not lose: kept until the host acknowledges them by id, new ones sent at once,
// unacknowledged ones again after a while (or all of them on reconnect), in batches small enough
// for the host's frame limit (it refuses frames over 64 KB).

export interface AckedOutboxOptions {
  /** Resend what is not acknowledged after this long (ms). */
  resendMs?: number;
  /** Bytes (of JSON) and entries per batch. */
  batchBytes?: number;
  batchCount?: number;
}

export class AckedOutbox<T extends { id: string }> {
  private readonly entries = new Map<string, { fact: T; sentAt: number }>();
  private readonly resendMs: number;
  private readonly batchBytes: number;
  private readonly batchCount: number;

  constructor(options: AckedOutboxOptions = {}) {
    this.resendMs = options.resendMs ?? 3000;
    this.batchBytes = options.batchBytes ?? 32_000;
    this.batchCount = options.batchCount ?? 200;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Queue a fact (a fact with the same id replaces the one not yet acknowledged). */
  add(fact: T): void {
    this.entries.set(fact.id, { fact, sentAt: -Infinity });
  }

  ack(ids: readonly string[]): void {
    for (const id of ids) this.entries.delete(id);
  }

  /** The batches to send at `now` (marked as sent): new facts, and those unacknowledged for
   *  `resendMs` — or every fact with `all` (a new connection). */
  due(now: number, all = false): T[][] {
    const batches: T[][] = [];
    let batch: T[] = [];
    let size = 0;
    for (const entry of this.entries.values()) {
      if (!all && now - entry.sentAt < this.resendMs) continue;
      const len = JSON.stringify(entry.fact).length + 1;
      if (batch.length > 0 && (size + len > this.batchBytes || batch.length >= this.batchCount)) {
        batches.push(batch);
        batch = [];
        size = 0;
      }
      batch.push(entry.fact);
      size += len;
      entry.sentAt = now;
    }
    if (batch.length > 0) batches.push(batch);
    return batches;
  }
}
