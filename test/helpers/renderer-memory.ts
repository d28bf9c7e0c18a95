// How much of a Chromium renderer's memory is its discardable cache, from /proc: Chromium hands
// discardable memory (decoded images, video frames a canvas drew) out in 4 MB memfd segments,
// kept until memory pressure. Benches and e2e tests use it to tell a cache that fills from a leak.
import { readFileSync } from 'node:fs';

/** Resident MB of `pid`'s memfd segments of 4 MB or more (0 if it is gone). */
export function discardableMb(pid: number): number {
  let kb = 0;
  let inSegment = false;
  try {
    for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
      const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
      if (head) {
        const size = parseInt(head[2]!, 16) - parseInt(head[1]!, 16);
        inSegment = head[3]!.includes('memfd:') && size >= 4 * 1048576;
      } else if (inSegment && line.startsWith('Rss:')) kb += Number(line.split(/\s+/)[1]);
    }
  } catch {
    return 0;
  }
  return kb / 1024;
}

/** Resident kB of `pid` by what is mapped (a file's path, `[heap]`, `[anon]` for unnamed
 *  anonymous memory, `memfd:…`), and of it how much is anonymous: to say where a growth is. */
export function residentByMapping(pid: number): Map<string, { rssKb: number; anonKb: number }> {
  const by = new Map<string, { rssKb: number; anonKb: number }>();
  let current: { rssKb: number; anonKb: number } | null = null;
  try {
    for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
      const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
      if (head) {
        const name = head[1]!.replace(/ \(deleted\)$/, '') || '[anon]';
        current = by.get(name) ?? { rssKb: 0, anonKb: 0 };
        by.set(name, current);
      } else if (current && line.startsWith('Rss:')) current.rssKb += Number(line.split(/\s+/)[1]);
      else if (current && line.startsWith('Anonymous:')) current.anonKb += Number(line.split(/\s+/)[1]);
    }
  } catch {
    return by;
  }
  return by;
}
