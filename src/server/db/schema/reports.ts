/** @module Weekly founder reports: each client's schedule, and every report that was sent. */
import {
  bigint,
  boolean,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { clients, createdAt, updatedAt, users } from './core.ts';
import { outbox } from './mail.ts';

export const reportSchedules = pgTable('report_schedules', {
  clientId: uuid('client_id')
    .primaryKey()
    .references(() => clients.id, { onDelete: 'cascade' }),
  enabled: boolean('enabled').notNull().default(false),
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: integer('weekday').notNull().default(5),
  hour: integer('hour').notNull().default(16),
  timeZone: text('time_zone').notNull().default('UTC'),
  recipients: jsonb('recipients').$type<string[]>().notNull().default([]),
  /** Monday of the last week a scheduled report covered (YYYY-MM-DD): at most one a week. */
  lastSentWeek: text('last_sent_week'),
  /**
   * Only send times at or after this instant count: set when the schedule is turned on or its
   * day, hour or time zone change, so saving never sends at once for a time already past.
   */
  sendsFrom: timestamp('sends_from', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: updatedAt(),
});

/** A report as it was sent: the lines are kept, so what a founder received can be read again. */
export const weeklyReports = pgTable(
  'weekly_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    /** Monday of the week (YYYY-MM-DD) in the report's time zone. */
    weekStart: text('week_start').notNull(),
    timeZone: text('time_zone').notNull(),
    trigger: text('trigger', { enum: ['schedule', 'manual'] }).notNull(),
    status: text('status', { enum: ['red', 'amber', 'green'] }).notNull(),
    headline: text('headline').notNull(),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    markdown: text('markdown').notNull(),
    recipients: jsonb('recipients').$type<string[]>().notNull(),
    outboxId: uuid('outbox_id').references(() => outbox.id, { onDelete: 'set null' }),
    sentBy: uuid('sent_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    // The schedule sends once per client and week, whichever worker gets there first.
    uniqueIndex('weekly_reports_scheduled_key')
      .on(t.clientId, t.weekStart)
      .where(sql`${t.trigger} = 'schedule'`),
  ],
);

/**
 * A change counter per client, bumped by database triggers on every table the weekly report
 * reads (migration `client-changes-triggers`), whichever process or path writes. The portfolio
 * home reads it in one query to know which cached status lines are out of date. No foreign key:
 * rows deleted with their client bump it too.
 */
export const clientChanges = pgTable('client_changes', {
  clientId: uuid('client_id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(1),
});
