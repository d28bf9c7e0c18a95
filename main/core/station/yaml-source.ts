// A YAML file parsed with its positions kept, so every diagnostic can point at the offending
// value (1-based line and column), as `bantin check` promises.
import {
  isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Alias, type Document, type Node,
} from 'yaml';
import { DiagnosticSink, FILE_START, type Pos } from '../diagnostics.js';
import type { Msg } from './messages.js';

export type PathSeg = string | number;

/** Deeper than this is no station file (a playlist needs four levels): damaged, or an attack. */
export const MAX_DEPTH = 64;

/** The first collection nested deeper than MAX_DEPTH, and every alias, walked without recursion
 *  (100,000 nested `[` must not overflow the stack here too). */
function survey(doc: Document.Parsed): { tooDeep: Node | null; aliases: Alias[] } {
  const aliases: Alias[] = [];
  const stack: Array<[unknown, number]> = [[doc.contents, 1]];
  while (stack.length > 0) {
    const [n, depth] = stack.pop()!;
    if (isAlias(n)) aliases.push(n);
    if (!isCollection(n)) continue;
    if (depth > MAX_DEPTH) return { tooDeep: n, aliases };
    for (const item of n.items as unknown[]) {
      if (isPair(item)) stack.push([item.value, depth + 1], [item.key, depth + 1]);
      else stack.push([item, depth + 1]);
    }
  }
  return { tooDeep: null, aliases };
}

function tooDeepError(sink: DiagnosticSink, pos: Pos): void {
  sink.error(pos, 'yaml.too-deep',
    `YAML: nested more than ${MAX_DEPTH} levels deep: station files need only a few levels (items, then each item's keys); this file is damaged or not a bantin file`,
    `YAML: lồng nhau quá ${MAX_DEPTH} cấp: tệp của trạm chỉ cần vài cấp (items, rồi các khóa của từng mục); tệp này bị hỏng hoặc không phải tệp của bantin`);
}

export class YamlSource {
  private constructor(
    readonly file: string,
    readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    readonly value: unknown,
  ) {}

  /** Parses `text`; reports YAML errors (with yaml's own positions) to `sink`. null when unusable. */
  static parse(file: string, text: string, sink: DiagnosticSink): YamlSource | null {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, version: '1.2' });
    const linesWithError = new Set<number>();
    const sourceLines = text.split(/\r?\n/);
    const { tooDeep, aliases } = survey(doc);
    const exhausted = doc.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
    if (tooDeep || exhausted) {
      // yaml gave up with "Maximum call stack size exceeded": say what is wrong, where it starts.
      tooDeepError(sink, tooDeep?.range ? lines.linePos(tooDeep.range[0]) : lines.linePos(exhausted!.pos[0]));
    }
    for (const e of doc.errors) {
      if (e.code === 'RESOURCE_EXHAUSTION') continue;
      const p = lines.linePos(e.pos[0]);
      if (/alias/i.test(e.message)) {
        // `cron: */5 * * * *` reads as aliases; the operator's mistake is the first `*`.
        const m = /^(\s*(?:-\s+)?[^\s:#]+:\s+)\*/.exec(sourceLines[p.line - 1] ?? '');
        if (m) p.col = m[1]!.length + 1;
      }
      // One YAML error per line: the first is the cause, the rest are its echoes.
      if (linesWithError.has(p.line)) continue;
      linesWithError.add(p.line);
      if (e.code === 'DUPLICATE_KEY') {
        sink.error(p, 'yaml.duplicate-key', 'duplicate key: each key may appear only once in a mapping; remove or rename one of them',
          'khóa bị trùng: mỗi khóa chỉ được xuất hiện một lần; hãy xóa hoặc đổi tên một khóa');
      } else if (e.code === 'MULTIPLE_DOCS') {
        sink.error(p, 'yaml.multiple-documents', 'a playlist file holds one document: remove the `---` line and put the second part in its own file',
          'mỗi tệp chỉ chứa một tài liệu: xóa dòng `---` và chuyển phần thứ hai sang một tệp riêng');
      } else {
        const msg = e.message.split('\n')[0]!.replace(/\s+at line \d+, column \d+:?$/, '');
        const star = /alias/i.test(msg) ? ': a value starting with * must be quoted, e.g. cron: "*/5 * * * *"' : '';
        const starVi = star ? ': giá trị bắt đầu bằng * phải đặt trong dấu ngoặc kép, ví dụ cron: "*/5 * * * *"' : '';
        sink.error(p, 'yaml.syntax', `YAML syntax: ${msg}${star}`, `lỗi cú pháp YAML: ${msg}${starVi}`);
      }
    }
    for (const w of doc.warnings) {
      const p = lines.linePos(w.pos[0]);
      const msg = w.message.split('\n')[0]!;
      sink.warning(p, 'yaml.warning', `YAML: ${msg}`, `YAML: ${msg}`);
    }
    if (doc.errors.length > 0 || tooDeep) return null;
    let undefinedAlias = false;
    for (const a of aliases) {
      if (a.resolve(doc) !== undefined) continue;
      undefinedAlias = true;
      const p = a.range ? lines.linePos(a.range[0]) : FILE_START;
      sink.error(p, 'yaml.undefined-alias',
        `\`*${a.source}\` is an alias, but no anchor \`&${a.source}\` is defined before it: define \`&${a.source}\` above, or put the value in quotes if it is text, e.g. "*${a.source}"`,
        `\`*${a.source}\` là bí danh nhưng chưa có neo \`&${a.source}\` nào được khai báo trước đó: khai báo \`&${a.source}\` ở phía trên, hoặc đặt giá trị trong dấu ngoặc kép nếu đó là văn bản, ví dụ "*${a.source}"`);
    }
    if (undefinedAlias) return null;
    let value: unknown;
    try {
      // Aliases could expand exponentially (a "billion laughs" file): yaml caps them.
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (err instanceof RangeError) {
        // Nested anchors can still expand past the stack: the same answer as for deep nesting.
        tooDeepError(sink, FILE_START);
        return null;
      }
      const aliases = /alias/i.test(msg);
      sink.error(FILE_START, aliases ? 'yaml.alias-bomb' : 'yaml.syntax',
        aliases ? 'YAML: too many alias expansions (*name): write the values out instead of repeating aliases' : `YAML: ${msg}`,
        aliases ? 'YAML: quá nhiều bí danh (*tên) được mở rộng: hãy viết thẳng giá trị thay vì lặp lại bí danh' : `YAML: ${msg}`);
      return null;
    }
    return new YamlSource(file, doc, lines, value);
  }

  private posOf(offset: number): Pos {
    const p = this.lines.linePos(offset);
    return { line: p.line, col: p.col };
  }

  /** The node at `path` (`['items', 0, 'duration']`), or undefined. */
  node(path: readonly PathSeg[]): Node | undefined {
    if (path.length === 0) return (this.doc.contents ?? undefined) as Node | undefined;
    const n = this.doc.getIn(path, true) as unknown;
    return n && typeof n === 'object' && 'range' in n ? (n as Node) : undefined;
  }

  /** Position of the value at `path`; falls back to the nearest existing ancestor. */
  pos(path: readonly PathSeg[]): Pos {
    for (let len = path.length; len >= 0; len--) {
      const n = this.node(path.slice(0, len));
      if (n?.range) return this.posOf(n.range[0]);
    }
    return FILE_START;
  }

  /** Position of the key `key` in the mapping at `path` (for unknown-key errors). */
  keyPos(path: readonly PathSeg[], key: string): Pos {
    const map = this.node(path);
    if (map && isMap(map)) {
      for (const pair of map.items) {
        if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key && pair.key.range) {
          return this.posOf(pair.key.range[0]);
        }
      }
    }
    return this.pos(path);
  }

  /** The plain number at `path` as written (`1e309`, `.inf`), for messages: YAML reads both as
   *  Infinity, which JSON would print as `null`. */
  writtenNumber(path: readonly PathSeg[]): string | undefined {
    const n = this.node(path);
    return n && isScalar(n) && typeof n.value === 'number' && n.source ? n.source : undefined;
  }

  /** Whether the node at path is a sequence written in the file (vs a scalar). */
  isSeq(path: readonly PathSeg[]): boolean {
    const n = this.node(path);
    return !!n && isSeq(n);
  }
}

/** A station file that must hold one YAML mapping (a playlist, a bulletin): parsed, or null once
 *  `sink` has been told why — a file of nothing but comments, YAML errors, or not a mapping. */
export function parseMappingFile(
  file: string, text: string, sink: DiagnosticSink, say: { empty: Msg; notMapping: Msg },
): { src: YamlSource; value: Record<string, unknown> } | null {
  if (/^(\s*#[^\n]*\n?|\s*---\s*\n?)*\s*$/.test(text)) {
    sink.error(FILE_START, say.empty.code, say.empty.en, say.empty.vi);
    return null;
  }
  const src = YamlSource.parse(file, text, sink);
  if (!src) return null;
  const v = src.value;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    sink.error(src.pos([]), say.notMapping.code, say.notMapping.en, say.notMapping.vi);
    return null;
  }
  return { src, value: v as Record<string, unknown> };
}
