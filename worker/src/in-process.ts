import { randomUUID } from 'node:crypto';
import type { CoreDeps } from '../../service/src/core/deps.ts';
import { markRunFailed, upsertQueuedRun } from '../../service/src/core/freshness/job-runs.sql.ts';
import type { MailSender } from '../../service/src/core/freshness/outbox-delivery.ts';
import type { EnqueueOptions, JobQueue } from '../../service/src/core/jobs.ts';
import type { Logger } from '../../service/src/logger.ts';
import { InvalidJobError, executeJob, validateJob } from './execute.ts';
import { jobs, type JobName } from './jobs/index.ts';

export type InProcessQueue = JobQueue & {
  /** Resolves when nothing is queued, running or waiting for a retry (delayed jobs included). */
  drain(): Promise<void>;
  close(): Promise<void>;
};

export type InProcessOptions = {
  /** Override every job's attempts / first backoff (tests). */
  attempts?: number;
  backoffMs?: number;
  mailer?: MailSender;
  publicUrl?: string;
};

type Pending = { id: string; name: JobName; payload: unknown; attempt: number; enqueuedAt: Date };

/**
 * The embedded default's runner: the same handlers and rules as the BullMQ worker (validation, job_runs,
 * retries with exponential backoff, invalid payloads failed without retry, a pending job id not queued twice),
 * one job at a time in this process, realtime jobs before batch jobs. Nothing survives a restart here: the
 * nightly recompute and the outbox sweep catch up what a crash lost.
 */
export function createInProcessQueue(getDeps: () => CoreDeps, log: Logger, options: InProcessOptions = {}): InProcessQueue {
  const lanes: Record<'realtime' | 'batch', Pending[]> = { realtime: [], batch: [] };
  const pendingIds = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  let running: Promise<void> | null = null;
  let closed = false;
  const idle: (() => void)[] = [];

  const isIdle = () => !running && timers.size === 0 && lanes.realtime.length === 0 && lanes.batch.length === 0;
  const notifyIdle = () => {
    if (isIdle()) for (const resolve of idle.splice(0)) resolve();
  };

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
      notifyIdle();
    }, ms);
    t.unref();
    timers.add(t);
  };

  function push(job: Pending) {
    if (closed) return;
    lanes[jobs[job.name].queue].push(job);
    running ??= pump();
  }

  async function runOne(job: Pending) {
    const def = jobs[job.name];
    const attempts = options.attempts ?? def.attempts;
    const env = { deps: getDeps(), mailer: options.mailer, publicUrl: options.publicUrl ?? 'http://localhost:3000' };
    try {
      await executeJob(env, { ...job, isFinalAttempt: job.attempt >= attempts });
      pendingIds.delete(job.id);
    } catch (err) {
      if (err instanceof InvalidJobError || job.attempt >= attempts || closed) {
        pendingIds.delete(job.id);
        return;
      }
      const backoff = (options.backoffMs ?? def.backoffMs) * 2 ** (job.attempt - 1);
      later(backoff, () => push({ ...job, attempt: job.attempt + 1 }));
    }
  }

  async function pump() {
    for (;;) {
      const job = lanes.realtime.shift() ?? lanes.batch.shift();
      if (!job || closed) break;
      await runOne(job).catch((err) => log.error('in-process job runner failed', { job: job.name, err }));
    }
    running = null;
    notifyIdle();
  }

  return {
    mode: 'in-process',
    async enqueue(name: string, payload: Record<string, unknown>, opts: EnqueueOptions = {}) {
      const id = opts.jobId ?? `${name}~${randomUUID()}`;
      try {
        validateJob(name, payload);
      } catch (err) {
        // Visible, not retried, and not thrown: a bad request for background work must not fail the user's action.
        log.error('invalid job refused', { job: name, jobId: id, error: (err as Error).message });
        await markRunFailed(getDeps().sql, id, name.slice(0, 100), payload, 0, (err as Error).message, true);
        return id;
      }
      if (closed || pendingIds.has(id)) return id;
      pendingIds.add(id);
      const jobName = name as JobName;
      if (jobs[jobName].isTracked) await upsertQueuedRun(getDeps().sql, id, name, payload);
      const job: Pending = { id, name: jobName, payload, attempt: 1, enqueuedAt: new Date() };
      if (opts.delayMs) later(opts.delayMs, () => push(job));
      else push(job);
      return id;
    },
    drain() {
      return isIdle() ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve));
    },
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await running;
      notifyIdle();
    },
  };
}
