/**
 * Shared by the API (http/session-cookie.ts) and the web app's server (web/src/lib/server/api.ts), so that both count
 * a visitor at the same address. No Node-only imports.
 */
const isLoopback = (address: string) => /^(127\.|::1$|::ffff:127\.)/.test(address);

/**
 * Where a request comes from, for per-address rate limits. The socket's address is the truth, unless a trusted hop
 * says who connected to it in X-Forwarded-For. Anyone can send that header, so only the entries trusted hops
 * appended count, read from the right:
 * - a loopback peer is believed for one entry: the web app's server-side calls (they carry the visitor's address
 *   alone: web/src/lib/server/api.ts, which applies this same rule to its own requests) and a reverse proxy on
 *   the same host;
 * - with `proxies` = N > 0 (TRUST_PROXY: N reverse proxies in front of the server), the N-th entry from the right,
 *   from any peer; a loopback peer whose header holds fewer entries is the web app, and its one entry counts.
 */
export function clientAddress(socket: string, forwardedFor: string | undefined, proxies = 0): string {
  const entries = (forwardedFor ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  const hops = proxies > 0 && entries.length >= proxies ? proxies : isLoopback(socket) ? 1 : 0;
  return ((hops > 0 ? entries[entries.length - hops] : undefined) ?? socket).slice(0, 100);
}
