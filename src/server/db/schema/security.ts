/** @module Security scans (secrets, dependencies), their findings, and the posture checklist. */
import {
  date,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { clients, createdAt, updatedAt, users } from './core.ts';
import { repositories } from './repositories.ts';

export const scanRuns = pgTable(
  'scan_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    repositoryId: uuid('repository_id')
      .notNull()
      .references(() => repositories.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['secrets', 'deps'] }).notNull(),
    status: text('status', { enum: ['queued', 'running', 'succeeded', 'failed'] }).notNull(),
    trigger: text('trigger', { enum: ['manual', 'schedule'] }).notNull(),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    /** Counts: found, new, reopened, fixed; and what the scan skipped or warned about. */
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull().default({}),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('scan_runs_client_idx').on(t.clientId, t.createdAt)],
);

export const securityFindings = pgTable(
  'security_findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    repositoryId: uuid('repository_id')
      .notNull()
      .references(() => repositories.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['secret', 'dependency'] }).notNull(),
    /** The engine's fingerprint: one row per finding whatever the number of scans. */
    fingerprint: text('fingerprint').notNull(),
    severity: text('severity', {
      enum: ['critical', 'high', 'medium', 'low', 'unknown'],
    }).notNull(),
    title: text('title').notNull(),
    /** Where and what, masked: never the secret itself. */
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status', { enum: ['open', 'fixed', 'accepted'] }).notNull(),
    acceptedReason: text('accepted_reason'),
    acceptedUntil: date('accepted_until'),
    acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    fixedAt: timestamp('fixed_at', { withTimezone: true }),
    /** When the owners were told about it (critical findings, once). */
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('security_findings_key').on(t.repositoryId, t.kind, t.fingerprint),
    index('security_findings_client_idx').on(t.clientId, t.status),
  ],
);

/** Manual answers to the posture checklist; evidence-based answers are computed on read. */
export const postureAnswers = pgTable(
  'posture_answers',
  {
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    itemKey: text('item_key').notNull(),
    status: text('status', { enum: ['yes', 'partial', 'no', 'n/a'] }).notNull(),
    evidenceUrl: text('evidence_url'),
    owner: text('owner'),
    dueDate: date('due_date'),
    note: text('note').notNull().default(''),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.itemKey] })],
);
