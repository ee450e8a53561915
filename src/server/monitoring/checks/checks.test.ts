/**
 * Every check kind against real servers on loopback, each fault recorded as what it is: down,
 * slow, reset, huge body, invalid certificate, redirect loop, garbage, blocked by the SSRF policy.
 */
import dgram from 'node:dgram';
import https from 'node:https';
import type net from 'node:net';
import { Resolver } from 'node:dns/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpTarget, parseDnsServer, type MonitorTarget } from '../../../shared/monitoring.ts';
import {
  selfSignedCert,
  startTargets,
  type Targets,
} from '../../../../test/server/monitoring/targets.ts';
import type { Lookup } from '../../net/ssrf.ts';
import { runCheck, type CheckEnv } from './index.ts';

const loopbackLookup: Lookup = async () => [{ address: '127.0.0.1', family: 4 }];
const env = (over: Partial<CheckEnv> = {}): CheckEnv => ({
  policy: { allowPrivate: true },
  timeoutMs: 2000,
  lookup: loopbackLookup,
  ...over,
});
const http = (input: Record<string, unknown>): MonitorTarget =>
  httpTarget.parse({ kind: 'http', ...input });

let t: Targets;
beforeAll(async () => {
  t = await startTargets();
});
afterAll(() => t.close());

describe('HTTP check', () => {
  it('is up on a 200 and records the latency split', async () => {
    const outcome = await runCheck(http({ url: `${t.http}/ok`, bodyContains: 'healthy' }), env());

    expect(outcome).toMatchObject({ status: 'up', statusCode: 200 });
    expect(outcome.timings.connectMs).toBeGreaterThanOrEqual(0);
    expect(outcome.timings.firstByteMs).toBeGreaterThanOrEqual(outcome.timings.connectMs!);
    expect(outcome.timings.totalMs).toBeGreaterThanOrEqual(outcome.timings.firstByteMs!);
  });

  it('is down when the port is closed (refused)', async () => {
    const outcome = await runCheck(http({ url: `http://127.0.0.1:${t.closedPort}/` }), env());

    expect(outcome).toMatchObject({ status: 'down', fault: 'refused' });
  });

  it('is down on an unexpected status', async () => {
    const outcome = await runCheck(http({ url: `${t.http}/status/503` }), env());

    expect(outcome).toMatchObject({ status: 'down', fault: 'status', statusCode: 503 });
  });

  it('accepts the expected status given as a code or class', async () => {
    const outcome = await runCheck(
      http({ url: `${t.http}/status/503`, expectedStatus: ['5xx'] }),
      env(),
    );

    expect(outcome.status).toBe('up');
  });

  it('times out on a slow server within the hard deadline', async () => {
    const outcome = await runCheck(
      http({ url: `${t.http}/slow?ms=5000` }),
      env({ timeoutMs: 300 }),
    );

    expect(outcome).toMatchObject({ status: 'down', fault: 'timeout' });
  });

  it('marks an answer over the maximum response time as slow', async () => {
    const outcome = await runCheck(
      http({ url: `${t.http}/slow?ms=150`, maxResponseMs: 50 }),
      env(),
    );

    expect(outcome).toMatchObject({ status: 'down', fault: 'slow' });
  });

  it('records a connection reset', async () => {
    const outcome = await runCheck(http({ url: `${t.http}/reset` }), env());

    expect(outcome).toMatchObject({ status: 'down', fault: 'reset' });
  });

  it('reads a huge body only up to the cap', async () => {
    const outcome = await runCheck(http({ url: `${t.http}/huge` }), env({ bodyCapBytes: 100_000 }));

    expect(outcome).toMatchObject({ status: 'degraded', fault: 'huge-body', statusCode: 200 });
  });

  it('records a redirect loop', async () => {
    const outcome = await runCheck(http({ url: `${t.http}/loop` }), env());

    expect(outcome).toMatchObject({ status: 'down', fault: 'redirect-loop' });
  });

  it('does not follow redirects when told not to', async () => {
    const outcome = await runCheck(
      http({ url: `${t.http}/loop`, followRedirects: false, expectedStatus: ['302'] }),
      env(),
    );

    expect(outcome).toMatchObject({ status: 'up', statusCode: 302 });
  });

  it('checks every redirect hop against the SSRF policy', async () => {
    const outcome = await runCheck(
      http({ url: `${t.http}/redirect?to=http://169.254.169.254/latest/meta-data/` }),
      env(),
    );

    expect(outcome).toMatchObject({ status: 'down', fault: 'blocked' });
    expect(outcome.message).toMatch(/metadata/);
  });

  it('refuses loopback targets unless private targets are allowed', async () => {
    const outcome = await runCheck(
      http({ url: `${t.http}/ok` }),
      env({ policy: { allowPrivate: false } }),
    );

    expect(outcome).toMatchObject({ status: 'down', fault: 'blocked' });
    expect(t.hits.get('/ok')).toBeGreaterThan(0); // the earlier test reached it; this one did not
  });

  it('records garbage instead of HTTP', async () => {
    const outcome = await runCheck(http({ url: `${t.garbage}/` }), env());

    expect(outcome).toMatchObject({ status: 'down', fault: 'garbage' });
  });

  it('rejects a self-signed certificate, and accepts it with verification off', async () => {
    const strict = await runCheck(http({ url: `${t.https}/ok` }), env());
    const lax = await runCheck(http({ url: `${t.https}/ok`, verifyTls: false }), env());

    expect(strict).toMatchObject({ status: 'down', fault: 'invalid-cert' });
    expect(lax).toMatchObject({ status: 'up' });
    expect(lax.timings.tlsMs).toBeGreaterThan(0);
    expect(lax.certDaysLeft).toBeGreaterThan(300);
  });

  it('asserts on JSON paths, body text and RE2 patterns', async () => {
    const good = await runCheck(
      http({
        url: `${t.http}/json`,
        bodyRegex: '"status":\\s*"ok"',
        bodyNotContains: 'error',
        jsonAssertions: [
          { path: '$.status', op: 'equals', value: 'ok' },
          { path: '$.db.latencyMs', op: 'less-than', value: 100 },
          { path: '$.items[0].id', op: 'exists' },
        ],
      }),
      env(),
    );
    const bad = await runCheck(
      http({
        url: `${t.http}/json`,
        jsonAssertions: [{ path: '$.db.latencyMs', op: 'greater-than', value: 100 }],
      }),
      env(),
    );
    const notJson = await runCheck(
      http({ url: `${t.http}/ok`, jsonAssertions: [{ path: '$.a', op: 'exists' }] }),
      env(),
    );

    expect(good.status).toBe('up');
    expect(bad).toMatchObject({ status: 'down', fault: 'assertion' });
    expect(bad.message).toContain('$.db.latencyMs is 12');
    expect(notJson.message).toBe('the body is not JSON');
  });
});

describe('TCP check', () => {
  it('is up on an open port and down on a closed one', async () => {
    const open = await runCheck(
      { kind: 'tcp', host: '127.0.0.1', port: Number(new URL(t.http).port) },
      env(),
    );
    const closed = await runCheck({ kind: 'tcp', host: '127.0.0.1', port: t.closedPort }, env());

    expect(open.status).toBe('up');
    expect(closed).toMatchObject({ status: 'down', fault: 'refused' });
  });
});

describe('TLS certificate check', () => {
  it('warns as expiry comes near, at the configured thresholds', async () => {
    const pair = selfSignedCert(10);
    const server = https.createServer(pair, (_req, res) => res.end('x'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const outcome = await runCheck(
        { kind: 'tls', host: 'localhost', port, warnDays: [21, 14, 7] },
        env(),
      );
      const trusted = await runCheck(
        { kind: 'tls', host: 'localhost', port, warnDays: [21, 14, 7] },
        env({ ca: pair.cert }),
      );
      const farFuture = await runCheck(
        { kind: 'tls', host: 'localhost', port, warnDays: [21, 14, 7] },
        env({ now: () => new Date(Date.now() + 30 * 86_400_000) }),
      );

      // Self-signed is untrusted: that is reported before the expiry.
      expect(outcome).toMatchObject({ status: 'down', fault: 'invalid-cert' });
      expect(outcome.certDaysLeft).toBe(9);
      expect(trusted).toMatchObject({ status: 'degraded', fault: 'cert-expiring' });
      expect(trusted.message).toContain('within the 14-day warning');
      expect(farFuture).toMatchObject({ status: 'down', fault: 'cert-expired' });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('DNS check', () => {
  it('compares the answers with the expected values', async () => {
    const server = await startDnsServer('203.0.113.7');
    try {
      const resolver = new Resolver();
      resolver.setServers([`127.0.0.1:${server.port}`]);
      const target = (expected: string[]): MonitorTarget => ({
        kind: 'dns',
        hostname: 'app.example.test',
        recordType: 'A',
        expected,
      });

      const good = await runCheck(target(['203.0.113.7']), { ...env(), resolver } as CheckEnv);
      const bad = await runCheck(target(['203.0.113.8']), { ...env(), resolver } as CheckEnv);

      expect(good.status).toBe('up');
      expect(bad).toMatchObject({ status: 'down', fault: 'assertion' });
    } finally {
      server.close();
    }
  });

  it('matches an MX record by its exchange alone or with its priority', async () => {
    const server = await startDnsServer({ mx: [10, 'mail.example.test'] });
    try {
      const resolver = new Resolver();
      resolver.setServers([`127.0.0.1:${server.port}`]);
      const check = (expected: string[]) =>
        runCheck({ kind: 'dns', hostname: 'example.test', recordType: 'MX', expected }, {
          ...env(),
          resolver,
        } as CheckEnv);

      const bare = await check(['mail.example.test.']);
      const full = await check(['10 mail.example.test']);
      const wrongPriority = await check(['20 mail.example.test']);
      const other = await check(['mx.example.test']);

      expect(bare.status).toBe('up');
      expect(full.status).toBe('up');
      expect(wrongPriority).toMatchObject({ status: 'down', fault: 'assertion' });
      expect(other.message).toBe(
        'MX example.test lacks mx.example.test (has 10 mail.example.test)',
      );
    } finally {
      server.close();
    }
  });

  it('asks a DNS server given by address only when the SSRF policy allows it', async () => {
    const server = await startDnsServer('203.0.113.7');
    try {
      const target: MonitorTarget = {
        kind: 'dns',
        hostname: 'app.example.test',
        recordType: 'A',
        expected: ['203.0.113.7'],
        server: `127.0.0.1:${server.port}`,
      };

      const refused = await runCheck(target, env({ policy: { allowPrivate: false } }));
      const queriesWhileRefused = server.queries();
      const allowed = await runCheck(target, env({ policy: { allowPrivate: true } }));

      expect(refused).toMatchObject({ status: 'down', fault: 'blocked' });
      expect(refused.message).toMatch(/DNS server 127\.0\.0\.1:\d+ resolves to a loopback address/);
      expect(queriesWhileRefused).toBe(0);
      expect(allowed.status).toBe('up');
      expect(server.queries()).toBe(1);
    } finally {
      server.close();
    }
  });
});

describe('a lookup slower than the timeout', () => {
  // The system resolver cannot be cancelled; a name that never answers must not hold the check.
  const neverAnswers: Lookup = () => new Promise(() => undefined);

  const slowTargets: [string, MonitorTarget][] = [
    ['http', http({ url: 'http://slow-dns.example.test/' })],
    ['tcp', { kind: 'tcp', host: 'slow-dns.example.test', port: 443 }],
    ['tls', { kind: 'tls', host: 'slow-dns.example.test', port: 443, warnDays: [14] }],
  ];

  it.each(slowTargets)('ends the %s check at its timeout, as a timeout', async (_kind, target) => {
    const outcome = await runCheck(target, env({ lookup: neverAnswers, timeoutMs: 300 }));

    expect(outcome).toMatchObject({ status: 'down', fault: 'timeout' });
    expect(outcome.message).toBe('no answer within 0.3 s (DNS was slow)');
  });
});

describe('DNS server addresses', () => {
  it.each([
    ['1.1.1.1', { address: '1.1.1.1', port: 53 }],
    ['10.0.0.2:5353', { address: '10.0.0.2', port: 5353 }],
    ['2606:4700::1111', { address: '2606:4700::1111', port: 53 }],
    ['[2606:4700::1111]:53', { address: '2606:4700::1111', port: 53 }],
    ['dns.example.com', null],
    ['1.1.1.1:0', null],
    ['1.1.1.256', null],
    ['1.1.1', null],
    ['', null],
  ])('%j reads as %j', (text, parsed) => {
    expect(parseDnsServer(text)).toEqual(parsed);
  });
});

/** An MX record's data: preference, then the exchange as labels. */
function mxData(priority: number, exchange: string): Buffer {
  const labels = exchange
    .split('.')
    .map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)]));
  const preference = Buffer.alloc(2);
  preference.writeUInt16BE(priority);
  return Buffer.concat([preference, ...labels, Buffer.from([0])]);
}

/**
 * The smallest DNS server: answers every question with one A record (an address) or one MX
 * record (`{ mx: [priority, exchange] }`).
 */
async function startDnsServer(answerWith: string | { mx: [number, string] }) {
  const socket = dgram.createSocket('udp4');
  let queries = 0;
  socket.on('message', (query, rinfo) => {
    queries++;
    let offset = 12;
    while (query[offset] !== 0) offset += query[offset]! + 1;
    const question = query.subarray(12, offset + 5);
    const header = Buffer.from(query.subarray(0, 12));
    header.writeUInt16BE(0x8180, 2); // response, recursion available, no error
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(1, 6);
    header.writeUInt16BE(0, 8);
    header.writeUInt16BE(0, 10);
    const [type, data] =
      typeof answerWith === 'string'
        ? [1, Buffer.from(answerWith.split('.').map(Number))]
        : [15, mxData(...answerWith.mx)];
    const answer = Buffer.concat([
      Buffer.from([0xc0, 0x0c, 0, type, 0, 1, 0, 0, 0, 60, 0, data.length]),
      data,
    ]);
    socket.send(Buffer.concat([header, question, answer]), rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
  return { port: socket.address().port, queries: () => queries, close: () => socket.close() };
}
