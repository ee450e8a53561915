import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportAdr, parseAdr, parseAdrFiles, referenceNumber, type AdrFile } from './index.ts';

const read = (dir: string): AdrFile[] =>
  readdirSync(join(import.meta.dirname, dir))
    .sort()
    .map((name) => ({
      path: `docs/decisions/${name}`,
      content: readFileSync(join(import.meta.dirname, dir, name), 'utf8'),
    }));
const fixtures = read('fixtures');
const fixture = (prefix: string) => {
  const file = fixtures.find((f) => f.path.includes(prefix))!;
  const parsed = parseAdr(file);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};

describe('ADR round trip: import → export → import', () => {
  it.each(fixtures.map((f) => [f.path, f] as const))('loses nothing for %s', (_path, file) => {
    const first = parseAdr(file);
    if (!first.ok)
      throw new Error(`${first.error.path}:${first.error.line} ${first.error.message}`);
    const exported = exportAdr(first.value.adr);

    const second = parseAdr({ path: `out/${exported.fileName}`, content: exported.content });

    if (!second.ok)
      throw new Error(`${second.error.line} ${second.error.message}\n${exported.content}`);
    expect(second.value.adr).toEqual(first.value.adr);
    expect(exportAdr(second.value.adr)).toEqual(exported);
    expect(second.value.format).toBe('madr-4');
  });
});

describe('reading each format', () => {
  it('reads Nygard (adr-tools): number from the title, Date: line, ## Decision as prose', () => {
    const { adr, format } = fixture('0001-');

    expect(format).toBe('nygard');
    expect(adr).toMatchObject({
      number: 1,
      title: 'Record architecture decisions',
      status: 'accepted',
      date: '2023-02-14',
      context: 'We need to record the architectural decisions made on this project.',
      outcome: { chosenOption: null },
    });
    expect(adr.outcome.justification).toMatch(/^We will use Architecture Decision Records/);
    expect(adr.consequences.notes).toMatch(/^See Michael Nygard's article/);
  });

  it('reads Nygard supersede links in both directions, and keeps other links', () => {
    const old = fixture('0002-').adr;
    const current = fixture('0003-').adr;

    expect(old.status).toBe('superseded');
    expect(old.supersededBy).toBe(
      '[3. Use PostgreSQL for orders](0003-use-postgresql-for-orders.md)',
    );
    expect(referenceNumber(old.supersededBy!)).toBe(3);
    expect(current.status).toBe('accepted');
    expect(current.supersedes).toEqual(['[2. Use MySQL for orders](0002-use-mysql-for-orders.md)']);
    expect(current.links).toEqual([
      'Amended by [5. Read replicas for reporting](0005-read-replicas-for-reporting.md)',
    ]);
    expect(current.extraSections.map((s) => s.heading)).toEqual(['Rollout notes']);
    expect(current.extraSections[0]!.body).toContain('| cut over | Ana | no |');
  });

  it('reads MADR 2: * Status lines, positive/negative consequences, options matched by prefix', () => {
    const { adr, format } = fixture('0004-');

    expect(format).toBe('madr-2');
    expect(adr).toMatchObject({
      number: 4,
      status: 'accepted',
      date: '2017-12-11',
      decisionMakers: ['Oliver Kopp', 'Olaf Zimmermann'],
      decisionDrivers: ['Easy to write in any editor', 'Renders on GitHub'],
    });
    expect(adr.preamble).toMatch(/^Technical Story:/);
    expect(adr.outcome.chosenOption).toBe(
      'MADR 2.1.2 – The Markdown Architectural Decision Records',
    );
    expect(adr.outcome.justification).toContain('* Implicit assumptions should be made explicit.');
    expect(adr.consequences.good).toEqual([
      'Decisions are easy to find in the repository',
      'New people learn the why, not just the what',
    ]);
    expect(adr.consequences.bad).toEqual(['Each ADR takes about 30 minutes to write']);
    expect(adr.options).toHaveLength(5);
    expect(adr.options[0]!.good).toEqual(['it has a lean structure', 'the MADR project is living']);
    expect(adr.options[0]!.neutral).toEqual(['it needs a little practice']);
    expect(adr.options[1]!.description).toBe(
      'The template by Michael Nygard, first described in 2011.',
    );
    expect(adr.options[2]!.bad).toHaveLength(2);
    expect(adr.moreInformation).toContain('Refined by [ADR-0005]');
  });

  it('reads MADR 3: front matter with deciders, superseded status, Validation as confirmation', () => {
    const { adr, format } = fixture('0005-');

    expect(format).toBe('madr-3');
    expect(adr).toMatchObject({
      status: 'superseded',
      supersededBy: '[ADR-0008](0008-keep-decisions-in-keel.md)',
      decisionMakers: ['Ana Lopez', 'Sam Okafor'],
      consulted: ['Platform team'],
      informed: ['everyone in #engineering'],
      confirmation:
        'A pull-request check fails when a new file under `docs/decisions` has no front matter.',
    });
    expect(referenceNumber(adr.supersededBy!)).toBe(8);
    expect(adr.consequences).toEqual({
      notes: '',
      good: ['status and date are machine-readable'],
      neutral: [],
      bad: ['the old files mix two styles'],
    });
  });

  it('reads MADR 4 with every field, the summary and unknown front matter and sections', () => {
    const { adr, format } = fixture('0006-');

    expect(format).toBe('madr-4');
    expect(adr.decisionMakers).toEqual(['Ana Lopez', 'Priya Raman']);
    expect(adr.summary).toMatch(/^We will send background work through the database/);
    expect(adr.extraFrontMatter).toEqual({
      tags: ['infrastructure', 'queues'],
      'reviewed-by': 'Olaf',
    });
    expect(adr.outcome.chosenOption).toBe('pg-boss on the existing PostgreSQL');
    expect(adr.outcome.justification).toMatch(/^it meets every driver/);
    expect(adr.consequences.good).toHaveLength(2);
    expect(adr.consequences.neutral).toEqual(['we will revisit above 500 jobs a second']);
    expect(adr.confirmation).toMatch(/^A load test/);
    expect(adr.options.map((o) => [o.title, o.good.length, o.bad.length])).toEqual([
      ['pg-boss on the existing PostgreSQL', 1, 1],
      ['Redis with BullMQ', 1, 1],
      ['Amazon SQS', 1, 2],
    ]);
    expect(adr.options[0]!.description).toBe('<https://github.com/timgit/pg-boss>');
    expect(adr.moreInformation).toMatch(/^We will revisit/);
    expect(adr.extraSections.map((s) => s.heading)).toEqual(['Cost estimate']);
    expect(adr.extraSections[0]!.body).toContain('| SQS | €15 |');
  });

  it('reads CRLF files, ADR-0007: titles, unquoted chosen options and code blocks', () => {
    const { adr } = fixture('adr-007');

    expect(adr).toMatchObject({
      number: 7,
      title: 'Keep secrets in the cloud secret manager',
      status: 'proposed',
    });
    expect(adr.outcome).toEqual({ chosenOption: 'Cloud secret manager', justification: '' });
    expect(adr.extraSections[0]!.body).toContain('```sh\naws secretsmanager list-secrets\n```');
  });

  it('warns about an unknown status and reads it as proposed', () => {
    const result = parseAdr({ path: 'x/0009-x.md', content: '# X\n\n## Status\n\nIn review\n' });

    expect(result.ok && result.value.adr.status).toBe('proposed');
    const warnings = result.ok ? result.value.warnings : [];
    expect(warnings.map((w) => [w.path, w.line])).toEqual([['x/0009-x.md', 5]]);
    expect(warnings[0]!.message).toContain('"In review"');
  });
});

describe('malformed files', () => {
  const malformed = read('malformed');

  it('names the file and the line of each problem, and the rest of the folder still imports', () => {
    const result = parseAdrFiles([
      ...fixtures,
      ...malformed,
      { path: 'docs/decisions/README.md', content: '# Index' },
    ]);

    expect(result.parsed).toHaveLength(fixtures.length);
    expect(result.skipped).toEqual(['docs/decisions/README.md']);
    expect(result.failed.map((f) => [f.path.split('/').pop(), f.line])).toEqual([
      ['0010-bad-yaml.md', 4],
      ['0011-unclosed.md', 1],
      ['0012-no-title.md', 1],
      ['0013-bad-date.md', 3],
    ]);
    expect(result.failed[0]!.message).toMatch(/front matter is not valid YAML/);
    expect(result.failed[1]!.message).toMatch(/never closed/);
    expect(result.failed[2]!.message).toMatch(/no title/);
    expect(result.failed[3]!.message).toBe(
      'date "13/02/2024" is not a calendar date written YYYY-MM-DD',
    );
  });

  it('refuses an empty file and an impossible date in front matter', () => {
    expect(parseAdr({ path: 'a.md', content: ' \n' })).toEqual({
      ok: false,
      error: { path: 'a.md', line: 1, message: 'the file is empty' },
    });
    const bad = parseAdr({
      path: 'b.md',
      content: '---\nstatus: accepted\ndate: 2024-02-30\n---\n# B\n',
    });
    expect(bad.ok ? null : bad.error.line).toBe(3);
  });
});

describe('references', () => {
  it.each([
    ['[3. Use X](0003-use-x.md)', 3],
    ['ADR-0012', 12],
    ['0007-keep-secrets.md', 7],
    ['#4', 4],
    ['something else', null],
  ])('%s → %s', (reference, expected) => {
    expect(referenceNumber(reference)).toBe(expected);
  });
});
