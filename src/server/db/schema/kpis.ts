/**
 * @module KPIs per client (target, direction, cadence), their readings (one per period, so a
 * repeated reading updates instead of duplicating) and proposed features scored against them.
 */
import {
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { clients, createdAt, updatedAt, users } from './core.ts';

export const kpis = pgTable(
  'kpis',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    unit: text('unit').notNull().default(''),
    direction: text('direction', { enum: ['higher', 'lower'] }).notNull(),
    target: doublePrecision('target').notNull(),
    cadence: text('cadence', { enum: ['daily', 'weekly', 'monthly'] }).notNull(),
    description: text('description').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('kpis_client_name_key').on(t.clientId, sql`lower(${t.name})`)],
);

export const kpiReadings = pgTable(
  'kpi_readings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kpiId: uuid('kpi_id')
      .notNull()
      .references(() => kpis.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    /** First day of the KPI's period (the day, the ISO week's Monday, the month's first). */
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    value: doublePrecision('value').notNull(),
    note: text('note').notNull().default(''),
    /** Where the number came from: `ui`, `api`, or what the caller said (`stripe-export`). */
    source: text('source').notNull().default('ui'),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('kpi_readings_period_key').on(t.kpiId, t.periodStart),
    index('kpi_readings_client_idx').on(t.clientId, t.periodStart),
  ],
);

export const features = pgTable(
  'features',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    kpiId: uuid('kpi_id').references(() => kpis.id, { onDelete: 'set null' }),
    expectedEffect: doublePrecision('expected_effect').notNull().default(0),
    effectUnit: text('effect_unit', { enum: ['percent', 'absolute'] })
      .notNull()
      .default('percent'),
    confidence: text('confidence', { enum: ['low', 'medium', 'high'] }).notNull(),
    effortDays: doublePrecision('effort_days').notNull(),
    risk: text('risk', { enum: ['low', 'medium', 'high'] }).notNull(),
    newDependencies: integer('new_dependencies').notNull().default(0),
    runningCostPerMonth: doublePrecision('running_cost_per_month').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('features_client_idx').on(t.clientId)],
);
