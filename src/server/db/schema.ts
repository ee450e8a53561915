/**
 * @module The database schema (Drizzle), one file per domain under `schema/`, gathered here.
 * One source for both PGlite and a PostgreSQL server; `npm run db:generate` turns changes into a
 * new forward-only SQL migration. A new domain: one file `schema/<domain>.ts` (importing what it
 * references from `schema/core.ts`), one line below.
 */
export * from './schema/core.ts';
export * from './schema/repositories.ts';
export * from './schema/security.ts';
export * from './schema/advisories.ts';
export * from './schema/mail.ts';
export * from './schema/reports.ts';
export * from './schema/engagements.ts';
export * from './schema/roadmap.ts';
export * from './schema/time.ts';
export * from './schema/intake.ts';
export * from './schema/decisions.ts';
export * from './schema/kpis.ts';
export * from './schema/monitoring.ts';
export * from './schema/slo.ts';
