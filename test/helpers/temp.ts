// Temp directories and polling for tests, e2e tests and benches: one place for the boilerplate
// every file that writes a station to disk or waits on a page would otherwise repeat. No vitest
// here: the benches import it too (temp-per-test.ts is the vitest side).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** A new directory under test/.tmp (kept inside the repository: the e2e hosts serve it). */
export function tempDir(prefix = 'bantin-'): string {
  const base = join(process.cwd(), 'test', '.tmp');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll `fn` until it returns truthy or `ms` passes. */
export async function until<T>(fn: () => Promise<T> | T, ms: number, every = 50): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await sleep(every);
  }
}
