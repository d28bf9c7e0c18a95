import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// main/core is the pure layer (like VS Code's `common`): text and clock values in, data out.
// No file system, no timers, no Electron, no DOM, no process — so it can be tested without I/O
// and a day can be simulated in milliseconds.
const impureModules = [
  'fs', 'fs/promises', 'node:*', 'electron', 'child_process', 'net', 'http', 'https', 'os', 'path',
  'timers', 'worker_threads', 'chokidar', 'fastify', 'pino', 'music-metadata', 'howler', 'ws', 'x11',
];

// The layers (as VS Code's common/node/electron-main): each may import only what is below it.
//   main/core      ← nothing of ours but itself (and pure libraries)
//   main/host      ← main/core (Node, never Electron or the pages)
//   main/electron  ← main/core (the thin shell; it gets the page list from the host, not its code),
//                    except main.ts, the packaged app's entry, which loads main/host/in-process.ts
//                    to run the host in the Electron main process (standalone.ts gets it injected)
//   renderer       ← main/core and renderer (browser code: no Node, no host, no Electron)
const layer = (name, patterns) => ({ group: patterns, message: `${name}: import only the layers below it (see eslint.config.js).` });
const hostCode = ['**/host', '**/host/**'];
const electronCode = ['**/electron', '**/electron/**', 'electron'];
const rendererCode = ['**/renderer', '**/renderer/**'];
const nodeBuiltins = ['fs', 'fs/promises', 'node:*', 'child_process', 'net', 'http', 'https', 'os', 'path',
  'worker_threads', 'chokidar', 'fastify', '@fastify/*', 'pino', 'pino-pretty', 'music-metadata', 'ws', 'proper-lockfile', 'x11'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/.tmp/**', 'playlists/**', 'assets/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          layer('renderer', hostCode), layer('renderer', electronCode),
          { group: nodeBuiltins, message: 'renderer: pages run in the browser; ask the host over the socket.' },
        ],
      }],
    },
  },
  {
    files: ['main/host/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [layer('main/host', electronCode), layer('main/host', rendererCode)] }],
    },
  },
  {
    files: ['main/electron/**/*.ts'],
    ignores: ['main/electron/main.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [layer('main/electron', hostCode), layer('main/electron', rendererCode)] }],
    },
  },
  {
    files: ['main/electron/main.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [layer('main/electron', rendererCode)] }],
    },
  },
  {
    files: ['main/core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: impureModules, message: 'main/core is pure: do I/O in main/host/, pass data in.' },
          layer('main/core', hostCode), layer('main/core', electronCode), layer('main/core', rendererCode),
        ],
      }],
      'no-restricted-globals': ['error',
        ...['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'queueMicrotask',
          'process', 'require', 'window', 'document', 'navigator', 'fetch', 'performance', 'Buffer', '__dirname']
          .map((name) => ({ name, message: 'main/core is pure: take a clock value or data as an argument.' })),
      ],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'main/core is pure: take the time as an argument (inject the clock).' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'main/core is pure: `new Date()` reads the clock; take the time as an argument.' },
      ],
    },
  },
);
