/**
 * @module An advisory lock file on the embedded data directory. PGlite is one process's
 * database: a second process opening the same directory would corrupt it, so it is refused.
 */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface DirectoryLock {
  release(): void;
}

export class DirectoryLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `the data directory ${dataDir} is in use by another Keel process (pid ${pid}); stop it first, or set DATABASE_URL to share a PostgreSQL server between processes`,
    );
    this.name = 'DirectoryLockedError';
  }
}

export function acquireDirectoryLock(dataDir: string): DirectoryLock {
  const file = path.join(dataDir, 'keel.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return { release: () => removeIfOurs(file) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new DirectoryLockedError(dataDir, holder);
      }
      // A stale lock from a process that died (or from this very process): take it over.
      unlinkSync(file);
    }
  }
  throw new Error(`could not lock the data directory ${dataDir}`);
}

function removeIfOurs(file: string): void {
  try {
    if (readFileSync(file, 'utf8') === String(process.pid)) unlinkSync(file);
  } catch {
    // Already gone: nothing to release.
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
