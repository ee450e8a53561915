/**
 * @module Request and response schemas of the HTTP API (zod). The server validates with them,
 * the OpenAPI document is generated from them, and the web app takes its types from them.
 */
import { z } from 'zod';
import { roles, stages, tokenScopes } from './domain.ts';

export const uuidSchema = z.uuid({ message: 'must be a UUID' });

const email = z.email({ message: 'must be an email address' }).max(254).trim();
const password = z
  .string()
  .min(10, { message: 'must be at least 10 characters' })
  .max(256, { message: 'must be at most 256 characters' });
const personName = z.string().trim().min(1, { message: 'is required' }).max(120);

export const setupRequest = z.strictObject({ name: personName, email, password });
export const loginRequest = z.strictObject({ email, password: z.string().min(1).max(256) });
export const changePasswordRequest = z.strictObject({
  currentPassword: z.string().max(256),
  newPassword: password,
});

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  clientIds: z.array(z.string()),
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const sessionResponse = z.object({ user: userSchema, csrfToken: z.string() });
export type SessionResponse = z.infer<typeof sessionResponse>;
export const setupStatusResponse = z.object({ needsSetup: z.boolean() });

const contact = z.strictObject({
  name: z.string().trim().min(1, { message: 'is required' }).max(120),
  email: email.optional(),
  role: z.string().trim().max(120).optional(),
});

export const clientInput = z.strictObject({
  name: z.string().trim().min(1, { message: 'is required' }).max(120),
  stage: z.enum(stages),
  stack: z.array(z.string().trim().min(1).max(60)).max(50).default([]),
  blocker: z.string().max(4000).default(''),
  notes: z.string().max(20000).default(''),
  contacts: z.array(contact).max(50).default([]),
});
export const clientPatch = clientInput.partial();

export const clientSchema = z.object({
  id: z.string(),
  name: z.string(),
  stage: z.enum(stages),
  stack: z.array(z.string()),
  blocker: z.string(),
  notes: z.string(),
  contacts: z.array(
    z.object({ name: z.string(), email: z.string().optional(), role: z.string().optional() }),
  ),
  isDemo: z.boolean(),
  archived: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Client = z.infer<typeof clientSchema>;
export type ClientInput = z.input<typeof clientInput>;

export const clientListQuery = z.strictObject({
  archived: z.enum(['include', 'only', 'exclude']).default('exclude'),
});

export const inviteRequest = z.strictObject({
  email,
  role: z.enum(['member', 'founder']),
  clientIds: z.array(uuidSchema).max(200).default([]),
});
export const inviteSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(['member', 'founder']),
  clientIds: z.array(z.string()),
  expiresAt: z.string(),
  createdAt: z.string(),
});
export const inviteCreated = z.object({ invite: inviteSchema, url: z.string(), token: z.string() });
export const inviteTokenRequest = z.strictObject({ token: z.string().min(10).max(200) });
export const inviteAcceptRequest = z.strictObject({
  token: z.string().min(10).max(200),
  name: personName,
  password,
});
export const inviteInspectResponse = z.object({
  email: z.string(),
  role: z.enum(['member', 'founder']),
  clientNames: z.array(z.string()),
});

export const personPatch = z.strictObject({
  role: z.enum(roles).optional(),
  clientIds: z.array(uuidSchema).max(200).optional(),
  disabled: z.boolean().optional(),
});

export const tokenRequest = z.strictObject({
  name: z.string().trim().min(1, { message: 'is required' }).max(80),
  clientId: uuidSchema.nullable().default(null),
  /** `read` when neither this nor `canWrite` is sent; `kpi-readings` needs a `clientId`. */
  scope: z.enum(tokenScopes, { message: `must be one of ${tokenScopes.join(', ')}` }).optional(),
  /** The older form: true is `scope: "write"`, false is `scope: "read"`. */
  canWrite: z.boolean().optional(),
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(null),
});
export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  userId: z.string(),
  clientId: z.string().nullable(),
  scope: z.enum(tokenScopes),
  /** True for the `write` scope only (kept for older scripts). */
  canWrite: z.boolean(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revoked: z.boolean(),
  createdAt: z.string(),
});
export type ApiToken = z.infer<typeof tokenSchema>;
export const tokenCreated = z.object({ token: z.string(), apiToken: tokenSchema });

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  clientId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional(),
});

export const jobSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: z.string(),
  retryCount: z.number(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type Job = z.infer<typeof jobSchema>;

export const outboxMessageSchema = z.object({
  id: z.string(),
  kind: z.string(),
  clientId: z.string().nullable(),
  to: z.array(z.string()),
  subject: z.string(),
  status: z.enum(['queued', 'retrying', 'sent', 'failed']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

export const idParams = {
  client: z.strictObject({ clientId: uuidSchema }),
};
