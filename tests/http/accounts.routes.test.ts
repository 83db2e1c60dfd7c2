import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../service/src/app.ts';
import { hashPassword } from '../../service/src/core/accounts/passwords.ts';
import { createUser } from '../../service/src/core/accounts/users.ts';
import { DATABASE_TARGETS } from '../support/databases.ts';
import { createTestContext, jsonRequest, type TestContext } from '../support/context.ts';
import { loseRaceTo } from '../support/races.ts';

type Problem = { status: number; detail: string; errors?: { path: string }[] };
const PASSWORD = 'un mot de passe solide';
let seq = 0;
const uniqueEmail = (tag: string) => `${tag}-${Date.now().toString(36)}-${seq++}@example.org`;
/** The socket address @hono/node-server would give; app.request() takes it as the env. */
const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
const sessionCookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('maillage_session='));
const tokenOf = (res: Response) => sessionCookieOf(res)?.match(/^maillage_session=([^;]*)/)?.[1];

describe.each(DATABASE_TARGETS)('accounts routes (%s)', (target) => {
  let ctx: TestContext;
  let passwordHash: string;
  beforeAll(async () => {
    ctx = await createTestContext(target);
    passwordHash = await hashPassword(PASSWORD);
  });
  afterAll(() => ctx?.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}, address = '192.0.2.1') =>
    ctx.app.request(`/api${path}`, jsonRequest('POST', body, headers), from(address));
  const verifiedUser = async (tag = 'user') =>
    createUser(ctx.deps, { email: uniqueEmail(tag), displayName: 'Alex Test', passwordHash, emailVerified: true });
  const logIn = async (email: string, password = PASSWORD, headers: Record<string, string> = {}, address?: string) => {
    const res = await post('/auth/login', { email, password }, headers, address);
    return { res, token: tokenOf(res), body: res.status === 200 ? ((await res.json()) as { csrfToken: string; me: { email: string } }) : null };
  };
  const mailsTo = (email: string) =>
    ctx.db.sql<{ kind: string; text_body: string; subject: string }[]>`SELECT kind, text_body, subject FROM outbox WHERE recipient = ${email} ORDER BY created_at, id`;
  const linkToken = (text: string) => text.match(/token=([A-Za-z0-9_-]+)/)![1];

  it('answers a sign-up sent three times at once (a double click) as any other: one account, one link, no error', async () => {
    const email = uniqueEmail('twice');
    const answers = await Promise.all([1, 2, 3].map(() => post('/auth/signup', { email, password: PASSWORD, displayName: 'Dominique' })));
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202]);
    const [{ accounts }] = await ctx.db.sql<{ accounts: number }[]>`SELECT count(*)::int AS accounts FROM users WHERE lower(email) = ${email}`;
    expect(accounts).toBe(1);
    // One confirmation link; the requests that came second are told apart only in the owner's mailbox, as any
    // sign-up with an address that has an account (one such e-mail an hour).
    const kinds = (await mailsTo(email)).map((m) => m.kind);
    expect(kinds.filter((k) => k === 'verify_email')).toHaveLength(1);
    expect(kinds.filter((k) => k !== 'verify_email')).toEqual(kinds.length === 1 ? [] : ['signup_existing']);
  });

  it.runIf(target === 'postgres')('answers a sign-up whose address another sign-up takes at the same moment as it answers any other', async () => {
    const email = uniqueEmail('race');
    const res = await loseRaceTo(
      ctx.db.sql,
      (tx) => createUser({ sql: tx }, { email, displayName: 'Première', passwordHash, emailVerified: false }),
      () => post('/auth/signup', { email, password: PASSWORD, displayName: 'Seconde' }),
    );
    expect(res.status).toBe(202);
    const [{ accounts }] = await ctx.db.sql<{ accounts: number }[]>`SELECT count(*)::int AS accounts FROM users WHERE lower(email) = ${email}`;
    expect(accounts).toBe(1);
    expect((await mailsTo(email)).map((m) => m.kind)).toEqual(['signup_existing']);
  });

  it('signs up, mails a verification link, verifies once, logs in with a hardened cookie, shows me, logs out', async () => {
    const email = uniqueEmail('signup');
    const signUp = await post('/auth/signup', { email, password: PASSWORD, displayName: 'Dominique' });
    expect(signUp.status).toBe(202);
    const message = ((await signUp.json()) as { message: string }).message;
    const [stored] = await ctx.db.sql<{ password_hash: string }[]>`SELECT password_hash FROM users WHERE email = ${email}`;
    expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    // Same answer for an address that already has an account: sign-up does not tell who is registered.
    const again = await post('/auth/signup', { email, password: 'autre mot de passe long', displayName: 'Intrus' });
    expect(again.status).toBe(202);
    expect(((await again.json()) as { message: string }).message).toBe(message);

    const early = await logIn(email);
    expect(early.res.status).toBe(403);
    const mails = await mailsTo(email);
    expect(mails.map((m) => m.kind)).toEqual(['verify_email', 'signup_existing', 'verify_email']);
    const token = linkToken(mails[2].text_body);
    expect(mails[2].text_body).toContain('http://localhost/compte/confirmer?token=');
    // Re-sending made the first link stale; the new one works once.
    expect((await post('/auth/verify-email', { token: linkToken(mails[0].text_body) })).status).toBe(422);
    expect((await post('/auth/verify-email', { token })).status).toBe(200);
    expect((await post('/auth/verify-email', { token })).status).toBe(422);

    const { res, token: session, body } = await logIn(email);
    expect(res.status).toBe(200);
    const cookie = sessionCookieOf(res)!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    expect(body!.me.email).toBe(email);

    const me = await ctx.app.request('/api/me', { headers: { cookie: `maillage_session=${session}` } });
    expect(me.status).toBe(200);
    const meBody = (await me.json()) as { email: string; csrfToken: string; isModerator: boolean };
    expect(meBody).toMatchObject({ email, csrfToken: body!.csrfToken, isModerator: false });

    const withoutCsrf = await post('/auth/logout', {}, { cookie: `maillage_session=${session}` });
    expect(withoutCsrf.status).toBe(403);
    const out = await post('/auth/logout', {}, { cookie: `maillage_session=${session}`, 'x-csrf-token': body!.csrfToken });
    expect(out.status).toBe(204);
    expect(sessionCookieOf(out)).toMatch(/Max-Age=0/);
    expect((await ctx.app.request('/api/me', { headers: { cookie: `maillage_session=${session}` } })).status).toBe(401);
  });

  it('sets the Secure flag when the public URL is https', async () => {
    const user = await verifiedUser();
    const app = createApp({ ...ctx.deps, config: { env: 'test', publicUrl: 'https://maillage.example' }, database: ctx.db });
    const res = await app.request('/api/auth/login', jsonRequest('POST', { email: user.email, password: PASSWORD }), from('192.0.2.9'));
    expect(res.status).toBe(200);
    expect(sessionCookieOf(res)).toMatch(/Secure/);
  });

  it('answers the same 401 for a wrong password and an unknown e-mail, and validates input', async () => {
    const user = await verifiedUser();
    const wrong = await logIn(user.email, 'pas le bon mot de passe', {}, '192.0.2.2');
    const unknown = await logIn(uniqueEmail('nobody'), PASSWORD, {}, '192.0.2.2');
    expect(wrong.res.status).toBe(401);
    expect(unknown.res.status).toBe(401);
    expect(((await wrong.res.json()) as Problem).detail).toBe(((await unknown.res.json()) as Problem).detail);
    const weak = await post('/auth/signup', { email: uniqueEmail('weak'), password: 'court', displayName: 'X' });
    expect(weak.status).toBe(422);
    expect(((await weak.json()) as Problem).errors!.map((e) => e.path)).toContain('body.password');
  });

  it('rate-limits login failures per account (5 / 15 min) and per address (20 / 15 min) with Retry-After', async () => {
    const user = await verifiedUser('limited');
    for (let i = 0; i < 5; i++) expect((await logIn(user.email, 'mauvais mot de passe', {}, `198.51.100.${i}`)).res.status).toBe(401);
    const blocked = await logIn(user.email, PASSWORD, {}, '198.51.100.50');
    expect(blocked.res.status).toBe(429);
    const retryAfter = Number(blocked.res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);

    // Per address: 20 failures on 20 different accounts from one address block that address only.
    for (let i = 0; i < 20; i++) expect((await logIn(uniqueEmail('spray'), 'mauvais mot de passe', {}, '203.0.113.7')).res.status).toBe(401);
    const other = await verifiedUser();
    expect((await logIn(other.email, PASSWORD, {}, '203.0.113.7')).res.status).toBe(429);
    expect((await logIn(other.email, PASSWORD, {}, '203.0.113.8')).res.status).toBe(200);
  });

  it('believes X-Forwarded-For only from a loopback peer (the web app, a local proxy)', async () => {
    const user = await verifiedUser();
    const viaWeb = (xff: string) => ({ 'x-forwarded-for': xff });
    for (let i = 0; i < 20; i++) expect((await logIn(uniqueEmail('xff'), 'mauvais mot de passe', viaWeb('203.0.113.70'), '127.0.0.1')).res.status).toBe(401);
    // The visitor behind the web app is blocked, other visitors of the web app are not.
    expect((await logIn(user.email, PASSWORD, viaWeb('203.0.113.70'), '127.0.0.1')).res.status).toBe(429);
    expect((await logIn(user.email, PASSWORD, viaWeb('spoofed, 203.0.113.71'), '127.0.0.1')).res.status).toBe(200);
    // A direct caller cannot pick the address it is counted under.
    expect((await logIn(user.email, PASSWORD, viaWeb('203.0.113.71'), '198.51.100.99')).res.status).toBe(200);
    for (let i = 0; i < 20; i++) expect((await logIn(uniqueEmail('direct'), 'mauvais mot de passe', viaWeb(`192.0.2.${i}`), '198.51.100.98')).res.status).toBe(401);
    expect((await logIn(user.email, PASSWORD, viaWeb('192.0.2.200'), '198.51.100.98')).res.status).toBe(429);
  });

  it('never keeps a session id across login (no session fixation)', async () => {
    const user = await verifiedUser();
    const planted = 'attacker-chosen-session-id-0123456789';
    const first = await logIn(user.email, PASSWORD, { cookie: `maillage_session=${planted}` });
    expect(first.res.status).toBe(200);
    expect(first.token).toBeTruthy();
    expect(first.token).not.toBe(planted);

    // Logging in again from a live session replaces it: the old id stops working.
    const second = await logIn(user.email, PASSWORD, { cookie: `maillage_session=${first.token}`, 'x-csrf-token': first.body!.csrfToken });
    expect(second.res.status).toBe(200);
    expect(second.token).not.toBe(first.token);
    expect((await ctx.app.request('/api/me', { headers: { authorization: `Bearer ${first.token}` } })).status).toBe(401);
    expect((await ctx.app.request('/api/me', { headers: { authorization: `Bearer ${second.token}` } })).status).toBe(200);
  });

  it('refuses cookie writes without the CSRF token, but not bearer calls', async () => {
    const user = await verifiedUser();
    const { token, body } = await logIn(user.email);
    const change = { currentPassword: PASSWORD, newPassword: 'un autre mot de passe' };
    expect((await post('/auth/password/change', change, { cookie: `maillage_session=${token}` })).status).toBe(403);
    expect((await post('/auth/password/change', change, { cookie: `maillage_session=${token}`, 'x-csrf-token': 'forged' })).status).toBe(403);
    const patch = await ctx.app.request('/api/me/privacy', jsonRequest('PATCH', { digest: 'weekly' }, { cookie: `maillage_session=${token}` }));
    expect(patch.status).toBe(403);
    const withToken = await ctx.app.request('/api/me/privacy', jsonRequest('PATCH', { digest: 'weekly' }, { cookie: `maillage_session=${token}`, 'x-csrf-token': body!.csrfToken }));
    expect(withToken.status).toBe(404); // past the CSRF check: this user simply has no volunteer profile
    const bearer = await ctx.app.request('/api/me/privacy', jsonRequest('PATCH', { digest: 'weekly' }, { authorization: `Bearer ${token}` }));
    expect(bearer.status).toBe(404);
  });

  it('resets a password with a single-use mailed token, closing every session', async () => {
    const user = await verifiedUser('reset');
    const live = await logIn(user.email);
    const unknown = await post('/auth/password/forgot', { email: uniqueEmail('ghost') });
    const known = await post('/auth/password/forgot', { email: user.email.toUpperCase() });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(await unknown.json()).toEqual(await known.json());
    const [mail] = await mailsTo(user.email);
    expect(mail.kind).toBe('reset_password');
    const token = linkToken(mail.text_body);

    expect((await post('/auth/password/reset', { token, password: 'court' })).status).toBe(422);
    expect((await post('/auth/password/reset', { token, password: 'nouveau mot de passe 2' })).status).toBe(200);
    expect((await post('/auth/password/reset', { token, password: 'encore un autre mdp' })).status).toBe(422);
    expect((await ctx.app.request('/api/me', { headers: { authorization: `Bearer ${live.token}` } })).status).toBe(401);
    expect((await logIn(user.email)).res.status).toBe(401);
    expect((await logIn(user.email, 'nouveau mot de passe 2')).res.status).toBe(200);
    expect((await mailsTo(user.email)).map((m) => m.kind)).toContain('password_changed');

    // Three requests per account per hour, whatever the address.
    expect((await post('/auth/password/forgot', { email: user.email }, {}, '192.0.2.30')).status).toBe(202);
    expect((await post('/auth/password/forgot', { email: user.email }, {}, '192.0.2.31')).status).toBe(202);
    const limited = await post('/auth/password/forgot', { email: user.email }, {}, '192.0.2.32');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('changes the password with the current one, rotating the session and closing the others', async () => {
    const user = await verifiedUser('change');
    const a = await logIn(user.email);
    const b = await logIn(user.email);
    const headers = { authorization: `Bearer ${a.token}` };
    const wrong = await post('/auth/password/change', { currentPassword: 'pas le bon du tout', newPassword: 'nouveau mot de passe 3' }, headers);
    expect(wrong.status).toBe(422);
    const ok = await post('/auth/password/change', { currentPassword: PASSWORD, newPassword: 'nouveau mot de passe 3' }, headers);
    expect(ok.status).toBe(200);
    const rotated = tokenOf(ok)!;
    expect(rotated).not.toBe(a.token);
    for (const old of [a.token, b.token]) expect((await ctx.app.request('/api/me', { headers: { authorization: `Bearer ${old}` } })).status).toBe(401);
    expect((await ctx.app.request('/api/me', { headers: { authorization: `Bearer ${rotated}` } })).status).toBe(200);
    expect((await post('/auth/password/change', { currentPassword: PASSWORD, newPassword: 'x' })).status).toBe(401);
  });

  it('lists my sessions without their tokens and logs out my other devices', async () => {
    const user = await verifiedUser('devices');
    const phone = await logIn(user.email, PASSWORD, { 'user-agent': 'Téléphone' });
    const laptop = await logIn(user.email, PASSWORD, { 'user-agent': 'Ordinateur' });
    const headers = { authorization: `Bearer ${laptop.token}` };
    const list = (await (await ctx.app.request('/api/me/sessions', { headers })).json()) as { items: { id: string; userAgent: string; isCurrent: boolean }[] };
    expect(list.items.map((s) => [s.userAgent, s.isCurrent])).toEqual([['Ordinateur', true], ['Téléphone', false]]);
    expect(JSON.stringify(list)).not.toContain(laptop.token!);
    expect((await ctx.app.request('/api/me/sessions', { method: 'DELETE', headers })).status).toBe(204);
    expect((await ctx.app.request('/api/me', { headers: { authorization: `Bearer ${phone.token}` } })).status).toBe(401);
    expect((await ctx.app.request('/api/me', { headers })).status).toBe(200);
  });
});
