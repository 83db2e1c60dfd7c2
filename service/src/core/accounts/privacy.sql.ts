import type { Queryable } from '../../db/database.ts';

export type PrivacyRow = { id: string; is_visible_to_associations: boolean; is_open_to_board_roles: boolean; digest: 'never' | 'daily' | 'weekly' };

export async function selectPrivacy(sql: Queryable, userId: string): Promise<PrivacyRow | undefined> {
  const [row] = await sql<PrivacyRow[]>`
    SELECT id, is_visible_to_associations, is_open_to_board_roles, digest FROM citizen_profiles WHERE user_id = ${userId}`;
  return row;
}

export async function updatePrivacy(sql: Queryable, citizenId: string, p: { isVisibleToAssociations?: boolean; isOpenToBoardRoles?: boolean; digest?: string }) {
  await sql`
    UPDATE citizen_profiles SET
      is_visible_to_associations = COALESCE(${p.isVisibleToAssociations ?? null}::boolean, is_visible_to_associations),
      is_open_to_board_roles = COALESCE(${p.isOpenToBoardRoles ?? null}::boolean, is_open_to_board_roles),
      digest = COALESCE(${p.digest ?? null}::text, digest),
      updated_at = now()
    WHERE id = ${citizenId}`;
}

export async function insertProfileView(
  sql: Queryable,
  v: { citizenId: string; viewerUserId: string; associationId: string | null; companyId: string | null; context: string },
) {
  await sql`
    INSERT INTO profile_views (citizen_id, viewer_user_id, viewer_association_id, viewer_company_id, context)
    VALUES (${v.citizenId}, ${v.viewerUserId}, ${v.associationId}, ${v.companyId}, ${v.context})`;
}

export type ProfileViewRow = { viewed_at: Date; context: string; kind: 'association' | 'company' | null; organisation_id: string | null; organisation_name: string | null };

export async function selectProfileViews(sql: Queryable, citizenId: string, limit = 500): Promise<ProfileViewRow[]> {
  return sql<ProfileViewRow[]>`
    SELECT v.viewed_at, v.context,
           CASE WHEN v.viewer_association_id IS NOT NULL THEN 'association' WHEN v.viewer_company_id IS NOT NULL THEN 'company' END AS kind,
           COALESCE(v.viewer_association_id, v.viewer_company_id) AS organisation_id,
           COALESCE(a.name, c.name) AS organisation_name
    FROM profile_views v
    LEFT JOIN associations a ON a.id = v.viewer_association_id
    LEFT JOIN companies c ON c.id = v.viewer_company_id
    WHERE v.citizen_id = ${citizenId} ORDER BY v.viewed_at DESC LIMIT ${limit}`;
}

/** Everything stored about one user, section by section, for "export my data". */
export async function selectExport(sql: Queryable, userId: string) {
  const [account] = await sql`
    SELECT id, email, display_name, email_verified_at, is_platform_admin, is_moderator, is_organiser, support_organisation_id, muted_notices, created_at
    FROM users WHERE id = ${userId}`;
  const [profile] = await sql`
    SELECT p.id, p.first_name, p.birth_year, p.wish, p.skills, p.themes, p.availability, p.commune_insee, c.name AS commune_name,
           p.radius_km, p.languages, p.accessibility_needs, p.accepts_remote, p.is_visible_to_associations,
           p.is_open_to_board_roles, p.digest, p.created_at, p.updated_at
    FROM citizen_profiles p JOIN communes c ON c.insee = p.commune_insee WHERE p.user_id = ${userId}`;
  const citizenId = (profile?.id as string | undefined) ?? null;
  const applications = citizenId
    ? await sql`
        SELECT ap.id, ap.status, ap.message, ap.created_at, ap.decided_at, m.id AS mission_id, m.title AS mission_title, a.name AS association_name
        FROM applications ap JOIN missions m ON m.id = ap.mission_id JOIN associations a ON a.id = m.association_id
        WHERE ap.citizen_id = ${citizenId} ORDER BY ap.created_at`
    : [];
  const dismissals = citizenId
    ? await sql`SELECT d.mission_id, m.title AS mission_title, d.created_at FROM dismissals d JOIN missions m ON m.id = d.mission_id WHERE d.citizen_id = ${citizenId}`
    : [];
  const missionInvitations = citizenId
    ? await sql`
        SELECT i.status, i.message, i.created_at, i.answered_at, m.title AS mission_title, a.name AS association_name
        FROM invitations i JOIN missions m ON m.id = i.mission_id JOIN associations a ON a.id = i.association_id
        WHERE i.citizen_id = ${citizenId} ORDER BY i.created_at`
    : [];
  const memberships = await sql`
    SELECT CASE WHEN m.association_id IS NOT NULL THEN 'association' ELSE 'company' END AS kind,
           COALESCE(m.association_id, m.company_id) AS organisation_id, COALESCE(a.name, c.name) AS organisation_name, m.role, m.created_at
    FROM memberships m LEFT JOIN associations a ON a.id = m.association_id LEFT JOIN companies c ON c.id = m.company_id
    WHERE m.user_id = ${userId} ORDER BY m.created_at`;
  const sessions = await sql`SELECT created_at, expires_at, user_agent FROM sessions WHERE user_id = ${userId} ORDER BY created_at`;
  const invitations = await sql`
    SELECT i.role, i.created_at, i.expires_at, i.accepted_at, COALESCE(a.name, c.name) AS organisation_name
    FROM organisation_invitations i LEFT JOIN associations a ON a.id = i.association_id LEFT JOIN companies c ON c.id = i.company_id
    WHERE lower(i.email) = lower(${(account?.email as string) ?? ''}) OR i.accepted_by = ${userId} ORDER BY i.created_at`;
  // Subjects and dates only: bodies hold sign-in links that must not travel in an export file.
  const emails = await sql`
    SELECT kind, subject, recipient, created_at, sent_at FROM outbox
    WHERE user_id = ${userId} OR lower(recipient) = lower(${(account?.email as string) ?? ''}) ORDER BY created_at`;
  const boardContacts = citizenId
    ? await sql`
        SELECT r.status, r.message, r.created_at, r.answered_at, a.name AS association_name, n.role AS board_role
        FROM board_contact_requests r JOIN associations a ON a.id = r.association_id LEFT JOIN board_needs n ON n.id = r.need_id
        WHERE r.citizen_id = ${citizenId} ORDER BY r.created_at`
    : [];
  const partnershipMessages = await sql`SELECT partnership_id, body, created_at FROM partnership_messages WHERE author_id = ${userId} ORDER BY created_at`;
  // The profiling (GDPR art. 15): the missions suggested to the citizen, with their score, each criterion's part and
  // the weights' version, and which ones were shown, when, at which rank.
  const suggestions = citizenId
    ? await sql`
        SELECT s.mission_id, m.title AS mission_title, s.score, s.components, s.weights_version, s.computed_at
        FROM suggestions s JOIN missions m ON m.id = s.mission_id WHERE s.citizen_id = ${citizenId} ORDER BY s.score DESC`
    : [];
  const missionsShown = citizenId
    ? await sql`
        SELECT i.mission_id, m.title AS mission_title, i.rank, i.weights_version, i.shown_at
        FROM mission_impressions i JOIN missions m ON m.id = i.mission_id WHERE i.citizen_id = ${citizenId} ORDER BY i.shown_at, i.rank`
    : [];
  return { account, profile: profile ?? null, citizenId, applications, dismissals, missionInvitations, boardContacts, memberships, sessions, invitations, emails, partnershipMessages, suggestions, missionsShown };
}

/** Erasure of one user, inside the caller's transaction: scrubbed tombstones where history must stay, deletion elsewhere. */
export async function eraseUser(sql: Queryable, userId: string, email: string, hasEmbedding: boolean) {
  const [profile] = await sql<{ id: string }[]>`SELECT id FROM citizen_profiles WHERE user_id = ${userId}`;
  if (profile) {
    await sql`
      UPDATE citizen_profiles SET user_id = NULL, first_name = 'Compte supprimé', birth_year = NULL, wish = '', skills = '{}',
             themes = '{}', availability = 0, languages = '{}', accessibility_needs = '{}', accepts_remote = false,
             is_visible_to_associations = false, is_open_to_board_roles = false, digest = 'never', erased_at = now(), updated_at = now()
      WHERE id = ${profile.id}`;
    if (hasEmbedding) await sql`UPDATE citizen_profiles SET embedding = NULL, embedding_hash = NULL WHERE id = ${profile.id}`;
    // Applications stay (the association's history and counters stay right) but lose what the citizen wrote.
    await sql`UPDATE applications SET message = '' WHERE citizen_id = ${profile.id}`;
    await sql`DELETE FROM dismissals WHERE citizen_id = ${profile.id}`;
    await sql`DELETE FROM profile_views WHERE citizen_id = ${profile.id}`;
    // Derived from the profile: suggestions go, exposure statistics keep their counts without the person.
    await sql`DELETE FROM suggestions WHERE citizen_id = ${profile.id}`;
    await sql`DELETE FROM suggestion_sets WHERE citizen_id = ${profile.id}`;
    await sql`UPDATE mission_impressions SET citizen_id = NULL WHERE citizen_id = ${profile.id}`;
    // Board solicitations name the person: they go with the profile's content.
    await sql`DELETE FROM board_contact_requests WHERE citizen_id = ${profile.id}`;
  }
  // Messages the user wrote in a partnership's conversation stay for the other party, without their text.
  await sql`UPDATE partnership_messages SET body = '(message supprimé)' WHERE author_id = ${userId}`;
  await sql`UPDATE profile_views SET viewer_user_id = NULL WHERE viewer_user_id = ${userId}`;
  await sql`DELETE FROM memberships WHERE user_id = ${userId}`;
  await sql`DELETE FROM organisation_invitations WHERE lower(email) = lower(${email}) AND accepted_at IS NULL`;
  await sql`UPDATE organisation_invitations SET invited_by = NULL WHERE invited_by = ${userId}`;
  await sql`UPDATE organisation_invitations SET accepted_by = NULL, email = 'supprime@invalid' WHERE accepted_by = ${userId}`;
  await sql`DELETE FROM one_time_tokens WHERE user_id = ${userId}`;
  await sql`DELETE FROM sessions WHERE user_id = ${userId}`;
  await sql`DELETE FROM outbox WHERE user_id = ${userId} OR lower(recipient) = lower(${email})`;
  await sql`DELETE FROM rate_limit_buckets WHERE key IN (${'login:account:' + email.toLowerCase()}, ${'reset:account:' + email.toLowerCase()})`;
  await sql`
    UPDATE users SET email = ${`supprime-${userId}@invalid`}, display_name = 'Compte supprimé', password_hash = NULL,
           email_verified_at = NULL, is_platform_admin = false, is_moderator = false, is_organiser = false,
           support_organisation_id = NULL, deleted_at = now()
    WHERE id = ${userId}`;
}
