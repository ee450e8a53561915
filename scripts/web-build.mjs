// Builds the web app when its sources changed since the last build (or it was never built).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function ensureWebBuilt() {
  const built = path.join(root, 'dist/web/index.html');
  const sources = [path.join(root, 'src/web'), path.join(root, 'src/shared')];
  const inputs = [path.join(root, 'vite.config.ts'), path.join(root, 'package-lock.json')].filter(
    existsSync,
  );
  const newestSource = Math.max(
    ...sources.map(newestMtime),
    ...inputs.map((f) => statSync(f).mtimeMs),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource) return;
  process.stdout.write('Building the web app…\n');
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) {
    process.stderr.write('keel: the web app failed to build (see above)\n');
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureWebBuilt();
