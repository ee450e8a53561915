/**
 * The clone cache lock across processes: two real processes cloning the same repository into
 * the same cache folder take turns; a lock left by a dead process or gone silent is taken over;
 * a live holder makes a waiter time out with a clear error.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  acquireCloneLock,
  CloneLockTimeoutError,
} from '../../src/server/repositories/clone-lock.ts';
import { buildGitRepo } from './scan-factories.ts';

const child = join(import.meta.dirname, 'fixtures', 'clone-lock-child.ts');

function run(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, ...args], { stdio: 'inherit' });
    p.on('close', (code) => resolve(code ?? -1));
  });
}

describe('clone lock', () => {
  it('makes two processes cloning the same repository take turns', async () => {
    const origin = buildGitRepo({ 'README.md': '# shared\n' });
    const cache = join(mkdtempSync(join(tmpdir(), 'keel-clone-lock-')), 'cache', 'repos', 'r1');
    const log = join(tmpdir(), `keel-clone-lock-${process.pid}.log`);
    writeFileSync(log, '');

    const codes = await Promise.all([
      run([cache, origin.url, log, 'a']),
      run([cache, origin.url, log, 'b']),
    ]);

    expect(codes).toEqual([0, 0]);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]!.split(' ')[1]).toBe(lines[1]!.split(' ')[1]);
    expect(lines.map((l) => l.split(' ')[0])).toEqual(['start', 'end', 'start', 'end']);
  });

  it('takes over a lock whose process is gone, or whose heartbeat stopped', async () => {
    const base = mkdtempSync(join(tmpdir(), 'keel-clone-stale-'));
    const deadPid = spawnSync('true').pid;
    writeFileSync(
      join(base, 'dead.lock'),
      JSON.stringify({ pid: deadPid, host: hostname(), token: 'x', acquiredAt: '' }),
    );
    writeFileSync(
      join(base, 'silent.lock'),
      JSON.stringify({ pid: 1, host: 'other-host', token: 'y', acquiredAt: '' }),
    );
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(join(base, 'silent.lock'), old, old);

    const dead = await acquireCloneLock(join(base, 'dead'), { timeoutMs: 2000 });
    const silent = await acquireCloneLock(join(base, 'silent'), { timeoutMs: 2000 });

    expect(JSON.parse(readFileSync(join(base, 'dead.lock'), 'utf8'))).toMatchObject({
      pid: process.pid,
    });
    await dead.release();
    await silent.release();
  });

  it('times out behind a live holder', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'keel-clone-live-')), 'repo');
    const holder = await acquireCloneLock(dir);

    const waiting = acquireCloneLock(dir, { timeoutMs: 300 });

    await expect(waiting).rejects.toBeInstanceOf(CloneLockTimeoutError);
    await holder.release();
    await (await acquireCloneLock(dir, { timeoutMs: 300 })).release();
  });
});
