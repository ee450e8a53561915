/**
 * @module `keel deps --online`: asks the OSV service which advisories concern the installed
 * packages, fetches those records, and writes them to an advisory store, so the scan then
 * matches them with the same ecosystem rules as imported ones. The only part of the engine that
 * touches the network, and only when asked: it sends package names and versions, nothing else.
 */
import type { InventoryPackage } from '../types.ts';
import { err, ok, type Result } from '../result.ts';
import type { AdvisoryWriter } from './advisory-store.ts';
import { validateOsvRecord } from './osv-types.ts';

/** The public OSV service; `KEEL_OSV_API_URL` points the CLI elsewhere (a mirror, a test). */
export const osvApiUrl = 'https://api.osv.dev';

export interface OnlineOptions {
  baseUrl: string;
  /** Per request. */
  timeoutMs?: number;
  /** Package versions per batch query; OSV takes 1,000 at most. */
  batchSize?: number;
  /** Advisory records fetched at once. */
  concurrency?: number;
  /** A response larger than this is refused (a record is kilobytes; a batch answer, ids). */
  maxResponseBytes?: number;
  /** Result pages followed per package version before giving up. */
  maxPages?: number;
}

export interface OnlineStats {
  queried: number;
  advisories: number;
  requests: number;
}

interface BatchAnswer {
  results?: { vulns?: { id?: unknown }[]; next_page_token?: unknown }[];
}

interface Query {
  package: { ecosystem: string; name: string };
  version: string;
  page_token?: string;
}

class OnlineError extends Error {}

export async function fetchAdvisoriesOnline(
  packages: readonly InventoryPackage[],
  store: AdvisoryWriter,
  options: OnlineOptions,
): Promise<Result<OnlineStats, string>> {
  const settings = {
    timeoutMs: 30_000,
    batchSize: 1000,
    concurrency: 8,
    maxResponseBytes: 32 * 1024 * 1024,
    maxPages: 20,
    ...options,
  };
  let base: URL;
  try {
    base = new URL(settings.baseUrl);
  } catch {
    return err(`the OSV address "${settings.baseUrl}" is not a URL`);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:')
    return err(`the OSV address must be http(s), not ${base.protocol}`);

  const stats: OnlineStats = { queried: 0, advisories: 0, requests: 0 };
  const request = async (path: string, body?: unknown): Promise<unknown> => {
    const url = new URL(path, base.href.endsWith('/') ? base : `${base.href}/`);
    stats.requests++;
    let response: Response;
    try {
      response = await fetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(settings.timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      const reason =
        error instanceof Error && error.name === 'TimeoutError'
          ? `no answer within ${settings.timeoutMs / 1000} s`
          : ((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message);
      throw new OnlineError(`cannot reach the OSV service at ${url.origin}: ${reason}`);
    }
    const text = await readCapped(response, settings.maxResponseBytes).catch(() => null);
    if (text === null)
      throw new OnlineError(
        `the OSV service sent more than ${settings.maxResponseBytes / 1024 / 1024} MiB for ${url.pathname}`,
      );
    if (!response.ok)
      throw new OnlineError(
        `the OSV service answered ${response.status} for ${url.pathname}${text ? `: ${text.slice(0, 200)}` : ''}`,
      );
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new OnlineError(`the OSV service sent something that is not JSON for ${url.pathname}`);
    }
  };

  try {
    const queries = uniqueQueries(packages);
    stats.queried = queries.length;
    const ids = new Set<string>();
    let pending: Query[] = queries;
    for (let page = 0; pending.length > 0; page++) {
      if (page === settings.maxPages)
        throw new OnlineError(
          `the OSV service still had more results after ${settings.maxPages} pages; stopping`,
        );
      const next: Query[] = [];
      for (let i = 0; i < pending.length; i += settings.batchSize) {
        const batch = pending.slice(i, i + settings.batchSize);
        const answer = (await request('v1/querybatch', { queries: batch })) as BatchAnswer;
        if (!Array.isArray(answer?.results) || answer.results.length !== batch.length)
          throw new OnlineError(
            `the OSV service answered ${Array.isArray(answer?.results) ? answer.results.length : 'no'} results for ${batch.length} queries`,
          );
        answer.results.forEach((result, k) => {
          for (const vuln of result.vulns ?? []) if (typeof vuln.id === 'string') ids.add(vuln.id);
          if (typeof result.next_page_token === 'string' && result.next_page_token !== '')
            next.push({ ...batch[k]!, page_token: result.next_page_token });
        });
      }
      pending = next;
    }

    const queue = [...ids].sort();
    const worker = async () => {
      try {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          const record = validateOsvRecord(await request(`v1/vulns/${encodeURIComponent(id)}`));
          if (!record.ok)
            throw new OnlineError(`the OSV service sent an invalid record: ${record.error}`);
          await store.upsert(record.value);
          stats.advisories++;
        }
      } catch (error) {
        queue.length = 0; // the other workers stop after their current request
        throw error;
      }
    };
    await Promise.all(Array.from({ length: settings.concurrency }, worker));
    await store.recordSource({
      source: `${base.origin} (online)`,
      importedAt: new Date().toISOString(),
      records: stats.advisories,
    });
    return ok(stats);
  } catch (error) {
    if (error instanceof OnlineError) return err(error.message);
    throw error;
  }
}

function uniqueQueries(packages: readonly InventoryPackage[]): Query[] {
  const seen = new Map<string, Query>();
  for (const p of packages) {
    const key = `${p.ecosystem}\u0000${p.name}\u0000${p.version}`;
    if (!seen.has(key))
      seen.set(key, { package: { ecosystem: p.ecosystem, name: p.name }, version: p.version });
  }
  return [...seen.values()];
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new Error('too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
