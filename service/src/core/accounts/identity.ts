import { unlessTaken, type Sql } from '../../db/database.ts';
import { requireUser, type Actor } from '../actor.ts';
import { Conflict, Invalid } from '../errors.ts';
import { assertCurrentPassword, type AccountDeps, type RequestMeta } from './auth.ts';
import { appLink, deliverSoon, queueEmail } from './outbox.ts';
import { assertUnderLimits, countEvent, type Limit } from './rate-limit.ts';
import { CHANGE_EMAIL_TTL_MS, consumeEmailChangeToken, issueOneTimeToken } from './tokens.ts';
import { selectUserByEmail, selectUserById, updateDisplayName, updateEmail } from './users.sql.ts';

// Each request sends an e-mail to an address the caller chose: 5 per account and hour.
const changeEmailLimits = (userId: string): Limit[] => [{ key: `change-email:account:${userId}`, max: 5, windowSeconds: 3600 }];

const GENERIC_CHANGE =
  'Si cette adresse peut être utilisée, un lien de confirmation vient d’y être envoyé (valable 24 heures). D’ici là, votre adresse actuelle reste celle de votre compte.';

/** Renames the acting user: the name their organisations, partners and candidates see. */
export async function renameMe(deps: { sql: Sql }, actor: Actor, input: { displayName: string }) {
  const user = requireUser(actor);
  await updateDisplayName(deps.sql, user.userId, input.displayName);
  return { displayName: input.displayName };
}

/**
 * Asks to move the account to another address (current password required): a link goes to the new address, and
 * nothing changes until it is followed. The answer is the same when the address already has an account, whose
 * owner is told instead: the form does not tell who has an account.
 */
export async function requestEmailChange(deps: AccountDeps, actor: Actor, input: { newEmail: string; currentPassword: string }, meta: RequestMeta) {
  const user = await assertCurrentPassword(deps, actor, input.currentPassword, meta);
  const newEmail = input.newEmail.trim().toLowerCase();
  if (newEmail === user.email.toLowerCase()) throw new Invalid('C’est déjà l’adresse de votre compte.', [{ path: 'body.newEmail', message: 'adresse actuelle du compte' }]);
  const limits = changeEmailLimits(user.id);
  await assertUnderLimits(deps.sql, limits, 'Trop de demandes de changement d’adresse. Réessayez dans une heure.');
  await countEvent(deps.sql, limits);
  const owner = await selectUserByEmail(deps.sql, newEmail);
  await deps.sql.begin(async (tx) => {
    if (owner) {
      await queueEmail(tx, {
        idempotencyKey: `change-email-existing:${owner.id}:${Math.floor(Date.now() / 3_600_000)}`,
        recipient: owner.email,
        subject: 'Votre adresse a été proposée pour un autre compte',
        text: `Bonjour,\n\nQuelqu'un a demandé à utiliser votre adresse pour un autre compte Maillage. Elle est déjà celle de votre compte : rien n'a changé, et vous n'avez rien à faire.`,
        kind: 'change_email_existing',
        userId: owner.id,
      });
      return;
    }
    const token = await issueOneTimeToken(tx, user.id, 'change_email', CHANGE_EMAIL_TTL_MS, newEmail);
    await queueEmail(tx, {
      idempotencyKey: `change-email:${user.id}:${token.slice(0, 16)}`,
      recipient: newEmail,
      subject: 'Confirmez votre nouvelle adresse sur Maillage',
      text: `Bonjour ${user.display_name},\n\nPour que cette adresse devienne celle de votre compte Maillage, ouvrez ce lien (valable 24 heures) :\n${appLink(deps.config.publicUrl, '/compte/adresse', { token })}\n\nSi vous n'avez rien demandé, ignorez ce message : rien ne change.`,
      kind: 'change_email',
      userId: user.id,
    });
  });
  await deliverSoon(deps);
  return { message: GENERIC_CHANGE };
}

/**
 * Follows the link sent to the new address: the account's e-mail becomes that address (confirmed), and the former
 * address is told, with what to do if it was not its owner.
 */
export async function confirmEmailChange(deps: AccountDeps, token: string) {
  const email = await deps.sql.begin(async (tx) => {
    const spent = await consumeEmailChangeToken(tx, token);
    const user = spent && (await selectUserById(tx, spent.user_id));
    if (!spent || !user) throw new Invalid('Ce lien est invalide, expiré ou déjà utilisé. Refaites la demande depuis votre compte.');
    // Taken since the request: seen here, or, by a sign-up at this very moment, met on the unique index.
    const taken = () => new Conflict('Cette adresse est devenue celle d’un autre compte entre-temps.');
    if (await selectUserByEmail(tx, spent.new_email)) throw taken();
    await unlessTaken(updateEmail(tx, user.id, spent.new_email), ['users_email_key'], taken);
    await queueEmail(tx, {
      idempotencyKey: `email-changed:${user.id}:${token.slice(0, 16)}`,
      recipient: user.email,
      subject: 'L’adresse de votre compte Maillage a changé',
      text: `Bonjour ${user.display_name},\n\nVotre compte Maillage utilise désormais l'adresse ${spent.new_email} ; ce message est le dernier envoyé à celle-ci.\n\nSi vous n'êtes pas à l'origine de ce changement, écrivez à l'équipe de la plateforme sans attendre.`,
      kind: 'email_changed',
      userId: user.id,
    });
    return spent.new_email;
  });
  await deliverSoon(deps);
  return { email };
}
