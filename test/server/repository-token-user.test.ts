/**
 * A repository's own user name for its access token (Bitbucket wants `x-token-auth`): stored
 * with the repository, shown in the API, sent by git in the Basic header of the real clone an
 * audit job makes from a password-protected git HTTP server on loopback; refused when it is not
 * a plain user name, without a token, or on a folder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeAuditRun } from '../../src/server/audits/audits.service.ts';
import type { AuditRun, AuditRunSummary, Repository } from '../../src/shared/scans.ts';
import { servePrivateRepo, type GitHttpServer } from '../cli/git-http-server.ts';
import { createClientRow, signedInAs } from './factories.ts';
import { startTestServer, type ApiClient, type TestServer } from './harness.ts';
import { tempFolder } from './scan-factories.ts';

const TOKEN = 'zq-repo-token-5e8c2a71d9f3';

describe('the user name sent with a repository’s token', () => {
  let server: TestServer;
  let git: GitHttpServer;
  let url: string;
  let owner: ApiClient;
  let clientId: string;
  let base: string;

  /** The user names of the Basic headers git sent since `from`. */
  const usersSince = (from: number) =>
    git.authorizations
      .slice(from)
      .filter((header) => header.startsWith('Basic '))
      .map((header) => Buffer.from(header.slice(6), 'base64').toString('utf8'))
      .map((pair) => ({ user: pair.slice(0, pair.indexOf(':')), isToken: pair.endsWith(TOKEN) }));

  const audit = async (repositoryId: string) => {
    const queued = await owner.post<AuditRunSummary>(`${base}/${repositoryId}/audits`);
    await executeAuditRun(server.ctx, queued.body.id);
    const run = await owner.get<AuditRun>(`/api/v1/clients/${clientId}/audits/${queued.body.id}`);
    return run.body;
  };

  beforeAll(async () => {
    ({ server: git, url } = await servePrivateRepo(
      { 'README.md': '# private\n', 'src/a.ts': 'export const a = 1;\n' },
      TOKEN,
    ));
    server = await startTestServer();
    clientId = (await createClientRow(server.ctx.db)).id;
    base = `/api/v1/clients/${clientId}/repositories`;
    owner = (await signedInAs(server, { role: 'owner' })).api;
  });
  afterAll(() => git.close());

  it('sends the repository’s user name with its token, and the default once it is cleared', async () => {
    const created = await owner.post<Repository>(base, {
      kind: 'git',
      location: url,
      token: TOKEN,
      tokenUser: 'x-token-auth',
      allowPrivateNetwork: true,
    });
    const path = `${base}/${created.body.id}`;
    const first = git.authorizations.length;

    const withUser = await audit(created.body.id);
    const sentWithUser = usersSince(first);
    const cleared = await owner.patch<Repository>(path, { tokenUser: null });
    const second = git.authorizations.length;
    const withDefault = await audit(created.body.id);
    const sentByDefault = usersSince(second);
    const listed = await owner.get(base);

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ hasToken: true, tokenUser: 'x-token-auth' });
    expect(listed.body).toMatchObject({
      repositories: [{ id: created.body.id, tokenUser: null }],
    });
    expect(withUser.status).toBe('succeeded');
    expect(sentWithUser.length).toBeGreaterThan(0);
    expect(sentWithUser).toEqual(sentWithUser.map(() => ({ user: 'x-token-auth', isToken: true })));
    expect(cleared.body.tokenUser).toBeNull();
    expect(withDefault.status).toBe('succeeded');
    expect(sentByDefault.length).toBeGreaterThan(0);
    expect(sentByDefault.every(({ user }) => user === 'x-access-token')).toBe(true);
  });

  it('refuses a user name that is not a plain one, one without a token, and one on a folder, each on body.tokenUser', async () => {
    const connected = await owner.post<Repository>(base, {
      kind: 'git',
      location: `${git.url}second.git`,
      token: TOKEN,
      allowPrivateNetwork: true,
    });
    const gitPath = `${base}/${connected.body.id}`;
    const folder = await owner.post<Repository>(base, { kind: 'path', location: tempFolder() });
    const listedBefore = (await owner.get<{ repositories: Repository[] }>(base)).body;

    const refused = [
      await owner.post(base, {
        kind: 'git',
        location: `${git.url}bad.git`,
        token: TOKEN,
        tokenUser: 'me:secret',
        allowPrivateNetwork: true,
      }),
      await owner.post(base, {
        kind: 'git',
        location: `${git.url}no-token.git`,
        tokenUser: 'x-token-auth',
        allowPrivateNetwork: true,
      }),
      await owner.post(base, { kind: 'path', location: tempFolder(), tokenUser: 'x-token-auth' }),
      await owner.patch(gitPath, { tokenUser: 'two words' }),
      await owner.patch(gitPath, { token: null, tokenUser: 'x-token-auth' }),
      await owner.patch(`${base}/${folder.body.id}`, { tokenUser: 'x-token-auth' }),
    ];
    const listedAfter = await owner.get(base);

    expect(refused.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 400]);
    for (const response of refused)
      expect(response.body).toMatchObject({
        error: { code: 'validation_failed', details: [{ path: 'body.tokenUser' }] },
      });
    const messages = refused.map(
      (r) => (r.body as { error: { details: { message: string }[] } }).error.details[0]!.message,
    );
    expect(messages[0]).toMatch(/may not contain ":"/);
    expect(messages[0]).not.toContain('secret');
    expect(messages[1]).toMatch(/only sent with an access token/);
    expect(messages[2]).toBe('a folder needs no user name; leave it out');
    expect(messages[3]).toMatch(/spaces or control characters/);
    expect(listedAfter.body).toEqual(listedBefore);
  });

  it('sets a user name on a repository that has a token, and drops it with the token', async () => {
    const connected = await owner.post<Repository>(base, {
      kind: 'git',
      location: `${git.url}third.git`,
      token: TOKEN,
      allowPrivateNetwork: true,
    });
    const path = `${base}/${connected.body.id}`;

    const set = await owner.patch<Repository>(path, { tokenUser: '  dev.one+ci@acme.test ' });
    const tokenRemoved = await owner.patch<Repository>(path, { token: null });

    expect(set.body).toMatchObject({ hasToken: true, tokenUser: 'dev.one+ci@acme.test' });
    expect(tokenRemoved.body).toMatchObject({ hasToken: false, tokenUser: null });
  });
});
