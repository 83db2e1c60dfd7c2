import type { Queryable } from '../../db/database.ts';
import { RateLimited } from '../errors.ts';

/** At most `max` counted events per window of `windowSeconds` for a key (an account, an address). */
export type Limit = { key: string; max: number; windowSeconds: number };

// A window opens at the first counted event of a key and lasts windowSeconds (database clock, so every process
// agrees). One row per key and window instead of one per event; like any windowed counter it can let through up
// to 2x max across the end of a window, which for 5 login failures per 15 minutes is still far too slow to guess.

/** Throws RateLimited (with the seconds until the window ends) if any of the limits is already reached. */
export async function assertUnderLimits(sql: Queryable, limits: Limit[], message = 'Trop de tentatives. Réessayez plus tard.'): Promise<void> {
  for (const limit of limits) {
    const [row] = await sql<{ count: number; retry_after: number }[]>`
      SELECT count, ceil(extract(epoch FROM window_start + make_interval(secs => ${limit.windowSeconds}) - now()))::int AS retry_after
      FROM rate_limit_buckets
      WHERE key = ${limit.key} AND window_start > now() - make_interval(secs => ${limit.windowSeconds})
      ORDER BY window_start DESC LIMIT 1`;
    if (row && row.count >= limit.max) throw new RateLimited(message, Math.max(1, row.retry_after));
  }
}

/** Counts one event against each limit: in the key's open window, or in a new one starting now. */
export async function countEvent(sql: Queryable, limits: Limit[]): Promise<void> {
  for (const limit of limits) {
    const updated = await sql`
      UPDATE rate_limit_buckets SET count = count + 1
      WHERE key = ${limit.key} AND window_start = (
        SELECT window_start FROM rate_limit_buckets
        WHERE key = ${limit.key} AND window_start > now() - make_interval(secs => ${limit.windowSeconds})
        ORDER BY window_start DESC LIMIT 1)
      RETURNING 1`;
    if (updated.length === 0) {
      await sql`
        INSERT INTO rate_limit_buckets (key, window_start, count) VALUES (${limit.key}, now(), 1)
        ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_buckets.count + 1`;
    }
  }
  // Old windows are useless; sweeping now and then keeps the table small without a scheduled job.
  if (Math.random() < 0.02) await sql`DELETE FROM rate_limit_buckets WHERE window_start < now() - interval '1 day'`;
}

/** Forgets a key's counts (after a successful login, the account's failures no longer matter). */
export async function clearLimit(sql: Queryable, key: string): Promise<void> {
  await sql`DELETE FROM rate_limit_buckets WHERE key = ${key}`;
}
