import type { CoreDeps } from '../../service/src/core/deps.ts';
import type { EnqueueOptions, JobQueue } from '../../service/src/core/jobs.ts';
import type { Logger } from '../../service/src/logger.ts';
import { isJobName, jobs } from './jobs/index.ts';

export type InProcessQueue = JobQueue & { drain(): Promise<void>; close(): Promise<void> };

/**
 * The embedded default's runner: the same handlers as the BullMQ worker, run one at a time in this process,
 * with retries and backoff. A deterministic jobId that is already queued is not queued twice.
 */
export function createInProcessQueue(getDeps: () => CoreDeps, log: Logger, options: { attempts?: number; backoffMs?: number } = {}): InProcessQueue {
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 500;
  const queue: { name: string; payload: unknown; jobId?: string }[] = [];
  const queuedIds = new Set<string>();
  let running: Promise<void> | null = null;
  let closed = false;

  async function runOne(name: string, payload: unknown) {
    if (!isJobName(name)) throw new Error(`unknown job ${name}`);
    const def = jobs[name];
    const parsed = def.schema.safeParse(payload);
    if (!parsed.success) {
      log.error('invalid job payload (not retried)', { job: name, issues: parsed.error.issues });
      return;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await def.run(parsed.data as never, { deps: getDeps(), reportProgress: async () => {} });
        return;
      } catch (err) {
        if (attempt >= attempts || closed) {
          log.error('job failed', { job: name, attempt, err });
          return;
        }
        await new Promise((r) => setTimeout(r, backoffMs * 2 ** (attempt - 1)));
      }
    }
  }

  async function pump() {
    while (queue.length && !closed) {
      const job = queue.shift()!;
      if (job.jobId) queuedIds.delete(job.jobId);
      await runOne(job.name, job.payload);
    }
    running = null;
  }

  return {
    mode: 'in-process',
    async enqueue(name: string, payload: Record<string, unknown>, opts: EnqueueOptions = {}) {
      if (!isJobName(name)) throw new Error(`unknown job ${name}`);
      if (closed) return;
      if (opts.jobId && queuedIds.has(opts.jobId)) return;
      if (opts.jobId) queuedIds.add(opts.jobId);
      const push = () => {
        queue.push({ name, payload, jobId: opts.jobId });
        running ??= pump();
      };
      if (opts.delayMs) setTimeout(push, opts.delayMs).unref();
      else push();
    },
    async drain() {
      while (running) await running;
    },
    async close() {
      closed = true;
      await running;
    },
  };
}
