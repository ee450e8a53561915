/** @module Engagements: an MVP sprint (fixed price range, paid per milestone) or a monthly retainer. */
import { index, integer, numeric, pgTable, text, date, uuid } from 'drizzle-orm/pg-core';
import { clients, createdAt, updatedAt } from './core.ts';

export const engagements = pgTable(
  'engagements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['mvp-sprint', 'retainer'] }).notNull(),
    title: text('title').notNull(),
    status: text('status', { enum: ['proposed', 'active', 'paused', 'done'] })
      .notNull()
      .default('proposed'),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    /** Required for an MVP sprint; a retainer may run open-ended. */
    endDate: date('end_date', { mode: 'string' }),
    /** ISO 4217 code; amounts below are whole units of it. */
    currency: text('currency').notNull(),
    priceMin: integer('price_min'),
    priceMax: integer('price_max'),
    monthlyFee: integer('monthly_fee'),
    hoursPerMonth: numeric('hours_per_month', { mode: 'number' }),
    terms: text('terms').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('engagements_client_idx').on(t.clientId, t.startDate)],
);
