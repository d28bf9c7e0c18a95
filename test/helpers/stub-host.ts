// A real host (startHost) around a hand-built station and a stand-in planner, for the screen and
// radio e2e tests and benches: what they share of "serve this station from a temp dir".
import { join } from 'node:path';
import type { Clock } from '../../main/core/clock.js';
import type { Station } from '../../main/core/model.js';
import type { Schedule } from '../../main/core/schedule-api.js';
import { silentLogger } from '../../main/host/logger.js';
import { startHost, type Host, type StartHostOptions } from '../../main/host/server.js';

export interface StubHost<Plan> {
  host: Host;
  dir: string;
  /** The host's data dir (proof of play under `logs/`). */
  data: string;
  /** Put another station and plan on air (what a valid hot reload does). */
  set(st: Station, plan: Plan): Promise<void>;
  close(): Promise<void>;
}

/** Serve `st` from `dir` (media under `dir/assets`), timed by `schedule(station, plan)`. */
export async function stubHost<Plan>(
  dir: string, st: Station, plan: Plan, schedule: (st: Station, plan: Plan) => Schedule,
  extra: Partial<StartHostOptions> & { clock?: Clock } = {},
): Promise<StubHost<Plan>> {
  let cur = { st, plan };
  const data = join(dir, 'data');
  const host = await startHost({
    stationDir: dir,
    dataDir: data,
    log: silentLogger(),
    watch: false,
    load: async () => ({ station: cur.st, diagnostics: [] }),
    compile: (s) => schedule(s, cur.plan),
    ...extra,
  });
  return {
    host, dir, data,
    async set(next, nextPlan) {
      cur = { st: next, plan: nextPlan };
      await host.reload();
    },
    close: () => host.close(),
  };
}
