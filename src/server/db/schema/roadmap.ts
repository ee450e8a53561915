/**
 * @module Scoping and roadmap: the scoping workshop record (constraints), user paths with
 * priorities, risks in business terms, and milestones with acceptance criteria and a price share.
 */
import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { clients, createdAt, updatedAt } from './core.ts';
import { engagements } from './engagements.ts';

export interface ScopingConstraint {
  kind: 'growth' | 'hiring' | 'compliance' | 'budget' | 'other';
  text: string;
}

/** One scoping workshop record per client. */
export const scopings = pgTable('scopings', {
  clientId: uuid('client_id')
    .primaryKey()
    .references(() => clients.id, { onDelete: 'cascade' }),
  workshopDate: date('workshop_date', { mode: 'string' }),
  summary: text('summary').notNull().default(''),
  constraints: jsonb('constraints').$type<ScopingConstraint[]>().notNull().default([]),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const userPaths = pgTable(
  'user_paths',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    who: text('who').notNull(),
    goal: text('goal').notNull(),
    steps: jsonb('steps').$type<string[]>().notNull().default([]),
    priority: text('priority', { enum: ['must', 'should', 'could', 'wont'] }).notNull(),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('user_paths_client_idx').on(t.clientId, t.position)],
);

export const risks = pgTable(
  'risks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    likelihood: text('likelihood', { enum: ['low', 'medium', 'high'] }).notNull(),
    impact: text('impact', { enum: ['low', 'medium', 'high'] }).notNull(),
    mitigation: text('mitigation').notNull().default(''),
    status: text('status', { enum: ['open', 'mitigated', 'accepted', 'closed'] })
      .notNull()
      .default('open'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('risks_client_idx').on(t.clientId)],
);

export interface AcceptanceCriterion {
  text: string;
  met: boolean;
}

export const milestones = pgTable(
  'milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    engagementId: uuid('engagement_id').references(() => engagements.id, {
      onDelete: 'set null',
    }),
    title: text('title').notNull(),
    acceptance: jsonb('acceptance').$type<AcceptanceCriterion[]>().notNull().default([]),
    /** The date it is due now; moving it does not move the planned date. */
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    /**
     * The first due date it was given (the plan slip is measured against). Set on create; only
     * an explicit re-baseline by the owner changes it.
     */
    plannedDate: date('planned_date', { mode: 'string' }).notNull(),
    /** When the owner last re-baselined it (planned date set to the due date); null if never. */
    replannedAt: timestamp('replanned_at', { withTimezone: true }),
    /** The actual date it was done. */
    doneDate: date('done_date', { mode: 'string' }),
    /** Share of the engagement's price, in percent… */
    pricePercent: numeric('price_percent', { mode: 'number' }),
    /** …or a fixed amount in the engagement's currency. */
    priceAmount: integer('price_amount'),
    status: text('status', { enum: ['planned', 'in-progress', 'done', 'cancelled'] })
      .notNull()
      .default('planned'),
    userPathIds: jsonb('user_path_ids').$type<string[]>().notNull().default([]),
    /** KPI ids (the KPI domain); kept as plain ids so the two domains stay apart. */
    kpiIds: jsonb('kpi_ids').$type<string[]>().notNull().default([]),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('milestones_client_idx').on(t.clientId, t.dueDate),
    index('milestones_open_due_idx')
      .on(t.dueDate)
      .where(sql`${t.status} in ('planned', 'in-progress')`),
  ],
);
