import { z } from 'zod';
import type { Endpoint } from './endpoint.ts';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  try {
    return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  } catch {
    return {};
  }
};

const problemRef = { $ref: '#/components/schemas/Problem' };

/** Builds the OpenAPI 3.1 document from the same endpoint declarations that validate requests. */
export function buildOpenApi(endpoints: Endpoint[], info: { version: string }): object {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const ep of endpoints) {
    const path = '/api' + ep.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [['path', ep.params], ['query', ep.query]] as const) {
      if (!schema) continue;
      const js = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(js.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: s });
      }
    }
    const responses: Record<string, unknown> = {
      [String(ep.status ?? 200)]:
        ep.status === 204
          ? { description: 'Pas de contenu' }
          : { description: 'Succès', content: { 'application/json': { schema: ep.response ? jsonSchema(ep.response, 'output') : {} } } },
      default: { description: 'Erreur (RFC 9457)', content: { 'application/problem+json': { schema: problemRef } } },
    };
    paths[path] ??= {};
    paths[path][ep.method] = {
      summary: ep.summary,
      tags: [ep.tag],
      'x-access': ep.access,
      ...(ep.access === 'public' ? {} : { security: [{ session: [] }, { bearer: [] }] }),
      parameters,
      ...(ep.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(ep.body, 'input') } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Maillage API',
      version: info.version,
      description: "API de Maillage : mise en relation des citoyens, associations, entreprises et organisateurs d'un territoire.",
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'maillage_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string', format: 'uri' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            requestId: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
  };
}

/** A readable docs page that needs no CDN: the endpoints grouped by tag, with their access rule. */
export function renderDocsPage(endpoints: Endpoint[]): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
  const tags = [...new Set(endpoints.map((e) => e.tag))].sort();
  const sections = tags
    .map((tag) => {
      const rows = endpoints
        .filter((e) => e.tag === tag)
        .map((e) => `<tr><td><code>${e.method.toUpperCase()}</code></td><td><code>/api${esc(e.path)}</code></td><td>${esc(e.summary)}</td><td>${e.access}</td></tr>`)
        .join('');
      return `<h2>${esc(tag)}</h2><table><thead><tr><th>Méthode</th><th>Chemin</th><th>Description</th><th>Accès</th></tr></thead><tbody>${rows}</tbody></table>`;
    })
    .join('');
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>API Maillage</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}table{border-collapse:collapse;width:100%;margin-bottom:2rem}td,th{border:1px solid #ccc;padding:.4rem .6rem;text-align:left;vertical-align:top}th{background:#f0f0f0}code{font-size:.95em}</style>
</head><body><h1>API Maillage</h1><p>Document OpenAPI : <a href="/api/openapi.json">/api/openapi.json</a>. Les erreurs suivent la RFC 9457 (<code>application/problem+json</code>).</p>${sections}</body></html>`;
}
