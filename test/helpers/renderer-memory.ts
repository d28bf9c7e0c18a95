// How much of a Chromium renderer's memory is its discardable cache, from /proc: Chromium hands
// discardable memory (decoded images, video frames a canvas drew) out in 4 MB memfd segments,
// kept until memory pressure. Benches and e2e tests use it to tell a cache that fills from a leak.
import { readFileSync } from 'node:fs';

/** One mapping of `/proc/<pid>/smaps`: what is mapped, its size, and its resident and anonymous kB. */
interface Mapping { name: string; bytes: number; rssKb: number; anonKb: number }

/** `pid`'s mappings ([] if it is gone). */
function mappings(pid: number): Mapping[] {
  const out: Mapping[] = [];
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/smaps`, 'utf8');
  } catch {
    return out;
  }
  for (const line of text.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      out.push({ name: head[3]!.replace(/ \(deleted\)$/, '') || '[anon]', bytes: parseInt(head[2]!, 16) - parseInt(head[1]!, 16), rssKb: 0, anonKb: 0 });
      continue;
    }
    const m = out.at(-1);
    if (m && line.startsWith('Rss:')) m.rssKb += Number(line.split(/\s+/)[1]);
    else if (m && line.startsWith('Anonymous:')) m.anonKb += Number(line.split(/\s+/)[1]);
  }
  return out;
}

/** Resident MB of `pid`'s memfd segments of 4 MB or more (0 if it is gone). */
export function discardableMb(pid: number): number {
  return mappings(pid).filter((m) => m.name.includes('memfd:') && m.bytes >= 4 * 1048576).reduce((kb, m) => kb + m.rssKb, 0) / 1024;
}

/** Resident kB of `pid` by what is mapped (a file's path, `[heap]`, `[anon]` for unnamed
 *  anonymous memory, `memfd:…`), and of it how much is anonymous: to say where a growth is. */
export function residentByMapping(pid: number): Map<string, { rssKb: number; anonKb: number }> {
  const by = new Map<string, { rssKb: number; anonKb: number }>();
  for (const m of mappings(pid)) {
    const v = by.get(m.name) ?? { rssKb: 0, anonKb: 0 };
    v.rssKb += m.rssKb;
    v.anonKb += m.anonKb;
    by.set(m.name, v);
  }
  return by;
}
