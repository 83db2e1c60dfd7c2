import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../service/src/core/accounts/passwords.ts';
import { createSession } from '../../service/src/core/accounts/sessions.ts';
import { createUser } from '../../service/src/core/accounts/users.ts';
import { DATABASE_TARGETS } from '../support/databases.ts';
import { createTestContext, jsonRequest, type TestContext } from '../support/context.ts';
import { loseRaceTo } from '../support/races.ts';

const PASSWORD = 'mon mot de passe secret';
let seq = 0;

describe.each(DATABASE_TARGETS)('my name and my e-mail address (%s)', (target) => {
  let ctx: TestContext;
  let passwordHash: string;
  beforeAll(async () => {
    ctx = await createTestContext(target);
    passwordHash = await hashPassword(PASSWORD);
  });
  afterAll(() => ctx?.close());

  /** An account with a password and a session (bearer). */
  async function newUser(name: string) {
    const user = await createUser(ctx.deps, { email: `${name.toLowerCase()}-${Date.now()}-${seq++}@example.org`, displayName: name, passwordHash, emailVerified: true });
    const session = await createSession(ctx.deps.sql, user.id);
    return { ...user, headers: { authorization: `Bearer ${session.token}` } };
  }
  const api = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    ctx.app.request(`/api${path}`, body === undefined ? { method, headers } : jsonRequest(method, body, headers));
  const mailsTo = (email: string) =>
    ctx.db.sql<{ kind: string; text_body: string }[]>`SELECT kind, text_body FROM outbox WHERE lower(recipient) = lower(${email}) ORDER BY created_at, id`;
  const tokenIn = (text: string) => new URL(text.match(/http\S+\/compte\/adresse\?token=\S+/)![0]).searchParams.get('token')!;
  const logIn = (email: string) => api('POST', '/auth/login', { email, password: PASSWORD });

  it('renames me, trimmed, and refuses an empty name', async () => {
    const lea = await newUser('Lea');
    const res = await api('PATCH', '/me', { displayName: '  Léa Roth  ' }, lea.headers);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ displayName: 'Léa Roth' });
    expect(((await (await api('GET', '/me', undefined, lea.headers)).json()) as { displayName: string }).displayName).toBe('Léa Roth');
    const empty = await api('PATCH', '/me', { displayName: '   ' }, lea.headers);
    expect(empty.status).toBe(422);
    expect(empty.headers.get('content-type')).toContain('application/problem+json');
    expect((await api('PATCH', '/me', { displayName: 'Personne' })).status).toBe(401);
  });

  it('moves my account to a new address once the link sent there is followed, and tells the former address', async () => {
    const noe = await newUser('Noe');
    const next = `noe.nouveau-${Date.now()}@example.org`;
    const wrong = await api('POST', '/auth/email/change', { newEmail: next, currentPassword: 'pas le bon' }, noe.headers);
    expect(wrong.status).toBe(422);
    expect(((await wrong.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['body.currentPassword']);
    expect((await api('POST', '/auth/email/change', { newEmail: noe.email.toUpperCase(), currentPassword: PASSWORD }, noe.headers)).status).toBe(422);
    expect((await api('POST', '/auth/email/change', { newEmail: 'pas-une-adresse', currentPassword: PASSWORD }, noe.headers)).status).toBe(422);

    const asked = await api('POST', '/auth/email/change', { newEmail: next.toUpperCase(), currentPassword: PASSWORD }, noe.headers);
    expect(asked.status).toBe(202);
    // Nothing has changed yet: the account still logs in with its address.
    expect((await logIn(noe.email)).status).toBe(200);
    const [link] = await mailsTo(next);
    expect(link.kind).toBe('change_email');
    const token = tokenIn(link.text_body);

    expect((await api('POST', '/auth/email/confirm', { token: 'x'.repeat(43) })).status).toBe(422);
    const confirmed = await api('POST', '/auth/email/confirm', { token });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toEqual({ email: next });
    expect((await logIn(next)).status).toBe(200);
    expect((await logIn(noe.email)).status).toBe(401);
    expect(((await (await api('GET', '/me', undefined, noe.headers)).json()) as { email: string }).email).toBe(next);
    expect((await mailsTo(noe.email)).map((m) => m.kind)).toEqual(['email_changed']);
    expect((await mailsTo(noe.email))[0].text_body).toContain(next);
    // The link works once.
    expect((await api('POST', '/auth/email/confirm', { token })).status).toBe(422);
  });

  it('answers the same for an address that has an account, whose owner alone is told; a link whose address was taken since is refused', async () => {
    const sam = await newUser('Sam');
    const taken = await newUser('Taken');
    const asked = await api('POST', '/auth/email/change', { newEmail: taken.email, currentPassword: PASSWORD }, sam.headers);
    expect(asked.status).toBe(202);
    const free = await api('POST', '/auth/email/change', { newEmail: `libre-${Date.now()}@example.org`, currentPassword: PASSWORD }, sam.headers);
    expect(await asked.clone().json()).toEqual(await free.json());
    expect((await mailsTo(taken.email)).map((m) => m.kind)).toEqual(['change_email_existing']);
    expect((await mailsTo(taken.email))[0].text_body).not.toContain('/compte/adresse');

    const later = `pris-entre-temps-${Date.now()}@example.org`;
    await api('POST', '/auth/email/change', { newEmail: later, currentPassword: PASSWORD }, sam.headers);
    const token = tokenIn((await mailsTo(later))[0].text_body);
    await createUser(ctx.deps, { email: later, displayName: 'Plus rapide', passwordHash, emailVerified: true });
    expect((await api('POST', '/auth/email/confirm', { token })).status).toBe(409);
    expect((await logIn(sam.email)).status).toBe(200);
    expect((await api('POST', '/auth/email/change', { newEmail: later, currentPassword: PASSWORD })).status).toBe(401);
  });

  it.runIf(target === 'postgres')('refuses a link whose address a sign-up takes at the very moment it is followed', async () => {
    const sam = await newUser('Sam');
    const contested = `disputee-${Date.now()}@example.org`;
    await api('POST', '/auth/email/change', { newEmail: contested, currentPassword: PASSWORD }, sam.headers);
    const token = tokenIn((await mailsTo(contested))[0].text_body);
    const res = await loseRaceTo(
      ctx.db.sql,
      (tx) => createUser({ sql: tx }, { email: contested, displayName: 'Au même instant', passwordHash, emailVerified: false }),
      () => api('POST', '/auth/email/confirm', { token }),
    );
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await logIn(sam.email)).status).toBe(200);
  });
});
