/**
 * @module Test helpers for one monitor: make it due and run one scheduler pass to the end, and
 * read everything stored about it (its row and every sealed credential), to look for a secret.
 */
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../src/server/context.ts';
import { credentials, monitors } from '../../../src/server/db/schema.ts';
import { createMonitorScheduler } from '../../../src/server/monitoring/scheduler.ts';

/** Runs the monitor's check once, now, and returns its row afterwards. */
export async function checkOnce(ctx: AppContext, monitorId: string) {
  await ctx.db
    .update(monitors)
    .set({ nextRunAt: sql`now()` })
    .where(eq(monitors.id, monitorId));
  const scheduler = createMonitorScheduler(ctx);
  await scheduler.tick();
  await scheduler.idle();
  await scheduler.stop();
  const [row] = await ctx.db.select().from(monitors).where(eq(monitors.id, monitorId));
  return row!;
}

/** The monitor's row and every credential row, as one string. */
export async function storedText(ctx: AppContext, monitorId: string) {
  const [row] = await ctx.db.select().from(monitors).where(eq(monitors.id, monitorId));
  const creds = await ctx.db.select().from(credentials);
  return JSON.stringify({ row, creds });
}
