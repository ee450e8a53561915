import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../report-types.ts';
import type { FileComplexity, FileHistory, HistoryResult } from '../types.ts';
import { ageSince, buildFileHistory } from './file-history.ts';
import { renderJson } from './render.ts';

const DAY = 86_400;
const T0 = Date.parse('2026-01-10T12:00:00Z') / 1000;

function stat(path: string, revisions: number, authors: Record<string, number>): FileHistory {
  return {
    path,
    revisions,
    added: revisions * 10,
    deleted: revisions,
    authors,
    firstCommitAt: T0 - 400 * DAY,
    lastCommitAt: T0,
  };
}

function historyOf(...stats: FileHistory[]): HistoryResult {
  return { files: new Map(stats.map((s) => [s.path, s])) } as HistoryResult;
}

describe('buildFileHistory', () => {
  it('gives one row per counted file changed in the window, most changed first', () => {
    const history = historyOf(
      stat('src/a.ts', 4, { Ada: 3, Bo: 1 }),
      stat('src/b.ts', 9, { Bo: 9 }),
      stat('dist/bundle.js', 50, { Ci: 50 }), // excluded from quality figures
      stat('src/old.ts', 0, {}), // changed only before the window
      stat('deploy/values.yaml', 4, { Ada: 2, Bo: 1, Ci: 1 }),
    );
    const complexity = [{ path: 'src/a.ts', total: 7 }] as FileComplexity[];
    const counted = new Set(['src/a.ts', 'src/b.ts', 'src/old.ts', 'deploy/values.yaml']);

    const section = buildFileHistory(history, counted, complexity);

    expect(section.columns).toEqual([
      'path',
      'revisions',
      'churn',
      'authors',
      'mainAuthorShare',
      'firstChange',
      'lastChange',
      'complexity',
    ]);
    expect(section.rows).toEqual([
      ['src/b.ts', 9, 99, 1, 100, '2024-12-06', '2026-01-10', null],
      ['deploy/values.yaml', 4, 44, 3, 50, '2024-12-06', '2026-01-10', null],
      ['src/a.ts', 4, 44, 2, 75, '2024-12-06', '2026-01-10', 7],
    ]);
    expect(section).toMatchObject({ total: 3, omitted: 0 });
  });

  it('keeps the most changed files past the limit and counts the rest', () => {
    const history = historyOf(
      stat('a', 1, { Ada: 1 }),
      stat('b', 3, { Ada: 3 }),
      stat('c', 2, { Ada: 2 }),
    );

    const section = buildFileHistory(history, new Set(['a', 'b', 'c']), [], 2);

    expect(section.rows.map((row) => row[0])).toEqual(['b', 'c']);
    expect(section).toMatchObject({ total: 3, omitted: 1 });
  });
});

describe('renderJson', () => {
  it('writes each file-history row on one line and reads back the same report', () => {
    const report = {
      schemaVersion: 1,
      findings: [{ message: 'row:0 and "quotes" \\ backslash' }],
      history: {
        since: '12m',
        files: {
          columns: ['path', 'revisions'],
          rows: [
            ['dir with space/ünï "q".ts', 3],
            ['new\nline.ts', 1],
          ],
          total: 2,
          omitted: 0,
        },
      },
    } as unknown as AuditReport;

    const text = renderJson(report);

    expect(JSON.parse(text)).toEqual(report);
    expect(text).toContain('\n        ["dir with space/ünï \\"q\\".ts",3],\n');
    expect(text).toContain('\n        ["new\\nline.ts",1]\n');
  });
});

describe('ageSince', () => {
  it('says how old a date is in its largest whole unit', () => {
    const now = '2026-11-24T10:00:00.000Z';

    expect([
      ageSince('2026-11-20', now),
      ageSince('2026-08-01', now),
      ageSince('2023-11-01', now),
    ]).toEqual(['4 d', '3 mo', '3 y']);
  });
});
