/**
 * STAND-IN for `npm start` while the demo loader is being written: the same pieces as service/src/main.ts
 * (runtime, in-process queue, API, SvelteKit build on one port), plus two things only tests need:
 * a small seeded territory and two staff accounts (E2E_STAFF_PASSWORD: organiser@e2e.test, moderator@e2e.test —
 * these roles are granted by a platform admin, which a browser test cannot bootstrap) when the database is empty,
 * and a mail catcher that prints every queued e-mail
 * (`MAIL <recipient> <first link>`) on stdout so a browser test can follow confirmation links.
 */
import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { createInProcessQueue } from '../../../worker/src/in-process.ts';
import { createApp } from '../../../service/src/app.ts';
import { openRuntime } from '../../../service/src/bootstrap.ts';
import { loadConfig } from '../../../service/src/config.ts';
import type { CoreDeps } from '../../../service/src/core/deps.ts';
import { hashPassword } from '../../../service/src/core/accounts/passwords.ts';
import { createUser } from '../../../service/src/core/accounts/users.ts';
import { importTerritory } from '../../../service/src/core/territories/territories.ts';
import { createLogger } from '../../../service/src/logger.ts';
import { loadWebHandler } from '../../../service/src/web-frontend.ts';

const COMMUNES = [
  { insee: '67482', name: 'Strasbourg', postalCode: '67000', lat: 48.5734, lon: 7.7521, population: 290000 },
  { insee: '67180', name: 'Haguenau', postalCode: '67500', lat: 48.8156, lon: 7.7906, population: 35000 },
  { insee: '67447', name: 'Schiltigheim', postalCode: '67300', lat: 48.6072, lon: 7.7497, population: 34000 },
  { insee: '67218', name: 'Illkirch-Graffenstaden', postalCode: '67400', lat: 48.5297, lon: 7.7147, population: 27000 },
  { insee: '67462', name: 'Sélestat', postalCode: '67600', lat: 48.2594, lon: 7.4542, population: 19000 },
  { insee: '67300', name: 'Obernai', postalCode: '67210', lat: 48.4622, lon: 7.4817, population: 11000 },
  { insee: '67043', name: 'Bischwiller', postalCode: '67240', lat: 48.7667, lon: 7.8569, population: 12000 },
  { insee: '67544', name: 'Wissembourg', postalCode: '67160', lat: 49.0372, lon: 7.9456, population: 7500 },
  { insee: '67437', name: 'Saverne', postalCode: '67700', lat: 48.7414, lon: 7.3622, population: 11000 },
  { insee: '67281', name: 'Molsheim', postalCode: '67120', lat: 48.5417, lon: 7.4925, population: 9500 },
];

async function main() {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const runtime = await openRuntime(config, log);
  const jobs = createInProcessQueue(() => deps, log);
  const deps: CoreDeps = { sql: runtime.db.sql, embedder: runtime.embedder, jobs, log };
  const [{ n }] = await deps.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM territories`;
  if (n === 0) {
    await importTerritory(deps, { code: 'bas-rhin', name: 'Bas-Rhin', departement: '67', communes: COMMUNES });
    const password = process.env.E2E_STAFF_PASSWORD;
    if (password) {
      const passwordHash = await hashPassword(password);
      await createUser(deps, { email: 'organiser@e2e.test', displayName: 'Odile Organisatrice', passwordHash, emailVerified: true, isOrganiser: true });
      await createUser(deps, { email: 'moderator@e2e.test', displayName: 'Marc Modérateur', passwordHash, emailVerified: true, isModerator: true });
    }
  }

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
  server.listen(config.port, config.host, () => log.info(`harness listening on http://${config.host}:${config.port}`));

  const printed = new Set<string>();
  setInterval(async () => {
    const rows = await deps.sql<{ id: string; recipient: string; text_body: string }[]>`SELECT id, recipient, text_body FROM outbox ORDER BY created_at`;
    for (const r of rows) {
      if (printed.has(r.id)) continue;
      printed.add(r.id);
      process.stdout.write(`MAIL ${r.recipient} ${r.text_body.match(/https?:\/\/\S+/)?.[0] ?? '-'}\n`);
    }
  }, 300).unref();

  process.on('SIGTERM', async () => {
    server.close();
    server.closeAllConnections();
    await jobs.close();
    await runtime.close();
    process.exit(0);
  });
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err) + '\n');
  process.exit(1);
});
