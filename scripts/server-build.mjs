// Bundles the TypeScript sources of the `keel` command into dist/server with esbuild (npm
// packages stay external), so `npm start` runs plain JavaScript instead of compiling
// TypeScript through tsx at every start. Rebuilt only when a source changed.
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = path.join(root, 'dist/server');
const entry = path.join(outdir, 'main.js');

function newestMtime(dir) {
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    newest = Math.max(newest, item.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Returns the path of the bundled CLI entry, building it first when needed. */
export async function ensureServerBuilt() {
  const sources = ['src/cli', 'src/server', 'src/shared', 'src/engines'].map((d) =>
    path.join(root, d),
  );
  const newest = Math.max(
    ...sources.map(newestMtime),
    statSync(path.join(root, 'package-lock.json')).mtimeMs,
  );
  if (existsSync(entry) && statSync(entry).mtimeMs >= newest) return entry;
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: [path.join(root, 'src/cli/main.ts')],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  // Files the code finds next to itself (import.meta.url) come along: the migrations.
  cpSync(path.join(root, 'src/server/db/migrations'), path.join(outdir, 'migrations'), {
    recursive: true,
  });
  return entry;
}

if (import.meta.url === `file://${process.argv[1]}`) await ensureServerBuilt();
