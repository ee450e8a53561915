import { afterEach, describe, expect, it } from 'vitest';
import { runAudit } from '../pipeline.ts';
import type { AuditReport, CheckResult } from '../report-types.ts';
import { buildRepo, daysAgo, type TestRepo } from '../testing/build-repo.ts';
import type { Level } from '../types.ts';
import { levelOf, overallScore } from './score.ts';

function check(id: string, level: Level, score: number | null, weight = 5): CheckResult {
  return {
    id,
    title: id,
    risk: 'medium',
    weight,
    level,
    score,
    passed: score === null ? null : score >= 7,
    summary: '',
    evidence: [],
    whyItMatters: '',
    howToFix: '',
  };
}

describe('overallScore', () => {
  it('is the weighted mean of applicable checks, to one decimal', () => {
    const checks = [
      check('a', 'bronze', 10, 10),
      check('b', 'bronze', 4, 2.5),
      check('c', 'silver', null, 7.5), // not applicable: neither counts nor drags the mean
      check('d', 'gold', 0, 0), // weight 0: left out
    ];

    expect(overallScore(checks)).toBe(8.8); // (100 + 10) / 12.5
    expect(overallScore([check('x', 'bronze', null)])).toBeNull();
    expect(overallScore([])).toBeNull();
  });
});

describe('levelOf', () => {
  it('reaches a level only when it and every level below pass; n/a neither counts nor blocks', () => {
    const bronze = [check('b1', 'bronze', 9), check('b2', 'bronze', null)];
    const silver = [check('s1', 'silver', 8)];
    const gold = [check('g1', 'gold', 7)];

    expect(levelOf([...bronze, ...silver, ...gold])).toBe('gold');
    expect(levelOf([...bronze, ...silver, check('g1', 'gold', 6.9)])).toBe('silver');
    expect(levelOf([...bronze, check('s1', 'silver', 2), ...gold])).toBe('bronze');
    // Gold and silver pass, but a bronze check does not: no level at all.
    expect(levelOf([check('b1', 'bronze', 3), ...silver, ...gold])).toBeNull();
    expect(levelOf([check('b1', 'bronze', null), check('s1', 'silver', 1)])).toBe('bronze');
  });
});

const repos: TestRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

const SHA = '0123456789abcdef0123456789abcdef01234567';

/** A small project that passes every check: three authors, tests, pinned CI, three ADRs. */
function buildGoldProject(): TestRepo {
  const repo = buildRepo();
  repos.push(repo);
  repo.commit({
    author: 'Ada',
    date: daysAgo(30),
    files: {
      'README.md': '# Shop\n\n## Installation\n\nnpm ci\n\n## Usage\n\nnpm start\n',
      LICENSE: 'MIT License\n\nPermission is hereby granted, free of charge, to any person\n',
      'package.json': '{ "name": "shop" }\n',
      'package-lock.json': '{}\n',
      'src/cart.ts': 'export function total(items: number[]) {\n  return items.length;\n}\n',
      'src/cart.test.ts': 'import { total } from "./cart";\nconsole.log(total([1]));\n',
      '.github/workflows/ci.yml': [
        'on: push',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        `      - uses: actions/checkout@${SHA} # v4`,
        '      - run: npm test',
      ].join('\n'),
    },
  });
  repo.commit({
    author: 'Bo',
    date: daysAgo(20),
    files: {
      '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: npm\n',
      'SECURITY.md': '# Security\n\nMail security@example.com.\n',
      'src/price.ts': 'export function price(cents: number) {\n  return cents / 100;\n}\n',
      'src/price.test.ts': 'import { price } from "./price";\nconsole.log(price(1));\n',
    },
  });
  repo.commit({
    author: 'Cy',
    date: daysAgo(10),
    files: {
      'CONTRIBUTING.md': '# Contributing\n\nOpen a pull request.\n',
      'docs/adr/0001-use-typescript.md': '# Use TypeScript\n',
      'docs/adr/0002-use-postgres.md': '# Use PostgreSQL\n',
      'docs/adr/0003-use-vitest.md': '# Use Vitest\n',
    },
  });
  return repo;
}

async function levelAndFailures(root: string): Promise<[Level | null, string[]]> {
  const result = await runAudit({ input: root, duplicationDetector: 'builtin' });
  if (!result.ok) throw new Error(result.error);
  const report: AuditReport = result.value;
  return [report.level, report.checks.filter((c) => c.passed === false).map((c) => c.id)];
}

describe('levels on real repositories', () => {
  it('reaches Gold, then Silver without the gold checks, Bronze without a silver one, none without a bronze one', async () => {
    const repo = buildGoldProject();

    const gold = await levelAndFailures(repo.root);
    repo.commit({ files: { 'CONTRIBUTING.md': null }, author: 'Cy', date: daysAgo(5) });
    const silver = await levelAndFailures(repo.root);
    repo.commit({ files: { 'SECURITY.md': null }, author: 'Bo', date: daysAgo(4) });
    const bronze = await levelAndFailures(repo.root);
    repo.commit({ files: { '.env': 'API_KEY=x\n' }, author: 'Di', date: daysAgo(3) });
    const none = await levelAndFailures(repo.root);

    expect(gold).toEqual(['gold', []]);
    expect(silver).toEqual(['silver', ['contributing']]);
    expect(bronze).toEqual(['bronze', ['security-policy', 'contributing']]);
    expect(none).toEqual([null, ['env-files', 'security-policy', 'contributing']]);
  });
});
