/**
 * @module Scoping and roadmap schemas (user paths, constraints, risks, milestones) and the slip
 * figures, computed the same way by the server and the web app.
 */
import { z } from 'zod';
import { daysBetween, isoDate } from './dates.ts';

const uuid = z.uuid({ message: 'must be a UUID' });
const line = (max: number) => z.string().trim().min(1, { message: 'is required' }).max(max);

export const priorities = ['must', 'should', 'could', 'wont'] as const;
export type Priority = (typeof priorities)[number];
export const priorityLabels: Record<Priority, string> = {
  must: 'Must have',
  should: 'Should have',
  could: 'Could have',
  wont: "Won't have (this time)",
};
export const constraintKinds = ['growth', 'hiring', 'compliance', 'budget', 'other'] as const;
export const levels = ['low', 'medium', 'high'] as const;
export const riskStatuses = ['open', 'mitigated', 'accepted', 'closed'] as const;
export const milestoneStatuses = ['planned', 'in-progress', 'done', 'cancelled'] as const;
export type MilestoneStatus = (typeof milestoneStatuses)[number];

export const scopingInput = z.strictObject({
  workshopDate: isoDate.nullable().default(null),
  summary: z.string().max(8000).default(''),
  constraints: z
    .array(z.strictObject({ kind: z.enum(constraintKinds), text: line(2000) }))
    .max(50)
    .default([]),
});

export const userPathInput = z.strictObject({
  who: line(200),
  goal: line(500),
  steps: z.array(line(500)).max(30).default([]),
  priority: z.enum(priorities),
  position: z.number().int().min(0).max(10_000).optional(),
});
export const userPathPatch = z
  .strictObject({ ...userPathInput.shape, steps: z.array(line(500)).max(30) })
  .partial();

export const riskInput = z.strictObject({
  description: line(2000),
  likelihood: z.enum(levels),
  impact: z.enum(levels),
  mitigation: z.string().trim().max(2000).default(''),
  status: z.enum(riskStatuses).default('open'),
});
export const riskPatch = z
  .strictObject({
    ...riskInput.shape,
    mitigation: z.string().trim().max(2000),
    status: z.enum(riskStatuses),
  })
  .partial();

const criterion = z.strictObject({ text: line(500), met: z.boolean().default(false) });

const milestoneFields = {
  title: line(200),
  acceptance: z.array(criterion).max(50),
  dueDate: isoDate,
  doneDate: isoDate.nullable(),
  pricePercent: z
    .number()
    .gt(0, { message: 'must be more than 0' })
    .max(100, { message: 'must be at most 100' })
    .nullable(),
  priceAmount: z
    .number()
    .int({ message: 'must be a whole amount' })
    .min(0)
    .max(100_000_000)
    .nullable(),
  status: z.enum(milestoneStatuses),
  engagementId: uuid.nullable(),
  userPathIds: z.array(uuid).max(50),
  kpiIds: z.array(uuid).max(50),
  position: z.number().int().min(0).max(10_000),
};

export const milestoneInput = z.strictObject({
  ...milestoneFields,
  acceptance: milestoneFields.acceptance.default([]),
  doneDate: milestoneFields.doneDate.default(null),
  pricePercent: milestoneFields.pricePercent.default(null),
  priceAmount: milestoneFields.priceAmount.default(null),
  status: milestoneFields.status.default('planned'),
  engagementId: milestoneFields.engagementId.default(null),
  userPathIds: milestoneFields.userPathIds.default([]),
  kpiIds: milestoneFields.kpiIds.default([]),
  position: milestoneFields.position.optional(),
});
/**
 * Every field optional, no defaults: only what is sent changes. A new due date leaves the planned
 * date where it was; `replan: true` (the owner only, open milestones only) re-baselines: the
 * planned date becomes the due date, and the change is recorded.
 */
export const milestonePatch = z.strictObject({ ...milestoneFields, replan: z.boolean() }).partial();

export const userPathSchema = z.object({
  id: z.string(),
  who: z.string(),
  goal: z.string(),
  steps: z.array(z.string()),
  priority: z.enum(priorities),
  position: z.number(),
});
export type UserPath = z.infer<typeof userPathSchema>;

export const riskSchema = z.object({
  id: z.string(),
  description: z.string(),
  likelihood: z.enum(levels),
  impact: z.enum(levels),
  mitigation: z.string(),
  status: z.enum(riskStatuses),
  createdAt: z.string(),
});
export type Risk = z.infer<typeof riskSchema>;

export const scopingSchema = z.object({
  workshopDate: z.string().nullable(),
  summary: z.string(),
  constraints: z.array(z.object({ kind: z.enum(constraintKinds), text: z.string() })),
  userPaths: z.array(userPathSchema),
  risks: z.array(riskSchema),
  updatedAt: z.string().nullable(),
});
export type Scoping = z.infer<typeof scopingSchema>;

export const milestoneSchema = z.object({
  id: z.string(),
  title: z.string(),
  acceptance: z.array(z.object({ text: z.string(), met: z.boolean() })),
  dueDate: z.string(),
  /** The first due date it was given, or the one set by the last re-baseline. */
  plannedDate: z.string(),
  /** When the owner last re-baselined it; null if never. */
  replannedAt: z.string().nullable(),
  doneDate: z.string().nullable(),
  pricePercent: z.number().nullable(),
  priceAmount: z.number().nullable(),
  status: z.enum(milestoneStatuses),
  engagementId: z.string().nullable(),
  userPathIds: z.array(z.string()),
  kpiIds: z.array(z.string()),
  position: z.number(),
  slip: z.object({
    /** Days past the planned date: done after it, or still open after it; 0 when on time. */
    daysLate: z.number(),
    /** How far the due date was moved from the planned date, in days (later is positive). */
    daysMoved: z.number(),
    /** Still open after its current due date. */
    isOverdue: z.boolean(),
    /** Days past the current due date while open; 0 otherwise. */
    daysOverdue: z.number(),
    /** Done on or before the planned date; null while not done. */
    isOnTime: z.boolean().nullable(),
  }),
});
export type Milestone = z.infer<typeof milestoneSchema>;

export const slipSummarySchema = z.object({
  done: z.number(),
  doneOnTime: z.number(),
  /** Share of done milestones delivered on or before their planned date; null when none is done. */
  onTimePercent: z.number().nullable(),
  /** Open milestones past their current due date. */
  overdue: z.number(),
  /** Milestones (not cancelled) whose due date is no longer the planned date. */
  moved: z.number(),
  /** Average days past the planned date over the done milestones. */
  averageDaysLate: z.number().nullable(),
});
export type SlipSummary = z.infer<typeof slipSummarySchema>;

export const milestoneListSchema = z.object({
  milestones: z.array(milestoneSchema),
  slip: slipSummarySchema,
});
export type MilestoneList = z.infer<typeof milestoneListSchema>;

type SlipInput = {
  dueDate: string;
  plannedDate: string;
  doneDate: string | null;
  status: MilestoneStatus;
};

/**
 * Slip of one milestone, seen on `today`. Lateness is measured against the planned date, so
 * moving the due date does not make a late milestone look on time; overdue is against the
 * current due date (what is still to be chased today).
 */
export function milestoneSlip(m: SlipInput, today: string): Milestone['slip'] {
  const daysMoved = daysBetween(m.plannedDate, m.dueDate);
  if (m.status === 'cancelled')
    return { daysLate: 0, daysMoved, isOverdue: false, daysOverdue: 0, isOnTime: null };
  if (m.status === 'done' && m.doneDate) {
    const late = Math.max(0, daysBetween(m.plannedDate, m.doneDate));
    return { daysLate: late, daysMoved, isOverdue: false, daysOverdue: 0, isOnTime: late === 0 };
  }
  const overdue = Math.max(0, daysBetween(m.dueDate, today));
  return {
    daysLate: Math.max(0, daysBetween(m.plannedDate, today)),
    daysMoved,
    isOverdue: overdue > 0,
    daysOverdue: overdue,
    isOnTime: null,
  };
}

/** The client's slip figures over all its milestones. */
export function slipSummary(items: SlipInput[], today: string): SlipSummary {
  const slips = items.map((m) => milestoneSlip(m, today));
  const done = slips.filter((s) => s.isOnTime !== null);
  const doneOnTime = done.filter((s) => s.isOnTime).length;
  const late = done.filter((s) => !s.isOnTime);
  return {
    done: done.length,
    doneOnTime,
    onTimePercent: done.length ? Math.round((doneOnTime / done.length) * 100) : null,
    overdue: slips.filter((s) => s.isOverdue).length,
    moved: items.filter((m, i) => m.status !== 'cancelled' && slips[i]!.daysMoved !== 0).length,
    averageDaysLate: done.length
      ? Math.round((late.reduce((sum, s) => sum + s.daysLate, 0) / done.length) * 10) / 10
      : null,
  };
}
