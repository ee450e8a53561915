/** @module HTTP routes for decisions (ADRs), their import/export, and decisions needed. */
import { z } from 'zod';
import { idParams } from '../../shared/api.ts';
import {
  decisionExport,
  decisionImportReport,
  decisionImportRequest,
  decisionInput,
  decisionNeededAnswer,
  decisionNeededInput,
  decisionNeededParams,
  decisionNeededPatch,
  decisionNeededSchema,
  decisionParams,
  decisionPatch,
  decisionSchema,
  decisionSummarySchema,
} from '../../shared/decisions.ts';
import { exportAdr } from '../../engines/adr/index.ts';
import { notFound } from '../http/app-error.ts';
import { defineRoute } from '../http/route.ts';
import { clientDecisionRows, presentDecision, presentSummary } from './decisions.repo.ts';
import { createDecision, deleteDecision, updateDecision } from './decisions.service.ts';
import {
  exportDecisions,
  exportDecisionsZip,
  importDecisions,
  recordForExport,
} from './decisions.transfer.ts';
import {
  answerQuestion,
  askQuestion,
  deleteQuestion,
  editQuestion,
  getQuestion,
  listQuestions,
} from './decisions-needed.service.ts';

const base = '/api/v1/clients/:clientId';
const tag = 'decisions';

export const decisionsRoutes = [
  defineRoute({
    method: 'GET',
    path: `${base}/decisions`,
    access: 'client-read',
    tag,
    summary: "A client's decision records, by number",
    params: idParams.client,
    response: z.object({ decisions: z.array(decisionSummarySchema) }),
    handler: async ({ ctx, params }) => {
      const all = await clientDecisionRows(ctx.db, params.clientId);
      return { decisions: all.map((r) => presentSummary(r, all)) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: `${base}/decisions`,
    access: 'client-write',
    tag,
    summary: 'Record a decision (numbered ADR-0001… per client unless `number` is given)',
    params: idParams.client,
    body: decisionInput,
    response: decisionSchema,
    status: 201,
    handler: async ({ ctx, principal, params, body }) =>
      createDecision({ ctx, actor: principal, clientId: params.clientId, input: body }),
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/decisions/:decisionId`,
    access: 'client-read',
    tag,
    summary: 'One decision with every MADR field and its supersede chain',
    params: decisionParams,
    response: decisionSchema,
    handler: async ({ ctx, params }) => {
      const all = await clientDecisionRows(ctx.db, params.clientId);
      const row = all.find((r) => r.id === params.decisionId);
      if (!row) throw notFound('decision');
      return presentDecision(row, all);
    },
  }),
  defineRoute({
    method: 'PATCH',
    path: `${base}/decisions/:decisionId`,
    access: 'client-write',
    tag,
    summary: 'Change a decision; `supersededBy: <number>` links it to its replacement',
    params: decisionParams,
    body: decisionPatch,
    response: decisionSchema,
    handler: async ({ ctx, principal, params, body }) =>
      updateDecision({
        ctx,
        actor: principal,
        clientId: params.clientId,
        decisionId: params.decisionId,
        patch: body,
      }),
  }),
  defineRoute({
    method: 'DELETE',
    path: `${base}/decisions/:decisionId`,
    access: 'client-write',
    tag,
    summary: 'Delete a decision (links to it are cleared)',
    params: decisionParams,
    status: 204,
    handler: async ({ ctx, principal, params }) =>
      deleteDecision({ ctx, actor: principal, ...params }),
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/decisions/:decisionId/markdown`,
    access: 'client-read',
    tag,
    summary: 'One decision as a MADR 4 Markdown file',
    params: decisionParams,
    handler: async ({ ctx, params, reply }) => {
      const all = await clientDecisionRows(ctx.db, params.clientId);
      const row = all.find((r) => r.id === params.decisionId);
      if (!row) throw notFound('decision');
      const file = exportAdr(recordForExport(row, all));
      return reply
        .type('text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.content);
    },
  }),
  defineRoute({
    method: 'POST',
    path: `${base}/decisions/import`,
    access: 'client-write',
    tag,
    summary:
      'Import ADR files (MADR 2/3/4, Nygard): matched by number, so a re-import updates; one report line per file',
    params: idParams.client,
    body: decisionImportRequest,
    response: decisionImportReport,
    handler: async ({ ctx, principal, params, body }) =>
      importDecisions({
        db: ctx.db,
        actor: principal,
        clientId: params.clientId,
        files: body.files,
      }),
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/decisions/export`,
    access: 'client-read',
    tag,
    summary: 'Every decision as MADR 4 Markdown files (`docs/decisions/NNNN-title.md`)',
    params: idParams.client,
    response: decisionExport,
    handler: async ({ ctx, params }) => ({ files: await exportDecisions(ctx.db, params.clientId) }),
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/decisions/export.zip`,
    access: 'client-read',
    tag,
    summary:
      'Every decision as one zip of MADR 4 files (`NNNN-title.md`), as `keel decisions export` writes them',
    params: idParams.client,
    handler: async ({ ctx, params, reply }) => {
      const zip = await exportDecisionsZip(ctx.db, params.clientId);
      return reply
        .type('application/zip')
        .header('content-disposition', 'attachment; filename="decisions.zip"')
        .send(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
    },
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/decisions-needed`,
    access: 'client-read',
    tag,
    summary: 'Questions waiting for (or answered by) the founder, soonest due first',
    params: idParams.client,
    response: z.object({ questions: z.array(decisionNeededSchema) }),
    handler: async ({ ctx, params }) => ({ questions: await listQuestions(ctx, params.clientId) }),
  }),
  defineRoute({
    method: 'POST',
    path: `${base}/decisions-needed`,
    access: 'client-write',
    tag,
    summary: 'Ask the founder to decide: options, a recommendation and a due date',
    params: idParams.client,
    body: decisionNeededInput,
    response: decisionNeededSchema,
    status: 201,
    handler: async ({ ctx, principal, params, body }) =>
      askQuestion({ ctx, actor: principal, clientId: params.clientId, input: body }),
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/decisions-needed/:questionId`,
    access: 'client-read',
    tag,
    summary: 'One decision needed',
    params: decisionNeededParams,
    response: decisionNeededSchema,
    handler: async ({ ctx, params }) => getQuestion(ctx, params.clientId, params.questionId),
  }),
  defineRoute({
    method: 'PATCH',
    path: `${base}/decisions-needed/:questionId`,
    access: 'client-write',
    tag,
    summary: 'Edit an open question, or withdraw it (`state: "withdrawn"`)',
    params: decisionNeededParams,
    body: decisionNeededPatch,
    response: decisionNeededSchema,
    handler: async ({ ctx, principal, params, body }) =>
      editQuestion({
        ctx,
        actor: principal,
        clientId: params.clientId,
        id: params.questionId,
        patch: body,
      }),
  }),
  defineRoute({
    method: 'POST',
    path: `${base}/decisions-needed/:questionId/answer`,
    access: 'client-founder-write',
    tag,
    summary: "Answer an open question with one of its options (the client's founder may do this)",
    params: decisionNeededParams,
    body: decisionNeededAnswer,
    response: decisionNeededSchema,
    handler: async ({ ctx, principal, params, body }) =>
      answerQuestion({
        ctx,
        actor: principal,
        clientId: params.clientId,
        id: params.questionId,
        answer: body,
      }),
  }),
  defineRoute({
    method: 'DELETE',
    path: `${base}/decisions-needed/:questionId`,
    access: 'client-write',
    tag,
    summary: 'Delete a question asked by mistake',
    params: decisionNeededParams,
    status: 204,
    handler: async ({ ctx, principal, params }) =>
      deleteQuestion(ctx, principal, params.clientId, params.questionId),
  }),
];
