import type { Sql } from '../../db/database.ts';
import { EMBEDDED_TABLES, createEmbeddingColumn, readEmbeddingSpaces, type EmbeddedTable } from '../../db/embedding-columns.ts';
import type { Embedder } from './embedder.ts';
import { embedMissing } from './entities.ts';

export type ReembedProgress = { table: EmbeddedTable; done: number; total: number; overallDone: number; overallTotal: number };

/**
 * Moves every embedded table to the active model: tables made by another model get a new column and index of
 * the right dimension, then every row without an embedding is embedded (so an interrupted run resumes where it
 * stopped). Idempotent.
 */
export async function reembedAll(
  deps: { sql: Sql; embedder: Embedder },
  options: { force?: boolean; onProgress?: (p: ReembedProgress) => void | Promise<void> } = {},
): Promise<{ tables: { table: EmbeddedTable; embedded: number }[] }> {
  const space = { modelId: deps.embedder.id, dimension: deps.embedder.dimension };
  const stored = await readEmbeddingSpaces(deps.sql);
  for (const table of EMBEDDED_TABLES) {
    const s = stored.get(table);
    if (options.force || !s || s.modelId !== space.modelId || s.dimension !== space.dimension) await createEmbeddingColumn(deps.sql, table, space);
  }
  const totals = new Map<EmbeddedTable, number>();
  for (const table of EMBEDDED_TABLES) {
    const [{ n }] = await deps.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ${deps.sql(table)} WHERE embedding IS NULL`;
    totals.set(table, n);
  }
  const overallTotal = [...totals.values()].reduce((a, b) => a + b, 0);
  let overallBefore = 0;
  const result: { table: EmbeddedTable; embedded: number }[] = [];
  for (const table of EMBEDDED_TABLES) {
    const total = totals.get(table)!;
    const embedded = await embedMissing(deps, table, {
      batchSize: 512,
      onProgress: (done) => options.onProgress?.({ table, done, total, overallDone: overallBefore + done, overallTotal }),
    });
    overallBefore += embedded;
    result.push({ table, embedded });
  }
  return { tables: result };
}
