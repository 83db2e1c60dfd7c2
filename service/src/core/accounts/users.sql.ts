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
