/**
 * @module The database schema (Drizzle), one file per domain under `schema/`, gathered here.
 * One source for both PGlite and a PostgreSQL server; `npm run db:generate` turns changes into a
 * new forward-only SQL migration. A new domain: one file `schema/<domain>.ts` (importing what it
 * references from `schema/core.ts`), one line below.
 */
export * from './schema/core.ts';
export * from './schema/mail.ts';
export * from './schema/reports.ts';
export * from './schema/monitoring.ts';
