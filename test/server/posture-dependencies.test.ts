/**
 * The posture item "dependencies patched" only says "no known vulnerability" when something was
 * checked: advisories imported and at least one lockfile read. Otherwise it says what was missing,
 * and the stored scan summary keeps lockfile errors and the advisory count for the security page.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importAdvisories } from '../../src/server/advisories/advisories.service.ts';
import { executeScanRun } from '../../src/server/security/scans.service.ts';
import type { PostureItem, Repository, ScanRun } from '../../src/shared/scans.ts';
import { createClientRow, signedInAs } from './factories.ts';
import { startTestServer, type ApiClient, type TestServer } from './harness.ts';
import { buildGitRepo } from './scan-factories.ts';

const OSV_FIXTURE = join(import.meta.dirname, 'fixtures', 'osv');
const goodLock = JSON.stringify({
  lockfileVersion: 3,
  packages: {
    '': { name: 'shop', dependencies: { 'left-pad': '^1.3.0' } },
    'node_modules/left-pad': { version: '1.3.0' },
  },
});

describe('dependency evidence on the posture checklist', () => {
  let server: TestServer;
  let owner: ApiClient;

  /** A new client with one repository holding `files`, scanned for dependencies. */
  const scanned = async (files: Record<string, string>) => {
    const clientId = (await createClientRow(server.ctx.db, { name: 'Acme' })).id;
    const repo = (
      await owner.post<Repository>(`/api/v1/clients/${clientId}/repositories`, {
        kind: 'git',
        location: buildGitRepo(files).url,
      })
    ).body;
    const queued = await owner.post<{ runs: ScanRun[] }>(
      `/api/v1/clients/${clientId}/repositories/${repo.id}/scans`,
      { kinds: ['deps'] },
    );
    for (const run of queued.body.runs) await executeScanRun(server.ctx, run.id);
    const posture = await owner.get<{ items: PostureItem[] }>(
      `/api/v1/clients/${clientId}/posture`,
    );
    const runs = await owner.get<{ runs: ScanRun[] }>(`/api/v1/clients/${clientId}/scans`);
    return {
      item: posture.body.items.find((i) => i.key === 'dependencies-patched')!,
      run: runs.body.runs[0]!,
    };
  };

  beforeAll(async () => {
    server = await startTestServer({ config: { gitAllowFileUrls: true } });
    owner = (await signedInAs(server, { role: 'owner' })).api;
  });

  it('says nothing was checked while no advisories are imported', async () => {
    const { item, run } = await scanned({ 'package-lock.json': goodLock });

    expect(item).toMatchObject({ status: null, evidenceStatus: null });
    expect(item.evidence).toMatch(/^Not checked: no advisories imported/);
    expect(run.summary).toMatchObject({ advisories: 0, lockfiles: 1 });
  });

  it('says so when there are no lockfiles, or none could be read', async () => {
    await importAdvisories({ db: server.ctx.db, path: join(OSV_FIXTURE, 'npm') });

    const none = await scanned({ 'README.md': '# Shop\n' });
    const broken = await scanned({
      'package-lock.json': '{ "packages": ',
      'api/requirements.txt': 'requests==2.28.2\n==1.0\n',
      'go.mod': 'module x\n\nnot-a-directive\n',
    });

    expect(none.item).toMatchObject({ status: null });
    expect(none.item.evidence).toBe('Not checked: no lockfiles in the connected repositories.');
    expect(broken.item).toMatchObject({ status: null });
    expect(broken.item.evidence).toBe('Not checked: 3 lockfiles could not be read.');
    expect(broken.run.summary).toMatchObject({ lockfileErrorCount: 3, lockfiles: 0 });
    expect(broken.run.summary.lockfileErrors as string[]).toContainEqual(
      expect.stringMatching(/^api\/requirements\.txt:2: /),
    );
  });

  it('gives "no known vulnerability" only with advisories and a lockfile read', async () => {
    const { item } = await scanned({ 'package-lock.json': goodLock });

    expect(item).toMatchObject({ status: 'yes', source: 'evidence' });
    expect(item.evidence).toBe(
      'The latest dependency scan found no known vulnerability in 1 lockfile.',
    );
  });
});
