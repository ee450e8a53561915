/**
 * @module Every lockfile parser, registered once with its id, file names and ecosystem. To add
 * a format: write `<format>.ts` exporting a `LockfileParser` and list it here.
 */
import { cargoLockParser } from './cargo.ts';
import { composerLockParser } from './composer.ts';
import { gemfileLockParser } from './gemfile.ts';
import { goModParser, goSumParser } from './go-mod.ts';
import type { LockfileParser } from './lockfile-types.ts';
import { npmLockParser } from './npm.ts';
import { pipfileLockParser } from './pipfile.ts';
import { pnpmLockParser } from './pnpm.ts';
import { poetryLockParser } from './poetry.ts';
import { requirementsParser } from './requirements.ts';
import { yarnLockParser } from './yarn.ts';

export const lockfileParsers: ReadonlyMap<string, LockfileParser> = new Map(
  [
    npmLockParser,
    yarnLockParser,
    pnpmLockParser,
    requirementsParser,
    poetryLockParser,
    pipfileLockParser,
    goModParser,
    goSumParser,
    cargoLockParser,
    gemfileLockParser,
    composerLockParser,
  ].map((parser) => [parser.id, parser]),
);

const byFileName = new Map<string, LockfileParser>();
for (const parser of lockfileParsers.values())
  for (const name of parser.fileNames) byFileName.set(name, parser);

/** The parser for a file's base name, if any reads it. */
export const parserForFile = (baseName: string): LockfileParser | undefined =>
  byFileName.get(baseName);
