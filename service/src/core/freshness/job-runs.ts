import type { JobRun, JobRunFilters, JobStart } from '../../contract/jobs.ts';
import { isStaff, type Actor } from '../actor.ts';
import type { CoreDeps } from '../deps.ts';
import { Forbidden, NotFound } from '../errors.ts';
import { jobIdOf } from '../jobs.ts';
import { selectJobRun, selectJobRuns, type JobRunRow } from './job-runs.sql.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toJobRun(r: JobRunRow): JobRun {
  const detail = r.progress_detail ?? {};
  return {
    id: r.id,
    name: r.name,
    status: r.status,
    progress: r.progress,
    done: detail.done ?? null,
    total: detail.total ?? null,
    label: detail.label ?? null,
    attempts: r.attempts,
    lastError: r.last_error,
    result: r.result ?? null,
    createdAt: r.created_at.toISOString(),
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
  };
}

function assertStaff(actor: Actor) {
  if (!isStaff(actor)) throw new Forbidden('Réservé à l’équipe de la plateforme.');
}

/** One job's state and progress (platform staff). */
export async function getJobRun(deps: Pick<CoreDeps, 'sql'>, actor: Actor, id: string): Promise<JobRun> {
  assertStaff(actor);
  const row = await selectJobRun(deps.sql, id);
  if (!row) throw new NotFound('Tâche introuvable (seules les tâches longues et les échecs sont conservés).');
  return toJobRun(row);
}

/** The latest recorded jobs, newest first, by state and name (platform staff). */
export async function listJobRuns(deps: Pick<CoreDeps, 'sql'>, actor: Actor, filters: JobRunFilters): Promise<{ items: JobRun[] }> {
  assertStaff(actor);
  const rows = await selectJobRuns(deps.sql, { status: filters.status, name: filters.name, limit: filters.limit });
  return { items: rows.map(toJobRun) };
}

/** Starts a long job by hand (platform administrators); its progress is then read with getJobRun. */
export async function startJob(deps: Pick<CoreDeps, 'sql' | 'jobs'>, actor: Actor, input: JobStart): Promise<JobRun> {
  if (actor.kind !== 'user' || !actor.isPlatformAdmin) throw new Forbidden('Réservé aux administrateurs de la plateforme.');
  const { name, ...payload } = input;
  const payloadWithCutoff = name === 'suggestions.recompute' ? { since: new Date().toISOString() } : payload;
  const id = await deps.jobs.enqueue(name, payloadWithCutoff, { jobId: jobIdOf(name, 'manual', Date.now()) });
  const row = await selectJobRun(deps.sql, id);
  if (!row) throw new NotFound('Tâche introuvable.');
  return toJobRun(row);
}
