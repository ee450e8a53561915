import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig } from '../config.ts';
import { runAudit } from '../pipeline.ts';
import type { AuditReport } from '../report-types.ts';
import { renderReport } from '../report/render.ts';
import { checkContext } from '../testing/check-context.ts';
import { buildRepo, daysAgo, type TestRepo } from '../testing/build-repo.ts';
import type { SkipNote } from '../types.ts';
import type { CheckDefinition } from './check-types.ts';
import { duplication } from './duplication.ts';
import { knowledgeRisk } from './knowledge-risk.ts';
import { runChecks } from './run-checks.ts';
import { levelOf, overallScore } from '../score/score.ts';

const repos: TestRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

/** `count` functions over the cyclomatic threshold (12 branches each), named f0, f1, … */
function tangledFunctions(count: number, simple: ReadonlySet<number> = new Set()): string {
  return Array.from({ length: count }, (_, n) => {
    if (simple.has(n)) return `export function f${n}(x: number) {\n  return x;\n}\n`;
    const branches = Array.from({ length: 12 }, (_, i) => `  if (x === ${i}) return ${n + i};`);
    return `export function f${n}(x: number) {\n${branches.join('\n')}\n  return -1;\n}\n`;
  }).join('');
}

async function audit(root: string, baselineFile?: string): Promise<AuditReport> {
  const result = await runAudit({
    input: root,
    duplicationDetector: 'off',
    ...(baselineFile ? { baselineFile } : {}),
  });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('every finding is reported', () => {
  it('keeps all 320 complexity findings, so a baseline still matches after one is fixed', async () => {
    const repo = buildRepo();
    repos.push(repo);
    repo.commit({ files: { 'src/tangled.ts': tangledFunctions(320) }, date: daysAgo(3) });
    const before = await audit(repo.root);
    const elsewhere = buildRepo({ git: false });
    repos.push(elsewhere);
    const baselineFile = join(elsewhere.root, 'baseline.json');
    writeFileSync(baselineFile, renderReport(before, 'json'));
    repo.commit({
      files: { 'src/tangled.ts': tangledFunctions(320, new Set([0])) },
      date: daysAgo(2),
    });

    const after = await audit(repo.root, baselineFile);

    const complexity = (report: AuditReport) =>
      report.findings.filter((finding) => finding.checkId === 'complexity');
    expect(complexity(before)).toHaveLength(320);
    expect(complexity(after)).toHaveLength(319);
    expect(after.findings.filter((finding) => !finding.baselined)).toEqual([]);
    const sarif = JSON.parse(renderReport(before, 'sarif')) as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0]?.results).toHaveLength(before.findings.length);
    const open = before.findings.length;
    expect(renderReport(before, 'text')).toContain(
      `… ${open - 15} more (every finding is in --format json or sarif)`,
    );
    expect(renderReport(before, 'md')).toContain(`… and ${open - 200} more`);
    expect(renderReport(before, 'html')).toContain(`<h2>Findings (${open} new)</h2>`);
  });

  it('keeps every clone and every orphaned folder as a finding (50 each before)', async () => {
    const context = checkContext({});
    const folders = Array.from({ length: 60 }, (_, i) => ({
      path: `module${i}`,
      mainAuthor: 'Gone',
      share: 0.9,
      authorHasLeft: true,
    }));
    context.history = {
      ...context.history,
      status: 'full',
      knowledge: folders,
      folders,
      busFactor: 2,
    };
    const clones = Array.from({ length: 60 }, (_, i) => ({
      lines: 10,
      a: { path: `a${i}.ts`, startLine: 1, endLine: 10 },
      b: { path: `b${i}.ts`, startLine: 1, endLine: 10 },
    }));
    context.duplication = {
      detector: 'builtin',
      totalLines: 10_000,
      duplicatedLines: 1_200,
      percentage: 12,
      clones,
    };

    const knowledge = await knowledgeRisk.run(context);
    const duplicated = await duplication.run(context);

    expect(knowledge.findings).toHaveLength(60);
    expect(duplicated.findings).toHaveLength(60);
  });

  it('says in skipped how many findings a check had past the memory bound', async () => {
    const noisy: CheckDefinition = {
      id: 'noisy',
      title: 'Noisy',
      risk: 'low',
      level: 'gold',
      whyItMatters: '',
      howToFix: '',
      run: async () => ({
        score: 0,
        summary: '',
        evidence: [],
        findings: Array.from({ length: 5 }, (_, i) => ({ message: `finding ${i}` })),
      }),
    };
    const skipped: SkipNote[] = [];

    const result = await runChecks(
      checkContext({}),
      defaultConfig(),
      skipped,
      new Map([['noisy', noisy]]),
      3,
    );

    expect(result.findings.map((finding) => finding.message)).toEqual([
      'finding 0',
      'finding 1',
      'finding 2',
    ]);
    expect(skipped).toEqual([
      {
        stage: 'checks',
        reason: 'check noisy: 2 of 5 findings past the limit of 3 were not reported',
      },
    ]);
  });

  it('counts a check that crashed as not passed: its level is not awarded, the score ignores it', async () => {
    const passing = (id: string, level: 'bronze' | 'silver'): CheckDefinition => ({
      id,
      title: id,
      risk: 'medium',
      level,
      whyItMatters: '',
      howToFix: '',
      run: async () => ({ score: 10, summary: 'fine', evidence: [], findings: [] }),
    });
    const crashing: CheckDefinition = {
      ...passing('fragile', 'silver'),
      run: async () => {
        throw new Error('unexpected token in workflow');
      },
    };
    const skipped: SkipNote[] = [];

    const { checks } = await runChecks(
      checkContext({}),
      defaultConfig(),
      skipped,
      new Map([
        ['sturdy', passing('sturdy', 'bronze')],
        ['also-silver', passing('also-silver', 'silver')],
        ['fragile', crashing],
      ]),
    );

    const fragile = checks.find((check) => check.id === 'fragile');
    expect([fragile?.score, fragile?.passed]).toEqual([null, false]);
    expect(fragile?.summary).toContain('Could not be checked (unexpected token in workflow)');
    expect(levelOf(checks)).toBe('bronze');
    expect(overallScore(checks)).toBe(10);
    expect(skipped).toEqual([
      { stage: 'checks', reason: 'check fragile failed: unexpected token in workflow' },
    ]);
  });
});
