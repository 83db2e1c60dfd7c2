import type { Queryable } from '../../db/database.ts';

export type DigestRecipient = { citizen_id: string; user_id: string; email: string; notice_key: string; first_name: string; since: Date };

/** Citizens who chose this frequency, with a live, verified account, by id (pages for large territories). */
export async function selectDigestRecipients(sql: Queryable, frequency: 'daily' | 'weekly', defaultSince: Date, after: string | null, limit: number) {
  return sql<DigestRecipient[]>`
    SELECT c.id AS citizen_id, u.id AS user_id, u.email, u.notice_key, c.first_name, COALESCE(c.last_digest_at, ${defaultSince}) AS since
    FROM citizen_profiles c JOIN users u ON u.id = c.user_id
    WHERE c.digest = ${frequency} AND c.erased_at IS NULL AND u.deleted_at IS NULL AND u.email_verified_at IS NOT NULL
      AND (${after}::uuid IS NULL OR c.id > ${after}::uuid)
    ORDER BY c.id LIMIT ${limit}`;
}

export type DigestItem = { mission_id: string; title: string; association_name: string; commune_name: string | null; score: number };

/** The best stored suggestions published since the last digest. */
export async function selectNewSuggestions(sql: Queryable, citizenId: string, since: Date, limit: number) {
  return sql<DigestItem[]>`
    SELECT m.id AS mission_id, m.title, a.name AS association_name, co.name AS commune_name, s.score::float8 AS score
    FROM suggestions s JOIN missions m ON m.id = s.mission_id JOIN associations a ON a.id = m.association_id
    LEFT JOIN communes co ON co.insee = m.commune_insee
    WHERE s.citizen_id = ${citizenId} AND m.status = 'open' AND COALESCE(m.published_at, m.created_at) > ${since}
    ORDER BY s.score DESC, m.id LIMIT ${limit}`;
}

export async function markDigestSent(sql: Queryable, citizenId: string, at: Date) {
  await sql`UPDATE citizen_profiles SET last_digest_at = ${at} WHERE id = ${citizenId}`;
}

export async function selectOutboxIdByKey(sql: Queryable, key: string): Promise<string | undefined> {
  const [row] = await sql<{ id: string }[]>`SELECT id FROM outbox WHERE idempotency_key = ${key}`;
  return row?.id;
}
