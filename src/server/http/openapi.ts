/**
 * @module The OpenAPI 3.1 document, generated from the route registry and its zod schemas
 * (zod's own JSON Schema output, which is the dialect OpenAPI 3.1 uses), and a small
 * browsable reference page rendered from it.
 */
import { z } from 'zod';
import { escapeHtml } from '../../shared/escape-html.ts';
import { errorStatus } from '../../shared/errors.ts';
import type { AnyRoute } from './route.ts';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

const errorResponse = {
  description: 'Error',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              code: { type: 'string', enum: Object.keys(errorStatus) },
              message: { type: 'string' },
              details: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { path: { type: 'string' }, message: { type: 'string' } },
                },
              },
            },
            required: ['code', 'message', 'details'],
          },
        },
      },
    },
  },
};

const accessText: Record<AnyRoute['access'], string> = {
  public: 'Public.',
  user: 'Any signed-in person or API token.',
  owner: 'Owner only.',
  'owner-read': 'Owner only (read-only tokens allowed).',
  'client-read': 'Anyone who can see this client.',
  'client-write': 'Owner or a member assigned to this client.',
  'client-founder-write':
    "Owner or a member assigned to this client, or this client's founder from a signed-in session.",
};

/** The access rule in words, and the narrow token scopes that may also call the route. */
function describeAccess(route: AnyRoute): string {
  const scopes = route.tokenScopes ?? [];
  const narrow = scopes.length
    ? ` Tokens with scope ${scopes.join(' or ')} may call it too (and reach nothing else).`
    : '';
  return `${accessText[route.access]}${narrow}`;
}

export function buildOpenApi(routes: AnyRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', route.params],
      ['query', route.query],
    ] as const) {
      if (!schema) continue;
      const js = jsonSchema(schema, 'input') as {
        properties?: Record<string, unknown>;
        required?: string[];
      };
      for (const [name, prop] of Object.entries(js.properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (js.required ?? []).includes(name),
          schema: prop,
        });
      }
    }
    const status = String(route.status ?? 200);
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      summary: route.summary,
      description: describeAccess(route),
      tags: [route.tag],
      operationId: `${route.method.toLowerCase()}${route.path.replace(/[^a-zA-Z0-9]+(\w)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
            },
          }
        : {}),
      security: route.access === 'public' ? [] : [{ session: [] }, { bearer: [] }],
      responses: {
        [status]:
          status === '204' || !route.response
            ? { description: status === '204' ? 'No content' : 'OK' }
            : {
                description: 'OK',
                content: { 'application/json': { schema: jsonSchema(route.response, 'output') } },
              },
        '4XX': errorResponse,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Keel API',
      version: '1',
      description:
        'JSON over HTTP. Cookie sessions send the x-csrf-token header on writes; automation uses "Authorization: Bearer keel_…" tokens, each with a scope: read, write, or kpi-readings (only the routes that say so).',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'keel_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    paths,
  };
}

/** A plain, offline reference page: every operation with its access rule and schemas. */
export function renderApiReference(routes: AnyRoute[]): string {
  const byTag = new Map<string, AnyRoute[]>();
  for (const route of routes) byTag.set(route.tag, [...(byTag.get(route.tag) ?? []), route]);
  const sections = [...byTag].map(([tag, list]) => {
    const items = list.map((route) => {
      const schemas = (['params', 'query', 'body', 'response'] as const)
        .filter((k) => route[k])
        .map(
          (k) =>
            `<details><summary>${k}</summary><pre>${escapeHtml(JSON.stringify(jsonSchema(route[k]!, k === 'response' ? 'output' : 'input'), null, 2))}</pre></details>`,
        )
        .join('');
      return `<li><code class="m ${route.method}">${route.method}</code> <code>${escapeHtml(route.path)}</code> — ${escapeHtml(route.summary)} <em>${escapeHtml(describeAccess(route))}</em>${schemas}</li>`;
    });
    return `<h2>${escapeHtml(tag)}</h2><ul>${items.join('')}</ul>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Keel API reference</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}li{margin:.6rem 0}pre{background:#f4f5f7;padding:.6rem;overflow:auto}.m{display:inline-block;min-width:4.5em;font-weight:600}.GET{color:#0a6}.POST{color:#06c}.PATCH,.PUT{color:#a60}.DELETE{color:#c22}em{color:#555;font-size:.9em}</style></head>
<body><h1>Keel API reference</h1><p>Errors share one shape: <code>{ "error": { "code", "message", "details": [{ "path", "message" }] } }</code>. The machine-readable document is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).</p>${sections.join('')}</body></html>`;
}
