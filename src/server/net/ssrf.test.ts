import { describe, expect, it } from 'vitest';
import { checkHost, classifyAddress } from './ssrf.ts';

describe('SSRF policy', () => {
  it('classes addresses', () => {
    const cases: [string, string][] = [
      ['169.254.169.254', 'metadata'],
      ['fd00:ec2::254', 'metadata'],
      ['169.254.10.1', 'link-local'],
      ['fe80::1', 'link-local'],
      ['::ffff:169.254.169.254', 'metadata'],
      ['127.0.0.1', 'private'],
      ['::1', 'private'],
      ['10.1.2.3', 'private'],
      ['172.20.0.1', 'private'],
      ['192.168.1.1', 'private'],
      ['100.64.0.1', 'private'],
      ['fd12::1', 'private'],
      ['::ffff:10.0.0.1', 'private'],
      ['0.0.0.0', 'reserved'],
      ['224.0.0.1', 'reserved'],
      ['8.8.8.8', 'public'],
      ['172.32.0.1', 'public'],
      ['2001:db8::1', 'public'],
    ];

    expect(cases.map(([a]) => [a, classifyAddress(a)])).toEqual(cases);
  });

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

    expect(!mixed.ok && mixed.error).toMatch(/metadata/);
    expect(!lanRefused.ok && lanRefused.error).toMatch(/private network/);
    expect(lanAllowed).toEqual({ ok: true, value: ['10.0.0.5'] });
    expect(public_).toEqual({ ok: true, value: ['8.8.4.4'] });
    expect(none.ok).toBe(false);
  });
});
