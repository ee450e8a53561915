/** @module POST …/monitors/import: Uptime Kuma or Gatus → monitors, dry run (default) or apply. */
import { idParams } from '../../../shared/api.ts';
import { importReportSchema, monitorImportRequest } from '../../../shared/monitor-import.ts';
import { AppError } from '../../http/app-error.ts';
import { defineRoute } from '../../http/route.ts';
import { ssrfPolicyFrom } from '../../net/ssrf.ts';
import { ImportInputError, importMonitors } from './import.service.ts';

export const monitorImportRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/v1/clients/:clientId/monitors/import',
    access: 'client-write',
    tag: 'monitoring',
    summary:
      'Import monitors from an Uptime Kuma backup (JSON) or a Gatus configuration (YAML): a report per monitor and field; dryRun (default true) writes nothing',
    params: idParams.client,
    body: monitorImportRequest,
    response: importReportSchema,
    handler: async ({ ctx, params, body }) => {
      try {
        return await importMonitors({
          db: ctx.db,
          secretBox: ctx.secretBox,
          clientId: params.clientId,
          content: body.content,
          format: body.format,
          dryRun: body.dryRun,
          policy: ssrfPolicyFrom(ctx.config),
        });
      } catch (error) {
        if (!(error instanceof ImportInputError)) throw error;
        const path = error.field === 'content' ? 'body.content' : `body.content.${error.field}`;
        throw new AppError('validation_failed', error.message, [{ path, message: error.message }]);
      }
    },
  }),
];
