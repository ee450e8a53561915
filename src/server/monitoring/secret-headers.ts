/**
 * @module Secret headers of HTTP monitors (Authorization, Cookie, API keys, any header marked
 * secret) and, when marked `secretBody`, the request body (a login form): their values are
 * sealed together as one JSON object in `credentials` (the row id is the associated data), and
 * `monitors.target` keeps only a mask such as `Bearer ab…(41 chars)`. The API and the web form show the stored target as is, so the plain
 * value never leaves the server; a client that sends a mask back keeps the stored value. The
 * scheduler opens the values once per credential row (a new row on every change) and merges
 * them into the target at check time.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { isSecretHeader, type HttpTarget, type MonitorTarget } from '../../shared/monitoring.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { credentials, monitors } from '../db/schema.ts';
import { invalid } from '../http/app-error.ts';

export type SecretValues = Record<string, string>;
type Box = AppContext['secretBox'];

const MASK = /…\(\d+ chars\)$/;
/** The request body's key among the sealed values (no header name holds a colon). */
const BODY_KEY = ':body';

/**
 * `Bearer ab…(41 chars)`: the scheme word (Bearer, Basic, Token) and, for long values, the
 * first two characters, so two tokens can be told apart without showing either.
 */
export function maskSecret(value: string): string {
  const scheme = /^([A-Za-z][\w-]{1,20}) (?=\S)/.exec(value)?.[0] ?? '';
  const rest = value.slice(scheme.length);
  const shown = rest.length >= 20 ? rest.slice(0, 2) : '';
  return `${scheme}${shown}…(${value.length} chars)`;
}

export const isMask = (value: string) => MASK.test(value);

/** The names of a target's secret headers, as written. */
function secretNames(target: Pick<HttpTarget, 'headers' | 'secretHeaders'>): string[] {
  return Object.keys(target.headers).filter((name) =>
    isSecretHeader(name, target.secretHeaders ?? []),
  );
}

/**
 * Splits a target into what is stored in plain (secret values replaced by their masks) and
 * the secret values. A mask sent back keeps the previous value of that header; a mask that
 * matches nothing stored is refused, naming the header.
 */
export function splitSecrets(
  target: HttpTarget,
  previous?: { target: Record<string, unknown>; secrets: SecretValues },
  field = 'body.target',
): { target: HttpTarget; secrets: SecretValues } {
  const headers = { ...target.headers };
  const secrets: SecretValues = {};
  const oldHeaders = (previous?.target.headers ?? {}) as Record<string, string>;
  const oldByName = new Map(
    Object.entries(previous?.secrets ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const oldMaskByName = new Map(
    Object.entries(oldHeaders).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const names = secretNames(target);
  for (const [name, value] of Object.entries(headers))
    if (!names.includes(name) && isMask(value))
      throw invalid(
        `${field}.headers.${name}`,
        'is a masked value of a secret; enter the value again to store it in plain',
      );
  for (const name of names) {
    const value = headers[name]!;
    const lower = name.toLowerCase();
    if (isMask(value)) {
      const kept = oldByName.get(lower);
      if (kept === undefined || oldMaskByName.get(lower) !== value)
        throw invalid(
          `${field}.headers.${name}`,
          'is a masked value that matches no stored secret; enter the value again',
        );
      secrets[name] = kept;
    } else secrets[name] = value;
    headers[name] = maskSecret(secrets[name]);
  }
  let body = target.body;
  if (target.secretBody && body !== undefined) {
    const previousBody = previous?.secrets[BODY_KEY];
    if (isMask(body)) {
      if (previousBody === undefined || previous?.target.body !== body)
        throw invalid(
          `${field}.body`,
          'is a masked value that matches no stored body; enter the body again',
        );
      secrets[BODY_KEY] = previousBody;
    } else secrets[BODY_KEY] = body;
    body = maskSecret(secrets[BODY_KEY]);
  } else if (body !== undefined && isMask(body))
    throw invalid(`${field}.body`, 'is a masked value; enter the body again to store it in plain');
  return { target: { ...target, headers, ...(body !== undefined ? { body } : {}) }, secrets };
}

/** Seals a monitor's secret values in a new credentials row; null when there are none. */
export async function sealSecrets(
  options: { db: Db; secretBox: Box },
  clientId: string,
  label: string,
  secrets: SecretValues,
): Promise<string | null> {
  if (Object.keys(secrets).length === 0) return null;
  const id = randomUUID();
  await options.db.insert(credentials).values({
    id,
    clientId,
    kind: 'monitor-headers',
    label: `monitor ${label}`.slice(0, 200),
    ciphertext: options.secretBox.seal(JSON.stringify(secrets), id),
  });
  return id;
}

/** Opens one monitor's secret values ({} when it has none). */
export async function openSecrets(
  options: { db: Db; secretBox: Box },
  credentialId: string | null,
): Promise<SecretValues> {
  if (!credentialId) return {};
  const [row] = await options.db.select().from(credentials).where(eq(credentials.id, credentialId));
  return row ? (JSON.parse(options.secretBox.open(row.ciphertext, row.id)) as SecretValues) : {};
}

/** The target a check runs with: the masks replaced by the opened values. */
export function withSecrets(target: MonitorTarget, secrets: SecretValues | undefined) {
  if (target.kind !== 'http') return target;
  const headers = { ...target.headers };
  for (const name of secretNames(target)) {
    const value = secrets?.[name];
    if (value === undefined) return undefined;
    headers[name] = value;
  }
  if (target.secretBody && target.body !== undefined) {
    const body = secrets?.[BODY_KEY];
    if (body === undefined) return undefined;
    return { ...target, headers, body };
  }
  return { ...target, headers };
}

/**
 * What the scheduler keeps: opened values by credential id, so a check costs neither a query
 * nor a decryption. Ids of a batch that are not cached yet are read in one query.
 */
export function createSecretCache(ctx: Pick<AppContext, 'db' | 'secretBox' | 'logger'>) {
  const opened = new Map<string, SecretValues | null>();
  const MAX = 20_000;
  return {
    get: (id: string) => opened.get(id) ?? undefined,
    async load(ids: (string | null)[]) {
      const wanted = [...new Set(ids.filter((id): id is string => !!id))];
      let missing = wanted.filter((id) => !opened.has(id));
      if (missing.length === 0) return;
      // Full: start again, reading the whole batch (its checks look their values up next).
      if (opened.size + missing.length > MAX) {
        opened.clear();
        missing = wanted;
      }
      const rows = await ctx.db.select().from(credentials).where(inArray(credentials.id, missing));
      for (const row of rows) {
        try {
          opened.set(
            row.id,
            JSON.parse(ctx.secretBox.open(row.ciphertext, row.id)) as SecretValues,
          );
        } catch (error) {
          // The message names the key, never the value.
          ctx.logger.warn({ err: error, credentialId: row.id }, 'monitor secret cannot be opened');
          opened.set(row.id, null);
        }
      }
    },
  };
}

/**
 * `https://user:pass@host/` → the URL without them and `Authorization: Basic …` (unless the
 * target already sends one), to be sealed like any secret header: a URL is stored in plain, so
 * credentials never stay in it. Anything else comes back unchanged.
 */
export function moveUrlCredentials<T extends { kind?: unknown; url?: unknown; headers?: unknown }>(
  target: T,
): T {
  if (target.kind !== 'http' || typeof target.url !== 'string') return target;
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    return target;
  }
  if (!url.username && !url.password) return target;
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  const headers = { ...((target.headers as Record<string, string> | undefined) ?? {}) };
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'authorization'))
    headers.Authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  return { ...target, url: url.href, headers };
}

/**
 * The target with its URL credentials moved into headers when it holds secrets stored in plain,
 * or null: nothing to seal, or masks without their sealed values (those checks report it).
 */
function plainSecretsOf(stored: unknown): HttpTarget | null {
  const target = moveUrlCredentials({ ...(stored as HttpTarget) });
  target.headers ??= {};
  target.secretHeaders ??= [];
  const names = secretNames(target);
  if (names.length === 0 || names.some((name) => isMask(String(target.headers[name])))) return null;
  return target;
}

/**
 * Seals secret headers stored in plain before they were sealed (rows older than this code, or
 * written by hand), moving a user and password out of the URL into a sealed header first. Runs
 * at every start: a read-only pass picks the rows that need it (a monitor with only harmless
 * headers such as `Accept` is never locked), then 200 rows per transaction, each row locked and
 * checked again, so two processes starting together do not both seal it.
 */
export async function sealPlainSecretHeaders(
  ctx: Pick<AppContext, 'db' | 'secretBox' | 'logger'>,
): Promise<number> {
  const prefiltered = await ctx.db
    .select({ id: monitors.id, target: monitors.target })
    .from(monitors)
    .where(
      and(
        eq(monitors.kind, 'http'),
        // Plain headers, or a user and password in the URL (refused since; older rows may hold one).
        sql`(${monitors.target}->'headers' <> '{}'::jsonb or ${monitors.target}->>'url' ~ '^[^/]*//[^/]*@')`,
        isNull(monitors.secretCredentialId),
      ),
    );
  const candidates = prefiltered.filter((row) => plainSecretsOf(row.target) !== null);
  let sealed = 0;
  for (let i = 0; i < candidates.length; i += 200) {
    const chunk = candidates.slice(i, i + 200).map((c) => c.id);
    sealed += await ctx.db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(monitors)
        .where(and(inArray(monitors.id, chunk), isNull(monitors.secretCredentialId)))
        .for('update');
      const sealedRows: { id: string; target: HttpTarget; credential: string }[] = [];
      const values: (typeof credentials.$inferInsert)[] = [];
      for (const row of rows) {
        const target = plainSecretsOf(row.target);
        if (!target) continue;
        const split = splitSecrets(target);
        const id = randomUUID();
        values.push({
          id,
          clientId: row.clientId,
          kind: 'monitor-headers',
          label: `monitor ${row.name}`.slice(0, 200),
          ciphertext: ctx.secretBox.seal(JSON.stringify(split.secrets), id),
        });
        sealedRows.push({ id: row.id, target: split.target, credential: id });
      }
      if (values.length === 0) return 0;
      await tx.insert(credentials).values(values);
      for (const row of sealedRows)
        await tx
          .update(monitors)
          .set({ target: row.target, secretCredentialId: row.credential })
          .where(eq(monitors.id, row.id));
      return sealedRows.length;
    });
  }
  if (sealed > 0) ctx.logger.info({ monitors: sealed }, 'sealed secret monitor headers');
  return sealed;
}
