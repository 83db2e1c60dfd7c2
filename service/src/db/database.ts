import postgres from 'postgres';
import type { Logger } from '../logger.ts';
import { redactUrl } from '../config.ts';
import { startEmbeddedPostgres } from './pglite.ts';

export type Sql = postgres.Sql;
export type TransactionSql = postgres.TransactionSql;
/** Either the pool or a transaction: what *.sql.ts functions accept. */
export type Queryable = postgres.Sql | postgres.TransactionSql;

export type Database = {
  sql: Sql;
  mode: 'pglite' | 'postgres';
  /** Where it lives, without secrets. */
  location: string;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball (backups, test templates). */
  dumpDataDir?(): Promise<Blob>;
};

export type DatabaseOptions =
  | { mode: 'postgres'; url: string; poolSize: number }
  | { mode: 'pglite'; dataDir: string | 'memory'; template?: Blob };

const commonOptions = {
  onnotice: () => {},
  transform: { undefined: null },
  connection: { application_name: 'maillage' },
} as const;

/**
 * Opens the database. Native PostgreSQL uses a pool; the embedded PGlite is reached through
 * pglite-socket with one connection, because PGlite serialises everything anyway and one connection
 * keeps transactions and SET LOCAL on the connection that issued them.
 */
export async function openDatabase(options: DatabaseOptions, log: Logger): Promise<Database> {
  if (options.mode === 'postgres') {
    const sql = postgres(options.url, { ...commonOptions, max: options.poolSize });
    await sql`SELECT 1`;
    return { sql, mode: 'postgres', location: redactUrl(options.url), close: () => sql.end({ timeout: 5 }) };
  }
  const embedded = await startEmbeddedPostgres(options.dataDir, log, options.template);
  const sql = postgres({
    ...commonOptions,
    host: embedded.host,
    port: embedded.port,
    username: 'postgres',
    database: 'postgres',
    max: 1,
    idle_timeout: 0,
  });
  await sql`SELECT 1`;
  return {
    sql,
    mode: 'pglite',
    location: options.dataDir === 'memory' ? 'PGlite (in memory)' : `PGlite in ${options.dataDir}`,
    dumpDataDir: () => embedded.db.dumpDataDir('none'),
    async close() {
      await sql.end({ timeout: 5 });
      await embedded.close();
    },
  };
}

/**
 * Runs `fn` in a transaction with settings local to it (set_config(..., true)), queued with fn's first query: one
 * round trip, not two. Already in a caller's transaction, `nested` says whether the settings apply to the rest of
 * it ('apply') or are left out ('skip', for settings that must not outlive `fn`).
 */
export async function withLocalSettings<T>(
  sql: Queryable,
  settings: Record<string, string>,
  fn: (tx: Queryable) => Promise<T>,
  nested: 'apply' | 'skip' = 'apply',
): Promise<T> {
  const run = async (tx: Queryable) => {
    const calls = Object.entries(settings)
      .map(([name, value]) => tx`set_config(${name}, ${value}, true)`)
      .reduce((list, call) => tx`${list}, ${call}`);
    // execute() sends the settings before fn's query is even built: they run first.
    const applied = tx`SELECT ${calls}`.execute();
    const [, result] = await Promise.all([applied, fn(tx)]);
    return result;
  };
  if ('savepoint' in sql) return nested === 'apply' ? run(sql) : fn(sql);
  return (sql as Sql).begin(run) as Promise<T>;
}

/**
 * Whether `err` is PostgreSQL's unique violation (SQLSTATE 23505) on the index or constraint `name`: what the loser
 * of a race between two writes of the same unique value gets, after both found it free (PGlite answers through
 * postgres.js too, with the same fields).
 */
export function isUniqueViolation(err: unknown, name: string): boolean {
  return err instanceof postgres.PostgresError && err.code === '23505' && err.constraint_name === name;
}

/**
 * `write`, with a unique violation on one of `names` thrown as `taken()` instead: the error its caller's check
 * gives when the value is already taken, for the write that lost a race to another one after that check.
 */
export async function unlessTaken<T>(write: Promise<T>, names: readonly string[], taken: () => Error): Promise<T> {
  try {
    return await write;
  } catch (err) {
    throw names.some((name) => isUniqueViolation(err, name)) ? taken() : err;
  }
}
