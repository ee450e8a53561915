/**
 * Security scans end to end on real git repositories: secrets stored masked and mailed to the
 * owners once; dependency findings matched against advisories imported into the database, then
 * fixed and reopened as the lockfile changes; accepted risks that expire; the posture checklist
 * from evidence and manual answers; the advisory import (idempotent, incremental, counted).
 */
import { join } from 'node:path';
import { mkdirSync, writeFileSync, copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { importAdvisories } from '../../src/server/advisories/advisories.service.ts';
import { outbox, scanRuns, securityFindings } from '../../src/server/db/schema.ts';
import { sendStored } from '../../src/server/mail/outbox.ts';
import { executeScanRun } from '../../src/server/security/scans.service.ts';
import type { PostureItem, Repository, ScanRun, SecurityFinding } from '../../src/shared/scans.ts';
import { createClientRow, signedInAs } from './factories.ts';
import { startTestServer, type ApiClient, type TestServer } from './harness.ts';
import { buildGitRepo } from './scan-factories.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';

const SECRET = 'ghp_' + 'R8xK2mPq7Lw9Zt4Vb6Nc1Yd3Hf5Jg0Ss8Ua2';
const OSV_FIXTURE = join(import.meta.dirname, 'fixtures', 'osv');

function packageLock(lodash: string): string {
  return JSON.stringify(
    {
      name: 'shop',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'shop', version: '1.0.0', dependencies: { lodash: `^${lodash}` } },
        'node_modules/lodash': {
          version: lodash,
          resolved: `https://registry.npmjs.org/lodash/-/lodash-${lodash}.tgz`,
        },
      },
    },
    null,
    2,
  );
}

interface Findings {
  openBySeverity: Record<string, number>;
  acceptedCount: number;
  findings: SecurityFinding[];
}

describe('security scans, findings and posture', () => {
  let server: TestServer;
  let sink: SmtpSink;
  let owner: ApiClient;
  let founder: ApiClient;
  let clientId: string;

  const scan = async (repositoryId: string, kinds: ('secrets' | 'deps')[]) => {
    const queued = await owner.post<{ runs: ScanRun[] }>(
      `/api/v1/clients/${clientId}/repositories/${repositoryId}/scans`,
      { kinds },
    );
    for (const run of queued.body.runs) await executeScanRun(server.ctx, run.id);
    return queued.body.runs;
  };
  const findings = async (query = '') =>
    (await founder.get<Findings>(`/api/v1/clients/${clientId}/security/findings${query}`)).body;
  const connect = async (url: string) =>
    (
      await owner.post<Repository>(`/api/v1/clients/${clientId}/repositories`, {
        kind: 'git',
        location: url,
      })
    ).body;

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestServer({ config: { gitAllowFileUrls: true, smtpUrl: sink.url } });
    clientId = (await createClientRow(server.ctx.db, { name: 'Acme Shop' })).id;
    owner = (await signedInAs(server, { role: 'owner' })).api;
    founder = (await signedInAs(server, { role: 'founder', clientIds: [clientId] })).api;
    return () => sink.close();
  });

  it('imports advisories idempotently, updates modified records and counts malformed ones', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'keel-osv-'));
    mkdirSync(join(folder, 'npm'));
    for (const file of [
      'GHSA-crit-0001-0001.json',
      'GHSA-high-0002-0002.json',
      'PYSEC-other.json',
      'broken.json',
    ])
      copyFileSync(join(OSV_FIXTURE, 'npm', file), join(folder, 'npm', file));

    const first = await importAdvisories({ db: server.ctx.db, path: folder });
    const again = await importAdvisories({ db: server.ctx.db, path: folder });
    const record = JSON.parse(
      (await import('node:fs')).readFileSync(join(folder, 'npm', 'PYSEC-other.json'), 'utf8'),
    ) as { modified: string; summary: string };
    writeFileSync(
      join(folder, 'npm', 'PYSEC-other.json'),
      JSON.stringify({ ...record, modified: '2025-01-01T00:00:00Z', summary: 'changed' }),
    );
    const incremental = await importAdvisories({ db: server.ctx.db, path: folder });
    const status = await founder.get<{ advisories: number; imports: unknown[] }>(
      '/api/v1/advisories',
    );

    expect(first.ok && first.value).toMatchObject({ inserted: 3, updated: 0, skippedMalformed: 1 });
    expect(again.ok && again.value).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect(incremental.ok && incremental.value).toMatchObject({
      inserted: 0,
      updated: 1,
      unchanged: 2,
    });
    expect(status.body.advisories).toBe(3);
    expect(status.body.imports).toHaveLength(3);
  });

  it('stores secrets masked, merges tree and history into one finding, and emails the owners once', async () => {
    const origin = buildGitRepo({ 'src/config.ts': `export const token = '${SECRET}';\n` });
    const repo = await connect(origin.url);

    const [first] = await scan(repo.id, ['secrets']);
    await scan(repo.id, ['secrets']);
    const list = await findings();
    const rows = await server.ctx.db
      .select()
      .from(securityFindings)
      .where(eq(securityFindings.repositoryId, repo.id));
    const mails = await server.ctx.db
      .select()
      .from(outbox)
      .where(eq(outbox.kind, 'security.critical'));
    await sendStored(server.ctx, mails[0]!.id);
    const delivered = await sink.waitFor((m) => m.subject.includes('critical'));

    expect(first!.status).toBe('queued');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'secret', severity: 'critical', status: 'open' });
    expect(list.openBySeverity.critical).toBe(1);
    expect(list.findings[0]!.detail).toMatchObject({ file: 'src/config.ts', presence: 'current' });
    expect(mails).toHaveLength(1);
    expect(delivered.subject).toContain('Acme Shop');
    const everything = [
      JSON.stringify(rows),
      JSON.stringify(list),
      JSON.stringify(mails),
      delivered.text,
      server.logs(),
    ].join('\n');
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(SECRET.slice(4, 20));
  });

  it('matches dependencies against the stored advisories; an upgrade fixes them, a downgrade reopens', async () => {
    const origin = buildGitRepo({ 'package-lock.json': packageLock('4.17.11') });
    const repo = await connect(origin.url);

    await scan(repo.id, ['deps']);
    const vulnerable = await findings('?kind=dependency');
    origin.write({ 'package-lock.json': packageLock('4.17.21') });
    origin.commit('upgrade lodash');
    const [upgradeRun] = await scan(repo.id, ['deps']);
    const afterUpgrade = await findings('?kind=dependency&status=fixed');
    origin.write({ 'package-lock.json': packageLock('4.17.11') });
    origin.commit('oops');
    await scan(repo.id, ['deps']);
    const reopened = await findings('?kind=dependency');
    const runs = await founder.get<{ runs: ScanRun[] }>(`/api/v1/clients/${clientId}/scans`);

    expect(vulnerable.findings.map((f) => f.severity).sort()).toEqual(['critical', 'high']);
    expect(vulnerable.findings[0]!.detail).toMatchObject({
      package: 'lodash',
      installedVersion: '4.17.11',
    });
    expect(afterUpgrade.findings).toHaveLength(2);
    expect(runs.body.runs.find((r) => r.id === upgradeRun!.id)!.summary).toMatchObject({
      fixed: 2,
    });
    expect(reopened.findings).toHaveLength(2);
    expect(reopened.findings.every((f) => f.status === 'open')).toBe(true);
  });

  it('accepts a risk with a reason and a date, refuses bad input, and reopens it when the date passes', async () => {
    const { findings: open } = await findings('?kind=dependency&severity=high');
    const finding = open[0]!;
    const path = `/api/v1/clients/${clientId}/security/findings/${finding.id}`;
    const future = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);

    const pastDate = await owner.post(`${path}/accept`, {
      reason: 'behind the VPN only',
      until: '2020-01-01',
    });
    const noReason = await owner.post(`${path}/accept`, { reason: 'ok', until: future });
    const byFounder = await founder.post(`${path}/accept`, {
      reason: 'behind the VPN only',
      until: future,
    });
    const unchanged = (await findings('?status=all')).findings.find((f) => f.id === finding.id);
    const accepted = await owner.post<SecurityFinding>(`${path}/accept`, {
      reason: 'behind the VPN only',
      until: future,
    });
    const counted = await findings();
    await server.ctx.db
      .update(securityFindings)
      .set({ acceptedUntil: '2020-01-01' })
      .where(eq(securityFindings.id, finding.id));
    const expired = (await findings('?status=all')).findings.find((f) => f.id === finding.id);
    const reopenOpen = await owner.post(`${path}/reopen`);
    await owner.post(`${path}/accept`, { reason: 'behind the VPN only', until: future });
    const reopened = await owner.post<SecurityFinding>(`${path}/reopen`);

    expect(pastDate.status).toBe(400);
    expect(pastDate.body).toMatchObject({ error: { details: [{ path: 'body.until' }] } });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ error: { details: [{ path: 'body.reason' }] } });
    expect(byFounder.status).toBe(403);
    expect(unchanged!.status).toBe('open');
    expect(accepted.body).toMatchObject({ status: 'accepted', acceptedUntil: future });
    expect(counted.acceptedCount).toBe(1);
    expect(expired!.status).toBe('open');
    expect(reopenOpen.status).toBe(400);
    expect(reopened.body).toMatchObject({
      status: 'open',
      acceptedUntil: null,
      acceptedReason: null,
    });
  });

  it('keeps a failed scan visible with its reason', async () => {
    const repo = await connect(`file://${join(tmpdir(), 'keel-no-such-repo.git')}`);

    const [run] = await scan(repo.id, ['secrets']);
    const runs = await founder.get<{ runs: ScanRun[] }>(`/api/v1/clients/${clientId}/scans`);

    const failed = runs.body.runs.find((r) => r.id === run!.id)!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/clone failed/);
  });

  it('fills the checklist from evidence, lets a manual answer override it, and falls back when cleared', async () => {
    const base = `/api/v1/clients/${clientId}/posture`;

    const before = await founder.get<{ items: PostureItem[] }>(base);
    const answered = await owner.request<PostureItem>('PUT', `${base}/secrets-management`, {
      status: 'partial',
      owner: 'Dana (CTO)',
      dueDate: '2027-01-31',
      evidenceUrl: 'https://wiki.acme.test/secrets',
    });
    const badStatus = await owner.request('PUT', `${base}/mfa`, { status: 'maybe' });
    const badLink = await owner.request('PUT', `${base}/mfa`, {
      status: 'yes',
      evidenceUrl: 'javascript:alert(1)',
    });
    const unknown = await owner.request('PUT', `${base}/not-an-item`, { status: 'yes' });
    const byFounder = await founder.request('PUT', `${base}/mfa`, { status: 'yes' });
    const cleared = await owner.request<PostureItem>('DELETE', `${base}/secrets-management`);

    const secrets = before.body.items.find((i) => i.key === 'secrets-management')!;
    expect(before.body.items.length).toBeGreaterThanOrEqual(15);
    expect(secrets).toMatchObject({ source: 'evidence', status: 'no' });
    expect(before.body.items.find((i) => i.key === 'dependencies-patched')).toMatchObject({
      source: 'evidence',
      status: 'no',
    });
    expect(before.body.items.find((i) => i.key === 'mfa')).toMatchObject({
      source: 'none',
      status: null,
    });
    expect(answered.body).toMatchObject({
      source: 'manual',
      status: 'partial',
      evidenceStatus: 'no',
      owner: 'Dana (CTO)',
      dueDate: '2027-01-31',
    });
    expect(answered.body.evidence).toMatch(/open secret/);
    expect(badStatus.status).toBe(400);
    expect(badLink.status).toBe(400);
    expect(unknown.status).toBe(404);
    expect(byFounder.status).toBe(403);
    expect(cleared.body).toMatchObject({ source: 'evidence', status: 'no', owner: null });
  });

  it('counts the rows it should: one scan run per kind requested, none for a bad request', async () => {
    const repo = await connect(buildGitRepo({ 'a.txt': 'a\n' }).url);
    const countRuns = async () =>
      (await server.ctx.db.select({ n: sql<number>`count(*)::int` }).from(scanRuns))[0]!.n;
    const before = await countRuns();

    const bad = await owner.post(`/api/v1/clients/${clientId}/repositories/${repo.id}/scans`, {
      kinds: ['viruses'],
    });
    const good = await owner.post<{ runs: ScanRun[] }>(
      `/api/v1/clients/${clientId}/repositories/${repo.id}/scans`,
      {},
    );

    expect(bad.status).toBe(400);
    expect(good.status).toBe(202);
    expect(good.body.runs.map((r) => r.kind).sort()).toEqual(['deps', 'secrets']);
    expect(await countRuns()).toBe(before + 2);
  });
});
