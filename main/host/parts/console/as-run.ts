// The radio's last as-run problems of today, for the console's "On air" page: from today's proof
// of play (the station's day), the lines that say something did not air as planned — an item
// skipped or missed, a slot or a whole session missed, a transmitter switch that failed, the
// output device missing, lines the disk lost. The file is read again only when it changed.
import { stat } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { ProofOfPlayLine } from '../../../core/contract/proof-of-play.js';
import { formatInstant } from '../../../core/zone.js';
import { logsDir } from '../../data-dir.js';
import { proofOfPlayFile, readProofOfPlay, zoneDay } from '../../proof-of-play.js';
import type { ConsoleApi } from './api.js';

export interface AsRunProblem {
  at: string;
  event: string;
  /** The session's playlist file, when the line is about one. */
  playlist: string | null;
  src: string | null;
  reason: string | null;
}

/** How many of the latest problems the page shows. */
const KEEP = 10;

/** The line, when it is a problem of the radio's air. */
export function asRunProblem(line: ProofOfPlayLine, tz: string): AsRunProblem | null {
  if (line.target !== 'radio' && line.event !== 'proof-of-play-gap') return null;
  const at = formatInstant(tz, line.ts);
  switch (line.event) {
    case 'item-skip': case 'item-missed': case 'slot-missed':
      return { at, event: line.event, playlist: line.playlist, src: line.src, reason: line.reason };
    case 'session-missed':
      return { at, event: line.event, playlist: line.playlist, src: null, reason: line.reason };
    case 'transmitter-on': case 'transmitter-off':
      return line.ok ? null : { at, event: line.event, playlist: null, src: null, reason: line.error };
    case 'output-fallback':
      return { at, event: line.event, playlist: null, src: null, reason: `${line.requested} → ${line.used}${line.reason ? `: ${line.reason}` : ''}` };
    case 'radio-recovered':
      return { at, event: line.event, playlist: null, src: null, reason: `${line.reason}, ${Math.round(line.downMs / 1000)} s` };
    case 'proof-of-play-gap':
      return { at, event: line.event, playlist: null, src: null, reason: `${line.dropped} lines lost / mất ${line.dropped} dòng` };
    default:
      return null;
  }
}

export function registerAsRun(app: FastifyInstance, api: ConsoleApi): void {
  let cache: { key: string; problems: AsRunProblem[] } | null = null;
  app.get('/api/radio/problems', async () => {
    const tz = api.ctx.current().station.timezone;
    const day = zoneDay(api.ctx.clock.now(), tz);
    const logs = logsDir(api.dataDir);
    const file = proofOfPlayFile(logs, day);
    const st = await stat(file).catch(() => null);
    const key = `${day}|${tz}|${st?.size ?? -1}|${st?.mtimeMs ?? -1}`;
    if (cache?.key !== key) {
      const { lines } = st ? await readProofOfPlay(logs, day, day) : { lines: [] };
      const problems = lines.map((l) => asRunProblem(l, tz)).filter((p): p is AsRunProblem => p !== null);
      cache = { key, problems: problems.slice(-KEEP).reverse() };
    }
    return { day, problems: cache.problems };
  });
}
