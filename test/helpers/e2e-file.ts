// The preambles of e2e test files: one Chromium per file, and the station dirs its hosts serve,
// all gone when the file is done.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium.js';
import { removeDir, tempDir } from './temp.js';

export interface E2eFile {
  /** Valid from the file's first test on. */
  readonly browser: Browser;
  /** The station dir (media under `assets/`): valid in `prepare` and in the tests. */
  readonly dir: string;
}

/** A screen test file: one station dir for all its hosts, its media made once by `prepare`. */
export function chromiumAndStationDir(prepare: (dir: string) => void, prefix = 'bantin-screen-'): E2eFile {
  let dir: string | undefined;
  beforeAll(() => {
    dir = tempDir(prefix);
    prepare(dir);
  });
  afterAll(() => {
    if (dir) removeDir(dir);
  });
  const chromium = chromiumPerFile();
  return {
    get browser() {
      return chromium.browser;
    },
    get dir() {
      if (!dir) throw new Error('the station dir is not made yet (use it inside a test)');
      return dir;
    },
  };
}

/** A radio test file: a fresh station dir per call of `dir()` (a test's own media), all removed
 *  after the file unless KEEP_TMP is set (to listen to what was aired). */
export function chromiumAndDirs(prefix = 'bantin-radio-'): { readonly browser: Browser; dir: () => string } {
  const dirs: string[] = [];
  afterAll(() => {
    if (!process.env['KEEP_TMP']) for (const d of dirs.splice(0)) removeDir(d);
  });
  const chromium = chromiumPerFile();
  return {
    get browser() {
      return chromium.browser;
    },
    dir: () => {
      const d = tempDir(prefix);
      dirs.push(d);
      return d;
    },
  };
}

function chromiumPerFile(): { readonly browser: Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error('Chromium is not started yet (use it inside a test)');
      return browser;
    },
  };
}
