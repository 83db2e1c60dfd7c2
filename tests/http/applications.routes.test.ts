import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_TARGETS } from '../support/databases.ts';
import { createTestContext, jsonRequest, seedTerritory, signIn, type TestContext } from '../support/context.ts';
import { newAssociation, newCitizen, newMission, type Territory } from '../core/matching/world.ts';

type Application = { id: string; status: string; mission: { id: string; placesLeft: number; pendingApplications: number }; citizen: { firstName: string; contact: unknown } };

describe.each(DATABASE_TARGETS)('applications and dismissals routes (%s)', (target) => {
  let ctx: TestContext;
  let territory: Territory;
  beforeAll(async () => {
    ctx = await createTestContext(target);
    territory = await seedTerritory(ctx);
  });
  afterAll(() => ctx?.close());

  const post = (path: string, headers: Record<string, string>, body: unknown = {}) => ctx.app.request(path, jsonRequest('POST', body, headers));
  const apply = (missionId: string, headers: Record<string, string>, message = 'Bonjour, je suis disponible.') => post(`/api/missions/${missionId}/applications`, headers, { message });

  it('applies, lists, accepts within the places, declines and withdraws, keeping the counters right', async () => {
    const a = await newAssociation(ctx, territory);
    const mission = await newMission(ctx, a, { places: 1 });
    const [ana, ben, cam] = [await newCitizen(ctx, territory, { firstName: 'Ana' }), await newCitizen(ctx, territory, { firstName: 'Ben' }), await newCitizen(ctx, territory)];

    const applied = await apply(mission.id, ana.headers);
    expect(applied.status).toBe(201);
    const first = (await applied.json()) as Application;
    expect(first.status).toBe('pending');
    expect(first.mission.pendingApplications).toBe(1);
    expect(first.citizen.contact).toBeNull();
    const second = (await (await apply(mission.id, ben.headers)).json()) as Application;
    expect(second.mission.pendingApplications).toBe(2);

    const listed = await ctx.app.request(`/api/missions/${mission.id}/applications`, { headers: a.owner.headers });
    expect(listed.status).toBe(200);
    const items = ((await listed.json()) as { items: Application[] }).items;
    expect(items.map((i) => i.citizen.firstName)).toEqual(['Ana', 'Ben']);
    expect(items[0].citizen.contact).toMatchObject({ email: ana.email });

    const accepted = await post(`/api/applications/${first.id}/accept`, a.owner.headers);
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as Application).mission).toMatchObject({ placesLeft: 0, pendingApplications: 1 });
    const beyond = await post(`/api/applications/${second.id}/accept`, a.owner.headers);
    expect(beyond.status).toBe(409);
    expect(((await beyond.json()) as { detail: string }).detail).toMatch(/places/);
    // The mission is full: nobody else can apply.
    expect((await apply(mission.id, cam.headers)).status).toBe(409);

    const declined = await post(`/api/applications/${second.id}/decline`, a.owner.headers);
    expect(((await declined.json()) as Application).status).toBe('declined');
    const [{ response_hours }] = await ctx.deps.sql<{ response_hours: number | null }[]>`SELECT response_hours FROM associations WHERE id = ${a.id}`;
    expect(response_hours).not.toBeNull();

    const withdrawn = await post(`/api/applications/${first.id}/withdraw`, ana.headers);
    expect(withdrawn.status).toBe(200);
    expect(((await withdrawn.json()) as Application).mission).toMatchObject({ placesLeft: 1, pendingApplications: 0 });
    // Withdrawn, Ana may apply again.
    expect((await apply(mission.id, ana.headers)).status).toBe(201);
    const mine = await ctx.app.request('/api/me/applications', { headers: ana.headers });
    expect(((await mine.json()) as { items: Application[] }).items.map((i) => i.status)).toEqual(['pending']);
  });

  it('tells the association of each application and withdrawal, and the citizen of the answer, by e-mail', async () => {
    const mails = (to: { email: string }) => ctx.db.sql<{ kind: string; subject: string; text_body: string }[]>`
      SELECT kind, subject, text_body FROM outbox WHERE recipient = ${to.email} ORDER BY created_at, id`;
    const a = await newAssociation(ctx, territory);
    const mission = await newMission(ctx, a, { places: 2, title: 'Accueil du samedi' });
    const [ana, ben] = [await newCitizen(ctx, territory, { firstName: 'Ana' }), await newCitizen(ctx, territory, { firstName: 'Ben' })];

    const first = (await (await apply(mission.id, ana.headers, 'Je connais bien le quartier.')).json()) as Application;
    const second = (await (await apply(mission.id, ben.headers, '')).json()) as Application;
    const received = await mails(a.owner);
    expect(received.map((m) => m.kind)).toEqual(['application.received', 'application.received']);
    expect(received[0].subject).toBe('Nouvelle candidature pour « Accueil du samedi »');
    expect(received[0].text_body).toContain('Ana');
    expect(received[0].text_body).toContain('« Je connais bien le quartier. »');
    expect(received[0].text_body).toContain(`http://localhost/espace-association/${a.id}/missions/${mission.id}`);
    expect(received[1].text_body).not.toContain('Son message');

    await post(`/api/applications/${first.id}/accept`, a.owner.headers);
    await post(`/api/applications/${second.id}/decline`, a.owner.headers);
    expect((await mails(ana)).map((m) => m.kind)).toEqual(['application.accepted']);
    expect((await mails(ana))[0].text_body).toContain('accepte votre candidature pour la mission « Accueil du samedi »');
    expect((await mails(ben)).map((m) => m.kind)).toEqual(['application.declined']);
    // A refused change sends nothing: Ben's application is closed already.
    expect((await post(`/api/applications/${second.id}/accept`, a.owner.headers)).status).toBe(409);
    expect(await mails(ben)).toHaveLength(1);

    // Ana withdraws, applies again, withdraws again: each is told.
    await post(`/api/applications/${first.id}/withdraw`, ana.headers);
    await apply(mission.id, ana.headers);
    await post(`/api/applications/${first.id}/withdraw`, ana.headers);
    expect((await mails(a.owner)).map((m) => m.kind).slice(2)).toEqual(['application.withdrawn', 'application.received', 'application.withdrawn']);
    // The citizens never learn each other's address, nor the association's admin theirs through these e-mails.
    expect((await mails(a.owner)).map((m) => m.text_body).join()).not.toContain(ana.email);
  });

  it('refuses duplicates, closed missions, age limits and bad input with problem+json', async () => {
    const a = await newAssociation(ctx, territory);
    const mission = await newMission(ctx, a, {});
    const citizen = await newCitizen(ctx, territory, { birthYear: new Date().getUTCFullYear() - 15 });
    expect((await apply(mission.id, citizen.headers)).status).toBe(201);
    const again = await apply(mission.id, citizen.headers);
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');

    const adults = await newMission(ctx, a, { minAge: 18 });
    const tooYoung = await apply(adults.id, citizen.headers);
    expect(tooYoung.status).toBe(403);
    expect(((await tooYoung.json()) as { detail: string }).detail).toMatch(/18 ans/);

    const closed = await newMission(ctx, a, { status: 'open' });
    await ctx.app.request(`/api/missions/${closed.id}`, jsonRequest('PATCH', { status: 'closed' }, a.owner.headers));
    expect((await apply(closed.id, citizen.headers)).status).toBe(409);

    const long = await apply(mission.id, citizen.headers, 'x'.repeat(10_000));
    expect(long.status).toBe(422);
    expect(((await long.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain('body.message');
    expect((await apply('00000000-0000-4000-8000-000000000000', citizen.headers)).status).toBe(404);
    expect((await apply('pas-un-uuid', citizen.headers)).status).toBe(422);
    expect((await post('/api/applications/00000000-0000-4000-8000-000000000000/accept', a.owner.headers)).status).toBe(404);
  });

  it('forbids anonymous, profile-less, foreign and wrong-side actions', async () => {
    const a = await newAssociation(ctx, territory);
    const mission = await newMission(ctx, a, {});
    const citizen = await newCitizen(ctx, territory);
    const other = await newCitizen(ctx, territory);
    const noProfile = await signIn(ctx);

    expect((await ctx.app.request(`/api/missions/${mission.id}/applications`, jsonRequest('POST', {}))).status).toBe(401);
    expect((await apply(mission.id, noProfile.headers)).status).toBe(403);
    const app = (await (await apply(mission.id, citizen.headers)).json()) as Application;

    expect((await post(`/api/applications/${app.id}/accept`, citizen.headers)).status).toBe(403);
    expect((await post(`/api/applications/${app.id}/decline`, other.headers)).status).toBe(403);
    expect((await post(`/api/applications/${app.id}/withdraw`, other.headers)).status).toBe(404);
    expect((await ctx.app.request(`/api/missions/${mission.id}/applications`, { headers: citizen.headers })).status).toBe(403);
    expect((await ctx.app.request('/api/me/applications')).status).toBe(401);
  });

  it('dismisses a suggestion ("pas pour moi") so that it never comes back', async () => {
    const a = await newAssociation(ctx, territory);
    const mission = await newMission(ctx, a, {});
    const citizen = await newCitizen(ctx, territory);
    const before = await ctx.app.request('/api/me/suggestions?live=true', { headers: citizen.headers });
    expect(((await before.json()) as { items: { mission: { id: string } }[] }).items.map((i) => i.mission.id)).toContain(mission.id);

    const dismissed = await post(`/api/missions/${mission.id}/dismissal`, citizen.headers);
    expect(dismissed.status).toBe(204);
    expect((await post(`/api/missions/${mission.id}/dismissal`, citizen.headers)).status).toBe(204); // idempotent
    for (const live of ['true', 'false']) {
      const after = await ctx.app.request(`/api/me/suggestions?live=${live}`, { headers: citizen.headers });
      expect(((await after.json()) as { items: { mission: { id: string } }[] }).items.map((i) => i.mission.id)).not.toContain(mission.id);
    }
    const wish = await ctx.app.request('/api/suggestions', jsonRequest('POST', { wish: 'visites de convivialité', communeInsee: territory.communes[0].insee }, citizen.headers));
    expect(((await wish.json()) as { items: { mission: { id: string } }[] }).items.map((i) => i.mission.id)).not.toContain(mission.id);

    expect((await post('/api/missions/00000000-0000-4000-8000-000000000000/dismissal', citizen.headers)).status).toBe(404);
    expect((await ctx.app.request(`/api/missions/${mission.id}/dismissal`, jsonRequest('POST', {}))).status).toBe(401);
  });
});
