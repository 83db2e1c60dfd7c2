/**
 * What the core knows of background jobs: it can ask for one by name with a payload of ids. The runner
 * (BullMQ on Redis, or in-process on the embedded default) and the registry of handlers live in worker/.
 * A deterministic `jobId` makes a second request for the same work a no-op while the first is pending; put a
 * version in it (e.g. the row's updated_at) when a later change must not be swallowed by a pending job.
 */
export type EnqueueOptions = { jobId?: string; delayMs?: number; priority?: number };

export interface JobQueue {
  readonly mode: 'in-process' | 'bullmq';
  /** Queues a job and returns its id (the given `jobId`, or a generated one), readable in job_runs when tracked. */
  enqueue(name: string, payload: Record<string, unknown>, options?: EnqueueOptions): Promise<string>;
}

/** A job id from its parts, with a separator BullMQ accepts in custom ids (it refuses most ':'). */
export function jobIdOf(name: string, ...parts: (string | number)[]): string {
  return [name, ...parts].join('~');
}
