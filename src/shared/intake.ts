/** @module Intake (the public "get in touch" form) and leads schemas. */
import { z } from 'zod';
import { stages } from './domain.ts';

const field = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: 'is required' })
    .max(max, {
      message: `must be at most ${max} characters`,
    });
const optionalField = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` })
    .optional()
    .transform((v) => (v ? v : null));

export const INTAKE_LIMITS = {
  name: 120,
  email: 254,
  company: 160,
  stack: 500,
  blocker: 4000,
  budget: 200,
  timeline: 200,
} as const;

export const intakeRequest = z.strictObject({
  name: field(INTAKE_LIMITS.name),
  email: z.email({ message: 'must be an email address' }).max(INTAKE_LIMITS.email).trim(),
  company: field(INTAKE_LIMITS.company),
  stage: z.enum(stages, { message: `must be one of: ${stages.join(', ')}` }),
  stack: z
    .string()
    .trim()
    .max(INTAKE_LIMITS.stack, {
      message: `must be at most ${INTAKE_LIMITS.stack} characters`,
    })
    .default(''),
  blocker: field(INTAKE_LIMITS.blocker),
  budget: optionalField(INTAKE_LIMITS.budget),
  timeline: optionalField(INTAKE_LIMITS.timeline),
  /** The honeypot: hidden from people; anything in it marks a bot. */
  website: z.string().max(2000).optional(),
});
export type IntakeRequest = z.input<typeof intakeRequest>;

export const intakeAccepted = z.object({ status: z.literal('received'), message: z.string() });

export const leadStatuses = ['new', 'converted', 'declined'] as const;

export const leadSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  company: z.string(),
  stage: z.enum(stages),
  stack: z.array(z.string()),
  blocker: z.string(),
  budget: z.string().nullable(),
  timeline: z.string().nullable(),
  status: z.enum(leadStatuses),
  clientId: z.string().nullable(),
  declineReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Lead = z.infer<typeof leadSchema>;

export const leadListQuery = z.strictObject({
  status: z.enum([...leadStatuses, 'all']).default('new'),
});
export const leadConvertRequest = z.strictObject({
  /** The client's name; the lead's company when omitted. */
  name: z.string().trim().min(1).max(120).optional(),
});
export const leadDeclineRequest = z.strictObject({
  reason: z.string().trim().min(1, { message: 'say why, in a few words' }).max(2000),
});

/** Splits "TypeScript, PostgreSQL; React" into a stack list. */
export function splitStack(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,;\n]/)
        .map((s) => s.trim().slice(0, 60))
        .filter(Boolean),
    ),
  ].slice(0, 50);
}
