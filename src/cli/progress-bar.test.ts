import { describe, expect, it } from 'vitest';
import {
  isProgressShown,
  percentDone,
  ProgressLine,
  renderBar,
  renderProgressLine,
  type ProgressTask,
} from './progress-bar.ts';

const task = (label: string, done: number, total: number | null, unit = 'files'): ProgressTask => ({
  label,
  done,
  total,
  unit,
});

describe('renderBar and percentDone', () => {
  it('is empty at 0 %, full only at 100 %, and complete for an empty total', () => {
    expect([renderBar(0, 200, 10), percentDone(0, 200)]).toEqual(['[░░░░░░░░░░]', 0]);
    expect([renderBar(199, 200, 10), percentDone(199, 200)]).toEqual(['[█████████░]', 99]);
    expect([renderBar(200, 200, 10), percentDone(200, 200)]).toEqual(['[██████████]', 100]);
    expect([renderBar(250, 200, 4), percentDone(250, 200)]).toEqual(['[████]', 100]);
    expect([renderBar(0, 0, 4), percentDone(0, 0)]).toEqual(['[████]', 100]);
  });
});

describe('renderProgressLine', () => {
  it('draws a bar and a percentage when the total is known', () => {
    const line = renderProgressLine('keel audit', [task('inventory', 2100, 5000)], 80);

    expect(line).toBe(`keel audit · inventory [${'█'.repeat(12)}${'░'.repeat(18)}]  42%`);
  });

  it('draws a spinner and a count when the total is not known, turning with each frame', () => {
    const first = renderProgressLine(
      'keel audit',
      [task('history', 12500, null, 'commits')],
      80,
      0,
    );
    const next = renderProgressLine('keel audit', [task('history', 12750, null, 'commits')], 80, 1);
    const started = renderProgressLine('keel audit', [task('checks', 0, null, '')], 80, 2);

    expect(first).toBe('keel audit · history ⠋ 12,500 commits');
    expect(next).toBe('keel audit · history ⠙ 12,750 commits');
    expect(started).toBe('keel audit · checks ⠹');
  });

  it('shares the width between bars and stays under the terminal width', () => {
    const tasks = [
      task('history', 1000, 4000, 'commits'),
      task('complexity', 900, 900),
      task('duplication', 0, null, ''),
    ];

    const lines = [120, 80, 50, 20].map((columns) =>
      renderProgressLine('keel audit', tasks, columns),
    );

    expect(lines[0]).toBe(
      `keel audit · history [${'█'.repeat(6)}${'░'.repeat(21)}]  25% · complexity [${'█'.repeat(27)}]` +
        ' 100% · duplication ⠋',
    ); // exactly 119 characters: the bars took the room left
    expect(lines[1]).toBe(
      'keel audit · history [█░░░░░░]  25% · complexity [███████] 100% · duplication ⠋',
    );
    expect(lines[2]).toBe('keel audit · history  25% · complexity 100% · du…'); // no room for bars
    expect(lines[3]).toBe('keel audit · histo…');
    expect(lines.map((line) => line.length)).toEqual([119, 79, 49, 19]);
  });
});

describe('isProgressShown', () => {
  it('draws only on a terminal, outside CI and not on a dumb terminal', () => {
    expect(isProgressShown({ isTTY: true }, {})).toBe(true);
    expect(isProgressShown({ isTTY: true }, { CI: 'false' })).toBe(true);
    expect(isProgressShown({ isTTY: false }, {})).toBe(false);
    expect(isProgressShown({}, {})).toBe(false);
    expect(isProgressShown({ isTTY: true }, { CI: 'true' })).toBe(false);
    expect(isProgressShown({ isTTY: true }, { CI: '1' })).toBe(false);
    expect(isProgressShown({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });
});

describe('ProgressLine', () => {
  it('redraws at most once an interval, at once when a phase starts or ends, and clears the line', () => {
    const written: string[] = [];
    let now = 0;
    const line = new ProgressLine({
      title: 'keel audit',
      write: (text) => written.push(text),
      columns: () => 60,
      now: () => now,
      intervalMs: 100,
    });

    line.update('inventory', task('inventory', 0, 10)); // new phase: drawn
    now = 50;
    line.update('inventory', task('inventory', 5, 10)); // too soon: skipped
    now = 150;
    line.update('inventory', task('inventory', 10, 10)); // drawn
    line.finish('inventory'); // drawn
    line.clear();
    line.clear(); // nothing left to clear

    expect(written).toEqual([
      `\r\x1b[Kkeel audit · inventory [${'░'.repeat(29)}]   0%`,
      `\r\x1b[Kkeel audit · inventory [${'█'.repeat(29)}] 100%`,
      '\r\x1b[Kkeel audit',
      '\r\x1b[K',
    ]);
  });
});
