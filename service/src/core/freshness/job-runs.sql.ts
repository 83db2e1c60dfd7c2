import type { Queryable } from '../../db/database.ts';

export type JobRunRow = {
  id: string;
  name: string;
  payload: unknown;
  status: 'queued' | 'running' | 'completed' | 'failed';
  progress: number;
  progress_detail: { done?: number; total?: number; label?: string } | null;
  attempts: number;
  last_error: string | null;
  result: unknown;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  updated_at: Date;
};

export async function upsertQueuedRun(sql: Queryable, id: string, name: string, payload: unknown) {
  // A finished run with the same id is started afresh: the same work was asked for again.
  await sql`
    INSERT INTO job_runs (id, name, payload) VALUES (${id}, ${name}, ${sql.json(payload as never)})
    ON CONFLICT (id) DO UPDATE SET status = 'queued', payload = EXCLUDED.payload, updated_at = now()
      WHERE job_runs.status IN ('completed', 'failed')`;
}

export async function markRunStarted(sql: Queryable, id: string, name: string, payload: unknown, attempt: number) {
  await sql`
    INSERT INTO job_runs (id, name, payload, status, attempts, started_at)
    VALUES (${id}, ${name}, ${sql.json(payload as never)}, 'running', ${attempt}, now())
    ON CONFLICT (id) DO UPDATE SET status = 'running', attempts = ${attempt}, started_at = now(), finished_at = NULL,
      updated_at = now()`;
}

export async function updateRunProgress(sql: Queryable, id: string, progress: number, detail: unknown) {
  await sql`
    UPDATE job_runs SET progress = ${Math.max(0, Math.min(1, progress))}, progress_detail = ${detail === null ? null : sql.json(detail as never)},
      updated_at = now()
    WHERE id = ${id}`;
}

export async function markRunFinished(sql: Queryable, id: string, result: unknown) {
  await sql`
    UPDATE job_runs SET status = 'completed', progress = 1, result = ${result === undefined ? null : sql.json(result as never)},
      last_error = NULL, finished_at = now(), updated_at = now()
    WHERE id = ${id}`;
}

/** Records a failure; `isFinal` false means a retry is scheduled (the run stays queued). */
export async function markRunFailed(sql: Queryable, id: string, name: string, payload: unknown, attempt: number, error: string, isFinal: boolean) {
  const status = isFinal ? 'failed' : 'queued';
  await sql`
    INSERT INTO job_runs (id, name, payload, status, attempts, last_error, finished_at)
    VALUES (${id}, ${name}, ${sql.json((payload ?? null) as never)}, ${status}, ${attempt}, ${error}, ${isFinal ? new Date() : null})
    ON CONFLICT (id) DO UPDATE SET status = ${status}, attempts = ${attempt}, last_error = ${error},
      finished_at = ${isFinal ? new Date() : null}, updated_at = now()`;
}

export async function selectJobRun(sql: Queryable, id: string): Promise<JobRunRow | undefined> {
  const [row] = await sql<JobRunRow[]>`SELECT * FROM job_runs WHERE id = ${id}`;
  return row;
}

export async function selectJobRuns(sql: Queryable, f: { status?: string; name?: string; limit: number; before?: Date }): Promise<JobRunRow[]> {
  return sql<JobRunRow[]>`
    SELECT * FROM job_runs
    WHERE (${f.status ?? null}::text IS NULL OR status = ${f.status ?? null})
      AND (${f.name ?? null}::text IS NULL OR name = ${f.name ?? null})
      AND (${f.before ?? null}::timestamptz IS NULL OR created_at < ${f.before ?? null})
    ORDER BY created_at DESC
    LIMIT ${f.limit}`;
}
