import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_TARGETS } from '../support/databases.ts';
import { createTestContext, jsonRequest, seedTerritory, signIn, type TestContext } from '../support/context.ts';

type User = Awaited<ReturnType<typeof signIn>>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(DATABASE_TARGETS)('board renewal routes (%s)', (target) => {
  let ctx: TestContext;
  let territory: Awaited<ReturnType<typeof seedTerritory>>;
  let admin: User;
  let member: User;
  let outsider: User;
  let associationId: string;
  let treasurerNeedId: string;
  let rnaSeq = 0;

  const call = async (method: string, path: string, user?: User, body?: unknown) => {
    const res = await ctx.app.request(`/api${path}`, body === undefined ? { method, headers: user?.headers ?? {} } : jsonRequest(method, body, user?.headers));
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', json: (text ? JSON.parse(text) : null) as Json };
  };
  const newAssociation = async (owner: User, themes: string[] = []) => {
    const rna = `W67${String(Date.now() % 1e5).padStart(5, '0')}${String(rnaSeq++ % 100).padStart(2, '0')}`;
    const res = await call('POST', '/associations', owner, { rna, name: `Association ${rnaSeq}`, communeInsee: territory.communes[0].insee, themes });
    expect(res.status).toBe(201);
    return res.json.id as string;
  };
  const newCandidate = async (over: Json = {}) => {
    const user = await signIn(ctx);
    const res = await call('POST', '/citizens', user, {
      firstName: 'Dominique',
      communeInsee: territory.communes[1].insee,
      wish: 'Je veux mettre mes compétences de comptable au service du conseil d’une association',
      skills: ['comptabilite', 'tresorerie'],
      themes: ['environnement'],
      availability: [{ day: 'mardi', slot: 'soir' }],
      isOpenToBoardRoles: true,
      ...over,
    });
    expect(res.status).toBe(201);
    return { user, citizenId: res.json.id as string };
  };

  beforeAll(async () => {
    ctx = await createTestContext(target);
    territory = await seedTerritory(ctx);
    [admin, member, outsider] = await Promise.all([signIn(ctx), signIn(ctx), signIn(ctx)]);
    associationId = await newAssociation(admin, ['environnement']);
    await ctx.db.sql`INSERT INTO memberships (user_id, association_id, role) VALUES (${member.id}, ${associationId}, 'member')`;
  }, 120_000);
  afterAll(() => ctx?.close());

  it('describes the board and shows its skills matrix with departures, vacant roles and gaps', async () => {
    const leaving = new Date(Date.now() + 100 * 86_400_000).toISOString().slice(0, 10);
    const a = await call('POST', `/associations/${associationId}/board/members`, admin, { fullName: 'Alice Martin', role: 'president', competencies: ['gestion_projet', 'domaine'], mandateEnd: leaving, isKeyPerson: true });
    expect(a.status).toBe(201);
    expect(a.json).toMatchObject({ fullName: 'Alice Martin', role: 'president', mandateEnd: leaving, isKeyPerson: true });
    const b = await call('POST', `/associations/${associationId}/board/members`, admin, { fullName: 'Bruno Petit', role: 'secretaire', competencies: ['juridique'] });
    expect(b.status).toBe(201);
    const need = await call('POST', `/associations/${associationId}/board/needs`, admin, {
      role: 'tresorier',
      description: 'Tenir les comptes et préparer le budget',
      competencies: [{ code: 'finance', weight: 1 }, { code: 'collecte', weight: 0.5 }],
      meetingsPerMonth: 1,
      priority: 1,
    });
    expect(need.status).toBe(201);
    treasurerNeedId = need.json.id;

    const board = await call('GET', `/associations/${associationId}/board`, member);
    expect(board.status).toBe(200);
    expect(board.json.members.map((m: Json) => m.fullName)).toEqual(['Alice Martin', 'Bruno Petit']);
    expect(board.json.needs).toHaveLength(1);

    const matrix = await call('GET', `/associations/${associationId}/board/matrix`, member);
    expect(matrix.status).toBe(200);
    expect(matrix.json.rows).toHaveLength(2);
    expect(matrix.json.rows[0].cells).toHaveLength(matrix.json.competencies.length);
    expect(matrix.json.rows.find((r: Json) => r.fullName === 'Alice Martin').isLeaving).toBe(true);
    expect(matrix.json.vacantRoles.map((v: Json) => v.role).sort()).toEqual(['president', 'tresorier']);
    expect(matrix.json.gaps[0]).toMatchObject({ code: 'finance', weight: 1 });
    expect(matrix.json.priorities[0].kind).toBe('need');

    const removed = await call('DELETE', `/associations/${associationId}/board/members/${b.json.id}`, admin);
    expect(removed.status).toBe(204);
    expect((await call('DELETE', `/associations/${associationId}/board/members/${b.json.id}`, admin)).status).toBe(404);
  });

  it('refuses bad input with problem+json, and outsiders and plain members on writes', async () => {
    const bad = await call('POST', `/associations/${associationId}/board/needs`, admin, { role: 'tresorier', competencies: [{ code: 'astrologie', weight: 2 }] });
    expect(bad.status).toBe(422);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.json.errors.map((e: Json) => e.path)).toEqual(expect.arrayContaining(['body.competencies.0.code', 'body.competencies.0.weight']));
    expect((await call('POST', `/associations/${associationId}/board/members`, admin, { fullName: '', role: 'roi' })).status).toBe(422);
    expect((await call('GET', `/associations/not-a-uuid/board`, admin)).status).toBe(422);
    expect((await call('GET', `/associations/${associationId}/board`)).status).toBe(401);
    expect((await call('GET', `/associations/${associationId}/board`, outsider)).status).toBe(403);
    expect((await call('GET', `/associations/${associationId}/board/matrix`, outsider)).status).toBe(403);
    expect((await call('POST', `/associations/${associationId}/board/members`, member, { fullName: 'X', role: 'administrateur' })).status).toBe(403);
    expect((await call('POST', `/associations/${associationId}/board/needs`, outsider, { role: 'secretaire' })).status).toBe(403);
  });

  it('ranks opted-in candidates for a role, anonymised, with French explanations and conflict flags', async () => {
    const fit = await newCandidate();
    const hidden = await newCandidate({ isOpenToBoardRoles: false });
    const conflicted = await newCandidate({ firstName: 'Claude' });
    // The conflicted candidate works for a company that funds the association.
    const company = await call('POST', '/companies', conflicted.user, { siren: '732829320', name: 'Banque du Ried', communeInsee: territory.communes[0].insee });
    expect(company.status).toBe(201);
    const tie = await call('POST', `/associations/${associationId}/board/ties`, admin, { kind: 'funder', companyId: company.json.id });
    expect(tie.status).toBe(201);
    expect((await call('POST', `/associations/${associationId}/board/ties`, admin, { kind: 'funder', companyId: company.json.id })).status).toBe(409);
    expect((await call('POST', `/associations/${associationId}/board/ties`, admin, { kind: 'funder' })).status).toBe(422);

    // The same company lends an employee through an RSE offer of kind 'board_member': a candidate, flagged too.
    const offer = await call('POST', '/offers', conflicted.user, { companyId: company.json.id, kind: 'board_member', title: 'Une contrôleuse de gestion pour votre conseil', description: 'Budget et comptes', skills: ['controle_gestion'] });
    expect(offer.status).toBe(201);

    const res = await call('GET', `/associations/${associationId}/board/needs/${treasurerNeedId}/candidates`, member);
    expect(res.status).toBe(200);
    expect(res.json.weightsVersion).toMatch(/^board-/);
    const ids = res.json.items.map((c: Json) => c.id);
    expect(ids).toContain(fit.citizenId);
    expect(ids).toContain(conflicted.citizenId);
    expect(ids).not.toContain(hidden.citizenId);
    const item = res.json.items.find((c: Json) => c.id === fit.citizenId);
    expect(item.alias).toMatch(/^Candidat·e [0-9A-F]{4}$/);
    expect(JSON.stringify(res.json)).not.toContain('Dominique');
    expect(item.competencies).toEqual(expect.arrayContaining(['finance', 'domaine']));
    expect(item.components.find((c: Json) => c.key === 'competencies').detail).toContain('finances et comptabilité');
    expect(item.summary.length).toBeGreaterThan(10);
    for (let i = 1; i < res.json.items.length; i++) expect(res.json.items[i - 1].score).toBeGreaterThanOrEqual(res.json.items[i].score);
    const flagged = res.json.items.find((c: Json) => c.id === conflicted.citizenId);
    expect(flagged.conflicts).toEqual([{ kind: 'employer_tie', detail: "Son employeur finance l'association." }]);
    const lent = res.json.items.find((c: Json) => c.id === offer.json.id);
    expect(lent).toMatchObject({ kind: 'company_offer', competencies: ['finance'] });
    expect(lent.alias).toMatch(/^Salarié·e proposé·e /);
    expect(lent.conflicts.map((f: Json) => f.kind)).toEqual(['employer_tie']);

    const excluded = await call('GET', `/associations/${associationId}/board/needs/${treasurerNeedId}/candidates?excludeConflicts=true`, member);
    expect(excluded.json.items.map((c: Json) => c.id)).not.toContain(conflicted.citizenId);
    expect(excluded.json.excludedForConflict).toBeGreaterThanOrEqual(1);

    expect((await call('GET', `/associations/${associationId}/board/needs/${crypto.randomUUID()}/candidates`, member)).status).toBe(404);
    expect((await call('GET', `/associations/${associationId}/board/needs/${treasurerNeedId}/candidates?limit=0`, member)).status).toBe(422);
    expect((await call('GET', `/associations/${associationId}/board/needs/${treasurerNeedId}/candidates`, outsider)).status).toBe(403);

    // A fundraiser joins the pool: the best pair is then the accountant and the fundraiser.
    const fundraiser = await newCandidate({ skills: ['recherche_fonds', 'mecenat'], wish: 'Chercher des financements pour une association' });
    const slates = await call('GET', `/associations/${associationId}/board/slates?excludeConflicts=true`, member);
    expect(slates.status).toBe(200);
    expect(slates.json.method).toBe('exhaustive');
    expect(slates.json.pair.members).toHaveLength(2);
    expect(slates.json.pair.covered).toEqual(expect.arrayContaining(['finance', 'collecte']));
    expect(slates.json.pair.members.map((m: Json) => m.id)).toContain(fundraiser.citizenId);
    expect(slates.json.pair.members.map((m: Json) => m.id)).not.toContain(conflicted.citizenId);
    expect(slates.json.trioUpperBound).toBe(slates.json.trio?.value ?? null);
    expect((await call('GET', `/associations/${associationId}/board/slates`, outsider)).status).toBe(403);
  });

  it('lets a verified association contact a candidate, who accepts before their identity is shared', async () => {
    const candidate = await newCandidate({ firstName: 'Camille' });
    const body = { citizenId: candidate.citizenId, needId: treasurerNeedId, message: 'Seriez-vous partant·e pour un échange ?' };
    const unverified = await call('POST', `/associations/${associationId}/board/contacts`, member, body);
    expect(unverified.status).toBe(403);
    expect(unverified.type).toContain('application/problem+json');
    await ctx.db.sql`UPDATE associations SET verification = 'verified' WHERE id = ${associationId}`;

    const sent = await call('POST', `/associations/${associationId}/board/contacts`, member, body);
    expect(sent.status).toBe(201);
    expect(sent.json.candidate.firstName).toBeNull();
    expect(sent.json.status).toBe('pending');
    expect((await call('POST', `/associations/${associationId}/board/contacts`, member, body)).status).toBe(409);
    expect((await call('POST', `/associations/${associationId}/board/contacts`, outsider, body)).status).toBe(403);
    const closed = await newCandidate({ isOpenToBoardRoles: false });
    expect((await call('POST', `/associations/${associationId}/board/contacts`, member, { citizenId: closed.citizenId })).status).toBe(404);
    // The candidate is told by e-mail, once (the refused second request sent nothing).
    const mails = (to: { email: string }) => ctx.db.sql<{ kind: string; text_body: string }[]>`SELECT kind, text_body FROM outbox WHERE recipient = ${to.email} ORDER BY created_at, id`;
    expect((await mails(candidate.user)).map((m) => m.kind)).toEqual(['board.contact']);
    expect((await mails(candidate.user))[0].text_body).toContain('« Seriez-vous partant·e pour un échange ? »');

    // The contact is a profile view the candidate can see.
    const views = await call('GET', '/me/profile-views', candidate.user);
    expect(JSON.stringify(views.json)).toContain("Conseil d'administration");

    const mine = await call('GET', '/me/board-contacts', candidate.user);
    expect(mine.status).toBe(200);
    expect(mine.json.items.map((c: Json) => c.id)).toEqual([sent.json.id]);
    expect(mine.json.items[0].role).toBe('tresorier');
    expect((await call('GET', '/me/board-contacts', outsider)).json.items).toEqual([]);

    expect((await call('POST', `/board-contacts/${sent.json.id}/accept`, outsider)).status).toBe(404);
    expect((await call('POST', `/board-contacts/${sent.json.id}/accept`)).status).toBe(401);
    const before = await call('GET', `/associations/${associationId}/board/contacts`, member);
    expect(before.json.items.find((c: Json) => c.id === sent.json.id).candidate.firstName).toBeNull();

    const accepted = await call('POST', `/board-contacts/${sent.json.id}/accept`, candidate.user);
    expect(accepted.status).toBe(200);
    expect(accepted.json.status).toBe('accepted');
    expect((await call('POST', `/board-contacts/${sent.json.id}/decline`, candidate.user)).status).toBe(409);
    // The association's admin learns the answer, with the address now shared; not the plain member.
    expect((await mails(admin)).map((m) => m.kind)).toEqual(['board.contact.accepted']);
    expect((await mails(admin))[0].text_body).toContain(candidate.user.email);
    expect(await mails(member)).toEqual([]);
    const after = await call('GET', `/associations/${associationId}/board/contacts`, member);
    expect(after.json.items.find((c: Json) => c.id === sent.json.id).candidate).toMatchObject({ firstName: 'Camille', email: candidate.user.email });
    expect((await call('GET', `/associations/${associationId}/board/contacts`, outsider)).status).toBe(403);
    // "Export my data" carries the solicitation too.
    const exported = await call('GET', '/me/export', candidate.user);
    expect(exported.json.boardContactRequests).toEqual([expect.objectContaining({ status: 'accepted', association_name: expect.any(String), board_role: 'tresorier' })]);

    const other = await newCandidate();
    const second = await call('POST', `/associations/${associationId}/board/contacts`, member, { citizenId: other.citizenId });
    const declined = await call('POST', `/board-contacts/${second.json.id}/decline`, other.user);
    expect(declined.json.status).toBe('declined');
    // Declined: the admin is told, without the candidate's name or address.
    const answer = (await mails(admin)).at(-1)!;
    expect(answer.kind).toBe('board.contact.declined');
    expect(answer.text_body).not.toContain(other.user.email);
  });

  it('flags a candidate who sits on the board of an association this one funds, and counts the seat as experience', async () => {
    const candidate = await newCandidate();
    const otherAdmin = await signIn(ctx);
    const funded = await newAssociation(otherAdmin);
    const seat = { fullName: 'Dominique Roux', role: 'tresorier', userId: candidate.user.id };
    // Only an account that belongs to the association can be linked to one of its seats.
    const stranger = await call('POST', `/associations/${funded}/board/members`, otherAdmin, seat);
    expect(stranger.status).toBe(422);
    expect(stranger.json.errors[0].path).toBe('body.userId');
    await ctx.db.sql`INSERT INTO memberships (user_id, association_id, role) VALUES (${candidate.user.id}, ${funded}, 'member')`;
    expect((await call('POST', `/associations/${funded}/board/members`, otherAdmin, seat)).status).toBe(201);
    expect((await call('POST', `/associations/${associationId}/board/ties`, admin, { kind: 'funded', otherAssociationId: funded })).status).toBe(201);
    expect((await call('POST', `/associations/${associationId}/board/ties`, admin, { kind: 'funded', otherAssociationId: associationId })).status).toBe(409);

    const res = await call('GET', `/associations/${associationId}/board/needs/${treasurerNeedId}/candidates?limit=50`, member);
    const item = res.json.items.find((c: Json) => c.id === candidate.citizenId);
    expect(item.conflicts.map((f: Json) => f.kind)).toEqual(['board_tie']);
    expect(item.components.find((c: Json) => c.key === 'experience')).toMatchObject({ value: 1, detail: "siège déjà dans 1 conseil(s) d'administration" });
  });

  it('caps the requests an association leaves unanswered', async () => {
    const owner = await signIn(ctx);
    const busy = await newAssociation(owner);
    await ctx.db.sql`UPDATE associations SET verification = 'verified' WHERE id = ${busy}`;
    const one = await newCandidate();
    await ctx.db.sql`
      WITH made AS (
        INSERT INTO citizen_profiles (first_name, commune_insee, lat, lon, territory_id, is_open_to_board_roles)
        SELECT 'Témoin', commune_insee, lat, lon, territory_id, true FROM citizen_profiles, generate_series(1, 30) WHERE id = ${one.citizenId}
        RETURNING id)
      INSERT INTO board_contact_requests (association_id, citizen_id) SELECT ${busy}, id FROM made`;
    const refused = await call('POST', `/associations/${busy}/board/contacts`, owner, { citizenId: one.citizenId });
    expect(refused.status).toBe(409);
    expect(refused.json.detail).toContain('30 demandes sans réponse');
  });

  it('ranks, between candidates who wrote the same wish, the one with the competencies and the one nearer first', async () => {
    const owner = await signIn(ctx);
    const club = await newAssociation(owner, ['sport']);
    const need = await call('POST', `/associations/${club}/board/needs`, owner, { role: 'tresorier', competencies: [{ code: 'finance', weight: 1 }] });
    const wish = 'Rejoindre le bureau d’un club de sport';
    const base = { wish, themes: ['sport'], communeInsee: territory.communes[0].insee, skills: ['comptabilite'] };
    const full = await newCandidate(base);
    const noSkill = await newCandidate({ ...base, skills: [] });
    const far = await newCandidate({ ...base, communeInsee: territory.communes[2].insee });
    const res = await call('GET', `/associations/${club}/board/needs/${need.json.id}/candidates?limit=50`, owner);
    const rank = (id: string) => res.json.items.find((c: Json) => c.id === id).rank as number;
    expect(rank(full.citizenId)).toBeLessThan(rank(noSkill.citizenId));
    expect(rank(full.citizenId)).toBeLessThan(rank(far.citizenId));
    const scoreOf = (id: string) => res.json.items.find((c: Json) => c.id === id).score as number;
    expect(scoreOf(full.citizenId) - scoreOf(noSkill.citizenId)).toBeCloseTo(0.25 + 0.15 / 3, 6); // the role's competency, and finance: one of the empty board's three equal gaps
  });

  it('documents every board route in the OpenAPI document', async () => {
    const doc = await call('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    const paths = Object.keys(doc.json.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/associations/{id}/board/matrix', '/api/associations/{id}/board/needs/{needId}/candidates', '/api/board-contacts/{id}/accept']));
  });

  it('closes a role once filled', async () => {
    const need = await call('POST', `/associations/${associationId}/board/needs`, admin, { role: 'administrateur', competencies: [{ code: 'numerique', weight: 1 }] });
    expect((await call('POST', `/associations/${associationId}/board/needs/${need.json.id}/close`, member, { status: 'filled' })).status).toBe(403);
    const closed = await call('POST', `/associations/${associationId}/board/needs/${need.json.id}/close`, admin, { status: 'filled' });
    expect(closed.status).toBe(200);
    expect(closed.json.status).toBe('filled');
    expect((await call('POST', `/associations/${associationId}/board/needs/${need.json.id}/close`, admin, { status: 'closed' })).status).toBe(409);
    expect((await call('GET', `/associations/${associationId}/board/needs/${need.json.id}/candidates`, member)).status).toBe(404);
  });
});
