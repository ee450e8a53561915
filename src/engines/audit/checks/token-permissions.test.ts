import { describe, expect, it } from 'vitest';
import { checkContext } from '../testing/check-context.ts';
import { tokenPermissions } from './token-permissions.ts';

/** A workflow whose two jobs each restrict their token, indented by `indent` spaces. */
function perJob(indent: number): string {
  const at = (level: number, text: string) => ' '.repeat(indent * level) + text;
  return [
    'on: push',
    'jobs:',
    at(1, 'build:'),
    at(2, 'runs-on: ubuntu-latest'),
    at(2, 'permissions:'),
    at(3, 'contents: read'),
    at(2, 'steps:'),
    at(3, '- run: make'),
    at(1, 'release:'),
    at(2, 'permissions: { contents: write }'),
    at(2, 'runs-on: ubuntu-latest'),
    at(2, 'steps:'),
    at(3, '- run: make release'),
  ].join('\n');
}

describe('token-permissions check', () => {
  it('reads job permissions at any indentation', async () => {
    const context = checkContext({
      '.github/workflows/two.yml': perJob(2),
      '.github/workflows/four.yml': perJob(4),
      '.github/workflows/three.yml': perJob(3),
    });

    const outcome = await tokenPermissions.run(context);

    expect(outcome).toMatchObject({ score: 10, findings: [] });
  });

  it('fails a workflow with an unrestricted job, write-all, or no permissions at all', async () => {
    const oneJobOpen = perJob(4).replace('        permissions:\n            contents: read\n', '');
    const context = checkContext({
      '.github/workflows/a.yml': oneJobOpen,
      '.github/workflows/b.yml': 'on: push\npermissions: write-all\njobs: {}\n',
      '.github/workflows/c.yml': 'on: push\njobs:\n    a:\n        permissions: write-all\n',
      '.github/workflows/d.yml': 'on: push\npermissions:\n    contents: read\njobs: {}\n',
    });

    const outcome = await tokenPermissions.run(context);

    expect(outcome.score).toBe(2.5);
    expect(outcome.findings.map((finding) => [finding.path, finding.line, finding.key])).toEqual([
      ['.github/workflows/a.yml', 1, 'missing'],
      ['.github/workflows/b.yml', 2, 'write-all'],
      ['.github/workflows/c.yml', 4, 'write-all'],
    ]);
  });
});
