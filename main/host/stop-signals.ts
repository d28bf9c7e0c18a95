// Every way out of `bantin start` — SIGINT, SIGTERM, SIGHUP, an uncaught error — is turned into
// one stop request, so it goes through the one shutdown that switches the transmitter off. cli.ts
// traps them before the player's modules even load: a signal at any instant of start-up is a
// request, never the default "die now" that would leave an amplifier on.
export interface StopRequest {
  /** `SIGTERM`, `SIGINT`, `SIGHUP` or `uncaught error`. */
  reason: string;
  /** The exit code once stopped: 0 for a signal (a requested stop), 2 for an uncaught error. */
  code: number;
}

export interface StopSignals {
  /** The first stop request, or null. */
  readonly requested: StopRequest | null;
  /** Resolves at the first stop request. */
  readonly stopped: Promise<StopRequest>;
  /** Aborted at the first stop request (startHost undoes what it did and rejects). */
  readonly signal: AbortSignal;
}

/** If stopping takes longer than this (a hung switch is killed after 10 s), exit anyway. */
const STOP_DEADLINE_MS = 30_000;

let trap: StopSignals | null = null;

/** Install the handlers (once per process) and return the stop state. */
export function trapStopSignals(): StopSignals {
  if (trap) return trap;
  const controller = new AbortController();
  let resolveStopped!: (r: StopRequest) => void;
  const stopped = new Promise<StopRequest>((r) => (resolveStopped = r));
  let requested: StopRequest | null = null;
  const say = (line: string) => {
    try {
      process.stderr.write(line);
    } catch {
      // no stderr: nothing more to say
    }
  };
  const request = (r: StopRequest) => {
    if (requested) {
      // A second Ctrl-C while switching off: finish switching off (the deadline below bounds it).
      if (r.code !== 0) requested.code = r.code;
      say(`bantin start: đang dừng, tắt máy phát trước khi thoát / already stopping: switching off first (${r.reason})\n`);
      return;
    }
    requested = r;
    const deadline = setTimeout(() => {
      say(`bantin start: không dừng gọn được trong ${STOP_DEADLINE_MS / 1000} giây, thoát ngay / could not stop cleanly within ${STOP_DEADLINE_MS / 1000} s, exiting now\n`);
      process.exit(requested?.code || 1);
    }, STOP_DEADLINE_MS);
    deadline.unref();
    controller.abort();
    resolveStopped(r);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => request({ reason: sig, code: 0 }));
  process.on('uncaughtException', (err) => {
    say(`bantin start: lỗi nội bộ, đang dừng / internal error, stopping: ${err instanceof Error ? err.message : String(err)}\n`
      + (process.env['BANTIN_DEBUG'] && err instanceof Error ? `${err.stack}\n` : ''));
    request({ reason: 'uncaught error', code: 2 });
  });
  trap = {
    get requested() {
      return requested;
    },
    stopped,
    signal: controller.signal,
  };
  return trap;
}
