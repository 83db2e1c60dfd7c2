import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectNoticeState } from '../../service/src/core/accounts/notice-settings.sql.ts';
import { DATABASE_TARGETS } from '../support/databases.ts';
import { createTestContext, jsonRequest, seedTerritory, signIn, type TestContext } from '../support/context.ts';
import { newSiren } from '../support/identifiers.ts';

type User = Awaited<ReturnType<typeof signIn>>;
const ALL_ON = { volunteering: true, partnerships: true, board: true };

let rnaSeq = 0;
const newRna = () => `W68${String(Date.now() % 1e4).padStart(4, '0')}${String(rnaSeq++ % 1000).padStart(3, '0')}`;

describe.each(DATABASE_TARGETS)('e-mail notice settings and unsubscribe links (%s)', (target) => {
  let ctx: TestContext;
  let home: Awaited<ReturnType<typeof seedTerritory>>;
  beforeAll(async () => {
    ctx = await createTestContext(target);
    home = await seedTerritory(ctx);
  });
  afterAll(() => ctx?.close());

  const api = (method: string, path: string, user?: User, body?: unknown) =>
    ctx.app.request(`/api${path}`, body === undefined ? { method, headers: user?.headers ?? {} } : jsonRequest(method, body, user?.headers));
  async function ok<T>(res: Response, status = 200): Promise<T> {
    const json = await res.json();
    expect(res.status, JSON.stringify(json)).toBe(status);
    return json as T;
  }
  const mails = (to: User) =>
    ctx.db.sql<{ kind: string; text_body: string; list_unsubscribe: string | null }[]>`
      SELECT kind, text_body, list_unsubscribe FROM outbox WHERE recipient = ${to.email} ORDER BY created_at, id`;

  /** A verified association whose admin is `owner`, and a company's offer that can show interest in it. */
  async function associationAndOffer(owner: User) {
    const a = await ok<{ id: string }>(await api('POST', '/associations', owner, { rna: newRna(), name: 'Les Amis du Jardin', communeInsee: home.communes[1].insee }), 201);
    await ctx.db.sql`UPDATE associations SET verification = 'verified' WHERE id = ${a.id}`;
    const companyOwner = await signIn(ctx);
    const c = await ok<{ id: string }>(await api('POST', '/companies', companyOwner, { siren: newSiren(), name: 'Imprimerie Schmitt', communeInsee: home.communes[0].insee }), 201);
    const offer = await ok<{ id: string }>(await api('POST', '/offers', companyOwner, { companyId: c.id, kind: 'in_kind', title: 'Don de papier', description: 'Des ramettes pour vos affiches.', capacity: 5 }), 201);
    const showInterest = () => api('POST', `/offers/${offer.id}/interests`, companyOwner, { associationId: a.id, side: 'company' });
    return { associationId: a.id, showInterest, withdrawInterest: () => api('DELETE', `/offers/${offer.id}/interests?associationId=${a.id}&side=company`, companyOwner) };
  }

  it('lets each user read and change only their own settings, every category on by default', async () => {
    const camille = await signIn(ctx);
    const other = await signIn(ctx);
    expect(await ok(await api('GET', '/me/notifications', camille))).toEqual(ALL_ON);
    expect(await ok(await api('PATCH', '/me/notifications', camille, { partnerships: false }))).toEqual({ ...ALL_ON, partnerships: false });
    expect(await ok(await api('PATCH', '/me/notifications', camille, { board: false }))).toEqual({ volunteering: true, partnerships: false, board: false });
    expect(await ok(await api('GET', '/me/notifications', camille))).toEqual({ volunteering: true, partnerships: false, board: false });
    expect(await ok(await api('GET', '/me/notifications', other))).toEqual(ALL_ON);
    expect(await ok(await api('PATCH', '/me/notifications', camille, { partnerships: true, board: true }))).toEqual(ALL_ON);

    const empty = await api('PATCH', '/me/notifications', camille, {});
    expect(empty.status).toBe(422);
    expect(empty.headers.get('content-type')).toContain('application/problem+json');
    expect((await api('PATCH', '/me/notifications', camille, { partnerships: 'non' })).status).toBe(422);
    expect((await api('GET', '/me/notifications')).status).toBe(401);
    expect((await api('PATCH', '/me/notifications', undefined, { board: false })).status).toBe(401);
  });

  it('sends no e-mail of a category turned off, and an unsubscribe link in the others that works without signing in', async () => {
    const owner = await signIn(ctx);
    const { showInterest, withdrawInterest } = await associationAndOffer(owner);
    await ok(await api('PATCH', '/me/notifications', owner, { partnerships: false }));
    await ok(await showInterest(), 201);
    expect(await mails(owner)).toEqual([]);

    await ok(await withdrawInterest());
    await ok(await api('PATCH', '/me/notifications', owner, { partnerships: true }));
    await ok(await showInterest(), 201);
    const [told] = await mails(owner);
    expect(told.kind).toBe('partner.interest');
    expect(told.text_body).toContain('les notifications « Partenariats » sont activées');
    expect(told.text_body).toMatch(/\nChoisir vos notifications : http:\/\/localhost\/compte\/notifications$/);
    const link = new URL(told.text_body.match(/Ne plus les recevoir : (\S+)/)![1]);
    expect(link.pathname).toBe('/compte/notifications/desabonnement');
    const [key, category] = [link.searchParams.get('cle')!, link.searchParams.get('sujet')!];
    expect(category).toBe('partnerships');

    // The link's key turns that category off, for its owner only; it can be followed twice.
    expect(await ok(await api('POST', '/notifications/unsubscribe', undefined, { key, category }))).toEqual({ category: 'partnerships', isEnabled: false });
    expect(await ok(await api('POST', '/notifications/unsubscribe', undefined, { key, category }))).toEqual({ category: 'partnerships', isEnabled: false });
    expect(await ok(await api('GET', '/me/notifications', owner))).toEqual({ ...ALL_ON, partnerships: false });

    const unknown = await api('POST', '/notifications/unsubscribe', undefined, { key: 'a'.repeat(64), category });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect((await api('POST', '/notifications/unsubscribe', undefined, { key: 'pas-une-cle', category })).status).toBe(422);
    expect((await api('POST', '/notifications/unsubscribe', undefined, { key, category: 'security' })).status).toBe(422);
  });

  it('gives mail clients a one-click unsubscribe address (RFC 8058) that works without a session or a CSRF token', async () => {
    const owner = await signIn(ctx);
    const { showInterest } = await associationAndOffer(owner);
    await ok(await showInterest(), 201);
    const [told] = await mails(owner);
    const address = new URL(told.list_unsubscribe!);
    expect(address.origin + address.pathname).toBe('http://localhost/api/notifications/unsubscribe/one-click');
    expect(address.searchParams.get('category')).toBe('partnerships');
    // The key is the footer link's: both stop the same thing.
    expect(address.searchParams.get('key')).toBe(new URL(told.text_body.match(/Ne plus les recevoir : (\S+)/)![1]).searchParams.get('cle'));

    // What a mail provider sends when its reader clicks « Se désabonner »: a form POST, no cookie.
    const oneClick = (pathAndQuery: string) =>
      ctx.app.request(pathAndQuery, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    // Opening the address (a link checker) changes nothing.
    expect((await ctx.app.request(address.pathname + address.search)).status).toBe(404);
    expect(await ok(await api('GET', '/me/notifications', owner))).toEqual(ALL_ON);
    expect(await ok(await oneClick(address.pathname + address.search))).toEqual({ category: 'partnerships', isEnabled: false });
    expect(await ok(await oneClick(address.pathname + address.search))).toEqual({ category: 'partnerships', isEnabled: false });
    expect(await ok(await api('GET', '/me/notifications', owner))).toEqual({ ...ALL_ON, partnerships: false });

    const unknown = await oneClick(`/api/notifications/unsubscribe/one-click?key=${'b'.repeat(64)}&category=board`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    const invalid = await oneClick('/api/notifications/unsubscribe/one-click?key=pas-une-cle&category=board');
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get('content-type')).toContain('application/problem+json');
    expect((await oneClick(`/api/notifications/unsubscribe/one-click?key=${address.searchParams.get('key')}`)).status).toBe(422);
  });

  it('stops a citizen’s digest of new missions from the same kind of link', async () => {
    const citizen = await signIn(ctx);
    await ok(await api('POST', '/citizens', citizen, { firstName: 'Camille', communeInsee: home.communes[1].insee, wish: 'Aider au jardin partagé' }), 201);
    await ok(await api('PATCH', '/me/privacy', citizen, { digest: 'weekly' }));
    const { notice_key: key } = (await selectNoticeState(ctx.deps.sql, citizen.id))!;
    expect(await ok(await api('POST', '/notifications/unsubscribe', undefined, { key, category: 'digest' }))).toEqual({ category: 'digest', isEnabled: false });
    expect(await ok(await api('GET', '/me/privacy', citizen))).toMatchObject({ digest: 'never' });
    // The notices are another matter: still on.
    expect(await ok(await api('GET', '/me/notifications', citizen))).toEqual(ALL_ON);
  });

  it('still sends what cannot be turned off: a moderation decision about the organisation', async () => {
    const owner = await signIn(ctx);
    const moderator = await signIn(ctx, { isModerator: true });
    const a = await ok<{ id: string }>(await api('POST', '/associations', owner, { rna: newRna(), name: 'Chorale du Neudorf', communeInsee: home.communes[1].insee }), 201);
    await ok(await api('PATCH', '/me/notifications', owner, { volunteering: false, partnerships: false, board: false }));
    await ok(await api('PATCH', `/moderation/associations/${a.id}`, moderator, { state: 'verified', reason: 'RNA contrôlé' }));
    const told = await mails(owner);
    expect(told.map((m) => m.kind)).toEqual(['organisation.verified']);
    expect(told[0].text_body).not.toContain('Ne plus les recevoir');
    expect(told[0].list_unsubscribe).toBeNull();
  });
});
