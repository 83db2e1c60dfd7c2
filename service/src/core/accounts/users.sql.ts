import type { Queryable } from '../../db/database.ts';

export type UserRow = {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  email_verified_at: Date | null;
  is_platform_admin: boolean;
  is_moderator: boolean;
  is_organiser: boolean;
  support_organisation_id: string | null;
  created_at: Date;
};

export async function insertUser(
  sql: Queryable,
  u: { email: string; displayName: string; passwordHash: string | null; emailVerified: boolean; isPlatformAdmin?: boolean; isModerator?: boolean; isOrganiser?: boolean },
): Promise<UserRow> {
  const [row] = await sql<UserRow[]>`
    INSERT INTO users (email, display_name, password_hash, email_verified_at, is_platform_admin, is_moderator, is_organiser)
    VALUES (${u.email}, ${u.displayName}, ${u.passwordHash}, ${u.emailVerified ? new Date() : null},
            ${u.isPlatformAdmin ?? false}, ${u.isModerator ?? false}, ${u.isOrganiser ?? false})
    RETURNING *`;
  return row;
}

export async function selectUserByEmail(sql: Queryable, email: string): Promise<UserRow | undefined> {
  const [row] = await sql<UserRow[]>`SELECT * FROM users WHERE lower(email) = lower(${email}) AND deleted_at IS NULL`;
  return row;
}

export async function selectUserById(sql: Queryable, id: string): Promise<UserRow | undefined> {
  const [row] = await sql<UserRow[]>`SELECT * FROM users WHERE id = ${id} AND deleted_at IS NULL`;
  return row;
}

/** What an administrator sees of an account when giving or taking a role. */
export type UserRoleRow = Omit<UserRow, 'password_hash' | 'email_verified_at'> & { support_organisation_name: string | null };

/**
 * Accounts whose e-mail or name contains `q` (case-insensitive; LIKE's wildcards in it match themselves), exact
 * e-mails first; without `q`, the accounts that hold a global role.
 */
export async function selectUsersForRoles(sql: Queryable, q: string | undefined, limit: number): Promise<UserRoleRow[]> {
  const pattern = q === undefined ? null : '%' + q.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c) + '%';
  return sql<UserRoleRow[]>`
    SELECT u.id, u.email, u.display_name, u.is_platform_admin, u.is_moderator, u.is_organiser, u.support_organisation_id,
           s.name AS support_organisation_name, u.created_at
    FROM users u LEFT JOIN support_organisations s ON s.id = u.support_organisation_id
    WHERE u.deleted_at IS NULL
      AND ${pattern === null
        ? sql`(u.is_platform_admin OR u.is_moderator OR u.is_organiser OR u.support_organisation_id IS NOT NULL)`
        : sql`(lower(u.email) LIKE ${pattern} OR lower(u.display_name) LIKE ${pattern})`}
    ORDER BY lower(u.email) = ${q?.toLowerCase() ?? ''} DESC, lower(u.email)
    LIMIT ${limit}`;
}

export async function updatePasswordHash(sql: Queryable, userId: string, passwordHash: string) {
  await sql`UPDATE users SET password_hash = ${passwordHash} WHERE id = ${userId}`;
}

export async function updateDisplayName(sql: Queryable, userId: string, displayName: string) {
  await sql`UPDATE users SET display_name = ${displayName} WHERE id = ${userId} AND deleted_at IS NULL`;
}

/** The account's new address, confirmed by the link sent to it. */
export async function updateEmail(sql: Queryable, userId: string, email: string) {
  await sql`UPDATE users SET email = ${email}, email_verified_at = now() WHERE id = ${userId} AND deleted_at IS NULL`;
}

export async function markEmailVerified(sql: Queryable, userId: string) {
  await sql`UPDATE users SET email_verified_at = COALESCE(email_verified_at, now()) WHERE id = ${userId} AND deleted_at IS NULL`;
}

export async function updateUserRoles(
  sql: Queryable,
  userId: string,
  roles: { isPlatformAdmin?: boolean; isModerator?: boolean; isOrganiser?: boolean; supportOrganisationId?: string | null },
) {
  await sql`
    UPDATE users SET
      is_platform_admin = COALESCE(${roles.isPlatformAdmin ?? null}::boolean, is_platform_admin),
      is_moderator = COALESCE(${roles.isModerator ?? null}::boolean, is_moderator),
      is_organiser = COALESCE(${roles.isOrganiser ?? null}::boolean, is_organiser),
      support_organisation_id = CASE WHEN ${roles.supportOrganisationId !== undefined} THEN ${roles.supportOrganisationId ?? null}::uuid
                                     ELSE support_organisation_id END
    WHERE id = ${userId} AND deleted_at IS NULL`;
}
