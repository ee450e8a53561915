/**
 * @module Decisions: create, edit and delete architecture decision records, numbered per client,
 * with supersede links kept acyclic. A link is stored once (`superseded_by_id`) and read both
 * ways, so "superseded by X" on A always shows as "supersedes A" on X.
 */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { emptyAdr, type Adr } from '../../engines/adr/types.ts';
import { decisionKey, type decisionPatch } from '../../shared/decisions.ts';
import type { Principal } from '../auth/principal.ts';
import { recordAudit } from '../audit-log/audit-log.service.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { decisions } from '../db/schema.ts';
import { conflict, invalid, notFound } from '../http/app-error.ts';
import {
  clientDecisionRows,
  findDecisionRow,
  presentDecision,
  type DecisionRow,
} from './decisions.repo.ts';

type Patch = z.output<typeof decisionPatch>;

/** Applies the edited fields onto a record; untouched fields (and imported extras) stay. */
export function applyPatch(record: Adr, patch: Patch): Adr {
  const next: Adr = structuredClone(record);
  if (patch.title !== undefined) next.title = patch.title;
  if (patch.status !== undefined) next.status = patch.status;
  if (patch.date !== undefined) next.date = patch.date;
  for (const key of ['decisionMakers', 'consulted', 'informed', 'decisionDrivers'] as const) {
    if (patch[key] !== undefined) next[key] = patch[key];
  }
  for (const key of ['summary', 'context', 'confirmation', 'moreInformation'] as const) {
    if (patch[key] !== undefined) next[key] = patch[key];
  }
  if (patch.options !== undefined) {
    next.options = patch.options.map((o) => ({
      title: o.title,
      description: o.description ?? '',
      good: o.good ?? [],
      neutral: o.neutral ?? [],
      bad: o.bad ?? [],
    }));
  }
  if (patch.chosenOption !== undefined) next.outcome.chosenOption = patch.chosenOption;
  if (patch.justification !== undefined) next.outcome.justification = patch.justification;
  if (patch.consequences !== undefined) {
    next.consequences = {
      notes: patch.consequences.notes ?? '',
      good: patch.consequences.good ?? [],
      neutral: patch.consequences.neutral ?? [],
      bad: patch.consequences.bad ?? [],
    };
  }
  return next;
}

/** True when pointing `fromId` at `toId` would close a loop. */
export function makesCycle(all: DecisionRow[], fromId: string, toId: string): boolean {
  const byId = new Map(all.map((r) => [r.id, r]));
  const seen = new Set<string>();
  let cursor: string | null | undefined = toId;
  while (cursor && !seen.has(cursor)) {
    if (cursor === fromId) return true;
    seen.add(cursor);
    cursor = byId.get(cursor)?.supersededById;
  }
  return false;
}

/** Resolves `supersededBy` (a number) to a decision id, refusing itself, strangers and cycles. */
function resolveSupersede(
  all: DecisionRow[],
  selfId: string | null,
  selfNumber: number,
  by: number,
) {
  if (by === selfNumber) throw invalid('body.supersededBy', 'a decision cannot supersede itself');
  const target = all.find((r) => r.number === by);
  if (!target) throw invalid('body.supersededBy', `there is no ${decisionKey(by)} for this client`);
  if (selfId && makesCycle(all, selfId, target.id)) {
    throw invalid(
      'body.supersededBy',
      `${decisionKey(by)} is already superseded, directly or not, by ${decisionKey(selfNumber)}; that would be a cycle`,
    );
  }
  return target.id;
}

/** Only a superseded decision has a "superseded by" link: a link sent with another status is refused. */
function checkSupersedeStatus(patch: Patch) {
  if (patch.supersededBy != null && patch.status !== undefined && patch.status !== 'superseded') {
    throw invalid(
      'body.supersededBy',
      `only a superseded decision is superseded by another; leave it out, or send status "superseded" instead of "${patch.status}"`,
    );
  }
}

async function nextNumber(db: Db, clientId: string): Promise<number> {
  const rows = await clientDecisionRows(db, clientId);
  return rows.reduce((max, r) => Math.max(max, r.number), 0) + 1;
}

export async function createDecision(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  input: Patch & { title: string };
}) {
  const { ctx, actor, clientId, input } = options;
  checkSupersedeStatus(input);
  const row = await ctx.db.transaction(async (tx) => {
    const all = await clientDecisionRows(tx, clientId);
    const number = input.number ?? (await nextNumber(tx, clientId));
    if (all.some((r) => r.number === number)) {
      throw conflict(`${decisionKey(number)} already exists for this client`, [
        { path: 'body.number', message: 'is taken; leave it out to get the next free number' },
      ]);
    }
    const supersededById =
      input.supersededBy != null ? resolveSupersede(all, null, number, input.supersededBy) : null;
    const record = applyPatch({ ...emptyAdr(input.title), number }, input);
    if (supersededById) record.status = 'superseded';
    const [inserted] = await tx
      .insert(decisions)
      .values({
        clientId,
        number,
        title: record.title,
        status: record.status,
        date: record.date,
        supersededById,
        record,
      })
      .returning();
    return inserted!;
  });
  await recordAudit(ctx.db, {
    action: 'decision.created',
    actor,
    targetType: 'decision',
    targetId: row.id,
    clientId,
    details: { number: row.number },
  });
  return presentDecision(row, await clientDecisionRows(ctx.db, clientId));
}

export async function updateDecision(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  decisionId: string;
  patch: Patch;
}) {
  const { ctx, actor, clientId, decisionId, patch } = options;
  checkSupersedeStatus(patch);
  await ctx.db.transaction(async (tx) => {
    const all = await clientDecisionRows(tx, clientId);
    const row = all.find((r) => r.id === decisionId);
    if (!row) throw notFound('decision');
    const number = patch.number ?? row.number;
    if (number !== row.number && all.some((r) => r.number === number)) {
      throw conflict(`${decisionKey(number)} already exists for this client`, [
        { path: 'body.number', message: 'is taken by another decision' },
      ]);
    }
    let supersededById = row.supersededById;
    if (patch.supersededBy === null) supersededById = null;
    else if (patch.supersededBy !== undefined) {
      supersededById = resolveSupersede(all, row.id, number, patch.supersededBy);
    }
    const record = applyPatch({ ...row.record, number }, patch);
    if (supersededById && patch.supersededBy != null) record.status = 'superseded';
    // A decision set back to accepted (or any status but superseded) loses its link: a link left
    // behind would export as "superseded by" on an accepted decision and not re-import the same.
    if (record.status !== 'superseded') {
      supersededById = null;
      if (patch.status !== undefined) record.supersededBy = null;
    }
    if (supersededById) record.supersededBy = null;
    await tx
      .update(decisions)
      .set({
        number,
        title: record.title,
        status: record.status,
        date: record.date,
        supersededById,
        record,
        updatedAt: new Date(),
      })
      .where(eq(decisions.id, row.id));
  });
  await recordAudit(ctx.db, {
    action: 'decision.updated',
    actor,
    targetType: 'decision',
    targetId: decisionId,
    clientId,
    details: { fields: Object.keys(patch) },
  });
  const all = await clientDecisionRows(ctx.db, clientId);
  return presentDecision(
    all.find((r) => r.id === decisionId)!,
    all,
  );
}

export async function deleteDecision(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  decisionId: string;
}) {
  const { ctx, actor, clientId, decisionId } = options;
  const row = await findDecisionRow(ctx.db, clientId, decisionId);
  if (!row) throw notFound('decision');
  await ctx.db.delete(decisions).where(eq(decisions.id, row.id));
  await recordAudit(ctx.db, {
    action: 'decision.deleted',
    actor,
    targetType: 'decision',
    targetId: row.id,
    clientId,
    details: { number: row.number, title: row.title },
  });
}
