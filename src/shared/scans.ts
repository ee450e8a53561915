/**
 * @module Request and response schemas for repositories, audits, security scans, findings and
 * the posture checklist (issues #4 and #5). Shared by the server, the web app and the OpenAPI
 * document. No secret ever appears in a response: a token is `hasToken` and its last 4 chars.
 */
import { z } from 'zod';
import { uuidSchema } from './api.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date such as 2026-12-31' });

export const repositoryInput = z.strictObject({
  name: z.string().trim().min(1, { message: 'is required' }).max(120).optional(),
  kind: z.enum(['path', 'git'], { message: 'must be "path" (a folder) or "git" (a URL)' }),
  location: z.string().trim().min(1, { message: 'is required' }).max(2000),
  token: z
    .string()
    .trim()
    .min(8, { message: 'looks too short for an access token' })
    .max(4096)
    .optional(),
  /** The user name to send with the token, for a host that wants one (Bitbucket: x-token-auth). */
  tokenUser: z.string().trim().max(1000).optional(),
  allowPrivateNetwork: z.boolean().default(false),
});
export type RepositoryInput = z.input<typeof repositoryInput>;

export const repositoryPatch = z.strictObject({
  name: z.string().trim().min(1, { message: 'is required' }).max(120).optional(),
  /** A new token, or null to remove the stored one. */
  token: z
    .string()
    .trim()
    .min(8, { message: 'looks too short for an access token' })
    .max(4096)
    .nullable()
    .optional(),
  /** A user name to send with the token, or null for the default. */
  tokenUser: z.string().trim().max(1000).nullable().optional(),
  allowPrivateNetwork: z.boolean().optional(),
});

const runStatus = z.enum(['queued', 'running', 'succeeded', 'failed']);

export const auditRunSummarySchema = z.object({
  id: z.string(),
  repositoryId: z.string(),
  status: runStatus,
  trigger: z.enum(['manual', 'schedule']),
  score: z.number().nullable(),
  level: z.string().nullable(),
  findingCount: z.number(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type AuditRunSummary = z.infer<typeof auditRunSummarySchema>;

export const auditFindingSchema = z.object({
  checkId: z.string(),
  severity: z.string(),
  message: z.string(),
  path: z.string().optional(),
  line: z.number().optional(),
  whyItMatters: z.string(),
  howToFix: z.string(),
});
export type AuditFinding = z.infer<typeof auditFindingSchema>;

export const auditCheckSchema = z.object({
  id: z.string(),
  title: z.string(),
  risk: z.string(),
  level: z.string(),
  score: z.number().nullable(),
  passed: z.boolean().nullable(),
  summary: z.string(),
});
export type AuditCheck = z.infer<typeof auditCheckSchema>;

export const hotspotSummarySchema = z.object({
  path: z.string(),
  revisions: z.number(),
  complexity: z.number(),
  score: z.number(),
});

export const auditRunSchema = auditRunSummarySchema.extend({
  repositoryName: z.string(),
  commit: z.string().nullable(),
  checks: z.array(auditCheckSchema),
  topFindings: z.array(auditFindingSchema),
  hotspots: z.array(hotspotSummarySchema),
  hotspotShare: z.number().nullable(),
  isReportTrimmed: z.boolean(),
  report: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditRun = z.infer<typeof auditRunSchema>;

export const scanRunSchema = z.object({
  id: z.string(),
  repositoryId: z.string(),
  kind: z.enum(['secrets', 'deps']),
  status: runStatus,
  trigger: z.enum(['manual', 'schedule']),
  summary: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type ScanRun = z.infer<typeof scanRunSchema>;

export const repositorySchema = z.object({
  id: z.string(),
  clientId: z.string(),
  name: z.string(),
  kind: z.enum(['path', 'git']),
  location: z.string(),
  hasToken: z.boolean(),
  /** "…abcd": the last four characters of the token, when one is set. */
  tokenHint: z.string().nullable(),
  /** The user name sent with the token; null: the default (x-access-token). Not a secret. */
  tokenUser: z.string().nullable(),
  allowPrivateNetwork: z.boolean(),
  createdAt: z.string(),
  latestAudit: auditRunSummarySchema.nullable(),
  latestScans: z.array(scanRunSchema),
});
export type Repository = z.infer<typeof repositorySchema>;

export const scanRequest = z.strictObject({
  kinds: z
    .array(z.enum(['secrets', 'deps']))
    .min(1, { message: 'name at least one scan: secrets or deps' })
    .max(2)
    .default(['secrets', 'deps']),
});

export const severities = ['critical', 'high', 'medium', 'low', 'unknown'] as const;
export type Severity = (typeof severities)[number];

export const findingSchema = z.object({
  id: z.string(),
  repositoryId: z.string(),
  repositoryName: z.string(),
  kind: z.enum(['secret', 'dependency']),
  severity: z.enum(severities),
  title: z.string(),
  detail: z.record(z.string(), z.unknown()),
  status: z.enum(['open', 'fixed', 'accepted']),
  acceptedReason: z.string().nullable(),
  acceptedUntil: z.string().nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  fixedAt: z.string().nullable(),
});
export type SecurityFinding = z.infer<typeof findingSchema>;

export const findingListQuery = z.strictObject({
  status: z.enum(['open', 'fixed', 'accepted', 'all']).default('open'),
  kind: z.enum(['secret', 'dependency']).optional(),
  severity: z.enum(severities).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const findingListResponse = z.object({
  /** Open findings by severity (whatever the filter). */
  openBySeverity: z.record(z.string(), z.number()),
  acceptedCount: z.number(),
  findings: z.array(findingSchema),
});

export const acceptRiskRequest = z.strictObject({
  reason: z.string().trim().min(10, { message: 'say why in at least 10 characters' }).max(2000),
  until: isoDate,
});

export const postureStatuses = ['yes', 'partial', 'no', 'n/a'] as const;

export const postureItemSchema = z.object({
  key: z.string(),
  group: z.string(),
  title: z.string(),
  /** null: nobody has answered and Keel has no evidence. */
  status: z.enum(postureStatuses).nullable(),
  source: z.enum(['evidence', 'manual', 'none']),
  /** What Keel saw, in a sentence, when it has evidence (kept even when a manual answer overrides it). */
  evidence: z.string().nullable(),
  evidenceStatus: z.enum(postureStatuses).nullable(),
  evidenceUrl: z.string().nullable(),
  owner: z.string().nullable(),
  dueDate: z.string().nullable(),
  note: z.string(),
});
export type PostureItem = z.infer<typeof postureItemSchema>;

export const postureAnswerRequest = z.strictObject({
  status: z.enum(postureStatuses, { message: 'must be yes, partial, no or n/a' }),
  evidenceUrl: z
    .url({ message: 'must be a link such as https://…', protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .default(null),
  owner: z.string().trim().max(120).nullable().default(null),
  dueDate: isoDate.nullable().default(null),
  note: z.string().max(4000).default(''),
});

export const scanIdParams = {
  repository: z.strictObject({ clientId: uuidSchema, repositoryId: uuidSchema }),
  auditRun: z.strictObject({ clientId: uuidSchema, runId: uuidSchema }),
  finding: z.strictObject({ clientId: uuidSchema, findingId: uuidSchema }),
  postureItem: z.strictObject({
    clientId: uuidSchema,
    itemKey: z.string().regex(/^[a-z0-9-]{1,60}$/),
  }),
};

export const advisoryStatusSchema = z.object({
  advisories: z.number(),
  imports: z.array(z.object({ source: z.string(), importedAt: z.string(), records: z.number() })),
});
