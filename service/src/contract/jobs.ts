import { z } from 'zod';

/** A background job's run as the API shows it: state, progress of long jobs, and why it failed. */
export const JobRun = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  /** 0..1 */
  progress: z.number(),
  done: z.number().nullable(),
  total: z.number().nullable(),
  label: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  result: z.unknown().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type JobRun = z.infer<typeof JobRun>;

export const JobIdParams = z.object({ id: z.string().min(1).max(300) });
export type JobIdParams = z.infer<typeof JobIdParams>;

export const JobRunFilters = z.object({
  status: z.enum(['queued', 'running', 'completed', 'failed']).optional(),
  name: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type JobRunFilters = z.infer<typeof JobRunFilters>;

/** The long jobs an administrator may start by hand (each reports its progress). */
export const JobStart = z.discriminatedUnion('name', [
  z.object({ name: z.literal('suggestions.recompute') }),
  z.object({ name: z.literal('missions.cluster') }),
  z.object({ name: z.literal('data.retention') }),
  z.object({ name: z.literal('embeddings.reembed'), force: z.boolean().default(false) }),
  z.object({ name: z.literal('digest.send'), frequency: z.enum(['daily', 'weekly']) }),
]);
export type JobStart = z.infer<typeof JobStart>;
