import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Logger } from '../logger.ts';

export type EmbeddedPostgres = { host: string; port: number; db: PGlite; close(): Promise<void> };

/**
 * Starts PGlite (PostgreSQL compiled to WebAssembly, with pgvector) and exposes it on a loopback port
 * so that the same postgres.js code runs against it and against a native server. `template` is a data-dir
 * tarball (PGlite's dumpDataDir) to start from instead of an empty cluster: tests start in ~1 s instead of ~5 s.
 */
export async function startEmbeddedPostgres(dataDir: string | 'memory', log: Logger, template?: Blob): Promise<EmbeddedPostgres> {
  if (dataDir !== 'memory') await mkdir(dataDir, { recursive: true });
  const started = performance.now();
  const db = await PGlite.create({ dataDir: dataDir === 'memory' ? undefined : dataDir, extensions: { vector }, loadDataDir: template });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
  await server.start();
  const [host, port] = splitHostPort(server.getServerConn());
  log.debug('PGlite started', { dataDir, ms: Math.round(performance.now() - started), port });
  return {
    host,
    port,
    db,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}

function splitHostPort(conn: string): [string, number] {
  const i = conn.lastIndexOf(':');
  return [conn.slice(0, i), Number(conn.slice(i + 1))];
}
