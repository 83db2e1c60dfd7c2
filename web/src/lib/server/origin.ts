import type { RequestEvent } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * Same-origin check for form posts (SvelteKit's is switched off, see svelte.config.js): the browser's Origin must
 * name this host — the configured ORIGIN/PUBLIC_URL when there is one, else the Host the request came to.
 */
export function isCrossSiteFormPost(event: Pick<RequestEvent, 'request'>): boolean {
  const { request } = event;
  if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return false;
  const type = request.headers.get('content-type')?.split(';')[0].trim().toLowerCase() ?? '';
  if (!FORM_TYPES.includes(type)) return false;
  const origin = request.headers.get('origin');
  if (!origin) return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true;
  }
  const configured = env.ORIGIN || env.PUBLIC_URL;
  const expected = configured ? new URL(configured).host : request.headers.get('host');
  return originHost !== expected;
}

/** Whether cookies must be Secure: behind HTTPS (configured URL or the proxy's x-forwarded-proto), not on plain HTTP. */
export function isHttps(event: Pick<RequestEvent, 'request'>): boolean {
  const configured = env.ORIGIN || env.PUBLIC_URL;
  if (configured) return configured.startsWith('https://');
  return event.request.headers.get('x-forwarded-proto') === 'https';
}
