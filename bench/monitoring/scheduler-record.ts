// What recording costs on the embedded database, per check, by batch size: M monitors leased
// by one holder, their outcomes written with `recordBatch` in batches of 1, 5, 20 and 100
// (1 is the old one-transaction-per-check path). CPU time, not wall time, so the figure holds
// on a busy machine. Usage: npx tsx bench/monitoring/scheduler-record.ts [checks=2000]
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { monitors } from '../../src/server/db/schema.ts';
import { recordBatch } from '../../src/server/monitoring/record-batch.ts';
import { benchContext, insertMonitors, machineNote } from './scheduler-kit.ts';

const checks = Number(process.argv[2] ?? 2000);
const database = await openDatabase({ kind: 'pglite-memory' });
await migrateDatabase(database);
const ctx = benchContext(database);
const ids = await insertMonitors(ctx, {
  n: checks,
  url: 'http://127.0.0.1:9/',
  intervalSeconds: 30,
  nextRunAt: () => new Date(),
});
const figures: Record<string, unknown>[] = [];
for (const size of [1, 5, 20, 100]) {
  await ctx.db.update(monitors).set({ leasedBy: 'bench' });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < ids.length; i += size)
    await recordBatch(
      ctx,
      ids.slice(i, i + size).map((monitorId) => ({
        monitorId,
        holder: 'bench',
        outcome: {
          status: 'up' as const,
          message: 'HTTP 200',
          statusCode: 200,
          timings: { totalMs: 3 },
        },
        dueAt: new Date(),
        nextRunAt: new Date(Date.now() + 30_000),
        at: new Date(),
      })),
    );
  const cpu = process.cpuUsage(cpu0);
  figures.push({
    batch: size,
    cpuMsPerCheck: +((cpu.user + cpu.system) / 1000 / ids.length).toFixed(3),
    wallMsPerCheck: +((performance.now() - t0) / ids.length).toFixed(3),
  });
}
console.log(JSON.stringify({ checks, figures, machineAtStart: machineNote() }));
await database.close();
