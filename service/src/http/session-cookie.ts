import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { clientAddress } from '../contract/client-address.ts';
import type { RequestMeta } from '../core/accounts/auth.ts';
import { SESSION_TTL_MS } from '../core/accounts/sessions.ts';

export const SESSION_COOKIE = 'maillage_session';
export const CSRF_HEADER = 'x-csrf-token';

const isHttps = (publicUrl: string) => publicUrl.startsWith('https://');

/** The session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs), Secure behind HTTPS. */
export function setSessionCookie(c: Context, publicUrl: string, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: isHttps(publicUrl),
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function clearSessionCookie(c: Context, publicUrl: string) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(publicUrl), httpOnly: true, sameSite: 'Lax' });
}

/** The session token the request carries: a Bearer token first, else the cookie. */
export function sessionTokenOf(c: Context): string | undefined {
  return c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? getCookie(c, SESSION_COOKIE);
}


/** Who calls, for rate limits and the sessions list: the address (clientAddress's rule) and the browser. */
export function requestMetaOf(c: Context, proxies = 0): RequestMeta {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const socket = env?.incoming?.socket?.remoteAddress ?? 'unknown';
  return { address: clientAddress(socket, c.req.header('x-forwarded-for'), proxies), userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null };
}
