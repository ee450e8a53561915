/**
 * @module Secrets of HTTP monitors: secret headers (Authorization, Cookie, API keys, any header
 * marked secret), the request body when marked `secretBody` (a login form), and the values of
 * secret query parameters in the URL (`?apikey=`, `?token=`…, see `secret-url.ts`). Their values
 * are sealed together as one JSON object in `credentials` (the row id is the associated data;
 * keys are the header names, `:body`, and `?apikey` for a parameter, which no header name can
 * take), and `monitors.target` keeps only masks such as `Bearer ab…(41 chars)` or
 * `?apikey=ab…(41 chars)`. The API and the web form show the stored target as is, so the plain
 * value never leaves the server; a client that sends a mask back keeps the stored value. A user
 * and password in the URL move into a sealed `Authorization: Basic` header. The scheduler opens
 * the values once per credential row (a new row on every change), merges them into the target
 * at check time, and takes them out of the check's message.
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { isSecretHeader, type HttpTarget, type MonitorTarget } from '../../shared/monitoring.ts';
import { isMask, splitUrlSecrets, withUrlSecrets } from './secret-url.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { credentials } from '../db/schema.ts';
import { invalid } from '../http/app-error.ts';

export type SecretValues = Record<string, string>;
type Box = AppContext['secretBox'];

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

export { isMask };

/** The names of a target's secret headers, as written. */
export function secretNames(target: Pick<HttpTarget, 'headers' | 'secretHeaders'>): string[] {
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
  const url = splitUrlSecrets(
    target.url,
    previous && { url: previous.target.url, secrets: previous.secrets },
    field,
  );
  Object.assign(secrets, url.secrets);
  return {
    target: { ...target, url: url.url, headers, ...(body !== undefined ? { body } : {}) },
    secrets,
  };
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
  const url = withUrlSecrets(target.url, secrets);
  if (url === undefined) return undefined;
  const headers = { ...target.headers };
  for (const name of secretNames(target)) {
    const value = secrets?.[name];
    if (value === undefined) return undefined;
    headers[name] = value;
  }
  if (target.secretBody && target.body !== undefined) {
    const body = secrets?.[BODY_KEY];
    if (body === undefined) return undefined;
    return { ...target, url, headers, body };
  }
  return { ...target, url, headers };
}

/**
 * A check's message with every opened value taken out (`…`), as written and decoded, and a
 * header's value without its scheme: a server may echo the URL or a redirect may carry it.
 * Values shorter than 4 characters are left, so that "200" in a message stays readable.
 */
export function scrubSecrets(message: string, secrets: SecretValues | undefined): string {
  if (!secrets) return message;
  const values = new Set<string>();
  for (const value of Object.values(secrets)) {
    values.add(value);
    values.add(value.replace(/^[A-Za-z][\w-]{1,20} (?=\S)/, ''));
    try {
      values.add(decodeURIComponent(value.replace(/\+/g, ' ')));
    } catch {
      // Not URL-encoded: the value as written is enough.
    }
  }
  let scrubbed = message;
  for (const value of [...values].sort((a, b) => b.length - a.length))
    if (value.length >= 4) scrubbed = scrubbed.split(value).join('…');
  return scrubbed;
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
