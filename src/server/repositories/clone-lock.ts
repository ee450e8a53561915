/**
 * @module A lock file beside a clone in the repository cache, so that two Keel processes
 * sharing a data directory (`keel serve` and `keel worker`, or two workers) never clone into,
 * refresh or read the same folder at once. Created with O_EXCL (`wx`); the holder rewrites its
 * mtime every few seconds. A lock is taken over when its holder is gone: on this host, when its
 * process no longer exists; from another host on a shared disk, when it has had no heartbeat
 * for `staleMs`. A file lock and not a PostgreSQL advisory lock: the contended resource is a
 * folder on this disk, workers on other machines have their own cache and need not wait, and a
 * session-level database lock would pin a pooled connection for the length of a scan.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

export interface CloneLockOptions {
  /** Give up waiting after this long (default 15 minutes: a long clone of a big repository). */
  timeoutMs?: number;
  /** A lock with no heartbeat for this long is stale (default 2 minutes). */
  staleMs?: number;
  /** How often the holder touches the lock file (default 10 s). */
  heartbeatMs?: number;
}

interface Holder {
  pid: number;
  host: string;
  token: string;
  acquiredAt: string;
}

export class CloneLockTimeoutError extends Error {
  constructor(readonly file: string) {
    super(`another Keel process has held ${file} for too long`);
    this.name = 'CloneLockTimeoutError';
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

async function readHolder(
  file: string,
): Promise<{ holder: Holder | null; mtimeMs: number } | null> {
  try {
    const [text, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    let holder: Holder | null = null;
    try {
      holder = JSON.parse(text) as Holder;
    } catch {
      // Half-written by a holder that died between create and write: judged by age alone.
    }
    return { holder, mtimeMs: info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * On this host the holder's pid decides (a live process busy in synchronous work may miss
 * heartbeats, and must keep its lock); a holder on another host, or a file whose content was
 * never written, is judged by its heartbeat.
 */
function isStale(found: { holder: Holder | null; mtimeMs: number }, staleMs: number): boolean {
  const { holder } = found;
  if (holder && holder.host === hostname())
    return holder.pid !== process.pid && !isAlive(holder.pid);
  return Date.now() - found.mtimeMs > staleMs;
}

/** Waits for and takes the lock on `dir` (the file `<dir>.lock`); release it in a finally. */
export async function acquireCloneLock(
  dir: string,
  options: CloneLockOptions = {},
): Promise<{ release(): Promise<void> }> {
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  const staleMs = options.staleMs ?? 120_000;
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  const file = `${dir}.lock`;
  await mkdir(dirname(file), { recursive: true });
  const me: Holder = {
    pid: process.pid,
    host: hostname(),
    token: randomUUID(),
    acquiredAt: new Date().toISOString(),
  };
  const deadline = Date.now() + timeoutMs;
  let wait = 50;
  for (;;) {
    try {
      await writeFile(file, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const found = await readHolder(file);
    if (found && isStale(found, staleMs)) {
      // Move the stale file aside under a unique name, then check that what moved is the lock
      // judged stale; if a live holder replaced it in between, put its lock back.
      const aside = `${file}.stale-${me.token}`;
      try {
        await rename(file, aside);
        const moved = await readHolder(aside);
        if (moved?.holder?.token && moved.holder.token !== found.holder?.token)
          await rename(aside, file);
        else await unlink(aside);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      continue;
    }
    if (Date.now() > deadline) throw new CloneLockTimeoutError(file);
    await new Promise((resolve) => setTimeout(resolve, wait + Math.random() * wait));
    wait = Math.min(wait * 2, 1000);
  }
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(file, now, now).catch(() => undefined);
  }, heartbeatMs);
  heartbeat.unref();
  return {
    async release() {
      clearInterval(heartbeat);
      const found = await readHolder(file);
      if (found?.holder?.token === me.token) await unlink(file).catch(() => undefined);
    },
  };
}

/** Runs `work` while holding the lock on `dir`. */
export async function withCloneLock<T>(
  dir: string,
  work: () => Promise<T>,
  options?: CloneLockOptions,
): Promise<T> {
  const lock = await acquireCloneLock(dir, options);
  try {
    return await work();
  } finally {
    await lock.release();
  }
}
