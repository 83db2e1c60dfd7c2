import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database } from '../../service/src/db/database.ts';
import { migrate } from '../../service/src/db/migrate.ts';
import { silentLogger } from '../../service/src/logger.ts';

export type DatabaseTarget = 'pglite' | 'postgres';

/**
 * The databases every database test runs against: the embedded PGlite always, and the native PostgreSQL +
 * pgvector named by DATABASE_URL when it is set (CI sets it).
 */
export const DATABASE_TARGETS: DatabaseTarget[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/**
 * A fresh, migrated database of its own for one test file: an in-memory PGlite, or a new database created on
 * the native server (dropped on close). Tests never share data.
 */
export async function openTestDatabase(target: DatabaseTarget): Promise<Database> {
  if (target === 'pglite') {
    // The template is already migrated (tests/support/global-setup.ts); migrate() then only checks it.
    const template = new Blob([await readFile(inject('pgliteTemplate'))]);
    const db = await openDatabase({ mode: 'pglite', dataDir: 'memory', template }, silentLogger);
    await migrate(db.sql, silentLogger);
    return db;
  }
  const serverUrl = process.env.DATABASE_URL!;
  const name = `maillage_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = '/' + name;
  const db = await openDatabase({ mode: 'postgres', url: url.toString(), poolSize: 4 }, silentLogger);
  await migrate(db.sql, silentLogger);
  return {
    ...db,
    async close() {
      await db.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
