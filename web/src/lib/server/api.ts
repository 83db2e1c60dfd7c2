import { error, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { clientAddress } from '$contract/client-address.ts';
import { isHttps } from './origin.ts';

/**
 * The only place that calls the service. The API is served by the same process on the same port, so pages call
 * it over loopback with the visitor's session cookie, CSRF token and address forwarded (the API counts its
 * per-address limits, sign-ups and logins, on that address: without it every visitor of the web app shared one).
 */
const origin = () => env.API_ORIGIN ?? `http://127.0.0.1:${env.PORT ?? '3000'}`;

export const SESSION_COOKIE = 'maillage_session';
export const CSRF_COOKIE = 'maillage_csrf';

export type Problem = { type: string; title: string; status: number; detail?: string; errors?: { path: string; message: string }[] };
export type ApiResult<T> = { ok: true; data: T; headers: Headers } | { ok: false; status: number; problem: Problem; headers: Headers };
/** What a call needs of the request: the visitor's cookies and address. */
export type ApiEvent = Pick<RequestEvent, 'cookies' | 'getClientAddress' | 'request'>;

function headersFor(event: ApiEvent, extra: Record<string, string> = {}): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', ...extra };
  const session = event.cookies.get(SESSION_COOKIE);
  if (session) headers.cookie = `${SESSION_COOKIE}=${session}`;
  const csrf = event.cookies.get(CSRF_COOKIE);
  if (csrf) headers['x-csrf-token'] = csrf;
  headers['x-forwarded-for'] = visitorAddress(event);
  // The visitor's browser, not this server's fetch: the API records it with each session (« appareils connectés »).
  const userAgent = event.request.headers.get('user-agent');
  if (userAgent) headers['user-agent'] = userAgent;
  return headers;
}

/**
 * The visitor's address by the API's own rule (contract/client-address.ts): the socket's, or an entry of
 * X-Forwarded-For written by a reverse proxy on this host or by one of the TRUST_PROXY proxies in front.
 * (TRUST_PROXY is checked at start-up by service/src/config.ts.)
 */
function visitorAddress(event: ApiEvent): string {
  return clientAddress(event.getClientAddress(), event.request.headers.get('x-forwarded-for') ?? undefined, Number(env.TRUST_PROXY ?? 0) || 0);
}

export async function callApi<T>(event: ApiEvent, method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  const headers = headersFor(event, body !== undefined ? { 'content-type': 'application/json' } : {});
  let res: Response;
  try {
    res = await fetch(origin() + '/api' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    const problem = { type: 'about:blank', title: 'Service indisponible', status: 503, detail: 'Le service ne répond pas. Réessayez dans un instant.' };
    return { ok: false, status: 503, problem, headers: new Headers() };
  }
  if (res.status === 204) return { ok: true, data: undefined as T, headers: res.headers };
  const payload = await res.json().catch(() => null);
  if (res.ok) return { ok: true, data: payload as T, headers: res.headers };
  const problem = (payload ?? { type: 'about:blank', title: res.statusText, status: res.status }) as Problem;
  return { ok: false, status: res.status, problem, headers: res.headers };
}

/** A raw response from the API (file downloads: .ics, data export), relayed as is by a +server.ts route. */
export async function fetchRaw(event: ApiEvent, path: string): Promise<Response> {
  const res = await fetch(origin() + '/api' + path, { headers: headersFor(event, { accept: '*/*' }) });
  const headers = new Headers();
  for (const name of ['content-type', 'content-disposition', 'cache-control']) {
    const value = res.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(res.body, { status: res.status, headers });
}

/** For loads: the data, or SvelteKit's error page with the API's French message. */
export async function getOrFail<T>(event: ApiEvent, path: string): Promise<T> {
  const result = await callApi<T>(event, 'GET', path);
  if (!result.ok) error(result.status, result.problem.detail ?? result.problem.title);
  return result.data;
}

/** For optional reads (a profile not created yet, a route not deployed): the data, or null on 404. */
export async function getOrNull<T>(event: ApiEvent, path: string): Promise<T | null> {
  const result = await callApi<T>(event, 'GET', path);
  if (result.ok) return result.data;
  if (result.status === 404) return null;
  error(result.status, result.problem.detail ?? result.problem.title);
}

/** A query string from an object (arrays repeat the key; empty values are left out). */
export function toQuery(params: Record<string, string | number | boolean | string[] | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) for (const item of v) q.append(k, item);
    else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

type CookieEvent = Pick<RequestEvent, 'cookies' | 'request'>;

function cookieOptions(event: Pick<RequestEvent, 'request'>, maxAge?: number) {
  // Secure only over HTTPS: the embedded default is plain HTTP on 127.0.0.1, where a Secure cookie would be dropped.
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: isHttps(event), ...(maxAge ? { maxAge } : {}) };
}

/**
 * After login (or a password change): the API answered with its Set-Cookie for the session and the CSRF token in
 * the body; the browser gets both as HttpOnly cookies of the web app, which api.ts forwards on every call.
 */
export function storeSession(event: CookieEvent, apiHeaders: Headers, csrfToken: string, expiresAt?: string) {
  const token = sessionTokenFrom(apiHeaders);
  const maxAge = expiresAt ? Math.max(60, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000)) : undefined;
  if (token) event.cookies.set(SESSION_COOKIE, token, cookieOptions(event, maxAge));
  event.cookies.set(CSRF_COOKIE, csrfToken, cookieOptions(event, maxAge));
}

export function refreshCsrf(event: CookieEvent, csrfToken: string) {
  event.cookies.set(CSRF_COOKIE, csrfToken, cookieOptions(event));
}

export function clearSession(event: CookieEvent) {
  const { path, secure } = cookieOptions(event);
  event.cookies.delete(SESSION_COOKIE, { path, secure });
  event.cookies.delete(CSRF_COOKIE, { path, secure });
}

function sessionTokenFrom(headers: Headers): string | null {
  const all = typeof headers.getSetCookie === 'function' ? headers.getSetCookie() : [headers.get('set-cookie') ?? ''];
  for (const line of all) {
    const match = line.match(new RegExp(`(?:^|,\\s*)${SESSION_COOKIE}=([^;]*)`));
    if (match && match[1]) return decodeURIComponent(match[1]);
  }
  return null;
}

export type { Cookies };
