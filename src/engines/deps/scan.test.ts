import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryAdvisoryStore } from './osv/advisory-store.ts';
import { toCycloneDx } from './report/cyclonedx.ts';
import { toJsonReport } from './report/json.ts';
import { toSarifReport } from './report/sarif.ts';
import { toTextReport } from './report/text.ts';
import { scanFolder, type ScanReport } from './scan.ts';
import { dedent } from './test/factories.ts';
import { records } from './test/osv-fixtures.ts';

let root: string;
let report: ScanReport;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'keel-deps-'));
  await mkdir(join(root, 'web'));
  await mkdir(join(root, 'api'));
  await mkdir(join(root, 'web', 'node_modules', 'x'), { recursive: true });
  await writeFile(
    join(root, 'web', 'package-lock.json'),
    JSON.stringify(
      {
        lockfileVersion: 3,
        packages: {
          '': { dependencies: { async: '^2.6.0' } },
          'node_modules/async': { version: '2.6.3', dependencies: { lodash: '^4.17.14' } },
          'node_modules/lodash': { version: '4.17.15' },
        },
      },
      null,
      2,
    ),
  );
  // Installed copies under node_modules are not the project's lockfiles.
  await writeFile(join(root, 'web', 'node_modules', 'x', 'package-lock.json'), '{ broken');
  await writeFile(join(root, 'api', 'requirements.txt'), 'PyYAML==5.3.1\nrequests==2.31.0\n');
  await writeFile(
    join(root, 'api', 'poetry.lock'),
    dedent(`
    [[package]]
    name = "jinja2"
    version = "3.1.2
  `),
  );
  const store = new MemoryAdvisoryStore();
  for (const record of records) store.upsert(record);
  store.recordSource({
    source: 'osv-fixtures',
    importedAt: '2026-01-01T00:00:00.000Z',
    records: records.length,
  });
  const scanned = await scanFolder({ root, store, now: new Date('2026-02-03T04:05:06Z') });
  if (!scanned.ok) throw new Error(scanned.error);
  report = scanned.value;
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('scanning a folder', () => {
  it('scans every lockfile, and a malformed one is an error naming file and line', () => {
    expect(report.lockfiles.map((l) => l.file)).toEqual([
      'api/requirements.txt',
      'web/package-lock.json',
    ]);
    expect(report.errors).toEqual([expect.objectContaining({ file: 'api/poetry.lock', line: 3 })]);
    expect(report.packages).toHaveLength(4);
  });

  it('finds the vulnerable packages, most severe (then highest score) first', () => {
    expect(
      report.findings.map(
        (f) => `${f.package}@${f.installedVersion} ${f.ids[0]} ${f.severity.rating}`,
      ),
    ).toEqual([
      'pyyaml@5.3.1 GHSA-8q59-q68h-6hv4 critical',
      'lodash@4.17.15 GHSA-p6mc-m468-83gw high',
      'lodash@4.17.15 GHSA-35jh-r3h4-6jhm high',
    ]);
  });

  it('reports a binary or invalid UTF-8 lockfile as an error and scans the rest', async () => {
    const folder = join(root, 'binary');
    await mkdir(folder);
    await writeFile(
      join(folder, 'Gemfile.lock'),
      Buffer.from([0x00, 0xff, 0xfe, 0x47, 0x45, 0x4d, 0x0a, 0xc3, 0x28]),
    );
    await writeFile(join(folder, 'go.mod'), 'module x\n\nrequire golang.org/x/text v0.3.7\n');

    const result = await scanFolder({ root: folder });

    expect(result.ok && result.value.errors).toEqual([
      expect.objectContaining({ file: 'Gemfile.lock', line: 1 }),
    ]);
    expect(result.ok && result.value.packages.map((p) => p.name)).toEqual(['golang.org/x/text']);
  });

  it('reads go.sum only where no go.mod sits beside it', async () => {
    const folder = join(root, 'go');
    await mkdir(join(folder, 'svc'), { recursive: true });
    const sum = 'golang.org/x/text v0.3.7 h1:olpwvP2KacW1ZWvsR7uQhoyTYvKAupfQrRGBFM352Gk=\n';
    await writeFile(join(folder, 'go.mod'), 'module x\n\nrequire golang.org/x/net v0.7.0\n');
    await writeFile(join(folder, 'go.sum'), sum);
    await writeFile(join(folder, 'svc', 'go.sum'), sum);

    const result = await scanFolder({ root: folder });

    expect(result.ok && result.value.lockfiles.map((l) => `${l.file} ${l.parser}`)).toEqual([
      'go.mod gomod',
      'svc/go.sum gosum',
    ]);
  });

  it('fails cleanly on a folder that does not exist', async () => {
    const result = await scanFolder({ root: join(root, 'missing') });

    expect(result).toEqual({
      ok: false,
      error: `${join(root, 'missing')} is not a readable folder`,
    });
  });
});

describe('reports', () => {
  it('prints a text report with the fix and the path', () => {
    const text = toTextReport(report);

    expect(text).toContain(
      'HIGH 7.4  lodash 4.17.15 (npm, transitive)  GHSA-p6mc-m468-83gw (CVE-2020-8203)',
    );
    expect(text).toContain('  fix: upgrade to 4.17.19 (4.17.21 fixes every known issue)');
    expect(text).toContain('  path: async@2.6.3 > lodash@4.17.15  [web/package-lock.json:');
    expect(text).toContain('error: api/poetry.lock:3: invalid TOML');
  });

  it('writes JSON with a schema version and a summary', () => {
    const json = JSON.parse(toJsonReport(report)) as Record<string, unknown>;

    expect(json).toMatchObject({
      schemaVersion: 1,
      summary: { lockfiles: 2, packages: 4, vulnerablePackages: 2, findings: 3, errors: 1 },
    });
  });

  it('writes SARIF 2.1.0 with one rule per vulnerability and lockfile locations', () => {
    const sarif = JSON.parse(toSarifReport(report)) as {
      version: string;
      runs: Array<{
        tool: { driver: { rules: unknown[] } };
        results: Array<Record<string, unknown>>;
      }>;
    };

    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.tool.driver.rules).toHaveLength(3);
    expect(sarif.runs[0]!.results[0]).toMatchObject({
      ruleId: 'GHSA-8q59-q68h-6hv4',
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'api/requirements.txt' },
            region: { startLine: 1 },
          },
        },
      ],
    });
  });

  it('writes CycloneDX 1.5 with components, edges and vulnerabilities', () => {
    const bom = JSON.parse(
      toCycloneDx(report, { serialNumber: '00000000-0000-4000-8000-000000000000' }),
    ) as Record<string, unknown>;

    expect(bom).toMatchObject({
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      serialNumber: 'urn:uuid:00000000-0000-4000-8000-000000000000',
    });
    expect(bom.components).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          purl: 'pkg:pypi/pyyaml@5.3.1',
          'bom-ref': 'pkg:pypi/pyyaml@5.3.1',
        }),
      ]),
    );
    expect(bom.dependencies).toEqual(
      expect.arrayContaining([
        { ref: 'pkg:npm/async@2.6.3', dependsOn: ['pkg:npm/lodash@4.17.15'] },
        {
          ref: 'root',
          dependsOn: expect.arrayContaining([
            'pkg:npm/async@2.6.3',
            'pkg:pypi/pyyaml@5.3.1',
          ]) as unknown,
        },
      ]),
    );
    expect(bom.vulnerabilities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'GHSA-p6mc-m468-83gw',
          ratings: [
            {
              score: 7.4,
              severity: 'high',
              method: 'CVSSv31',
              vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H',
            },
          ],
          affects: [{ ref: 'pkg:npm/lodash@4.17.15' }],
        }),
      ]),
    );
  });
});
