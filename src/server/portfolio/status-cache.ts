/**
 * @module Each client's status line on the portfolio home, kept per process so the home does not
 * build every client's whole weekly report on each load. An entry is good for one client, time
 * zone, local day (overdue lines appear the day after a due date, with no write) and change
 * version: the client's counter in `client_changes`, which database triggers bump on every write
 * to a table the report reads, from any process (API, jobs, `keel worker`). The caller reads the
 * versions of all clients in one query per load, so a change elsewhere shows on the next load.
 * A write through this process's API also drops the entry at once. Only the uptime share (from
 * check results, too frequent to count) is not versioned: an entry older than `maxAgeMs` is
 * shown once while it is rebuilt in the background, one older than `maxStaleMs` rebuilt first.
 */
import { DateTime } from 'luxon';
import type { AppContext } from '../context.ts';
import type { Signal } from '../reports/contributor.ts';

export interface ClientStatus {
  status: Signal;
  headline: string;
}

interface Entry {
  value: ClientStatus;
  /** `Europe/Berlin 2026-03-02`: the zone and local day it was built for. */
  day: string;
  /** The client's change version read before the build started. */
  version: number;
  builtAt: number;
}

export class StatusCache {
  private readonly entries = new Map<string, Entry>();
  private readonly refreshing = new Map<string, Promise<void>>();
  /** Bumped by each write, so a build that started before the write is not kept. */
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly maxAgeMs = 60_000,
    private readonly now: () => number = Date.now,
    private readonly maxStaleMs = 10 * 60_000,
  ) {}

  /** Drops a client's entry: its next status is built fresh. */
  invalidate(clientId: string): void {
    this.entries.delete(clientId);
    this.generations.set(clientId, (this.generations.get(clientId) ?? 0) + 1);
  }

  /**
   * Status per client: fresh entries as they are, stale ones as they are while a rebuild runs
   * in the background, missing and too old ones built now (`limit` at a time). A client whose
   * build fails is left out.
   */
  async statuses(options: {
    clientIds: string[];
    timeZoneOf: (clientId: string) => string;
    /** The client's change version as read now (0 when it never changed). */
    versionOf?: (clientId: string) => number;
    build: (clientId: string, timeZone: string) => Promise<ClientStatus>;
    limit?: number;
  }): Promise<Map<string, ClientStatus>> {
    const { clientIds, timeZoneOf, build } = options;
    const result = new Map<string, ClientStatus>();
    const versionOf = options.versionOf ?? (() => 0);
    const missing: { clientId: string; timeZone: string; day: string; version: number }[] = [];
    const now = this.now();
    for (const clientId of clientIds) {
      const timeZone = timeZoneOf(clientId);
      const day = `${timeZone} ${DateTime.fromMillis(now, { zone: timeZone }).toISODate()}`;
      const version = versionOf(clientId);
      const entry = this.entries.get(clientId);
      if (
        !entry ||
        entry.day !== day ||
        entry.version !== version ||
        now - entry.builtAt > this.maxStaleMs
      ) {
        missing.push({ clientId, timeZone, day, version });
        continue;
      }
      result.set(clientId, entry.value);
      if (now - entry.builtAt > this.maxAgeMs)
        this.refresh(clientId, timeZone, day, version, build);
    }
    await mapLimited(missing, options.limit ?? 4, async ({ clientId, timeZone, day, version }) => {
      const value = await this.build(clientId, timeZone, day, version, build);
      if (value) result.set(clientId, value);
    });
    return result;
  }

  /** Resolves once every background rebuild has finished (tests, benches, shutdown). */
  async settled(): Promise<void> {
    while (this.refreshing.size > 0) await Promise.all(this.refreshing.values());
  }

  private refresh(
    clientId: string,
    timeZone: string,
    day: string,
    version: number,
    build: (clientId: string, timeZone: string) => Promise<ClientStatus>,
  ): void {
    if (this.refreshing.has(clientId)) return;
    const running = this.build(clientId, timeZone, day, version, build).then(
      () => undefined,
      () => undefined,
    );
    this.refreshing.set(clientId, running);
    void running.finally(() => this.refreshing.delete(clientId));
  }

  private async build(
    clientId: string,
    timeZone: string,
    day: string,
    version: number,
    build: (clientId: string, timeZone: string) => Promise<ClientStatus>,
  ): Promise<ClientStatus | null> {
    const builtAt = this.now();
    const generation = this.generations.get(clientId) ?? 0;
    const value = await build(clientId, timeZone).catch(() => null);
    // A write that landed while this was building may not be in it: show it, do not keep it.
    if (value && generation === (this.generations.get(clientId) ?? 0)) {
      this.entries.set(clientId, { value, day, version, builtAt });
    }
    return value;
  }
}

/** Runs `work` over `items`, `limit` at a time. */
async function mapLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}

const caches = new WeakMap<AppContext, StatusCache>();

/** The process's cache for one running app. */
export function statusCache(ctx: AppContext): StatusCache {
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = new StatusCache()));
  return cache;
}

/** Called after every successful write to a client through the API. */
export function invalidateClientStatus(ctx: AppContext, clientId: string): void {
  caches.get(ctx)?.invalidate(clientId);
}
