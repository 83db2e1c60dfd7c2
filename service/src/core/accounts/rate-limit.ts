import type { Queryable } from '../../db/database.ts';
import { RateLimited } from '../errors.ts';

/** At most `max` counted events per fixed window of `windowSeconds` for a key (an account, an address). */
export type Limit = { key: string; max: number; windowSeconds: number };

// Fixed windows can let up to 2x max through around a window boundary; for 5 login failures per 15 minutes
// that is still far too slow for guessing a password, and it needs one row per key instead of one per event.
const windowStart = (windowSeconds: number, now = Date.now()) => new Date(Math.floor(now / (windowSeconds * 1000)) * windowSeconds * 1000);

/** Throws RateLimited (with the seconds until the window ends) if any of the limits is already reached. */
export async function assertUnderLimits(sql: Queryable, limits: Limit[], message = 'Trop de tentatives. Réessayez plus tard.'): Promise<void> {
  for (const limit of limits) {
    const start = windowStart(limit.windowSeconds);
    const [row] = await sql<{ count: number }[]>`SELECT count FROM rate_limit_buckets WHERE key = ${limit.key} AND window_start = ${start}`;
    if (row && row.count >= limit.max) {
      const retryAfter = Math.max(1, Math.ceil((start.getTime() + limit.windowSeconds * 1000 - Date.now()) / 1000));
      throw new RateLimited(message, retryAfter);
    }
  }
}

/** Counts one event against each limit (an upsert per key, safe across processes). */
export async function countEvent(sql: Queryable, limits: Limit[]): Promise<void> {
  for (const limit of limits) {
    await sql`
      INSERT INTO rate_limit_buckets (key, window_start, count) VALUES (${limit.key}, ${windowStart(limit.windowSeconds)}, 1)
      ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_buckets.count + 1`;
  }
  // Old windows are useless; sweeping now and then keeps the table small without a scheduled job.
  if (Math.random() < 0.02) await sql`DELETE FROM rate_limit_buckets WHERE window_start < now() - interval '1 day'`;
}

/** Forgets a key's counts (after a successful login, the account's failures no longer matter). */
export async function clearLimit(sql: Queryable, key: string): Promise<void> {
  await sql`DELETE FROM rate_limit_buckets WHERE key = ${key}`;
}
