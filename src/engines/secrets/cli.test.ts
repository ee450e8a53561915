import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRepo, fakeToken } from './fixtures/git-repo.ts';

const KEEL = resolve(import.meta.dirname, '../../../bin/keel.mjs');
const keel = (...args: string[]) =>
  spawnSync(process.execPath, [KEEL, 'secrets', ...args], { encoding: 'utf8' });

describe('keel secrets (CLI)', () => {
  // Each run pays the CLI's start-up, so one test covers the three exit codes.
  it('exits 1 on blocking findings, 0 when writing a baseline, 2 on bad usage', () => {
    const repo = buildRepo();
    const token = `glpat-${fakeToken('{u:20}', 1)}`;
    repo.write('ci.env', `GITLAB_TOKEN=${token}\n`);
    const baseline = join(repo.dir, 'baseline.json');

    const found = keel(repo.dir, '--format', 'json');
    const written = keel(repo.dir, '--write-baseline', baseline);
    const accepted = keel(repo.dir, '--baseline', baseline, '--history', '--staged');

    expect(found.status).toBe(1);
    expect(JSON.parse(found.stdout)).toMatchObject({
      summary: { blocking: 1 },
      findings: [{ ruleId: 'gitlab-pat', file: 'ci.env' }],
    });
    expect(found.stdout.includes(token)).toBe(false);
    expect(written.status).toBe(0);
    expect(accepted.status).toBe(2);
    expect(accepted.stderr).toMatch(/--history and --staged cannot be combined/);
  }, 120_000);
});
