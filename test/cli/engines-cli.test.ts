/**
 * Smoke tests of the engine commands through the real `keel` binary: output formats and exit
 * codes (0 clean, 1 findings or under the bar, 2 bad input). Few on purpose: each process boots.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGitRepo } from '../server/scan-factories.ts';
import { startMockOsv } from '../../src/engines/deps/test/mock-osv.ts';
import { runKeel } from './run-keel.ts';

const SECRET = 'ghp_' + 'R8xK2mPq7Lw9Zt4Vb6Nc1Yd3Hf5Jg0Ss8Ua2';
const OSV = path.join(import.meta.dirname, '..', 'server', 'fixtures', 'osv');
const lock = JSON.stringify({
  name: 'shop',
  lockfileVersion: 3,
  packages: {
    '': { name: 'shop', dependencies: { lodash: '^4.17.11' } },
    'node_modules/lodash': { version: '4.17.11' },
  },
});

describe('keel audit, secrets, deps and advisories import', { timeout: 300_000 }, () => {
  it('keel audit: JSON report, exit 1 under --fail-under, exit 2 on a missing folder or a refused URL', async () => {
    const repo = buildGitRepo({ 'README.md': '# x\n', 'src/a.ts': 'export const a = 1;\n' });

    const audit = await runKeel(['audit', repo.dir, '--format', 'json', '--fail-under', '9.9'], {});
    const missing = await runKeel(['audit', path.join(repo.dir, 'nope')], {});
    const refused = await runKeel(['audit', 'ext::sh -c touch% /tmp/pwned'], {});
    const emptyBar = await runKeel(['audit', repo.dir, '--fail-under', ''], {});

    expect(audit.code).toBe(1);
    expect(JSON.parse(audit.stdout)).toMatchObject({ schemaVersion: 1 });
    expect(missing.code).toBe(2);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/refused|refusing/);
    expect(emptyBar.code).toBe(2);
    expect(emptyBar.stderr).toContain('--fail-under : use a score from 0 to 10');
  });

  it('keel secrets: exit 1 with a masked finding in JSON and SARIF, never the secret', async () => {
    const repo = buildGitRepo({ 'config.ts': `export const token = '${SECRET}';\n` });

    const json = await runKeel(['secrets', repo.dir, '--history', '--format', 'json'], {});
    const sarif = await runKeel(['secrets', repo.dir, '--format', 'sarif'], {});

    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ findings: [{ ruleId: 'github-pat' }] });
    expect(JSON.parse(sarif.stdout)).toMatchObject({ version: '2.1.0' });
    expect(json.stdout + json.stderr + sarif.stdout).not.toContain(SECRET);
  });

  it('keel secrets --fail-on: generic findings block at low, not by default; --help says so', async () => {
    const generic = 'Zx8Qp2Lm7Rt4Vb9Nc3Yd' + '6Hf1Jg5Ks0Ua';
    const repo = buildGitRepo({ 'app.js': `const config = {\n  api_key: "${generic}",\n};\n` });
    const gh = buildGitRepo({ 'config.ts': `export const token = '${SECRET}';\n` });

    const byDefault = await runKeel(['secrets', repo.dir, '--format', 'json'], {});
    const low = await runKeel(['secrets', repo.dir, '--fail-on', 'low', '--format', 'json'], {});
    const medium = await runKeel(['secrets', repo.dir, '--fail-on', 'medium'], {});
    const critical = await runKeel(['secrets', gh.dir, '--fail-on', 'critical'], {});
    const bad = await runKeel(['secrets', repo.dir, '--fail-on', 'severe'], {});
    const help = await runKeel(['secrets', '--help'], {});

    expect(byDefault.code).toBe(0);
    expect(JSON.parse(byDefault.stdout)).toMatchObject({
      findings: [{ ruleId: 'generic-api-key', isBlocking: false }],
    });
    expect(low.code).toBe(1);
    expect(JSON.parse(low.stdout)).toMatchObject({
      summary: { blocking: 1 },
      findings: [{ ruleId: 'generic-api-key', isBlocking: true }],
    });
    expect(medium.code).toBe(0);
    expect(critical.code).toBe(1);
    expect(bad.code).toBe(2);
    expect(help.stdout).toMatch(/--fail-on <severity>/);
    expect(low.stdout + low.stderr).not.toContain(generic);
  });

  it('keel deps: exit 1 on a vulnerable lockfile (JSON), 2 on a missing folder', async () => {
    const repo = buildGitRepo({ 'package-lock.json': lock });

    const scan = await runKeel(['deps', repo.dir, '--advisories', OSV, '--format', 'json'], {});
    const missing = await runKeel(['deps', path.join(repo.dir, 'nope')], {});

    expect(scan.code).toBe(1);
    const report = JSON.parse(scan.stdout) as { findings: { package: string }[] };
    expect(report.findings.map((f) => f.package)).toEqual(['lodash', 'lodash']);
    expect(missing.code).toBe(2);
  });

  it('keel deps --online: asks the OSV service (a loopback stand-in); exit 2 with a way out when it cannot', async () => {
    const repo = buildGitRepo({ 'package-lock.json': lock });
    const osv = await startMockOsv();
    try {
      const scan = await runKeel(['deps', repo.dir, '--online', '--format', 'json'], {
        KEEL_OSV_API_URL: osv.url,
      });
      const both = await runKeel(['deps', repo.dir, '--online', '--advisories', OSV], {});
      osv.close();
      const down = await runKeel(['deps', repo.dir, '--online'], { KEEL_OSV_API_URL: osv.url });

      expect(scan.code).toBe(1);
      const report = JSON.parse(scan.stdout) as { findings: { ids: string[] }[] };
      expect(report.findings.map((f) => f.ids[0]).sort()).toEqual([
        'GHSA-35jh-r3h4-6jhm',
        'GHSA-p6mc-m468-83gw',
      ]);
      expect(scan.stderr).toContain('about 1 package version(s): 2 advisory record(s)');
      expect(osv.bodies).toEqual([
        { queries: [{ package: { ecosystem: 'npm', name: 'lodash' }, version: '4.17.11' }] },
        expect.anything(),
      ]);
      expect(both.code).toBe(2);
      expect(both.stderr).toContain('--online and --advisories exclude each other');
      expect(down.code).toBe(2);
      expect(down.stderr).toMatch(
        /cannot reach the OSV service at http:\/\/127\.0\.0\.1:\d+: .*keel advisories import/,
      );
    } finally {
      osv.close();
    }
  });

  it('keel advisories import: counts new, unchanged and malformed records; exit 2 on a missing path', async () => {
    const env = { KEEL_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'keel-cli-adv-')) };

    const first = await runKeel(['advisories', 'import', OSV], env);
    const again = await runKeel(['advisories', 'import', OSV, '--format', 'json'], env);
    const missing = await runKeel(['advisories', 'import', path.join(OSV, 'nope.zip')], env);

    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^Imported 3 records from .*, skipped 1: 1 malformed \(3 new, 0 updated, 0 unchanged\)\.$/m,
    );
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      inserted: 0,
      unchanged: 3,
      skippedMalformed: 1,
    });
    expect(missing.code).toBe(2);
  });
});
