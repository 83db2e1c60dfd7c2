import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { Actor } from './core/actor.ts';
import { resolveSession } from './core/accounts/sessions.ts';
import { Forbidden } from './core/errors.ts';
import { migrationStatus } from './db/migrate.ts';
import type { AppDeps } from './http/deps.ts';
import { mountEndpoints } from './http/endpoint.ts';
import { buildOpenApi, renderDocsPage } from './http/openapi.ts';
import { PROBLEM_BASE, handleError, problemResponse } from './http/problem.ts';
import { allEndpoints } from './http/routes.ts';
import { CSRF_HEADER, SESSION_COOKIE } from './http/session-cookie.ts';

export { CSRF_HEADER, SESSION_COOKIE } from './http/session-cookie.ts';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const API_VERSION = '0.1.0';

type Env = { Variables: { actor: Actor; requestId: string; csrfToken: string | null } };

/** The API as a Hono app mounted under /api: request ids, body limit, who is calling, CSRF, routes, one error handler. */
export function createApp(deps: AppDeps) {
  const app = new Hono<Env>();
  const endpoints = allEndpoints(deps);
  const api = new Hono<Env>();

  api.use('*', requestId({ headerName: 'x-request-id', limitLength: 100 }));
  api.use(
    '*',
    bodyLimit({
      maxSize: 1024 * 1024,
      onError: () => {
        throw new HTTPException(413);
      },
    }),
  );
  api.use('*', async (c, next) => {
    const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookie = getCookie(c, SESSION_COOKIE);
    const { actor, csrfToken } = await resolveSession(deps.sql, bearer ?? cookie);
    // A cookie is sent by the browser on its own: state-changing requests that rely on it must prove they
    // come from our pages (double-submit token). A bearer token is never ambient, so it needs no CSRF token.
    if (!bearer && cookie && actor.kind === 'user' && !SAFE_METHODS.has(c.req.method) && c.req.header(CSRF_HEADER) !== csrfToken) {
      throw new Forbidden('Jeton CSRF manquant ou invalide.');
    }
    c.set('actor', actor);
    c.set('csrfToken', csrfToken);
    await next();
  });

  api.get('/health', async (c) => {
    const migrations = await migrationStatus(deps.sql);
    return c.json({
      status: migrations.pending.length ? 'degraded' : 'ok',
      database: { mode: deps.database.mode, location: deps.database.location },
      migrations: { applied: migrations.applied.length, pending: migrations.pending },
      embedder: { provider: deps.embedder.provider, id: deps.embedder.id, dimension: deps.embedder.dimension },
      queue: { mode: deps.jobs.mode },
      version: API_VERSION,
    });
  });
  api.get('/openapi.json', (c) => c.json(buildOpenApi(endpoints, { version: API_VERSION })));
  api.get('/docs', (c) => c.html(renderDocsPage(endpoints)));

  mountEndpoints(api as unknown as Hono, endpoints);

  api.notFound((c) =>
    problemResponse(c, { type: PROBLEM_BASE + 'not-found', title: 'Ressource introuvable', status: 404, detail: `Aucune route ${c.req.method} ${c.req.path}.` }),
  );
  api.onError(handleError(deps.log));
  app.route('/api', api);
  return app;
}
