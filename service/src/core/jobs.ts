/**
 * What the core knows of background jobs: it can ask for one by name with a payload of ids. The runner
 * (BullMQ on Redis, or in-process on the embedded default) and the registry of handlers live in worker/.
 * A deterministic `jobId` makes a second request for the same work a no-op while the first is pending.
 */
export type EnqueueOptions = { jobId?: string; delayMs?: number; priority?: number };

export interface JobQueue {
  readonly mode: 'in-process' | 'bullmq';
  enqueue(name: string, payload: Record<string, unknown>, options?: EnqueueOptions): Promise<void>;
}
