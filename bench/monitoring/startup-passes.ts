// What the two start-up sealing passes cost on every start once there is nothing left to seal:
// N HTTP monitors (a quarter carry only non-secret headers such as `Accept`, so they stay
// candidates, a quarter carry a sealed `Authorization`) and N/10 sealed webhook channels. The
// baseline, run in the same script on the same database, is the migration check every start
// already makes (`migrateDatabase` with nothing to apply). Also reports the first start after an
// upgrade, when all the quarter with plain `Authorization` headers are sealed.
// Usage: npx tsx bench/monitoring/startup-passes.ts [pglite|postgres] [monitors=20000]
//   postgres uses TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) and
//   drops and recreates a scratch database named keel_bench_startup.
import pg from 'pg';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { sealPlainWebhookUrls } from '../../src/server/monitoring/channel-secrets.ts';
import { sealPlainMonitorSecrets } from '../../src/server/monitoring/seal-plain-secrets.ts';
import { benchContext, insertMonitors, machineNote, quantile } from './scheduler-kit.ts';

const kind = process.argv[2] ?? 'pglite';
const total = Number(process.argv[3] ?? 20000);
const RUNS = 7;

async function open(): Promise<Database> {
  if (kind === 'pglite') return openDatabase({ kind: 'pglite-memory' });
  if (kind !== 'postgres') throw new Error(`unknown database "${kind}": use pglite or postgres`);
  const admin = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query('drop database if exists keel_bench_startup');
  await client.query('create database keel_bench_startup');
  await client.end();
  const url = new URL(admin);
  url.pathname = '/keel_bench_startup';
  return openDatabase({ kind: 'postgres', url: url.toString() });
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const database = await open();
await migrateDatabase(database);
const ctx = benchContext(database);
await insertMonitors(ctx, {
  n: total,
  url: 'http://127.0.0.1:9/',
  intervalSeconds: 60,
  nextRunAt: () => null,
});
// Quarters by row number: plain secret header, harmless header only, none, none.
await database.query(
  `update monitors set target = jsonb_set(target, '{headers}', jsonb_build_object('Authorization', 'Bearer tok_' || replace(id::text, '-', '')))
     where (substr(name, 2))::int % 4 = 0`,
);
await database.query(
  `update monitors set target = jsonb_set(target, '{headers}', '{"Accept": "application/json"}'::jsonb)
     where (substr(name, 2))::int % 4 = 1`,
);
const [{ id: clientId } = { id: '' }] = (
  await database.query<{ id: string }>(`select id from clients limit 1`)
).rows;
const channels = Math.max(1, Math.round(total / 10));
await database.query(
  `insert into alert_channels (client_id, name, kind, config)
     select $1, 'hook ' || g, 'webhook', jsonb_build_object('url', 'https://hooks.example.com/services/T0/B' || g || '/secretpart')
     from generate_series(1, $2) g`,
  [clientId, channels],
);

const firstStart = {
  headersMs: await timed(() => sealPlainMonitorSecrets(ctx)),
  webhooksMs: await timed(() => sealPlainWebhookUrls(ctx)),
};
const { rows: left } = await database.query<{ n: number }>(
  `select count(*)::int as n from monitors where secret_credential_id is null and target->'headers' ? 'Authorization'`,
);
if (left[0]!.n !== 0)
  throw new Error(`${left[0]!.n} monitors still hold a plain Authorization header`);

const passes: number[] = [];
const migrations: number[] = [];
for (let i = 0; i < RUNS; i++) {
  migrations.push(await timed(() => migrateDatabase(database)));
  passes.push(
    await timed(async () => {
      const sealed = (await sealPlainMonitorSecrets(ctx)) + (await sealPlainWebhookUrls(ctx));
      if (sealed !== 0) throw new Error(`a later start sealed ${sealed} rows again`);
    }),
  );
}
await database.close();

const median = (xs: number[]) => quantile(xs, 0.5);
console.log(
  JSON.stringify(
    {
      database: kind,
      monitors: total,
      webhookChannels: channels,
      firstStartAfterUpgrade: {
        sealedMonitors: Math.ceil(total / 4),
        headersMs: Math.round(firstStart.headersMs),
        webhooksMs: Math.round(firstStart.webhooksMs),
      },
      everyStart: {
        passesMedianMs: Math.round(median(passes) * 10) / 10,
        baselineNoOpMigrationMedianMs: Math.round(median(migrations) * 10) / 10,
        ratio: Math.round((median(passes) / median(migrations)) * 100) / 100,
      },
      machine: machineNote(),
    },
    null,
    2,
  ),
);
