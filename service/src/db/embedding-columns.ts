import type { Logger } from '../logger.ts';
import type { Queryable, Sql } from './database.ts';

/** Tables whose text is embedded and matched by nearest neighbours. */
export const EMBEDDED_TABLES = ['missions', 'citizen_profiles', 'associations', 'rse_offers'] as const;
export type EmbeddedTable = (typeof EMBEDDED_TABLES)[number];

export type EmbeddingSpace = { modelId: string; dimension: number };

export class EmbeddingMismatchError extends Error {
  constructor(readonly details: { table: string; stored: EmbeddingSpace; active: EmbeddingSpace }[]) {
    super(
      'The stored embeddings were made by another model than the active embedder:\n' +
        details
          .map((d) => `  - ${d.table}: ${d.stored.modelId} (${d.stored.dimension} dimensions), active: ${d.active.modelId} (${d.active.dimension})`)
          .join('\n') +
        '\nRe-embed everything with the active model (`npm run embed -- --reembed`), or configure the model that made them (EMBEDDER, MODEL_ID).',
    );
    this.name = 'EmbeddingMismatchError';
  }
}

// HNSW with cosine distance. m=16 / ef_construction=64 (pgvector defaults) gave recall 0.98 at ef_search=100
// on 100k clustered 384-d vectors here; see the README's benchmark section.
const indexDdl = (table: EmbeddedTable) => [
  `CREATE INDEX IF NOT EXISTS ${table}_embedding_idx ON ${table} USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)`,
  ...(table === 'missions' ? [REMOTE_MISSIONS_INDEX] : []),
];

// Remote missions are ~10 % of the open ones and are matched regardless of distance: a partial index keeps their
// nearest-neighbour search from scanning every open mission (core/matching/candidates.sql.ts, "remote" branch).
const REMOTE_MISSIONS_INDEX =
  `CREATE INDEX IF NOT EXISTS missions_remote_embedding_idx ON missions USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64) WHERE is_remote AND status = 'open'`;

/**
 * Makes sure every embedded table has `embedding vector(N)` for the active embedder, with its HNSW index.
 * A column made by another model is refused (EmbeddingMismatchError): vectors of two models are not comparable.
 */
export async function ensureEmbeddingColumns(sql: Sql, space: EmbeddingSpace, log: Logger): Promise<void> {
  const stored = await readEmbeddingSpaces(sql);
  const mismatches = EMBEDDED_TABLES.flatMap((table) => {
    const s = stored.get(table);
    return s && (s.modelId !== space.modelId || s.dimension !== space.dimension) ? [{ table, stored: s, active: space }] : [];
  });
  if (mismatches.length) throw new EmbeddingMismatchError(mismatches);
  for (const table of EMBEDDED_TABLES) {
    if (stored.has(table)) continue;
    await createEmbeddingColumn(sql, table, space);
    log.info('embedding column created', { table, ...space });
  }
  if (await attachMissionSearch(sql)) log.info('mission search projection attached');
}

const MISSION_SEARCH_TRIGGER = `
  CREATE TRIGGER missions_search_sync
  AFTER INSERT OR UPDATE OF status, accepted_count, places, association_id, lat, lon, is_remote, min_age, accessibility, ends_on, embedding
  ON missions FOR EACH ROW EXECUTE FUNCTION mission_search_sync()`;

/**
 * Attaches the trigger that keeps mission_search (sql/migrations/0015, 0017) in step with missions, and fills it
 * from the missions already there, in cell order (see rebuildMissionCells). The trigger names the embedding column,
 * so it exists only with that column.
 * Returns whether it was attached now (false: it already was).
 */
export async function attachMissionSearch(sql: Sql): Promise<boolean> {
  return sql.begin(async (tx) => {
    const [present] = await tx`SELECT 1 FROM pg_trigger WHERE tgname = 'missions_search_sync' AND tgrelid = 'missions'::regclass`;
    if (present) return false;
    await tx.unsafe(MISSION_SEARCH_TRIGGER);
    await tx`DELETE FROM mission_search`;
    await tx`
      INSERT INTO mission_search (mission_id, association_id, lat, lon, is_remote, min_age, accessibility, ends_on, embedding, cell)
      SELECT id, association_id, lat, lon, is_remote, min_age, accessibility, ends_on, embedding, cell
      FROM (SELECT m.*, mission_cell_of(m.embedding) AS cell FROM missions m WHERE status = 'open' AND accepted_count < places) x
      ORDER BY cell, lat, lon`;
    return true;
  });
}

export async function readEmbeddingSpaces(sql: Queryable): Promise<Map<string, EmbeddingSpace>> {
  const rows = await sql<{ table_name: string; model_id: string; dimension: number }[]>`
    SELECT table_name, model_id, dimension FROM embedding_columns`;
  return new Map(rows.map((r) => [r.table_name, { modelId: r.model_id, dimension: r.dimension }]));
}

/**
 * (Re)creates a table's embedding column for a model: drops the old column and index, so every row must be
 * embedded again. Used at first start and by the re-embed job after a model change.
 */
export async function createEmbeddingColumn(sql: Sql, table: EmbeddedTable, space: EmbeddingSpace): Promise<void> {
  if (!EMBEDDED_TABLES.includes(table)) throw new Error(`not an embedded table: ${table}`);
  if (!Number.isInteger(space.dimension) || space.dimension < 1 || space.dimension > 4000) {
    throw new Error(`invalid embedding dimension ${space.dimension}`);
  }
  await sql.begin(async (tx) => {
    // The search projection's trigger names the column: detached here, attached again by attachMissionSearch;
    // centroids of the old model's space mean nothing in the new one.
    if (table === 'missions') await tx.unsafe('DROP TRIGGER IF EXISTS missions_search_sync ON missions; DELETE FROM mission_cells');
    await tx.unsafe(`ALTER TABLE ${table} DROP COLUMN IF EXISTS embedding, DROP COLUMN IF EXISTS embedding_hash`);
    await tx.unsafe(`ALTER TABLE ${table} ADD COLUMN embedding vector(${space.dimension}), ADD COLUMN embedding_hash bytea`);
    for (const ddl of indexDdl(table)) await tx.unsafe(ddl);
    await tx`
      INSERT INTO embedding_columns (table_name, model_id, dimension) VALUES (${table}, ${space.modelId}, ${space.dimension})
      ON CONFLICT (table_name) DO UPDATE SET model_id = EXCLUDED.model_id, dimension = EXCLUDED.dimension, updated_at = now()`;
  });
  if (table === 'missions') await attachMissionSearch(sql);
}

/** Drops the HNSW indexes before a bulk load; building them afterwards is several times faster. */
export async function dropEmbeddingIndexes(sql: Sql): Promise<void> {
  for (const table of EMBEDDED_TABLES) await sql.unsafe(`DROP INDEX IF EXISTS ${table}_embedding_idx`);
  await sql.unsafe('DROP INDEX IF EXISTS missions_remote_embedding_idx');
}

/** Builds the HNSW indexes (after a bulk load), with enough maintenance memory not to spill to disk. */
export async function createEmbeddingIndexes(sql: Sql, maintenanceWorkMem = '512MB'): Promise<void> {
  for (const table of EMBEDDED_TABLES) {
    await sql.begin(async (tx) => {
      await tx.unsafe(`SET LOCAL maintenance_work_mem = '${maintenanceWorkMem.replace(/[^0-9A-Za-z]/g, '')}'`);
      for (const ddl of indexDdl(table)) await tx.unsafe(ddl);
    });
  }
}
