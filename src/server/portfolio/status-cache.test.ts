/** The portfolio's status cache: kept per day and change version, dropped by a write, rebuilt in the background when old. */
import { describe, expect, it } from 'vitest';
import { StatusCache, type ClientStatus } from './status-cache.ts';

function counter() {
  const built: string[] = [];
  let status: ClientStatus = { status: 'green', headline: 'On track.' };
  return {
    built,
    set: (next: ClientStatus) => (status = next),
    build: async (clientId: string) => {
      built.push(clientId);
      return status;
    },
  };
}

describe('status cache', () => {
  it('rebuilds an entry whose change version moved (a write from another process)', async () => {
    const cache = new StatusCache(60_000, () => Date.parse('2026-03-02T10:00:00Z'));
    const source = counter();
    let version = 3;
    const ask = () =>
      cache.statuses({
        clientIds: ['a'],
        timeZoneOf: () => 'UTC',
        versionOf: () => version,
        build: source.build,
      });

    await ask();
    await ask();
    source.set({ status: 'red', headline: 'Down.' });
    version = 4;
    const afterChange = await ask();

    expect(source.built).toEqual(['a', 'a']);
    expect(afterChange.get('a')).toEqual({ status: 'red', headline: 'Down.' });
  });

  it('builds once, then serves the entry until a write drops it', async () => {
    let now = Date.parse('2026-03-02T10:00:00Z');
    const cache = new StatusCache(60_000, () => now);
    const source = counter();
    const ask = () =>
      cache.statuses({ clientIds: ['a'], timeZoneOf: () => 'UTC', build: source.build });

    await ask();
    now += 1000;
    await ask();
    source.set({ status: 'red', headline: 'Late.' });
    const beforeWrite = await ask();
    cache.invalidate('a');
    const afterWrite = await ask();

    expect(source.built).toEqual(['a', 'a']);
    expect(beforeWrite.get('a')?.status).toBe('green');
    expect(afterWrite.get('a')).toEqual({ status: 'red', headline: 'Late.' });
  });

  it('shows an old entry once while rebuilding it, and rebuilds a very old one or a new local day first', async () => {
    let now = Date.parse('2026-03-02T10:00:00Z');
    const cache = new StatusCache(60_000, () => now);
    const source = counter();
    const ask = () =>
      cache.statuses({ clientIds: ['a'], timeZoneOf: () => 'Asia/Tokyo', build: source.build });
    await ask();
    source.set({ status: 'amber', headline: 'A risk.' });

    now += 120_000;
    const stale = await ask();
    await cache.settled();
    const refreshed = await ask();
    now = Date.parse('2026-03-02T15:30:00Z'); // past midnight in Tokyo
    source.set({ status: 'red', headline: 'Overdue.' });
    const nextDay = await ask();
    now += 11 * 60_000;
    source.set({ status: 'green', headline: 'Fixed.' });
    const muchLater = await ask();

    expect(stale.get('a')?.status).toBe('green');
    expect(refreshed.get('a')?.status).toBe('amber');
    expect(nextDay.get('a')?.status).toBe('red');
    expect(muchLater.get('a')?.headline).toBe('Fixed.');
    expect(source.built).toHaveLength(4);
  });

  it('does not keep a build that a write overtook, and leaves out a client whose build fails', async () => {
    const cache = new StatusCache();
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = cache.statuses({
      clientIds: ['a'],
      timeZoneOf: () => 'UTC',
      build: async () => {
        await gate;
        return { status: 'green', headline: 'Old.' };
      },
    });
    cache.invalidate('a');
    release();
    await slow;

    const next = await cache.statuses({
      clientIds: ['a', 'b'],
      timeZoneOf: () => 'UTC',
      build: async (id) => {
        if (id === 'b') throw new Error('broken');
        return { status: 'red', headline: 'New.' };
      },
    });

    expect(next.get('a')?.headline).toBe('New.');
    expect(next.has('b')).toBe(false);
  });
});
