import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lodashPrototypePollution, pyyamlPysec, smallvecRustsec } from '../test/osv-fixtures.ts';
import { buildZip } from '../test/zip.ts';
import { MemoryAdvisoryStore } from './advisory-store.ts';
import { importIntoStore, importOsv } from './import.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keel-osv-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const json = (value: unknown): string => JSON.stringify(value);

describe('OSV importer', () => {
  it('imports a per-ecosystem all.zip, skipping and counting malformed records', async () => {
    const zip = join(dir, 'all.zip');
    await writeFile(
      zip,
      buildZip([
        { name: 'GHSA-p6mc-m468-83gw.json', data: json(lodashPrototypePollution) },
        { name: 'PYSEC-2021-142.json', data: json(pyyamlPysec) },
        { name: 'broken.json', data: '{"id": "X", ' },
        { name: 'no-modified.json', data: json({ id: 'GHSA-0000-0000-0000' }) },
        { name: 'README.txt', data: 'not a record' },
      ]),
    );
    const store = new MemoryAdvisoryStore();

    const result = await importIntoStore(zip, store, { now: new Date('2026-01-02T03:04:05Z') });

    expect(result.ok && result.value).toMatchObject({
      inserted: 2,
      skippedMalformed: 2,
      skippedNotJson: 1,
      importedAt: '2026-01-02T03:04:05.000Z',
    });
    expect(result.ok && result.value.problems).toEqual([
      'broken.json: not valid JSON',
      'no-modified.json: GHSA-0000-0000-0000: missing or invalid "modified"',
    ]);
    expect(await store.advisoriesFor('npm', 'lodash')).toHaveLength(1);
    expect(await store.sources()).toEqual([
      { source: zip, importedAt: '2026-01-02T03:04:05.000Z', records: 2 },
    ]);
  });

  it('hands records to a batch writer in batches of batchSize, the rest at the end', async () => {
    const records = Array.from({ length: 5 }, (_, i) => ({
      ...lodashPrototypePollution,
      id: `GHSA-batc-h000-000${i}`,
    }));
    const zip = join(dir, 'all.zip');
    await writeFile(
      zip,
      buildZip([
        ...records.map((r) => ({ name: `${r.id}.json`, data: json(r) })),
        { name: 'broken.json', data: '{' },
      ]),
    );
    const sizes: number[] = [];

    const result = await importOsv(zip, {
      batchSize: 2,
      onBatch: (batch) => {
        sizes.push(batch.length);
        return Promise.resolve(batch.map(() => 'inserted' as const));
      },
    });

    expect(sizes).toEqual([2, 2, 1]);
    expect(result.ok && result.value).toMatchObject({ inserted: 5, skippedMalformed: 1 });
  });

  it('is idempotent by id and modified, and takes newer revisions', async () => {
    await mkdir(join(dir, 'crates.io'));
    await writeFile(join(dir, 'crates.io', 'RUSTSEC-2021-0003.json'), json(smallvecRustsec));
    await writeFile(join(dir, 'GHSA-p6mc-m468-83gw.json'), json(lodashPrototypePollution));
    const store = new MemoryAdvisoryStore();

    const first = await importIntoStore(dir, store);
    const second = await importIntoStore(dir, store);
    await writeFile(
      join(dir, 'GHSA-p6mc-m468-83gw.json'),
      json({ ...lodashPrototypePollution, modified: '2025-01-01T00:00:00Z', summary: 'Revised' }),
    );
    const third = await importIntoStore(dir, store);

    expect(first.ok && first.value).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
    expect(second.ok && second.value).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(third.ok && third.value).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    expect((await store.advisoriesFor('npm', 'lodash'))[0]?.summary).toBe('Revised');
    expect(store.size).toBe(2);
  });

  it('skips entries over the record limit and stops at the total limit (zip bomb)', async () => {
    const zip = join(dir, 'bomb.zip');
    const padding = ' '.repeat(5 * 1024 * 1024);
    await writeFile(
      zip,
      buildZip([
        { name: 'big.json', data: `${json(lodashPrototypePollution)}${padding}` },
        { name: 'a.json', data: json(pyyamlPysec) },
        { name: 'b.json', data: json(smallvecRustsec) },
      ]),
    );
    const seen: string[] = [];

    const result = await importOsv(zip, {
      onRecord: (r) => (seen.push(r.id), 'inserted'),
      limits: { maxRecordBytes: 1024 * 1024, maxTotalBytes: json(pyyamlPysec).length + 10 },
    });

    expect(result.ok && result.value).toMatchObject({ skippedOversized: 1, inserted: 1 });
    expect(result.ok && result.value.stoppedEarly).toMatch(/total limit/);
    expect(seen).toEqual(['PYSEC-2021-142']);
  });

  it('does not trust the declared size of an entry', async () => {
    const zip = join(dir, 'liar.zip');
    await writeFile(
      zip,
      buildZip([
        {
          name: 'liar.json',
          data: `${json(pyyamlPysec)}${' '.repeat(200_000)}`,
          declaredSize: 100,
        },
      ]),
    );

    const result = await importOsv(zip, { onRecord: () => 'inserted' });

    expect(result.ok && result.value).toMatchObject({ inserted: 0, skippedOversized: 1 });
    expect(result.ok && result.value.problems).toEqual([
      'liar.json: inflates past its declared size',
    ]);
  });

  it('reports a file that is not a zip archive as an error', async () => {
    const notZip = join(dir, 'all.zip');
    await writeFile(notZip, 'this is not a zip');

    const result = await importOsv(notZip, { onRecord: () => 'inserted' });

    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/not a readable zip archive/);
  });
});

describe('OSV importer on damaged archives', () => {
  it('skips an entry whose data does not match its CRC', async () => {
    const zip = join(dir, 'crc.zip');
    const archive = buildZip([
      { name: 'a.json', data: JSON.stringify(pyyamlPysec) },
      { name: 'b.json', data: JSON.stringify(smallvecRustsec) },
    ]);
    archive.writeUInt32LE(0xdeadbeef, archive.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 16); // first central entry's CRC
    await writeFile(zip, archive);

    const result = await importOsv(zip, { onRecord: () => 'inserted' });

    expect(result.ok && result.value).toMatchObject({
      inserted: 1,
      skippedMalformed: 1,
      problems: ['a.json: CRC mismatch'],
    });
  });
});
