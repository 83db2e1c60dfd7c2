import type { CoreDeps } from '../deps.ts';
import {
  deleteCachedEmbeddings,
  deleteExpiredSessions,
  deleteFinishedJobRuns,
  deleteImpressions,
  deleteProfileViews,
  deleteSentMessages,
  deleteSpentTokens,
} from './retention.sql.ts';

/**
 * How long the platform keeps what it logs as it runs (GDPR storage limitation: kept for its purpose, then
 * deleted). Profiles, missions, applications and conversations are not here: their owners delete them
 * (accounts/privacy.ts).
 */
export const RETENTION_DAYS = {
  /** E-mails once sent: their bodies hold names, messages and links, and the SMTP server has delivered them. */
  sentMessages: 30,
  /** Used or expired e-mail confirmation and password reset tokens (a day left to report « lien expiré »). */
  spentTokens: 1,
  /** Which missions were shown to whom: the exposure report reads a year at most (ExposureQuery). */
  impressions: 365,
  /** « Qui a consulté mon profil » : a year of views. */
  profileViews: 365,
  /** Finished background runs (job_runs): long enough to look into a failure. */
  jobRuns: 90,
  /** Embeddings of texts already seen (wishes, searches): a cache, recomputed when needed. */
  cachedEmbeddings: 30,
} as const;

export type RetentionReport = Record<keyof typeof RETENTION_DAYS | 'expiredSessions', number>;

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

/**
 * Deletes what is past its retention (and sessions past their expiry), in batches; returns how many rows of each.
 * Idempotent: run again, it deletes nothing more. `now` is when the run was asked for (a retry uses the same cut-off).
 */
export async function applyRetention(deps: Pick<CoreDeps, 'sql'>, now: Date): Promise<RetentionReport> {
  const { sql } = deps;
  const cut = (days: number) => daysBefore(now, days);
  return {
    expiredSessions: await deleteExpiredSessions(sql, now),
    spentTokens: await deleteSpentTokens(sql, cut(RETENTION_DAYS.spentTokens)),
    sentMessages: await deleteSentMessages(sql, cut(RETENTION_DAYS.sentMessages)),
    impressions: await deleteImpressions(sql, cut(RETENTION_DAYS.impressions)),
    profileViews: await deleteProfileViews(sql, cut(RETENTION_DAYS.profileViews)),
    jobRuns: await deleteFinishedJobRuns(sql, cut(RETENTION_DAYS.jobRuns)),
    cachedEmbeddings: await deleteCachedEmbeddings(sql, cut(RETENTION_DAYS.cachedEmbeddings)),
  };
}
