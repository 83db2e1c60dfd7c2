import type { CoreDeps } from '../deps.ts';
import { jobIdOf } from '../jobs.ts';

/**
 * What the write paths call so that scores follow the data. The job id carries the change's time: a change
 * made while an earlier job is pending or running gets its own job instead of being swallowed. A failure to
 * enqueue never fails the user's change (the nightly recompute catches up); it is logged.
 */
export async function requestMissionMatch(deps: Pick<CoreDeps, 'jobs' | 'log'>, missionId: string): Promise<void> {
  await deps.jobs
    .enqueue('mission.match', { missionId }, { jobId: jobIdOf('mission.match', missionId, Date.now()) })
    .catch((err) => deps.log.warn('mission.match not queued', { missionId, err }));
}

/** A citizen's profile changed (or was created): recompute their stored suggestions. */
export async function requestCitizenRescore(deps: Pick<CoreDeps, 'jobs' | 'log'>, citizenId: string): Promise<void> {
  await deps.jobs
    .enqueue('citizen.rescore', { citizenId }, { jobId: jobIdOf('citizen.rescore', citizenId, Date.now()) })
    .catch((err) => deps.log.warn('citizen.rescore not queued', { citizenId, err }));
}
