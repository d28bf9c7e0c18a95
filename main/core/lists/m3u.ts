// M3U and M3U8 play-lists (Winamp, VLC): one path a line, `#EXTINF:<seconds>,<title>` before it.
import { lines, type ListEntry, type ListProblem, type ParsedList } from './entry.js';

export function parseM3u(text: string): ParsedList {
  const entries: ListEntry[] = [];
  const problems: ListProblem[] = [];
  let pending: { durationMs: number | null; title: string | null } | null = null;
  lines(text).forEach((raw, i) => {
    const lead = raw.length - raw.trimStart().length;
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith('#')) {
      const inf = /^#EXTINF\s*:\s*(-?\d+(?:\.\d+)?)[^,]*(?:,(.*))?$/i.exec(line);
      if (inf) {
        const secs = Number(inf[1]);
        pending = { durationMs: secs > 0 ? Math.round(secs * 1000) : null, title: inf[2]?.trim() || null };
      } else if (/^#EXTINF/i.test(line)) {
        problems.push({
          pos: { line: i + 1, col: lead + 1 }, code: 'list.extinf', severity: 'warning',
          message: 'malformed #EXTINF line (ignored): write it as #EXTINF:<seconds>,<title>',
          messageVi: 'dòng #EXTINF sai dạng (bỏ qua): viết theo dạng #EXTINF:<số giây>,<tiêu đề>',
        });
      }
      return;
    }
    const info = pending as { durationMs: number | null; title: string | null } | null;
    entries.push({ path: line, pos: { line: i + 1, col: lead + 1 }, durationMs: info?.durationMs ?? null, title: info?.title ?? null });
    pending = null;
  });
  return { entries, problems };
}
