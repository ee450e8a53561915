/**
 * A dependency finding stays the same finding when an advisory import adds an alias record for
 * it (a GHSA record for a PYSEC one): same row, accepted risk kept, no second critical email.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { importAdvisories } from '../../src/server/advisories/advisories.service.ts';
import { outbox } from '../../src/server/db/schema.ts';
import { executeScanRun, stableVulnerabilityId } from '../../src/server/security/scans.service.ts';
import type { Repository, ScanRun, SecurityFinding } from '../../src/shared/scans.ts';
import { createClientRow, signedInAs } from './factories.ts';
import { startTestServer, type ApiClient, type TestServer } from './harness.ts';
import { buildGitRepo } from './scan-factories.ts';

const critical = [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }];
const affects = (name: string, fixed: string) => [
  {
    package: { ecosystem: 'PyPI', name },
    ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
  },
];

function osvFolder(records: object[]): string {
  const folder = mkdtempSync(join(tmpdir(), 'keel-osv-'));
  mkdirSync(join(folder, 'PyPI'));
  for (const record of records)
    writeFileSync(
      join(folder, 'PyPI', `${(record as { id: string }).id}.json`),
      JSON.stringify(record),
    );
  return folder;
}

describe('dependency finding identity across advisory imports', () => {
  let server: TestServer;
  let owner: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ config: { gitAllowFileUrls: true } });
    owner = (await signedInAs(server, { role: 'owner' })).api;
  });

  it('prefers the lowest CVE id, else the smallest id', () => {
    expect(
      stableVulnerabilityId(['GHSA-aaaa', 'PYSEC-2021-142', 'CVE-2021-9', 'CVE-2020-14343']),
    ).toBe('CVE-2020-14343');
    expect(stableVulnerabilityId(['PYSEC-2019-1', 'GHSA-zzzz'])).toBe('GHSA-zzzz');
  });

  it('keeps the row, its accepted risk and its first email when a GHSA alias is imported', async () => {
    const clientId = (await createClientRow(server.ctx.db, { name: 'Acme' })).id;
    const repo = (
      await owner.post<Repository>(`/api/v1/clients/${clientId}/repositories`, {
        kind: 'git',
        location: buildGitRepo({ 'requirements.txt': 'PyYAML==5.3.1\nJinja2==2.10\n' }).url,
      })
    ).body;
    const scan = async () => {
      const queued = await owner.post<{ runs: ScanRun[] }>(
        `/api/v1/clients/${clientId}/repositories/${repo.id}/scans`,
        { kinds: ['deps'] },
      );
      await executeScanRun(server.ctx, queued.body.runs[0]!.id);
      const runs = await owner.get<{ runs: ScanRun[] }>(`/api/v1/clients/${clientId}/scans`);
      const list = await owner.get<{ findings: SecurityFinding[] }>(
        `/api/v1/clients/${clientId}/security/findings?status=all`,
      );
      return { run: runs.body.runs[0]!, findings: list.body.findings };
    };
    await importAdvisories({
      db: server.ctx.db,
      path: osvFolder([
        {
          id: 'PYSEC-2021-142',
          modified: '2021-08-27T03:22:13Z',
          aliases: ['CVE-2020-14343'],
          summary: 'Arbitrary code execution in PyYAML full_load',
          severity: critical,
          affected: affects('PyYAML', '5.4'),
        },
        {
          id: 'PYSEC-2019-217',
          modified: '2021-06-01T00:00:00Z',
          summary: 'Sandbox escape in Jinja2',
          severity: critical,
          affected: affects('Jinja2', '2.10.1'),
        },
      ]),
    });
    const first = await scan();
    const pyyaml = first.findings.find((f) => f.title.startsWith('pyyaml'))!;
    await owner.post(`/api/v1/clients/${clientId}/security/findings/${pyyaml.id}/accept`, {
      reason: 'full_load is never called on user input',
      until: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    });

    await importAdvisories({
      db: server.ctx.db,
      path: osvFolder([
        {
          id: 'GHSA-8q59-q68h-6hv4',
          modified: '2021-09-01T00:00:00Z',
          aliases: ['CVE-2020-14343', 'PYSEC-2021-142'],
          summary: 'Improper Input Validation in PyYAML',
          severity: critical,
          affected: affects('PyYAML', '5.4'),
        },
        {
          id: 'GHSA-462w-v97r-4m45',
          modified: '2021-09-01T00:00:00Z',
          aliases: ['PYSEC-2019-217'],
          summary: 'Jinja2 sandbox escape via string formatting',
          severity: critical,
          affected: affects('Jinja2', '2.10.1'),
        },
      ]),
    });
    const second = await scan();
    const mails = await server.ctx.db
      .select()
      .from(outbox)
      .where(eq(outbox.kind, 'security.critical'));

    expect(first.run.summary).toMatchObject({ new: 2, newCritical: 2 });
    expect(second.run.summary).toMatchObject({ new: 0, fixed: 0, newCritical: 0 });
    expect(second.findings.map((f) => [f.id, f.status]).sort()).toEqual(
      first.findings.map((f) => [f.id, f.id === pyyaml.id ? 'accepted' : 'open']).sort(),
    );
    expect(second.findings.find((f) => f.id === pyyaml.id)!.detail.ids).toContain(
      'GHSA-8q59-q68h-6hv4',
    );
    expect(mails).toHaveLength(1);
  });
});
