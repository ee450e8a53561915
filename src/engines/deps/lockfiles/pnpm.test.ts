import { describe, expect, it } from 'vitest';
import { byName, dedent, parseFixture } from '../test/factories.ts';

const v9 = dedent(`
  lockfileVersion: '9.0'

  settings:
    autoInstallPeers: true
    excludeLinksFromLockfile: false

  importers:

    .:
      dependencies:
        react-dom:
          specifier: ^18.2.0
          version: 18.2.0(react@18.2.0)
      devDependencies:
        react:
          specifier: ^18.2.0
          version: 18.2.0

  packages:

    js-tokens@4.0.0:
      resolution: {integrity: sha512-RdJUflcE3cUzKiMqQgsCu06FPu9UdIJO0beYbPhHN4k6apgJtifcoCtT9bcxOpYBtpD2kCM6Sbzg4CausW/PKQ==}

    loose-envify@1.4.0:
      resolution: {integrity: sha512-lyuxPGr/Wfhrlem2CL/UcnUc1zcqKAImBDzukY7Y5F/yQiNdko6+fRLevlw1HgMySw7f611UIY408EtxRSoK3Q==}
      hasBin: true

    react-dom@18.2.0:
      resolution: {integrity: sha512-6IMTriUmvsjHUjNtEDudZfuDQUoWXVxKHhlEGSk81n4YFS+r/Kl99wXiwlVXtPBtJenozv2P+hxDsw9eA7Xo6g==}
      peerDependencies:
        react: ^18.2.0

    react@18.2.0:
      resolution: {integrity: sha512-/3IjMdb2L9QbBdWiW5e3P2/npwMBaU9mHCSCUzNln0ZCYbcfTsGbTJrU/kGemdH2IWmB2ioZ+zkxtmq6g09fGQ==}

    scheduler@0.23.0:
      resolution: {integrity: sha512-CtuThmgHNg7zIZWAXi3AsyIzA3n4xx7aNyjwC2VJldO2LMVDhFK+63xGqq6CNJt4uYb7Ux4gf4CtXjrp3ZsFw==}

  snapshots:

    js-tokens@4.0.0: {}

    loose-envify@1.4.0:
      dependencies:
        js-tokens: 4.0.0

    react-dom@18.2.0(react@18.2.0):
      dependencies:
        loose-envify: 1.4.0
        react: 18.2.0
        scheduler: 0.23.0

    react@18.2.0:
      dependencies:
        loose-envify: 1.4.0

    scheduler@0.23.0:
      dependencies:
        loose-envify: 1.4.0
`);

const v6 = dedent(`
  lockfileVersion: '6.0'

  dependencies:
    '@babel/runtime':
      specifier: ^7.20.0
      version: 7.20.0

  packages:

    /@babel/runtime@7.20.0:
      resolution: {integrity: sha512-NDYdls71fTXoU8TZHfbBWg7DiZfNzClcKui/+kyi6ppD2L1qnWW3VV6CjtaBXSUGGhiTWJ6ereOIkUvenif66Q==}
      engines: {node: '>=6.9.0'}
      dependencies:
        regenerator-runtime: 0.13.11
      dev: false

    /regenerator-runtime@0.13.11:
      resolution: {integrity: sha512-kY1AZVr2Ra+t+piVaJ4gxaFaReZVH40AKNo7UCX6W+dEwBo/2oZJzqfuN1qLq1oL45o56cPaTXELwrTh8Fpggg==}
      dev: false
`);

const v5 = dedent(`
  lockfileVersion: 5.4

  specifiers:
    styled-components: ^5.3.0

  dependencies:
    styled-components: 5.3.6_react@18.2.0

  packages:

    /styled-components/5.3.6_react@18.2.0:
      resolution: {integrity: sha512-hGTZquGAaTqhGWldX7hhfzjnIYBZ0IXQXkCYdvF1Sq3DsUaLx6+NTHc5+7gWxJ+AHVUD/4ZdPAO8ONK+lDqc4Q==}
      dependencies:
        hoist-non-react-statics: 3.3.2
      dev: false

    /hoist-non-react-statics/3.3.2:
      resolution: {integrity: sha512-/gGivxi8JPKWNm/W0jSmzcMPpfpPLc3dY/6GxhX2hQ9iGj3aDfklV4ET7NjKpSinLpJ5vafa9iiGIEZg10SfBw==}
      dev: false
`);

describe('pnpm-lock.yaml', () => {
  it('reads v9 importers and snapshots, dropping peer suffixes', () => {
    const { packages, error } = parseFixture('pnpm-lock.yaml', v9);

    expect(error).toBeUndefined();
    expect(packages).toHaveLength(5);
    expect(byName(packages, 'react-dom')).toMatchObject({ version: '18.2.0', isDirect: true });
    expect(byName(packages, 'scheduler').path).toEqual(['react-dom@18.2.0', 'scheduler@0.23.0']);
    expect(byName(packages, 'js-tokens').isDirect).toBe(false);
  });

  it('reads v6 and v5 package keys', () => {
    const six = parseFixture('pnpm-lock.yaml', v6).packages;
    const five = parseFixture('pnpm-lock.yaml', v5).packages;

    expect(byName(six, 'regenerator-runtime').path).toEqual([
      '@babel/runtime@7.20.0',
      'regenerator-runtime@0.13.11',
    ]);
    expect(byName(six, '@babel/runtime').isDirect).toBe(true);
    expect(byName(five, 'styled-components')).toMatchObject({ version: '5.3.6', isDirect: true });
    expect(byName(five, 'hoist-non-react-statics').path).toEqual([
      'styled-components@5.3.6',
      'hoist-non-react-statics@3.3.2',
    ]);
  });

  it('names the line of a YAML error', () => {
    const { error } = parseFixture(
      'pnpm-lock.yaml',
      "lockfileVersion: '9.0'\npackages:\n  a@1.0.0: {\n  b: [\n",
    );

    expect(error?.line).toBeGreaterThan(1);
    expect(error?.message).toMatch(/invalid YAML/);
  });

  it('refuses a YAML alias bomb instead of expanding it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++)
      levels.push(
        `l${i}: &l${i} [${Array(10)
          .fill(i === 1 ? '*a' : `*l${i - 1}`)
          .join(', ')}]`,
      );
    const bomb = `lockfileVersion: '9.0'\n${levels.join('\n')}\n`;

    const { packages, error } = parseFixture('pnpm-lock.yaml', bomb);

    expect(packages).toEqual([]);
    expect(error?.message).toMatch(/invalid YAML: .*alias/i);
  });
});
