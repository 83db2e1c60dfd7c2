import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_TARGETS } from '../support/databases.ts';
import { createTestContext, jsonRequest, seedTerritory, signIn, type TestContext } from '../support/context.ts';
import { newSiren } from '../support/identifiers.ts';

type User = Awaited<ReturnType<typeof signIn>>;
type Component = { key: string; detail: string; value: number; weight: number; contribution: number };
type Ranked = { rank: number; score: number; summary: string; components: Component[]; state: { companyInterested: boolean; associationInterested: boolean; partnership: { id: string; status: string } | null } };
type RankedAssociation = Ranked & { association: { id: string; name: string } };
type RankedOffer = Ranked & { offer: { id: string; capacityLeft: number } };
type Partnership = { id: string; status: string; hours: number | null; amountEur: number | null; days: number | null; items: string; fitScore: number | null; startedAt: string | null; endedAt: string | null };

let rnaSeq = 0;
const newRna = () => `W67${String(Date.now() % 1e4).padStart(4, '0')}${String(rnaSeq++ % 1000).padStart(3, '0')}`;

describe.each(DATABASE_TARGETS)('partners routes (%s)', (target) => {
  let ctx: TestContext;
  let home: Awaited<ReturnType<typeof seedTerritory>>;
  let elsewhere: Awaited<ReturnType<typeof seedTerritory>>;
  beforeAll(async () => {
    ctx = await createTestContext(target);
    home = await seedTerritory(ctx);
    elsewhere = await seedTerritory(ctx);
  });
  afterAll(() => ctx?.close());

  const api = (method: string, path: string, user?: User, body?: unknown) =>
    ctx.app.request(`/api${path}`, body === undefined ? { method, headers: user?.headers ?? {} } : jsonRequest(method, body, user?.headers));
  async function ok<T>(res: Response, status = 200): Promise<T> {
    const json = await res.json();
    expect(res.status, JSON.stringify(json)).toBe(status);
    return json as T;
  }
  async function newAssociation(owner: User, extra: Record<string, unknown> = {}, verification = 'verified', communeInsee = home.communes[1].insee) {
    const a = await ok<{ id: string }>(await api('POST', '/associations', owner, { rna: newRna(), name: 'Les Amis du Jardin', purpose: 'Jardins partagés et aide alimentaire.', communeInsee, ...extra }), 201);
    await ctx.db.sql`UPDATE associations SET verification = ${verification} WHERE id = ${a.id}`;
    return a.id;
  }
  async function newCompanyWithOffer(owner: User, offer: Record<string, unknown> = {}) {
    const c = await ok<{ id: string }>(await api('POST', '/companies', owner, { siren: newSiren(), name: 'Imprimerie Schmitt', communeInsee: home.communes[0].insee }), 201);
    const o = await ok<{ id: string; capacityLeft: number }>(
      await api('POST', '/offers', owner, { companyId: c.id, kind: 'skills', title: 'Mécénat de compétences en comptabilité', description: 'Deux comptables aident une association à tenir ses comptes.', skills: ['comptabilite'], themes: ['solidarite'], hours: 40, ...offer }),
      201,
    );
    return { companyId: c.id, offerId: o.id };
  }

  it('ranks verified associations of the offer’s territories for the company, with explanations that add up', async () => {
    const companyOwner = await signIn(ctx);
    const { offerId } = await newCompanyWithOffer(companyOwner);
    const owner = await signIn(ctx);
    const withNeed = await newAssociation(owner);
    await ok(await api('POST', '/needs', owner, { associationId: withNeed, kind: 'skills', title: 'Tenir la comptabilité', skills: ['comptabilite'] }), 201);
    const plain = await newAssociation(owner);
    const pending = await newAssociation(owner, {}, 'pending');
    const suspended = await newAssociation(owner, {}, 'suspended');
    const far = await newAssociation(owner, {}, 'verified', elsewhere.communes[0].insee);

    const body = await ok<{ items: RankedAssociation[]; weightsVersion: string }>(await api('GET', `/offers/${offerId}/association-suggestions`, companyOwner));
    const ids = body.items.map((i) => i.association.id);
    expect(ids).toContain(withNeed);
    expect(ids).toContain(plain);
    for (const hidden of [pending, suspended, far]) expect(ids).not.toContain(hidden);
    expect(ids.indexOf(withNeed)).toBeLessThan(ids.indexOf(plain));
    expect(body.weightsVersion).toMatch(/^partners-/);
    for (const item of body.items) {
      expect(item.components.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(item.score, 9);
      expect(item.score).toBeGreaterThanOrEqual(0);
      expect(item.score).toBeLessThanOrEqual(1);
    }
    const needLine = body.items.find((i) => i.association.id === withNeed)!.components.find((c) => c.key === 'needs')!;
    expect(needLine.detail).toContain('Tenir la comptabilité');

    const filtered = await ok<{ items: RankedAssociation[] }>(await api('GET', `/offers/${offerId}/association-suggestions?withNeed=true`, companyOwner));
    expect(filtered.items.map((i) => i.association.id)).toEqual([withNeed]);
  });

  it('refuses the association ranking to anyone but the company, and answers unknown offers and bad filters', async () => {
    const companyOwner = await signIn(ctx);
    const { offerId } = await newCompanyWithOffer(companyOwner);
    expect((await api('GET', `/offers/${offerId}/association-suggestions`)).status).toBe(401);
    expect((await api('GET', `/offers/${offerId}/association-suggestions`, await signIn(ctx))).status).toBe(403);
    expect((await api('GET', `/offers/00000000-0000-4000-8000-000000000000/association-suggestions`, companyOwner)).status).toBe(404);
    expect((await api('GET', `/offers/${offerId}/association-suggestions?limit=0`, companyOwner)).status).toBe(422);
  });

  it('shows an association the open offers serving its territory, to its members only', async () => {
    const { offerId } = await newCompanyWithOffer(await signIn(ctx));
    const farCompany = await signIn(ctx);
    const c = await ok<{ id: string }>(await api('POST', '/companies', farCompany, { siren: newSiren(), name: 'Garage Lutz', communeInsee: elsewhere.communes[0].insee }), 201);
    const farOffer = await ok<{ id: string }>(await api('POST', '/offers', farCompany, { companyId: c.id, kind: 'in_kind', title: 'Don de pneus', description: 'Pneus neufs.' }), 201);
    const owner = await signIn(ctx);
    const associationId = await newAssociation(owner);
    const body = await ok<{ items: RankedOffer[] }>(await api('GET', `/associations/${associationId}/offer-suggestions`, owner));
    const ids = body.items.map((i) => i.offer.id);
    expect(ids).toContain(offerId);
    expect(ids).not.toContain(farOffer.id);
    expect((await ok<{ items: RankedOffer[] }>(await api('GET', `/associations/${associationId}/offer-suggestions?kind=financial`, owner))).items).toEqual([]);
    expect((await api('GET', `/associations/${associationId}/offer-suggestions`, await signIn(ctx))).status).toBe(403);
    expect((await api('GET', `/associations/${associationId}/offer-suggestions`)).status).toBe(401);
    expect((await api('GET', `/associations/${associationId}/offer-suggestions?kind=nope`, owner)).status).toBe(422);
  });

  it('runs the lifecycle: interest, mutual interest, partnership proposed, active (capacity taken), ended with what was given', async () => {
    const companyOwner = await signIn(ctx);
    const { offerId, companyId } = await newCompanyWithOffer(companyOwner, { capacity: 1 });
    const owner = await signIn(ctx);
    const associationId = await newAssociation(owner);
    const outsider = await signIn(ctx);
    const admin = await signIn(ctx, { isPlatformAdmin: true });

    // What each side's admins are told by e-mail (the outbox), oldest first.
    const mails = (to: User) => ctx.db.sql<{ kind: string; subject: string; text_body: string }[]>`
      SELECT kind, subject, text_body FROM outbox WHERE recipient = ${to.email} ORDER BY created_at, id`;

    const first = await ok<{ state: Ranked['state']; partnership: Partnership | null }>(await api('POST', `/offers/${offerId}/interests`, companyOwner, { associationId, side: 'company' }), 201);
    expect(first.state).toEqual({ companyInterested: true, associationInterested: false, partnership: null });
    // The association hears of it, with the page where it can answer; the company, which said it, does not.
    expect((await mails(owner)).map((m) => m.kind)).toEqual(['partner.interest']);
    expect((await mails(owner))[0].text_body).toContain(`http://localhost/espace-association/${associationId}/entreprises`);
    expect(await mails(companyOwner)).toEqual([]);
    expect((await api('POST', `/offers/${offerId}/interests`, companyOwner, { associationId, side: 'company' })).status).toBe(409);
    // The company cannot speak for the association, nor a stranger for either.
    expect((await api('POST', `/offers/${offerId}/interests`, companyOwner, { associationId, side: 'association' })).status).toBe(403);
    expect((await api('POST', `/offers/${offerId}/interests`, outsider, { associationId, side: 'company' })).status).toBe(403);

    const ranked = await ok<{ items: RankedOffer[] }>(await api('GET', `/associations/${associationId}/offer-suggestions`, owner));
    expect(ranked.items.find((i) => i.offer.id === offerId)!.state.companyInterested).toBe(true);

    const mutual = await ok<{ state: Ranked['state']; partnership: Partnership }>(await api('POST', `/offers/${offerId}/interests`, owner, { associationId, side: 'association' }), 201);
    expect(mutual.partnership.status).toBe('proposed');
    expect(mutual.partnership.fitScore).toBeGreaterThan(0);
    const id = mutual.partnership.id;
    expect((await mails(companyOwner)).map((m) => m.kind)).toEqual(['partnership.proposed']);
    expect((await mails(companyOwner))[0].text_body).toContain(`http://localhost/partenariats/${id}`);

    // The conversation is between the two parties only.
    await ok(await api('POST', `/partnerships/${id}/messages`, companyOwner, { body: 'Bonjour, quand pouvons-nous nous voir ?' }), 201);
    await ok(await api('POST', `/partnerships/${id}/messages`, owner, { body: 'Mardi soir, à la permanence.' }), 201);
    // Each message is announced to the other side only, with its first words.
    expect((await mails(owner)).at(-1)).toMatchObject({ kind: 'partnership.message' });
    expect((await mails(owner)).at(-1)!.text_body).toContain('« Bonjour, quand pouvons-nous nous voir ? »');
    expect((await mails(companyOwner)).at(-1)!.text_body).toContain('« Mardi soir, à la permanence. »');
    expect((await mails(owner)).filter((m) => m.kind === 'partnership.message')).toHaveLength(1);
    // A burst is announced once: the company's next messages within the hour send nothing more.
    await ok(await api('POST', `/partnerships/${id}/messages`, companyOwner, { body: 'Parfait, à mardi.' }), 201);
    expect((await mails(owner)).filter((m) => m.kind === 'partnership.message')).toHaveLength(1);
    const thread = await ok<{ items: { side: string; body: string }[] }>(await api('GET', `/partnerships/${id}/messages`, owner));
    expect(thread.items.map((m) => m.side)).toEqual(['company', 'association', 'company']);
    expect((await api('GET', `/partnerships/${id}/messages`, outsider)).status).toBe(404);
    expect((await api('POST', `/partnerships/${id}/messages`, outsider, { body: 'Intrus' })).status).toBe(404);
    expect((await api('GET', `/partnerships/${id}/messages`, admin)).status).toBe(403);
    expect((await api('POST', `/partnerships/${id}/messages`, owner, { body: '   ' })).status).toBe(422);

    expect((await api('GET', `/partnerships/${id}`, outsider)).status).toBe(404);
    expect((await ok<{ items: Partnership[] }>(await api('GET', '/partnerships', outsider))).items).toEqual([]);
    expect((await ok<{ items: Partnership[] }>(await api('GET', `/partnerships?company=${companyId}`, companyOwner))).items.map((p) => p.id)).toEqual([id]);

    // Only the company commits a place of its offer; nothing given before activation.
    expect((await api('POST', `/partnerships/${id}/activate`, owner)).status).toBe(403);
    expect((await api('POST', `/partnerships/${id}/end`, owner, { hours: 3 })).status).toBe(422);
    const active = await ok<Partnership>(await api('POST', `/partnerships/${id}/activate`, companyOwner));
    expect(active.status).toBe('active');
    expect(active.startedAt).not.toBeNull();
    expect((await ok<{ capacityLeft: number }>(await api('GET', `/offers/${offerId}`))).capacityLeft).toBe(0);
    expect((await api('POST', `/partnerships/${id}/activate`, companyOwner)).status).toBe(409);
    expect((await mails(owner)).at(-1)!.kind).toBe('partnership.activated');

    // No place left: a second association cannot start another partnership on this offer.
    const other = await newAssociation(owner);
    expect((await api('POST', `/offers/${offerId}/interests`, owner, { associationId: other, side: 'association' })).status).toBe(409);

    expect((await api('POST', `/partnerships/${id}/end`, outsider, { hours: 1 })).status).toBe(404);
    const ended = await ok<Partnership>(await api('POST', `/partnerships/${id}/end`, owner, { hours: 38, days: 2, items: 'Un classeur de procédures' }));
    expect(ended).toMatchObject({ status: 'ended', hours: 38, days: 2, amountEur: null, items: 'Un classeur de procédures' });
    expect(ended.endedAt).not.toBeNull();
    expect((await mails(companyOwner)).at(-1)!.kind).toBe('partnership.ended');
    expect((await mails(owner)).filter((m) => m.kind === 'partnership.ended')).toEqual([]);
    // Refused changes told nobody: one e-mail per event that happened.
    expect((await mails(owner)).map((m) => m.kind)).toEqual(['partner.interest', 'partnership.message', 'partnership.activated']);
    expect((await mails(companyOwner)).map((m) => m.kind)).toEqual(['partnership.proposed', 'partnership.message', 'partnership.ended']);
    expect(await mails(outsider)).toEqual([]);
    expect((await api('POST', `/partnerships/${id}/end`, companyOwner, {})).status).toBe(409);
  });

  it('lists the interests waiting for the other side to each party only, until answered', async () => {
    type Pending = { offer: { id: string }; company: { id: string }; association: { id: string }; interestedSide: string; createdAt: string };
    const companyOwner = await signIn(ctx);
    const { offerId, companyId } = await newCompanyWithOffer(companyOwner, { capacity: 3 });
    const owner = await signIn(ctx);
    const asking = await newAssociation(owner);
    const asked = await newAssociation(owner);
    const outsider = await signIn(ctx);
    const pending = async (user: User, query: string) => (await ok<{ items: Pending[] }>(await api('GET', `/partner-interests${query}`, user))).items;

    await ok(await api('POST', `/offers/${offerId}/interests`, owner, { associationId: asking, side: 'association' }), 201);
    await ok(await api('POST', `/offers/${offerId}/interests`, companyOwner, { associationId: asked, side: 'company' }), 201);

    // The company sees the association's interest in its offer (to answer it), and its own one waiting.
    const forCompany = await pending(companyOwner, `?offer=${offerId}&interestedSide=association`);
    expect(forCompany.map((i) => [i.association.id, i.interestedSide])).toEqual([[asking, 'association']]);
    expect(forCompany[0]).toMatchObject({ offer: { id: offerId }, company: { id: companyId } });
    expect((await pending(companyOwner, `?company=${companyId}`)).map((i) => i.association.id).sort()).toEqual([asking, asked].sort());
    // The association sees the company's interest in it, not the pairs of another association.
    expect((await pending(owner, `?association=${asked}&interestedSide=company`)).map((i) => i.offer.id)).toEqual([offerId]);
    expect(await pending(owner, `?association=${asked}&interestedSide=association`)).toEqual([]);
    expect(await pending(outsider, `?offer=${offerId}`)).toEqual([]);

    // Answered: the pair becomes a partnership and leaves the list.
    await ok(await api('POST', `/offers/${offerId}/interests`, companyOwner, { associationId: asking, side: 'company' }), 201);
    expect((await pending(companyOwner, `?offer=${offerId}`)).map((i) => i.association.id)).toEqual([asked]);
    // A closed offer can lead nowhere: nothing is left to answer.
    await ok(await api('POST', `/offers/${offerId}/close`, companyOwner));
    expect(await pending(owner, `?association=${asked}`)).toEqual([]);

    expect((await api('GET', '/partner-interests?interestedSide=nobody', owner)).status).toBe(422);
    expect((await api('GET', '/partner-interests?offer=not-an-id', owner)).status).toBe(422);
    expect((await api('GET', '/partner-interests')).status).toBe(401);
  });

  it('lets each side take back its interest until the other side has answered it', async () => {
    const companyOwner = await signIn(ctx);
    const { offerId } = await newCompanyWithOffer(companyOwner, { capacity: 3 });
    const owner = await signIn(ctx);
    const associationId = await newAssociation(owner);
    const outsider = await signIn(ctx);
    const withdraw = (user: User | undefined, side: string, id = associationId) => api('DELETE', `/offers/${offerId}/interests?associationId=${id}&side=${side}`, user);
    const waiting = async () => (await ok<{ items: unknown[] }>(await api('GET', `/partner-interests?offer=${offerId}&interestedSide=association`, companyOwner))).items;

    await ok(await api('POST', `/offers/${offerId}/interests`, owner, { associationId, side: 'association' }), 201);
    expect(await waiting()).toHaveLength(1);
    // Only the side that said it takes it back.
    expect((await withdraw(outsider, 'association')).status).toBe(403);
    expect((await withdraw(companyOwner, 'association')).status).toBe(403);
    expect((await withdraw(undefined, 'association')).status).toBe(401);
    const taken = await ok<{ state: { associationInterested: boolean; companyInterested: boolean; partnership: unknown } }>(await withdraw(owner, 'association'));
    expect(taken.state).toEqual({ associationInterested: false, companyInterested: false, partnership: null });
    expect(await waiting()).toEqual([]);
    expect((await withdraw(owner, 'association')).status).toBe(404);
    // Said again, then answered: the partnership exists, and is withdrawn from its own page, not here.
    await ok(await api('POST', `/offers/${offerId}/interests`, owner, { associationId, side: 'association' }), 201);
    await ok(await api('POST', `/offers/${offerId}/interests`, companyOwner, { associationId, side: 'company' }), 201);
    expect((await withdraw(owner, 'association')).status).toBe(409);
    expect((await withdraw(companyOwner, 'company')).status).toBe(409);

    expect((await withdraw(owner, 'nobody')).status).toBe(422);
    expect((await api('DELETE', `/offers/${offerId}/interests`, owner)).status).toBe(422);
    expect((await api('DELETE', `/offers/00000000-0000-4000-8000-000000000000/interests?associationId=${associationId}&side=association`, owner)).status).toBe(404);
  });

  it('refuses interests that cannot lead anywhere: unknown offer, association outside the territories or not verified', async () => {
    const companyOwner = await signIn(ctx);
    const { offerId } = await newCompanyWithOffer(companyOwner);
    const owner = await signIn(ctx);
    const far = await newAssociation(owner, {}, 'verified', elsewhere.communes[0].insee);
    const pending = await newAssociation(owner, {}, 'pending');
    expect((await api('POST', `/offers/00000000-0000-4000-8000-000000000000/interests`, owner, { associationId: far, side: 'association' })).status).toBe(404);
    expect((await api('POST', `/offers/${offerId}/interests`, owner, { associationId: far, side: 'association' })).status).toBe(422);
    expect((await api('POST', `/offers/${offerId}/interests`, owner, { associationId: pending, side: 'association' })).status).toBe(409);
    expect((await api('POST', `/offers/${offerId}/interests`, owner, { associationId: pending, side: 'nobody' })).status).toBe(422);
    expect((await api('POST', `/offers/${offerId}/interests`, undefined, { associationId: pending, side: 'association' })).status).toBe(401);
    expect((await api('GET', '/partnerships')).status).toBe(401);
  });
});
