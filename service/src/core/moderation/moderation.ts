import { isLuhnValid } from '../../contract/common.ts';
import type { Queryable } from '../../db/database.ts';
import { requireUser, isStaff, type Actor } from '../actor.ts';
import { selectUserById, selectUsersForRoles, updateUserRoles, type UserRoleRow } from '../accounts/users.sql.ts';
import { notifyAdmins, type ChangeDeps } from '../accounts/notices.ts';
import { deliverSoon } from '../accounts/outbox.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../errors.ts';
import {
  insertSupportOrganisation,
  insertVerificationDecision,
  selectOrganisationForModeration,
  selectOrganisationsForModeration,
  selectSupportOrganisationExists,
  selectVerificationState,
  updateVerification,
  type ModerationRow,
  type Verification,
} from './moderation.sql.ts';

type Kind = 'association' | 'company';

/** Why an organisation's registration number is not acceptable, or null: RNA = W + 9 digits, SIREN = 9 digits with a Luhn key. */
export function checkRegistration(r: { kind: Kind; rna: string | null; siren: string | null }): string | null {
  if (r.rna != null && !/^W\d{9}$/.test(r.rna)) return 'numéro RNA invalide (W suivi de 9 chiffres)';
  if (r.siren != null && !(/^\d{9}$/.test(r.siren) && isLuhnValid(r.siren))) return 'SIREN invalide (9 chiffres, clé de Luhn)';
  if (r.kind === 'company' && r.siren == null) return 'SIREN manquant';
  if (r.rna == null && r.siren == null) return 'numéro RNA ou SIREN manquant';
  return null;
}

const toItem = (r: ModerationRow) => {
  const problem = checkRegistration(r);
  return {
    kind: r.kind,
    id: r.id,
    name: r.name,
    rna: r.rna,
    siren: r.siren,
    verification: r.verification,
    communeInsee: r.commune_insee,
    members: r.members,
    isRegistrationValid: problem === null,
    registrationProblem: problem,
    createdAt: r.created_at.toISOString(),
  };
};

function requireStaff(actor: Actor) {
  const user = requireUser(actor);
  if (!isStaff(user)) throw new Forbidden('Réservé aux modérateurs et aux administrateurs de la plateforme.');
  return user;
}

/** Organisations waiting for (or under) moderation, with the check of their RNA/SIREN; moderators and platform admins. */
export async function listOrganisationsForModeration(
  deps: { sql: Queryable },
  actor: Actor,
  filters: { state?: Verification; kind?: Kind; limit: number; offset: number },
) {
  requireStaff(actor);
  const rows = await selectOrganisationsForModeration(deps.sql, { state: filters.state ?? null, kind: filters.kind ?? null, limit: filters.limit, offset: filters.offset });
  return { items: rows.map(toItem), total: rows[0]?.total ?? 0, limit: filters.limit, offset: filters.offset };
}

function verificationNotice(row: ModerationRow, state: Verification, reason: string) {
  const space = row.kind === 'association' ? `/espace-association/${row.id}` : `/espace-entreprise/${row.id}`;
  const why = reason.trim() ? [`Motif : ${reason.trim()}`] : [];
  const [subject, lines] =
    state === 'verified'
      ? [
          `${row.name} est vérifiée sur Maillage`,
          [
            row.kind === 'association'
              ? `L’équipe de modération a vérifié ${row.name} : vous pouvez maintenant inviter des bénévoles, contacter des candidat·es pour votre conseil et nouer des partenariats avec des entreprises.`
              : `L’équipe de modération a vérifié ${row.name} : vos offres et vos échanges avec les associations sont ouverts.`,
          ],
        ]
      : state === 'suspended'
        ? [`${row.name} est suspendue sur Maillage`, [`L’équipe de modération a suspendu ${row.name} : ses missions et offres ne sont plus proposées, et elle ne peut plus contacter personne.`, ...why]]
        : [`${row.name} est de nouveau en attente de vérification`, [`L’équipe de modération a remis ${row.name} en attente de vérification.`, ...why]];
  // A decision about the organisation itself: always sent (no category to turn off).
  return { kind: `organisation.${state}`, category: null, eventKey: `${row.id}:${Date.now()}`, subject, lines: [...lines, 'Votre espace :'], path: space };
}

/** Sets an organisation's state (pending / verified / suspended), recorded with its reason; verifying needs a valid RNA/SIREN. */
export async function setVerification(deps: ChangeDeps, actor: Actor, input: { kind: Kind; id: string; state: Verification; reason: string }) {
  const moderator = requireStaff(actor);
  const row = await selectOrganisationForModeration(deps.sql, input.kind, input.id);
  if (!row) throw new NotFound(input.kind === 'association' ? 'Association introuvable.' : 'Entreprise introuvable.');
  if (input.state === 'verified') {
    const problem = checkRegistration(row);
    if (problem) throw new Invalid(`Impossible de vérifier : ${problem}.`, [{ path: 'body.state', message: problem }]);
  }
  if (input.state === 'suspended' && !input.reason.trim()) {
    throw new Invalid('Indiquez la raison de la suspension.', [{ path: 'body.reason', message: 'raison requise pour une suspension' }]);
  }
  await deps.sql.begin(async (tx) => {
    await updateVerification(tx, input.kind, input.id, input.state);
    await insertVerificationDecision(tx, { kind: input.kind, id: input.id, moderatorId: moderator.userId, previous: row.verification, next: input.state, reason: input.reason });
    // The organisation's admins learn a change of state (verifying opens, suspending closes what it may do).
    if (row.verification !== input.state) await notifyAdmins(tx, deps, [{ organisation: input.kind, id: input.id }], verificationNotice(row, input.state, input.reason));
  });
  await deliverSoon(deps);
  return toItem({ ...row, verification: input.state });
}

/**
 * Unverified organisations cannot contact citizens: call this before an association or company invites,
 * messages or proposes anything to a citizen. Throws NotFound or Forbidden.
 */
export async function assertOrganisationVerified(deps: { sql: Queryable }, organisation: { associationId: string } | { companyId: string }): Promise<void> {
  const [kind, id]: [Kind, string] = 'associationId' in organisation ? ['association', organisation.associationId] : ['company', organisation.companyId];
  const state = await selectVerificationState(deps.sql, kind, id);
  if (!state) throw new NotFound(kind === 'association' ? 'Association introuvable.' : 'Entreprise introuvable.');
  if (state !== 'verified') {
    throw new Forbidden(
      state === 'suspended'
        ? 'Cette organisation est suspendue : elle ne peut pas contacter de citoyens.'
        : 'Cette organisation doit être vérifiée par un modérateur avant de pouvoir contacter des citoyens.',
    );
  }
}

/** A platform admin grants or removes global roles (moderator, organiser, platform admin, support agent). */
const toUserWithRoles = (u: UserRoleRow) => ({
  userId: u.id,
  email: u.email,
  displayName: u.display_name,
  isPlatformAdmin: u.is_platform_admin,
  isModerator: u.is_moderator,
  isOrganiser: u.is_organiser,
  supportOrganisationId: u.support_organisation_id,
  supportOrganisationName: u.support_organisation_name,
  createdAt: u.created_at.toISOString(),
});

/** A platform admin finds accounts by e-mail or name to give them a role; without a query, who holds one. */
export async function findUsersForRoles(deps: { sql: Queryable }, actor: Actor, input: { q?: string; limit: number }) {
  if (!requireUser(actor).isPlatformAdmin) throw new Forbidden('Réservé aux administrateurs de la plateforme.');
  return { items: (await selectUsersForRoles(deps.sql, input.q, input.limit)).map(toUserWithRoles) };
}

export async function setUserRoles(
  deps: { sql: Queryable },
  actor: Actor,
  userId: string,
  roles: { isPlatformAdmin?: boolean; isModerator?: boolean; isOrganiser?: boolean; supportOrganisationId?: string | null },
) {
  const admin = requireUser(actor);
  if (!admin.isPlatformAdmin) throw new Forbidden('Réservé aux administrateurs de la plateforme.');
  if (userId === admin.userId && roles.isPlatformAdmin === false) throw new Conflict('Vous ne pouvez pas retirer votre propre rôle d’administrateur.');
  if (!(await selectUserById(deps.sql, userId))) throw new NotFound('Utilisateur introuvable.');
  if (roles.supportOrganisationId && !(await selectSupportOrganisationExists(deps.sql, roles.supportOrganisationId))) {
    throw new Invalid('Organisation d’accompagnement inconnue.', [{ path: 'body.supportOrganisationId', message: 'inconnue' }]);
  }
  await updateUserRoles(deps.sql, userId, roles);
  const u = (await selectUserById(deps.sql, userId))!;
  return {
    userId: u.id,
    isPlatformAdmin: u.is_platform_admin,
    isModerator: u.is_moderator,
    isOrganiser: u.is_organiser,
    supportOrganisationId: u.support_organisation_id,
  };
}

/** A platform admin registers a support organisation whose agents help citizens and organisations. */
export async function createSupportOrganisation(deps: { sql: Queryable }, actor: Actor, input: { name: string }) {
  const admin = requireUser(actor);
  if (!admin.isPlatformAdmin) throw new Forbidden('Réservé aux administrateurs de la plateforme.');
  return insertSupportOrganisation(deps.sql, input.name.trim());
}
