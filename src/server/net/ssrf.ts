/**
 * @module SSRF policy for addresses Keel connects to on a user's behalf (git clones today).
 * The host is resolved (every A and AAAA answer) and each address is classed:
 * - always refused: cloud metadata addresses (169.254.169.254, fd00:ec2::254, 100.100.100.200),
 *   link-local (169.254/16, fe80::/10), "this network" (0/8), multicast and reserved ranges;
 * - refused unless the owner allows private networks: loopback, RFC 1918, CGNAT (100.64/10),
 *   unique-local IPv6 (fc00::/7);
 * - allowed: everything else.
 * IPv4-mapped IPv6 addresses are judged as their IPv4 address. The caller gets the addresses
 * back so it can pin them (git's `http.curloptResolve`) and a second DNS answer cannot differ.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export type HostVerdict = { ok: true; value: string[] } | { ok: false; error: string };

export type AddressClass = 'metadata' | 'link-local' | 'reserved' | 'private' | 'public';

const METADATA = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200', 'fd00:ec2::254']);

function v4Parts(address: string): number[] | null {
  const parts = address.split('.').map(Number);
  return parts.length === 4 && parts.every((p) => Number.isInteger(p) && p >= 0 && p <= 255)
    ? parts
    : null;
}

function classifyV4(address: string): AddressClass {
  const p = v4Parts(address);
  if (!p) return 'reserved';
  const [a, b] = p as [number, number, number, number];
  if (METADATA.has(address)) return 'metadata';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 0 || a >= 224) return 'reserved';
  if (a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168))
    return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'private';
  return 'public';
}

/** Expands an IPv6 address to its eight 16-bit groups. */
function v6Groups(address: string): number[] | null {
  let text = address.toLowerCase().split('%')[0]!;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const p = v4Parts(tail[1]!);
    if (!p) return null;
    text =
      text.slice(0, -tail[1]!.length) +
      `${((p[0]! << 8) | p[1]!).toString(16)}:${((p[2]! << 8) | p[3]!).toString(16)}`;
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const fill = text.includes('::') ? 8 - left.length - right.length : 0;
  const groups = [...left, ...Array<string>(fill).fill('0'), ...right].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

export function classifyAddress(address: string): AddressClass {
  if (isIP(address) === 4) return classifyV4(address);
  const g = v6Groups(address);
  if (!g) return 'reserved';
  const isMappedV4 = g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;
  if (isMappedV4) return classifyV4(`${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`);
  if (g[0] === 0xfd00 && g[1] === 0xec2 && g.slice(2, 7).every((x) => x === 0) && g[7] === 0x254)
    return 'metadata';
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local';
  if (g.every((x) => x === 0) || (g[0]! & 0xff00) === 0xff00) return 'reserved';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'private';
  if ((g[0]! & 0xfe00) === 0xfc00) return 'private';
  return 'public';
}

const why: Record<Exclude<AddressClass, 'public'>, string> = {
  metadata: 'a cloud metadata address',
  'link-local': 'a link-local address',
  reserved: 'a reserved address',
  private: 'a private network address (an owner can allow private networks for this repository)',
};

export interface HostPolicy {
  allowPrivate: boolean;
  /** Injected in tests; DNS otherwise. */
  resolve?: (host: string) => Promise<string[]>;
}

const resolveAll = async (host: string): Promise<string[]> =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Resolves the host and refuses it when any of its addresses is out of policy. */
export async function checkHost(host: string, policy: HostPolicy): Promise<HostVerdict> {
  const bare = host.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(bare)) addresses = [bare];
  else {
    try {
      addresses = await (policy.resolve ?? resolveAll)(bare);
    } catch {
      return { ok: false, error: `the host ${bare} does not resolve` };
    }
    if (addresses.length === 0) return { ok: false, error: `the host ${bare} does not resolve` };
  }
  for (const address of addresses) {
    const kind = classifyAddress(address);
    if (kind === 'public' || (kind === 'private' && policy.allowPrivate)) continue;
    return { ok: false, error: `the host ${bare} resolves to ${why[kind]}` };
  }
  return { ok: true, value: addresses };
}
