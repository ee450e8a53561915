import { describe, it, expect, afterEach } from 'vitest';
import { defaultConfig } from '../config.ts';
import { probeRepo } from '../git.ts';
import { buildRepo, daysAgo, type TestRepo } from '../testing/build-repo.ts';
import { LogParser, type LogCommit } from './git-log-stream.ts';
import { runHistory } from './history.ts';
import type { SkipNote } from '../types.ts';

let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

async function historyOf(r: TestRepo, counted: string[]) {
  const skipped: SkipNote[] = [];
  const config = defaultConfig();
  config.coupling.minRevisions = 2;
  config.coupling.minSharedRevisions = 2;
  const result = await runHistory(
    { gitDir: r.root, probe: await probeRepo(r.root), config, countedPaths: new Set(counted) },
    skipped,
  );
  return { result, skipped };
}

describe('LogParser', () => {
  it('parses headers, numstat entries, binary changes and renames split across chunks', () => {
    const commits: LogCommit[] = [];
    const parser = new LogParser((commit) => commits.push(commit));
    const raw =
      '\x1eabc\x1fAda\x1f100\0\n1\t0\t\0old name.ts\0new\nname.ts\0-\t-\tlogo.png\0\x1edef\x1fBob\x1f50\0\n2\t3\ta.ts\0';

    for (let i = 0; i < raw.length; i += 7) parser.push(raw.slice(i, i + 7));
    parser.finish();

    expect(commits).toEqual([
      {
        hash: 'abc',
        author: 'Ada',
        time: 100,
        files: [
          { path: 'new\nname.ts', oldPath: 'old name.ts', added: 1, deleted: 0 },
          { path: 'logo.png', added: null, deleted: null },
        ],
      },
      { hash: 'def', author: 'Bob', time: 50, files: [{ path: 'a.ts', added: 2, deleted: 3 }] },
    ]);
  });
});

describe('runHistory', () => {
  it('follows renames, applies .mailmap and counts revisions inside the window only', async () => {
    repo = buildRepo();
    repo.commit({ files: { 'old.ts': 'a\n' }, author: 'Ada', date: daysAgo(800) });
    repo.commit({
      files: { 'old.ts': 'a\nb\n' },
      author: 'Ada',
      email: 'ada@home.example',
      date: daysAgo(30),
    });
    repo.git('mv', 'old.ts', 'new.ts');
    repo.commit({
      files: {
        'new.ts': 'a\nb\nc\n',
        '.mailmap':
          'Ada Lovelace <ada@example.com>\nAda Lovelace <ada@example.com> <ada@home.example>\n',
      },
      author: 'Ada',
      date: daysAgo(10),
    });

    const { result } = await historyOf(repo, ['new.ts']);

    const file = result.files.get('new.ts');
    expect(result.status).toBe('full');
    expect(result.commitsScanned).toBe(3);
    expect(file?.revisions).toBe(2);
    expect(Object.keys(file?.authors ?? {})).toEqual(['Ada Lovelace']);
    expect(result.files.has('old.ts')).toBe(false);
    expect(result.knowledge).toEqual([
      { path: 'new.ts', mainAuthor: 'Ada Lovelace', share: 1, authorHasLeft: false },
    ]);
  });

  it('finds coupled files and authors who have left', async () => {
    repo = buildRepo();
    repo.commit({ files: { 'legacy.ts': 'x\n'.repeat(50) }, author: 'Gone', date: daysAgo(700) });
    for (let i = 0; i < 3; i++)
      repo.commit({
        files: { 'a.ts': `a${i}\n`, 'b.ts': `b${i}\n` },
        author: 'Ada',
        date: daysAgo(20 - i),
      });
    repo.commit({ files: { 'c.ts': 'c\n' }, author: 'Ada', date: daysAgo(5) });

    const { result } = await historyOf(repo, ['a.ts', 'b.ts', 'c.ts', 'legacy.ts']);

    expect(result.coupling).toEqual([{ a: 'a.ts', b: 'b.ts', shared: 3, degree: 100 }]);
    expect(result.knowledge.find((entry) => entry.path === 'legacy.ts')).toMatchObject({
      mainAuthor: 'Gone',
      authorHasLeft: true,
    });
    expect(result.authors.map((author) => [author.name, author.active])).toEqual([
      ['Ada', true],
      ['Gone', false],
    ]);
    expect(result.busFactor).toBe(1);
  });

  it('reports an empty repository and a folder outside git without failing', async () => {
    repo = buildRepo();

    const empty = await historyOf(repo, []);
    const outside = buildRepo({ git: false });
    const none = await historyOf(outside, []);
    outside.cleanup();

    expect(empty.result.status).toBe('empty');
    expect(none.result.status).toBe('skipped');
    expect(none.result.reason).toMatch(/not a git repository/);
  });
});
