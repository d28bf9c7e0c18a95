// Builds what `bantin` runs: the main process (tsc → dist/main) and the renderer pages
// (esbuild bundles → dist/renderer/<page>/). Runs on `npm ci` (prepare) so `npx bantin` works.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const dist = join(root, 'dist');

// Files are overwritten in place, never deleted first: a server or test reading dist/renderer
// while a build runs must not see the pages vanish.
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
  cwd: root,
});

const esbuild = await import('esbuild');
const rendererDir = join(root, 'renderer');
for (const page of readdirSync(rendererDir, { withFileTypes: true })) {
  if (!page.isDirectory()) continue;
  const src = join(rendererDir, page.name);
  const out = join(dist, 'renderer', page.name);
  mkdirSync(out, { recursive: true });
  // The console (renderer/console/main.tsx) is Preact + JSX, minified: it loads on a commune
  // phone over Wi-Fi. The kiosk pages stay readable in their DevTools.
  const entry = ['main.ts', 'main.tsx'].map((f) => join(src, f)).find((f) => existsSync(f));
  if (entry) {
    await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      target: 'chrome120',
      outfile: join(out, 'main.js'),
      sourcemap: true,
      jsx: 'automatic',
      jsxImportSource: 'preact',
      minify: entry.endsWith('.tsx'),
      logLevel: 'warning',
    });
  }
  for (const f of readdirSync(src)) {
    if (/\.(html|css|svg|png|woff2?)$/.test(f)) cpSync(join(src, f), join(out, f));
  }
}

// The Electron preload runs sandboxed: it may only require `electron`, so it is bundled to one CJS file.
const preload = join(root, 'main', 'electron', 'preload.ts');
if (existsSync(preload)) {
  await esbuild.build({
    entryPoints: [preload],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
    outfile: join(dist, 'main', 'electron', 'preload.cjs'),
    logLevel: 'warning',
  });
}
