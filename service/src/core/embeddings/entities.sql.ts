import type { Queryable } from '../../db/database.ts';
import type { EmbeddedTable } from '../../db/embedding-columns.ts';

export type EmbeddableRow = { id: string; text: string; embedding_hash: string | null };

// One visible query per table: the text each entity is matched on.
export async function selectEmbeddableRows(sql: Queryable, table: EmbeddedTable, ids: string[]): Promise<EmbeddableRow[]> {
  switch (table) {
    case 'missions':
      return sql<EmbeddableRow[]>`SELECT id, title || E'\n' || description AS text, encode(embedding_hash, 'hex') AS embedding_hash FROM missions WHERE id = ANY(${ids}::uuid[])`;
    case 'associations':
      return sql<EmbeddableRow[]>`SELECT id, name || E'\n' || purpose AS text, encode(embedding_hash, 'hex') AS embedding_hash FROM associations WHERE id = ANY(${ids}::uuid[])`;
    case 'citizen_profiles':
      return sql<EmbeddableRow[]>`SELECT id, wish AS text, encode(embedding_hash, 'hex') AS embedding_hash FROM citizen_profiles WHERE id = ANY(${ids}::uuid[])`;
    case 'rse_offers':
      return sql<EmbeddableRow[]>`SELECT id, title || E'\n' || description AS text, encode(embedding_hash, 'hex') AS embedding_hash FROM rse_offers WHERE id = ANY(${ids}::uuid[])`;
  }
}

export async function selectIdsNeedingEmbedding(sql: Queryable, table: EmbeddedTable, limit: number): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`SELECT id FROM ${sql(table)} WHERE embedding IS NULL ORDER BY id LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

export async function updateEmbeddings(sql: Queryable, table: EmbeddedTable, rows: { id: string; literal: string; hash: string }[]) {
  if (rows.length === 0) return;
  await sql`
    UPDATE ${sql(table)} AS t SET embedding = u.e::vector, embedding_hash = decode(u.h, 'hex')
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.literal)}::text[], ${rows.map((r) => r.hash)}::text[]) AS u(id, e, h)
    WHERE t.id = u.id`;
}
