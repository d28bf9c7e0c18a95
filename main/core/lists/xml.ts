// XML text → document element, with xmldom (a well-kept, pure-JS parser): its errors become
// list problems at xmldom's line and column. Stops at the first error — what follows a
// malformed spot is guesswork, and nothing of a malformed list goes on air.
import { DOMParser, type Element } from '@xmldom/xmldom';
import type { ListProblem } from './entry.js';

/** `text` must have its line ends normalised already, so positions match the caller's lines. */
export function parseXmlText(text: string): { root: Element | null; problems: ListProblem[] } {
  const problems: ListProblem[] = [];
  let failed = false;
  const report = (level: string, msg: string, ctx: unknown) => {
    const loc = (ctx as { locator?: { lineNumber?: number; columnNumber?: number } } | undefined)?.locator;
    const pos = { line: Math.max(1, loc?.lineNumber ?? 1), col: Math.max(1, loc?.columnNumber ?? 1) };
    const what = msg.split('\n')[0]!.replace(/\s*@#\[line:\d+,col:\d+\]/, '').trim();
    if (level === 'warning') {
      problems.push({ pos, code: 'smil.xml', severity: 'warning', message: `XML: ${what}`, messageVi: `cảnh báo XML (tiếng Anh): ${what}` });
      return;
    }
    failed = true;
    problems.push({
      pos, code: 'smil.xml', severity: 'error',
      message: `not well-formed XML: ${what}; fix the file (an XML editor shows where) or export it again`,
      messageVi: `XML sai cú pháp: ${what}; hãy sửa tệp (trình soạn XML chỉ ra chỗ sai) hoặc xuất lại`,
    });
    throw new Error(what);
  };
  try {
    const doc = new DOMParser({ locator: true, onError: report, normalizeLineEndings: (x) => x }).parseFromString(text, 'text/xml');
    return { root: failed ? null : doc.documentElement, problems };
  } catch {
    if (!failed) {
      problems.push({
        pos: { line: 1, col: 1 }, code: 'smil.xml', severity: 'error',
        message: 'not well-formed XML: fix the file or export it again', messageVi: 'XML sai cú pháp: hãy sửa tệp hoặc xuất lại',
      });
    }
    return { root: null, problems };
  }
}
