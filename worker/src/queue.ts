import type { Config } from '../../service/src/config.ts';
import type { CoreDeps } from '../../service/src/core/deps.ts';
import type { JobQueue } from '../../service/src/core/jobs.ts';
import type { Logger } from '../../service/src/logger.ts';
import { createBullmqQueue } from './bullmq.ts';
import { createInProcessQueue } from './in-process.ts';
import { startInProcessScheduler } from './schedule.ts';
import { createLogSender, createSmtpSender } from './smtp.ts';

export type ServiceQueue = JobQueue & { close(): Promise<void> };

/**
 * The service's queue: with REDIS_URL, a BullMQ producer only (the worker/ processes consume, `npm run worker`);
 * without it, the in-process runner with its scheduler (embedded default, one process does everything).
 */
export function createJobQueue(config: Config, getDeps: () => CoreDeps, log: Logger): ServiceQueue {
  if (config.redisUrl) return createBullmqQueue({ redisUrl: config.redisUrl }, getDeps, log);
  const mailer = config.mail.smtpUrl ? createSmtpSender(config.mail.smtpUrl, config.mail.from) : createLogSender(log);
  const queue = createInProcessQueue(getDeps, log, { mailer, publicUrl: config.publicUrl });
  const scheduler = startInProcessScheduler(queue, log);
  return {
    mode: queue.mode,
    enqueue: queue.enqueue,
    async close() {
      scheduler.stop();
      await queue.close();
      mailer?.close?.();
    },
  };
}
