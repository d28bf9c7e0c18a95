import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// main/core is the pure layer (like VS Code's `common`): text and clock values in, data out.
// No file system, no timers, no Electron, no DOM, no process — so it can be tested without I/O
// and a day can be simulated in milliseconds.
const impureModules = [
  'fs', 'fs/promises', 'node:*', 'electron', 'child_process', 'net', 'http', 'https', 'os', 'path',
  'timers', 'worker_threads', 'chokidar', 'fastify', 'pino', 'music-metadata', 'howler', 'ws',
];

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
    files: ['renderer/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['main/core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: impureModules, message: 'main/core is pure: do I/O in main/host/, pass data in.' }],
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
