import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { CoreDeps } from '../../service/src/core/deps.ts';
import { markRunFailed, upsertQueuedRun } from '../../service/src/core/freshness/job-runs.sql.ts';
import type { EnqueueOptions, JobQueue } from '../../service/src/core/jobs.ts';
import type { Logger } from '../../service/src/logger.ts';
import { InvalidJobError, executeJob, validateJob, type JobEnv } from './execute.ts';
import { QUEUE_NAMES, SCHEDULES, SCHEDULE_TIMEZONE, jobs, type QueueName } from './jobs/index.ts';

export type BullmqOptions = { redisUrl: string; prefix?: string };
export type BullmqQueue = JobQueue & { queues: Record<QueueName, Queue>; close(): Promise<void> };

const connectionOf = (redisUrl: string): ConnectionOptions => ({ url: redisUrl, maxRetriesPerRequest: null });
// Completed jobs are removed so a deterministic id can be asked for again; failed ones stay a week for inspection.
const KEEP_FAILED = { age: 7 * 86_400, count: 5000 };

/** The producer side on Redis: the service enqueues here and any number of worker/ processes consume. */
export function createBullmqQueue(options: BullmqOptions, getDeps: () => Pick<CoreDeps, 'sql'>, log: Logger): BullmqQueue {
  const prefix = options.prefix ?? 'maillage';
  const queues = Object.fromEntries(
    QUEUE_NAMES.map((q) => [q, new Queue(q, { connection: connectionOf(options.redisUrl), prefix })]),
  ) as Record<QueueName, Queue>;
  return {
    mode: 'bullmq',
    queues,
    async enqueue(name: string, payload: Record<string, unknown>, opts: EnqueueOptions = {}) {
      let checked;
      try {
        checked = validateJob(name, payload);
      } catch (err) {
        const id = opts.jobId ?? `${name}~invalid~${Date.now()}`;
        log.error('invalid job refused', { job: name, jobId: id, error: (err as Error).message });
        await markRunFailed(getDeps().sql, id, name.slice(0, 100), payload, 0, (err as Error).message, true);
        return id;
      }
      const { def } = checked;
      if (def.isTracked && opts.jobId) await upsertQueuedRun(getDeps().sql, opts.jobId, name, payload);
      const job = await queues[def.queue].add(name, payload, {
        jobId: opts.jobId,
        delay: opts.delayMs,
        priority: opts.priority,
        attempts: def.attempts,
        backoff: { type: 'exponential', delay: def.backoffMs },
        removeOnComplete: true,
        removeOnFail: KEEP_FAILED,
      });
      if (def.isTracked && !opts.jobId) await upsertQueuedRun(getDeps().sql, job.id!, name, payload);
      return job.id!;
    },
    async close() {
      await Promise.all(Object.values(queues).map((q) => q.close()));
    },
  };
}

/** Registers the repeatable jobs (nightly recompute, digests, outbox sweep); idempotent, any process may call it. */
export async function upsertSchedules(queue: BullmqQueue) {
  for (const s of SCHEDULES) {
    const def = jobs[s.name];
    await queue.queues[def.queue].upsertJobScheduler(
      s.id,
      { pattern: s.cron, tz: SCHEDULE_TIMEZONE },
      { name: s.name, data: s.payload, opts: { attempts: def.attempts, backoff: { type: 'exponential', delay: def.backoffMs }, removeOnComplete: true, removeOnFail: KEEP_FAILED } },
    );
  }
}

export type BullmqWorkers = { workers: Worker[]; close(): Promise<void> };

/**
 * One BullMQ Worker per queue, running the registry's handlers. A worker killed mid-job loses its lock; BullMQ
 * hands the job to another worker (stalled-job check), which is why every handler is idempotent.
 */
export function startBullmqWorkers(options: BullmqOptions & { concurrency?: Partial<Record<QueueName, number>>; lockDurationMs?: number }, env: JobEnv, log: Logger): BullmqWorkers {
  const prefix = options.prefix ?? 'maillage';
  const process = async (job: Job) => {
    try {
      return await executeJob(env, {
        id: job.id!,
        name: job.name,
        payload: job.data,
        attempt: job.attemptsMade + 1,
        isFinalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
        enqueuedAt: new Date(job.timestamp),
        onProgress: (ratio) => job.updateProgress(Math.round(ratio * 100)),
      });
    } catch (err) {
      if (err instanceof InvalidJobError) throw new UnrecoverableError(err.message);
      throw err;
    }
  };
  const workers = QUEUE_NAMES.map((q) => {
    const w = new Worker(q, process, {
      connection: connectionOf(options.redisUrl),
      prefix,
      concurrency: options.concurrency?.[q] ?? (q === 'realtime' ? 4 : 1),
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: Math.max(1000, Math.round((options.lockDurationMs ?? 30_000) / 2)),
    });
    w.on('error', (err) => log.error('worker error', { queue: q, err }));
    return w;
  });
  return {
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
