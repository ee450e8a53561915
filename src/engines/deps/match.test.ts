import { describe, expect, it } from 'vitest';
import { matchInventory } from './match.ts';
import { MemoryAdvisoryStore } from './osv/advisory-store.ts';
import type { OsvRecord } from './osv/osv-types.ts';
import {
  goCryptoSsh,
  lodashCommandInjection,
  lodashPrototypePollution,
  pyyamlGhsa,
  pyyamlPysec,
  smallvecRustsec,
} from './test/osv-fixtures.ts';
import type { InventoryPackage } from './types.ts';

function storeWith(...list: OsvRecord[]): MemoryAdvisoryStore {
  const store = new MemoryAdvisoryStore();
  for (const record of list) store.upsert(record);
  return store;
}

const pkg = (
  over: Partial<InventoryPackage> & Pick<InventoryPackage, 'ecosystem' | 'name' | 'version'>,
): InventoryPackage => ({
  isDirect: true,
  path: [`${over.name}@${over.version}`],
  lockfile: 'lockfile',
  ...over,
});

describe('matching an inventory', () => {
  it('reports one finding per vulnerability, merging a PYSEC and a GHSA record that alias each other', async () => {
    const store = storeWith(pyyamlPysec, pyyamlGhsa);

    const findings = await matchInventory(
      [pkg({ ecosystem: 'PyPI', name: 'pyyaml', version: '5.3.1' })],
      store,
    );

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ids: ['GHSA-8q59-q68h-6hv4', 'PYSEC-2021-142', 'CVE-2020-14343'],
      summary: 'Improper Input Validation in PyYAML',
      severity: { score: 9.8, rating: 'critical' },
      fixedVersions: ['5.4'],
      upgradeTo: '5.4',
    });
  });

  it('gives each vulnerability its own fix and the package the smallest upgrade that fixes all', async () => {
    const store = storeWith(lodashPrototypePollution, lodashCommandInjection);

    const findings = await matchInventory(
      [
        pkg({
          ecosystem: 'npm',
          name: 'lodash',
          version: '4.17.15',
          isDirect: false,
          path: ['async@2.6.3', 'lodash@4.17.15'],
        }),
      ],
      store,
    );

    expect(findings.map((f) => [f.ids[0], f.upgradeTo, f.packageUpgradeTo])).toEqual([
      ['GHSA-p6mc-m468-83gw', '4.17.19', '4.17.21'],
      ['GHSA-35jh-r3h4-6jhm', '4.17.21', '4.17.21'],
    ]);
    expect(findings[0]).toMatchObject({ isDirect: false, path: ['async@2.6.3', 'lodash@4.17.15'] });
  });

  it('picks the fix on the installed branch of a multi-branch range', async () => {
    const findings = await matchInventory(
      [pkg({ ecosystem: 'crates.io', name: 'smallvec', version: '0.6.10' })],
      storeWith(smallvecRustsec),
    );

    const newer = await matchInventory(
      [pkg({ ecosystem: 'crates.io', name: 'smallvec', version: '1.6.0' })],
      storeWith(smallvecRustsec),
    );

    expect(findings[0]?.upgradeTo).toBe('0.6.14');
    expect(findings[0]?.fixedVersions).toEqual(['0.6.14', '1.6.1']);
    expect(newer[0]?.fixedVersions).toEqual(['1.6.1']);
  });

  it('ignores withdrawn advisories', async () => {
    const store = storeWith({ ...lodashCommandInjection, withdrawn: '2024-05-01T00:00:00Z' });

    const findings = await matchInventory(
      [pkg({ ecosystem: 'npm', name: 'lodash', version: '4.17.20' })],
      store,
    );

    expect(findings).toEqual([]);
  });

  it('asks the store once per distinct package name', async () => {
    const store = storeWith(lodashCommandInjection);
    const asked: string[] = [];
    const counting = {
      advisoriesFor: (e: 'npm', n: string) => (asked.push(n), store.advisoriesFor(e, n)),
      sources: () => store.sources(),
    };
    const inventory = [
      pkg({ ecosystem: 'npm', name: 'lodash', version: '4.17.20' }),
      pkg({ ecosystem: 'npm', name: 'lodash', version: '4.17.4', lockfile: 'b' }),
    ];

    const findings = await matchInventory(inventory, counting);

    expect(asked).toEqual(['lodash']);
    expect(findings).toHaveLength(2);
  });
});

describe('matching Go modules', () => {
  it('writes fixed Go versions with the v prefix go.mod uses', async () => {
    const store = new MemoryAdvisoryStore();
    store.upsert(goCryptoSsh);

    const findings = await matchInventory(
      [
        pkg({
          ecosystem: 'Go',
          name: 'golang.org/x/crypto',
          version: 'v0.0.0-20211202192323-5770296d904e',
        }),
      ],
      store,
    );

    expect(findings[0]).toMatchObject({
      upgradeTo: 'v0.0.0-20220314234659-1baeb1ce4c0b',
      fixedVersions: ['v0.0.0-20220314234659-1baeb1ce4c0b'],
    });
  });
});
