/**
 * @module Monitoring tables: monitors (with their durable next-run time and lease), raw results,
 * rollups, incidents and their timelines, alert channels and the alert outbox.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
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
/** Binary data: a Buffer from node-postgres, a Uint8Array from PGlite. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

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
    /**
     * HTTP monitors: the secret headers' values as a JSON object, sealed in `credentials`
     * (`target.headers` holds only their masks). A new row on every change, so the id names
     * a version (the scheduler caches opened values by it).
     */
    secretCredentialId: uuid('secret_credential_id').references(() => credentials.id, {
      onDelete: 'set null',
    }),
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
    /** Heartbeats: the last ping that said the job succeeded (a backup's age counts from it). */
    lastSuccessAt: ts('last_success_at'),
    lastStartAt: ts('last_start_at'),
    lastRunMs: integer('last_run_ms'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('monitors_client_idx').on(t.clientId, t.name),
    // The monitor list's order (down first, then by name; monitors.service.ts `listMonitors`), so a
    // page of 50 out of thousands is read from the index without sorting the client's monitors.
    index('monitors_list_idx').on(
      t.clientId,
      sql`(case ${t.status} when 'down' then 0 when 'degraded' then 1 when 'pending' then 2 else 3 end)`,
      t.name,
    ),
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
    /**
     * When the row was written (the transaction's start). The rollup takes rows by this, not by
     * `at`, so a result written late (a slow check across a minute boundary, a worker that
     * buffered through a database outage) still lands in its own minute. Rows from before this
     * column hold '-infinity' (rollups.ts reads those by `at`, as it did then).
     */
    recordedAt: ts('recorded_at').notNull().defaultNow(),
  },
  (t) => [
    index('monitor_results_monitor_at_idx').on(t.monitorId, t.at),
    // Rows arrive in time order, so BRIN indexes (a few pages) serve the rollup's and the
    // retention's time ranges; a B-tree cost ~22 bytes per result (bench/monitoring/storage.ts).
    index('monitor_results_at_brin').using('brin', t.at),
    index('monitor_results_recorded_brin').using('brin', t.recordedAt),
  ],
);

/**
 * Raw results older than a couple of hours, packed one row per monitor and hour (pack.ts): the
 * same fields, column by column, deflated. About 60 results at a 60 s interval fit in well under
 * a kilobyte where they took ~225 bytes each as rows. Kept `KEEL_MONITOR_RAW_RETENTION_DAYS`.
 */
export const monitorResultHours = pgTable(
  'monitor_result_hours',
  {
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    hour: ts('hour').notNull(),
    results: integer('results').notNull(),
    failures: integer('failures').notNull(),
    /** result-pack.ts `encodePackedResults`. */
    data: bytea('data').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.monitorId, t.hour] }),
    index('monitor_result_hours_hour_idx').on(t.hour),
  ],
);

/**
 * Per minute, hour and day: counts and a latency histogram (fixed log-spaced buckets, see
 * rollups.ts), so percentiles of a week or a year merge from the parts without raw results.
 * The histogram is stored sparse (`encodeHistogram`: the non-empty buckets only), as most of the
 * 23 buckets of a monitor's hour or day are empty.
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
    /** rollups.ts `encodeHistogram`; empty for minute rows (counts only). */
    buckets: bytea('buckets')
      .notNull()
      .default(sql`'\\x'::bytea`),
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
    /** A down alert held back by a maintenance window, to send if still down when it ends. */
    alertMutedAt: ts('alert_muted_at'),
    /** For the public status page; the cause and root cause stay internal. */
    publicTitle: text('public_title'),
    publicNote: text('public_note').notNull().default(''),
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
    /** dropped: a retried down/reminder alert whose incident ended first (never sent). */
    state: text('state', { enum: ['queued', 'sent', 'failed', 'dropped'] })
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

/** How far raw results have been rolled up (row `main`) and packed per hour (row `pack`). */
export const monitorRollupState = pgTable('monitor_rollup_state', {
  id: text('id').primaryKey(),
  rolledUntil: ts('rolled_until').notNull(),
});

/**
 * Maintenance windows: while one is active, alerts of the monitors it covers are muted (checks
 * still run). `schedule` is the validated `maintenanceSchedule` (shared/status-pages.ts):
 * one-off, weekly or cron, each in an IANA time zone. An empty `monitorIds` covers every
 * monitor of the client.
 */
export const maintenanceWindows = pgTable(
  'maintenance_windows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    /** Shown on the public status page. */
    name: text('name').notNull(),
    schedule: jsonb('schedule').$type<Record<string, unknown>>().notNull(),
    monitorIds: uuid('monitor_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('maintenance_windows_client_idx').on(t.clientId)],
);

/** One public status page per client, off until the owner turns it on. */
export const statusPages = pgTable('status_pages', {
  clientId: uuid('client_id')
    .primaryKey()
    .references(() => clients.id, { onDelete: 'cascade' }),
  enabled: boolean('enabled').notNull().default(false),
  /** The public path is `/status/<slug>`. */
  slug: text('slug').notNull().unique(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** The monitors shown on a status page, each under a public display name. */
export const statusPageComponents = pgTable(
  'status_page_components',
  {
    clientId: uuid('client_id')
      .notNull()
      .references(() => statusPages.clientId, { onDelete: 'cascade' }),
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    displayName: text('display_name').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.monitorId] })],
);
