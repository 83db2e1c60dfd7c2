import { markRunFailed, markRunFinished, markRunStarted, updateRunProgress } from '../../service/src/core/freshness/job-runs.sql.ts';
import type { CoreDeps } from '../../service/src/core/deps.ts';
import type { MailSender } from '../../service/src/core/freshness/outbox-delivery.ts';
import { isJobName, jobs, type JobContext } from './jobs/index.ts';

/** A payload that does not match its schema, or an unknown job: retrying cannot help. */
export class InvalidJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidJobError';
  }
}

export type JobEnv = { deps: CoreDeps; mailer: MailSender | undefined; publicUrl: string };
export type JobAttempt = {
  id: string;
  name: string;
  payload: unknown;
  attempt: number;
  isFinalAttempt: boolean;
  enqueuedAt: Date;
  /** The runner's own progress channel (BullMQ job.updateProgress); job_runs is written here. */
  onProgress?(ratio: number): Promise<void> | void;
};

const PROGRESS_EVERY_MS = 500;

/** Checks a job before queueing it: the same rules as when it runs. Throws InvalidJobError. */
export function validateJob(name: string, payload: unknown) {
  if (!isJobName(name)) throw new InvalidJobError(`tâche inconnue : ${name}`);
  const parsed = jobs[name].schema.safeParse(payload);
  if (!parsed.success) throw new InvalidJobError(`données invalides pour ${name} : ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return { name, def: jobs[name], data: parsed.data };
}

/**
 * Runs one attempt of a job with the semantics both runners share: the payload is validated (invalid ->
 * InvalidJobError, recorded as failed, never retried), tracked jobs record their run and progress in job_runs,
 * and every failure is recorded (as final or as waiting for a retry).
 */
export async function executeJob(env: JobEnv, job: JobAttempt): Promise<unknown> {
  const sql = env.deps.sql;
  let checked;
  try {
    checked = validateJob(job.name, job.payload);
  } catch (err) {
    await markRunFailed(sql, job.id, job.name.slice(0, 100), job.payload ?? null, job.attempt, (err as Error).message, true);
    env.deps.log.error('invalid job (not retried)', { job: job.name, jobId: job.id, error: (err as Error).message });
    throw err;
  }
  const { def, data } = checked;
  if (def.isTracked) await markRunStarted(sql, job.id, job.name, job.payload, job.attempt);
  let lastWrite = 0;
  const ctx: JobContext = {
    deps: env.deps,
    mailer: env.mailer,
    publicUrl: env.publicUrl,
    enqueuedAt: job.enqueuedAt,
    async reportProgress(done, total, label) {
      const ratio = total > 0 ? Math.min(1, done / total) : 0;
      const now = Date.now();
      if (now - lastWrite < PROGRESS_EVERY_MS && done < total) return;
      lastWrite = now;
      await job.onProgress?.(ratio);
      if (def.isTracked) await updateRunProgress(sql, job.id, ratio, { done, total, label: label ?? null });
    },
  };
  try {
    const result = await def.run(data as never, ctx);
    if (def.isTracked) await markRunFinished(sql, job.id, result ?? null);
    env.deps.log.debug('job completed', { job: job.name, jobId: job.id, attempt: job.attempt });
    return result;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await markRunFailed(sql, job.id, job.name, job.payload, job.attempt, message.slice(0, 2000), job.isFinalAttempt).catch(() => {});
    env.deps.log[job.isFinalAttempt ? 'error' : 'warn']('job failed', { job: job.name, jobId: job.id, attempt: job.attempt, err });
    throw err;
  }
}
