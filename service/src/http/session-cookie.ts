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
 * Where a request comes from, for per-address rate limits. The socket's address is the truth, unless a trusted hop
 * says who connected to it in X-Forwarded-For. Anyone can send that header, so only the entries trusted hops
 * appended count, read from the right:
 * - a loopback peer is believed for one entry: the web app's server-side calls (they carry the visitor's address
 *   alone, web/src/lib/server/api.ts) and a reverse proxy on the same host;
 * - with `proxies` = N > 0 (TRUST_PROXY: N reverse proxies in front of the server), the N-th entry from the right,
 *   from any peer; a loopback peer whose header holds fewer entries is the web app, and its one entry counts.
 */
export function clientAddress(socket: string, forwardedFor: string | undefined, proxies = 0): string {
  const entries = (forwardedFor ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  const hops = proxies > 0 && entries.length >= proxies ? proxies : isLoopback(socket) ? 1 : 0;
  return ((hops > 0 ? entries[entries.length - hops] : undefined) ?? socket).slice(0, 100);
}

export function requestMetaOf(c: Context, proxies = 0): RequestMeta {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const socket = env?.incoming?.socket?.remoteAddress ?? 'unknown';
  return { address: clientAddress(socket, c.req.header('x-forwarded-for'), proxies), userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null };
}
