/**
 * The authorization table: every registered route, walked as an anonymous visitor, a founder
 * of client A, a member assigned to client A, the owner, and a kpi-readings token. It fails when
 * a route is added without an entry here, so no route ships unchecked.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it, beforeAll } from 'vitest';
import { allRoutes } from '../../src/server/http/routes.ts';
import { routeKey } from '../../src/server/http/register-routes.ts';
import type { AnyRoute } from '../../src/server/http/route.ts';
import { ApiClient, startTestServer, type TestServer } from './harness.ts';
import { createClientRow, createUser, signedInAs } from './factories.ts';
import {
  alertChannels,
  incidents,
  monitors,
  maintenanceWindows,
  slos,
  engagements,
  invites,
  leads,
  milestones,
  outbox,
  risks,
  timeEntries,
  userPaths,
  weeklyReports,
  decisions,
  decisionsNeeded,
  features,
  kpiReadings,
  kpis,
} from '../../src/server/db/schema.ts';
import { buildWeeklyReport } from '../../src/server/reports/weekly-report.ts';
import { emptyAdr } from '../../src/engines/adr/types.ts';
import { hashToken } from '../../src/server/auth/tokens.ts';
import {
  createAuditRunRow,
  createFindingRow,
  createRepositoryRow,
  tempFolder,
} from './scan-factories.ts';

interface Fixture {
  server: TestServer;
  clientA: string;
  clientB: string;
}

interface Entry {
  /** Path parameters; `clientId` defaults to the client under test. */
  params?: (f: Fixture) => Promise<Record<string, string>> | Record<string, string>;
  body?: (f: Fixture) => unknown;
  /** A signed-in person's own business (sign out, own password, own tokens): allowed for founders. */
  selfService?: boolean;
  /** A write the client's own founder may make (answering a decision needed). */
  founderWrite?: boolean;
  /** Expected owner status, when not the route's own success status. */
  ownerStatus?: number;
  /** Expected status for a member assigned to client A, checked where a route narrows it. */
  memberStatus?: number;
}

const newInviteId = async (f: Fixture) => {
  const [row] = await f.server.ctx.db
    .insert(invites)
    .values({
      tokenHash: hashToken(crypto.randomUUID()),
      email: `${crypto.randomUUID()}@x.test`,
      role: 'member',
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    .returning();
  return { inviteId: row!.id };
};
const failedMessageId = async (f: Fixture) => {
  const [row] = await f.server.ctx.db
    .insert(outbox)
    .values({ kind: 'test', to: ['a@x.test'], subject: 'S', textBody: 'T', status: 'failed' })
    .returning();
  return { messageId: row!.id };
};
const sentReportId = async (f: Fixture) => {
  const report = await buildWeeklyReport(f.server.ctx, { clientId: f.clientA, timeZone: 'UTC' });
  const [row] = await f.server.ctx.db
    .insert(weeklyReports)
    .values({
      clientId: f.clientA,
      weekStart: report.week.start,
      timeZone: 'UTC',
      trigger: 'manual',
      status: report.status,
      headline: report.headline,
      content: report,
      markdown: '',
      recipients: ['founder@x.test'],
    })
    .returning();
  return { reportId: row!.id };
};
const newPersonId = async (f: Fixture) => ({
  userId: (await createUser(f.server.ctx.db, { role: 'member' })).id,
});

const newUserPathId = async (f: Fixture) => {
  const [row] = await f.server.ctx.db
    .insert(userPaths)
    .values({ clientId: f.clientA, who: 'A founder', goal: 'sign up', priority: 'must' })
    .returning();
  return { userPathId: row!.id };
};
const newRiskId = async (f: Fixture) => {
  const [row] = await f.server.ctx.db
    .insert(risks)
    .values({ clientId: f.clientA, description: 'x', likelihood: 'low', impact: 'low' })
    .returning();
  return { riskId: row!.id };
};
const newMilestoneId = async (f: Fixture) => {
  const [row] = await f.server.ctx.db
    .insert(milestones)
    .values({ clientId: f.clientA, title: 'M', dueDate: '2026-12-01', plannedDate: '2026-12-01' })
    .returning();
  return { milestoneId: row!.id };
};
const newEngagementId = async (f: Fixture) => {
  const [row] = await f.server.ctx.db
    .insert(engagements)
    .values({
      clientId: f.clientA,
      kind: 'retainer',
      title: 'Retainer',
      startDate: '2026-11-01',
      currency: 'EUR',
      monthlyFee: 1500,
      hoursPerMonth: 20,
    })
    .returning();
  return { engagementId: row!.id };
};
/** Someone else's entry: another owner logged it. */
const newEntryId = async (f: Fixture) => {
  const author = await createUser(f.server.ctx.db, { role: 'owner' });
  const [row] = await f.server.ctx.db
    .insert(timeEntries)
    .values({ clientId: f.clientA, userId: author.id, date: '2026-11-02', minutes: 60 })
    .returning();
  return { entryId: row!.id };
};
const newLeadId = async (f: Fixture) => {
  const [row] = await f.server.ctx.db
    .insert(leads)
    .values({
      name: 'Lee',
      email: 'lee@x.test',
      company: 'Lead Co',
      stage: 'idea',
      blocker: 'x',
      ip: '192.0.2.1',
    })
    .returning();
  return { leadId: row!.id };
};
const newRepository = async (f: Fixture) => ({
  repositoryId: (await createRepositoryRow(f.server.ctx.db, f.clientA)).id,
});
const newAuditRun = async (f: Fixture) => {
  const repo = await createRepositoryRow(f.server.ctx.db, f.clientA);
  return { runId: (await createAuditRunRow(f.server.ctx.db, f.clientA, repo.id)).id };
};
const newFinding =
  (status: 'open' | 'accepted') =>
  async (f: Fixture): Promise<Record<string, string>> => {
    const repo = await createRepositoryRow(f.server.ctx.db, f.clientA);
    const finding = await createFindingRow(f.server.ctx.db, f.clientA, repo.id, {
      status,
      ...(status === 'accepted'
        ? { acceptedReason: 'fixed upstream next sprint', acceptedUntil: '2099-01-01' }
        : {}),
    });
    return { findingId: finding.id };
  };
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
let decisionNumber = 100;
const newDecision = async (f: Fixture) => {
  const number = (decisionNumber += 1000);
  const [row] = await f.server.ctx.db
    .insert(decisions)
    .values({
      clientId: f.clientA,
      number,
      title: 'Use a queue',
      status: 'proposed',
      record: { ...emptyAdr('Use a queue'), number },
    })
    .returning();
  return { decisionId: row!.id };
};
const newQuestion = async (f: Fixture) => {
  const [row] = await f.server.ctx.db
    .insert(decisionsNeeded)
    .values({ clientId: f.clientA, question: 'Which?', options: ['A', 'B'], dueDate: '2030-01-01' })
    .returning();
  return { questionId: row!.id };
};

const newKpi = async (f: Fixture) => {
  const [row] = await f.server.ctx.db
    .insert(kpis)
    .values({
      clientId: f.clientA,
      name: `KPI ${crypto.randomUUID()}`,
      direction: 'higher',
      target: 10,
      cadence: 'weekly',
    })
    .returning();
  return { kpiId: row!.id };
};
const newReading = async (f: Fixture) => {
  const { kpiId } = await newKpi(f);
  const [row] = await f.server.ctx.db
    .insert(kpiReadings)
    .values({ kpiId, clientId: f.clientA, periodStart: '2026-11-23', value: 3 })
    .returning();
  return { kpiId, readingId: row!.id };
};
const newFeature = async (f: Fixture) => {
  const [row] = await f.server.ctx.db
    .insert(features)
    .values({ clientId: f.clientA, title: 'Export', confidence: 'low', effortDays: 2, risk: 'low' })
    .returning();
  return { featureId: row!.id };
};
const newMonitorId = async (f: Fixture) => {
  const [row] = await f.server.ctx.db
    .insert(monitors)
    .values({
      clientId: f.clientA,
      name: 'Site',
      kind: 'http',
      target: { kind: 'http', url: 'https://example.com/' },
      intervalSeconds: 60,
      timeoutSeconds: 10,
      retries: 2,
      recoveries: 1,
      enabled: false,
    })
    .returning();
  return { monitorId: row!.id };
};
const newHeartbeatId = async (f: Fixture) => {
  const [row] = await f.server.ctx.db
    .insert(monitors)
    .values({
      clientId: f.clientA,
      name: 'Backup',
      kind: 'heartbeat',
      target: { kind: 'heartbeat', schedule: { type: 'period', periodSeconds: 3600 } },
      intervalSeconds: 60,
      timeoutSeconds: 10,
      retries: 0,
      recoveries: 1,
      enabled: false,
    })
    .returning();
  return { monitorId: row!.id };
};
const newIncidentId = async (f: Fixture) => {
  const { monitorId } = await newMonitorId(f);
  const [row] = await f.server.ctx.db
    .insert(incidents)
    .values({ monitorId, clientId: f.clientA, cause: 'refused' })
    .returning();
  return { incidentId: row!.id };
};
const newChannelId = async (f: Fixture) => {
  const [row] = await f.server.ctx.db
    .insert(alertChannels)
    .values({ clientId: f.clientA, kind: 'email', name: 'Team', config: { to: ['a@x.test'] } })
    .returning();
  return { channelId: row!.id };
};
const newWindowId = async (f: Fixture) => {
  const [row] = await f.server.ctx.db
    .insert(maintenanceWindows)
    .values({
      clientId: f.clientA,
      name: 'Upgrade',
      schedule: {
        type: 'once',
        start: '2026-01-01T00:00',
        end: '2026-01-01T01:00',
        timezone: 'UTC',
      },
    })
    .returning();
  return { windowId: row!.id };
};
const windowBody = () => ({
  name: 'Database upgrade',
  schedule: { type: 'cron', cron: '0 3 * * 0', durationMinutes: 60, timezone: 'Europe/Paris' },
});
const newSloId = async (f: Fixture) => {
  const { monitorId } = await newMonitorId(f);
  const [row] = await f.server.ctx.db
    .insert(slos)
    .values({ clientId: f.clientA, name: 'API', monitorIds: [monitorId], targetPercent: 99.9 })
    .returning();
  return { sloId: row!.id };
};
const monitorBody = () => ({
  name: 'Home page',
  target: { kind: 'http', url: 'https://example.com/' },
  enabled: false,
});

const table: Record<string, Entry> = {
  'GET /healthz': {},
  'GET /readyz': {},
  'GET /metrics': {},
  'GET /api/v1/jobs': {},
  'GET /api/v1/audit-log': {},
  'GET /api/v1/outbox': {},
  'POST /api/v1/outbox/:messageId/retry': { params: failedMessageId },
  'GET /api/v1/setup': {},
  'POST /api/v1/setup': {
    body: () => ({ name: 'X', email: 'x@x.test', password: 'long enough pw' }),
    ownerStatus: 409,
  },
  'POST /api/v1/auth/login': {
    body: () => ({ email: 'nobody@x.test', password: 'wrong password' }),
    ownerStatus: 401,
  },
  'POST /api/v1/auth/logout': { selfService: true },
  'GET /api/v1/session': {},
  'POST /api/v1/account/password': {
    selfService: true,
    body: () => ({ currentPassword: 'wrong', newPassword: 'another long pw' }),
    ownerStatus: 400,
  },
  'GET /api/v1/people': {},
  'PATCH /api/v1/people/:userId': { params: newPersonId, body: () => ({ disabled: true }) },
  'DELETE /api/v1/people/:userId': { params: newPersonId },
  'GET /api/v1/invites': {},
  'POST /api/v1/invites': {
    body: (f) => ({
      email: `${crypto.randomUUID()}@x.test`,
      role: 'founder',
      clientIds: [f.clientB],
    }),
  },
  'DELETE /api/v1/invites/:inviteId': { params: newInviteId },
  'POST /api/v1/invites/inspect': {
    body: () => ({ token: 'not-a-real-invite-token' }),
    ownerStatus: 404,
  },
  'POST /api/v1/invites/accept': {
    body: () => ({ token: 'not-a-real-invite-token', name: 'X', password: 'long enough pw' }),
    ownerStatus: 404,
  },
  'GET /api/v1/tokens': {},
  'POST /api/v1/tokens': { selfService: true, body: () => ({ name: 'ci' }) },
  'DELETE /api/v1/tokens/:tokenId': {
    selfService: true,
    params: () => ({ tokenId: crypto.randomUUID() }),
    ownerStatus: 404,
  },
  'GET /api/v1/clients': {},
  'POST /api/v1/clients': { body: () => ({ name: 'New client', stage: 'idea' }) },
  'GET /api/v1/clients/:clientId': {},
  'PATCH /api/v1/clients/:clientId': { body: () => ({ notes: 'changed' }) },
  'POST /api/v1/clients/:clientId/archive': {},
  'POST /api/v1/clients/:clientId/restore': {},
  'GET /api/v1/portfolio': {},
  'GET /api/v1/clients/:clientId/reports/weekly': {},
  'GET /api/v1/clients/:clientId/reports/weekly.md': {},
  'GET /api/v1/clients/:clientId/reports/schedule': {},
  'PUT /api/v1/clients/:clientId/reports/schedule': {
    body: () => ({ enabled: false, weekday: 5, hour: 16, timeZone: 'UTC', recipients: [] }),
  },
  'POST /api/v1/clients/:clientId/reports/weekly/send': {
    body: () => ({ recipients: ['founder@x.test'] }),
  },
  'GET /api/v1/clients/:clientId/reports': {},
  'GET /api/v1/clients/:clientId/reports/:reportId': { params: sentReportId },
  'GET /api/v1/clients/:clientId/decisions': {},
  'POST /api/v1/clients/:clientId/decisions': { body: () => ({ title: 'Use PostgreSQL' }) },
  'GET /api/v1/clients/:clientId/decisions/:decisionId': { params: newDecision },
  'PATCH /api/v1/clients/:clientId/decisions/:decisionId': {
    params: newDecision,
    body: () => ({ status: 'accepted' }),
  },
  'DELETE /api/v1/clients/:clientId/decisions/:decisionId': { params: newDecision },
  'GET /api/v1/clients/:clientId/decisions/:decisionId/markdown': { params: newDecision },
  'POST /api/v1/clients/:clientId/decisions/import': {
    body: () => ({ files: [{ path: 'docs/decisions/0001-use-x.md', content: '# Use X\n' }] }),
  },
  'GET /api/v1/clients/:clientId/decisions/export': {},
  'GET /api/v1/clients/:clientId/decisions/export.zip': {},
  'GET /api/v1/clients/:clientId/decisions-needed': {},
  'POST /api/v1/clients/:clientId/decisions-needed': {
    body: () => ({ question: 'Which?', options: ['A', 'B'], dueDate: '2030-01-01' }),
  },
  'GET /api/v1/clients/:clientId/decisions-needed/:questionId': { params: newQuestion },
  'PATCH /api/v1/clients/:clientId/decisions-needed/:questionId': {
    params: newQuestion,
    body: () => ({ dueDate: '2030-02-01' }),
  },
  'POST /api/v1/clients/:clientId/decisions-needed/:questionId/answer': {
    params: newQuestion,
    body: () => ({ choice: 'A' }),
    founderWrite: true,
  },
  'DELETE /api/v1/clients/:clientId/decisions-needed/:questionId': { params: newQuestion },
  'GET /api/v1/clients/:clientId/kpis': {},
  'POST /api/v1/clients/:clientId/kpis': {
    body: () => ({
      name: `Signups ${crypto.randomUUID()}`,
      direction: 'higher',
      target: 50,
      cadence: 'weekly',
    }),
  },
  'GET /api/v1/clients/:clientId/kpis/:kpiId': { params: newKpi },
  'PATCH /api/v1/clients/:clientId/kpis/:kpiId': { params: newKpi, body: () => ({ target: 12 }) },
  'DELETE /api/v1/clients/:clientId/kpis/:kpiId': { params: newKpi },
  'POST /api/v1/clients/:clientId/kpis/:kpiId/readings': {
    params: newKpi,
    body: () => ({ value: 4, date: '2026-11-24' }),
  },
  'POST /api/v1/clients/:clientId/kpi-readings': {
    params: newKpi,
    body: () => ({ kpi: 'no such KPI', value: 4, date: '2026-11-24' }),
    ownerStatus: 400,
  },
  'DELETE /api/v1/clients/:clientId/kpis/:kpiId/readings/:readingId': { params: newReading },
  'GET /api/v1/clients/:clientId/features': {},
  'POST /api/v1/clients/:clientId/features': {
    body: () => ({ title: 'CSV export', confidence: 'high', effortDays: 2, risk: 'low' }),
  },
  'PATCH /api/v1/clients/:clientId/features/:featureId': {
    params: newFeature,
    body: () => ({ effortDays: 3 }),
  },
  'DELETE /api/v1/clients/:clientId/features/:featureId': { params: newFeature },
  'POST /api/v1/demo': {},
  'DELETE /api/v1/demo': {},
  'GET /api/v1/clients/:clientId/scoping': {},
  'PUT /api/v1/clients/:clientId/scoping': { body: () => ({ summary: 'Workshop notes' }) },
  'POST /api/v1/clients/:clientId/user-paths': {
    body: () => ({ who: 'A founder', goal: 'sign up', priority: 'must' }),
  },
  'PATCH /api/v1/clients/:clientId/user-paths/:userPathId': {
    params: newUserPathId,
    body: () => ({ goal: 'sign in' }),
  },
  'DELETE /api/v1/clients/:clientId/user-paths/:userPathId': { params: newUserPathId },
  'POST /api/v1/clients/:clientId/risks': {
    body: () => ({ description: 'Key person leaves', likelihood: 'low', impact: 'high' }),
  },
  'PATCH /api/v1/clients/:clientId/risks/:riskId': {
    params: newRiskId,
    body: () => ({ status: 'mitigated' }),
  },
  'DELETE /api/v1/clients/:clientId/risks/:riskId': { params: newRiskId },
  'GET /api/v1/clients/:clientId/milestones': {},
  'POST /api/v1/clients/:clientId/milestones': {
    body: () => ({ title: 'Sign-up', dueDate: '2026-12-01' }),
  },
  'PATCH /api/v1/clients/:clientId/milestones/:milestoneId': {
    params: newMilestoneId,
    body: () => ({ title: 'Renamed' }),
  },
  'DELETE /api/v1/clients/:clientId/milestones/:milestoneId': { params: newMilestoneId },
  'GET /api/v1/clients/:clientId/engagements': {},
  'POST /api/v1/clients/:clientId/engagements': {
    body: () => ({
      kind: 'retainer',
      title: 'Retainer',
      startDate: '2026-11-01',
      currency: 'EUR',
      monthlyFee: 1500,
      hoursPerMonth: 20,
    }),
  },
  'GET /api/v1/clients/:clientId/engagements/:engagementId': { params: newEngagementId },
  'PATCH /api/v1/clients/:clientId/engagements/:engagementId': {
    params: newEngagementId,
    body: () => ({ terms: 'Net 14' }),
  },
  'POST /api/v1/clients/:clientId/engagements/:engagementId/status': {
    params: newEngagementId,
    body: () => ({ status: 'active' }),
  },
  'GET /api/v1/clients/:clientId/engagements/:engagementId/proposal': {
    params: newEngagementId,
  },
  'GET /api/v1/clients/:clientId/engagements/:engagementId/proposal.md': {
    params: newEngagementId,
  },
  'GET /api/v1/clients/:clientId/time': {},
  'GET /api/v1/clients/:clientId/time/usage': {},
  'GET /api/v1/clients/:clientId/time.csv': {},
  'POST /api/v1/clients/:clientId/time': { body: () => ({ date: '2026-11-02', hours: 1.5 }) },
  'PATCH /api/v1/clients/:clientId/time/:entryId': {
    params: newEntryId,
    body: () => ({ note: 'Architecture review' }),
    memberStatus: 403,
  },
  'DELETE /api/v1/clients/:clientId/time/:entryId': { params: newEntryId, memberStatus: 403 },
  'POST /api/v1/intake': {
    body: () => ({
      name: 'Ada',
      email: 'ada@x.test',
      company: 'Ada Co',
      stage: 'idea',
      blocker: 'We cannot ship',
    }),
  },
  'GET /api/v1/leads': {},
  'POST /api/v1/leads/:leadId/convert': { params: newLeadId },
  'POST /api/v1/leads/:leadId/decline': {
    params: newLeadId,
    body: () => ({ reason: 'Not a fit' }),
  },
  'GET /api/v1/clients/:clientId/repositories': {},
  'POST /api/v1/clients/:clientId/repositories': {
    body: () => ({ kind: 'path', location: tempFolder() }),
  },
  'GET /api/v1/clients/:clientId/repositories/:repositoryId': { params: newRepository },
  'PATCH /api/v1/clients/:clientId/repositories/:repositoryId': {
    params: newRepository,
    body: () => ({ name: 'renamed' }),
  },
  'DELETE /api/v1/clients/:clientId/repositories/:repositoryId': { params: newRepository },
  'POST /api/v1/clients/:clientId/repositories/:repositoryId/audits': { params: newRepository },
  'GET /api/v1/clients/:clientId/audits': {},
  'GET /api/v1/clients/:clientId/audits/:runId': { params: newAuditRun },
  'POST /api/v1/clients/:clientId/repositories/:repositoryId/scans': {
    params: newRepository,
    body: () => ({ kinds: ['deps'] }),
  },
  'GET /api/v1/clients/:clientId/scans': {},
  'GET /api/v1/clients/:clientId/security/findings': {},
  'POST /api/v1/clients/:clientId/security/findings/:findingId/accept': {
    params: newFinding('open'),
    body: () => ({ reason: 'only reachable from the admin VPN', until: inAMonth() }),
  },
  'POST /api/v1/clients/:clientId/security/findings/:findingId/reopen': {
    params: newFinding('accepted'),
  },
  'GET /api/v1/clients/:clientId/posture': {},
  'PUT /api/v1/clients/:clientId/posture/:itemKey': {
    params: () => ({ itemKey: 'mfa' }),
    body: () => ({ status: 'partial', owner: 'Ana' }),
  },
  'DELETE /api/v1/clients/:clientId/posture/:itemKey': { params: () => ({ itemKey: 'mfa' }) },
  'GET /api/v1/advisories': {},
  'GET /api/v1/clients/:clientId/monitors': {},
  'POST /api/v1/clients/:clientId/monitors': { body: monitorBody },
  'GET /api/v1/clients/:clientId/monitors/:monitorId': { params: newMonitorId },
  'PATCH /api/v1/clients/:clientId/monitors/:monitorId': {
    params: newMonitorId,
    body: () => ({ name: 'Renamed' }),
  },
  'DELETE /api/v1/clients/:clientId/monitors/:monitorId': { params: newMonitorId },
  'GET /api/v1/clients/:clientId/monitors/:monitorId/results': { params: newMonitorId },
  'GET /api/v1/clients/:clientId/monitors/:monitorId/latency': { params: newMonitorId },
  'POST /api/v1/clients/:clientId/monitors/:monitorId/ping-token': { params: newHeartbeatId },
  'GET /api/v1/clients/:clientId/incidents': {},
  'GET /api/v1/clients/:clientId/incidents/:incidentId': { params: newIncidentId },
  'PATCH /api/v1/clients/:clientId/incidents/:incidentId': {
    params: newIncidentId,
    body: () => ({ acknowledged: true }),
  },
  'GET /api/v1/clients/:clientId/alert-channels': {},
  'POST /api/v1/clients/:clientId/alert-channels': {
    body: () => ({ kind: 'email', name: 'Team', to: ['team@x.test'] }),
  },
  'PATCH /api/v1/clients/:clientId/alert-channels/:channelId': {
    params: newChannelId,
    body: () => ({ enabled: false }),
  },
  'GET /api/v1/clients/:clientId/alert-channels/:channelId/deliveries': { params: newChannelId },
  'DELETE /api/v1/clients/:clientId/alert-channels/:channelId': { params: newChannelId },
  'POST /api/v1/clients/:clientId/alert-channels/:channelId/test': { params: newChannelId },
  'POST /api/v1/clients/:clientId/monitors/import': {
    body: () => ({ content: 'endpoints:\n  - name: web\n    url: https://example.com/\n' }),
  },
  'GET /api/v1/clients/:clientId/slos': {},
  'POST /api/v1/clients/:clientId/slos': {
    body: async (f) => ({
      name: 'API',
      monitorIds: [(await newMonitorId(f)).monitorId],
      targetPercent: 99.9,
    }),
  },
  'GET /api/v1/clients/:clientId/slos/:sloId': { params: newSloId },
  'PATCH /api/v1/clients/:clientId/slos/:sloId': {
    params: newSloId,
    body: () => ({ targetPercent: 99.5 }),
  },
  'DELETE /api/v1/clients/:clientId/slos/:sloId': { params: newSloId },
  'GET /ping/:token': { params: () => ({ token: 'wrong-token' }), ownerStatus: 404 },
  'POST /ping/:token': { params: () => ({ token: 'wrong-token' }), ownerStatus: 404 },
  'GET /ping/:token/:suffix': {
    params: () => ({ token: 'wrong-token', suffix: 'start' }),
    ownerStatus: 404,
  },
  'POST /ping/:token/:suffix': {
    params: () => ({ token: 'wrong-token', suffix: 'fail' }),
    ownerStatus: 404,
  },
  'GET /api/v1/clients/:clientId/maintenance-windows': {},
  'POST /api/v1/clients/:clientId/maintenance-windows': { body: windowBody },
  'PUT /api/v1/clients/:clientId/maintenance-windows/:windowId': {
    params: newWindowId,
    body: windowBody,
  },
  'DELETE /api/v1/clients/:clientId/maintenance-windows/:windowId': { params: newWindowId },
  'GET /api/v1/clients/:clientId/status-page': {},
  'PUT /api/v1/clients/:clientId/status-page': {
    body: () => ({ enabled: false, slug: 'authorization-table', title: 'Status', components: [] }),
  },
  'GET /api/v1/clients/:clientId/status-page/incidents': {},
  'PATCH /api/v1/clients/:clientId/status-page/incidents/:incidentId': {
    params: newIncidentId,
    body: () => ({ publicTitle: 'Checkout slow', publicNote: 'Fixed.' }),
  },
  'GET /api/v1/status/:slug': { params: () => ({ slug: 'no-such-page' }), ownerStatus: 404 },
  'GET /status/:slug': { params: () => ({ slug: 'no-such-page' }), ownerStatus: 404 },
  'GET /api/v1/openapi.json': {},
  'GET /api/docs': {},
};

const isClientRoute = (route: AnyRoute) => route.path.includes(':clientId');

async function call(api: ApiClient, route: AnyRoute, f: Fixture, clientId: string) {
  const entry = table[routeKey(route)]!;
  const params: Record<string, string> = { clientId, ...(await entry.params?.(f)) };
  const path = route.path.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? 'missing');
  const body = (await entry.body?.(f)) ?? (route.body ? {} : undefined);
  return api.request(route.method, path, body);
}

describe('authorization table', () => {
  let f: Fixture;
  let founder: ApiClient;
  let member: ApiClient;

  beforeAll(async () => {
    const server = await startTestServer();
    const clientA = (await createClientRow(server.ctx.db, { name: 'Client A' })).id;
    const clientB = (await createClientRow(server.ctx.db, { name: 'Client B' })).id;
    f = { server, clientA, clientB };
    founder = (await signedInAs(server, { role: 'founder', clientIds: [clientA] })).api;
    member = (await signedInAs(server, { role: 'member', clientIds: [clientA] })).api;
  });

  it('has an entry for every registered route, and none for routes that are gone', () => {
    const registered = allRoutes.map(routeKey).sort();

    expect(Object.keys(table).sort()).toEqual(registered);
  });

  it('answers 401 to anonymous requests on every non-public route', async () => {
    for (const route of allRoutes.filter((r) => r.access !== 'public')) {
      const response = await call(new ApiClient(f.server.baseUrl), route, f, f.clientA);

      expect([routeKey(route), response.status]).toEqual([routeKey(route), 401]);
      expect((response.body as { error: { code: string } }).error.code).toBe('unauthenticated');
    }
  });

  it('answers 404 to a founder of client A for anything of client B, reads and writes', async () => {
    for (const route of allRoutes.filter(isClientRoute)) {
      const response = await call(founder, route, f, f.clientB);

      expect([routeKey(route), response.status]).toEqual([routeKey(route), 404]);
    }
  });

  it('lets a founder write nothing but their own session, password, read-only tokens and answers', async () => {
    for (const route of allRoutes.filter((r) => r.method !== 'GET' && r.access !== 'public')) {
      if (table[routeKey(route)]!.selfService) continue;
      if (table[routeKey(route)]!.founderWrite) {
        const own = await call(founder, route, f, f.clientA);
        const other = await call(founder, route, f, f.clientB);
        expect([routeKey(route), own.status, other.status]).toEqual([
          routeKey(route),
          route.status ?? 200,
          404,
        ]);
        const memberReadOnly = await call(member, route, f, f.clientA);
        expect(memberReadOnly.status).toBe(route.status ?? 200);
        continue;
      }
      for (const clientId of [f.clientA, f.clientB]) {
        const response = await call(founder, route, f, clientId);

        expect([
          routeKey(route),
          clientId === f.clientA ? 'A' : 'B',
          response.status < 400,
        ]).toEqual([routeKey(route), clientId === f.clientA ? 'A' : 'B', false]);
        expect([403, 404]).toContain(response.status);
      }
    }
    const writableToken = await founder.post('/api/v1/tokens', { name: 'x', canWrite: true });
    expect(writableToken.status).toBe(400);
    const readingsToken = await founder.post('/api/v1/tokens', {
      name: 'x',
      scope: 'kpi-readings',
      clientId: f.clientA,
    });
    expect(readingsToken.status).toBe(400);
  });

  it('hides unassigned clients from a member: 404 on every client-B route', async () => {
    for (const route of allRoutes.filter(isClientRoute)) {
      const response = await call(member, route, f, f.clientB);

      expect([routeKey(route), response.status]).toEqual([routeKey(route), 404]);
    }
    const list = await member.get<{ clients: { id: string }[] }>('/api/v1/clients');
    expect(list.body.clients.map((c) => c.id)).toEqual([f.clientA]);
  });

  it("holds members to the narrower rules some routes declare (someone else's time entry: 403)", async () => {
    const narrowed = allRoutes.filter((r) => table[routeKey(r)]!.memberStatus !== undefined);
    expect(narrowed.length).toBeGreaterThan(0);
    for (const route of narrowed) {
      const response = await call(member, route, f, f.clientA);

      expect([routeKey(route), response.status]).toEqual([
        routeKey(route),
        table[routeKey(route)]!.memberStatus,
      ]);
    }
  });

  it('keeps owner-only routes from members (403)', async () => {
    for (const route of allRoutes.filter(
      (r) => r.access === 'owner' || r.access === 'owner-read',
    )) {
      const response = await call(member, route, f, f.clientA);

      expect([routeKey(route), response.status]).toEqual([routeKey(route), 403]);
    }
  });

  it('lets the owner through every route (so the refusals above are about access, not bad samples)', async () => {
    for (const route of allRoutes) {
      const { api } = await signedInAs(f.server, { role: 'owner' });
      const entry = table[routeKey(route)]!;

      const response = await call(api, route, f, f.clientA);

      const expected = entry.ownerStatus ?? route.status ?? 200;
      expect([routeKey(route), response.status]).toEqual([routeKey(route), expected]);
    }
  });

  it('confines a client-scoped token to its client', async () => {
    const { api } = await signedInAs(f.server, { role: 'owner' });
    const created = await api.post<{ token: string }>('/api/v1/tokens', {
      name: 'scoped',
      clientId: f.clientA,
    });
    const bot = new ApiClient(f.server.baseUrl);
    bot.bearer = created.body.token;

    expect((await bot.get(`/api/v1/clients/${f.clientA}`)).status).toBe(200);
    expect((await bot.get(`/api/v1/clients/${f.clientB}`)).status).toBe(404);
    expect((await bot.get('/api/v1/people')).status).toBe(403);
    expect((await bot.patch(`/api/v1/clients/${f.clientA}`, { notes: 'x' })).status).toBe(403);
    const { kpiId } = await newKpi(f);
    const reading = { kpi: kpiId, value: 5, date: '2026-11-24' };
    expect((await bot.post(`/api/v1/clients/${f.clientA}/kpi-readings`, reading)).status).toBe(403);
  });

  it("keeps a kpi-readings token to its client's KPIs: every other route is 403 naming the scope", async () => {
    const { api } = await signedInAs(f.server, { role: 'owner' });
    const created = await api.post<{ token: string }>('/api/v1/tokens', {
      name: 'metrics script',
      clientId: f.clientA,
      scope: 'kpi-readings',
    });
    const bot = new ApiClient(f.server.baseUrl);
    bot.bearer = created.body.token;
    const seen: [string, number][] = [];
    const expected: [string, number][] = [];

    for (const route of allRoutes.filter((r) => r.access !== 'public')) {
      const entry = table[routeKey(route)]!;
      const response = await call(bot, route, f, f.clientA);
      const isOpen = route.tokenScopes?.includes('kpi-readings') ?? false;
      seen.push([routeKey(route), response.status]);
      expected.push([routeKey(route), isOpen ? (entry.ownerStatus ?? route.status ?? 200) : 403]);
      if (!isOpen)
        expect([
          routeKey(route),
          (response.body as { error: { message: string } }).error.message,
        ]).toEqual([
          routeKey(route),
          expect.stringContaining("this token's scope is kpi-readings"),
        ]);
    }

    expect(seen).toEqual(expected);
    expect(seen.filter(([, status]) => status < 400).map(([key]) => key)).toEqual([
      'GET /api/v1/clients/:clientId/kpis',
      'GET /api/v1/clients/:clientId/kpis/:kpiId',
      'POST /api/v1/clients/:clientId/kpis/:kpiId/readings',
    ]);
  });

  it('lets a kpi-readings token record readings for its own client only', async () => {
    const { api } = await signedInAs(f.server, { role: 'owner' });
    const created = await api.post<{ token: string }>('/api/v1/tokens', {
      name: 'metrics script',
      clientId: f.clientA,
      scope: 'kpi-readings',
    });
    const bot = new ApiClient(f.server.baseUrl);
    bot.bearer = created.body.token;
    const { kpiId } = await newKpi(f);
    const [otherKpi] = await f.server.ctx.db
      .insert(kpis)
      .values({ clientId: f.clientB, name: 'B', direction: 'higher', target: 1, cadence: 'weekly' })
      .returning();
    const reading = { kpi: kpiId, value: 5, date: '2026-11-24', source: 'cron' };

    const named = await bot.post(`/api/v1/clients/${f.clientA}/kpi-readings`, reading);
    const byId = await bot.post(`/api/v1/clients/${f.clientA}/kpis/${kpiId}/readings`, {
      value: 6,
      date: '2026-11-24',
    });
    const otherClient = await bot.post(`/api/v1/clients/${f.clientB}/kpi-readings`, {
      ...reading,
      kpi: otherKpi!.id,
    });
    const otherClientsKpi = await bot.post(
      `/api/v1/clients/${f.clientA}/kpis/${otherKpi!.id}/readings`,
      { value: 6, date: '2026-11-24' },
    );
    const otherClientById = await bot.post(
      `/api/v1/clients/${f.clientB}/kpis/${otherKpi!.id}/readings`,
      { value: 6, date: '2026-11-24' },
    );
    const stored = await f.server.ctx.db
      .select()
      .from(kpiReadings)
      .where(eq(kpiReadings.kpiId, otherKpi!.id));

    expect(named.status).toBe(200);
    expect(byId.status).toBe(200);
    expect([otherClient.status, otherClientsKpi.status, otherClientById.status]).toEqual([
      404, 404, 404,
    ]);
    expect(stored).toEqual([]);
  });

  it('lets a writable client-scoped token record KPI readings for its client only', async () => {
    const { api } = await signedInAs(f.server, { role: 'owner' });
    const created = await api.post<{ token: string }>('/api/v1/tokens', {
      name: 'metrics script',
      clientId: f.clientA,
      canWrite: true,
    });
    const bot = new ApiClient(f.server.baseUrl);
    bot.bearer = created.body.token;
    const { kpiId } = await newKpi(f);
    const reading = { kpi: kpiId, value: 5, date: '2026-11-24', source: 'cron' };

    const own = await bot.post(`/api/v1/clients/${f.clientA}/kpi-readings`, reading);
    const other = await bot.post(`/api/v1/clients/${f.clientB}/kpi-readings`, reading);
    const decision = await bot.post(
      `/api/v1/clients/${f.clientA}/decisions-needed/${crypto.randomUUID()}/answer`,
      { choice: 'A' },
    );

    expect(own.status).toBe(200);
    expect(other.status).toBe(404);
    expect(decision.status).toBe(404);
  });
});
