/** @module Scoping, user path, risk and milestone rows in and out of the database. */
import { and, asc, eq } from 'drizzle-orm';
import type { Milestone, Risk, UserPath } from '../../shared/roadmap.ts';
import { milestoneSlip } from '../../shared/roadmap.ts';
import type { Db } from '../db/database.ts';
import { milestones, risks, userPaths } from '../db/schema.ts';

export type MilestoneRow = typeof milestones.$inferSelect;
export type UserPathRow = typeof userPaths.$inferSelect;
export type RiskRow = typeof risks.$inferSelect;

export function presentUserPath(row: UserPathRow): UserPath {
  return {
    id: row.id,
    who: row.who,
    goal: row.goal,
    steps: row.steps,
    priority: row.priority,
    position: row.position,
  };
}

export function presentRisk(row: RiskRow): Risk {
  return {
    id: row.id,
    description: row.description,
    likelihood: row.likelihood,
    impact: row.impact,
    mitigation: row.mitigation,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentMilestone(row: MilestoneRow, today: string): Milestone {
  return {
    id: row.id,
    title: row.title,
    acceptance: row.acceptance,
    dueDate: row.dueDate,
    plannedDate: row.plannedDate,
    replannedAt: row.replannedAt?.toISOString() ?? null,
    doneDate: row.doneDate,
    pricePercent: row.pricePercent,
    priceAmount: row.priceAmount,
    status: row.status,
    engagementId: row.engagementId,
    userPathIds: row.userPathIds,
    kpiIds: row.kpiIds,
    position: row.position,
    slip: milestoneSlip(row, today),
  };
}

export async function findUserPaths(db: Db, clientId: string): Promise<UserPathRow[]> {
  return db
    .select()
    .from(userPaths)
    .where(eq(userPaths.clientId, clientId))
    .orderBy(asc(userPaths.position), asc(userPaths.createdAt));
}

export async function findRisks(db: Db, clientId: string): Promise<RiskRow[]> {
  return db.select().from(risks).where(eq(risks.clientId, clientId)).orderBy(asc(risks.createdAt));
}

export async function findMilestones(db: Db, clientId: string): Promise<MilestoneRow[]> {
  return db
    .select()
    .from(milestones)
    .where(eq(milestones.clientId, clientId))
    .orderBy(asc(milestones.position), asc(milestones.dueDate), asc(milestones.createdAt));
}

export async function findMilestone(
  db: Db,
  clientId: string,
  id: string,
): Promise<MilestoneRow | undefined> {
  const [row] = await db
    .select()
    .from(milestones)
    .where(and(eq(milestones.clientId, clientId), eq(milestones.id, id)));
  return row;
}
