import { afterEach, describe, expect, it } from 'vitest';
import { matchInventory } from '../match.ts';
import { records } from '../test/osv-fixtures.ts';
import type { InventoryPackage } from '../types.ts';
import { MemoryAdvisoryStore } from './advisory-store.ts';
import { fetchAdvisoriesOnline } from './online.ts';
import { startMockOsv, type MockOsv } from '../test/mock-osv.ts';

let server: MockOsv | undefined;
afterEach(() => server?.close());

const installed = (
  ecosystem: InventoryPackage['ecosystem'],
  name: string,
  version: string,
): InventoryPackage => ({
  ecosystem,
  name,
  version,
  isDirect: true,
  path: [`${name}@${version}`],
  lockfile: 'x',
});

const packages: InventoryPackage[] = [
  installed('npm', 'lodash', '4.17.15'),
  installed('npm', 'lodash', '4.17.15'), // the same version twice asks once
  installed('PyPI', 'pyyaml', '5.3.1'),
  installed('npm', 'left-pad', '1.3.0'),
];

describe('asking the OSV service (a loopback stand-in)', () => {
  it('finds what an offline scan of the same records finds, following every page', async () => {
    const osv = (server = await startMockOsv());
    const online = new MemoryAdvisoryStore();
    const offline = new MemoryAdvisoryStore();
    for (const record of records) offline.upsert(record);

    const fetched = await fetchAdvisoriesOnline(packages, online, {
      baseUrl: osv.url,
      batchSize: 2,
    });
    // The order follows the store's; the scan sorts findings afterwards.
    const key = (f: { package: string; ids: string[] }) => `${f.package} ${f.ids.join()}`;
    const sorted = <T extends { package: string; ids: string[] }>(xs: T[]) =>
      xs.sort((a, b) => key(a).localeCompare(key(b)));
    const found = sorted(await matchInventory(packages, online));
    const expected = sorted(await matchInventory(packages, offline));

    expect(fetched).toEqual({
      ok: true,
      value: { queried: 3, advisories: 4, requests: 7 },
    });
    expect(found.length).toBeGreaterThan(0);
    expect(found).toEqual(expected);
    // Two batches on the first page, one more for the second ids of lodash and pyyaml.
    expect(osv.paths.filter((p) => p === '/v1/querybatch')).toHaveLength(3);
    expect(await online.sources()).toEqual([
      expect.objectContaining({ source: `${osv.url} (online)`, records: 4 }),
    ]);
  });

  it('sends package names and versions only', async () => {
    const osv = (server = await startMockOsv());

    await fetchAdvisoriesOnline(packages, new MemoryAdvisoryStore(), { baseUrl: osv.url });

    const sent = JSON.stringify(osv.bodies);
    expect(osv.bodies[0]).toEqual({
      queries: [
        { package: { ecosystem: 'npm', name: 'lodash' }, version: '4.17.15' },
        { package: { ecosystem: 'PyPI', name: 'pyyaml' }, version: '5.3.1' },
        { package: { ecosystem: 'npm', name: 'left-pad' }, version: '1.3.0' },
      ],
    });
    expect(sent).not.toContain('lockfile');
    expect(sent).not.toContain('path');
  });

  it('says what went wrong when the service fails, is unreachable, oversized or wrong', async () => {
    const failing = (server = await startMockOsv((_req, res) => {
      res.statusCode = 503;
      res.end('overloaded');
      return true;
    }));
    const failed = await fetchAdvisoriesOnline(packages, new MemoryAdvisoryStore(), {
      baseUrl: failing.url,
    });
    server.close();
    const unreachable = await fetchAdvisoriesOnline(packages, new MemoryAdvisoryStore(), {
      baseUrl: failing.url,
    });
    const huge = (server = await startMockOsv((_req, res) => {
      res.end(JSON.stringify({ results: [], padding: 'x'.repeat(4096) }));
      return true;
    }));
    const tooBig = await fetchAdvisoriesOnline(packages, new MemoryAdvisoryStore(), {
      baseUrl: huge.url,
      maxResponseBytes: 1024,
    });
    server.close();
    const short = (server = await startMockOsv((_req, res) => {
      res.end(JSON.stringify({ results: [{}] }));
      return true;
    }));
    const miscounted = await fetchAdvisoriesOnline(packages, new MemoryAdvisoryStore(), {
      baseUrl: short.url,
    });
    server.close();
    const broken = (server = await startMockOsv(undefined, [
      { ...records[0]!, modified: 'yesterday' },
    ]));
    const invalid = await fetchAdvisoriesOnline(packages, new MemoryAdvisoryStore(), {
      baseUrl: broken.url,
    });
    const notUrl = await fetchAdvisoriesOnline(packages, new MemoryAdvisoryStore(), {
      baseUrl: 'file:///etc/passwd',
    });

    expect(failed).toEqual({
      ok: false,
      error: 'the OSV service answered 503 for /v1/querybatch: overloaded',
    });
    expect(unreachable).toMatchObject({
      ok: false,
      error: /^cannot reach the OSV service at http:\/\/127\.0\.0\.1:\d+: /,
    });
    expect(tooBig).toMatchObject({
      ok: false,
      error: /sent more than .* MiB for \/v1\/querybatch/,
    });
    expect(miscounted).toEqual({
      ok: false,
      error: 'the OSV service answered 1 results for 3 queries',
    });
    expect(invalid).toMatchObject({ ok: false, error: /sent an invalid record: .*"modified"/ });
    expect(notUrl).toEqual({ ok: false, error: 'the OSV address must be http(s), not file:' });
  });
});
