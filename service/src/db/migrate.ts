import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../logger.ts';
import type { Sql } from './database.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../sql/migrations/', import.meta.url));

export type MigrationStatus = { applied: string[]; pending: string[] };

type MigrationFile = { version: number; name: string; path: string };

async function listMigrations(dir: string): Promise<MigrationFile[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const seen = new Set<number>();
  return files.map((name) => {
    const version = Number(name.slice(0, 4));
    if (seen.has(version)) throw new Error(`Two migrations share version ${version} in ${dir}`);
    seen.add(version);
    return { version, name, path: dir + name };
  });
}

async function ensureTable(sql: Sql) {
  await sql`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version    int PRIMARY KEY,
      name       text NOT NULL,
      checksum   text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`;
}

/**
 * Applies pending migrations in order, each in its own transaction. A transaction-scoped advisory lock,
 * with the applied set re-read under it, keeps several processes (service, workers) starting together
 * from applying the same file twice. A changed checksum of an applied file stops start-up: migrations
 * are forward-only.
 */
export async function migrate(sql: Sql, log: Logger, dir = MIGRATIONS_DIR): Promise<MigrationStatus> {
  const files = await listMigrations(dir);
  await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(7242701)`;
    await ensureTable(tx as unknown as Sql);
  });
  for (const file of files) {
    const text = await readFile(file.path, 'utf8');
    const checksum = createHash('sha256').update(text).digest('hex');
    await sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(7242701)`;
      const [known] = await tx<{ checksum: string }[]>`SELECT checksum FROM schema_migrations WHERE version = ${file.version}`;
      if (known) {
        if (known.checksum !== checksum) {
          throw new Error(`Migration ${file.name} was changed after it was applied; add a new migration instead`);
        }
        return;
      }
      await tx.unsafe(text);
      await tx`INSERT INTO schema_migrations (version, name, checksum) VALUES (${file.version}, ${file.name}, ${checksum})`;
      log.info('migration applied', { migration: file.name });
    });
  }
  return migrationStatus(sql, dir);
}

/** What is applied and what is pending, without changing anything (for /api/health). */
export async function migrationStatus(sql: Sql, dir = MIGRATIONS_DIR): Promise<MigrationStatus> {
  const files = await listMigrations(dir);
  const [{ exists }] = await sql<{ exists: boolean }[]>`SELECT to_regclass('schema_migrations') IS NOT NULL AS exists`;
  const versions = new Set(exists ? (await sql<{ version: number }[]>`SELECT version FROM schema_migrations`).map((r) => r.version) : []);
  return {
    applied: files.filter((f) => versions.has(f.version)).map((f) => f.name),
    pending: files.filter((f) => !versions.has(f.version)).map((f) => f.name),
  };
}
