// Materialises a case of the bad-input corpus (test/fixtures/bad/<case>/) in a temp dir: copies
// its files, then applies setup.json — things that cannot or should not be committed (media
// generated with ffmpeg, raw bytes, a huge file, a symlink leading out of the station, deep nesting).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeAudio, makeVideo } from './media.js';

export const BAD_CORPUS = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'bad');

export interface CaseSetup {
  /** ISO instant the injected clock reads (default 2026-01-15T03:00:00Z). */
  now?: string;
  audio?: Record<string, number>;
  video?: Record<string, number>;
  bytes?: Record<string, string>;
  huge?: Record<string, number>;
  symlink?: Record<string, string>;
  /** A playlist whose `items` is N nested flow lists (`[[[…]]]`): too big to commit. */
  nested?: Record<string, number>;
}

export interface PreparedCase {
  dir: string;
  now: number;
  expected: string[];
  /** expected.txt has a `(nothing else)` line: the expected lines are all the diagnostics. */
  exact: boolean;
  cleanup(): void;
}

export function prepareCase(name: string): PreparedCase {
  const src = join(BAD_CORPUS, name);
  const dir = join(mkdtempSync(join(tmpdir(), 'bantin-bad-')), name);
  cpSync(src, dir, { recursive: true, filter: (p) => !/[\\/](expected\.txt|setup\.json)$/.test(p) });
  const setupFile = join(src, 'setup.json');
  const setup: CaseSetup = existsSync(setupFile) ? (JSON.parse(readFileSync(setupFile, 'utf8')) as CaseSetup) : {};
  const at = (rel: string) => {
    const p = join(dir, ...rel.split('/'));
    mkdirSync(dirname(p), { recursive: true });
    return p;
  };
  for (const [rel, secs] of Object.entries(setup.audio ?? {})) makeAudio(at(rel), secs);
  for (const [rel, secs] of Object.entries(setup.video ?? {})) makeVideo(at(rel), { seconds: secs });
  for (const [rel, b64] of Object.entries(setup.bytes ?? {})) writeFileSync(at(rel), Buffer.from(b64, 'base64'));
  for (const [rel, size] of Object.entries(setup.huge ?? {})) {
    // A playlist-looking start, then megabytes: the loader must refuse it by size, not parse it.
    const head = 'kind: screen\nitems:\n';
    const line = '  - image: bluezone/poster.jpg\n    duration: 15s\n';
    writeFileSync(at(rel), head + line.repeat(Math.ceil(size / line.length)));
  }
  for (const [rel, target] of Object.entries(setup.symlink ?? {})) symlinkSync(target, at(rel));
  for (const [rel, n] of Object.entries(setup.nested ?? {})) writeFileSync(at(rel), `kind: screen\nitems: ${'['.repeat(n)}${']'.repeat(n)}\n`);
  const expectedFile = join(src, 'expected.txt');
  const lines = existsSync(expectedFile)
    ? readFileSync(expectedFile, 'utf8').split('\n').map((l) => l.trimEnd()).filter((l) => l !== '' && !l.startsWith('#'))
    : [];
  const expected = lines.filter((l) => l !== '(nothing else)');
  return {
    dir,
    now: Date.parse(setup.now ?? '2026-01-15T03:00:00Z'),
    expected,
    exact: expected.length < lines.length,
    cleanup: () => rmSync(dirname(dir), { recursive: true, force: true }),
  };
}
