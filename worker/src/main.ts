/**
 * `npm run worker`: consumes the BullMQ queues on REDIS_URL (any number of these processes side by side),
 * registers the repeatable jobs, and closes cleanly on SIGTERM (the running jobs finish first).
 * Options (tests use them; production needs none): --prefix <redis key prefix> keeps separate runs apart on one
 * Redis, --lock-ms <ms> how soon a dead worker's jobs are handed to another, --no-schedules.
 */
import { parseArgs } from 'node:util';
import { openRuntime } from '../../service/src/bootstrap.ts';
import { loadConfigOrExit } from '../../service/src/config.ts';
import type { CoreDeps } from '../../service/src/core/deps.ts';
import { createLogger } from '../../service/src/logger.ts';
import { createBullmqQueue, startBullmqWorkers, upsertSchedules } from './bullmq.ts';
import { createSmtpSender } from './smtp.ts';

async function main() {
  const config = loadConfigOrExit();
  const log = createLogger(config.logLevel);
  if (!config.redisUrl) {
    log.error('REDIS_URL is not set: without Redis the service runs its jobs in-process and no worker is needed');
    process.exit(2);
  }
  const { values } = parseArgs({
    options: { prefix: { type: 'string', default: 'maillage' }, 'lock-ms': { type: 'string', default: '30000' }, 'no-schedules': { type: 'boolean', default: false } },
  });
  const settings = { prefix: values.prefix, lockDurationMs: Number(values['lock-ms']), isSchedulerEnabled: !values['no-schedules'] };
  const runtime = await openRuntime(config, log);
  const options = { redisUrl: config.redisUrl, prefix: settings.prefix };
  const producer = createBullmqQueue(options, () => deps, log);
  const deps: CoreDeps = { sql: runtime.db.sql, embedder: runtime.embedder, jobs: producer, log };
  const mailer = config.mail.smtpUrl ? createSmtpSender(config.mail.smtpUrl, config.mail.from) : undefined;
  if (settings.isSchedulerEnabled) await upsertSchedules(producer);
  const workers = startBullmqWorkers({ ...options, lockDurationMs: settings.lockDurationMs }, { deps, mailer, publicUrl: config.publicUrl }, log);
  log.info('Maillage worker started', {
    database: runtime.db.location,
    queues: workers.workers.map((w) => w.name),
    prefix: settings.prefix,
    smtp: mailer ? 'on' : 'off (messages wait in the outbox)',
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('worker stopping', { signal });
    await workers.close();
    await producer.close();
    mailer?.close?.();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`Maillage worker failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
