import type { Config } from './config.ts';
import type { Embedder } from './core/embeddings/embedder.ts';
import { selectEmbedder } from './core/embeddings/select.ts';
import { openDatabase, type Database } from './db/database.ts';
import { ensureEmbeddingColumns } from './db/embedding-columns.ts';
import { migrate } from './db/migrate.ts';
import type { Logger } from './logger.ts';

export type Runtime = { db: Database; embedder: Embedder; close(): Promise<void> };

/**
 * What the service, the worker and the command-line tools all start with: the database (migrated) and the
 * active embedder, with the embedding columns checked against it.
 */
export async function openRuntime(config: Config, log: Logger, options: { checkEmbeddings?: boolean } = {}): Promise<Runtime> {
  const db = await openDatabase(
    config.database.mode === 'postgres' ? config.database : { mode: 'pglite', dataDir: config.database.dataDir },
    log,
  );
  try {
    await migrate(db.sql, log);
    const embedder = await selectEmbedder(config.embedder, log);
    // The re-embed tool opens the runtime without this check: fixing a mismatch is its job.
    if (options.checkEmbeddings !== false) await ensureEmbeddingColumns(db.sql, { modelId: embedder.id, dimension: embedder.dimension }, log);
    return {
      db,
      embedder,
      async close() {
        await embedder.close?.();
        await db.close();
      },
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}
