/**
 * Outgoing mail through a real SMTP server on loopback: delivery by the job, a refusing server,
 * a server that never answers, no mail server at all, and sending a failed message again.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { outbox } from '../../src/server/db/schema.ts';
import {
  MAIL_ATTEMPTS,
  enqueueMail,
  ownerEmails,
  sendStored,
} from '../../src/server/mail/outbox.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { signedInAs } from './factories.ts';
import { SINK_PASSWORD, startSmtpSink, type SmtpSink } from './smtp-sink.ts';

describe('mail delivered by the worker', () => {
  let server: TestServer;
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestServer({
      work: true,
      config: { smtpUrl: sink.url, mailFrom: 'Keel <keel@test.local>' },
    });
  });
  afterAll(async () => sink.close());

  it('sends a stored message through SMTP and marks it sent', async () => {
    const { api } = await signedInAs(server, { role: 'owner' });
    const owners = await ownerEmails(server.ctx);
    expect(owners.length).toBeGreaterThan(0);
    const { id } = await enqueueMail(server.ctx, {
      to: owners,
      subject: 'Weekly report:\r\nBcc: injected@x.test',
      text: 'Plain text body',
      html: '<p>HTML body</p>',
      kind: 'test.hello',
    });
    const mail = await sink.waitFor((m) => m.subject.startsWith('Weekly report'));
    expect(mail.to).toEqual(owners);
    expect(mail.from).toBe('keel@test.local');
    expect(mail.text.trim()).toBe('Plain text body');
    expect(mail.html).toContain('<p>HTML body</p>');
    // A line break in a subject cannot add headers.
    expect(mail.raw).not.toMatch(/^Bcc:/m);

    await expect
      .poll(
        async () =>
          (
            await api.get<{ messages: { id: string; status: string }[] }>('/api/v1/outbox')
          ).body.messages.find((m) => m.id === id)?.status,
      )
      .toBe('sent');
    expect(server.logs()).not.toContain(SINK_PASSWORD);
  });
});

describe('mail that cannot be delivered', () => {
  let server: TestServer;
  let refusing: SmtpSink;
  let silent: SmtpSink;
  let working: SmtpSink;
  beforeAll(async () => {
    refusing = await startSmtpSink({ reject: true });
    silent = await startSmtpSink({ silent: true });
    working = await startSmtpSink();
    server = await startTestServer({
      work: false,
      // Long enough for a working server on a loaded machine; the silent server's test sets
      // its own short timeout.
      config: { smtpUrl: refusing.url, smtpTimeoutMs: 15_000 },
    });
  });
  afterAll(async () => {
    await Promise.all([refusing.close(), silent.close(), working.close()]);
  });

  const stored = async (id: string) =>
    (await server.ctx.db.select().from(outbox).where(eq(outbox.id, id)))[0]!;

  it('keeps a refused message with the server’s answer, retries it, then marks it failed', async () => {
    server.ctx.config.smtpUrl = refusing.url;
    const { id } = await enqueueMail(server.ctx, {
      to: ['founder@x.test'],
      subject: 'S',
      text: 'T',
      kind: 'test.refused',
    });
    await expect(sendStored(server.ctx, id)).rejects.toThrow(/550|unavailable/);
    let row = await stored(id);
    expect(row.status).toBe('retrying');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/unavailable/);
    expect(row.lastError).not.toContain(SINK_PASSWORD);

    for (let attempt = 2; attempt < MAIL_ATTEMPTS; attempt += 1)
      await expect(sendStored(server.ctx, id)).rejects.toThrow();
    expect(await sendStored(server.ctx, id)).toMatchObject({ status: 'failed' });
    row = await stored(id);
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(MAIL_ATTEMPTS);

    // Fixed the settings: the owner sends it again and it arrives.
    server.ctx.config.smtpUrl = working.url;
    const { api } = await signedInAs(server, { role: 'owner' });
    const retry = await api.post(`/api/v1/outbox/${id}/retry`);
    expect(retry.status).toBe(202);
    expect((await stored(id)).status).toBe('queued');
    await sendStored(server.ctx, id);
    expect((await stored(id)).status).toBe('sent');
    expect(working.messages.map((m) => m.to)).toContainEqual(['founder@x.test']);

    const again = await api.post(`/api/v1/outbox/${id}/retry`);
    expect(again.status).toBe(409);
    expect(server.logs()).not.toContain(SINK_PASSWORD);
  });

  it('gives up on a server that never answers, within the timeout', async () => {
    server.ctx.config.smtpUrl = silent.url;
    server.ctx.config.smtpTimeoutMs = 400;
    onTestFinished(() => {
      server.ctx.config.smtpTimeoutMs = 15_000;
    });
    const { id } = await enqueueMail(server.ctx, {
      to: ['a@x.test'],
      subject: 'S',
      text: 'T',
      kind: 'test.silent',
    });
    await expect(sendStored(server.ctx, id)).rejects.toThrow(/never received|ETIMEDOUT/);
    const row = await stored(id);
    expect(row.status).toBe('retrying');
    expect(row.lastError).toMatch(/ETIMEDOUT/);
  });

  it('says how to set up mail when no server is configured', async () => {
    server.ctx.config.smtpUrl = undefined;
    const { id } = await enqueueMail(server.ctx, {
      to: ['a@x.test'],
      subject: 'S',
      text: 'T',
      kind: 'test.none',
    });
    await expect(sendStored(server.ctx, id)).rejects.toThrow(/KEEL_SMTP_URL/);
    expect((await stored(id)).lastError).toMatch(/set KEEL_SMTP_URL/);
  });

  it('refuses a message without a recipient, and retrying an unknown message is a 404', async () => {
    await expect(
      enqueueMail(server.ctx, { to: [' '], subject: 'S', text: 'T', kind: 'test.nobody' }),
    ).rejects.toThrow(/no recipient/);
    const { api } = await signedInAs(server, { role: 'owner' });
    const missing = await api.post(`/api/v1/outbox/${crypto.randomUUID()}/retry`);
    expect(missing.status).toBe(404);
  });
});
