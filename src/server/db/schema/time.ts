/** @module The time log: hours per client and (optionally) engagement. */
import { boolean, date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { clients, createdAt, updatedAt, users } from './core.ts';
import { engagements } from './engagements.ts';

export const timeEntries = pgTable(
  'time_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    engagementId: uuid('engagement_id').references(() => engagements.id, {
      onDelete: 'set null',
    }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    date: date('date', { mode: 'string' }).notNull(),
    /** Whole minutes (hours × 60): sums stay exact. */
    minutes: integer('minutes').notNull(),
    note: text('note').notNull().default(''),
    billable: boolean('billable').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('time_entries_client_date_idx').on(t.clientId, t.date),
    index('time_entries_engagement_date_idx').on(t.engagementId, t.date),
  ],
);
