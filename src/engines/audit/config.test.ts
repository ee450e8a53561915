import { afterEach, describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig, parseConfig, windowStartFor } from './config.ts';
import { runAudit } from './pipeline.ts';
import type { AuditReport } from './report-types.ts';
import { buildRepo, daysAgo, type TestRepo } from './testing/build-repo.ts';

describe('audit config', () => {
  it('fills every default', () => {
    const config = defaultConfig();

    expect(config.since).toBe('12m');
    expect(config.riskWeights).toEqual({ critical: 10, high: 7.5, medium: 5, low: 2.5 });
    expect(config.coupling).toEqual({
      minRevisions: 5,
      minSharedRevisions: 3,
      minDegree: 30,
      maxChangesetSize: 30,
      maxPairs: 200_000,
    });
    expect(config.duplication).toEqual({ detector: 'auto', jscpdMaxBytes: 24 * 1024 * 1024 });
  });

  it('lists every problem with its path', () => {
    const parsed = parseConfig(
      { since: 'soon', thresholds: { cyclomatic: -1 }, colour: 'blue' },
      'keel.audit.json',
    );

    expect(parsed.ok).toBe(false);
    const error = parsed.ok ? '' : parsed.error;
    expect(error).toContain('since:');
    expect(error).toContain('thresholds.cyclomatic');
    expect(error).toContain('colour');
  });

  it('refuses an empty window', () => {
    const parsed = parseConfig({ since: '0m' }, 'keel.audit.json');

    expect(parsed.ok ? 'ok' : parsed.error).toBe(
      'keel.audit.json: invalid audit config: since: use a positive number and d, w, m or y, e.g. 12m',
    );
  });

  it('turns a window into a start time', () => {
    const now = Date.UTC(2026, 0, 31);

    expect(windowStartFor('30d', now)).toBe(now / 1000 - 30 * 86_400);
  });
});

const repos: TestRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

const complex = `export function tangled(x: number) {\n${Array.from({ length: 12 }, (_, i) => `  if (x === ${i}) return ${i};`).join('\n')}\n  return -1;\n}\n`;

function buildConfiguredRepo(config: unknown): TestRepo {
  const repo = buildRepo();
  repos.push(repo);
  repo.commit({
    date: daysAgo(5),
    files: {
      'keel.audit.json': JSON.stringify(config),
      'README.md': '# Shop\n\n## Installation\n\nnpm ci\n',
      LICENSE: 'MIT License\n\nPermission is hereby granted, free of charge, to any person\n',
      'src/cart.ts': 'export function total(items: number[]) {\n  return items.length;\n}\n',
      'legacy/old.ts': complex,
    },
  });
  return repo;
}

async function audit(root: string, configFile?: string): Promise<AuditReport> {
  const result = await runAudit({
    input: root,
    duplicationDetector: 'builtin',
    ...(configFile ? { configFile } : {}),
  });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('audit config applied', () => {
  it('loads keel.audit.json from the audited folder and applies exclude, checks, riskWeights and passScore', async () => {
    const repo = buildConfiguredRepo({
      exclude: ['legacy/**'],
      passScore: 6.5,
      riskWeights: { critical: 10, high: 1, medium: 5, low: 2.5 },
      checks: {
        adrs: { enabled: false },
        license: { risk: 'critical', level: 'silver', weight: 4 },
        readme: { risk: 'high' },
        'no-such-check': { enabled: false },
      },
    });

    const report = await audit(repo.root);

    const byId = new Map(report.checks.map((check) => [check.id, check]));
    expect(byId.has('adrs')).toBe(false);
    expect(byId.get('license')).toMatchObject({ risk: 'critical', level: 'silver', weight: 4 });
    expect(byId.get('readme')).toMatchObject({ risk: 'high', weight: 1, score: 6, passed: false });
    expect(byId.get('contributing')).toMatchObject({ weight: 2.5, score: 0, passed: false });
    expect(byId.get('complexity')).toMatchObject({ score: 10 }); // legacy/old.ts is excluded
    expect(report.excluded.files).toEqual([{ path: 'legacy/old.ts', reason: 'config' }]);
    expect(report.findings.some((finding) => finding.path === 'legacy/old.ts')).toBe(false);
    const weighted = report.checks.filter((c) => c.score !== null && c.weight > 0);
    const mean =
      weighted.reduce((sum, c) => sum + c.score! * c.weight, 0) /
      weighted.reduce((sum, c) => sum + c.weight, 0);
    expect(report.score).toBe(Math.round(mean * 10) / 10);
    expect(report.skipped).toContainEqual({
      stage: 'checks',
      reason: 'config names an unknown check "no-such-check"',
    });
  });

  it('with the defaults the same tree scores the excluded file and passes at 7', async () => {
    const repo = buildConfiguredRepo({});

    const report = await audit(repo.root);

    const byId = new Map(report.checks.map((check) => [check.id, check]));
    expect(byId.has('adrs')).toBe(true);
    expect(byId.get('readme')).toMatchObject({ risk: 'medium', weight: 5, passed: false });
    expect(byId.get('license')).toMatchObject({ risk: 'low', level: 'bronze', weight: 2.5 });
    expect(byId.get('complexity')?.score).toBeLessThan(10);
    expect(report.excluded.total).toBe(0);
  });

  it('takes --config over keel.audit.json, and refuses an invalid file naming the problem', async () => {
    const repo = buildConfiguredRepo({ checks: { adrs: { enabled: false } } });
    const explicit = join(repo.root, 'ci-audit.json');
    writeFileSync(explicit, JSON.stringify({ checks: { license: { enabled: false } } }));
    const broken = join(repo.root, 'broken.json');
    writeFileSync(broken, JSON.stringify({ passScore: 11 }));

    const report = await audit(repo.root, explicit);
    const refused = await runAudit({ input: repo.root, configFile: broken });

    const ids = report.checks.map((check) => check.id);
    expect(ids).toContain('adrs');
    expect(ids).not.toContain('license');
    expect(refused.ok ? 'ok' : refused.error).toMatch(
      /broken\.json: invalid audit config: passScore: /,
    );
  });
});
