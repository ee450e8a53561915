/**
 * @module Monitoring tables: monitors (with their durable next-run time and lease), raw results,
 * rollups, incidents and their timelines, alert channels and the alert outbox.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { clients, createdAt, credentials, updatedAt, users } from './core.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const monitors = pgTable(
  'monitors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['http', 'tcp', 'dns', 'tls', 'heartbeat'] }).notNull(),
    /** The validated target (shared/monitoring.ts `monitorTarget`). */
    target: jsonb('target').$type<Record<string, unknown>>().notNull(),
    intervalSeconds: integer('interval_seconds').notNull(),
    expertInterval: boolean('expert_interval').notNull().default(false),
    timeoutSeconds: integer('timeout_seconds').notNull(),
    retries: integer('retries').notNull(),
    recoveries: integer('recoveries').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    isPublic: boolean('is_public').notNull().default(false),
    status: text('status', { enum: ['pending', 'up', 'degraded', 'down', 'paused'] })
      .notNull()
      .default('pending'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    consecutiveSuccesses: integer('consecutive_successes').notNull().default(0),
    /** When the current run of failures began (the incident's first failure). */
    failingSince: ts('failing_since'),
    firstFailureMessage: text('first_failure_message'),
    /** Status changes in the last hour, for flap damping. */
    recentChanges: jsonb('recent_changes').$type<string[]>().notNull().default([]),
    isFlapping: boolean('is_flapping').notNull().default(false),
    statusChangedAt: ts('status_changed_at'),
    lastCheckedAt: ts('last_checked_at'),
    lastLatencyMs: real('last_latency_ms'),
    lastMessage: text('last_message'),
    lastFault: text('last_fault'),
    /** The scheduler's durable clock: when the next check is due (heartbeats: the deadline). */
    nextRunAt: ts('next_run_at'),
    /** Who holds the monitor while its check runs, and until when (a dead worker's lease lapses). */
    leasedBy: text('leased_by'),
    leaseUntil: ts('lease_until'),
    /** Heartbeats: sha256 of the secret ping token. */
    pingTokenHash: text('ping_token_hash').unique(),
    lastPingAt: ts('last_ping_at'),
    lastStartAt: ts('last_start_at'),
    lastRunMs: integer('last_run_ms'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('monitors_client_idx').on(t.clientId, t.name),
    index('monitors_due_idx')
      .on(t.nextRunAt)
      .where(sql`${t.enabled}`),
  ],
);

export const monitorResults = pgTable(
  'monitor_results',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    at: ts('at').notNull().defaultNow(),
    /** When it was due; `at - due_at` is the scheduler's lag. */
    dueAt: ts('due_at'),
    ok: boolean('ok').notNull(),
    status: text('status').notNull(),
    fault: text('fault'),
    message: text('message').notNull(),
    statusCode: integer('status_code'),
    dnsMs: real('dns_ms'),
    connectMs: real('connect_ms'),
    tlsMs: real('tls_ms'),
    firstByteMs: real('first_byte_ms'),
    totalMs: real('total_ms'),
    runBy: text('run_by'),
  },
  (t) => [
    index('monitor_results_monitor_at_idx').on(t.monitorId, t.at),
    index('monitor_results_at_idx').on(t.at),
  ],
);

/**
 * Per minute, hour and day: counts and a latency histogram (fixed log-spaced buckets, see
 * rollups.ts), so percentiles of a week or a year merge from the parts without raw results.
 */
export const monitorRollups = pgTable(
  'monitor_rollups',
  {
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    grain: text('grain', { enum: ['minute', 'hour', 'day'] }).notNull(),
    start: ts('start').notNull(),
    checks: integer('checks').notNull(),
    failures: integer('failures').notNull(),
    latencySumMs: doublePrecision('latency_sum_ms').notNull().default(0),
    histogram: integer('histogram').array().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.monitorId, t.grain, t.start] }),
    index('monitor_rollups_start_idx').on(t.grain, t.start),
  ],
);

export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    openedAt: ts('opened_at').notNull().defaultNow(),
    resolvedAt: ts('resolved_at'),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id, { onDelete: 'set null' }),
    /** The failure that opened it, in words. */
    cause: text('cause').notNull(),
    /** What the team found, written after the fact. */
    rootCause: text('root_cause').notNull().default(''),
    lastReminderAt: ts('last_reminder_at'),
  },
  (t) => [
    index('incidents_client_idx').on(t.clientId, t.openedAt),
    index('incidents_open_idx')
      .on(t.monitorId)
      .where(sql`${t.resolvedAt} is null`),
  ],
);

export const incidentEvents = pgTable(
  'incident_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    at: ts('at').notNull().defaultNow(),
    kind: text('kind').notNull(),
    message: text('message').notNull(),
  },
  (t) => [index('incident_events_incident_idx').on(t.incidentId, t.at)],
);

export const alertChannels = pgTable(
  'alert_channels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['email', 'webhook'] }).notNull(),
    name: text('name').notNull(),
    /** email: { to }; webhook: { url, format }. */
    config: jsonb('config').$type<Record<string, unknown>>().notNull(),
    /** Webhooks: the HMAC signing secret, sealed in the credentials table. */
    secretCredentialId: uuid('secret_credential_id').references(() => credentials.id, {
      onDelete: 'set null',
    }),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('alert_channels_client_idx').on(t.clientId)],
);

/** Alerts to deliver: stored with the state change, sent by a job, so checks never wait on them. */
export const alertDeliveries = pgTable(
  'alert_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => alertChannels.id, { onDelete: 'cascade' }),
    incidentId: uuid('incident_id').references(() => incidents.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    state: text('state', { enum: ['queued', 'sent', 'failed'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: ts('sent_at'),
    /** ms from the state change to the receiver's 2xx (alert latency). */
    latencyMs: bigint('latency_ms', { mode: 'number' }),
  },
  (t) => [index('alert_deliveries_channel_idx').on(t.channelId, t.createdAt)],
);

/** How far raw results have been rolled up (one row). */
export const monitorRollupState = pgTable('monitor_rollup_state', {
  id: text('id').primaryKey(),
  rolledUntil: ts('rolled_until').notNull(),
});
