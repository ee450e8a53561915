/**
 * The audit and security contributions to the weekly founder report (plain words, Flesch ≥ 50,
 * evidence links) and to the portfolio home's attention list (urgency 95 / 60 / 55).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { auditsReportContributor } from '../../src/server/audits/audits.report.ts';
import { auditRuns, scanRuns } from '../../src/server/db/schema.ts';
import { readingEase } from '../../src/server/reports/readability.ts';
import type { ReportWeek } from '../../src/server/reports/contributor.ts';
import { securityAttentionSource } from '../../src/server/security/security.attention.ts';
import { securityReportContributor } from '../../src/server/security/security.report.ts';
import { createClientRow } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { createFindingRow, createRepositoryRow } from './scan-factories.ts';

const day = 86_400_000;

describe('audit and security lines in the report and on the portfolio home', () => {
  let server: TestServer;
  let clientId: string;
  let quietClientId: string;
  let week: ReportWeek;

  beforeAll(async () => {
    server = await startTestServer();
    const db = server.ctx.db;
    clientId = (await createClientRow(db, { name: 'Acme' })).id;
    quietClientId = (await createClientRow(db, { name: 'Quiet' })).id;
    const repo = await createRepositoryRow(db, clientId, { name: 'shop' });
    const quietRepo = await createRepositoryRow(db, quietClientId, { name: 'site' });
    const now = Date.now();
    week = {
      clientId,
      start: new Date(now - 3 * day),
      end: new Date(now + 4 * day),
      timeZone: 'UTC',
    };
    await db.insert(auditRuns).values([
      {
        clientId,
        repositoryId: repo.id,
        status: 'succeeded',
        trigger: 'schedule',
        score: 6.1,
        level: 'bronze',
        createdAt: new Date(now - 8 * day),
      },
      {
        clientId,
        repositoryId: repo.id,
        status: 'succeeded',
        trigger: 'schedule',
        score: 7.4,
        level: 'silver',
        createdAt: new Date(now - day),
      },
    ]);
    await db.insert(scanRuns).values([
      {
        clientId,
        repositoryId: repo.id,
        kind: 'secrets',
        status: 'succeeded',
        trigger: 'schedule',
        createdAt: new Date(now - 2 * day),
      },
      {
        clientId,
        repositoryId: repo.id,
        kind: 'deps',
        status: 'failed',
        trigger: 'schedule',
        error: 'git clone failed: repository not found',
        createdAt: new Date(now - day),
      },
      {
        clientId: quietClientId,
        repositoryId: quietRepo.id,
        kind: 'secrets',
        status: 'succeeded',
        trigger: 'schedule',
      },
    ]);
    await createFindingRow(db, clientId, repo.id, {
      kind: 'secret',
      severity: 'critical',
      title: 'GitHub token in config.ts',
    });
    await createFindingRow(db, clientId, repo.id, {
      severity: 'high',
      firstSeenAt: new Date(now - 30 * day),
    });
    await createFindingRow(db, clientId, repo.id, {
      severity: 'medium',
      status: 'accepted',
      acceptedReason: 'only in the admin tool',
      acceptedUntil: new Date(now + 3 * day).toISOString().slice(0, 10),
    });
  });

  it('writes a quality line with score, level and change, and security lines, in plain words', async () => {
    const quality = await auditsReportContributor.lines(server.ctx, week);
    const security = await securityReportContributor.lines(server.ctx, week);
    const quiet = await securityReportContributor.lines(server.ctx, {
      ...week,
      clientId: quietClientId,
    });

    expect(quality).toEqual([
      expect.objectContaining({
        section: 'quality',
        text: 'Code health of shop is 7.4 out of 10 (Silver level). Up 1.3 since the last check.',
        signal: 'green',
      }),
    ]);
    expect(quality[0]!.evidence.href).toMatch(new RegExp(`^/clients/${clientId}/audits/`));
    expect(security.map((l) => l.signal)).toEqual(['red', 'red']);
    expect(security[0]!.text).toBe(
      'We found 1 new serious security problem this week, 1 of them urgent. We are fixing them first.',
    );
    expect(security[1]!.text).toBe(
      '2 security problems are still open: 1 urgent, 1 serious, 0 minor.',
    );
    expect(quiet.map((l) => [l.text, l.signal])).toEqual([
      ['Our scans for leaked keys and weak packages found no open problems.', 'green'],
    ]);
    expect(
      readingEase([...quality, ...security, ...quiet].map((l) => l.text)),
    ).toBeGreaterThanOrEqual(50);
  });

  it('puts a new critical finding, a failed scan and an expiring acceptance on the home page', async () => {
    const items = await securityAttentionSource.items(server.ctx, [clientId, quietClientId]);
    const hidden = await securityAttentionSource.items(server.ctx, [quietClientId]);

    expect(items.map((i) => [i.kind, i.urgency]).sort()).toEqual([
      ['security-acceptance-expiring', 55],
      ['security-critical-finding', 95],
      ['security-scan-failed', 60],
    ]);
    expect(items.every((i) => i.clientId === clientId)).toBe(true);
    expect(items.find((i) => i.urgency === 60)!.text).toContain('dependency scan of shop failed');
    expect(hidden).toEqual([]);
  });
});
