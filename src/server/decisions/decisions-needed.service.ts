/**
 * @module Decisions needed: questions put to the founder with options, a recommendation and a due
 * date. The owner or a member asks, edits or withdraws; the founder answers with one option.
 */
import { and, asc, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  DecisionNeeded,
  decisionNeededAnswer,
  decisionNeededInput,
  decisionNeededPatch,
} from '../../shared/decisions.ts';
import type { Principal } from '../auth/principal.ts';
import { recordAudit } from '../audit-log/audit-log.service.ts';
import type { AppContext } from '../context.ts';
import { decisionsNeeded } from '../db/schema.ts';
import { conflict, invalid, notFound } from '../http/app-error.ts';
import { findDecisionRow } from './decisions.repo.ts';

type Row = typeof decisionsNeeded.$inferSelect;

export function presentQuestion(row: Row): DecisionNeeded {
  return {
    id: row.id,
    clientId: row.clientId,
    question: row.question,
    context: row.context,
    options: row.options,
    recommendation: row.recommendation,
    reason: row.reason,
    dueDate: row.dueDate,
    state: row.state,
    answer: row.answer,
    answerNote: row.answerNote,
    answeredBy: row.answeredBy,
    answeredAt: row.answeredAt?.toISOString() ?? null,
    decisionId: row.decisionId,
    createdAt: row.createdAt.toISOString(),
  };
}

function checkRecommendation(options: string[], recommendation: string | null | undefined) {
  if (recommendation && !options.includes(recommendation)) {
    throw invalid('body.recommendation', 'must be one of the options, written the same way');
  }
  if (new Set(options).size !== options.length) {
    throw invalid('body.options', 'has the same option twice');
  }
}

export async function listQuestions(ctx: AppContext, clientId: string) {
  const rows = await ctx.db
    .select()
    .from(decisionsNeeded)
    .where(eq(decisionsNeeded.clientId, clientId))
    .orderBy(asc(decisionsNeeded.dueDate));
  return rows.map(presentQuestion);
}

async function findQuestion(ctx: AppContext, clientId: string, id: string) {
  const [row] = await ctx.db
    .select()
    .from(decisionsNeeded)
    .where(and(eq(decisionsNeeded.clientId, clientId), eq(decisionsNeeded.id, id)));
  if (!row) throw notFound('decision needed');
  return row;
}

export async function getQuestion(ctx: AppContext, clientId: string, id: string) {
  return presentQuestion(await findQuestion(ctx, clientId, id));
}

export async function askQuestion(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  input: z.output<typeof decisionNeededInput>;
}) {
  const { ctx, actor, clientId, input } = options;
  checkRecommendation(input.options, input.recommendation);
  if (input.decisionId && !(await findDecisionRow(ctx.db, clientId, input.decisionId))) {
    throw invalid('body.decisionId', 'names no decision of this client');
  }
  const [row] = await ctx.db
    .insert(decisionsNeeded)
    .values({ clientId, ...input })
    .returning();
  await recordAudit(ctx.db, {
    action: 'decision-needed.created',
    actor,
    targetType: 'decision-needed',
    targetId: row!.id,
    clientId,
  });
  return presentQuestion(row!);
}

export async function editQuestion(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  id: string;
  patch: z.output<typeof decisionNeededPatch>;
}) {
  const { ctx, actor, clientId, id, patch } = options;
  const row = await findQuestion(ctx, clientId, id);
  if (row.state === 'answered') {
    throw conflict('this question has been answered; ask a new one instead');
  }
  const questionOptions = patch.options ?? row.options;
  checkRecommendation(
    questionOptions,
    patch.recommendation !== undefined ? patch.recommendation : row.recommendation,
  );
  // Only while unanswered: a founder's answer that lands after the read above must not be
  // overwritten by the edit (its options or question could no longer match the answer).
  const [updated] = await ctx.db
    .update(decisionsNeeded)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(decisionsNeeded.id, row.id), ne(decisionsNeeded.state, 'answered')))
    .returning();
  if (!updated) throw conflict('this question was answered meanwhile; ask a new one instead');
  await recordAudit(ctx.db, {
    action: 'decision-needed.updated',
    actor,
    targetType: 'decision-needed',
    targetId: id,
    clientId,
    details: { fields: Object.keys(patch) },
  });
  return presentQuestion(updated);
}

export async function answerQuestion(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  id: string;
  answer: z.output<typeof decisionNeededAnswer>;
}) {
  const { ctx, actor, clientId, id, answer } = options;
  const row = await findQuestion(ctx, clientId, id);
  if (row.state !== 'open') throw conflict(`this question is ${row.state}, not open`);
  if (!row.options.includes(answer.choice)) {
    throw invalid('body.choice', `must be one of: ${row.options.join(' | ')}`);
  }
  const [updated] = await ctx.db
    .update(decisionsNeeded)
    .set({
      state: 'answered',
      answer: answer.choice,
      answerNote: answer.note,
      answeredBy: actor.userId,
      answeredAt: new Date(),
      updatedAt: new Date(),
    })
    .where(and(eq(decisionsNeeded.id, row.id), eq(decisionsNeeded.state, 'open')))
    .returning();
  if (!updated) throw conflict('this question was answered or withdrawn meanwhile');
  await recordAudit(ctx.db, {
    action: 'decision-needed.answered',
    actor,
    targetType: 'decision-needed',
    targetId: id,
    clientId,
    details: { choice: answer.choice },
  });
  return presentQuestion(updated);
}

export async function deleteQuestion(
  ctx: AppContext,
  actor: Principal,
  clientId: string,
  id: string,
) {
  const row = await findQuestion(ctx, clientId, id);
  await ctx.db.delete(decisionsNeeded).where(eq(decisionsNeeded.id, row.id));
  await recordAudit(ctx.db, {
    action: 'decision-needed.deleted',
    actor,
    targetType: 'decision-needed',
    targetId: id,
    clientId,
  });
}
