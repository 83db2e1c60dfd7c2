import { z } from 'zod';
import type { CoreDeps } from '../../../service/src/core/deps.ts';
import { refreshEmbeddings } from '../../../service/src/core/embeddings/entities.ts';
import { reembedAll } from '../../../service/src/core/embeddings/reembed.ts';
import { digestPeriod, queueDigests } from '../../../service/src/core/freshness/digests.ts';
import { matchMission, recomputeAllSuggestions, rescoreCitizen } from '../../../service/src/core/freshness/freshness.ts';
import { deliverOutboxMessage, listDeliverableMessages, type MailSender } from '../../../service/src/core/freshness/outbox-delivery.ts';
import { jobIdOf } from '../../../service/src/core/jobs.ts';
import { rebuildMissionCells } from '../../../service/src/core/matching/cells.ts';
import { applyRetention } from '../../../service/src/core/retention/retention.ts';
import { EMBEDDED_TABLES } from '../../../service/src/db/embedding-columns.ts';

export type JobContext = {
  deps: CoreDeps;
  /** The SMTP sender when SMTP_URL is set; without it messages wait in the outbox. */
  mailer: MailSender | undefined;
  publicUrl: string;
  /** When the job was asked for: a retried run computes the same period / cut-off as the first attempt. */
  enqueuedAt: Date;
  /** Records how far a long job got (job_runs, and BullMQ's own progress). */
  reportProgress(done: number, total: number, label?: string): Promise<void>;
};

/**
 * `queue`: realtime jobs (seconds matter: a new mission reaching citizens) never wait behind batch jobs (nightly
 * recompute, re-embedding, digests). `isTracked`: the run is recorded in job_runs with its progress (long
 * jobs); every failure is recorded whatever this says.
 */
export type JobDefinition<S extends z.ZodType> = {
  schema: S;
  queue: 'realtime' | 'batch';
  attempts: number;
  backoffMs: number;
  isTracked: boolean;
  run(payload: z.infer<S>, ctx: JobContext): Promise<unknown>;
};

const define = <S extends z.ZodType>(def: JobDefinition<S>) => def;
const realtime = { queue: 'realtime', attempts: 5, backoffMs: 1000, isTracked: false } as const;
const batch = { queue: 'batch', attempts: 3, backoffMs: 30_000, isTracked: true } as const;
const frequency = z.enum(['daily', 'weekly']);

/** Every background job: `noun.verb` name -> payload schema (ids, not documents) and handler. Handlers are idempotent. */
export const jobs = {
  'entity.embed': define({
    ...realtime,
    schema: z.object({ table: z.enum(EMBEDDED_TABLES), ids: z.array(z.uuid()).min(1).max(1000) }),
    run: (p, { deps }) => refreshEmbeddings(deps, p.table, p.ids),
  }),
  'citizen.rescore': define({
    ...realtime,
    schema: z.object({ citizenId: z.uuid() }),
    run: (p, { deps }) => rescoreCitizen(deps, p.citizenId),
  }),
  'mission.match': define({
    ...realtime,
    isTracked: true,
    schema: z.object({ missionId: z.uuid() }),
    run: (p, { deps, reportProgress }) => matchMission(deps, p.missionId, reportProgress),
  }),
  'suggestions.recompute': define({
    ...batch,
    // Citizens computed after `since` are skipped: a retried or repeated run resumes instead of starting over.
    schema: z.object({ since: z.iso.datetime().optional() }),
    run: (p, { deps, reportProgress, enqueuedAt }) => recomputeAllSuggestions(deps, p.since ? new Date(p.since) : enqueuedAt, reportProgress),
  }),
  'missions.cluster': define({
    ...batch,
    // Rebuilds the centroids that partition the near-candidate scan (service/src/core/matching/cells.ts).
    schema: z.object({}),
    run: (_p, { deps }) => rebuildMissionCells(deps.sql),
  }),
  'data.retention': define({
    ...batch,
    // Deletes what is past its retention (service/src/core/retention/retention.ts); the cut-off is the request's time.
    schema: z.object({}),
    run: (_p, { deps, enqueuedAt }) => applyRetention(deps, enqueuedAt),
  }),
  'embeddings.reembed': define({
    ...batch,
    schema: z.object({ force: z.boolean().default(false) }),
    run: (p, { deps, reportProgress }) =>
      reembedAll(deps, { force: p.force, onProgress: (r) => reportProgress(r.overallDone, r.overallTotal, r.table) }),
  }),
  'digest.send': define({
    ...batch,
    schema: z.object({ frequency, period: z.string().regex(/^\d{4}-(\d{2}-\d{2}|W\d{2})$/).optional() }),
    async run(p, { deps, publicUrl, reportProgress, mailer, enqueuedAt }) {
      const now = enqueuedAt;
      const period = p.period ?? digestPeriod(p.frequency, now);
      const { queued, considered } = await queueDigests(deps, { frequency: p.frequency, period, now, publicUrl, onProgress: reportProgress });
      if (mailer) for (const id of queued) await deps.jobs.enqueue('outbox.deliver', { messageId: id }, { jobId: jobIdOf('outbox.deliver', id) });
      return { period, considered, queued: queued.length };
    },
  }),
  'outbox.deliver': define({
    ...realtime,
    schema: z.object({ messageId: z.uuid() }),
    async run(p, { deps, mailer }) {
      if (!mailer) return { outcome: 'no-smtp' };
      return { outcome: await deliverOutboxMessage(deps, mailer, p.messageId) };
    },
  }),
  'outbox.flush': define({
    ...realtime,
    attempts: 1,
    schema: z.object({}),
    async run(_p, { deps, mailer }) {
      if (!mailer) return { queued: 0 };
      const ids = await listDeliverableMessages(deps);
      for (const id of ids) await deps.jobs.enqueue('outbox.deliver', { messageId: id }, { jobId: jobIdOf('outbox.deliver', id) });
      return { queued: ids.length };
    },
  }),
} satisfies Record<string, JobDefinition<z.ZodType>>;

export type JobName = keyof typeof jobs;
export type JobPayload<N extends JobName> = z.input<(typeof jobs)[N]['schema']>;
export const isJobName = (name: string): name is JobName => Object.hasOwn(jobs, name);
export const QUEUE_NAMES = ['realtime', 'batch'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Repeatable jobs: nightly recompute at 02:00, retention at 03:30, daily digest at 07:00, weekly digest on Monday at 07:00 (Europe/Paris). */
export const SCHEDULES = [
  { id: 'nightly-cluster', name: 'missions.cluster', cron: '30 1 * * *', payload: {} },
  { id: 'nightly-recompute', name: 'suggestions.recompute', cron: '0 2 * * *', payload: {} },
  { id: 'nightly-retention', name: 'data.retention', cron: '30 3 * * *', payload: {} },
  { id: 'daily-digest', name: 'digest.send', cron: '0 7 * * *', payload: { frequency: 'daily' } },
  { id: 'weekly-digest', name: 'digest.send', cron: '0 7 * * 1', payload: { frequency: 'weekly' } },
  { id: 'outbox-flush', name: 'outbox.flush', cron: '* * * * *', payload: {} },
] as const satisfies readonly { id: string; name: JobName; cron: string; payload: Record<string, unknown> }[];
export const SCHEDULE_TIMEZONE = 'Europe/Paris';
