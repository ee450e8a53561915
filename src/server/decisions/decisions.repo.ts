/** @module Reading decisions: rows to API shapes, the supersede links both ways and the chain. */
import { and, asc, eq } from 'drizzle-orm';
import { decisionKey, type Decision, type DecisionSummary } from '../../shared/decisions.ts';
import type { Db } from '../db/database.ts';
import { decisions } from '../db/schema.ts';

export type DecisionRow = typeof decisions.$inferSelect;
type Ref = { id: string; number: number; title: string; status: string };

const refOf = (row: DecisionRow): Ref => ({
  id: row.id,
  number: row.number,
  title: row.title,
  status: row.status,
});

export async function clientDecisionRows(db: Db, clientId: string): Promise<DecisionRow[]> {
  return db
    .select()
    .from(decisions)
    .where(eq(decisions.clientId, clientId))
    .orderBy(asc(decisions.number));
}

export async function findDecisionRow(db: Db, clientId: string, id: string) {
  const [row] = await db
    .select()
    .from(decisions)
    .where(and(eq(decisions.clientId, clientId), eq(decisions.id, id)));
  return row;
}

export function presentSummary(row: DecisionRow, all: DecisionRow[]): DecisionSummary {
  const byId = new Map(all.map((r) => [r.id, r]));
  const next = row.supersededById ? byId.get(row.supersededById) : undefined;
  return {
    id: row.id,
    clientId: row.clientId,
    number: row.number,
    key: decisionKey(row.number),
    title: row.title,
    status: row.status,
    date: row.date,
    summary: row.record.summary,
    supersededBy: next ? refOf(next) : null,
    supersedes: all.filter((r) => r.supersededById === row.id).map(refOf),
    sourcePath: row.sourcePath,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Oldest first: walk back through what this one supersedes (first found), then forward. */
function chainOf(row: DecisionRow, all: DecisionRow[]): Ref[] {
  const byId = new Map(all.map((r) => [r.id, r]));
  const seen = new Set([row.id]);
  const before: DecisionRow[] = [];
  let cursor: DecisionRow | undefined = row;
  while (cursor) {
    const previous: DecisionRow | undefined = all.find(
      (r) => r.supersededById === cursor!.id && !seen.has(r.id),
    );
    if (previous) {
      seen.add(previous.id);
      before.unshift(previous);
    }
    cursor = previous;
  }
  const after: DecisionRow[] = [];
  cursor = row.supersededById ? byId.get(row.supersededById) : undefined;
  while (cursor && !seen.has(cursor.id)) {
    seen.add(cursor.id);
    after.push(cursor);
    cursor = cursor.supersededById ? byId.get(cursor.supersededById) : undefined;
  }
  return [...before, row, ...after].map(refOf);
}

export function presentDecision(row: DecisionRow, all: DecisionRow[]): Decision {
  const r = row.record;
  return {
    ...presentSummary(row, all),
    decisionMakers: r.decisionMakers,
    consulted: r.consulted,
    informed: r.informed,
    context: r.context,
    decisionDrivers: r.decisionDrivers,
    options: r.options,
    chosenOption: r.outcome.chosenOption,
    justification: r.outcome.justification,
    consequences: r.consequences,
    confirmation: r.confirmation,
    moreInformation: r.moreInformation,
    extraSections: r.extraSections,
    chain: chainOf(row, all),
  };
}
