/**
 * @module The HTTP(S) check. Resolution goes through the SSRF policy and the request connects to
 * the checked address (the name only goes into SNI and the Host header). Redirects are followed
 * by hand so each hop is checked again. Timings come from socket events: DNS, connect, TLS,
 * first byte, total. The body is read up to a cap; the whole exchange has one hard deadline.
 */
import http from 'node:http';
import https from 'node:https';
import { isIP, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { RE2JS } from 're2js';
import { BODY_CAP_BYTES, isSecretHeader, type HttpTarget } from '../../../shared/monitoring.ts';
import { defaultPort, SsrfError, type ResolvedTarget } from '../../net/ssrf.ts';
import { LookupTimeout, resolveBefore } from './resolve-target.ts';
import { displayUrl } from '../secret-url.ts';
import { faultOf } from './errors.ts';
import { evaluateJsonPath } from './json-path.ts';
import { ms, type CheckEnv, type CheckOutcome, type Timings } from './types.ts';

const MAX_REDIRECTS = 10;

interface Exchange {
  statusCode: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  truncated: boolean;
  timings: Timings;
  certValidTo?: string | undefined;
}

class CheckTimeout extends Error {
  readonly code = 'KEEL_TIMEOUT';
}

function exchange(options: {
  url: URL;
  target: ResolvedTarget;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  verifyTls: boolean;
  remainingMs: number;
  capBytes: number;
  signal?: AbortSignal | undefined;
}): Promise<Exchange> {
  const { url, target } = options;
  const isHttps = url.protocol === 'https:';
  const t0 = performance.now();
  const timings: Timings = {};
  return new Promise<Exchange>((resolve, reject) => {
    let certValidTo: string | undefined;
    const request = (isHttps ? https : http).request({
      host: target.address,
      family: target.family,
      port: defaultPort(url),
      path: `${url.pathname}${url.search}`,
      method: options.method,
      headers: {
        'user-agent': 'Keel-Monitor/1.0',
        accept: '*/*',
        ...options.headers,
        host: url.host,
        connection: 'close',
      },
      agent: false,
      ...(isHttps
        ? {
            ...(isIP(url.hostname.replace(/^\[|\]$/g, '')) ? {} : { servername: url.hostname }),
            rejectUnauthorized: options.verifyTls,
          }
        : {}),
    });
    const timer = setTimeout(
      () => request.destroy(new CheckTimeout('timeout')),
      Math.max(1, options.remainingMs),
    );
    const onAbort = () => request.destroy(new CheckTimeout('stopped'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    // An abort before this point never fires the listener: stop now rather than at the timeout.
    if (options.signal?.aborted) onAbort();
    const finish = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };
    request.on('socket', (socket: Socket) => {
      socket.once('connect', () => (timings.connectMs = ms(t0)));
      socket.once('secureConnect', () => {
        timings.tlsMs = ms(t0) - (timings.connectMs ?? 0);
        certValidTo = (socket as TLSSocket).getPeerCertificate?.()?.valid_to;
      });
    });
    request.on('response', (response) => {
      timings.firstByteMs = ms(t0);
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const done = () => {
        finish();
        timings.totalMs = ms(t0);
        resolve({
          statusCode: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
          truncated,
          timings,
          certValidTo,
        });
      };
      response.on('data', (chunk: Buffer) => {
        if (truncated) return;
        const room = options.capBytes - size;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          size += room;
          truncated = true;
          response.destroy();
          done();
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      response.on('end', done);
      response.on('error', (error) => {
        if (truncated) return;
        finish();
        reject(error);
      });
      response.on('aborted', () => {
        if (!truncated) {
          finish();
          reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
        }
      });
    });
    request.on('error', (error) => {
      finish();
      reject(error);
    });
    if (options.body !== undefined && options.method !== 'GET' && options.method !== 'HEAD')
      request.write(options.body);
    request.end();
  });
}

function statusMatches(code: number, patterns: string[]): boolean {
  return patterns.some((pattern) => {
    if (/^\dxx$/.test(pattern)) return Math.floor(code / 100) === Number(pattern[0]);
    const [low, high] = pattern.split('-').map(Number);
    return high === undefined ? code === low : code >= low! && code <= high;
  });
}

const daysUntil = (validTo: string | undefined, now: Date) =>
  validTo ? Math.floor((Date.parse(validTo) - now.getTime()) / 86_400_000) : undefined;

/** Runs one HTTP(S) check. Never throws: every failure is an outcome. */
export async function runHttpCheck(target: HttpTarget, env: CheckEnv): Promise<CheckOutcome> {
  const started = performance.now();
  const deadline = started + env.timeoutMs;
  const capBytes = env.bodyCapBytes ?? BODY_CAP_BYTES;
  const seen = new Set<string>();
  let url = new URL(target.url);
  let method: string = target.method;
  let body = target.body;
  let headers = target.headers;
  let dnsMs = 0;
  let last: Exchange | undefined;
  const down = (fault: CheckOutcome['fault'], message: string): CheckOutcome => ({
    status: 'down',
    fault,
    message,
    timings: { ...last?.timings, dnsMs, totalMs: ms(started) },
    statusCode: last?.statusCode,
  });

  for (let hop = 0; ; hop++) {
    seen.add(url.href);
    let resolved: ResolvedTarget;
    try {
      resolved = await resolveBefore(url.hostname, defaultPort(url), env, deadline);
    } catch (error) {
      if (error instanceof LookupTimeout)
        return down('timeout', `no answer within ${env.timeoutMs / 1000} s (DNS was slow)`);
      if (error instanceof SsrfError)
        return down(error.reason === 'unresolvable' ? 'dns' : 'blocked', error.message);
      throw error;
    }
    dnsMs += resolved.dnsMs;
    if (performance.now() >= deadline)
      return down('timeout', `no answer within ${env.timeoutMs / 1000} s (DNS was slow)`);
    try {
      last = await exchange({
        url,
        target: resolved,
        method,
        headers,
        body,
        verifyTls: target.verifyTls,
        remainingMs: deadline - performance.now(),
        capBytes,
        signal: env.signal,
      });
    } catch (error) {
      if (error instanceof CheckTimeout)
        return down('timeout', `no complete answer within ${env.timeoutMs / 1000} s`);
      const { fault, message } = faultOf(error);
      return down(fault, message);
    }
    const location = last.headers.location;
    if (target.followRedirects && last.statusCode >= 300 && last.statusCode < 400 && location) {
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        return down('garbage', `redirect to an invalid address`);
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:')
        return down('blocked', `redirect to ${next.protocol} refused`);
      if (seen.has(next.href)) return down('redirect-loop', `redirect loop at ${displayUrl(next)}`);
      if (hop + 1 >= MAX_REDIRECTS)
        return down('too-many-redirects', `more than ${MAX_REDIRECTS} redirects`);
      if (
        last.statusCode === 303 ||
        ((last.statusCode === 301 || last.statusCode === 302) && method === 'POST')
      ) {
        method = 'GET';
        body = undefined;
      }
      // As browsers do: credentials go to the origin they were given for, not to wherever it
      // redirects (another host, another port, or http after https).
      if (next.origin !== url.origin)
        headers = Object.fromEntries(
          Object.entries(headers).filter(([name]) => !isSecretHeader(name, target.secretHeaders)),
        );
      url = next;
      continue;
    }
    break;
  }

  const result = last;
  const timings: Timings = { ...result.timings, dnsMs, totalMs: ms(started) };
  const certDaysLeft =
    url.protocol === 'https:'
      ? daysUntil(result.certValidTo, env.now?.() ?? new Date())
      : undefined;
  const base = { timings, statusCode: result.statusCode, certDaysLeft };
  const fail = (fault: CheckOutcome['fault'], message: string): CheckOutcome => ({
    ...base,
    status: 'down',
    fault,
    message,
  });

  if (!statusMatches(result.statusCode, target.expectedStatus))
    return fail(
      'status',
      `status ${result.statusCode}, expected ${target.expectedStatus.join(', ')}`,
    );
  const text = result.body.toString('utf8');
  if (target.bodyContains !== undefined && !text.includes(target.bodyContains))
    return fail('assertion', `the body does not contain "${target.bodyContains}"`);
  if (target.bodyNotContains !== undefined && text.includes(target.bodyNotContains))
    return fail('assertion', `the body contains "${target.bodyNotContains}"`);
  if (target.bodyRegex !== undefined) {
    let matched: boolean;
    try {
      matched = RE2JS.compile(target.bodyRegex).matcher(text).find();
    } catch {
      return fail('assertion', 'the body pattern is not a valid RE2 regular expression');
    }
    if (!matched) return fail('assertion', `the body does not match /${target.bodyRegex}/`);
  }
  if (target.jsonAssertions.length > 0) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return fail(
        'assertion',
        result.truncated ? 'the body is too large to read as JSON' : 'the body is not JSON',
      );
    }
    for (const assertion of target.jsonAssertions) {
      const problem = evaluateJsonPath(json, assertion);
      if (problem) return fail('assertion', problem);
    }
  }
  if (target.maxResponseMs !== undefined && (timings.totalMs ?? 0) > target.maxResponseMs)
    return fail(
      'slow',
      `answered in ${Math.round(timings.totalMs ?? 0)} ms, over the ${target.maxResponseMs} ms limit`,
    );
  if (result.truncated)
    return {
      ...base,
      status: 'degraded',
      fault: 'huge-body',
      message: `status ${result.statusCode}; body larger than ${capBytes} bytes, read up to the cap`,
    };
  return { ...base, status: 'up', message: `status ${result.statusCode}` };
}
