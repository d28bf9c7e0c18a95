// Every text the console shows is a [Vietnamese, English] pair beside the code that shows it
// (lib/i18n.ts): read from the sources themselves, each pair must have both halves, tr() must be
// given a pair (never a bare string), and no words may sit in the markup untranslated.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../../../renderer/console');
const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []);

/** Text in markup that needs no translation: the product's name, symbols, numbers. */
const NOT_WORDS = /^(bantin|[^\p{L}]*)$/u;

/** Placeholders that show a format, and names, the same in both languages. */
const FORMATS = new Set(['dd/mm/yyyy', 'dd/mm/yyyy HH:MM', 'HH:MM', 'YAML']);

interface Found { pairs: { at: string; vi: string; en: string }[]; bare: string[]; markup: string[] }

function scan(): Found {
  const found: Found = { pairs: [], bare: [], markup: [] };
  for (const file of files(root)) {
    const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const at = (n: ts.Node) => {
      const { line, character } = src.getLineAndCharacterOfPosition(n.getStart());
      return `${relative(root, file)}:${line + 1}:${character + 1}`;
    };
    const isString = (n: ts.Node): n is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral => ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n);
    const visit = (n: ts.Node) => {
      // A pair: an array of two literal strings (a Text wherever it is written).
      if (ts.isArrayLiteralExpression(n) && n.elements.length === 2 && n.elements.every(isString)) {
        const [vi, en] = n.elements as unknown as [ts.StringLiteral, ts.StringLiteral];
        found.pairs.push({ at: at(n), vi: vi.text, en: en.text });
      }
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && ['tr', 'trf'].includes(n.expression.text) && n.arguments[0]) {
        const a = n.arguments[0];
        if (isString(a) || ts.isTemplateExpression(a)) found.bare.push(at(n));
        if (ts.isArrayLiteralExpression(a) && a.elements.length !== 2) found.bare.push(at(n));
      }
      if (ts.isJsxText(n) && !NOT_WORDS.test(n.text.trim())) found.markup.push(`${at(n)} ${n.text.trim()}`);
      // What a screen reader says or a field shows, written as a plain string.
      if (ts.isJsxAttribute(n) && ['aria-label', 'title', 'placeholder', 'alt'].includes(n.name.getText()) && n.initializer && ts.isStringLiteral(n.initializer)
        && !NOT_WORDS.test(n.initializer.text) && !FORMATS.has(n.initializer.text)) found.markup.push(`${at(n)} ${n.name.getText()}="${n.initializer.text}"`);
      ts.forEachChild(n, visit);
    };
    visit(src);
  }
  return found;
}

describe('console texts', () => {
  const found = scan();

  it('finds the console\'s texts (so the checks below check something)', () => {
    expect(found.pairs.length).toBeGreaterThan(200);
  });

  it('has both the Vietnamese and the English of every pair', () => {
    const empty = found.pairs.filter((p) => p.vi.trim() === '' || p.en.trim() === '').map((p) => p.at);
    expect(empty).toEqual([]);
  });

  it('gives tr() a pair, never a lone string', () => {
    expect(found.bare).toEqual([]);
  });

  it('has no words in the markup outside a pair', () => {
    expect(found.markup).toEqual([]);
  });
});
