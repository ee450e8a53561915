/**
 * Repositories per client: connect a folder (owner only) or a git URL with a token that is
 * sealed in `credentials` and never shown; URL and host refusals; nothing half-saved.
 * Audit runs through the real engine on a local clone (file:// allowed by config).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { executeAuditRun } from '../../src/server/audits/audits.service.ts';
import { auditLog, credentials, repositories } from '../../src/server/db/schema.ts';
import type { Repository, AuditRun, AuditRunSummary } from '../../src/shared/scans.ts';
import { createClientRow, signedInAs } from './factories.ts';
import { startTestServer, type ApiClient, type TestServer } from './harness.ts';
import { buildGitRepo, tempFolder } from './scan-factories.ts';

const TOKEN = 'glpat-' + 'Q7rT2xW9mK4pL8vZ3nB6';

describe('repositories', () => {
  let server: TestServer;
  let owner: ApiClient;
  let member: ApiClient;
  let clientId: string;
  let base: string;

  const count = async (table: typeof repositories | typeof credentials) =>
    (await server.ctx.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;

  beforeAll(async () => {
    server = await startTestServer({ config: { gitAllowFileUrls: true } });
    clientId = (await createClientRow(server.ctx.db)).id;
    base = `/api/v1/clients/${clientId}/repositories`;
    owner = (await signedInAs(server, { role: 'owner' })).api;
    member = (await signedInAs(server, { role: 'member', clientIds: [clientId] })).api;
  });

  it('lets the owner connect a folder, and refuses a missing folder, a file or a relative path', async () => {
    const folder = tempFolder();
    const file = join(folder, 'notes.txt');
    writeFileSync(file, 'x');
    const before = await count(repositories);

    const created = await owner.post<Repository>(base, { kind: 'path', location: folder });
    const missing = await owner.post(base, { kind: 'path', location: join(folder, 'nope') });
    const notFolder = await owner.post(base, { kind: 'path', location: file });
    const relative = await owner.post(base, { kind: 'path', location: 'src' });
    const again = await owner.post(base, { kind: 'path', location: folder });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'path', location: folder, hasToken: false });
    for (const bad of [missing, notFolder, relative]) {
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ error: { details: [{ path: 'body.location' }] } });
    }
    expect(again.status).toBe(409);
    expect(await count(repositories)).toBe(before + 1);
  });

  it('keeps folders to the owner: a member may not connect one', async () => {
    const before = await count(repositories);

    const response = await member.post(base, { kind: 'path', location: tempFolder() });

    expect(response.status).toBe(403);
    expect(await count(repositories)).toBe(before);
  });

  it('seals the token: encrypted in the database, never in a response, the audit log or the log', async () => {
    const origin = buildGitRepo({ 'README.md': '# app\n' });

    const created = await member.post<Repository>(base, {
      kind: 'git',
      location: origin.url,
      name: 'app',
      token: TOKEN,
    });
    const listed = await member.get(base);
    const one = await member.get(`${base}/${created.body.id}`);

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ hasToken: true, tokenHint: `…${TOKEN.slice(-4)}` });
    const [repo] = await server.ctx.db
      .select()
      .from(repositories)
      .where(eq(repositories.id, created.body.id));
    const [credential] = await server.ctx.db
      .select()
      .from(credentials)
      .where(eq(credentials.id, repo!.credentialId!));
    expect(credential!.ciphertext).not.toContain(TOKEN);
    expect(server.ctx.secretBox.open(credential!.ciphertext, credential!.id)).toBe(TOKEN);
    const everything = [
      JSON.stringify(created.body),
      JSON.stringify(listed.body),
      JSON.stringify(one.body),
      JSON.stringify(repo),
      JSON.stringify(await server.ctx.db.select().from(auditLog)),
      server.logs(),
    ].join('\n');
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(TOKEN.slice(0, -4));
  });

  it('refuses URLs carrying options, remote helpers, file:// when not allowed, metadata and private hosts', async () => {
    const before = [await count(repositories), await count(credentials)];
    const attempts = [
      '--upload-pack=touch /tmp/pwned',
      'ext::sh -c touch% /tmp/pwned',
      'https://h.example/a.git --upload-pack=x',
      'https://169.254.169.254/latest.git',
      'http://[fd00:ec2::254]/x.git',
      'https://10.0.0.8/acme/app.git',
      'https://127.0.0.1/acme/app.git',
    ];

    const responses = [];
    for (const location of attempts)
      responses.push(await owner.post(base, { kind: 'git', location, token: TOKEN }));
    server.ctx.config.gitAllowFileUrls = false;
    const fileUrl = await owner.post(base, { kind: 'git', location: 'file:///srv/x.git' });
    server.ctx.config.gitAllowFileUrls = true;

    for (const response of [...responses, fileUrl]) {
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { details: [{ path: 'body.location' }] } });
    }
    expect(JSON.stringify(responses[3]!.body)).toMatch(/metadata/);
    expect(JSON.stringify(responses[5]!.body)).toMatch(/private network/);
    expect([await count(repositories), await count(credentials)]).toEqual(before);
  });

  it('refuses a URL carrying a token or a password with a 400 on the field, masked, pointing to the token field', async () => {
    const before = [await count(repositories), await count(credentials)];
    // A reachable host the owner allowed, so only the credentials in the URL can stop it.
    const carrying = [
      `https://${TOKEN}@127.0.0.1:1/acme/app.git`,
      `https://x-access-token:${TOKEN}@127.0.0.1:1/acme/app.git`,
    ];

    const responses = [];
    for (const location of carrying)
      responses.push(await owner.post(base, { kind: 'git', location, allowPrivateNetwork: true }));

    for (const response of responses) {
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        error: {
          details: [
            {
              path: 'body.location',
              message:
                'the URL carries credentials (https://***@127.0.0.1:1/acme/app.git); put the access token in the token field instead, where Keel stores it encrypted',
            },
          ],
        },
      });
      expect(JSON.stringify(response.body)).not.toContain(TOKEN);
    }
    expect(server.logs()).not.toContain(TOKEN);
    expect([await count(repositories), await count(credentials)]).toEqual(before);
  });

  it('lets only the owner allow private networks', async () => {
    const location = 'https://127.0.0.1:1/acme/internal.git';

    const byMember = await member.post(base, { kind: 'git', location, allowPrivateNetwork: true });
    const byOwner = await owner.post<Repository>(base, {
      kind: 'git',
      location,
      allowPrivateNetwork: true,
    });

    expect(byMember.status).toBe(400);
    expect(byMember.body).toMatchObject({
      error: { details: [{ path: 'body.allowPrivateNetwork' }] },
    });
    expect(byOwner.status).toBe(201);
    expect(byOwner.body.allowPrivateNetwork).toBe(true);
  });

  it('replaces and removes the token, dropping the old sealed value; disconnecting drops it too', async () => {
    const origin = buildGitRepo({ 'a.txt': 'a\n' });
    const created = await owner.post<Repository>(base, {
      kind: 'git',
      location: origin.url,
      token: TOKEN,
    });
    const path = `${base}/${created.body.id}`;
    const credentialsBefore = await count(credentials);

    const replaced = await owner.patch<Repository>(path, { token: 'second-token-9876' });
    const tooShort = await owner.patch(path, { token: 'x' });
    const removed = await owner.patch<Repository>(path, { token: null });
    const withToken = await owner.patch<Repository>(path, { token: 'third-token-5555' });
    const gone = await owner.delete(path);

    expect(replaced.body).toMatchObject({ hasToken: true, tokenHint: '…9876' });
    expect(tooShort.status).toBe(400);
    expect(removed.body).toMatchObject({ hasToken: false, tokenHint: null });
    expect(withToken.body.tokenHint).toBe('…5555');
    expect(gone.status).toBe(204);
    expect(await count(credentials)).toBe(credentialsBefore - 1);
    expect((await owner.get(path)).status).toBe(404);
  });

  it('audits a cloned repository through a job and keeps score, checks and the report', async () => {
    const origin = buildGitRepo({
      'README.md': '# Shop\n\n## Install\n\nnpm ci\n\n## Usage\n\nnpm start\n',
      'src/index.ts': 'export function add(a: number, b: number) {\n  return a + b;\n}\n',
      '.env': 'DATABASE_URL=postgres://app:pw@db/app\n',
    });
    const repo = await member.post<Repository>(base, {
      kind: 'git',
      location: origin.url,
      token: TOKEN,
    });

    const queued = await member.post<AuditRunSummary>(`${base}/${repo.body.id}/audits`);
    await executeAuditRun(server.ctx, queued.body.id);
    const run = await member.get<AuditRun>(`/api/v1/clients/${clientId}/audits/${queued.body.id}`);
    const list = await member.get<{ runs: AuditRunSummary[] }>(
      `/api/v1/clients/${clientId}/audits`,
    );

    expect(queued.status).toBe(202);
    expect(queued.body.status).toBe('queued');
    expect(run.body.status).toBe('succeeded');
    expect(typeof run.body.score).toBe('number');
    expect(run.body.checks.map((c) => c.id)).toContain('env-files');
    expect(run.body.topFindings.some((f) => f.checkId === 'env-files' && f.howToFix)).toBe(true);
    expect(run.body.report).toMatchObject({ schemaVersion: 1 });
    expect(list.body.runs.map((r) => r.id)).toContain(queued.body.id);
    expect(JSON.stringify(run.body)).not.toContain(TOKEN);
  });

  it('keeps a failed audit visible with its reason', async () => {
    const folder = tempFolder();
    const repo = await owner.post<Repository>(base, { kind: 'path', location: folder });
    rmSync(folder, { recursive: true });

    const queued = await owner.post<AuditRunSummary>(`${base}/${repo.body.id}/audits`);
    await executeAuditRun(server.ctx, queued.body.id);
    const run = await owner.get<AuditRun>(`/api/v1/clients/${clientId}/audits/${queued.body.id}`);

    expect(run.body.status).toBe('failed');
    expect(run.body.error).toMatch(/gone or unreadable/);
  });

  it('says why a clone failed without showing the token', async () => {
    const repo = await owner.post<Repository>(base, {
      kind: 'git',
      location: `file://${join(tempFolder(), 'missing.git')}`,
      token: TOKEN,
    });

    const queued = await owner.post<AuditRunSummary>(`${base}/${repo.body.id}/audits`);
    await executeAuditRun(server.ctx, queued.body.id);
    const run = await owner.get<AuditRun>(`/api/v1/clients/${clientId}/audits/${queued.body.id}`);

    expect(run.body.status).toBe('failed');
    expect(run.body.error).toMatch(/clone failed/);
    expect(JSON.stringify(run.body) + server.logs()).not.toContain(TOKEN);
  });
});
