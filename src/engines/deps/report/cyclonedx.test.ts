import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryAdvisoryStore } from '../osv/advisory-store.ts';
import { scanFolder } from '../scan.ts';
import { records } from '../test/osv-fixtures.ts';
import { toCycloneDx } from './cyclonedx.ts';

const lockWith = (lodash: string) =>
  JSON.stringify({
    lockfileVersion: 3,
    packages: {
      '': { dependencies: { lodash: `^${lodash}` } },
      'node_modules/lodash': { version: lodash },
    },
  });

type Bom = {
  components: Array<Record<string, unknown>>;
  vulnerabilities: Array<Record<string, unknown>>;
};

let root: string;
let bom: Bom;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'keel-bom-'));
  for (const [folder, version] of [
    ['web', '4.17.15'],
    ['admin', '4.17.15'],
    ['legacy', '4.17.11'],
  ] as const) {
    await mkdir(join(root, folder));
    await writeFile(join(root, folder, 'package-lock.json'), lockWith(version));
  }
  const store = new MemoryAdvisoryStore();
  for (const record of records) store.upsert(record);
  const scanned = await scanFolder({ root, store });
  if (!scanned.ok) throw new Error(scanned.error);
  bom = JSON.parse(toCycloneDx(scanned.value)) as Bom;
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('CycloneDX vulnerabilities', () => {
  it('lists each vulnerability once, with every affected component in affects', () => {
    const ids = bom.vulnerabilities.map((v) => v.id);
    const lodash = bom.vulnerabilities.find((v) => v.id === 'GHSA-p6mc-m468-83gw')!;

    expect(new Set(ids).size).toBe(ids.length);
    expect((lodash.affects as Array<{ ref: string }>).map((a) => a.ref).sort()).toEqual([
      'pkg:npm/lodash@4.17.11',
      'pkg:npm/lodash@4.17.15',
    ]);
  });

  it('keeps the structure CycloneDX 1.5 requires of vulnerabilities', () => {
    const refs = new Set(bom.components.map((c) => c['bom-ref']));
    const severities = ['critical', 'high', 'medium', 'low', 'info', 'none', 'unknown'];

    for (const v of bom.vulnerabilities) {
      expect(typeof v.id).toBe('string');
      expect(typeof v['bom-ref']).toBe('string');
      const affects = v.affects as Array<{ ref: string }>;
      expect(affects.length).toBeGreaterThan(0);
      expect(new Set(affects.map((a) => a.ref)).size).toBe(affects.length);
      for (const a of affects) expect(refs.has(a.ref), a.ref).toBe(true);
      for (const r of v.references as Array<{ id: string; source: { name: string } }>) {
        expect(typeof r.id).toBe('string');
        expect(typeof r.source.name).toBe('string');
      }
      for (const a of v.advisories as Array<{ url: string }>) expect(a.url).toMatch(/^https?:/);
      for (const r of v.ratings as Array<{ severity: string; score?: number }>) {
        expect(severities).toContain(r.severity);
        if (r.score !== undefined) expect(typeof r.score).toBe('number');
      }
    }
    expect(new Set(bom.vulnerabilities.map((v) => v['bom-ref'])).size).toBe(
      bom.vulnerabilities.length,
    );
  });
});
