import type { Sql } from '../../db/database.ts';
import { readEmbeddingSpaces } from '../../db/embedding-columns.ts';
import { assertCanActForAssociation, assertCanActForCompany, requireUser, type Actor } from '../actor.ts';
import { Invalid, NotFound } from '../errors.ts';
import { assertCurrentPassword, type AccountDeps, type RequestMeta } from './auth.ts';
import { eraseUser, insertProfileView, selectExport, selectPrivacy, selectProfileViews, updatePrivacy } from './privacy.sql.ts';

/**
 * 2: the suggestions stored for the citizen and the missions shown (profiling, GDPR art. 15).
 * 3: the kinds of e-mail notices turned off (account.muted_notices).
 */
export const EXPORT_FORMAT_VERSION = 3;

const NO_PROFILE = 'Vous n’avez pas encore de profil de bénévole.';

/** The citizen's privacy choices (visible to associations, open to board roles, digest). */
export async function getPrivacySettings(deps: { sql: Sql }, actor: Actor) {
  const user = requireUser(actor);
  const row = await selectPrivacy(deps.sql, user.userId);
  if (!row) throw new NotFound(NO_PROFILE);
  return { isVisibleToAssociations: row.is_visible_to_associations, isOpenToBoardRoles: row.is_open_to_board_roles, digest: row.digest };
}

/** Changes the citizen's own privacy choices; nobody else can. */
export async function updatePrivacySettings(
  deps: { sql: Sql },
  actor: Actor,
  patch: { isVisibleToAssociations?: boolean; isOpenToBoardRoles?: boolean; digest?: 'never' | 'daily' | 'weekly' },
) {
  const user = requireUser(actor);
  const row = await selectPrivacy(deps.sql, user.userId);
  if (!row) throw new NotFound(NO_PROFILE);
  await updatePrivacy(deps.sql, row.id, patch);
  return getPrivacySettings(deps, actor);
}

/**
 * Records that an organisation looked at a candidate's profile (call it wherever an association or company is
 * shown a citizen's profile). The actor must act for the organisation named.
 */
export async function recordProfileView(
  deps: { sql: Sql },
  actor: Actor,
  input: { citizenId: string; associationId?: string; companyId?: string; context: string },
): Promise<void> {
  const user = requireUser(actor);
  if (!input.associationId === !input.companyId) throw new Invalid('Une consultation est faite au nom d’une association ou d’une entreprise.');
  if (input.associationId) assertCanActForAssociation(actor, input.associationId);
  else assertCanActForCompany(actor, input.companyId!);
  if (user.citizenId === input.citizenId) return;
  await insertProfileView(deps.sql, {
    citizenId: input.citizenId,
    viewerUserId: user.userId,
    associationId: input.associationId ?? null,
    companyId: input.companyId ?? null,
    context: input.context.slice(0, 200),
  });
}

/** Which organisations looked at my profile, and when (most recent first). */
export async function listWhoViewedMe(deps: { sql: Sql }, actor: Actor) {
  const user = requireUser(actor);
  if (!user.citizenId) return { items: [] };
  const rows = await selectProfileViews(deps.sql, user.citizenId);
  return {
    items: rows.map((r) => ({
      viewedAt: r.viewed_at.toISOString(),
      context: r.context,
      organisation: r.kind && r.organisation_id ? { kind: r.kind, id: r.organisation_id, name: r.organisation_name ?? '' } : null,
    })),
  };
}

/** "Export my data": a JSON document with everything the platform stores about the acting user, and nothing about others. */
export async function exportMyData(deps: { sql: Sql }, actor: Actor) {
  const user = requireUser(actor);
  const data = await selectExport(deps.sql, user.userId);
  const profileViews = data.citizenId ? (await listWhoViewedMe(deps, { ...user, citizenId: data.citizenId })).items : [];
  return {
    format: 'maillage-export',
    version: EXPORT_FORMAT_VERSION,
    exportedAt: new Date().toISOString(),
    account: data.account,
    citizenProfile: data.profile,
    applications: data.applications,
    dismissedMissions: data.dismissals,
    suggestedMissions: data.suggestions,
    missionsShown: data.missionsShown,
    missionInvitations: data.missionInvitations,
    boardContactRequests: data.boardContacts,
    partnershipMessages: data.partnershipMessages,
    memberships: data.memberships,
    sessions: data.sessions,
    organisationInvitations: data.invitations,
    profileViews,
    emails: data.emails,
  };
}

/**
 * "Delete my account" (password required): the account and profile are scrubbed, sessions, tokens and mails
 * deleted; applications stay, anonymised, attached to a "deleted account" profile so associations' history holds.
 */
export async function deleteMyAccount(deps: AccountDeps, actor: Actor, input: { password: string }, meta: RequestMeta): Promise<void> {
  const user = await assertCurrentPassword(deps, actor, input.password, meta, 'password');
  const hasEmbedding = (await readEmbeddingSpaces(deps.sql)).has('citizen_profiles');
  await deps.sql.begin(async (tx) => {
    await eraseUser(tx, user.id, user.email, hasEmbedding);
  });
  deps.log.info('account erased', { userId: user.id });
}
