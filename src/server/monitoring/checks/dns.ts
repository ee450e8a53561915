/**
 * @module The DNS check: a record of a type exists and holds every expected value, written as
 * the record reads (`10 mail.example.com` for MX, where the exchange alone also matches;
 * `priority weight port target` for SRV; `flag tag value` for CAA).
 */
import { Resolver } from 'node:dns/promises';
import { parseDnsServer, type DnsTarget } from '../../../shared/monitoring.ts';
import { assertAddressAllowed, SsrfError } from '../../net/ssrf.ts';
import { ms, type CheckEnv, type CheckOutcome } from './types.ts';

/** Answers of any record type as plain strings, comparable with what the user typed. */
async function resolveAsText(resolver: Resolver, target: DnsTarget): Promise<string[]> {
  const name = target.hostname;
  switch (target.recordType) {
    case 'A':
      return resolver.resolve4(name);
    case 'AAAA':
      return resolver.resolve6(name);
    case 'CNAME':
      return resolver.resolveCname(name);
    case 'NS':
      return resolver.resolveNs(name);
    case 'TXT':
      return (await resolver.resolveTxt(name)).map((parts) => parts.join(''));
    case 'MX':
      return (await resolver.resolveMx(name)).map((mx) => `${mx.priority} ${mx.exchange}`);
    case 'CAA':
      return (await resolver.resolveCaa(name)).map(
        (caa) =>
          `${caa.critical} ${Object.keys(caa).find((k) => k !== 'critical')} ${Object.values(caa).find((v) => typeof v === 'string')}`,
      );
    case 'SRV':
      return (await resolver.resolveSrv(name)).map(
        (srv) => `${srv.priority} ${srv.weight} ${srv.port} ${srv.name}`,
      );
  }
}

const normalize = (value: string) => value.trim().toLowerCase().replace(/\.$/, '');

export async function runDnsCheck(
  target: DnsTarget,
  env: CheckEnv & { resolver?: Resolver },
): Promise<CheckOutcome> {
  const started = performance.now();
  const resolver =
    env.resolver ?? new Resolver({ timeout: Math.max(100, env.timeoutMs), tries: 1 });
  if (target.server) {
    // The resolver is a target like any other: checked against the SSRF policy at every check
    // (the policy may have changed since the monitor was saved).
    const server = parseDnsServer(target.server);
    try {
      if (!server) throw new SsrfError(`${target.server} is not an IP address`, 'bad-url');
      assertAddressAllowed(server.address, server.port, env.policy, `DNS server ${target.server}`);
    } catch (error) {
      if (!(error instanceof SsrfError)) throw error;
      return {
        status: 'down',
        fault: 'blocked',
        message: error.message,
        timings: { totalMs: ms(started) },
      };
    }
    if (!env.resolver) resolver.setServers([target.server]);
  }
  const timer = setTimeout(() => resolver.cancel(), env.timeoutMs);
  try {
    const answers = await resolveAsText(resolver, target);
    const dnsMs = ms(started);
    const have = new Set(answers.map(normalize));
    // An MX value may be written without its priority ("mail.example.com"): the exchange alone
    // matches whatever priority it has.
    if (target.recordType === 'MX')
      for (const answer of answers) have.add(normalize(answer.slice(answer.indexOf(' ') + 1)));
    const missing = target.expected.filter((value) => !have.has(normalize(value)));
    if (missing.length > 0)
      return {
        status: 'down',
        fault: 'assertion',
        message: `${target.recordType} ${target.hostname} lacks ${missing.join(', ')} (has ${answers.join(', ') || 'nothing'})`,
        timings: { dnsMs, totalMs: dnsMs },
      };
    return {
      status: 'up',
      message: `${target.recordType} ${target.hostname}: ${answers.join(', ').slice(0, 300)}`,
      timings: { dnsMs, totalMs: dnsMs },
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return {
      status: 'down',
      fault: code === 'ECANCELLED' || code === 'ETIMEOUT' ? 'timeout' : 'dns',
      message: `${target.recordType} ${target.hostname}: ${code}`,
      timings: { totalMs: ms(started) },
    };
  } finally {
    clearTimeout(timer);
  }
}
