import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError, RateLimited } from '../core/errors.ts';
import type { Logger } from '../logger.ts';

/** RFC 9457 problem details. `type` URIs are stable identifiers documented in the OpenAPI document. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: { path: string; message: string }[];
};

const BY_KIND = {
  'not-found': { status: 404, title: 'Ressource introuvable' },
  conflict: { status: 409, title: 'Conflit' },
  invalid: { status: 422, title: 'Données invalides' },
  forbidden: { status: 403, title: 'Accès refusé' },
  unauthorized: { status: 401, title: 'Connexion requise' },
  'rate-limited': { status: 429, title: 'Trop de tentatives' },
} as const;

export const PROBLEM_BASE = 'https://maillage.example/problems/';

export function problemResponse(c: Context, problem: Omit<Problem, 'requestId' | 'instance'>, headers: Record<string, string> = {}): Response {
  const body: Problem = { ...problem, instance: c.req.path, requestId: c.get('requestId') as string | undefined };
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
  });
}

/** The one error handler: domain errors become problem details, anything else a plain 500 with no internals. */
export function handleError(log: Logger) {
  return (err: Error, c: Context): Response => {
    if (err instanceof DomainError) {
      const { status, title } = BY_KIND[err.kind];
      const headers: Record<string, string> = err instanceof RateLimited ? { 'retry-after': String(err.retryAfterSeconds) } : {};
      return problemResponse(
        c,
        { type: PROBLEM_BASE + err.kind, title, status, detail: err.message, ...(err.issues.length ? { errors: err.issues } : {}) },
        headers,
      );
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      return problemResponse(c, {
        type: PROBLEM_BASE + (status === 413 ? 'payload-too-large' : 'http-' + status),
        title: status === 413 ? 'Requête trop volumineuse' : 'Requête refusée',
        status,
        detail: status === 413 ? 'Le corps de la requête dépasse la taille autorisée.' : err.message || undefined,
      });
    }
    log.error('unhandled error', { requestId: c.get('requestId'), method: c.req.method, path: c.req.path, err });
    return problemResponse(c, {
      type: PROBLEM_BASE + 'internal',
      title: 'Erreur interne',
      status: 500,
      detail: "Une erreur inattendue s'est produite. Réessayez ; si cela persiste, donnez l'identifiant de requête au support.",
    });
  };
}
