import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../../service/src/core/accounts/sessions.ts';
import { assertOrganisationVerified, checkRegistration } from '../../service/src/core/moderation/moderation.ts';
import { DATABASE_TARGETS } from '../support/databases.ts';
import { createTestContext, jsonRequest, seedTerritory, signIn, type TestContext } from '../support/context.ts';

type Item = { id: string; kind: string; verification: string; isRegistrationValid: boolean; registrationProblem: string | null };
type Problem = { status: number; detail: string; errors?: { path: string }[] };

describe('checkRegistration (RNA: W + 9 digits; SIREN: 9 digits with a Luhn key)', () => {
  it('accepts well-formed numbers and names the problem otherwise', () => {
    expect(checkRegistration({ kind: 'association', rna: 'W672001234', siren: null })).toBeNull();
    expect(checkRegistration({ kind: 'association', rna: null, siren: '732829320' })).toBeNull();
    expect(checkRegistration({ kind: 'company', rna: null, siren: '732829320' })).toBeNull();
    expect(checkRegistration({ kind: 'association', rna: 'W67200123', siren: null })).toMatch(/RNA/);
    expect(checkRegistration({ kind: 'association', rna: 'X672001234', siren: null })).toMatch(/RNA/);
    expect(checkRegistration({ kind: 'company', rna: null, siren: '732829321' })).toMatch(/SIREN/);
    expect(checkRegistration({ kind: 'company', rna: null, siren: '73282932' })).toMatch(/SIREN/);
    expect(checkRegistration({ kind: 'company', rna: null, siren: null })).toMatch(/SIREN manquant/);
    expect(checkRegistration({ kind: 'association', rna: null, siren: null })).toMatch(/manquant/);
  });
});

describe.each(DATABASE_TARGETS)('moderation and organisation membership routes (%s)', (target) => {
  let ctx: TestContext;
  let territory: Awaited<ReturnType<typeof seedTerritory>>;
  beforeAll(async () => {
    ctx = await createTestContext(target);
    territory = await seedTerritory(ctx);
  });
  afterAll(() => ctx?.close());

  async function newAssociation(rna: string) {
    const admin = await signIn(ctx);
    const res = await ctx.app.request('/api/associations', jsonRequest('POST', { rna, name: `Association ${rna}`, communeInsee: territory.communes[0].insee }, admin.headers));
    expect(res.status).toBe(201);
    return { admin, association: (await res.json()) as { id: string } };
  }

  it('lets moderators list pending organisations and verify or suspend them, with the decision recorded', async () => {
    const moderator = await signIn(ctx, { isModerator: true });
    const citizen = await signIn(ctx);
    const { admin, association } = await newAssociation('W673000001');

    expect((await ctx.app.request('/api/moderation/organisations?state=pending')).status).toBe(401);
    expect((await ctx.app.request('/api/moderation/organisations?state=pending', { headers: citizen.headers })).status).toBe(403);
    expect((await ctx.app.request('/api/moderation/organisations?state=pending', { headers: admin.headers })).status).toBe(403);
    const list = await ctx.app.request('/api/moderation/organisations?state=pending&kind=association', { headers: moderator.headers });
    expect(list.status).toBe(200);
    const page = (await list.json()) as { items: Item[] };
    expect(page.items.find((i) => i.id === association.id)).toMatchObject({ verification: 'pending', isRegistrationValid: true });

    const url = `/api/moderation/associations/${association.id}`;
    // The association's own admin cannot verify it.
    expect((await ctx.app.request(url, jsonRequest('PATCH', { state: 'verified' }, admin.headers))).status).toBe(403);
    const verified = await ctx.app.request(url, jsonRequest('PATCH', { state: 'verified', reason: 'RNA contrôlé au JOAFE' }, moderator.headers));
    expect(verified.status).toBe(200);
    expect(((await verified.json()) as Item).verification).toBe('verified');
    const publicView = (await (await ctx.app.request(`/api/associations/${association.id}`)).json()) as { verification: string };
    expect(publicView.verification).toBe('verified');

    expect((await ctx.app.request(url, jsonRequest('PATCH', { state: 'suspended' }, moderator.headers))).status).toBe(422);
    expect((await ctx.app.request(url, jsonRequest('PATCH', { state: 'suspended', reason: 'Signalements répétés' }, moderator.headers))).status).toBe(200);
    const decisions = await ctx.db.sql`SELECT previous_state, new_state, reason FROM verification_decisions WHERE association_id = ${association.id} ORDER BY decided_at`;
    expect(decisions.map((d) => `${d.previous_state}>${d.new_state}`)).toEqual(['pending>verified', 'verified>suspended']);
    // The association's admin learns each change of state by e-mail, the suspension with its reason; a decision
    // that changes nothing sends nothing.
    expect((await ctx.app.request(url, jsonRequest('PATCH', { state: 'suspended', reason: 'Toujours' }, moderator.headers))).status).toBe(200);
    const told = await ctx.db.sql<{ kind: string; text_body: string }[]>`SELECT kind, text_body FROM outbox WHERE recipient = ${admin.email} ORDER BY created_at, id`;
    expect(told.map((m) => m.kind)).toEqual(['organisation.verified', 'organisation.suspended']);
    expect(told[1].text_body).toContain('Motif : Signalements répétés');
    expect(told[0].text_body).toContain(`http://localhost/espace-association/${association.id}`);
    expect((await ctx.app.request('/api/moderation/associations/00000000-0000-4000-8000-000000000000', jsonRequest('PATCH', { state: 'verified' }, moderator.headers))).status).toBe(404);
  });

  it('refuses to verify an organisation whose SIREN fails the Luhn check', async () => {
    const moderator = await signIn(ctx, { isModerator: true });
    // The API refuses such a SIREN at registration; older or imported rows may still carry one.
    const [company] = await ctx.db.sql<{ id: string }[]>`
      INSERT INTO companies (siren, name, territory_id, commune_insee) VALUES ('123456789', 'Clé fausse SA', ${territory.id}, ${territory.communes[0].insee}) RETURNING id`;
    const list = (await (await ctx.app.request('/api/moderation/organisations?kind=company', { headers: moderator.headers })).json()) as { items: Item[] };
    expect(list.items.find((i) => i.id === company.id)).toMatchObject({ isRegistrationValid: false, registrationProblem: expect.stringContaining('SIREN') });
    const res = await ctx.app.request(`/api/moderation/companies/${company.id}`, jsonRequest('PATCH', { state: 'verified' }, moderator.headers));
    expect(res.status).toBe(422);
    expect(((await res.json()) as Problem).detail).toContain('SIREN');

    const good = await ctx.app.request(
      '/api/companies',
      jsonRequest('POST', { siren: '732829320', name: 'Bonne Clé SAS', communeInsee: territory.communes[0].insee }, (await signIn(ctx)).headers),
    );
    expect(good.status).toBe(201);
    const goodId = ((await good.json()) as { id: string }).id;
    expect((await ctx.app.request(`/api/moderation/companies/${goodId}`, jsonRequest('PATCH', { state: 'verified' }, moderator.headers))).status).toBe(200);
  });

  it('keeps unverified or suspended organisations from contacting citizens', async () => {
    const { association } = await newAssociation('W673000002');
    await expect(assertOrganisationVerified(ctx.deps, { associationId: association.id })).rejects.toMatchObject({ kind: 'forbidden' });
    await ctx.db.sql`UPDATE associations SET verification = 'verified' WHERE id = ${association.id}`;
    await expect(assertOrganisationVerified(ctx.deps, { associationId: association.id })).resolves.toBeUndefined();
    await ctx.db.sql`UPDATE associations SET verification = 'suspended' WHERE id = ${association.id}`;
    await expect(assertOrganisationVerified(ctx.deps, { associationId: association.id })).rejects.toThrow(/suspendue/);
    await expect(assertOrganisationVerified(ctx.deps, { companyId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('lets platform admins (only) grant global roles', async () => {
    const admin = await signIn(ctx, { isPlatformAdmin: true });
    const moderator = await signIn(ctx, { isModerator: true });
    const someone = await signIn(ctx);
    const url = `/api/admin/users/${someone.id}/roles`;
    expect((await ctx.app.request(url, jsonRequest('PATCH', { isModerator: true }, moderator.headers))).status).toBe(403);
    expect((await ctx.app.request(url, jsonRequest('PATCH', { isModerator: true }, someone.headers))).status).toBe(403);
    const support = await ctx.app.request('/api/admin/support-organisations', jsonRequest('POST', { name: 'France Services Haguenau' }, admin.headers));
    expect(support.status).toBe(201);
    const supportId = ((await support.json()) as { id: string }).id;
    const granted = await ctx.app.request(url, jsonRequest('PATCH', { isModerator: true, isOrganiser: true, supportOrganisationId: supportId }, admin.headers));
    expect(granted.status).toBe(200);
    expect(await granted.json()).toEqual({ userId: someone.id, isPlatformAdmin: false, isModerator: true, isOrganiser: true, supportOrganisationId: supportId });
    const me = (await (await ctx.app.request('/api/me', { headers: someone.headers })).json()) as { isModerator: boolean; supportOrganisationId: string };
    expect(me).toMatchObject({ isModerator: true, supportOrganisationId: supportId });
    expect((await ctx.app.request('/api/moderation/organisations', { headers: someone.headers })).status).toBe(200);
    expect((await ctx.app.request(`/api/admin/users/${admin.id}/roles`, jsonRequest('PATCH', { isPlatformAdmin: false }, admin.headers))).status).toBe(409);
  });

  it('lets platform admins (only) find accounts by e-mail or name, and list who holds a role', async () => {
    type Found = { items: { userId: string; email: string; displayName: string; isModerator: boolean; isOrganiser: boolean }[] };
    const admin = await signIn(ctx, { isPlatformAdmin: true });
    const stamp = Date.now();
    const lea = await signIn(ctx, { email: `lea.${stamp}@example.org`, displayName: `Léa Roth ${stamp}` });
    const leon = await signIn(ctx, { email: `leon.${stamp}@example.org`, displayName: 'Léon Klein', isOrganiser: true });
    const percent = await signIn(ctx, { email: `cent_pour_cent.${stamp}@example.org`, displayName: '100%' });
    const find = async (query: string) => {
      const res = await ctx.app.request(`/api/admin/users${query}`, { headers: admin.headers });
      expect(res.status).toBe(200);
      return ((await res.json()) as Found).items.map((u) => u.userId);
    };
    // By a part of the e-mail or of the name, case aside; the exact e-mail first.
    expect(await find(`?q=${stamp}`)).toEqual(expect.arrayContaining([lea.id, leon.id, percent.id]));
    expect((await find(`?q=LEON.${stamp}@EXAMPLE.ORG`))[0]).toBe(leon.id);
    expect(await find(`?q=${encodeURIComponent(`Roth ${stamp}`)}`)).toEqual([lea.id]);
    // LIKE's wildcards match themselves: « _ » is not any character, « % » not anything.
    expect(await find(`?q=${encodeURIComponent(`lea_${stamp}`)}`)).toEqual([]);
    expect(await find(`?q=${encodeURIComponent(`t_pour_c`)}`)).toEqual([percent.id]);
    expect(await find(`?q=${encodeURIComponent('0%')}`)).toContain(percent.id);
    expect(await find(`?q=${encodeURIComponent(`e%${stamp}`)}`)).toEqual([]);
    // Without a query: the accounts holding a global role (a support organisation's agents too), not the others.
    const support = await ctx.app.request('/api/admin/support-organisations', jsonRequest('POST', { name: 'Maison des associations' }, admin.headers));
    const agent = await signIn(ctx);
    await ctx.app.request(`/api/admin/users/${agent.id}/roles`, jsonRequest('PATCH', { supportOrganisationId: ((await support.json()) as { id: string }).id }, admin.headers));
    const holders = await find('?limit=50');
    expect(holders).toEqual(expect.arrayContaining([leon.id, agent.id]));
    expect(holders).not.toContain(lea.id);
    const all = (await (await ctx.app.request('/api/admin/users?limit=50', { headers: admin.headers })).json()) as { items: { userId: string; supportOrganisationName: string | null }[] };
    expect(all.items.find((u) => u.userId === agent.id)!.supportOrganisationName).toBe('Maison des associations');

    const short = await ctx.app.request('/api/admin/users?q=a', { headers: admin.headers });
    expect(short.status).toBe(422);
    expect(short.headers.get('content-type')).toContain('application/problem+json');
    expect((await ctx.app.request(`/api/admin/users?q=${stamp}`, { headers: (await signIn(ctx, { isModerator: true })).headers })).status).toBe(403);
    expect((await ctx.app.request(`/api/admin/users?q=${stamp}`)).status).toBe(401);
  });

  it('lets an association admin invite members by e-mail; the invitee accepts with the token', async () => {
    const { admin, association } = await newAssociation('W673000003');
    const other = await newAssociation('W673000004');
    const invitee = await signIn(ctx);
    const url = `/api/associations/${association.id}/invitations`;

    expect((await ctx.app.request(url, jsonRequest('POST', { email: invitee.email }))).status).toBe(401);
    expect((await ctx.app.request(url, jsonRequest('POST', { email: invitee.email }, other.admin.headers))).status).toBe(403);
    expect((await ctx.app.request(url, jsonRequest('POST', { email: admin.email }, admin.headers))).status).toBe(409);
    const invited = await ctx.app.request(url, jsonRequest('POST', { email: invitee.email.toUpperCase(), role: 'member' }, admin.headers));
    expect(invited.status).toBe(201);
    const [mail] = await ctx.db.sql<{ text_body: string; kind: string }[]>`SELECT text_body, kind FROM outbox WHERE recipient = ${invitee.email}`;
    expect(mail.kind).toBe('organisation_invitation');
    const token = mail.text_body.match(/token=([A-Za-z0-9_-]+)/)![1];

    const members = async (headers: Record<string, string>) => ctx.app.request(`/api/associations/${association.id}/members`, { headers });
    const asAdmin = (await (await members(admin.headers)).json()) as { members: unknown[]; invitations: { email: string }[] };
    expect(asAdmin.invitations.map((i) => i.email)).toEqual([invitee.email.toLowerCase()]);
    expect((await members(invitee.headers)).status).toBe(403);

    const accept = (headers: Record<string, string>) => ctx.app.request('/api/organisation-invitations/accept', jsonRequest('POST', { token }, headers));
    expect((await accept(other.admin.headers)).status).toBe(403); // not the invited address
    expect((await accept(invitee.headers)).status).toBe(200);
    expect((await accept(invitee.headers)).status).toBe(422); // single use
    const asMember = (await (await members(invitee.headers)).json()) as { members: { userId: string; role: string }[]; invitations: unknown[] };
    expect(asMember.members.map((m) => m.role).sort()).toEqual(['admin', 'member']);
    expect(asMember.invitations).toEqual([]); // pending invitations (e-mails) are for admins only

    // A member cannot remove the admin; the admin can remove the member; the last admin cannot go.
    const remove = (userId: string, headers: Record<string, string>) =>
      ctx.app.request(`/api/associations/${association.id}/members/${userId}`, { method: 'DELETE', headers });
    expect((await remove(admin.id, invitee.headers)).status).toBe(403);
    expect((await remove(admin.id, admin.headers)).status).toBe(409);
    expect((await remove(invitee.id, admin.headers)).status).toBe(204);
    expect((await remove(invitee.id, admin.headers)).status).toBe(404);
    expect((await members(invitee.headers)).status).toBe(403);
  });
});
