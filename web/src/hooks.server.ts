import type { Handle } from '@sveltejs/kit';
import type { Me } from '$contract/accounts.ts';
import { isCrossSiteFormPost } from '$lib/server/origin.ts';
import { CSRF_COOKIE, SESSION_COOKIE, callApi, clearSession, refreshCsrf } from '$lib/server/api.ts';

/** Who is calling: one loopback call to GET /api/me when the browser carries a session cookie. */
export const handle: Handle = async ({ event, resolve }) => {
  if (isCrossSiteFormPost(event)) return new Response('Envoi de formulaire refusé : il ne vient pas de ce site.', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  event.locals.me = null;
  if (event.cookies.get(SESSION_COOKIE)) {
    const result = await callApi<Me>(event, 'GET', '/me');
    if (result.ok) {
      event.locals.me = result.data;
      // The CSRF token belongs to the session: keep the cookie in step if it was lost or rotated.
      if (result.data.csrfToken && event.cookies.get(CSRF_COOKIE) !== result.data.csrfToken) refreshCsrf(event, result.data.csrfToken);
    } else if (result.status === 401) {
      clearSession(event);
    }
  }
  const response = await resolve(event);
  if (event.locals.me) response.headers.set('cache-control', 'private, no-store');
  return response;
};
