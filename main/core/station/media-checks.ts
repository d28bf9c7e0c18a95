// Checks that need media lengths, which only the host can read: run after it has filled
// `AssetRef.durationMs`. A close slot must fit its session (it is back-timed from the end), and
// open + close together must too; a spot whose length cannot be read cannot be back-timed.
import { DiagnosticSink, sortDiagnostics } from '../diagnostics.js';
import { formatDuration, MINUTE } from '../duration.js';
import type { AssetRef, Diagnostic, Station } from '../model.js';
import { mediaKindOf } from './asset-index.js';
import type { SessionPositions, SourceMap } from './compile.js';

function total(refs: AssetRef[]): number | null {
  let sum = 0;
  for (const r of refs) {
    if (r.durationMs === null) return null;
    sum += r.durationMs;
  }
  return sum;
}

export function checkMedia(station: Station, sources: SourceMap, sessionPositions: Map<unknown, SessionPositions>): Diagnostic[] {
  const sinks = new Map<string, DiagnosticSink>();
  const sink = (file: string): DiagnosticSink => {
    let s = sinks.get(file);
    if (!s) sinks.set(file, (s = new DiagnosticSink(file)));
    return s;
  };
  const warned = new Set<AssetRef>();
  const unreadable = (ref: AssetRef, why: string, whyVi: string): void => {
    const at = sources.get(ref);
    if (!at || warned.has(ref)) return;
    warned.add(ref);
    sink(at.file).warning(at.pos, 'asset.duration-unknown', `cannot read the length of "assets/${ref.file ?? ref.src}": ${why}`,
      `không đọc được thời lượng của "assets/${ref.file ?? ref.src}": ${whyVi}`);
  };

  for (const s of station.sessions) {
    const pos = sessionPositions.get(s);
    if (!pos) continue;
    for (const r of [...s.open, ...s.close]) {
      if (r.durationMs === null) {
        unreadable(r, 'the session cannot be timed around it; re-encode it (e.g. as MP3 or WAV)',
          'không thể canh giờ buổi phát quanh tệp này; hãy chuyển đổi lại (ví dụ sang MP3 hoặc WAV)');
      }
    }
    if (s.body !== 'live') {
      for (const r of s.body) {
        if (r.durationMs === null && mediaKindOf(r.src) !== 'unknown') {
          unreadable(r, 'it may be damaged or not audio; it will be tried and skipped if it fails',
            'tệp có thể hỏng hoặc không phải âm thanh; sẽ thử phát và bỏ qua nếu lỗi');
        }
      }
    }
    const closeMs = total(s.close);
    const openMs = total(s.open);
    const shortest = Math.min(...s.when.map((w) => w.durationMs));
    if (closeMs !== null && closeMs > shortest) {
      sink(pos.close.file).error(pos.close.pos, 'session.close-too-long',
        `the close lasts ${formatDuration(closeMs)} but the session is only ${formatDuration(shortest)} long: shorten the close or lengthen \`for\``,
        `phần kết dài ${formatDuration(closeMs)} nhưng buổi phát chỉ dài ${formatDuration(shortest)}: rút ngắn phần kết hoặc tăng \`for\``);
    } else if (closeMs !== null && openMs !== null && openMs + closeMs > shortest) {
      sink(pos.open.file).error(pos.open.pos, 'session.slots-too-long',
        `open (${formatDuration(openMs)}) and close (${formatDuration(closeMs)}) together are longer than the session (${formatDuration(shortest)}): they would overlap; shorten them or lengthen \`for\``,
        `phần mở (${formatDuration(openMs)}) và phần kết (${formatDuration(closeMs)}) cộng lại dài hơn buổi phát (${formatDuration(shortest)}): hãy rút ngắn hoặc tăng \`for\``);
    }
    // docs/station.md: a body shorter than its gap leaves silence before the close; warn past a minute.
    const bodyMs = s.body === 'live' ? null : total(s.body);
    if (bodyMs !== null && closeMs !== null && openMs !== null) {
      const longest = Math.max(...s.when.map((w) => w.durationMs));
      const silence = longest - openMs - closeMs - bodyMs;
      const whole = (ms: number) => formatDuration(Math.round(ms / 1000) * 1000);
      if (silence > MINUTE) {
        sink(pos.body.file).warning(pos.body.pos, 'session.body-short',
          `the body lasts ${whole(bodyMs)} but the time between open and close is ${whole(longest - openMs - closeMs)}: ${whole(silence)} of silence before the close; add to the body or shorten \`for\``,
          `phần chính dài ${whole(bodyMs)} nhưng khoảng giữa phần mở và phần kết là ${whole(longest - openMs - closeMs)}: sẽ im lặng ${whole(silence)} trước phần kết; thêm nội dung hoặc giảm \`for\``);
      }
    }
  }
  for (const p of station.playlists) {
    for (const item of p.items) {
      if (item.kind === 'video' && item.asset.durationMs === null) {
        unreadable(item.asset, 'it may be damaged or in an unsupported format; it will be tried and skipped if it fails',
          'tệp có thể hỏng hoặc định dạng không hỗ trợ; sẽ thử phát và bỏ qua nếu lỗi');
      }
    }
  }
  return sortDiagnostics([...sinks.values()].flatMap((s) => s.list));
}
