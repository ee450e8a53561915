/**
 * @module The SSRF policy for every URL a user gives Keel to fetch (monitors, webhooks). A target
 * is resolved here, its addresses checked, and the caller connects to the checked address (not
 * the name again), so a DNS answer that changes between check and connect cannot slip through.
 * Callers re-check at every redirect. Cloud metadata, link-local, unspecified, multicast and
 * Keel's own listening address are always refused; private and loopback ranges are refused unless
 * the owner allows private targets (`KEEL_MONITOR_ALLOW_PRIVATE`, for self-hosted teams).
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

export interface SsrfPolicy {
  /** Allow 10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7 and loopback. */
  allowPrivate: boolean;
  /** Keel's own listening address(es) and port: refused whatever allowPrivate says. */
  self?: { host: string; port: number } | undefined;
}

export type AddressClass =
  | 'metadata'
  | 'unspecified'
  | 'link-local'
  | 'multicast'
  | 'reserved'
  | 'loopback'
  | 'private'
  | 'public';

/** Host names of cloud metadata services (AWS, GCP, Azure, OpenStack, Alibaba, Oracle…). */
const METADATA_NAMES = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'metadata.azure.com',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.packet.net',
  'metadata.platformequinix.com',
  'metadata.tencentyun.com',
]);
const METADATA_ADDRESSES = new Set([
  '169.254.169.254',
  '169.254.170.2', // ECS task metadata
  '100.100.100.200', // Alibaba
  '192.0.0.192', // Oracle
  'fd00:ec2::254',
]);

function list(entries: [string, number, 'ipv4' | 'ipv6'][]): BlockList {
  const blocks = new BlockList();
  for (const [net, prefix, type] of entries) blocks.addSubnet(net, prefix, type);
  return blocks;
}
const UNSPECIFIED = list([
  ['0.0.0.0', 8, 'ipv4'],
  ['::', 128, 'ipv6'],
]);
const LINK_LOCAL = list([
  ['169.254.0.0', 16, 'ipv4'],
  ['fe80::', 10, 'ipv6'],
]);
const MULTICAST = list([
  ['224.0.0.0', 4, 'ipv4'],
  ['ff00::', 8, 'ipv6'],
]);
const RESERVED = list([
  ['240.0.0.0', 4, 'ipv4'], // includes 255.255.255.255
  ['192.0.0.0', 24, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['64:ff9b::', 96, 'ipv6'], // NAT64: could reach any IPv4 address, metadata included
  ['2002::', 16, 'ipv6'], // 6to4, same reason
  ['100::', 64, 'ipv6'],
]);
const LOOPBACK = list([
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
]);
const PRIVATE = list([
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['fc00::', 7, 'ipv6'],
]);

/** `::ffff:10.0.0.1` and `::ffff:a00:1` are IPv4 addresses in disguise: judge them as such. */
export function normalizeAddress(address: string): { address: string; family: 4 | 6 } {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/.exec(bare);
  if (mapped?.[1]) {
    const rest = mapped[1];
    if (isIP(rest) === 4) return { address: rest, family: 4 };
    const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(rest);
    if (hex) {
      const high = parseInt(hex[1]!, 16);
      const low = parseInt(hex[2]!, 16);
      return {
        address: [high >> 8, high & 255, low >> 8, low & 255].join('.'),
        family: 4,
      };
    }
  }
  return { address: bare, family: isIP(bare) === 4 ? 4 : 6 };
}

export function classifyAddress(raw: string): AddressClass {
  const { address, family } = normalizeAddress(raw);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (METADATA_ADDRESSES.has(address)) return 'metadata';
  if (UNSPECIFIED.check(address, type)) return 'unspecified';
  if (LINK_LOCAL.check(address, type)) return 'link-local';
  if (MULTICAST.check(address, type)) return 'multicast';
  if (RESERVED.check(address, type)) return 'reserved';
  if (LOOPBACK.check(address, type)) return 'loopback';
  if (PRIVATE.check(address, type)) return 'private';
  return 'public';
}

export class SsrfError extends Error {
  constructor(
    message: string,
    readonly reason: AddressClass | 'self' | 'unresolvable' | 'bad-url',
  ) {
    super(message);
    this.name = 'SsrfError';
  }
}

const REASONS: Record<Exclude<AddressClass, 'public'>, string> = {
  metadata: 'a cloud metadata address',
  unspecified: 'an unspecified address',
  'link-local': 'a link-local address',
  multicast: 'a multicast address',
  reserved: 'a reserved address',
  loopback: 'a loopback address on a private network (refused unless private networks are allowed)',
  private: 'a private network address (refused unless private networks are allowed)',
};

function isSelf(address: string, port: number, policy: SsrfPolicy): boolean {
  const self = policy.self;
  if (!self || self.port !== port) return false;
  const host = normalizeAddress(self.host).address;
  if (host === address) return true;
  // Listening on every interface: any of this machine's addresses reaches Keel.
  const cls = classifyAddress(address);
  if (host === '0.0.0.0' || host === '::' || host === 'localhost') {
    if (cls === 'loopback' || cls === 'unspecified') return true;
    return Object.values(networkInterfaces())
      .flat()
      .some((i) => i && normalizeAddress(i.address).address === address);
  }
  return cls === 'loopback' && classifyAddress(host) === 'loopback';
}

/** Throws an SsrfError when one resolved address may not be contacted. */
export function assertAddressAllowed(
  rawAddress: string,
  port: number,
  policy: SsrfPolicy,
  hostLabel = rawAddress,
): void {
  const { address } = normalizeAddress(rawAddress);
  const cls = classifyAddress(address);
  if (isSelf(address, port, policy))
    throw new SsrfError(`${hostLabel} is Keel itself; pick another target`, 'self');
  if (cls === 'public') return;
  if ((cls === 'private' || cls === 'loopback') && policy.allowPrivate) return;
  throw new SsrfError(`${hostLabel} resolves to ${REASONS[cls]}; refused`, cls);
}

export type Lookup = (hostname: string) => Promise<{ address: string; family: number }[]>;

const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export interface ResolvedTarget {
  /** The checked address to connect to. */
  address: string;
  family: 4 | 6;
  /** Time spent resolving, in ms (0 for an address literal). */
  dnsMs: number;
}

/**
 * Resolves a host name and checks every address it has (one bad address refuses the whole
 * name: a name that mixes public and metadata answers is an attack, not an accident). Returns
 * the first address; connect to it, never to the name.
 */
export async function resolveAllowed(
  hostname: string,
  port: number,
  policy: SsrfPolicy,
  lookup: Lookup = systemLookup,
): Promise<ResolvedTarget> {
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (METADATA_NAMES.has(host))
    throw new SsrfError(`${host} is a cloud metadata service; refused`, 'metadata');
  if (isIP(host)) {
    assertAddressAllowed(host, port, policy, host);
    const n = normalizeAddress(host);
    return { address: n.address, family: n.family, dnsMs: 0 };
  }
  const started = performance.now();
  let answers: { address: string; family: number }[];
  try {
    answers = await lookup(host);
  } catch (error) {
    throw new SsrfError(
      `${host} could not be resolved (${(error as NodeJS.ErrnoException).code ?? 'DNS error'})`,
      'unresolvable',
    );
  }
  const dnsMs = performance.now() - started;
  if (answers.length === 0) throw new SsrfError(`${host} has no address`, 'unresolvable');
  for (const answer of answers) assertAddressAllowed(answer.address, port, policy, host);
  const first = normalizeAddress(answers[0]!.address);
  return { address: first.address, family: first.family, dnsMs };
}

/** Checks the URL's shape (http/https, no credentials) before anything is resolved. */
export function checkUrlShape(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SsrfError('not a valid URL; write it as https://example.com/path', 'bad-url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new SsrfError('only http:// and https:// URLs can be checked', 'bad-url');
  return url;
}

export const defaultPort = (url: URL) =>
  url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;

/** The policy for this Keel process, from its configuration. */
export function ssrfPolicyFrom(config: {
  monitorAllowPrivate: boolean;
  host: string;
  port: number;
}): SsrfPolicy {
  return {
    allowPrivate: config.monitorAllowPrivate,
    self: { host: config.host, port: config.port },
  };
}

export type HostVerdict = { ok: true; value: string[] } | { ok: false; error: string };

/**
 * For callers that hand the connection to another program (git clones): resolves the host,
 * checks every address against the same policy, and returns them all so the caller can pin
 * them (git's `http.curloptResolve`) and a second DNS answer cannot differ.
 */
export async function checkHost(
  host: string,
  policy: { allowPrivate: boolean; resolve?: (host: string) => Promise<string[]> },
): Promise<HostVerdict> {
  const bare = host
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  try {
    if (METADATA_NAMES.has(bare))
      throw new SsrfError(`${bare} is a cloud metadata service; refused`, 'metadata');
    let addresses: string[];
    if (isIP(bare)) addresses = [bare];
    else {
      try {
        addresses = policy.resolve
          ? await policy.resolve(bare)
          : (await systemLookup(bare)).map((a) => a.address);
      } catch {
        addresses = [];
      }
      if (addresses.length === 0) return { ok: false, error: `the host ${bare} does not resolve` };
    }
    for (const address of addresses)
      assertAddressAllowed(address, 0, { allowPrivate: policy.allowPrivate }, bare);
    return { ok: true, value: addresses.map((a) => normalizeAddress(a).address) };
  } catch (error) {
    if (error instanceof SsrfError) return { ok: false, error: error.message };
    throw error;
  }
}
