/**
 * `keel audit <private https URL> --token-env VAR`: the token reaches git through the
 * environment only — never in a git command line, the output or the clone on disk.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheDirFor } from '../../src/engines/git-source/git-source.ts';
import { tempFolder } from '../server/scan-factories.ts';
import { recordGitCommandLines, servePrivateRepo, type GitHttpServer } from './git-http-server.ts';
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
  const git = recordGitCommandLines();

  beforeAll(async () => {
    ({ server, url } = await servePrivateRepo(
      { 'README.md': '# private\n', 'src/a.ts': 'export const a = 1;\n' },
      TOKEN,
    ));
  });
  afterAll(() => server.close());

  it('clones a private repository with the token from the named variable, and leaves it nowhere', async () => {
    const cache = tempFolder('keel-cache-');
    const env = { AUDIT_TOKEN: TOKEN, KEEL_CACHE_DIR: cache, PATH: git.path };

    const run = await runKeel(
      ['audit', url, '--token-env', 'AUDIT_TOKEN', '--format', 'json'],
      env,
    );

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ totals: { files: 2 } });
    expect(server.authorizations.some((header) => header.startsWith('Basic '))).toBe(true);
    const argv = git.argv();
    expect(argv).toContain(`clone --quiet --no-recurse-submodules --no-local -- ${url}`);
    expect(argv).not.toContain(TOKEN);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
    const clone = cacheDirFor(url, cache);
    expect(readFileSync(path.join(clone, '.git', 'config'), 'utf8')).toContain(`url = ${url}`);
    expect(contentsOf(clone)).not.toContain(TOKEN);
  });

  it('sends the user name in KEEL_GIT_USER with the token, and refuses one that is not a plain user name (exit 2)', async () => {
    const env = { AUDIT_TOKEN: TOKEN, KEEL_CACHE_DIR: tempFolder('keel-cache-') };
    const first = server.authorizations.length;

    const run = await runKeel(['audit', url, '--token-env', 'AUDIT_TOKEN', '--format', 'json'], {
      ...env,
      KEEL_GIT_USER: 'x-token-auth',
    });
    const sent = server.authorizations
      .slice(first)
      .filter((header) => header.startsWith('Basic '))
      .map((header) => Buffer.from(header.slice(6), 'base64').toString('utf8'));
    const requestsBefore = server.authorizations.length;
    const refused = await runKeel(['audit', url, '--token-env', 'AUDIT_TOKEN'], {
      ...env,
      KEEL_GIT_USER: 'me:secret',
    });

    expect(run.code).toBe(0);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent).toEqual(sent.map(() => `x-token-auth:${TOKEN}`));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'KEEL_GIT_USER is refused: a user name may not contain ":" (it would be read as user name and password)',
    );
    expect(refused.stderr).not.toContain('secret');
    expect(server.authorizations.length).toBe(requestsBefore);
  });

  it('fails without the token, and on a variable that is not set, naming it (exit 2)', async () => {
    const cache = tempFolder('keel-cache-');

    const without = await runKeel(['audit', url], { KEEL_CACHE_DIR: cache });
    const unset = await runKeel(['audit', url, '--token-env', 'NO_SUCH_TOKEN_VAR'], {
      KEEL_CACHE_DIR: cache,
    });

    expect(without.code).toBe(2);
    expect(without.stderr).toContain(
      `git clone failed: authentication required: ${url} asks for credentials and no access token was given; put the token in an environment variable and pass --token-env VAR`,
    );
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain(
      '--token-env NO_SUCH_TOKEN_VAR: the environment variable NO_SUCH_TOKEN_VAR is not set',
    );
  });

  it('refuses a URL carrying a token or a password before git runs, masking it, and points to --token-env', async () => {
    const withToken = url.replace('http://', `http://${TOKEN}@`);
    const withPassword = url.replace('http://', `http://me:${TOKEN}@`);
    const requestsBefore = server.authorizations.length;
    const linesBefore = git.argv();

    const runs = [
      await runKeel(['audit', withToken], { PATH: git.path }),
      await runKeel(['audit', withPassword, '--token-env', 'AUDIT_TOKEN'], {
        AUDIT_TOKEN: TOKEN,
        PATH: git.path,
      }),
    ];

    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `refused git URL ${url.replace('http://', 'http://***@')}: the URL carries credentials; put the token in an environment variable and pass --token-env VAR`,
      );
      expect(run.stdout + run.stderr).not.toContain(TOKEN);
    }
    expect(server.authorizations.length).toBe(requestsBefore);
    expect(git.argv()).toBe(linesBefore);
  });
});
