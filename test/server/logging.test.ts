/** Nothing secret reaches the log: passwords, tokens, cookies, CSRF tokens, database passwords. */
import { describe, expect, it } from 'vitest';
import { createLogger, redactText } from '../../src/server/logger.ts';
import { maskDatabaseUrl } from '../../src/server/config/config.ts';
import { ApiClient, memoryLogStream, startTestServer } from './harness.ts';

describe('log redaction', () => {
  it('keeps passwords, tokens, cookies and CSRF tokens out of the request log', async () => {
    const server = await startTestServer();
    const api = new ApiClient(server.baseUrl);
    const password = 'Sup3r-Secret-Passw0rd!';

    await api.post('/api/v1/setup', { name: 'Olivia', email: 'olivia@x.test', password });
    await api.post('/api/v1/auth/login', {
      email: 'olivia@x.test',
      password: 'Wr0ng-Secret-Passw0rd?',
    });
    const token = (await api.post<{ token: string }>('/api/v1/tokens', { name: 'bot' })).body.token;
    const invite = (
      await api.post<{ token: string }>('/api/v1/invites', { email: 'm@x.test', role: 'member' })
    ).body.token;
    const bot = new ApiClient(server.baseUrl);
    bot.bearer = token;
    await bot.get(`/api/v1/clients?token=${token}`);
    await api.post('/api/v1/invites/inspect', { token: invite });
    await new ApiClient(server.baseUrl).request('GET', '/api/v1/session', undefined, {
      cookie: 'keel_session=forged-cookie-value-123',
    });
    // A heartbeat ping's URL is its credential.
    const pingToken = 'PingSecret0123456789abcdefghijklmnopqrstuv';
    await new ApiClient(server.baseUrl).get(`/ping/${pingToken}/fail`);

    const logs = server.logs();
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).toContain('"msg":"request"');
    for (const secret of [
      password,
      'Wr0ng-Secret-Passw0rd?',
      token,
      invite,
      api.cookie!.split('=')[1]!,
      api.csrfToken!,
      'forged-cookie-value-123',
      pingToken,
    ]) {
      expect(logs).not.toContain(secret);
    }
  });

  it('redacts secret-named fields and database URL passwords wherever they are logged', () => {
    const log = memoryLogStream();
    const logger = createLogger('info', log.stream);

    logger.info(
      {
        password: 'p4ss-one',
        nested: { token: 't0ken-two' },
        databaseUrl: 'postgres://keel:db-pass-three@db/keel',
      },
      'config',
    );
    logger.error(
      { err: new Error('connect failed for postgres://keel:db-pass-four@db:5432/keel') },
      'boom',
    );

    const text = log.text();
    for (const secret of ['p4ss-one', 't0ken-two', 'db-pass-three', 'db-pass-four'])
      expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
    expect(redactText('postgres://u:pw@h/db')).toBe('postgres://u:***@h/db');
    expect(maskDatabaseUrl('postgres://u:pw@h:5432/db')).toBe('postgres://u:***@h:5432/db');
  });
});
