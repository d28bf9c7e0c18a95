// Writes the editor schemas (playlists/schema.json, playlists/station.schema.json) from
// main/core/station/schema.ts, the single source of truth. Run: `npx tsx main/host/emit-schema.ts [DIR]`.
// test/unit/formats-schema.test.ts fails when the committed files differ from what this writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaFiles } from '../core/station/schema.js';

export function emitSchemas(root: string): string[] {
  const written: string[] = [];
  for (const [rel, text] of Object.entries(schemaFiles())) {
    const abs = join(root, ...rel.split('/'));
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    written.push(rel);
  }
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
  for (const f of emitSchemas(root)) process.stdout.write(`wrote ${f}\n`);
}
