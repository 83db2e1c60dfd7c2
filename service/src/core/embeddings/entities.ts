import type { Queryable } from '../../db/database.ts';
import type { EmbeddedTable } from '../../db/embedding-columns.ts';
import { embedWithCache, textHash } from './cache.ts';
import type { EmbedKind, Embedder } from './embedder.ts';
import { selectEmbeddableRows, selectIdsNeedingEmbedding, updateEmbeddings } from './entities.sql.ts';

/**
 * Which side of a match each table is. Wishes and offers search for something (queries); missions and
 * associations are what is searched (passages). Asymmetric models (e5) prefix them differently.
 */
export const EMBED_KIND: Record<EmbeddedTable, EmbedKind> = {
  missions: 'passage',
  associations: 'passage',
  citizen_profiles: 'query',
  rse_offers: 'query',
};

/** Embeds the given rows of a table whose text changed since their last embedding; returns how many were (re)embedded. */
export async function refreshEmbeddings(
  deps: { sql: Queryable; embedder: Embedder },
  table: EmbeddedTable,
  ids: string[],
): Promise<{ embedded: number; unchanged: number; cacheHits: number }> {
  if (ids.length === 0) return { embedded: 0, unchanged: 0, cacheHits: 0 };
  const kind = EMBED_KIND[table];
  const rows = await selectEmbeddableRows(deps.sql, table, ids);
  const stale = rows.filter((r) => r.embedding_hash !== textHash(kind, r.text));
  const { items, hits } = await embedWithCache(deps, stale.map((r) => r.text), kind);
  await updateEmbeddings(deps.sql, table, stale.map((r, i) => ({ id: r.id, literal: items[i].literal, hash: items[i].hash })));
  return { embedded: stale.length, unchanged: rows.length - stale.length, cacheHits: hits };
}

/** Embeds every row that has no embedding yet, in batches; `onProgress` gets the running count. */
export async function embedMissing(
  deps: { sql: Queryable; embedder: Embedder },
  table: EmbeddedTable,
  options: { batchSize?: number; onProgress?: (done: number) => void | Promise<void> } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 256;
  let done = 0;
  for (;;) {
    const ids = await selectIdsNeedingEmbedding(deps.sql, table, batchSize);
    if (ids.length === 0) return done;
    await refreshEmbeddings(deps, table, ids);
    done += ids.length;
    await options.onProgress?.(done);
  }
}
