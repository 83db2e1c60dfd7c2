import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshCitizenSuggestions } from '../../service/src/core/matching/suggest-missions.ts';
import { hashPassword } from '../../service/src/core/accounts/passwords.ts';
import { recordProfileView } from '../../service/src/core/accounts/privacy.ts';
import { createSession, loadActor } from '../../service/src/core/accounts/sessions.ts';
import { createUser } from '../../service/src/core/accounts/users.ts';
import { DATABASE_TARGETS } from '../support/databases.ts';
import { createTestContext, jsonRequest, seedTerritory, signIn, type TestContext } from '../support/context.ts';

const PASSWORD = 'mon mot de passe secret';
let seq = 0;

describe.each(DATABASE_TARGETS)('privacy: settings, profile views, export and erasure (%s)', (target) => {
  let ctx: TestContext;
  let territory: Awaited<ReturnType<typeof seedTerritory>>;
  let passwordHash: string;
  beforeAll(async () => {
    ctx = await createTestContext(target);
    territory = await seedTerritory(ctx);
    passwordHash = await hashPassword(PASSWORD);
  });
  afterAll(() => ctx?.close());

  /** A citizen with a password, a session (bearer) and a volunteer profile made through the citizens route. */
  async function newCitizen(firstName: string) {
    const user = await createUser(ctx.deps, { email: `${firstName.toLowerCase()}-${Date.now()}-${seq++}@example.org`, displayName: firstName, passwordHash, emailVerified: true });
    const session = await createSession(ctx.deps.sql, user.id);
    const headers = { authorization: `Bearer ${session.token}` };
    const res = await ctx.app.request('/api/citizens', jsonRequest('POST', { firstName, communeInsee: territory.communes[1].insee, wish: `Je m'appelle ${firstName} et j'aime jardiner` }, headers));
    expect(res.status).toBe(201);
    const profile = (await res.json()) as { id: string };
    return { ...user, headers, citizenId: profile.id };
  }

  async function newAssociationWithMission(rna: string) {
    const admin = await signIn(ctx);
    const created = await ctx.app.request('/api/associations', jsonRequest('POST', { rna, name: `Jardins partagés ${rna}`, communeInsee: territory.communes[0].insee }, admin.headers));
    const association = (await created.json()) as { id: string; name: string };
    const m = await ctx.app.request(
      '/api/missions',
      jsonRequest('POST', { associationId: association.id, title: 'Entretien du potager', description: 'Arroser et désherber.', isRemote: true }, admin.headers),
    );
    const mission = (await m.json()) as { id: string };
    return { admin, association, mission };
  }

  it('lets a citizen read and change only their own privacy choices, private by default', async () => {
    const camille = await newCitizen('Camille');
    const initial = await ctx.app.request('/api/me/privacy', { headers: camille.headers });
    expect(await initial.json()).toEqual({ isVisibleToAssociations: false, isOpenToBoardRoles: false, digest: 'never' });
    const patched = await ctx.app.request('/api/me/privacy', jsonRequest('PATCH', { isVisibleToAssociations: true, digest: 'weekly' }, camille.headers));
    expect(patched.status).toBe(200);
    expect(await patched.json()).toEqual({ isVisibleToAssociations: true, isOpenToBoardRoles: false, digest: 'weekly' });
    expect((await ctx.app.request('/api/me/privacy', jsonRequest('PATCH', { digest: 'hourly' }, camille.headers))).status).toBe(422);
    expect((await ctx.app.request('/api/me/privacy')).status).toBe(401);
  });

  it('records each organisation view and shows the citizen who looked; only members may view for an organisation', async () => {
    const sacha = await newCitizen('Sacha');
    const { admin, association } = await newAssociationWithMission('W672000001');
    const adminActor = await loadActor(ctx.deps.sql, admin.id);
    await recordProfileView(ctx.deps, adminActor, { citizenId: sacha.citizenId, associationId: association.id, context: 'suggestion de bénévoles' });

    const stranger = await loadActor(ctx.deps.sql, (await signIn(ctx)).id);
    await expect(recordProfileView(ctx.deps, stranger, { citizenId: sacha.citizenId, associationId: association.id, context: 'x' })).rejects.toMatchObject({ kind: 'forbidden' });

    const res = await ctx.app.request('/api/me/profile-views', { headers: sacha.headers });
    const views = (await res.json()) as { items: { organisation: { name: string; kind: string }; context: string }[] };
    expect(views.items).toHaveLength(1);
    expect(views.items[0]).toMatchObject({ organisation: { kind: 'association', name: association.name }, context: 'suggestion de bénévoles' });

    // IDOR: another citizen sees neither Sacha's views nor Sacha's profile.
    const other = await newCitizen('Noa');
    expect(((await (await ctx.app.request('/api/me/profile-views', { headers: other.headers })).json()) as { items: unknown[] }).items).toEqual([]);
    expect([403, 404]).toContain((await ctx.app.request(`/api/citizens/${sacha.citizenId}`, { headers: other.headers })).status);
  });

  it('exports everything about me and nothing about anyone else', async () => {
    const lou = await newCitizen('Lou');
    const eden = await newCitizen('Eden');
    const { admin, association, mission } = await newAssociationWithMission('W672000002');
    // The applications use case is being built in parallel: the two applications are inserted directly.
    await ctx.db.sql`INSERT INTO applications (mission_id, citizen_id, message) VALUES (${mission.id}, ${lou.citizenId}, 'Je suis disponible le samedi'), (${mission.id}, ${eden.citizenId}, 'Message d''Eden')`;
    await recordProfileView(ctx.deps, await loadActor(ctx.deps.sql, admin.id), { citizenId: lou.citizenId, associationId: association.id, context: 'candidature' });
    await ctx.db.sql`UPDATE associations SET verification = 'verified' WHERE id = ${association.id}`;
    expect((await ctx.app.request('/api/me/privacy', jsonRequest('PATCH', { isVisibleToAssociations: true }, lou.headers))).status).toBe(200);
    const second = await ctx.app.request('/api/missions', jsonRequest('POST', { associationId: association.id, title: 'Atelier compost', description: 'Composter.', isRemote: true }, admin.headers));
    const invite = await ctx.app.request(`/api/missions/${((await second.json()) as { id: string }).id}/invitations`, jsonRequest('POST', { citizenId: lou.citizenId, message: 'Venez composter' }, admin.headers));
    expect(invite.status).toBe(201);

    // Lou's suggestions: the set the worker stores for her, and a page of them shown.
    await refreshCitizenSuggestions(ctx.deps, lou.citizenId);
    expect((await ctx.app.request('/api/me/suggestions', { headers: lou.headers })).status).toBe(200);
    const res = await ctx.app.request('/api/me/export', { headers: lou.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const data = (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(data.account.email).toBe(lou.email);
    expect(data.account).not.toHaveProperty('password_hash');
    expect(data.citizenProfile.first_name).toBe('Lou');
    expect(data.applications).toHaveLength(1);
    expect(data.applications[0]).toMatchObject({ message: 'Je suis disponible le samedi', mission_title: 'Entretien du potager' });
    expect(data.profileViews).toHaveLength(1);
    expect(data.missionInvitations).toMatchObject([{ mission_title: 'Atelier compost', message: 'Venez composter', status: 'pending' }]);
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    // The profiling: which missions were shown to Lou (the open one she has not applied to), at which rank.
    expect(data.version).toBe(3);
    expect(data.account.muted_notices).toEqual([]);
    const compost = { mission_title: 'Atelier compost' };
    expect(data.missionsShown).toEqual(expect.arrayContaining([expect.objectContaining({ ...compost, rank: expect.any(Number) })]));
    expect(data.suggestedMissions).toEqual(expect.arrayContaining([expect.objectContaining({ ...compost, score: expect.any(Number), weights_version: expect.any(String) })]));
    // Not the mission she applied to: it is no longer suggested.
    expect(JSON.stringify(data.missionsShown)).not.toContain(mission.id);
    const text = JSON.stringify(data);
    for (const foreign of [eden.email, 'Eden', "Message d'Eden", admin.email, eden.citizenId]) expect(text).not.toContain(foreign);
    expect(text).not.toMatch(/id_hash|csrf|token_hash|notice_key|\$argon2/);
  });

  it('erases an account with its password, keeping applications anonymised, not orphaned', async () => {
    const max = await newCitizen('Maxime');
    const { admin, association, mission } = await newAssociationWithMission('W672000003');
    await ctx.db.sql`INSERT INTO applications (mission_id, citizen_id, message) VALUES (${mission.id}, ${max.citizenId}, 'Mon numéro : 06 00 00 00 00')`;
    await recordProfileView(ctx.deps, await loadActor(ctx.deps.sql, admin.id), { citizenId: max.citizenId, associationId: association.id, context: 'candidature' });
    await ctx.app.request('/api/auth/password/forgot', jsonRequest('POST', { email: max.email }));

    const wrong = await ctx.app.request('/api/me', jsonRequest('DELETE', { password: 'pas le bon mot de passe' }, max.headers));
    expect(wrong.status).toBe(422);
    const erased = await ctx.app.request('/api/me', jsonRequest('DELETE', { password: PASSWORD }, max.headers));
    expect(erased.status).toBe(204);

    expect((await ctx.app.request('/api/me', { headers: max.headers })).status).toBe(401);
    const login = await ctx.app.request('/api/auth/login', jsonRequest('POST', { email: max.email, password: PASSWORD }));
    expect(login.status).toBe(401);

    const [user] = await ctx.db.sql`SELECT email, display_name, password_hash, deleted_at FROM users WHERE id = ${max.id}`;
    expect(user.email).not.toContain('maxime');
    expect(user).toMatchObject({ display_name: 'Compte supprimé', password_hash: null });
    expect(user.deleted_at).not.toBeNull();
    const [profile] = await ctx.db.sql`SELECT user_id, first_name, wish, erased_at FROM citizen_profiles WHERE id = ${max.citizenId}`;
    expect(profile).toMatchObject({ user_id: null, first_name: 'Compte supprimé', wish: '' });
    expect(profile.erased_at).not.toBeNull();
    const applications = await ctx.db.sql`SELECT citizen_id, message, status FROM applications WHERE mission_id = ${mission.id}`;
    expect(applications).toEqual([{ citizen_id: max.citizenId, message: '', status: 'pending' }]);
    const leftovers = await ctx.db.sql`
      SELECT (SELECT count(*)::int FROM sessions WHERE user_id = ${max.id}) AS sessions,
             (SELECT count(*)::int FROM outbox WHERE recipient = ${max.email}) AS mails,
             (SELECT count(*)::int FROM one_time_tokens WHERE user_id = ${max.id}) AS tokens,
             (SELECT count(*)::int FROM profile_views WHERE citizen_id = ${max.citizenId}) AS views`;
    expect(leftovers[0]).toEqual({ sessions: 0, mails: 0, tokens: 0, views: 0 });

    // The address is free again: the person may come back with a new account.
    const again = await ctx.app.request('/api/auth/signup', jsonRequest('POST', { email: max.email, password: PASSWORD, displayName: 'Maxime' }));
    expect(again.status).toBe(202);
    const [{ n }] = await ctx.db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM users WHERE lower(email) = lower(${max.email}) AND deleted_at IS NULL`;
    expect(n).toBe(1);
  });
});
