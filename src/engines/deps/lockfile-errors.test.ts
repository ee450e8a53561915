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
import { byName, parseFixture } from './test/factories.ts';
import { records } from './test/osv-fixtures.ts';

const token = 'ghp_R3alLo0kingT0kenValue1234567890abcd';
const url = `git+https://x-access-token:${token}@github.com/acme/lib.git`;

/** One broken line per line-based format, each carrying the token. */
const broken: Record<string, string> = {
  'py/requirements.txt': `PyYAML==5.3.1\nacme-lib >= 1.0 ${url}\n`,
  'go/go.mod': `module x\n\nrequire (\n\tacme.dev/lib ${url}\n)\n`,
  'goreplace/go.mod': `module x\n\nreplace acme.dev/lib ${url} junk\n`,
  'godirective/go.mod': `module x\n\n${url}\n`,
  'ruby/Gemfile.lock': `GEM\n  remote: https://rubygems.org/\n  specs:\n    acme ${url}\n`,
  'rubysection/Gemfile.lock': `${url}\n`,
  'yarn/yarn.lock': `# yarn lockfile v1\n\n"acme@${url}"\n`,
  'yarnfield/yarn.lock': `acme@^1.0.0:\n  ${url}\n`,
  'yarnnoversion/yarn.lock': `"acme@${url}":\n  resolved "${url}"\n`,
  'npm/package-lock.json': `{"lockfileVersion": 3, "packages": {"": {"x": ${url}}}}`,
};

let root: string;
let report: ScanReport;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'keel-deps-redact-'));
  for (const [file, content] of Object.entries(broken)) {
    await mkdir(join(root, file, '..'), { recursive: true });
    await writeFile(join(root, file), content);
  }
  const store = new MemoryAdvisoryStore();
  for (const record of records) store.upsert(record);
  const scanned = await scanFolder({ root, store });
  if (!scanned.ok) throw new Error(scanned.error);
  report = scanned.value;
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('lockfile errors never echo a credential', () => {
  it('names file and line for every broken lockfile', () => {
    expect(report.errors.map((e) => `${e.file}:${e.line ?? '-'}`).sort()).toEqual(
      [
        'go/go.mod:4',
        'goreplace/go.mod:3',
        'godirective/go.mod:3',
        'npm/package-lock.json:-',
        'py/requirements.txt:2',
        'ruby/Gemfile.lock:4',
        'rubysection/Gemfile.lock:1',
        'yarn/yarn.lock:3',
        'yarnfield/yarn.lock:2',
        'yarnnoversion/yarn.lock:1',
      ].sort(),
    );
  });

  it.each([
    ['text', () => toTextReport(report)],
    ['json', () => toJsonReport(report)],
    ['sarif', () => toSarifReport(report)],
    ['cyclonedx', () => toCycloneDx(report)],
  ])('%s report holds no part of the token', (_format, render) => {
    const output = render();

    expect(output).not.toContain(token);
    expect(output).not.toContain(token.slice(0, 12));
    expect(output).not.toContain('x-access-token');
  });
});

describe('requirements.txt direct references', () => {
  it('skips "name @ url" lines and still reads the pinned ones', () => {
    const content = `acme-lib @ ${url}\nother[extra] @ https://u:p@example.com/o.whl ; python_version > "3"\nrequests==2.28.2\n`;

    const { packages, error } = parseFixture('requirements.txt', content);

    expect(error).toBeUndefined();
    expect(packages.map((p) => p.name)).toEqual(['requests']);
    expect(byName(packages, 'requests').line).toBe(3);
  });
});
