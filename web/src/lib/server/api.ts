import { error, type RequestEvent } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';

/**
 * The only place that calls the service. The API is served by the same process on the same port, so pages call
 * it over loopback with the visitor's session cookie and CSRF token forwarded.
 */
const origin = () => env.API_ORIGIN ?? `http://127.0.0.1:${env.PORT ?? '3000'}`;

export type Problem = { type: string; title: string; status: number; detail?: string; errors?: { path: string; message: string }[] };
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; problem: Problem };

export async function callApi<T>(event: Pick<RequestEvent, 'cookies' | 'fetch'>, method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const session = event.cookies.get('maillage_session');
  if (session) headers.cookie = `maillage_session=${session}`;
  const csrf = event.cookies.get('maillage_csrf');
  if (csrf) headers['x-csrf-token'] = csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(origin() + '/api' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 204) return { ok: true, data: undefined as T };
  const payload = await res.json().catch(() => null);
  if (res.ok) return { ok: true, data: payload as T };
  return { ok: false, status: res.status, problem: (payload ?? { type: 'about:blank', title: res.statusText, status: res.status }) as Problem };
}

/** For loads: the data, or SvelteKit's error page with the API's French message. */
export async function getOrFail<T>(event: Pick<RequestEvent, 'cookies' | 'fetch'>, path: string): Promise<T> {
  const result = await callApi<T>(event, 'GET', path);
  if (!result.ok) error(result.status, result.problem.detail ?? result.problem.title);
  return result.data;
}
