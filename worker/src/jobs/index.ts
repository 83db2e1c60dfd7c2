import { z } from 'zod';
import type { CoreDeps } from '../../../service/src/core/deps.ts';
import { EMBEDDED_TABLES } from '../../../service/src/db/embedding-columns.ts';
import { refreshEmbeddings } from '../../../service/src/core/embeddings/entities.ts';

export type JobContext = { deps: CoreDeps; reportProgress(progress: number): Promise<void> };
export type JobDefinition<S extends z.ZodType> = { schema: S; run(payload: z.infer<S>, ctx: JobContext): Promise<unknown> };

const define = <S extends z.ZodType>(def: JobDefinition<S>) => def;

/** Every background job: `noun.verb` name -> payload schema (ids, not documents) and handler. Handlers are idempotent. */
export const jobs = {
  'entity.embed': define({
    schema: z.object({ table: z.enum(EMBEDDED_TABLES), ids: z.array(z.uuid()).min(1).max(1000) }),
    run: (p, { deps }) => refreshEmbeddings(deps, p.table, p.ids),
  }),
} satisfies Record<string, JobDefinition<z.ZodType>>;

export type JobName = keyof typeof jobs;
export const isJobName = (name: string): name is JobName => Object.hasOwn(jobs, name);
