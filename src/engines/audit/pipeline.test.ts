import { describe, it, expect, afterEach } from 'vitest';
import { existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runAudit } from './pipeline.ts';
import { renderReport } from './report/render.ts';
import { diffReports } from './report/diff.ts';
import { buildRepo, daysAgo, type TestRepo } from './testing/build-repo.ts';
import { cacheDirFor } from '../git-source/git-source.ts';
import type { AuditReport } from './report-types.ts';
import type { ProgressEvent } from './types.ts';

const repos: TestRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

function track(repo: TestRepo): TestRepo {
  repos.push(repo);
  return repo;
}

async function audit(
  input: string,
  extra: Partial<Parameters<typeof runAudit>[0]> = {},
): Promise<AuditReport> {
  const result = await runAudit({ input, duplicationDetector: 'builtin', ...extra });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const WORKFLOW = [
  'name: ci',
  'on:',
  '  pull_request_target:',
  '    branches: [main]',
  'jobs:',
  '  build:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v4',
  '        with:',
  '          ref: ${{ github.event.pull_request.head.sha }}',
  '      - uses: actions/setup-node@0123456789abcdef0123456789abcdef01234567',
  '      - run: |',
  '          echo "${{ github.event.pull_request.title }}"',
  '          echo "${{ github.event.pull_request.number }}"',
].join('\n');

function buildProject(): TestRepo {
  const repo = track(buildRepo());
  repo.commit({
    files: {
      'README.md': '# Shop\n\n## Installation\n\nnpm ci\n\n## Usage\n\nnpm start\n',
      LICENSE: 'MIT License\n\nPermission is hereby granted, free of charge, to any person\n',
      'package.json': '{ "name": "shop" }\n',
      'package-lock.json': '{}\n',
      'src/cart.ts':
        'export function total(items: number[]) {\n  return items.reduce((a, b) => a + b, 0);\n}\n',
      'src/cart.test.ts': 'import { total } from "./cart";\nconsole.log(total([1]));\n',
      '.github/workflows/ci.yml': WORKFLOW,
      '.env': 'API_KEY=not-a-real-key\n',
      '.env.example': 'API_KEY=\n',
      Dockerfile: 'FROM node:latest\nRUN npm ci\n',
    },
    author: 'Ada',
    date: daysAgo(20),
  });
  return repo;
}

describe('runAudit on a project', () => {
  it('scores the hygiene checks with evidence and located findings', async () => {
    const repo = buildProject();

    const report = await audit(repo.root);

    const score = (id: string): number | null | undefined =>
      report.checks.find((check) => check.id === id)?.score;
    expect(report.schemaVersion).toBe(1);
    expect(score('ci-configured')).toBe(10);
    expect(score('readme')).toBe(10);
    expect(score('license')).toBe(10);
    expect(score('lockfiles')).toBe(10);
    expect(score('env-files')).toBe(0);
    expect(score('dangerous-workflow')).toBe(0);
    expect(score('pinned-actions')).toBe(5);
    expect(score('token-permissions')).toBe(0);
    expect(score('dependency-update-tool')).toBe(0);
    const dangerous = report.findings
      .filter((finding) => finding.checkId === 'dangerous-workflow')
      .map((finding) => finding.line);
    expect(dangerous).toEqual([11, 14]); // the checkout of the PR head and the title, not the PR number
    expect(report.findings.find((finding) => finding.checkId === 'env-files')?.path).toBe('.env');
    expect(report.findings.find((finding) => finding.checkId === 'pinned-actions')).toMatchObject({
      path: '.github/workflows/ci.yml',
      line: 9,
    });
    expect(report.level).toBeNull(); // a critical bronze check fails
    expect(report.score).toBeGreaterThan(0);
    expect(report.languages.map((language) => language.language)).toContain('TypeScript');
  });

  it('keeps fingerprints through unrelated edits and honours a baseline', async () => {
    const repo = buildProject();
    const before = await audit(repo.root);
    const baselineFile = join(repo.root, '..', `${repo.root.split('/').pop()}-baseline.json`);
    writeFileSync(baselineFile, JSON.stringify(before));
    repo.commit({
      files: {
        '.github/workflows/ci.yml': `# a comment\n# another\n${WORKFLOW}`,
        Dockerfile: 'FROM node:20\nUSER node\n',
      },
      date: daysAgo(5),
    });

    const after = await audit(repo.root, { baselineFile });

    const pinned = (report: AuditReport) =>
      report.findings.find((finding) => finding.checkId === 'pinned-actions');
    expect(pinned(after)?.line).toBe(11);
    expect(pinned(after)?.fingerprint).toBe(pinned(before)?.fingerprint);
    expect(pinned(after)?.baselined).toBe(true);
    const diff = diffReports(before, after);
    expect(diff.improved.map((check) => check.id)).toContain('dockerfile');
    expect(diff.fixedFindings.some((finding) => finding.checkId === 'dockerfile')).toBe(true);
  });

  it('renders every format: JSON, Markdown, offline HTML with SVG, SARIF 2.1.0', async () => {
    const report = await audit(buildProject().root);

    const sarif = JSON.parse(renderReport(report, 'sarif')) as {
      version: string;
      runs: { results: { ruleId: string; partialFingerprints: Record<string, string> }[] }[];
    };
    const html = renderReport(report, 'html');

    expect(JSON.parse(renderReport(report, 'json'))).toMatchObject({ schemaVersion: 1 });
    expect(renderReport(report, 'md')).toContain('## Checks');
    expect(renderReport(report, 'text')).toContain('Score ');
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results.length).toBe(report.findings.length);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|<link|src="http/);
  });
});

describe('runAudit on bad input', () => {
  it('audits a folder that is not a git repository and says history was skipped', async () => {
    const folder = track(buildRepo({ git: false }));
    folder.write({ 'main.py': 'def f(x):\n    return x\n' });

    const report = await audit(folder.root);

    expect(report.history.status).toBe('skipped');
    expect(report.skipped.some((note) => /not a git repository/.test(note.reason))).toBe(true);
    expect(report.complexity.methods).toEqual({ 'tree-sitter': 1 });
  });

  it('handles an empty repository', async () => {
    const repo = track(buildRepo());

    const report = await audit(repo.root);

    expect(report.history.status).toBe('empty');
    expect(report.totals.files).toBe(0);
  });

  it('reads a bare repository and a shallow clone, reporting the shallow history as partial', async () => {
    const repo = buildProject();
    repo.commit({ files: { 'src/more.ts': 'export const x = 1;\n' }, date: daysAgo(2) });
    const bare = track(buildRepo({ git: false }));
    repo.git('clone', '-q', '--bare', repo.root, join(bare.root, 'b.git'));
    repo.git('clone', '-q', '--depth', '1', `file://${repo.root}`, join(bare.root, 'shallow'));

    const fromBare = await audit(join(bare.root, 'b.git'));
    const shallow = await audit(join(bare.root, 'shallow'));

    expect(fromBare.history.commitsScanned).toBe(2);
    expect(fromBare.totals.files).toBeGreaterThan(5);
    expect(shallow.history.status).toBe('shallow');
    expect(shallow.history.commitsScanned).toBe(1);
    expect(shallow.skipped.some((note) => /shallow/.test(note.reason))).toBe(true);
  });

  it('does not score knowledge risk on a shallow clone, and says so beside the hotspots', async () => {
    const repo = track(buildRepo());
    for (let i = 0; i < 4; i++)
      repo.commit({
        files: { 'src/a.ts': `export const a = ${i};\n`, 'src/b.ts': `export const b = ${i};\n` },
        author: i < 2 ? 'Ada' : 'Bo',
        date: daysAgo(40 - i),
      });
    const clones = track(buildRepo({ git: false }));
    repo.git('clone', '-q', '--depth', '1', `file://${repo.root}`, join(clones.root, 'shallow'));

    const full = await audit(repo.root);
    const shallow = await audit(join(clones.root, 'shallow'));

    const knowledge = (report: AuditReport) =>
      report.checks.find((check) => check.id === 'knowledge-risk');
    expect(knowledge(full)?.score).not.toBeNull();
    expect(knowledge(shallow)).toMatchObject({ score: null, passed: null });
    expect(knowledge(shallow)?.summary).toContain('shallow history: 1 commit');
    expect(shallow.findings.filter((finding) => finding.checkId === 'knowledge-risk')).toEqual([]);
    expect(shallow.history.reason).toMatch(/^shallow history: 1 commit: /);
    const caveat = 'Shallow history (1 commit read): change counts are partial';
    expect(renderReport(shallow, 'text')).toContain(`% of changes)\n  ${caveat}`);
    expect(renderReport(shallow, 'md')).toContain(`## Hotspots\n\n> ${caveat}`);
    expect(renderReport(shallow, 'html')).toContain(
      `<h2>Hotspots</h2><p class="notice"><b>${caveat}`,
    );
    expect(renderReport(full, 'text')).not.toContain('Shallow history');
  });

  it('skips huge, binary and symlinked files, reads non-UTF-8 and odd paths', async () => {
    const outside = track(buildRepo({ git: false }));
    outside.write({ 'secret.ts': 'export const zqOutsideMarker = 1;\n' });
    const repo = track(buildRepo());
    repo.write({
      'big.js': 'x\n'.repeat(700_000),
      'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      'latin1.py': Buffer.from('# caf\xe9\nx = 1\n', 'latin1'),
      'dir with space/ünïcode.ts': 'export const a = 1;\n',
      'new\nline.ts': 'export const b = 2;\n',
    });
    symlinkSync(join(outside.root, 'secret.ts'), join(repo.root, 'link.ts'));
    repo.commit({ files: {}, date: daysAgo(1) });

    const report = await audit(repo.root);

    const reasons = report.skipped.map((note) => `${note.path ?? ''}: ${note.reason}`);
    expect(reasons.some((reason) => reason.startsWith('big.js: larger than'))).toBe(true);
    expect(reasons.some((reason) => reason.startsWith('link.ts: symbolic link'))).toBe(true);
    expect(reasons.some((reason) => reason.startsWith('latin1.py: not valid UTF-8'))).toBe(true);
    expect(report.hotspots.map((hotspot) => hotspot.path)).toEqual(
      expect.arrayContaining(['dir with space/ünïcode.ts', 'new\nline.ts']),
    );
    expect(JSON.stringify(report)).not.toContain('zqOutsideMarker');
  });

  it('lists a submodule as not audited and reads none of its files', async () => {
    const sub = track(buildRepo());
    sub.commit({ files: { 'lib.ts': 'export const zqSubmoduleMarker = 1;\n' }, date: daysAgo(9) });
    const repo = track(buildRepo());
    repo.commit({ files: { 'src/a.ts': 'export const a = 1;\n' }, date: daysAgo(8) });
    repo.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.root, 'libs/shared');
    repo.commit({ files: {}, message: 'add the shared library', date: daysAgo(7) });

    const report = await audit(repo.root);

    expect(report.skipped).toContainEqual({
      stage: 'inventory',
      path: 'libs/shared',
      reason: 'submodule or nested repository: not audited',
    });
    expect(report.totals.files).toBe(2); // src/a.ts and .gitmodules
    expect(report.history.files.rows.map((row) => row[0])).not.toContain('libs/shared');
    expect(JSON.stringify(report)).not.toContain('zqSubmoduleMarker');
  });

  it('stops a clone that gets no answer at the time limit and says so', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket)); // accepts, never answers
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const url = `git://127.0.0.1:${(silent.address() as AddressInfo).port}/acme/app.git`;
    const cache = track(buildRepo({ git: false }));

    const result = await runAudit({ input: url, cacheDir: cache.root, cloneTimeoutMs: 500 });
    for (const socket of sockets) socket.destroy();
    await new Promise((done) => silent.close(done));

    expect(sockets.length).toBeGreaterThan(0);
    expect(result.ok ? 'ok' : result.error).toBe(
      `git clone failed: clone of ${url} timed out after 0.5 s`,
    );
    expect(existsSync(cacheDirFor(url, cache.root))).toBe(false);
  });

  it('refuses to clone when the cache has less free disk than the minimum', async () => {
    const url = 'git://127.0.0.1:9/acme/app.git'; // never contacted: the check comes first
    const cache = track(buildRepo({ git: false }));

    const result = await runAudit({
      input: url,
      cacheDir: cache.root,
      minFreeBytes: 2 ** 50, // 1 PiB
    });

    expect(result.ok ? 'ok' : result.error).toMatch(
      /^not enough free disk space for a clone \(\d+ MiB free, 1073741824 MiB needed\)$/,
    );
    expect(existsSync(cacheDirFor(url, cache.root))).toBe(false);
  });

  it('refuses a bad --since before cloning anything', async () => {
    const url = 'git://127.0.0.1:9/acme/app.git'; // never contacted
    const cache = track(buildRepo({ git: false }));

    const results = await Promise.all(
      ['0m', '12', '-1m'].map((since) => runAudit({ input: url, cacheDir: cache.root, since })),
    );

    expect(results.map((result) => (result.ok ? 'ok' : result.error))).toEqual([
      '--since 0m: use a positive number and d, w, m or y, e.g. 12m',
      '--since 12: use a positive number and d, w, m or y, e.g. 12m',
      '--since -1m: use a positive number and d, w, m or y, e.g. 12m',
    ]);
    expect(existsSync(cacheDirFor(url, cache.root))).toBe(false);
  });

  it('refuses hostile git URLs and reports a missing folder as an error value', async () => {
    const results = await Promise.all(
      [
        '--upload-pack=touch /tmp/x',
        'ext::sh -c touch% /tmp/pwned',
        'file:///etc',
        'ftp://example.com/r.git',
        './does-not-exist',
      ].map((input) => runAudit({ input })),
    );

    expect(results.map((result) => (result.ok ? 'ok' : result.error))).toEqual([
      'refused input: "--upload-pack=touch /tmp/x" starts with "-" (it would be read as an option)',
      'refused git URL: remote-helper URLs such as ext:: are refused',
      'refused git URL: file:// URLs are refused (read the folder directly)',
      'refused git URL: the ftp transport is refused (use https, ssh or git)',
      './does-not-exist: no such file or folder',
    ]);
  });
});

describe('progress', () => {
  it('tells each stage start and end, with totals for files and for commits', async () => {
    const repo = buildProject();
    repo.commit({ files: { 'src/more.ts': 'export const x = 1;\n' }, date: daysAgo(2) });
    repo.commit({ files: { 'README.md': '# Shop, renamed\n' }, date: daysAgo(1) });
    const events: ProgressEvent[] = [];
    const inSubFolder: ProgressEvent[] = [];

    await audit(repo.root, { onProgress: (event) => events.push(event) });
    await audit(join(repo.root, 'src'), { onProgress: (event) => inSubFolder.push(event) });

    const of = (stage: string) => events.filter((event) => event.stage === stage);
    expect(of('inventory').at(-2)).toEqual({
      stage: 'inventory',
      done: 11,
      total: 11,
      unit: 'files',
      isFinished: false,
    });
    expect(of('history').at(-2)).toMatchObject({ done: 3, total: 3, unit: 'commits' });
    // From a sub-folder, only the commits touching it are read, and counted.
    expect(inSubFolder.filter((event) => event.stage === 'history').at(-2)).toMatchObject({
      done: 2,
      total: 2,
    });
    expect(of('complexity').at(-2)).toMatchObject({ unit: 'files' });
    expect(
      ['inventory', 'history', 'complexity', 'duplication', 'checks', 'score', 'report'].map(
        (stage) => [of(stage)[0]?.isFinished, of(stage).at(-1)?.isFinished],
      ),
    ).toEqual(Array.from({ length: 7 }, () => [false, true]));
  });
});

describe('per-file history', () => {
  it('reports every changed file with its history, and a most-changed table in each format', async () => {
    const repo = track(buildRepo());
    const recent = daysAgo(3);
    repo.commit({
      files: { 'src/a.ts': 'export const a = 1;\n', 'docs/guide.md': '# Guide\n' },
      author: 'Ada',
      date: '2025-02-01T10:00:00Z',
    });
    repo.commit({
      files: { 'src/a.ts': 'export const a = 2;\n' },
      author: 'Bo',
      date: daysAgo(40),
    });
    repo.commit({
      files: { 'src/a.ts': 'export const a = 3;\nexport const b = 4;\n', 'ci.yml': 'a:\n  b: 1\n' },
      author: 'Bo',
      date: recent,
    });

    const report = await audit(repo.root, { since: '6m' });

    const a = report.history.files.rows.find((row) => row[0] === 'src/a.ts');
    expect(a).toEqual(['src/a.ts', 2, 5, 1, 100, '2025-02-01', recent.slice(0, 10), 0]);
    expect(report.history.files.rows.map((row) => row[0])).toEqual(['src/a.ts', 'ci.yml']);
    expect(report.history.files).toMatchObject({ total: 2, omitted: 0 });
    const json = renderReport(report, 'json');
    expect(json).not.toMatch(/@example\.com/); // names only, as elsewhere in the report
    expect(json).toContain('["src/a.ts",2,5,1,100,"2025-02-01"');
    expect(renderReport(report, 'text')).toMatch(/Most changed files[^]*src\/a\.ts/);
    expect(renderReport(report, 'md')).toContain('| `src/a.ts` | 2 | 5 | 1 | 100% |');
    expect(renderReport(report, 'html')).toContain('<h2>Most changed files</h2>');
  });
});

describe('code findings', () => {
  it('reports complex functions and hotspots, with fingerprints that survive code added above', async () => {
    const repo = track(buildRepo());
    const branches = Array.from(
      { length: 12 },
      (_, i) => `  if (x === ${i} || y > ${i}) { total += ${i}; }`,
    ).join('\n');
    const complex = `export function tangled(x: number, y: number) {\n  let total = 0;\n${branches}\n  return total;\n}\n`;
    for (let i = 0; i < 3; i++)
      repo.commit({
        files: { 'src/hot.ts': `${complex}// v${i}\n`, 'src/cold.ts': 'export const c = 1;\n' },
        date: daysAgo(30 - i),
      });
    const before = await audit(repo.root);
    repo.commit({
      files: { 'src/hot.ts': `import { a } from './a';\nexport const unrelated = a;\n${complex}` },
      date: daysAgo(1),
    });

    const after = await audit(repo.root);

    const finding = (report: AuditReport) =>
      report.findings.find((item) => item.checkId === 'complexity');
    expect(finding(before)).toMatchObject({ path: 'src/hot.ts', line: 1 });
    expect(finding(after)?.line).toBe(3);
    expect(finding(after)?.fingerprint).toBe(finding(before)?.fingerprint);
    expect(after.hotspots[0]).toMatchObject({ path: 'src/hot.ts', revisions: 4 });
    expect(after.complexity.worst[0]).toMatchObject({ name: 'tangled', cyclomatic: 25 });
  });
});
