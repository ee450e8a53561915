import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildRepo, fakeToken } from './fixtures/git-repo.ts';
import { findLivePaths } from './presence.ts';

/**
 * `count` tags, each on its own commit with its own tree (one file, `n.txt`, holding its number),
 * written by one `git fast-import`; the last tag's tree also holds `leak.env` with `secret`.
 */
function tagMany(dir: string, count: number, secret: string) {
  const lines: string[] = [];
  for (let n = 1; n <= count; n++) {
    const body = `${n}\n`;
    const leak = n === count ? `GITHUB_TOKEN=${secret}\n` : '';
    lines.push(
      `commit refs/tags/t${n}`,
      `committer Dev One <dev@acme.io> ${1_700_000_000 + n} +0000`,
      'data 1',
      'x',
      'deleteall',
      `M 644 inline n.txt`,
      `data ${Buffer.byteLength(body)}`,
      body.trimEnd(),
      ...(leak ? ['M 644 inline leak.env', `data ${Buffer.byteLength(leak)}`, leak.trimEnd()] : []),
      '',
    );
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: lines.join('\n') + '\n' });
}

describe('presence of a secret at ref tips', () => {
  it('finds a secret at one tag among more tips than fit on one git command line', async () => {
    const repo = buildRepo();
    repo.write('README.md', '# app\n');
    repo.commit('init');
    const secret = `ghp_${fakeToken('{A:36}', 41)}`;
    // 60,000 tree ids are 2.5 MB of arguments, past Linux's usual 2 MB limit for one command.
    tagMany(repo.dir, 60_000, secret);

    const live = await findLivePaths(repo.dir, [secret]);

    expect([...live.get(secret)!]).toEqual(['leak.env']);
  }, 300_000);
});
