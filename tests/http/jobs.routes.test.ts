import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_TARGETS } from '../support/databases.ts';
import { createTestContext, jsonRequest, signIn, type TestContext } from '../support/context.ts';

describe.each(DATABASE_TARGETS)('jobs routes (%s)', (target) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(target);
  });
  afterAll(() => ctx?.close());

  it('lets an administrator start a long job and follow its progress to completion', async () => {
    const admin = await signIn(ctx, { isPlatformAdmin: true });
    const started = await ctx.app.request('/api/jobs', jsonRequest('POST', { name: 'suggestions.recompute' }, admin.headers));
    expect(started.status).toBe(202);
    const run = (await started.json()) as { id: string; status: string; name: string };
    expect(run.name).toBe('suggestions.recompute');
    expect(['queued', 'running', 'completed']).toContain(run.status);
    await ctx.jobs.drain();
    const res = await ctx.app.request(`/api/jobs/${encodeURIComponent(run.id)}`, { headers: admin.headers });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: run.id, status: 'completed', progress: 1 });
    const list = await ctx.app.request('/api/jobs?status=completed&name=suggestions.recompute', { headers: admin.headers });
    expect(((await list.json()) as { items: { id: string }[] }).items.map((j) => j.id)).toContain(run.id);
  });

  it('lets an administrator re-partition the missions (below the threshold: no cells, and says so)', async () => {
    const admin = await signIn(ctx, { isPlatformAdmin: true });
    const started = await ctx.app.request('/api/jobs', jsonRequest('POST', { name: 'missions.cluster' }, admin.headers));
    expect(started.status).toBe(202);
    const run = (await started.json()) as { id: string };
    await ctx.jobs.drain();
    const res = await ctx.app.request(`/api/jobs/${encodeURIComponent(run.id)}`, { headers: admin.headers });
    expect(await res.json()).toMatchObject({ status: 'completed', result: { cells: 0, sampled: 0 } });
  });

  it('shows failed jobs with their reason, answers 404 for an unknown id and 422 for an unknown job', async () => {
    const admin = await signIn(ctx, { isPlatformAdmin: true });
    const id = await ctx.deps.jobs.enqueue('citizen.rescore', { citizenId: 'pas-un-uuid' });
    const failed = await ctx.app.request(`/api/jobs/${encodeURIComponent(id)}`, { headers: admin.headers });
    expect(await failed.json()).toMatchObject({ status: 'failed', attempts: 0 });
    expect((await ctx.app.request('/api/jobs/inconnue', { headers: admin.headers })).status).toBe(404);
    expect((await ctx.app.request('/api/jobs', jsonRequest('POST', { name: 'citizen.teleport' }, admin.headers))).status).toBe(422);
  });

  it('refuses the list to non-staff and starting a job to a moderator', async () => {
    const citizen = await signIn(ctx);
    expect((await ctx.app.request('/api/jobs', { headers: citizen.headers })).status).toBe(403);
    expect((await ctx.app.request('/api/jobs')).status).toBe(401);
    const moderator = await signIn(ctx, { isModerator: true });
    expect((await ctx.app.request('/api/jobs', { headers: moderator.headers })).status).toBe(200);
    expect((await ctx.app.request('/api/jobs', jsonRequest('POST', { name: 'suggestions.recompute' }, moderator.headers))).status).toBe(403);
  });
});
