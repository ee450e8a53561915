/** Killing Keel at any moment loses no committed data: SIGKILL mid-write, restart, everything acknowledged is there. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../server/harness.ts';

function serve(dataDir: string) {
  const child = spawn(process.execPath, ['bin/keel.mjs', 'serve'], {
    env: { ...process.env, KEEL_DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready at (\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  return { child, url };
}

describe('durability', () => {
  it('keeps every acknowledged write across a SIGKILL and restarts cleanly', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keel-kill-'));
    const first = serve(dataDir);
    const api = new ApiClient(await first.url);
    await api.post('/api/v1/setup', { name: 'O', email: 'o@x.test', password: 'a long password' });
    const acknowledged: string[] = [];
    let n = 0;
    let writerStopped = false;
    const writer = (async () => {
      for (;;) {
        const name = `Client ${n++}`;
        try {
          const response = await api.post('/api/v1/clients', { name, stage: 'seed' });
          if (response.status === 201) acknowledged.push(name);
        } catch {
          writerStopped = true;
          return;
        }
      }
    })();
    // Kill once a fair number of writes were acknowledged (counted, not timed: a loaded machine
    // may be slow), so that the kill lands in the middle of a stream of writes.
    while (acknowledged.length < 20 && !writerStopped) await new Promise((r) => setTimeout(r, 50));

    first.child.kill('SIGKILL');
    await writer;
    const second = serve(dataDir);
    const again = new ApiClient(await second.url);
    await again.post('/api/v1/auth/login', { email: 'o@x.test', password: 'a long password' });
    const listed = await again.get<{ clients: { name: string }[] }>('/api/v1/clients');
    second.child.kill('SIGTERM');

    expect(acknowledged.length).toBeGreaterThanOrEqual(20);
    const names = new Set(listed.body.clients.map((c) => c.name));
    expect(acknowledged.filter((name) => !names.has(name))).toEqual([]);
  }, 120_000);
});
