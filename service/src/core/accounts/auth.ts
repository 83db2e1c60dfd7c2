import { isUniqueViolation, type Sql } from '../../db/database.ts';
import type { Logger } from '../../logger.ts';
import { requireUser, type Actor } from '../actor.ts';
import { Conflict, Forbidden, Invalid, Unauthorized } from '../errors.ts';
import { appLink, deliverSoon, queueEmail } from './outbox.ts';
import type { JobQueue } from '../jobs.ts';
import { MIN_PASSWORD_LENGTH, hashPassword, verifyPassword } from './passwords.ts';
import { assertUnderLimits, clearLimit, countEvent, type Limit } from './rate-limit.ts';
import { createSession, endSession } from './sessions.ts';
import { deleteExpiredSessions, deleteUserSessions } from './sessions.sql.ts';
import { RESET_PASSWORD_TTL_MS, VERIFY_EMAIL_TTL_MS, consumeOneTimeToken, issueOneTimeToken } from './tokens.ts';
import { createUser } from './users.ts';
import { markEmailVerified, selectUserByEmail, selectUserById, updatePasswordHash, type UserRow } from './users.sql.ts';

/** What account use cases need: the database, a logger and the public URL for links in e-mails. */
export type AccountDeps = { sql: Sql; log: Logger; config: { publicUrl: string }; jobs?: Pick<JobQueue, 'enqueue'> };
/** Where a request comes from, for rate limits and the session list. */
export type RequestMeta = { address: string; userAgent: string | null };

// 5 failures per account and 20 per address in 15 minutes (OWASP authentication cheat sheet: throttle per
// account and per source). Reset requests: 3 per account and 10 per address per hour (each one sends a mail).
const loginLimits = (email: string, address: string): Limit[] => [
  { key: `login:account:${email.toLowerCase()}`, max: 5, windowSeconds: 900 },
  { key: `login:address:${address}`, max: 20, windowSeconds: 900 },
];
const resetLimits = (email: string, address: string): Limit[] => [
  { key: `reset:account:${email.toLowerCase()}`, max: 3, windowSeconds: 3600 },
  { key: `reset:address:${address}`, max: 10, windowSeconds: 3600 },
];
const signUpLimits = (address: string): Limit[] => [{ key: `signup:address:${address}`, max: 10, windowSeconds: 3600 }];

const GENERIC_SIGNUP = 'Si cette adresse peut être utilisée, un e-mail vient de vous être envoyé : suivez le lien pour confirmer votre compte.';
const GENERIC_RESET = 'Si un compte existe avec cette adresse, un e-mail vient de vous être envoyé avec un lien valable une heure.';
const WRONG_CREDENTIALS = 'Adresse e-mail ou mot de passe incorrect.';

// Verifying against a real argon2id hash when the e-mail is unknown keeps the answer time close to a known
// account's, so timing does not tell which e-mails have an account.
let decoyHash: Promise<string> | null = null;
const getDecoyHash = () => (decoyHash ??= hashPassword('decoy-password-that-matches-nothing'));

function assertPasswordStrength(password: string, field = 'password') {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > 200) {
    throw new Invalid('Mot de passe trop faible.', [{ path: `body.${field}`, message: `au moins ${MIN_PASSWORD_LENGTH} caractères (200 au plus)` }]);
  }
}

async function sendVerificationEmail(deps: AccountDeps, user: Pick<UserRow, 'id' | 'email' | 'display_name'>) {
  const token = await issueOneTimeToken(deps.sql, user.id, 'verify_email', VERIFY_EMAIL_TTL_MS);
  const link = appLink(deps.config.publicUrl, '/compte/confirmer', { token });
  await queueEmail(deps.sql, {
    idempotencyKey: `verify-email:${user.id}:${token.slice(0, 16)}`,
    recipient: user.email,
    subject: 'Confirmez votre adresse e-mail sur Maillage',
    text: `Bonjour ${user.display_name},\n\nPour confirmer votre adresse e-mail, ouvrez ce lien (valable 24 heures) :\n${link}\n\nSi vous n'avez pas créé de compte, ignorez ce message.`,
    kind: 'verify_email',
    userId: user.id,
  });
}

/** Creates an account and e-mails a confirmation link; answers the same whether the e-mail already has an account. */
export async function signUp(deps: AccountDeps, input: { email: string; password: string; displayName: string }, meta: RequestMeta) {
  assertPasswordStrength(input.password);
  const email = input.email.trim().toLowerCase();
  await assertUnderLimits(deps.sql, signUpLimits(meta.address), 'Trop d’inscriptions depuis cette adresse. Réessayez dans une heure.');
  await countEvent(deps.sql, signUpLimits(meta.address));
  const passwordHash = await hashPassword(input.password);
  let existing = await selectUserByEmail(deps.sql, email);
  if (!existing) {
    try {
      await deps.sql.begin(async (tx) => {
        const user = await createUser({ sql: tx }, { email, displayName: input.displayName.trim(), passwordHash, emailVerified: false });
        await sendVerificationEmail({ ...deps, sql: tx as unknown as Sql }, { id: user.id, email: user.email, display_name: user.displayName });
      });
      await deliverSoon(deps);
      return { message: GENERIC_SIGNUP };
    } catch (err) {
      // Another sign-up with this address got there first (a double click on the form): this one is answered as
      // any sign-up with an address that has an account, not with an error.
      if (!(err instanceof Conflict) && !isUniqueViolation(err, 'users_email_key')) throw err;
      existing = await selectUserByEmail(deps.sql, email);
    }
  }
  if (existing) {
    // Tell the owner of the address, not the caller; at most one such mail per hour.
    await queueEmail(deps.sql, {
      idempotencyKey: `signup-existing:${existing.id}:${Math.floor(Date.now() / 3_600_000)}`,
      recipient: existing.email,
      subject: 'Tentative d’inscription avec votre adresse',
      text: `Bonjour,\n\nQuelqu'un a essayé de créer un compte Maillage avec votre adresse, qui en a déjà un. Si c'était vous, connectez-vous ou choisissez « mot de passe oublié » :\n${appLink(deps.config.publicUrl, '/compte/connexion')}`,
      kind: 'signup_existing',
      userId: existing.id,
    });
    await deliverSoon(deps);
  }
  return { message: GENERIC_SIGNUP };
}

/** Confirms an e-mail address with the single-use token from the confirmation mail. */
export async function verifyEmail(deps: AccountDeps, token: string) {
  const userId = await consumeOneTimeToken(deps.sql, token, 'verify_email');
  if (!userId) throw new Invalid('Ce lien de confirmation est invalide, expiré ou déjà utilisé. Connectez-vous pour en recevoir un nouveau.');
  await markEmailVerified(deps.sql, userId);
  return { verified: true as const };
}

/**
 * Logs in: rate-limited per account and per address, always a brand-new session (the session presented
 * before login, if any, is ended: no session fixation).
 */
export async function logIn(deps: AccountDeps, input: { email: string; password: string }, meta: RequestMeta & { previousToken?: string }) {
  const email = input.email.trim().toLowerCase();
  const limits = loginLimits(email, meta.address);
  await assertUnderLimits(deps.sql, limits, 'Trop de tentatives de connexion. Réessayez dans quelques minutes.');
  const user = await selectUserByEmail(deps.sql, email);
  const isValid = user?.password_hash
    ? await verifyPassword(user.password_hash, input.password)
    : (await verifyPassword(await getDecoyHash(), input.password)) && false;
  if (!user || !isValid) {
    await countEvent(deps.sql, limits);
    throw new Unauthorized(WRONG_CREDENTIALS);
  }
  if (!user.email_verified_at) {
    await sendVerificationEmail(deps, user);
    await deliverSoon(deps);
    throw new Forbidden('Confirmez d’abord votre adresse e-mail : nous venons de vous renvoyer le lien de confirmation.');
  }
  await clearLimit(deps.sql, limits[0].key);
  if (meta.previousToken) await endSession(deps.sql, meta.previousToken);
  await deleteExpiredSessions(deps.sql, user.id);
  const session = await createSession(deps.sql, user.id, meta.userAgent);
  return { userId: user.id, session };
}

/** Ends the session behind a token (unknown tokens are ignored). */
export async function logOut(deps: Pick<AccountDeps, 'sql'>, token: string | undefined) {
  if (token) await endSession(deps.sql, token);
}

/** E-mails a single-use reset link valid one hour; same answer whether or not the account exists. */
export async function requestPasswordReset(deps: AccountDeps, input: { email: string }, meta: RequestMeta) {
  const email = input.email.trim().toLowerCase();
  const limits = resetLimits(email, meta.address);
  await assertUnderLimits(deps.sql, limits, 'Trop de demandes de réinitialisation. Réessayez dans une heure.');
  await countEvent(deps.sql, limits);
  const user = await selectUserByEmail(deps.sql, email);
  if (!user) return { message: GENERIC_RESET };
  await deps.sql.begin(async (tx) => {
    const token = await issueOneTimeToken(tx, user.id, 'reset_password', RESET_PASSWORD_TTL_MS);
    await queueEmail(tx, {
      idempotencyKey: `reset-password:${user.id}:${token.slice(0, 16)}`,
      recipient: user.email,
      subject: 'Réinitialisation de votre mot de passe Maillage',
      text: `Bonjour ${user.display_name},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure, utilisable une fois) :\n${appLink(deps.config.publicUrl, '/compte/nouveau-mot-de-passe', { token })}\n\nSi vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.`,
      kind: 'reset_password',
      userId: user.id,
    });
  });
  await deliverSoon(deps);
  return { message: GENERIC_RESET };
}

async function notifyPasswordChanged(deps: AccountDeps, user: UserRow) {
  await queueEmail(deps.sql, {
    idempotencyKey: `password-changed:${user.id}:${Date.now()}`,
    recipient: user.email,
    subject: 'Votre mot de passe Maillage a été changé',
    text: `Bonjour ${user.display_name},\n\nLe mot de passe de votre compte vient d'être changé et toutes vos sessions ont été fermées. Si ce n'était pas vous, demandez tout de suite un nouveau mot de passe :\n${appLink(deps.config.publicUrl, '/compte/mot-de-passe-oublie')}`,
    kind: 'password_changed',
    userId: user.id,
  });
  await deliverSoon(deps);
}

/** Sets a new password with a reset token (single use); every session of the account is closed. */
export async function resetPassword(deps: AccountDeps, input: { token: string; password: string }) {
  assertPasswordStrength(input.password);
  const passwordHash = await hashPassword(input.password);
  const userId = await consumeOneTimeToken(deps.sql, input.token, 'reset_password');
  const user = userId && (await selectUserById(deps.sql, userId));
  if (!user) throw new Invalid('Ce lien de réinitialisation est invalide, expiré ou déjà utilisé. Demandez-en un nouveau.');
  await deps.sql.begin(async (tx) => {
    await updatePasswordHash(tx, user.id, passwordHash);
    // Receiving the link proves control of the mailbox.
    await markEmailVerified(tx, user.id);
    await deleteUserSessions(tx, user.id);
    await clearLimit(tx, `login:account:${user.email.toLowerCase()}`);
    await notifyPasswordChanged({ ...deps, sql: tx as unknown as Sql }, user);
  });
  return { message: 'Votre mot de passe a été changé. Vous pouvez vous connecter.' };
}

/** Checks the current password of the acting user, counted like a login failure when wrong. */
export async function assertCurrentPassword(deps: AccountDeps, actor: Actor, password: string, meta: RequestMeta, field = 'currentPassword'): Promise<UserRow> {
  const me = requireUser(actor);
  const limits = loginLimits(me.email, meta.address);
  await assertUnderLimits(deps.sql, limits, 'Trop de tentatives. Réessayez dans quelques minutes.');
  const user = await selectUserById(deps.sql, me.userId);
  if (!user?.password_hash || !(await verifyPassword(user.password_hash, password))) {
    await countEvent(deps.sql, limits);
    throw new Invalid('Mot de passe actuel incorrect.', [{ path: `body.${field}`, message: 'mot de passe incorrect' }]);
  }
  return user;
}

/** Changes the password (current one required); every other session is closed and a new one replaces this one. */
export async function changePassword(deps: AccountDeps, actor: Actor, input: { currentPassword: string; newPassword: string }, meta: RequestMeta) {
  const user = await assertCurrentPassword(deps, actor, input.currentPassword, meta);
  assertPasswordStrength(input.newPassword, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  return deps.sql.begin(async (tx) => {
    await updatePasswordHash(tx, user.id, passwordHash);
    await deleteUserSessions(tx, user.id);
    await notifyPasswordChanged({ ...deps, sql: tx as unknown as Sql }, user);
    return createSession(tx, user.id, meta.userAgent);
  });
}
