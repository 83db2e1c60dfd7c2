import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Schedule } from '../../service/src/contract/speed-dating.ts';
import type { SpeedDatingSession } from '../../service/src/contract/speed-dating-sessions.ts';
import { DATABASE_TARGETS } from '../support/databases.ts';
import { createTestContext, jsonRequest, seedTerritory, signIn, type TestContext } from '../support/context.ts';
import { sirenFrom } from '../support/identifiers.ts';


describe.each(DATABASE_TARGETS)('speed-dating routes (%s)', (target) => {
  let ctx: TestContext;
  let territory: Awaited<ReturnType<typeof seedTerritory>>;
  let organiser: Awaited<ReturnType<typeof signIn>>;
  let assoAdmin: Awaited<ReturnType<typeof signIn>>;
  let companyAdmin: Awaited<ReturnType<typeof signIn>>;
  const associationIds: string[] = [];
  const companyIds: string[] = [];

  beforeAll(async () => {
    ctx = await createTestContext(target);
    territory = await seedTerritory(ctx);
    organiser = await signIn(ctx, { isOrganiser: true });
    assoAdmin = await signIn(ctx);
    companyAdmin = await signIn(ctx);
    for (let i = 0; i < 4; i++) {
      const res = await ctx.app.request(
        '/api/associations',
        jsonRequest('POST', { rna: `W67300000${i}`, name: `Association ${i}`, purpose: 'Aide alimentaire et lien social', communeInsee: territory.communes[0].insee }, assoAdmin.headers),
      );
      associationIds.push(((await res.json()) as { id: string }).id);
      const company = await ctx.app.request(
        '/api/companies',
        jsonRequest('POST', { siren: sirenFrom(`5500000${i}`), name: `Entreprise ${i}`, sector: 'Services', communeInsee: territory.communes[1].insee }, companyAdmin.headers),
      );
      expect(company.status).toBe(201);
      companyIds.push(((await company.json()) as { id: string }).id);
    }
  });
  afterAll(() => ctx?.close());

  async function newSession(body: Record<string, unknown> = {}) {
    const res = await ctx.app.request(
      '/api/speed-dating/sessions',
      jsonRequest('POST', { territoryId: territory.id, title: 'Speed-dating de Haguenau', date: '2026-12-10', startTime: '14:00', roundMinutes: 8, breakMinutes: 2, rounds: 4, tables: ['A', 'B', 'C'], minMeetings: 2, ...body }, organiser.headers),
    );
    expect(res.status).toBe(201);
    return (await res.json()) as SpeedDatingSession;
  }

  async function register(sessionId: string, body: Record<string, unknown>, headers = organiser.headers) {
    return ctx.app.request(`/api/speed-dating/sessions/${sessionId}/participants`, jsonRequest('POST', body, headers));
  }

  it('lets an organiser build a session, generate an optimal schedule and hand out agendas as .ics', async () => {
    const session = await newSession();
    for (const id of associationIds) expect((await register(session.id, { associationId: id })).status).toBe(201);
    for (const id of companyIds.slice(0, 3)) expect((await register(session.id, { companyId: id })).status).toBe(201);
    // A company admin registers their own company while the session is a draft, arriving late.
    const self = await register(session.id, { companyId: companyIds[3], firstRound: 3 }, companyAdmin.headers);
    expect(self.status).toBe(201);
    const full = (await self.json()) as SpeedDatingSession;
    const assoP = full.participants.filter((p) => p.side === 'association');
    const compP = full.participants.filter((p) => p.side === 'company');

    // The association says "non merci" to company 0 and "must" to company 1.
    const prefs = [
      { fromParticipantId: assoP[0].id, toParticipantId: compP[0].id, level: 'no' },
      { fromParticipantId: assoP[0].id, toParticipantId: compP[1].id, level: 'must' },
    ];
    for (const p of prefs) {
      const res = await ctx.app.request(`/api/speed-dating/sessions/${session.id}/preferences`, jsonRequest('PUT', p, assoAdmin.headers));
      expect(res.status).toBe(200);
    }

    const generated = await ctx.app.request(`/api/speed-dating/sessions/${session.id}/schedule`, { method: 'POST', headers: organiser.headers });
    expect(generated.status).toBe(201);
    const { version, schedule } = (await generated.json()) as { version: number; schedule: Schedule };
    expect(version).toBe(1);
    expect(schedule.certificate.upperBound).toBeGreaterThanOrEqual(schedule.certificate.objective - 1e-6);
    const pair = (a: string, c: string) => schedule.meetings.find((m) => m.associationId === a && m.companyId === c);
    expect(pair(assoP[0].id, compP[0].id)).toBeUndefined();
    expect(pair(assoP[0].id, compP[1].id)).toBeDefined();
    for (const m of schedule.meetings.filter((x) => x.companyId === compP[3].id)) expect(m.round).toBeGreaterThanOrEqual(3);
    for (let r = 1; r <= 4; r++) {
      const inRound = schedule.meetings.filter((m) => m.round === r);
      expect(inRound.length).toBeLessThanOrEqual(3);
      const people = inRound.flatMap((m) => [m.associationId, m.companyId]);
      expect(new Set(people).size).toBe(people.length);
    }
    expect(schedule.unscheduled.find((u) => u.associationId === assoP[0].id && u.companyId === compP[0].id)?.reason).toBe('declined');

    const agenda = await ctx.app.request(`/api/speed-dating/sessions/${session.id}/agendas/${assoP[0].id}`, { headers: assoAdmin.headers });
    expect(agenda.status).toBe(200);
    const ics = await ctx.app.request(`/api/speed-dating/sessions/${session.id}/agendas/${assoP[0].id}/ics`, { headers: assoAdmin.headers });
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    const text = await ics.text();
    expect(text).toContain('BEGIN:VCALENDAR\r\n');
    expect(text.match(/BEGIN:VEVENT/g)?.length).toBe(schedule.meetings.filter((m) => m.associationId === assoP[0].id).length);

    // On the day: company 2 does not come; rounds 3-4 are re-planned, rounds 1-2 stay as they were.
    const replanned = await ctx.app.request(`/api/speed-dating/sessions/${session.id}/replan`, jsonRequest('POST', { fromRound: 3, noShows: [compP[2].id] }, organiser.headers));
    expect(replanned.status).toBe(201);
    const after = (await replanned.json()) as { version: number; schedule: Schedule };
    expect(after.version).toBe(2);
    const early = (s: Schedule) => s.meetings.filter((m) => m.round < 3).map((m) => `${m.round}:${m.associationId}:${m.companyId}`).sort();
    expect(early(after.schedule)).toEqual(early(schedule));
    expect(after.schedule.meetings.filter((m) => m.round >= 3 && m.companyId === compP[2].id)).toEqual([]);
    expect(after.schedule.changes?.fromRound).toBe(3);
  });

  it('keeps the public, participants and strangers apart', async () => {
    const session = await newSession();
    await register(session.id, { associationId: associationIds[0] });
    await register(session.id, { companyId: companyIds[0] });
    await ctx.app.request(`/api/speed-dating/sessions/${session.id}/schedule`, { method: 'POST', headers: organiser.headers });
    const publicView = (await (await ctx.app.request(`/api/speed-dating/sessions/${session.id}`)).json()) as SpeedDatingSession;
    expect(publicView.schedule).toBeNull();
    expect(publicView.participants.length).toBe(2);
    const stranger = await signIn(ctx);
    const participantId = publicView.participants[0].id;
    expect((await ctx.app.request(`/api/speed-dating/sessions/${session.id}/agendas/${participantId}`, { headers: stranger.headers })).status).toBe(403);
    expect((await ctx.app.request(`/api/speed-dating/sessions/${session.id}/schedule`, { method: 'POST', headers: stranger.headers })).status).toBe(403);
    expect((await ctx.app.request(`/api/speed-dating/sessions/${session.id}/schedule`, { method: 'POST' })).status).toBe(401);
    const notOrganiser = await ctx.app.request(
      '/api/speed-dating/sessions',
      jsonRequest('POST', { territoryId: territory.id, title: 'Pirate', date: '2026-12-10', startTime: '14:00', roundMinutes: 8, rounds: 4, tables: ['A'] }, stranger.headers),
    );
    expect(notOrganiser.status).toBe(403);
    // Registering someone else's organisation is the organiser's job.
    expect((await register(session.id, { associationId: associationIds[1] }, stranger.headers)).status).toBe(403);
  });

  it('answers problem+json for bad input', async () => {
    const bad = await ctx.app.request(
      '/api/speed-dating/sessions',
      jsonRequest('POST', { territoryId: territory.id, title: 'X', date: '2026-13-40', startTime: '25:00', roundMinutes: 8, rounds: 0, tables: ['A', 'A'] }, organiser.headers),
    );
    expect(bad.status).toBe(422);
    const paths = ((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.title', 'body.date', 'body.startTime', 'body.rounds']));

    const session = await newSession({ rounds: 3 });
    await register(session.id, { associationId: associationIds[0] });
    const late = await register(session.id, { companyId: companyIds[0], firstRound: 5 });
    expect(late.status).toBe(422);
    expect((await register(session.id, { associationId: associationIds[0] })).status).toBe(409);
    const empty = await ctx.app.request(`/api/speed-dating/sessions/${session.id}/schedule`, { method: 'POST', headers: organiser.headers });
    expect(empty.status).toBe(422);
    const unknownPref = await ctx.app.request(
      `/api/speed-dating/sessions/${session.id}/preferences`,
      jsonRequest('PUT', { fromParticipantId: session.id, toParticipantId: session.id, level: 'must' }, organiser.headers),
    );
    expect(unknownPref.status).toBe(422);
    const noPlan = await ctx.app.request(`/api/speed-dating/sessions/${session.id}/replan`, jsonRequest('POST', { fromRound: 2 }, organiser.headers));
    expect(noPlan.status).toBe(409);
    expect((await ctx.app.request('/api/speed-dating/sessions/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('reports an infeasible minimum instead of dropping it', async () => {
    const session = await newSession({ rounds: 2, minMeetings: 2, tables: ['A'] });
    await register(session.id, { associationId: associationIds[0] });
    await register(session.id, { companyId: companyIds[0] });
    await register(session.id, { companyId: companyIds[1] });
    await register(session.id, { companyId: companyIds[2] });
    const res = await ctx.app.request(`/api/speed-dating/sessions/${session.id}/schedule`, { method: 'POST', headers: organiser.headers });
    const body = (await res.json()) as { schedule: Schedule };
    expect(res.status, JSON.stringify(body)).toBe(201);
    const { schedule } = body;
    // One association, three companies, two rounds: at most two companies can meet anyone.
    expect(schedule.shortfalls.length).toBeGreaterThanOrEqual(1);
    expect(schedule.shortfalls[0].message.length).toBeGreaterThan(10);
  });
});
