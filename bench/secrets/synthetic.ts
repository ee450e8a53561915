/**
 * @module Deterministic synthetic inputs for the secrets benchmarks: a source tree and a git
 * history (written with `git fast-import`), code-like text with a few fake secrets sprinkled in.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { createRandom, expandTemplate } from '../../src/engines/secrets/fixtures/template.ts';

const WORDS = [
  'user',
  'order',
  'invoice',
  'client',
  'token',
  'session',
  'cache',
  'retry',
  'config',
  'handler',
  'queue',
  'event',
  'price',
  'account',
  'report',
  'metric',
];
const SECRET_TEMPLATES = [
  'ghp_{A:36}',
  'xoxb-{d:12}-{d:12}-{A:24}',
  'sk_live_{A:32}',
  'glpat-{u:20}',
  'AKIA{R:16}',
  'SG.{u:22}.{u:43}',
  'npm_{A:36}',
];

export function codeLine(random: () => number): string {
  const w = (): string => WORDS[Math.floor(random() * WORDS.length)]!;
  const kind = Math.floor(random() * 8);
  if (kind === 0) return `import { ${w()}${w()} } from './${w()}/${w()}.js';`;
  if (kind === 1)
    return `  const ${w()}Id = await db.${w()}.findOne({ where: { id: ${w()}.id } });`;
  if (kind === 2)
    return `  // ${w()} the ${w()} before the ${w()} is sent, see issue #${Math.floor(random() * 9000)}`;
  if (kind === 3)
    return `  logger.info('${w()} ${w()} done', { ${w()}: ${w()}.length, ms: Date.now() - started });`;
  if (kind === 4) return `  if (!${w()}.${w()}) throw new AppError('${w()}_${w()}_missing');`;
  if (kind === 5) return `  const checksum = '${expandTemplate('{h:40}', random)}';`;
  if (kind === 6)
    return `export function ${w()}${w()[0]!.toUpperCase()}${w().slice(1)}(${w()}: string): number {`;
  return `  return ${w()}.map((x) => x.${w()} * ${Math.floor(random() * 100)}).filter(Boolean);`;
}

export const secretLine = (random: () => number): string =>
  `const apiToken = "${expandTemplate(SECRET_TEMPLATES[Math.floor(random() * SECRET_TEMPLATES.length)]!, random)}";`;

function fileText(random: () => number, lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++)
    out.push(random() < 0.002 ? secretLine(random) : codeLine(random));
  return out.join('\n') + '\n';
}

/** A plain folder (not a git repo) of `files` source files. */
export function makeTree(dir: string, files: number, seed = 1): string {
  if (existsSync(join(dir, '.done'))) return dir;
  const random = createRandom(seed);
  for (let i = 0; i < files; i++) {
    const sub = join(dir, `pkg${i % 40}`, `mod${i % 7}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `file${i}.ts`), fileText(random, 200 + Math.floor(random() * 600)));
  }
  writeFileSync(join(dir, '.done'), '');
  return dir;
}

/** A repository with `commits` commits over a few branches, built with fast-import. */
export function makeHistoryRepo(dir: string, commits: number, seed = 2): string {
  if (existsSync(join(dir, '.git', 'keel-bench-done'))) return dir;
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  const random = createRandom(seed);
  const files = new Map<string, string[]>();
  // Streamed to a file: the import stream is far larger than one JS string may be.
  const streamFile = join(dir, '.git', 'keel-bench-import');
  const fd = openSync(streamFile, 'w');
  const chunks = { push: (text: string): void => void writeSync(fd, text) };
  const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`;
  let mark = 0;
  const tips = new Map<string, number>();
  for (let c = 0; c < commits; c++) {
    const branch = c % 50 === 49 ? `feature/${Math.floor(c / 50) % 8}` : 'main';
    const changes: string[] = [];
    for (let f = 0; f < 1 + Math.floor(random() * 3); f++) {
      const path = `src/${WORDS[Math.floor(random() * WORDS.length)]}/${Math.floor(random() * 40)}.ts`;
      const lines = files.get(path) ?? [];
      const at = Math.floor(random() * (lines.length + 1));
      const added = Array.from({ length: 5 + Math.floor(random() * 30) }, () =>
        random() < 0.001 ? secretLine(random) : codeLine(random),
      );
      // Files stay around a hundred lines, so blobs stay small while diffs keep coming.
      lines.splice(
        at,
        lines.length > 120 ? added.length + Math.floor(random() * 4) : Math.floor(random() * 4),
        ...added,
      );
      files.set(path, lines);
      chunks.push(`blob\nmark :${++mark}\n${data(lines.join('\n') + '\n')}`);
      changes.push(`M 100644 :${mark} ${path}`);
    }
    const time = 1_700_000_000 + c * 600;
    const parent = tips.get(branch) ?? tips.get('main');
    chunks.push(
      `commit refs/heads/${branch}\nmark :${++mark}\nauthor Dev ${c % 5} <dev${c % 5}@acme.io> ${time} +0000\ncommitter Dev <dev@acme.io> ${time} +0000\n` +
        data(`change ${c}`) +
        (parent ? `from :${parent}\n` : '') +
        changes.join('\n') +
        '\n\n',
    );
    tips.set(branch, mark);
  }
  closeSync(fd);
  const result = spawnSync('git', ['fast-import', '--quiet'], {
    cwd: dir,
    input: readFileSync(streamFile),
    maxBuffer: 1 << 30,
  });
  rmSync(streamFile);
  if (result.status !== 0) throw new Error(`fast-import failed: ${String(result.stderr)}`);
  execFileSync('git', ['checkout', '-q', '-f', 'main'], { cwd: dir });
  writeFileSync(join(dir, '.git', 'keel-bench-done'), '');
  return dir;
}

/**
 * A long, thin history: `commits` commits, each changing one line of one of a hundred small
 * files. For the bounded-memory check (a million commits); streamed to fast-import by the shell.
 */
export function makeThinHistoryRepo(dir: string, commits: number, seed = 3): string {
  if (existsSync(join(dir, '.git', 'keel-bench-done'))) return dir;
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  const random = createRandom(seed);
  const streamFile = join(dir, '.git', 'keel-bench-import');
  const fd = openSync(streamFile, 'w');
  const files = new Map<number, string[]>();
  let pending = '';
  for (let c = 0; c < commits; c++) {
    const id = Math.floor(random() * 100);
    const lines = files.get(id) ?? ['// generated', 'export {};', '', '', ''];
    lines[2 + Math.floor(random() * 3)] = random() < 0.0005 ? secretLine(random) : codeLine(random);
    files.set(id, lines);
    const blob = lines.join('\n') + '\n';
    const time = 1_600_000_000 + c * 60;
    pending +=
      `commit refs/heads/main\ncommitter Dev <dev@acme.io> ${time} +0000\ndata 0\n` +
      `M 100644 inline src/f${id}.ts\ndata ${Buffer.byteLength(blob)}\n${blob}\n`;
    if (pending.length > 1 << 20) {
      writeSync(fd, pending);
      pending = '';
    }
  }
  writeSync(fd, pending);
  closeSync(fd);
  execFileSync('sh', ['-c', `git fast-import --quiet < '${streamFile}'`], { cwd: dir });
  rmSync(streamFile);
  execFileSync('git', ['checkout', '-q', '-f', 'main'], { cwd: dir });
  writeFileSync(join(dir, '.git', 'keel-bench-done'), '');
  return dir;
}
