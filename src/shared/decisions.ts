/**
 * @module Request and response schemas for decisions (architecture decision records with the
 * MADR 4 fields) and decisions needed (open questions for the founder). Shared by server, web, CLI.
 */
import { z } from 'zod';
import { uuidSchema } from './api.ts';

export const decisionStatuses = [
  'proposed',
  'accepted',
  'rejected',
  'deprecated',
  'superseded',
] as const;
export const decisionNeededStates = ['open', 'answered', 'withdrawn'] as const;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date written YYYY-MM-DD' })
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
      new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'is not a real calendar day',
    },
  );
const text = (max: number) => z.string().max(max, { message: `must be at most ${max} characters` });
const line = (max = 300) =>
  z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` });
const names = z.array(line(120)).max(50);

const verdicts = {
  good: z.array(text(2000)).max(50).optional(),
  neutral: z.array(text(2000)).max(50).optional(),
  bad: z.array(text(2000)).max(50).optional(),
};

export const decisionOption = z.strictObject({
  title: line().min(1, { message: 'is required' }),
  description: text(20_000).optional(),
  ...verdicts,
});

/** The fields of a decision a person edits. A PATCH sends any of them; missing ones stay. */
export const decisionPatch = z.strictObject({
  /** Given by Keel (next free number) unless set. */
  number: z.number().int().min(1).max(999_999).optional(),
  title: line().min(1, { message: 'is required' }).optional(),
  status: z.enum(decisionStatuses).optional(),
  /** Number of the decision that replaces this one (same client); null clears it. */
  supersededBy: z.number().int().min(1).nullable().optional(),
  date: isoDate.nullable().optional(),
  decisionMakers: names.optional(),
  consulted: names.optional(),
  informed: names.optional(),
  summary: text(5000).optional(),
  context: text(50_000).optional(),
  decisionDrivers: z.array(text(2000)).max(50).optional(),
  options: z.array(decisionOption).max(30).optional(),
  chosenOption: line().nullable().optional(),
  justification: text(20_000).optional(),
  consequences: z.strictObject({ notes: text(20_000).optional(), ...verdicts }).optional(),
  confirmation: text(20_000).optional(),
  moreInformation: text(20_000).optional(),
});
export type DecisionPatch = z.input<typeof decisionPatch>;
export const decisionInput = decisionPatch.extend({
  title: line().min(1, { message: 'is required' }),
});
export type DecisionInput = z.input<typeof decisionInput>;

const decisionRef = z.object({
  id: z.string(),
  number: z.number(),
  title: z.string(),
  status: z.string(),
});

export const decisionSummarySchema = z.object({
  id: z.string(),
  clientId: z.string(),
  number: z.number(),
  /** `ADR-0007`. */
  key: z.string(),
  title: z.string(),
  status: z.enum(decisionStatuses),
  date: z.string().nullable(),
  summary: z.string(),
  supersededBy: decisionRef.nullable(),
  supersedes: z.array(decisionRef),
  sourcePath: z.string().nullable(),
  updatedAt: z.string(),
});
export type DecisionSummary = z.infer<typeof decisionSummarySchema>;

export const decisionSchema = decisionSummarySchema.extend({
  decisionMakers: z.array(z.string()),
  consulted: z.array(z.string()),
  informed: z.array(z.string()),
  context: z.string(),
  decisionDrivers: z.array(z.string()),
  options: z.array(
    z.object({
      title: z.string(),
      description: z.string(),
      good: z.array(z.string()),
      neutral: z.array(z.string()),
      bad: z.array(z.string()),
    }),
  ),
  chosenOption: z.string().nullable(),
  justification: z.string(),
  consequences: z.object({
    notes: z.string(),
    good: z.array(z.string()),
    neutral: z.array(z.string()),
    bad: z.array(z.string()),
  }),
  confirmation: z.string(),
  moreInformation: z.string(),
  /** Sections and front-matter keys from an imported file that MADR has no field for, kept for export. */
  extraSections: z.array(z.object({ heading: z.string(), body: z.string() })),
  /** The supersede chain, oldest first, this decision included. */
  chain: z.array(decisionRef),
});
export type Decision = z.infer<typeof decisionSchema>;

export const decisionImportRequest = z.strictObject({
  files: z
    .array(
      z.strictObject({
        path: line(500).min(1, { message: 'is required' }),
        content: z.string().max(1_000_000, { message: 'must be at most 1 MB' }),
      }),
    )
    .min(1, { message: 'choose at least one file' })
    .max(1000),
});

export const importOutcomes = ['imported', 'updated', 'unchanged', 'failed', 'skipped'] as const;
export const decisionImportReport = z.object({
  files: z.array(
    z.object({
      path: z.string(),
      outcome: z.enum(importOutcomes),
      number: z.number().nullable(),
      decisionId: z.string().nullable(),
      line: z.number().nullable(),
      message: z.string().nullable(),
      warnings: z.array(z.string()),
    }),
  ),
  counts: z.record(z.enum(importOutcomes), z.number()),
});
export type DecisionImportReport = z.infer<typeof decisionImportReport>;

export const decisionExport = z.object({
  files: z.array(z.object({ fileName: z.string(), content: z.string() })),
});

export const decisionNeededInput = z.strictObject({
  question: line(300).min(1, { message: 'is required' }),
  context: text(10_000).default(''),
  options: z
    .array(line(300).min(1, { message: 'must not be empty' }))
    .min(2, { message: 'give at least two options' })
    .max(10),
  recommendation: line(300).nullable().default(null),
  reason: text(5000).default(''),
  dueDate: isoDate,
  decisionId: uuidSchema.nullable().default(null),
});
export const decisionNeededPatch = z.strictObject({
  question: line(300).min(1).optional(),
  context: text(10_000).optional(),
  options: z
    .array(line(300).min(1))
    .min(2, { message: 'give at least two options' })
    .max(10)
    .optional(),
  recommendation: line(300).nullable().optional(),
  reason: text(5000).optional(),
  dueDate: isoDate.optional(),
  state: z.enum(['open', 'withdrawn']).optional(),
});
export const decisionNeededAnswer = z.strictObject({
  choice: line(300).min(1, { message: 'choose one of the options' }),
  note: text(5000).default(''),
});

export const decisionNeededSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  question: z.string(),
  context: z.string(),
  options: z.array(z.string()),
  recommendation: z.string().nullable(),
  reason: z.string(),
  dueDate: z.string(),
  state: z.enum(decisionNeededStates),
  answer: z.string().nullable(),
  answerNote: z.string(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
  decisionId: z.string().nullable(),
  createdAt: z.string(),
});
export type DecisionNeeded = z.infer<typeof decisionNeededSchema>;

export const decisionParams = z.strictObject({ clientId: uuidSchema, decisionId: uuidSchema });
export const decisionNeededParams = z.strictObject({
  clientId: uuidSchema,
  questionId: uuidSchema,
});

export const decisionKey = (n: number) => `ADR-${String(n).padStart(4, '0')}`;
