import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { Actor } from '../core/actor.ts';
import { Forbidden, Invalid, Unauthorized } from '../core/errors.ts';

/**
 * Coarse gate checked before the handler runs; the core still checks ownership and scope.
 * Every endpoint must declare one, so a route without an authorisation rule cannot be written.
 */
export type Access = 'public' | 'user' | 'staff' | 'platform-admin';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;
type AnyInput = { params: any; query: any; body: any; actor: Actor; c: Context }; // eslint-disable-line @typescript-eslint/no-explicit-any

export type HandlerInput<P, Q, B> = { params: Infer<P>; query: Infer<Q>; body: Infer<B>; actor: Actor; c: Context };

export type Endpoint = {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: Schema;
  query?: Schema;
  body?: Schema;
  response?: Schema;
  status?: 200 | 201 | 202 | 204;
  handler: (input: AnyInput) => Promise<unknown>;
};

/** Declares one endpoint: its schemas (validated before the handler runs), its access rule and its handler. */
export function endpoint<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(spec: {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  response?: Schema;
  status?: 200 | 201 | 202 | 204;
  handler: (input: HandlerInput<P, Q, B>) => Promise<unknown>;
}): Endpoint {
  return spec as unknown as Endpoint;
}

/** Turns zod issues into the `errors` member of a problem, with French messages and dotted paths. */
export function toIssues(error: z.ZodError, prefix: string): { path: string; message: string }[] {
  return error.issues.slice(0, 50).map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
    message: i.message,
  }));
}

export function parseOrThrow<S extends Schema>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new Invalid(`Paramètres invalides (${where}).`, toIssues(result.error, where));
  return result.data;
}

function checkAccess(access: Access, actor: Actor) {
  if (access === 'public') return;
  if (actor.kind !== 'user') throw new Unauthorized();
  if (access === 'staff' && !(actor.isModerator || actor.isPlatformAdmin)) throw new Forbidden();
  if (access === 'platform-admin' && !actor.isPlatformAdmin) throw new Forbidden();
}

async function readBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/json')) {
    throw new Invalid('Le corps de la requête doit être du JSON (Content-Type: application/json).', [
      { path: 'body', message: 'content-type attendu : application/json' },
    ]);
  }
  try {
    return await c.req.json();
  } catch {
    throw new Invalid("Le corps de la requête n'est pas du JSON valide.", [{ path: 'body', message: 'JSON invalide' }]);
  }
}

/** Registers endpoints on a Hono app (paths relative to where the app is mounted). */
export function mountEndpoints(app: Hono, endpoints: Endpoint[]): void {
  for (const ep of endpoints) {
    app.on(ep.method.toUpperCase(), ep.path, async (c) => {
      const actor = c.get('actor' as never) as Actor;
      checkAccess(ep.access, actor);
      const params = ep.params ? parseOrThrow(ep.params, c.req.param(), 'params') : undefined;
      const query = ep.query ? parseOrThrow(ep.query, c.req.queries() ? flattenQuery(c.req.queries()) : {}, 'query') : undefined;
      const body = ep.body ? parseOrThrow(ep.body, await readBody(c), 'body') : undefined;
      const result = await ep.handler({ params, query, body, actor, c });
      if (result instanceof Response) return result;
      if (ep.status === 204) return c.body(null, 204);
      return c.json(result as object, ep.status ?? 200);
    });
  }
}

/** Repeated query keys become arrays (`?theme=a&theme=b`); single ones stay strings. */
function flattenQuery(queries: Record<string, string[]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(queries)) out[k] = v.length === 1 ? v[0] : v;
  return out;
}
