import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../service/src/db/database.ts';
import { migrate } from '../../service/src/db/migrate.ts';
import { silentLogger } from '../../service/src/logger.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/**
 * Migrates one in-memory PGlite and saves its data directory as a tarball: every test file starts its own
 * database from that template in about a second instead of running initdb and every migration again.
 */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'maillage-tests-'));
  const db = await openDatabase({ mode: 'pglite', dataDir: 'memory' }, silentLogger);
  await migrate(db.sql, silentLogger);
  const file = join(dir, 'template.tar');
  await writeFile(file, Buffer.from(await (await db.dumpDataDir!()).arrayBuffer()));
  await db.close();
  project.provide('pgliteTemplate', file);
  return async () => rm(dir, { recursive: true, force: true });
}
