/**
 * `keel audit <private https URL> --token-env VAR`: the token reaches git through the
 * environment only — never in a git command line, the output or the clone on disk.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheDirFor } from '../../src/engines/git-source/git-source.ts';
import { buildGitRepo, tempFolder } from '../server/scan-factories.ts';
import { startGitHttpServer, type GitHttpServer } from './git-http-server.ts';
import { runKeel } from './run-keel.ts';

const TOKEN = 'zq-private-token-7f3a9c21e4b8';

/** Every file under a folder, as text. */
function contentsOf(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'latin1'))
    .join('\n');
}

describe('keel audit --token-env', { timeout: 300_000 }, () => {
  let server: GitHttpServer;
  let url: string;
  const bin = tempFolder('keel-bin-');
  const gitLog = path.join(bin, 'argv.log');

  beforeAll(async () => {
    const repo = buildGitRepo({ 'README.md': '# private\n', 'src/a.ts': 'export const a = 1;\n' });
    const served = tempFolder('keel-served-');
    execFileSync('git', ['clone', '-q', '--bare', repo.dir, path.join(served, 'app.git')]);
    server = await startGitHttpServer(served, TOKEN);
    url = `${server.url}app.git`;
    // A `git` ahead of the real one on PATH that logs every command line keel runs.
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    mkdirSync(bin, { recursive: true });
    writeFileSync(
      path.join(bin, 'git'),
      `#!/bin/sh\nprintf '%s\\n' "$*" >> '${gitLog}'\nexec '${realGit}' "$@"\n`,
    );
    chmodSync(path.join(bin, 'git'), 0o755);
  });
  afterAll(() => server.close());

  it('clones a private repository with the token from the named variable, and leaves it nowhere', async () => {
    const cache = tempFolder('keel-cache-');
    const env = { AUDIT_TOKEN: TOKEN, KEEL_CACHE_DIR: cache, PATH: `${bin}:${process.env.PATH}` };

    const run = await runKeel(
      ['audit', url, '--token-env', 'AUDIT_TOKEN', '--format', 'json'],
      env,
    );

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ totals: { files: 2 } });
    expect(server.authorizations.some((header) => header.startsWith('Basic '))).toBe(true);
    const argv = readFileSync(gitLog, 'utf8');
    expect(argv).toContain(`clone --quiet --no-recurse-submodules --no-local -- ${url}`);
    expect(argv).not.toContain(TOKEN);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
    const clone = cacheDirFor(url, cache);
    expect(readFileSync(path.join(clone, '.git', 'config'), 'utf8')).toContain(`url = ${url}`);
    expect(contentsOf(clone)).not.toContain(TOKEN);
  });

  it('fails without the token, and on a variable that is not set, naming it (exit 2)', async () => {
    const cache = tempFolder('keel-cache-');

    const without = await runKeel(['audit', url], { KEEL_CACHE_DIR: cache });
    const unset = await runKeel(['audit', url, '--token-env', 'NO_SUCH_TOKEN_VAR'], {
      KEEL_CACHE_DIR: cache,
    });

    expect(without.code).toBe(2);
    expect(without.stderr).toMatch(/git clone failed/);
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain(
      '--token-env NO_SUCH_TOKEN_VAR: the environment variable NO_SUCH_TOKEN_VAR is not set',
    );
  });

  it('refuses a URL holding a password and points to --token-env, without printing it', async () => {
    const withPassword = url.replace('http://', `http://me:${TOKEN}@`);

    const run = await runKeel(['audit', withPassword], {});

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('refused git URL: pass the token with --token-env VAR');
    expect(run.stderr).not.toContain(TOKEN);
  });
});
