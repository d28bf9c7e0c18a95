// Builds what `bantin` runs: the main process (tsc → dist/main) and the renderer pages
// (esbuild bundles → dist/renderer/<page>/). Runs on `npm ci` (prepare) so `npx bantin` works.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
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
  const isConsole = entry?.endsWith('.tsx') ?? false;
  for (const f of readdirSync(src)) {
    if (/\.(html|css|svg|png|woff2?)$/.test(f)) cpSync(join(src, f), join(out, f));
  }
  if (entry) {
    // The console is split (docs/console.md, "First load"): main.js holds the frame and the
    // on-air page, each other page is a chunk loaded when opened (the YAML library only with the
    // editors), and code they share goes to chunks/ under names hashed by content, so those can
    // be cached for good. The kiosk pages stay one file.
    const result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      target: 'chrome120',
      outdir: out,
      entryNames: '[name]',
      chunkNames: 'chunks/[name]-[hash]',
      splitting: isConsole,
      metafile: true,
      sourcemap: true,
      jsx: 'automatic',
      jsxImportSource: 'preact',
      minify: isConsole,
      logLevel: 'warning',
    });
    if (isConsole) await consolePage(out, result.metafile);
  }
  precompress(out);
}

/** The console's style in one file (style.css's @import inlined: no second request) and its page
 *  told, in the HTML, of the chunks main.js imports at once, so they load beside it, not after. */
async function consolePage(out, metafile) {
  const outputs = Object.keys(metafile.outputs).map((o) => relative(out, join(root, o)).split('\\').join('/'));
  const chunkDir = join(out, 'chunks');
  // Chunks of earlier builds are stale: only what this build wrote stays.
  if (existsSync(chunkDir)) {
    for (const f of readdirSync(chunkDir)) if (!outputs.includes(`chunks/${f.replace(/\.(br|gz)$/, '')}`)) rmSync(join(chunkDir, f), { force: true });
  }
  // What main.js imports statically, and what those import: all asked for at once.
  const mainPath = Object.keys(metafile.outputs).find((o) => basename(o) === 'main.js');
  const needed = new Set();
  const walk = (o) => {
    for (const i of metafile.outputs[o].imports) {
      if (i.kind === 'import-statement' && !needed.has(i.path)) {
        needed.add(i.path);
        walk(i.path);
      }
    }
  };
  walk(mainPath);
  const preloads = [...needed].map((p) => `<link rel="modulepreload" href="${relative(out, join(root, p)).split('\\').join('/')}">`);
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  writeFileSync(join(out, 'index.html'), html.replace('<script type="module" src="main.js"></script>',
    [...preloads, '<script type="module" src="main.js"></script>'].join('\n')));
  await esbuild.build({ entryPoints: [join(rendererDir, 'console', 'style.css')], bundle: true, minify: true, outfile: join(out, 'style.css'),
    logLevel: 'warning', allowOverwrite: true });
}

/** Brotli and gzip beside each script, style and page: the host sends the one the browser takes
 *  (parts/page.ts), compressed once here rather than on every request. */
function precompress(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const f = join(dir, e.name);
    if (e.isDirectory()) precompress(f);
    else if (/\.(js|css|html)$/.test(e.name)) {
      const bytes = readFileSync(f);
      writeFileSync(`${f}.br`, brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
      writeFileSync(`${f}.gz`, gzipSync(bytes, { level: 9 }));
    }
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
