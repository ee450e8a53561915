import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRepo } from './fixtures/git-repo.ts';
import { cloneToCache, isGitUrl, validateGitUrl } from './git-url.ts';

describe('git URL targets', () => {
  const previous = process.env.KEEL_CACHE_DIR;
  afterEach(() => {
    if (previous === undefined) delete process.env.KEEL_CACHE_DIR;
    else process.env.KEEL_CACHE_DIR = previous;
  });

  it('tells URLs from folders', () => {
    expect(
      ['https://git.acme.io/a/b.git', 'git@git.acme.io:a/b.git', 'ssh://git@h/a.git'].every(
        isGitUrl,
      ),
    ).toBe(true);
    expect(['.', './src', '/tmp/repo'].some(isGitUrl)).toBe(false);
  });

  it('refuses option injection, transport helpers and file:// unless allowed', () => {
    const refused = [
      '--upload-pack=touch /tmp/x',
      'ext::sh -c touch% /tmp/pwned',
      'https://h/a.git --upload-pack=x',
      'file:///etc',
      '-cfoo=bar',
    ];

    const results = refused.map((url) => validateGitUrl(url));

    expect(results.every((r) => !r.ok)).toBe(true);
    expect(validateGitUrl('file:///srv/repo.git', { isFileAllowed: true }).ok).toBe(true);
  });

  it('clones into $KEEL_CACHE_DIR and refreshes on the next run', async () => {
    const origin = buildRepo();
    origin.write('README.md', 'hello\n');
    origin.commit('init');
    process.env.KEEL_CACHE_DIR = mkdtempSync(join(tmpdir(), 'keel-cache-'));

    const first = await cloneToCache(`file://${origin.dir}`, { isFileAllowed: true });
    origin.write('more.txt', 'x\n');
    origin.commit('more');
    const second = await cloneToCache(`file://${origin.dir}`, { isFileAllowed: true });

    expect(first.ok && first.value.startsWith(process.env.KEEL_CACHE_DIR)).toBe(true);
    expect(second.ok && second.value).toBe(first.ok && first.value);
  });
});
