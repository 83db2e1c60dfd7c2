import type { Sql } from '../../db/database.ts';
import { assertCanActForAssociation, assertCanActForCompany, requireUser, type Actor, type UserActor } from '../actor.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../errors.ts';
import type { AccountDeps } from './auth.ts';
import {
  countAdmins,
  deleteMembership,
  insertInvitation,
  markInvitationAccepted,
  selectIsMemberByEmail,
  selectLiveInvitationByHash,
  selectMembers,
  selectOrganisationName,
  selectPendingInvitations,
  upsertMembership,
  type InvitationRow,
  type OrganisationKind,
} from './memberships.sql.ts';
import { appLink, deliverSoon, queueEmail } from './outbox.ts';
import { assertUnderLimits, countEvent } from './rate-limit.ts';
import { hashToken, newToken } from './tokens.ts';

export type { OrganisationKind } from './memberships.sql.ts';

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

function assertCanActFor(actor: Actor, kind: OrganisationKind, id: string, role: 'member' | 'admin'): UserActor {
  return kind === 'association' ? assertCanActForAssociation(actor, id, role) : assertCanActForCompany(actor, id, role);
}

async function requireOrganisationName(sql: Sql, kind: OrganisationKind, id: string): Promise<string> {
  const name = await selectOrganisationName(sql, kind, id);
  if (!name) throw new NotFound(kind === 'association' ? 'Association introuvable.' : 'Entreprise introuvable.');
  return name;
}

const toInvitation = (r: InvitationRow) => ({ id: r.id, email: r.email, role: r.role, expiresAt: r.expires_at.toISOString(), createdAt: r.created_at.toISOString() });

/** An organisation admin invites someone by e-mail (member or admin); the link is valid 7 days. */
export async function inviteMember(deps: AccountDeps, actor: Actor, input: { kind: OrganisationKind; organisationId: string; email: string; role: 'member' | 'admin' }) {
  const name = await requireOrganisationName(deps.sql, input.kind, input.organisationId);
  const user = assertCanActFor(actor, input.kind, input.organisationId, 'admin');
  const email = input.email.trim().toLowerCase();
  // Each invitation sends a mail to an address the platform does not know: cap them so that an organisation
  // account cannot be used to spam (50 a day is far above what a real board sends).
  const limits = [{ key: `invite:${input.kind}:${input.organisationId}`, max: 50, windowSeconds: 86_400 }];
  await assertUnderLimits(deps.sql, limits, 'Trop d’invitations envoyées aujourd’hui pour cette organisation. Réessayez demain.');
  if (await selectIsMemberByEmail(deps.sql, input.kind, input.organisationId, email)) throw new Conflict('Cette personne fait déjà partie de l’organisation.');
  await countEvent(deps.sql, limits);
  const { token, hash } = newToken();
  const row = await deps.sql.begin(async (tx) => {
    const invitation = await insertInvitation(tx, { ...input, email, tokenHash: hash, invitedBy: user.userId, expiresAt: new Date(Date.now() + INVITATION_TTL_MS) });
    await queueEmail(tx, {
      idempotencyKey: `invitation:${invitation.id}`,
      recipient: email,
      subject: `Invitation à rejoindre ${name} sur Maillage`,
      text: `Bonjour,\n\n${user.displayName} vous invite à rejoindre « ${name} » sur Maillage comme ${input.role === 'admin' ? 'administrateur ou administratrice' : 'membre'}.\nPour accepter, connectez-vous (ou créez un compte avec cette adresse) puis ouvrez ce lien, valable 7 jours :\n${appLink(deps.config.publicUrl, '/invitations/accepter', { token })}`,
      kind: 'organisation_invitation',
    });
    return invitation;
  });
  await deliverSoon(deps);
  return toInvitation(row);
}

/** The invitee (logged in with the invited e-mail address) accepts and becomes a member. */
export async function acceptInvitation(deps: Pick<AccountDeps, 'sql'>, actor: Actor, token: string) {
  const user = requireUser(actor);
  if (token.length > 200) throw new Invalid('Invitation invalide ou expirée.');
  return deps.sql.begin(async (tx) => {
    const invitation = await selectLiveInvitationByHash(tx, hashToken(token));
    if (!invitation) throw new Invalid('Cette invitation est invalide, expirée ou déjà acceptée.');
    if (invitation.email.toLowerCase() !== user.email.toLowerCase()) {
      throw new Forbidden('Cette invitation a été envoyée à une autre adresse e-mail que celle de votre compte.');
    }
    const kind: OrganisationKind = invitation.association_id ? 'association' : 'company';
    const organisationId = (invitation.association_id ?? invitation.company_id)!;
    await upsertMembership(tx, { userId: user.userId, kind, organisationId, role: invitation.role });
    await markInvitationAccepted(tx, invitation.id, user.userId);
    return { kind, organisationId, role: invitation.role };
  });
}

/** Members of an organisation (its members and platform admins); pending invitations for its admins only. */
export async function listMembers(deps: Pick<AccountDeps, 'sql'>, actor: Actor, kind: OrganisationKind, organisationId: string) {
  await requireOrganisationName(deps.sql, kind, organisationId);
  const user = assertCanActFor(actor, kind, organisationId, 'member');
  const members = await selectMembers(deps.sql, kind, organisationId);
  const isAdmin =
    user.isPlatformAdmin || (kind === 'association' ? user.associations : user.companies).some((o) => o.id === organisationId && o.role === 'admin');
  const invitations = isAdmin ? await selectPendingInvitations(deps.sql, kind, organisationId) : [];
  return {
    members: members.map((m) => ({ userId: m.user_id, displayName: m.display_name, role: m.role, since: m.created_at.toISOString() })),
    invitations: invitations.map(toInvitation),
  };
}

/** Removes a member (an admin removes anyone, a member may leave); the last admin cannot be removed. */
export async function removeMember(deps: Pick<AccountDeps, 'sql'>, actor: Actor, kind: OrganisationKind, organisationId: string, userId: string) {
  await requireOrganisationName(deps.sql, kind, organisationId);
  const me = requireUser(actor);
  if (me.userId !== userId) assertCanActFor(actor, kind, organisationId, 'admin');
  else assertCanActFor(actor, kind, organisationId, 'member');
  await deps.sql.begin(async (tx) => {
    const members = await selectMembers(tx, kind, organisationId);
    const target = members.find((m) => m.user_id === userId);
    if (!target) throw new NotFound('Cette personne ne fait pas partie de l’organisation.');
    if (target.role === 'admin' && (await countAdmins(tx, kind, organisationId)) <= 1) {
      throw new Conflict('Impossible de retirer le dernier administrateur : nommez-en un autre d’abord.');
    }
    await deleteMembership(tx, kind, organisationId, userId);
  });
}
