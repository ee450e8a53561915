#!/usr/bin/env node
// Deterministic generator of a large git repository for the audit benchmarks: FILES files in
// several languages and COMMITS commits over two years by 40 authors (some of whom leave),
// streamed into `git fast-import` so 50,000 commits take seconds, not hours.
// Usage: node bench/audit/generate-repo.mjs <target-dir> [--files 20000] [--commits 50000] [--seed 42]
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';

const args = process.argv.slice(2);
const target = args.find((arg) => !arg.startsWith('--') && !/^\d+$/.test(arg));
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(args[index + 1]);
};
if (!target) {
  console.error('usage: generate-repo.mjs <target-dir> [--files N] [--commits N] [--seed N]');
  process.exit(2);
}
const FILES = option('files', 20_000);
const COMMITS = option('commits', 50_000);
let seed = option('seed', 42) >>> 0;

// mulberry32: small, fast, deterministic.
function random() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (items) => items[Math.floor(random() * items.length)];
const int = (max) => Math.floor(random() * max);

const LANGUAGES = [
  ['ts', 0.45],
  ['py', 0.2],
  ['go', 0.15],
  ['java', 0.1],
  ['md', 0.05],
  ['yml', 0.05],
];
function languageFor() {
  let roll = random();
  for (const [ext, share] of LANGUAGES) if ((roll -= share) <= 0) return ext;
  return 'ts';
}

// Each function draws its own names, constants and operators so the code is not one big clone.
const WORDS = [
  'amount',
  'price',
  'count',
  'score',
  'delta',
  'weight',
  'offset',
  'budget',
  'quota',
  'rate',
  'level',
  'index',
  'limit',
  'size',
  'cost',
  'margin',
];
function localRandom(n) {
  let state = (n * 2654435761) >>> 0;
  return () => {
    state = (state ^ (state << 13)) >>> 0;
    state = (state ^ (state >>> 17)) >>> 0;
    state = (state ^ (state << 5)) >>> 0;
    return state / 4294967296;
  };
}
function parts(n) {
  const r = localRandom(n + 1);
  const word = () => WORDS[Math.floor(r() * WORDS.length)] + Math.floor(r() * 100);
  const op = () => ['+', '-', '*', '%'][Math.floor(r() * 4)];
  const branches = 1 + Math.floor(r() * 4);
  return {
    acc: word(),
    item: word(),
    cap: word(),
    branches,
    rows: Array.from({ length: branches }, () => ({
      k: Math.floor(r() * 1000),
      op: op(),
      m: 1 + Math.floor(r() * 97),
      logic: r() < 0.5,
    })),
  };
}
function tsFunction(name, n) {
  const p = parts(n);
  const lines = [
    `export function ${name}(input: number[], ${p.cap} = ${n}): number {`,
    `  let ${p.acc} = ${p.rows[0].k};`,
    `  for (const ${p.item} of input) {`,
  ];
  for (const row of p.rows)
    lines.push(
      `    if (${p.item} > ${row.k} ${row.logic ? '&&' : '||'} ${p.acc} < ${p.cap}) {`,
      `      ${p.acc} = ${p.acc} ${row.op} ${p.item} * ${row.m};`,
      '    }',
    );
  lines.push(
    '  }',
    `  // bounded by ${p.cap}`,
    `  return ${p.acc} > ${p.cap} ? ${p.cap} : ${p.acc};`,
    '}',
    '',
  );
  return lines;
}
function pyFunction(name, n) {
  const p = parts(n);
  const lines = [
    `def ${name}(values, ${p.cap}=${n}):`,
    `    """Combine values under ${p.cap}."""`,
    `    ${p.acc} = ${p.rows[0].k}`,
    `    for ${p.item} in values:`,
  ];
  for (const row of p.rows)
    lines.push(
      `        if ${p.item} > ${row.k} ${row.logic ? 'and' : 'or'} ${p.acc} < ${p.cap}:`,
      `            ${p.acc} = ${p.acc} ${row.op} ${p.item} * ${row.m}`,
    );
  lines.push(`    return min(${p.acc}, ${p.cap})`, '', '');
  return lines;
}
function goFunction(name, n) {
  const p = parts(n);
  const lines = [
    `func ${name}(values []int, ${p.cap} int) int {`,
    `\t${p.acc} := ${p.rows[0].k}`,
    `\tfor _, ${p.item} := range values {`,
  ];
  for (const row of p.rows)
    lines.push(
      `\t\tif ${p.item} > ${row.k} ${row.logic ? '&&' : '||'} ${p.acc} < ${p.cap} {`,
      `\t\t\t${p.acc} = ${p.acc} ${row.op} ${p.item} * ${row.m}`,
      '\t\t}',
    );
  lines.push('\t}', `\treturn ${p.acc}`, '}', '');
  return lines;
}
function javaFunction(name, n) {
  const p = parts(n);
  const lines = [
    `  public int ${name}(int[] values, int ${p.cap}) {`,
    `    int ${p.acc} = ${p.rows[0].k};`,
    `    for (int ${p.item} : values) {`,
  ];
  for (const row of p.rows)
    lines.push(
      `      if (${p.item} > ${row.k} ${row.logic ? '&&' : '||'} ${p.acc} < ${p.cap}) {`,
      `        ${p.acc} = ${p.acc} ${row.op} ${p.item} * ${row.m};`,
      '      }',
    );
  lines.push('    }', `    return ${p.acc};`, '  }', '');
  return lines;
}

function content(path, ext, fileSeed, version) {
  const count = 2 + (fileSeed % 5) + Math.min(version, 6);
  const header = `version ${version}`;
  if (ext === 'md')
    return `# ${path}\n\n${header}\n\n${'Some documentation line.\n'.repeat(10 + (fileSeed % 20))}`;
  if (ext === 'yml')
    return `# ${header}\nname: job${fileSeed}\nsteps:\n${'  - run: echo step\n'.repeat(3 + (fileSeed % 5))}`;
  const lines = [];
  if (ext === 'ts') lines.push(`// ${header}`, `import { helper } from './helper';`, '');
  if (ext === 'py') lines.push(`# ${header}`, 'import os', '', '');
  if (ext === 'go') lines.push(`// ${header}`, 'package gen', '');
  if (ext === 'java') lines.push(`// ${header}`, 'package gen;', '', `public class C${fileSeed} {`);
  for (let f = 0; f < count; f++) {
    const name = `fn${fileSeed % 9973}_${f}`;
    const n = fileSeed * 16 + f + (f === count - 1 ? version * 100_003 : 0);
    const make = { ts: tsFunction, py: pyFunction, go: goFunction, java: javaFunction }[ext];
    lines.push(...make(name, n));
  }
  if (ext === 'java') lines.push('}');
  return lines.join('\n') + '\n';
}

const FOLDERS = Array.from(
  { length: 200 },
  (_, i) =>
    `${pick(['src', 'lib', 'app', 'services', 'pkg'])}/${pick(['core', 'api', 'ui', 'data', 'jobs', 'auth'])}${i}`,
);
const files = Array.from({ length: FILES }, (_, i) => {
  const ext = languageFor();
  const folder = FOLDERS[i % FOLDERS.length];
  const test = ext === 'ts' && i % 6 === 0;
  return {
    path: `${folder}/file_${i}${test ? '.test' : ''}.${ext}`,
    ext,
    seed: i * 31 + 7,
    version: 0,
  };
});
const AUTHORS = Array.from({ length: 40 }, (_, i) => ({
  name: `Dev ${i}`,
  email: `dev${i}@example.com`,
  leavesAt: i < 12 ? 0.45 : 1,
}));

if (existsSync(target)) {
  console.error(`${target} exists; remove it first`);
  process.exit(2);
}
mkdirSync(target, { recursive: true });
execFileSync('git', ['init', '-q', '-b', 'main', target]);
const importer = spawn('git', ['fast-import', '--quiet', '--done'], {
  cwd: target,
  stdio: ['pipe', 'inherit', 'inherit'],
});
let buffered = [];
let bufferedBytes = 0;
async function write(text) {
  buffered.push(text);
  bufferedBytes += text.length;
  if (bufferedBytes > 1 << 20) await flush();
}
async function flush() {
  const chunk = buffered.join('');
  buffered = [];
  bufferedBytes = 0;
  if (!importer.stdin.write(chunk))
    await new Promise((resolve) => importer.stdin.once('drain', resolve));
}
const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;

const START = Date.UTC(2024, 10, 1) / 1000;
const SPAN = 2 * 365 * 86_400;
const INITIAL_COMMITS = Math.max(1, Math.ceil(FILES / 100));
let mark = 0;
for (let c = 0; c < COMMITS; c++) {
  const progress = c / COMMITS;
  const time = Math.floor(START + progress * SPAN);
  const active = AUTHORS.filter((author) => author.leavesAt > progress);
  const author = pick(active);
  let touched;
  if (c < INITIAL_COMMITS) touched = files.slice(c * 100, (c + 1) * 100);
  else {
    // Skewed: a few files change very often (hotspots), most rarely.
    const count = 1 + int(4) + (random() < 0.01 ? 40 : 0);
    touched = Array.from(
      { length: count },
      () => files[Math.floor(Math.pow(random(), 3) * files.length)],
    );
    touched = [...new Set(touched)];
  }
  const ops = [];
  for (const file of touched) {
    if (c >= INITIAL_COMMITS) file.version++;
    mark++;
    await write(
      `blob\nmark :${mark}\n${data(content(file.path, file.ext, file.seed, file.version))}`,
    );
    ops.push(`M 100644 :${mark} ${file.path}\n`);
  }
  const who = `${author.name} <${author.email}> ${time} +0000`;
  await write(
    `commit refs/heads/main\nauthor ${who}\ncommitter ${who}\n${data(`change ${c}`)}${ops.join('')}\n`,
  );
}
await write('done\n');
await flush();
importer.stdin.end();
await new Promise((resolve, reject) =>
  importer.on('close', (code) =>
    code === 0 ? resolve() : reject(new Error(`fast-import exited ${code}`)),
  ),
);
execFileSync('git', ['checkout', '-q', '-f', 'main'], { cwd: target });
console.log(`generated ${FILES} files and ${COMMITS} commits in ${target}`);
