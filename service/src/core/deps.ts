import type { Sql } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import type { Embedder } from './embeddings/embedder.ts';
import type { JobQueue } from './jobs.ts';

/** What use cases need, passed in explicitly (no container, no globals). */
export type CoreDeps = {
  sql: Sql;
  embedder: Embedder;
  jobs: JobQueue;
  log: Logger;
};
