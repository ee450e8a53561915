/**
 * @module The start-up pass that seals what an older version stored in plain in an HTTP
 * monitor's target: secret headers, secret query values, a user and password in the URL (see
 * `secret-headers.ts` and `secret-url.ts` for how they are sealed and masked).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { HttpTarget } from '../../shared/monitoring.ts';
import type { AppContext } from '../context.ts';
import { credentials, monitors } from '../db/schema.ts';
import {
  moveUrlCredentials,
  secretNames,
  splitSecrets,
  type SecretValues,
} from './secret-headers.ts';
import { hasPlainUrlSecrets, isMask, withUrlSecrets } from './secret-url.ts';

/**
 * Words of `isSecretParam` (`pass` covers password, `sig` signature), and `%` for a name that
 * JavaScript decodes before it looks: a query holding none of them holds no secret. Wider than
 * `isSecretParam`, never narrower; JavaScript decides on each row found. LIKE, not a regular
 * expression: 20,000 URLs cost 20 ms on PGlite, a regular expression five times that.
 */
const SECRET_QUERY_WORDS = [
  'token',
  'key',
  'secret',
  'pass',
  'auth',
  'session',
  'sig',
  'credential',
  'cookie',
  'pwd',
  'jwt',
  'hmac',
  '\\%',
].map((word) => `%${word}%`);

/**
 * The target with its URL credentials moved into headers when it holds secrets stored in plain
 * (headers, or query values), or null: nothing to seal, or masks without sealed values (a row
 * with no credential; those checks report it).
 */
function plainSecretsOf(stored: unknown, hasSealed: boolean): HttpTarget | null {
  const target = moveUrlCredentials({ ...(stored as HttpTarget) });
  if (typeof target.url !== 'string') return null;
  target.headers ??= {};
  target.secretHeaders ??= [];
  const masked = secretNames(target).filter((name) => isMask(String(target.headers[name])));
  const isPlain = secretNames(target).length > masked.length || hasPlainUrlSecrets(target.url);
  if (
    !isPlain ||
    (!hasSealed && (masked.length > 0 || withUrlSecrets(target.url, {}) === undefined))
  )
    return null;
  return target;
}

/**
 * Seals secrets stored in plain before they were sealed (rows older than this code, or written
 * by hand): secret headers, and secret query values (a monitor whose headers are sealed
 * already gets one new credential row with both), moving a user and password out of the URL
 * into a sealed header first. Runs at every start: a read-only pass picks the rows that need it
 * (a monitor with only harmless headers such as `Accept`, or a query with only `?page=2`, is
 * never locked), then 200 rows per transaction, each row locked and checked again, so two
 * processes starting together do not both seal it.
 */
export async function sealPlainMonitorSecrets(
  ctx: Pick<AppContext, 'db' | 'secretBox' | 'logger'>,
): Promise<number> {
  const url = sql`${monitors.target}->>'url'`;
  const prefiltered = await ctx.db
    .select({ id: monitors.id, target: monitors.target, sealed: monitors.secretCredentialId })
    .from(monitors)
    .where(
      and(
        eq(monitors.kind, 'http'),
        or(
          // Plain headers, or a user and password in the URL (moved out on save since; older
          // rows may hold one).
          sql`(${monitors.secretCredentialId} is null and (${monitors.target}->'headers' <> '{}'::jsonb or ${url} ~ '^[^/]*//[^/]*@'))`,
          // A query with a value and a secret-looking word, and no mask: a URL with a mask was
          // written by this version, which seals every secret value in it.
          sql`(${url} like '%?%=%' and strpos(${url}, '…') = 0 and lower(substr(${url}, strpos(${url}, '?'))) like any (array[${sql.join(
            SECRET_QUERY_WORDS.map((word) => sql`${word}`),
            sql`, `,
          )}]))`,
        ),
      ),
    );
  const candidates = prefiltered.filter((row) => plainSecretsOf(row.target, !!row.sealed));
  let sealed = 0;
  for (let i = 0; i < candidates.length; i += 200) {
    const chunk = candidates.slice(i, i + 200).map((c) => c.id);
    sealed += await ctx.db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(monitors)
        .where(inArray(monitors.id, chunk))
        .for('update');
      const oldIds = rows.flatMap((row) =>
        row.secretCredentialId ? [row.secretCredentialId] : [],
      );
      const old = new Map(
        oldIds.length > 0
          ? (await tx.select().from(credentials).where(inArray(credentials.id, oldIds))).map(
              (c) => [c.id, c],
            )
          : [],
      );
      const sealedRows: { id: string; target: HttpTarget; credential: string }[] = [];
      const values: (typeof credentials.$inferInsert)[] = [];
      for (const row of rows) {
        const target = plainSecretsOf(row.target, !!row.secretCredentialId);
        if (!target) continue;
        let split: ReturnType<typeof splitSecrets>;
        try {
          const credential = row.secretCredentialId ? old.get(row.secretCredentialId) : undefined;
          const previous = credential
            ? (JSON.parse(ctx.secretBox.open(credential.ciphertext, credential.id)) as SecretValues)
            : undefined;
          if (row.secretCredentialId && !previous) continue;
          split = splitSecrets(target, previous && { target: row.target, secrets: previous });
        } catch (error) {
          // A credential that cannot be opened, or a mask without its value: its checks say so.
          ctx.logger.warn({ err: error, monitorId: row.id }, 'monitor secrets left as they are');
          continue;
        }
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
      const replaced = rows
        .filter((row) => row.secretCredentialId && sealedRows.some((s) => s.id === row.id))
        .map((row) => row.secretCredentialId!);
      if (replaced.length > 0)
        await tx.delete(credentials).where(inArray(credentials.id, replaced));
      return sealedRows.length;
    });
  }
  if (sealed > 0) ctx.logger.info({ monitors: sealed }, 'sealed secret monitor values');
  return sealed;
}
