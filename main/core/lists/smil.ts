// SMIL play-lists exported by signage tools.
import type { Pos } from '../diagnostics.js';
import type { ListEntry, ListProblem, ParsedList } from './entry.js';

/** SMIL clock values: `10s`, `10`, `1.5min`, `2h`, `500ms`, `00:00:10`, `00:10.5`. */
export function parseSmilClock(v: string): number | null {
  const t = v.trim();
  let m = /^(\d+(?:\.\d+)?)(h|min|s|ms)?$/.exec(t);
  if (m) {
    const n = Number(m[1]);
    const unit = m[2] ?? 's';
    const ms = unit === 'h' ? n * 3_600_000 : unit === 'min' ? n * 60_000 : unit === 'ms' ? n : n * 1000;
    return ms > 0 ? Math.round(ms) : null;
  }
  m = /^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(t);
  if (m) {
    const ms = (Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000;
    return ms > 0 ? Math.round(ms) : null;
  }
  return null;
}

/**
 * SMIL: only what signage tools export for a loop — one `<seq>` of `<video src>`, `<img src dur>`
 * and `<audio src>`. Anything richer (`<par>`, regions, transitions) is reported as unsupported
 * rather than half-played, so the operator knows to export a plain sequence or write YAML.
 */
export function parseSmil(text: string): ParsedList {
  const problems: ListProblem[] = [];
  const entries: ListEntry[] = [];
  const src = text.replace(/^\uFEFF/, '');
  const at = (offset: number): Pos => {
    let line = 1;
    let start = 0;
    for (let i = 0; i < offset; i++) if (src.charCodeAt(i) === 10) { line++; start = i + 1; }
    return { line, col: offset - start + 1 };
  };
  if (!/<smil[\s>]/i.test(src)) {
    problems.push({
      pos: { line: 1, col: 1 }, code: 'smil.not-smil', severity: 'error',
      message: 'not a SMIL file: expected <smil><body><seq>...</seq></body></smil>',
      messageVi: 'không phải tệp SMIL: cần <smil><body><seq>...</seq></body></smil>',
    });
    return { entries, problems };
  }
  const unsupported = /<(par|excl|switch|region|transition|animate|set|text|ref|prefetch)\b/i.exec(src);
  if (unsupported) {
    problems.push({
      pos: at(unsupported.index), code: 'smil.unsupported', severity: 'warning',
      message: `SMIL <${unsupported[1]}> is not supported and is ignored: only a <seq> of <video>, <img> and <audio> plays; export a plain sequence or write a YAML playlist`,
      messageVi: `SMIL <${unsupported[1]}> không được hỗ trợ và bị bỏ qua: chỉ phát <seq> gồm <video>, <img>, <audio>; hãy xuất dạng tuần tự đơn giản hoặc viết danh sách YAML`,
    });
  }
  const el = /<(video|img|audio)\b([^>]*)>/gi;
  let m: RegExpExecArray | null;
  while ((m = el.exec(src))) {
    const attrs = m[2]!;
    const srcAttr = /\bsrc\s*=\s*("([^"]*)"|'([^']*)')/i.exec(attrs);
    if (!srcAttr) {
      problems.push({
        pos: at(m.index), code: 'smil.no-src', severity: 'error',
        message: `<${m[1]}> without src: add src="folder/file"`,
        messageVi: `<${m[1]}> thiếu src: thêm src="thư-mục/tệp"`,
      });
      continue;
    }
    const value = srcAttr[2] ?? srcAttr[3] ?? '';
    const valueOffset = m.index + 1 + m[1]!.length + srcAttr.index + srcAttr[0].indexOf(srcAttr[1]!) + 1;
    const durAttr = /\bdur\s*=\s*("([^"]*)"|'([^']*)')/i.exec(attrs);
    const dur = durAttr ? parseSmilClock(durAttr[2] ?? durAttr[3] ?? '') : null;
    if (durAttr && dur === null) {
      problems.push({
        pos: at(m.index), code: 'smil.bad-dur', severity: 'warning',
        message: `dur="${durAttr[2] ?? durAttr[3]}" is not a SMIL clock value (ignored): use e.g. dur="10s"`,
        messageVi: `dur="${durAttr[2] ?? durAttr[3]}" không phải giá trị thời gian SMIL (bỏ qua): dùng ví dụ dur="10s"`,
      });
    }
    const tag = m[1]!.toLowerCase();
    entries.push({
      path: decodeXmlEntities(value), pos: at(valueOffset), durationMs: dur, title: null,
      media: tag === 'img' ? 'image' : tag === 'audio' ? 'audio' : 'video',
    });
  }
  return { entries, problems };
}

function decodeXmlEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (all, e: string) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    const code = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : all;
  });
}
