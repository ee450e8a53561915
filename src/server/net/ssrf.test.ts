import { describe, expect, it } from 'vitest';
import {
  assertAddressAllowed,
  checkHost,
  classifyAddress,
  normalizeAddress,
  resolveAllowed,
  SsrfError,
  type Lookup,
} from './ssrf.ts';

const strict = { allowPrivate: false };
const relaxed = { allowPrivate: true };
const answers =
  (...addresses: string[]): Lookup =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('classifyAddress', () => {
  it.each([
    ['169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['64:ff9b::a9fe:a9fe', 'reserved'],
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['172.32.0.1', 'public'],
    ['8.8.8.8', 'public'],
    ['2606:4700::1111', 'public'],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it('unwraps IPv4-mapped IPv6 addresses', () => {
    expect(normalizeAddress('[::ffff:10.0.0.1]')).toEqual({ address: '10.0.0.1', family: 4 });
  });
});

describe('assertAddressAllowed', () => {
  it('refuses private and loopback unless private targets are allowed', () => {
    expect(() => assertAddressAllowed('10.0.0.5', 80, strict)).toThrow(/private/);
    expect(() => assertAddressAllowed('127.0.0.1', 80, strict)).toThrow(/loopback/);

    expect(() => assertAddressAllowed('10.0.0.5', 80, relaxed)).not.toThrow();
    expect(() => assertAddressAllowed('127.0.0.1', 80, relaxed)).not.toThrow();
  });

  it('refuses metadata and link-local even when private targets are allowed', () => {
    expect(() => assertAddressAllowed('169.254.169.254', 80, relaxed)).toThrow(/metadata/);
    expect(() => assertAddressAllowed('fd00:ec2::254', 80, relaxed)).toThrow(/metadata/);
    expect(() => assertAddressAllowed('fe80::1', 80, relaxed)).toThrow(/link-local/);
    expect(() => assertAddressAllowed('0.0.0.0', 80, relaxed)).toThrow(/unspecified/);
  });

  it("refuses Keel's own listening address and port, but not other ports", () => {
    const policy = { allowPrivate: true, self: { host: '127.0.0.1', port: 3000 } };

    expect(() => assertAddressAllowed('127.0.0.1', 3000, policy)).toThrow(/Keel itself/);
    expect(() => assertAddressAllowed('::1', 3000, policy)).toThrow(/Keel itself/);
    expect(() => assertAddressAllowed('127.0.0.1', 3001, policy)).not.toThrow();
  });

  it('treats every local address as Keel when it listens on all interfaces', () => {
    const policy = { allowPrivate: true, self: { host: '0.0.0.0', port: 3000 } };

    expect(() => assertAddressAllowed('127.0.0.1', 3000, policy)).toThrow(/Keel itself/);
  });
});

describe('resolveAllowed', () => {
  it('returns the checked address to connect to', async () => {
    const target = await resolveAllowed('example.test', 443, strict, answers('93.184.216.34'));

    expect(target).toMatchObject({ address: '93.184.216.34', family: 4 });
  });

  it('refuses a name when any of its addresses is forbidden (DNS answers mixing in metadata)', async () => {
    const lookup = answers('93.184.216.34', '169.254.169.254');

    await expect(resolveAllowed('evil.test', 80, relaxed, lookup)).rejects.toThrow(/metadata/);
  });

  it('refuses a name that resolves to a private address', async () => {
    await expect(
      resolveAllowed('internal.test', 80, strict, answers('192.168.0.10')),
    ).rejects.toBeInstanceOf(SsrfError);
  });

  it('refuses metadata host names before resolving them', async () => {
    let asked = false;
    const lookup: Lookup = async () => {
      asked = true;
      return [{ address: '8.8.8.8', family: 4 }];
    };

    await expect(resolveAllowed('metadata.google.internal.', 80, relaxed, lookup)).rejects.toThrow(
      /metadata/,
    );
    expect(asked).toBe(false);
  });

  it('checks address literals, bracketed IPv6 included', async () => {
    await expect(resolveAllowed('[::1]', 80, strict)).rejects.toThrow(/loopback/);
    await expect(resolveAllowed('[::ffff:169.254.169.254]', 80, relaxed)).rejects.toThrow(
      /metadata/,
    );
  });

  it('reports a name that does not resolve', async () => {
    const lookup: Lookup = async () => {
      throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
    };

    await expect(resolveAllowed('nowhere.test', 80, strict, lookup)).rejects.toThrow(/ENOTFOUND/);
  });
});

describe('checkHost (git clones)', () => {
  it('refuses a name when any answer is out of policy, private ones only when not allowed', async () => {
    const resolve = async (host: string) =>
      ({
        'mixed.test': ['8.8.8.8', '169.254.169.254'],
        'lan.test': ['10.0.0.5'],
        'ok.test': ['8.8.4.4'],
      })[host] ?? [];

    const mixed = await checkHost('mixed.test', { allowPrivate: true, resolve });
    const lanRefused = await checkHost('lan.test', { allowPrivate: false, resolve });
    const lanAllowed = await checkHost('lan.test', { allowPrivate: true, resolve });
    const public_ = await checkHost('ok.test', { allowPrivate: false, resolve });
    const none = await checkHost('nothing.test', { allowPrivate: false, resolve });
    const metadataName = await checkHost('metadata.google.internal', {
      allowPrivate: true,
      resolve,
    });

    expect(!mixed.ok && mixed.error).toMatch(/metadata/);
    expect(!lanRefused.ok && lanRefused.error).toMatch(/private/);
    expect(lanAllowed).toEqual({ ok: true, value: ['10.0.0.5'] });
    expect(public_).toEqual({ ok: true, value: ['8.8.4.4'] });
    expect(none.ok).toBe(false);
    expect(metadataName.ok).toBe(false);
  });
});
