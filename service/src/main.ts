import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { createJobQueue } from '../../worker/src/queue.ts';
import { createApp } from './app.ts';
import { openRuntime } from './bootstrap.ts';
import { loadConfigOrExit, redactUrl } from './config.ts';
import type { CoreDeps } from './core/deps.ts';
import { loadDemoIfEmpty } from './demo/load.ts';
import { createLogger } from './logger.ts';
import { loadWebHandler } from './web-frontend.ts';

async function main() {
  const config = loadConfigOrExit();
  const log = createLogger(config.logLevel);
  const runtime = await openRuntime(config, log);
  // With REDIS_URL this process only produces jobs: `npm run worker` (one or more) consumes them.
  const jobs = createJobQueue(config, () => deps, log);
  const deps: CoreDeps = { sql: runtime.db.sql, embedder: runtime.embedder, jobs, log };
  log.info('Maillage starting', {
    database: runtime.db.location,
    queue: config.redisUrl ? 'BullMQ (Redis): run `npm run worker` to consume' : 'in-process',
    embedder: `${runtime.embedder.provider} ${runtime.embedder.id} (${runtime.embedder.dimension} dimensions)`,
    mail: config.mail.smtpUrl ? `SMTP ${redactUrl(config.mail.smtpUrl)}` : config.redisUrl ? 'kept in the outbox (no SMTP_URL)' : 'written to this log (no SMTP_URL)',
    demoData: config.demoData,
  });
  if (config.demoData) await loadDemoIfEmpty(deps, log);

  const api = createApp({ ...deps, config, database: runtime.db });
  const apiListener = getRequestListener(api.fetch);
  const web = await loadWebHandler({ buildIfMissing: config.webBuild }, log);
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/api/') || req.url === '/api' || !web) return apiListener(req, res);
    web(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    });
  });
  server.listen(config.port, config.host, () => log.info(`Maillage listening on http://${config.host}:${config.port} (web app and /api)`));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    server.close();
    server.closeAllConnections();
    await jobs.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`Maillage failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
