/** @module OSV advisories imported with `keel advisories import`, matched by dependency scans. */
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

export const advisories = pgTable('advisories', {
  /** The OSV id (GHSA-…, PYSEC-…, RUSTSEC-…). */
  id: text('id').primaryKey(),
  modified: timestamp('modified', { withTimezone: true }).notNull(),
  isWithdrawn: boolean('is_withdrawn').notNull().default(false),
  record: jsonb('record').$type<Record<string, unknown>>().notNull(),
  /** Which import last wrote it. */
  source: text('source').notNull(),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One row per (ecosystem, normalised package name) a record lists: the scan's lookup index. */
export const advisoryPackages = pgTable(
  'advisory_packages',
  {
    advisoryId: text('advisory_id')
      .notNull()
      .references(() => advisories.id, { onDelete: 'cascade' }),
    ecosystem: text('ecosystem').notNull(),
    name: text('name').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.advisoryId, t.ecosystem, t.name] }),
    index('advisory_packages_lookup_idx').on(t.ecosystem, t.name),
  ],
);

export const advisoryImports = pgTable('advisory_imports', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  source: text('source').notNull(),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  records: integer('records').notNull(),
  stats: jsonb('stats').$type<Record<string, unknown>>().notNull().default({}),
});
