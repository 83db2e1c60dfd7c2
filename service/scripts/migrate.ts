/** `npm run migrate`: applies pending migrations to the configured database (DATABASE_URL or the embedded PGlite). */
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { createLogger } from '../src/logger.ts';

const config = loadConfig();
const log = createLogger(config.logLevel);
const db = await openDatabase(config.database.mode === 'postgres' ? config.database : { mode: 'pglite', dataDir: config.database.dataDir }, log);
try {
  const status = await migrate(db.sql, log);
  process.stdout.write(`${db.location}: ${status.applied.length} migrations applied, ${status.pending.length} pending\n`);
} finally {
  await db.close();
}
