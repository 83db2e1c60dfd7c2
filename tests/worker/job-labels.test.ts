import { describe, expect, it } from 'vitest';
import { JOB_LABELS, JobStart, STARTABLE_JOBS } from '../../service/src/contract/jobs.ts';
import { jobs } from '../../worker/src/jobs/index.ts';

describe('the administration page’s job names', () => {
  it('labels every job of the registry in French, and no job that is not in it', () => {
    expect(Object.keys(JOB_LABELS).sort()).toEqual(Object.keys(jobs).sort());
  });

  it('offers to start only what POST /api/jobs accepts, each choice once', () => {
    for (const choice of STARTABLE_JOBS) expect(JobStart.parse(choice.start)).toEqual(choice.start);
    expect(new Set(STARTABLE_JOBS.map((c) => c.value)).size).toBe(STARTABLE_JOBS.length);
  });
});
