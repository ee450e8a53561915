/**
 * `keel secrets <private https URL> --token-env VAR`, against a real password-protected git HTTP
 * server: the same token path as `keel audit` (environment only, never argv, output or the
 * clone), plain errors when the token is missing or refused, and URLs carrying credentials
 * refused before git runs, with the credential masked in the message.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheDirFor } from '../../src/engines/git-source/git-source.ts';
import { tempFolder } from '../server/scan-factories.ts';
import { recordGitCommandLines, servePrivateRepo, type GitHttpServer } from './git-http-server.ts';
import { runKeel } from './run-keel.ts';

const TOKEN = 'zq-scan-token-4c7e19a05b3d';
const PLANTED = 'ghp_' + 'R8xK2mPq7Lw9Zt4Vb6Nc1Yd3Hf5Jg0Ss8Ua2';

describe('keel secrets --token-env', { timeout: 300_000 }, () => {
  let server: GitHttpServer;
  let url: string;
  const git = recordGitCommandLines();

  beforeAll(async () => {
    ({ server, url } = await servePrivateRepo(
      { 'README.md': '# private\n', 'config.ts': `export const token = '${PLANTED}';\n` },
      TOKEN,
    ));
  });
  afterAll(() => server.close());

  it('finds a planted secret in a private repository, the token going through the environment only', async () => {
    const cache = tempFolder('keel-cache-');

    const run = await runKeel(
      ['secrets', url, '--token-env', 'SCAN_TOKEN', '--history', '--format', 'json'],
      { SCAN_TOKEN: TOKEN, KEEL_CACHE_DIR: cache, PATH: git.path },
    );

    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      target: url,
      findings: [{ ruleId: 'github-pat', file: 'config.ts' }],
    });
    expect(server.authorizations.some((header) => header.startsWith('Basic '))).toBe(true);
    expect(git.argv()).toContain(`clone --quiet --no-recurse-submodules --no-local -- ${url}`);
    expect(git.argv()).not.toContain(TOKEN);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
    expect(run.stdout + run.stderr).not.toContain(PLANTED);
    const config = readFileSync(path.join(cacheDirFor(url, cache), '.git', 'config'), 'utf8');
    expect(config).toContain(`url = ${url}`);
    expect(config).not.toContain(TOKEN);
  });

  it('fails clearly without a token, with a token the server refuses, and on an unset or empty variable', async () => {
    const cache = tempFolder('keel-cache-');
    const wrong = 'zq-wrong-token-0d2b8e71f6a4';

    const without = await runKeel(['secrets', url], { KEEL_CACHE_DIR: cache });
    const refused = await runKeel(['secrets', url, '--token-env', 'SCAN_TOKEN'], {
      SCAN_TOKEN: wrong,
      KEEL_CACHE_DIR: cache,
    });
    const unset = await runKeel(['secrets', url, '--token-env', 'NO_SUCH_SCAN_TOKEN'], {});
    const empty = await runKeel(['secrets', url, '--token-env', 'SCAN_TOKEN'], { SCAN_TOKEN: '' });

    expect(without.code).toBe(2);
    expect(without.stderr).toContain(
      `authentication required: ${url} asks for credentials and no access token was given; put the token in an environment variable and pass --token-env VAR`,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `authentication failed for ${url}: the server refused the access token`,
    );
    expect(refused.stdout + refused.stderr).not.toContain(wrong);
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain(
      '--token-env NO_SUCH_SCAN_TOKEN: the environment variable NO_SUCH_SCAN_TOKEN is not set',
    );
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain(
      '--token-env SCAN_TOKEN: the environment variable SCAN_TOKEN is empty',
    );
  });

  it('refuses URLs carrying credentials before git runs, masked; keel deps refuses them too', async () => {
    const masked = url.replace('http://', 'http://***@');
    const requestsBefore = server.authorizations.length;
    const linesBefore = git.argv();

    const asUser = await runKeel(['secrets', url.replace('http://', `http://${TOKEN}@`)], {
      PATH: git.path,
    });
    const asPassword = await runKeel(
      ['secrets', url.replace('http://', `http://x-access-token:${TOKEN}@`), '--history'],
      { PATH: git.path },
    );
    const deps = await runKeel(
      ['deps', url.replace('http://', `http://${TOKEN}@`), '--no-database'],
      {},
    );

    for (const run of [asUser, asPassword]) {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `refused git URL ${masked}: the URL carries credentials; put the token in an environment variable and pass --token-env VAR`,
      );
      expect(run.stdout + run.stderr).not.toContain(TOKEN);
    }
    expect(server.authorizations.length).toBe(requestsBefore);
    expect(git.argv()).toBe(linesBefore);
    expect(deps.code).toBe(2);
    expect(deps.stderr).toContain(`${masked}: keel deps reads a folder, not a git URL`);
    expect(deps.stdout + deps.stderr).not.toContain(TOKEN);
  });

  it('documents --token-env in keel secrets --help', async () => {
    const help = await runKeel(['secrets', '--help'], {});

    expect(help.stdout).toMatch(/--token-env <VAR>\s+clone a private https URL/);
  });
});
