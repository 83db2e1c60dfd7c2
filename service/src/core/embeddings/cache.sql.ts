import type { Queryable } from '../../db/database.ts';

// Hashes travel as hex text: postgres.js does not serialise arrays of Buffers as bytea[].

export async function selectCachedEmbeddings(sql: Queryable, modelId: string, hashesHex: string[]) {
  if (hashesHex.length === 0) return [];
  return sql<{ text_hash: string; embedding: string }[]>`
    SELECT encode(text_hash, 'hex') AS text_hash, embedding::text AS embedding FROM embedding_cache
    WHERE model_id = ${modelId} AND text_hash = ANY(SELECT decode(h, 'hex') FROM unnest(${hashesHex}::text[]) AS h)`;
}

export async function insertCachedEmbeddings(sql: Queryable, modelId: string, rows: { hashHex: string; vector: string }[]) {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO embedding_cache (model_id, text_hash, embedding)
    SELECT ${modelId}, decode(h, 'hex'), e::vector FROM unnest(${rows.map((r) => r.hashHex)}::text[], ${rows.map((r) => r.vector)}::text[]) AS t(h, e)
    ON CONFLICT (model_id, text_hash) DO NOTHING`;
}
