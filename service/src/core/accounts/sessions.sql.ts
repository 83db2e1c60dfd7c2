import type { Queryable } from '../../db/database.ts';

export type SessionRow = { user_id: string; csrf_token: string; expires_at: Date };

export async function insertSession(sql: Queryable, row: { idHash: string; userId: string; csrfToken: string; expiresAt: Date; userAgent: string | null }) {
  await sql`
    INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at, user_agent)
    VALUES (${row.idHash}, ${row.userId}, ${row.csrfToken}, ${row.expiresAt}, ${row.userAgent})`;
}

export async function selectLiveSession(sql: Queryable, idHash: string): Promise<SessionRow | undefined> {
  const [row] = await sql<SessionRow[]>`
    SELECT s.user_id, s.csrf_token, s.expires_at
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id_hash = ${idHash} AND s.expires_at > now() AND u.deleted_at IS NULL`;
  return row;
}

export async function deleteSession(sql: Queryable, idHash: string) {
  await sql`DELETE FROM sessions WHERE id_hash = ${idHash}`;
}

export async function deleteExpiredSessions(sql: Queryable, userId: string) {
  await sql`DELETE FROM sessions WHERE user_id = ${userId} AND expires_at <= now()`;
}

export async function deleteUserSessions(sql: Queryable, userId: string) {
  await sql`DELETE FROM sessions WHERE user_id = ${userId}`;
}

export type ActorRow = {
  id: string;
  email: string;
  display_name: string;
  is_platform_admin: boolean;
  is_moderator: boolean;
  is_organiser: boolean;
  support_organisation_id: string | null;
  citizen_id: string | null;
  associations: { id: string; role: 'member' | 'admin' }[];
  companies: { id: string; role: 'member' | 'admin' }[];
};

export async function selectActor(sql: Queryable, userId: string): Promise<ActorRow | undefined> {
  const [row] = await sql<ActorRow[]>`
    SELECT u.id, u.email, u.display_name, u.is_platform_admin, u.is_moderator, u.is_organiser, u.support_organisation_id,
           (SELECT c.id FROM citizen_profiles c WHERE c.user_id = u.id) AS citizen_id,
           COALESCE((SELECT json_agg(json_build_object('id', m.association_id, 'role', m.role))
                     FROM memberships m WHERE m.user_id = u.id AND m.association_id IS NOT NULL), '[]') AS associations,
           COALESCE((SELECT json_agg(json_build_object('id', m.company_id, 'role', m.role))
                     FROM memberships m WHERE m.user_id = u.id AND m.company_id IS NOT NULL), '[]') AS companies
    FROM users u WHERE u.id = ${userId} AND u.deleted_at IS NULL`;
  return row;
}

export type SessionListRow = { id_hash: string; created_at: Date; expires_at: Date; user_agent: string | null };

export async function selectUserSessions(sql: Queryable, userId: string): Promise<SessionListRow[]> {
  return sql<SessionListRow[]>`
    SELECT id_hash, created_at, expires_at, user_agent FROM sessions
    WHERE user_id = ${userId} AND expires_at > now() ORDER BY created_at DESC`;
}

export async function deleteOtherSessions(sql: Queryable, userId: string, keepIdHash: string) {
  await sql`DELETE FROM sessions WHERE user_id = ${userId} AND id_hash <> ${keepIdHash}`;
}
