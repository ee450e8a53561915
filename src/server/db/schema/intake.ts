/** @module Leads from the public intake page, waiting in the owner's inbox. */
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clients, createdAt, users } from './core.ts';

export const leads = pgTable(
  'leads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    company: text('company').notNull(),
    stage: text('stage', { enum: ['idea', 'pre-seed', 'seed', 'series-a', 'later'] }).notNull(),
    stack: jsonb('stack').$type<string[]>().notNull().default([]),
    blocker: text('blocker').notNull(),
    budget: text('budget'),
    timeline: text('timeline'),
    /** The sender's address, for the per-address rate limit. */
    ip: text('ip').notNull(),
    status: text('status', { enum: ['new', 'converted', 'declined'] })
      .notNull()
      .default('new'),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'set null' }),
    declineReason: text('decline_reason'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('leads_ip_created_idx').on(t.ip, t.createdAt),
    index('leads_status_idx').on(t.status),
  ],
);
