import type { Sql, TransactionSql } from '../../service/src/db/database.ts';

/**
 * The losing side of a race, made deterministic (native PostgreSQL only: PGlite has one connection). Another
 * transaction makes `hold`'s writes and keeps them uncommitted while `request` runs; it commits once the request
 * waits on a lock (the unique index holding the same value), so the request meets the committed write there, after
 * its own checks found the value free. Resolves with the request's outcome.
 */
export async function loseRaceTo<T>(sql: Sql, hold: (tx: TransactionSql) => Promise<unknown>, request: () => T | Promise<T>): Promise<T> {
  let settled = false;
  let outcome: Promise<T> | undefined;
  await sql.begin(async (tx) => {
    await hold(tx);
    outcome = Promise.resolve(request()).finally(() => (settled = true));
    for (let waited = 0; !settled; waited += 20) {
      const [{ waiting }] = await sql<{ waiting: number }[]>`
        SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      if (waiting > 0) break;
      if (waited > 10_000) throw new Error('the request never waited for the other transaction');
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  return outcome!;
}
