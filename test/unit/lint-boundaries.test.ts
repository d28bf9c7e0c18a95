// The layer rules of eslint.config.js, checked on real snippets: each layer may import only the
// layers below it (core ← host, electron, renderer). A rule that stopped matching would let a page
// import the host or the core read the disk without anyone noticing.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const cases: Array<[file: string, code: string, allowed: boolean]> = [
  ['main/core/station/x.ts', "import { a } from '../../host/server.js';", false],
  ['main/core/x.ts', "import { a } from '../electron/window-options.js';", false],
  ['main/core/x.ts', "import { a } from '../../renderer/screen/main.js';", false],
  ['main/core/x.ts', "import { readFile } from 'node:fs/promises';", false],
  ['main/core/x.ts', "import { a } from './model.js';", true],
  ['main/host/x.ts', "import { app } from 'electron';", false],
  ['main/host/x.ts', "import { a } from '../electron/main.js';", false],
  ['main/host/x.ts', "import { a } from '../../renderer/radio/engine.js';", false],
  ['main/host/x.ts', "import { a } from '../core/model.js';", true],
  ['main/electron/x.ts', "import { a } from '../host/server.js';", false],
  ['main/electron/x.ts', "import { app } from 'electron';", true],
  ['main/electron/x.ts', "import { a } from '../core/model.js';", true],
  ['renderer/screen/x.ts', "import { a } from '../../main/host/media.js';", false],
  ['renderer/screen/x.ts', "import { a } from '../../main/electron/preload.js';", false],
  ['renderer/screen/x.ts', "import { readFileSync } from 'node:fs';", false],
  ['renderer/screen/x.ts', "import { a } from '../../main/core/model.js';", true],
  ['renderer/radio/x.ts', "import { Howl } from 'howler';", true],
  ['renderer/console/x.tsx', "import { readFile } from 'node:fs/promises';", false],
  ['renderer/console/x.tsx', "import { a } from '../../main/host/server.js';", false],
  ['renderer/console/x.tsx', "import { a } from '../../main/core/contract/console.js';", true],
];

describe('layer boundaries (eslint.config.js)', () => {
  it.each(cases)('%s: %s → allowed=%s', async (file, code, allowed) => {
    const messages = await restricted(file, `${code}\n`);
    if (allowed) expect(messages).toEqual([]);
    else expect(messages.length).toBeGreaterThan(0);
  });
});
