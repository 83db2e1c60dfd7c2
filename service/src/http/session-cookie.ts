import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
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

const isLoopback = (address: string) => /^(127\.|::1$|::ffff:127\.)/.test(address);

/**
 * Where the request comes from, for per-address rate limits. The socket's address (given by @hono/node-server)
 * is the truth; X-Forwarded-For is believed only from a loopback peer — the web app's server-side calls and a
 * reverse proxy on the same host — and then only its last entry, the one that trusted hop appended. From anyone
 * else it is ignored (anyone can send it).
 */
export function requestMetaOf(c: Context): RequestMeta {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const socket = env?.incoming?.socket?.remoteAddress ?? 'unknown';
  const forwarded = isLoopback(socket) ? c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim().slice(0, 100) : undefined;
  return { address: forwarded || socket, userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null };
}
