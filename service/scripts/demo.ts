/**
 * Loads the demo territory (Bas-Rhin) or a large generated one for benchmarks.
 *
 *   npm run demo                                          small demo, if the database has no territory yet
 *   npm run demo -- --reset                               empty the domain tables, then load the small demo
 *   npm run demo -- --missions 100000 --citizens 100000   scale mode (bulk, for benchmarks); add --reset if needed
 *   options: --seed S (default 67), --associations N, --companies N, --batch N, --size demo|mini
 *
 * DATABASE_URL selects a native PostgreSQL, else the embedded PGlite in DATA_DIR (see service/src/config.ts).
 * Demo accounts share the password "maillage-demo": demo data only, never in production.
 */
import { parseArgs } from 'node:util';
import { createInProcessQueue } from '../../worker/src/in-process.ts';
import { openRuntime } from '../src/bootstrap.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import type { CoreDeps } from '../src/core/deps.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/demo/accounts.ts';
import { countDomainRows, hasTerritory, truncateDomainTables } from '../src/demo/bulk.sql.ts';
import { DEMO_SIZES } from '../src/demo/dataset.ts';
import { loadDemo } from '../src/demo/load.ts';
import { generateAtScale } from '../src/demo/scale.ts';
import { createLogger } from '../src/logger.ts';

const { values } = parseArgs({
  options: {
    missions: { type: 'string' },
    citizens: { type: 'string' },
    associations: { type: 'string' },
    companies: { type: 'string' },
    seed: { type: 'string' },
    batch: { type: 'string' },
    size: { type: 'string' },
    reset: { type: 'boolean', default: false },
  },
});

function count(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 10_000_000) fail(`--${name} attend un entier entre 0 et 10 000 000 (reçu : ${value})`);
  return n;
}

function fail(message: string): never {
  process.stderr.write(`demo: ${message}\n`);
  process.exit(2);
}

async function main() {
  const missions = count('missions', values.missions);
  const citizens = count('citizens', values.citizens);
  const isScale = missions !== undefined || citizens !== undefined;
  const seed = values.seed === undefined ? undefined : /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed;
  const size = values.size === undefined ? DEMO_SIZES.demo : DEMO_SIZES[values.size as keyof typeof DEMO_SIZES];
  if (!size) fail(`--size attend ${Object.keys(DEMO_SIZES).join(' ou ')}`);

  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const log = createLogger(config.logLevel);
  const runtime = await openRuntime(config, log);
  const jobs = createInProcessQueue(() => deps, log);
  const deps: CoreDeps = { sql: runtime.db.sql, embedder: runtime.embedder, jobs, log };
  const started = performance.now();
  try {
    log.info('demo loader', { database: runtime.db.location, embedder: `${runtime.embedder.provider} ${runtime.embedder.id}` });
    if (values.reset) {
      await truncateDomainTables(deps.sql);
      log.info('domain tables emptied (--reset)');
    }
    if (isScale) {
      const before = await countDomainRows(deps.sql);
      if (before.associations + before.missions + before.citizens > 0) fail('la base contient déjà des données : relancez avec --reset pour la vider.');
      const report = await generateAtScale(
        deps,
        { missions: missions ?? 0, citizens: citizens ?? 0, associations: count('associations', values.associations), companies: count('companies', values.companies), seed, batchSize: count('batch', values.batch) },
        (p) => process.stderr.write(`  ${p.phase.padEnd(13)} ${String(p.done).padStart(8)} / ${p.total}  (${(p.ms / 1000).toFixed(1)} s)\n`),
      );
      print('scale mode', report.counts, report.ms);
    } else if (!values.reset && (await hasTerritory(deps.sql))) {
      log.info('the database already has a territory: nothing loaded (use --reset to reload the demo)');
      print('already loaded', await countDomainRows(deps.sql), {});
    } else {
      const report = await loadDemo(deps, log, { seed, size });
      print('small demo', report.counts, { generate: Math.round(report.ms.generate), insertAndEmbed: Math.round(report.ms.insertAndEmbed) });
      process.stdout.write(`\nDemo accounts (password "${DEMO_PASSWORD}", demo data only):\n`);
      for (const a of DEMO_ACCOUNTS) process.stdout.write(`  ${a.email.padEnd(38)} ${a.roleLabel}\n`);
      if (report.skippedAccounts.length) process.stdout.write(`  (not created, no support organisations in this schema: ${report.skippedAccounts.join(', ')})\n`);
    }
    process.stdout.write(`total ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  } finally {
    await jobs.close();
    await runtime.close();
  }
}

function print(title: string, counts: Record<string, number>, ms: Record<string, number>) {
  process.stdout.write(`\n${title}\n`);
  for (const [k, v] of Object.entries(counts)) process.stdout.write(`  ${k.padEnd(14)} ${v}\n`);
  for (const [k, v] of Object.entries(ms)) process.stdout.write(`  ${(k + ' (s)').padEnd(14)} ${(v / 1000).toFixed(1)}\n`);
}

main().catch((err) => {
  process.stderr.write(`demo failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
