/**
 * Operators' tool for background jobs (progress bars read job_runs, whichever runner does the work).
 *   npx tsx service/scripts/jobs.ts list [--status failed] [--name mission.match]   the latest recorded runs
 *   npx tsx service/scripts/jobs.ts run suggestions.recompute                       start a long job and follow it
 *   npx tsx service/scripts/jobs.ts run embeddings.reembed [--force]
 *   npx tsx service/scripts/jobs.ts run missions.cluster                            re-partition the missions (nightly too)
 *   npx tsx service/scripts/jobs.ts run digest.send --frequency daily|weekly
 *   npx tsx service/scripts/jobs.ts watch <job id>                                  follow a running job
 * With REDIS_URL the job is queued for the worker processes (`npm run worker`); without it, it runs here.
 */
import { parseArgs } from 'node:util';
import { JobStart } from '../src/contract/jobs.ts';
import { openRuntime } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import type { CoreDeps } from '../src/core/deps.ts';
import { selectJobRun, selectJobRuns } from '../src/core/freshness/job-runs.sql.ts';
import { jobIdOf } from '../src/core/jobs.ts';
import type { Sql } from '../src/db/database.ts';
import { createLogger } from '../src/logger.ts';
import { createJobQueue } from '../../worker/src/queue.ts';
import { createProgressBar } from './lib/progress.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    status: { type: 'string' },
    name: { type: 'string' },
    force: { type: 'boolean', default: false },
    frequency: { type: 'string', default: 'daily' },
  },
});

async function follow(sql: Sql, id: string): Promise<boolean> {
  const bar = createProgressBar(id);
  for (;;) {
    const run = await selectJobRun(sql, id);
    if (!run) throw new Error(`job ${id} not found in job_runs`);
    const total = run.progress_detail?.total ?? 100;
    const done = run.progress_detail?.done ?? Math.round(run.progress * 100);
    bar.update(run.status === 'completed' ? total : done, total, `${run.status}${run.progress_detail?.label ? ` ${run.progress_detail.label}` : ''}`);
    if (run.status === 'completed' || run.status === 'failed') {
      bar.finish();
      process.stdout.write(run.status === 'completed' ? `done: ${JSON.stringify(run.result)}\n` : `failed after ${run.attempts} attempt(s): ${run.last_error}\n`);
      return run.status === 'completed';
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function main() {
  const [command, arg] = positionals;
  const config = loadConfig();
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const runtime = await openRuntime(config, log);
  const jobs = createJobQueue(config, () => deps, log);
  const deps: CoreDeps = { sql: runtime.db.sql, embedder: runtime.embedder, jobs, log };
  let ok = true;
  try {
    if (command === 'list') {
      for (const r of await selectJobRuns(runtime.db.sql, { status: values.status, name: values.name, limit: 50 })) {
        process.stdout.write(`${r.created_at.toISOString()}  ${r.status.padEnd(9)} ${(r.progress * 100).toFixed(0).padStart(3)}%  ${r.id}${r.last_error ? `  (${r.last_error})` : ''}\n`);
      }
    } else if (command === 'run') {
      const input = JobStart.parse({ name: arg, force: values.force, frequency: values.frequency });
      const { name, ...payload } = input;
      const body = name === 'suggestions.recompute' ? { since: new Date().toISOString() } : payload;
      const id = await jobs.enqueue(name, body, { jobId: jobIdOf(name, 'cli', Date.now()) });
      ok = await follow(runtime.db.sql, id);
    } else if (command === 'watch' && arg) {
      ok = await follow(runtime.db.sql, arg);
    } else {
      process.stdout.write('usage: jobs.ts list [--status s] [--name n] | run <suggestions.recompute|missions.cluster|embeddings.reembed|digest.send> [--force] [--frequency f] | watch <id>\n');
    }
  } finally {
    await jobs.close();
    await runtime.close();
  }
  process.exit(ok ? 0 : 1);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
