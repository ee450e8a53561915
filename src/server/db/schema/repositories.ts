/** @module Repositories connected to a client, and the audit runs made of them. */
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { clients, createdAt, credentials, updatedAt, users } from './core.ts';

export const repositories = pgTable(
  'repositories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** `path`: a folder on Keel's machine (owner only); `git`: a URL Keel clones. */
    kind: text('kind', { enum: ['path', 'git'] }).notNull(),
    /** The folder, or the URL without credentials. */
    location: text('location').notNull(),
    /** The access token, sealed in `credentials`; null when none. */
    credentialId: uuid('credential_id').references(() => credentials.id, { onDelete: 'set null' }),
    /** The token's last four characters, so people can tell tokens apart. Never more. */
    tokenHint: text('token_hint'),
    /** The user name git sends with the token (Bitbucket's `x-token-auth`); null: the default. */
    tokenUser: text('token_user'),
    /** Set by an owner: clones may reach private network addresses (a self-hosted forge). */
    allowPrivateNetwork: boolean('allow_private_network').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('repositories_client_location_key').on(t.clientId, t.location)],
);

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export const auditRuns = pgTable(
  'audit_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    repositoryId: uuid('repository_id')
      .notNull()
      .references(() => repositories.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['queued', 'running', 'succeeded', 'failed'] }).notNull(),
    trigger: text('trigger', { enum: ['manual', 'schedule'] }).notNull(),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    score: real('score'),
    level: text('level'),
    commit: text('commit'),
    /** Every check: id, title, risk, level, score, passed, summary. */
    checks: jsonb('checks').$type<unknown[]>().notNull().default([]),
    /** The worst findings (at most 20), with why it matters and how to fix. */
    topFindings: jsonb('top_findings').$type<unknown[]>().notNull().default([]),
    findingCount: integer('finding_count').notNull().default(0),
    /** The top hotspots (at most 10) and the share of all changes they take. */
    hotspots: jsonb('hotspots').$type<unknown[]>().notNull().default([]),
    hotspotShare: real('hotspot_share'),
    /** The engine's JSON report, trimmed when it is over the cap (see audits.service.ts). */
    report: jsonb('report').$type<Record<string, unknown>>(),
    isReportTrimmed: boolean('is_report_trimmed').notNull().default(false),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_runs_client_idx').on(t.clientId, t.createdAt),
    index('audit_runs_repository_idx').on(t.repositoryId, t.createdAt),
  ],
);
