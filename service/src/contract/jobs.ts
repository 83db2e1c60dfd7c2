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

/** What each job of the worker's registry (worker/src/jobs/index.ts) does, in French, for the administration pages. */
export const JOB_LABELS = {
  'entity.embed': 'Encoder un texte modifié',
  'citizen.rescore': 'Recalculer les suggestions d’un bénévole',
  'mission.match': 'Proposer une nouvelle mission aux bénévoles proches',
  'suggestions.recompute': 'Recalculer toutes les suggestions',
  'missions.cluster': 'Repartitionner les missions (recherche rapide)',
  'data.retention': 'Effacer les journaux arrivés à échéance',
  'embeddings.reembed': 'Ré-encoder tous les textes',
  'digest.send': 'Envoyer les résumés de nouvelles missions',
  'outbox.deliver': 'Envoyer un e-mail',
  'outbox.flush': 'Envoyer les e-mails en attente',
} as const satisfies Record<string, string>;

/** A job's label, or its name when it has none. */
export const jobLabel = (name: string): string => (JOB_LABELS as Record<string, string>)[name] ?? name;

/** The jobs an administrator starts from the web page, each as one choice (its options folded in). */
export const STARTABLE_JOBS: { value: string; label: string; start: JobStart }[] = [
  { value: 'suggestions.recompute', label: JOB_LABELS['suggestions.recompute'], start: { name: 'suggestions.recompute' } },
  { value: 'missions.cluster', label: JOB_LABELS['missions.cluster'], start: { name: 'missions.cluster' } },
  { value: 'data.retention', label: JOB_LABELS['data.retention'], start: { name: 'data.retention' } },
  { value: 'embeddings.reembed', label: 'Ré-encoder les textes dont le modèle a changé', start: { name: 'embeddings.reembed', force: false } },
  { value: 'embeddings.reembed:force', label: 'Ré-encoder tous les textes, même à jour', start: { name: 'embeddings.reembed', force: true } },
  { value: 'digest.send:daily', label: 'Envoyer les résumés quotidiens', start: { name: 'digest.send', frequency: 'daily' } },
  { value: 'digest.send:weekly', label: 'Envoyer les résumés hebdomadaires', start: { name: 'digest.send', frequency: 'weekly' } },
];
