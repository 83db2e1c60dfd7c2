import type { NoticeCategory } from '../../contract/notices.ts';
import type { Queryable } from '../../db/database.ts';

/** The categories a user turned off, and the key of their unsubscribe links (undefined: no such live account). */
export async function selectNoticeState(sql: Queryable, userId: string): Promise<{ muted_notices: NoticeCategory[]; notice_key: string } | undefined> {
  const [row] = await sql<{ muted_notices: NoticeCategory[]; notice_key: string }[]>`
    SELECT muted_notices, notice_key FROM users WHERE id = ${userId} AND deleted_at IS NULL`;
  return row;
}

/** Sets which categories are turned off, as one set (no repeats, a stable order). */
export async function updateMutedNotices(sql: Queryable, userId: string, muted: readonly NoticeCategory[]): Promise<void> {
  await sql`UPDATE users SET muted_notices = ${[...new Set(muted)].sort()}::text[] WHERE id = ${userId}`;
}

/** Turns one category off for the user whose unsubscribe key this is; false when no live account has it. */
export async function muteByKey(sql: Queryable, key: string, category: NoticeCategory): Promise<boolean> {
  const rows = await sql`
    UPDATE users SET muted_notices = ARRAY(SELECT DISTINCT c FROM unnest(muted_notices || ${category}::text) c ORDER BY c)
    WHERE notice_key = ${key} AND deleted_at IS NULL
    RETURNING id`;
  return rows.length > 0;
}

/** Stops the digest of new missions of the user whose unsubscribe key this is; false when no live account has it. */
export async function stopDigestByKey(sql: Queryable, key: string): Promise<boolean> {
  const [user] = await sql<{ id: string }[]>`SELECT id FROM users WHERE notice_key = ${key} AND deleted_at IS NULL`;
  if (!user) return false;
  await sql`UPDATE citizen_profiles SET digest = 'never' WHERE user_id = ${user.id}`;
  return true;
}
