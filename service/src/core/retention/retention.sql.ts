import type postgres from 'postgres';
import type { Queryable } from '../../db/database.ts';

/** Rows deleted at once: short transactions, and locks held briefly, even on a log of millions of rows. */
const BATCH = 5000;

/** Deletes in batches the rows of `table` matching `condition` (a fragment on the table's own columns); returns how many. */
async function deleteInBatches(sql: Queryable, table: string, condition: postgres.Fragment): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await sql`
      DELETE FROM ${sql(table)} WHERE ctid IN (SELECT ctid FROM ${sql(table)} WHERE ${condition} LIMIT ${BATCH})`;
    total += deleted.count;
    if (deleted.count < BATCH) return total;
  }
}

export const deleteExpiredSessions = (sql: Queryable, now: Date) => deleteInBatches(sql, 'sessions', sql`expires_at <= ${now}`);

export const deleteSpentTokens = (sql: Queryable, before: Date) =>
  deleteInBatches(sql, 'one_time_tokens', sql`(expires_at <= ${before} OR used_at <= ${before})`);

export const deleteSentMessages = (sql: Queryable, before: Date) => deleteInBatches(sql, 'outbox', sql`created_at < ${before} AND sent_at IS NOT NULL`);

export const deleteImpressions = (sql: Queryable, before: Date) => deleteInBatches(sql, 'mission_impressions', sql`shown_at < ${before}`);

export const deleteProfileViews = (sql: Queryable, before: Date) => deleteInBatches(sql, 'profile_views', sql`viewed_at < ${before}`);

export const deleteFinishedJobRuns = (sql: Queryable, before: Date) =>
  deleteInBatches(sql, 'job_runs', sql`created_at < ${before} AND status IN ('completed', 'failed')`);

export const deleteCachedEmbeddings = (sql: Queryable, before: Date) => deleteInBatches(sql, 'embedding_cache', sql`created_at < ${before}`);
