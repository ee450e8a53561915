/**
 * @module Decisions: architecture decision records per client (numbered ADR-0001…, every MADR 4
 * field, supersede links) and decisions needed (open questions for the founder, with a due date).
 */
import {
  type AnyPgColumn,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Adr } from '../../../engines/adr/types.ts';
import { clients, createdAt, updatedAt, users } from './core.ts';

export const decisions = pgTable(
  'decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    status: text('status', {
      enum: ['proposed', 'accepted', 'rejected', 'deprecated', 'superseded'],
    }).notNull(),
    date: date('date', { mode: 'string' }),
    supersededById: uuid('superseded_by_id').references((): AnyPgColumn => decisions.id, {
      onDelete: 'set null',
    }),
    /** The whole record in the ADR engine's model (number, title, status mirrored above). */
    record: jsonb('record').$type<Adr>().notNull(),
    /** The file it was imported from (`docs/decisions/0003-use-x.md`), to match on re-import. */
    sourcePath: text('source_path'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('decisions_client_number_key').on(t.clientId, t.number),
    index('decisions_superseded_by_idx').on(t.supersededById),
  ],
);

export const decisionsNeeded = pgTable(
  'decisions_needed',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    question: text('question').notNull(),
    context: text('context').notNull().default(''),
    options: jsonb('options').$type<string[]>().notNull(),
    recommendation: text('recommendation'),
    reason: text('reason').notNull().default(''),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    state: text('state', { enum: ['open', 'answered', 'withdrawn'] })
      .notNull()
      .default('open'),
    answer: text('answer'),
    answerNote: text('answer_note').notNull().default(''),
    answeredBy: uuid('answered_by').references(() => users.id, { onDelete: 'set null' }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    decisionId: uuid('decision_id').references(() => decisions.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('decisions_needed_client_idx').on(t.clientId, t.state, t.dueDate)],
);
