/**
 * @module Monitor import: parse (Uptime Kuma JSON or Gatus YAML) → validate each mapped monitor
 * with the same schema and checks as the API → plan against the client's monitors by name
 * (create, update, unchanged, skip) → apply the plan in one transaction unless it is a dry run.
 * Matching by name makes a second import of the same file change nothing.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import { monitors } from '../../db/schema.ts';
import { AppError } from '../../http/app-error.ts';
import type { SsrfPolicy } from '../../net/ssrf.ts';
import { monitorInput, monitorTarget } from '../../../shared/monitoring.ts';
import type {
  ImportFormat,
  ImportReport,
  ImportedMonitor,
} from '../../../shared/monitor-import.ts';
import { checkTarget, createMonitor, updateMonitor } from '../monitors.service.ts';
import { moveUrlCredentials, openSecrets, withSecrets } from '../secret-headers.ts';
import { parseGatus } from './gatus.ts';
import { ImportInputError, type ParsedSource } from './types.ts';
import { parseUptimeKuma } from './uptime-kuma.ts';

const parsers: Record<ImportFormat, (content: string) => ParsedSource> = {
  'uptime-kuma': parseUptimeKuma,
  gatus: parseGatus,
};

/** JSON for Uptime Kuma backups, YAML (Gatus) otherwise. */
export function detectFormat(content: string, fileName?: string): ImportFormat {
  if (fileName && /\.json$/i.test(fileName)) return 'uptime-kuma';
  if (fileName && /\.ya?ml$/i.test(fileName)) return 'gatus';
  return content.trimStart().startsWith('{') ? 'uptime-kuma' : 'gatus';
}

/** Key order does not matter when comparing a stored target with an imported one. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** Credentials in an imported URL move into a sealed header (secret-headers.ts). */
function withUrlCredentialsMoved<T extends { target?: unknown }>(input: T): T {
  const target = input.target as { kind?: unknown; url?: unknown; headers?: unknown } | undefined;
  return target ? { ...input, target: moveUrlCredentials(target) } : input;
}

export async function importMonitors(options: {
  db: Db;
  /** Imported auth headers and basic auth are sealed like those entered through the API. */
  secretBox: AppContext['secretBox'];
  clientId: string;
  content: string;
  format?: ImportFormat | undefined;
  fileName?: string;
  dryRun: boolean;
  /** The SSRF policy a DNS monitor's resolver address is checked against. */
  policy?: SsrfPolicy | undefined;
}): Promise<ImportReport> {
  const { db, secretBox, clientId, dryRun, policy } = options;
  const format = options.format ?? detectFormat(options.content, options.fileName);
  const parsed = parsers[format](options.content);

  const seen = new Set<string>();
  const plan = parsed.candidates.map((c) => {
    const entry: ImportedMonitor & { input?: ReturnType<typeof monitorInput.parse> } = {
      name: c.name,
      source: c.source,
      sourceType: c.sourceType,
      kind: null,
      action: 'skip',
      issues: c.issues,
      ...(c.skipReason ? { reason: c.skipReason } : {}),
    };
    if (!c.input) return entry;
    if (seen.has(c.name))
      return { ...entry, reason: 'another monitor in this file has the same name' };
    seen.add(c.name);
    const result = monitorInput.safeParse(withUrlCredentialsMoved(c.input));
    if (!result.success) {
      const issue = result.error.issues[0]!;
      return { ...entry, reason: `${issue.path.join('.')}: ${issue.message}` };
    }
    try {
      checkTarget(result.data.target, 'target', policy);
    } catch (error) {
      if (error instanceof AppError) return { ...entry, reason: error.message };
      throw error;
    }
    return {
      ...entry,
      kind: result.data.target.kind,
      action: 'create' as const,
      input: result.data,
    };
  });

  const names = plan.filter((p) => p.input).map((p) => p.name);
  const existing = names.length
    ? await db
        .select()
        .from(monitors)
        .where(and(eq(monitors.clientId, clientId), inArray(monitors.name, names)))
    : [];
  const byName = new Map(existing.map((row) => [row.name, row]));
  const changes = new Map<(typeof plan)[number], Parameters<typeof updateMonitor>[0]['patch']>();
  for (const entry of plan) {
    const row = entry.input ? byName.get(entry.name) : undefined;
    if (!row || !entry.input) continue;
    entry.monitorId = row.id;
    if (row.kind !== entry.input.target.kind) {
      entry.action = 'skip';
      entry.reason = `a ${row.kind} monitor with this name already exists; rename one of them`;
      continue;
    }
    const raw = parsed.candidates.find((c) => c.source === entry.source)?.input ?? {};
    // The stored target holds masks; compare the imported one with the opened values.
    const stored = monitorTarget.safeParse(row.target);
    const current = stored.success
      ? withSecrets(stored.data, await openSecrets({ db, secretBox }, row.secretCredentialId))
      : row.target;
    const patch = {
      ...(canonical(current) !== canonical(entry.input.target)
        ? { target: entry.input.target }
        : {}),
      ...(row.intervalSeconds !== entry.input.intervalSeconds &&
      entry.input.target.kind !== 'heartbeat'
        ? { intervalSeconds: entry.input.intervalSeconds }
        : {}),
      ...('timeoutSeconds' in raw &&
      row.timeoutSeconds !== Math.min(entry.input.timeoutSeconds, entry.input.intervalSeconds)
        ? { timeoutSeconds: entry.input.timeoutSeconds }
        : {}),
      ...('retries' in raw && row.retries !== entry.input.retries
        ? { retries: entry.input.retries }
        : {}),
      ...(row.enabled !== entry.input.enabled ? { enabled: entry.input.enabled } : {}),
    };
    if (Object.keys(patch).length === 0) entry.action = 'unchanged';
    else {
      entry.action = 'update';
      changes.set(entry, patch);
    }
  }

  if (!dryRun)
    await db.transaction(async (tx) => {
      for (const entry of plan) {
        if (entry.action === 'create' && entry.input) {
          const created = await createMonitor({
            ctx: { db: tx, secretBox, policy },
            clientId,
            input: entry.input,
            field: 'target',
          });
          entry.monitorId = created.id;
          if (created.pingToken) entry.pingToken = created.pingToken;
        } else if (entry.action === 'update' && entry.monitorId) {
          await updateMonitor({
            ctx: { db: tx, secretBox, policy },
            clientId,
            monitorId: entry.monitorId,
            patch: changes.get(entry)!,
          });
        }
      }
    });

  const report = plan.map(({ input: _input, ...entry }) => entry);
  const count = (action: ImportedMonitor['action']) =>
    report.filter((r) => r.action === action).length;
  return {
    format,
    dryRun,
    monitors: report,
    notes: parsed.notes,
    counts: {
      create: count('create'),
      update: count('update'),
      unchanged: count('unchanged'),
      skip: count('skip'),
    },
  };
}

export { ImportInputError };
