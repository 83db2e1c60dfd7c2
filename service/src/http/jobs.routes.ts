import { JobIdParams, JobRun, JobRunFilters, JobStart } from '../contract/jobs.ts';
import { getJobRun, listJobRuns, startJob } from '../core/freshness/job-runs.ts';
import { z } from 'zod';
import type { AppDeps } from './deps.ts';
import { endpoint } from './endpoint.ts';

const TAG = 'Tâches de fond';

export const jobRoutes = (deps: AppDeps) => [
  endpoint({
    method: 'get',
    path: '/jobs',
    summary: 'Dernières tâches de fond enregistrées (longues ou en échec), filtrables par état et nom',
    tag: TAG,
    access: 'staff',
    query: JobRunFilters,
    response: z.object({ items: z.array(JobRun) }),
    handler: ({ actor, query }) => listJobRuns(deps, actor, query),
  }),
  endpoint({
    method: 'get',
    path: '/jobs/:id',
    summary: 'État et progression d’une tâche de fond',
    tag: TAG,
    access: 'staff',
    params: JobIdParams,
    response: JobRun,
    handler: ({ actor, params }) => getJobRun(deps, actor, params.id),
  }),
  endpoint({
    method: 'post',
    path: '/jobs',
    summary: 'Lancer une tâche longue (recalcul des suggestions, ré-encodage, résumés) ; suivre sa progression ensuite',
    tag: TAG,
    access: 'platform-admin',
    body: JobStart,
    response: JobRun,
    status: 202,
    handler: ({ actor, body }) => startJob(deps, actor, body),
  }),
];
