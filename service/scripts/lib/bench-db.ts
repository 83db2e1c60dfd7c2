import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { silentLogger } from '../../src/logger.ts';

/** The servers a benchmark may use, read through the one configuration schema (DATABASE_URL, REDIS_URL). */
export function benchServers(): { databaseUrl: string | undefined; redisUrl: string | undefined } {
  const config = loadConfig();
  return { databaseUrl: config.database.mode === 'postgres' ? config.database.url : undefined, redisUrl: config.redisUrl };
}

/** The URL of database `name` on the same server as `serverUrl`. */
export function databaseUrlOf(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = '/' + name;
  return url.toString();
}

/**
 * Runs `fn` on a new, migrated database of its own on the native server, dropped afterwards, so a benchmark never
 * touches real data and two benchmarks never share tables.
 */
export async function withScratchDatabase<T>(serverUrl: string, prefix: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const root = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await root.unsafe(`CREATE DATABASE ${name}`);
  const db = await openDatabase({ mode: 'postgres', url: databaseUrlOf(serverUrl, name), poolSize: 4 }, silentLogger);
  try {
    await migrate(db.sql, silentLogger);
    return await fn(db);
  } finally {
    await db.close();
    await root.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await root.end();
  }
}
