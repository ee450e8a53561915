/**
 * @module Service level objectives per client: one monitor or a group, a target and a rolling
 * window; the burn level last alerted on, so each burn episode alerts once and clears once.
 */
import { sql } from 'drizzle-orm';
import {
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { clients, createdAt, updatedAt } from './core.ts';

export const slos = pgTable(
  'slos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The monitors whose checks count (all of the client's; checked by the service). */
    monitorIds: uuid('monitor_ids').array().notNull(),
    targetPercent: doublePrecision('target_percent').notNull(),
    windowDays: integer('window_days').notNull().default(30),
    /** ok | warn | page: the level of the current burn episode (shared/slo.ts burnLevel). */
    burnLevel: text('burn_level', { enum: ['ok', 'warn', 'page'] })
      .notNull()
      .default('ok'),
    burnChangedAt: timestamp('burn_changed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('slos_client_idx').on(t.clientId, t.name),
    index('slos_burning_idx')
      .on(t.clientId)
      .where(sql`${t.burnLevel} <> 'ok'`),
  ],
);
