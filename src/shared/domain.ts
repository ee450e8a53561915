/** @module Closed vocabularies of the domain, shared by the API, the web app and the CLI. */
export const roles = ['owner', 'member', 'founder'] as const;
export type Role = (typeof roles)[number];

/**
 * What an API token may do: `read` (GET only), `write` (anything its owner may), or
 * `kpi-readings` (record and read one client's KPI readings, nothing else).
 */
export const tokenScopes = ['read', 'write', 'kpi-readings'] as const;
export type TokenScope = (typeof tokenScopes)[number];

export const tokenScopeLabels: Record<TokenScope, string> = {
  read: 'read-only',
  write: 'read & write',
  'kpi-readings': 'KPI readings only',
};

export const stages = ['idea', 'pre-seed', 'seed', 'series-a', 'later'] as const;
export type Stage = (typeof stages)[number];

export const stageLabels: Record<Stage, string> = {
  idea: 'Idea',
  'pre-seed': 'Pre-seed',
  seed: 'Seed',
  'series-a': 'Series A',
  later: 'Later',
};

/** The eight areas of a fractional CTO's work, in the order the client page shows them. */
export const areas = [
  {
    id: 'architecture',
    title: 'Architecture & roadmap',
    upcoming:
      'Scoping workshops, milestones with acceptance criteria and prices, architecture decision records and a tech radar.',
  },
  {
    id: 'delivery',
    title: 'Delivery & continuous shipping',
    upcoming:
      'Repositories, CI/CD, environments, deploys and releases, with DORA metrics and staging-to-production lag.',
  },
  {
    id: 'quality',
    title: 'Tech debt & quality',
    upcoming:
      'Repository audits: hotspots, complexity, duplication, hygiene checks, a score with levels and a debt register.',
  },
  {
    id: 'ai',
    title: 'AI mapped to a metric',
    upcoming:
      'AI features tied to a KPI, with cost per call and per outcome, latency percentiles, failure and eval pass rates.',
  },
  {
    id: 'uptime',
    title: 'Performance, uptime & scaling',
    upcoming:
      'HTTP, TCP, DNS and TLS monitors, heartbeats for cron jobs and backups, incidents, status pages and SLOs.',
  },
  {
    id: 'no-code',
    title: 'No-code → custom',
    upcoming:
      'An inventory of no-code assets, a migration plan from audit to cutover, and data-parity checks old vs new.',
  },
  {
    id: 'business',
    title: 'Business alignment & plain language',
    upcoming:
      'KPIs against targets, features scored value vs complexity, decisions needed, and the weekly founder report.',
  },
  {
    id: 'security',
    title: 'Security, compliance & releases',
    upcoming:
      'Secrets in code and history, vulnerable dependencies, a posture checklist and release gates.',
  },
] as const;
