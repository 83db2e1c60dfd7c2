import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { AssociationCreate } from '../../service/src/contract/associations.ts';
import { CitizenProfileCreate } from '../../service/src/contract/citizens.ts';
import { MissionCreate } from '../../service/src/contract/missions.ts';
import { loadActor } from '../../service/src/core/accounts/sessions.ts';
import { createAssociation } from '../../service/src/core/associations/associations.ts';
import { createCitizenProfile } from '../../service/src/core/citizens/citizens.ts';
import type { CoreDeps } from '../../service/src/core/deps.ts';
import type { JobQueue } from '../../service/src/core/jobs.ts';
import { createMission } from '../../service/src/core/missions/missions.ts';
import { openDatabase, type Database } from '../../service/src/db/database.ts';
import { ensureEmbeddingColumns } from '../../service/src/db/embedding-columns.ts';
import { migrate } from '../../service/src/db/migrate.ts';
import { silentLogger } from '../../service/src/logger.ts';
import { seedTerritory, signIn, testEmbedder, type TestContext } from '../support/context.ts';

/** BullMQ tests need both servers (CI sets both); without them they are skipped with this reason. */
export const REAL_SERVERS_MISSING =
  !process.env.DATABASE_URL || !process.env.REDIS_URL
    ? 'needs DATABASE_URL (native PostgreSQL + pgvector) and REDIS_URL: export REDIS_URL=$(/work/shared/services/redis-up)'
    : null;

export const uniquePrefix = () => `test-${randomBytes(5).toString('hex')}`;

/** A fresh migrated database on the native server, with its URL (a worker child process connects to it). */
export async function openPostgresWithUrl(): Promise<{ db: Database; url: string; close(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL!;
  const name = `maillage_worker_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = '/' + name;
  const db = await openDatabase({ mode: 'postgres', url: url.toString(), poolSize: 8 }, silentLogger);
  await migrate(db.sql, silentLogger);
  return {
    db,
    url: url.toString(),
    async close() {
      await db.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** CoreDeps over a database with the test embedder and the given queue (columns checked against the embedder). */
export async function depsOver(db: Database, jobs: JobQueue): Promise<CoreDeps> {
  const embedder = await testEmbedder();
  await ensureEmbeddingColumns(db.sql, { modelId: embedder.id, dimension: embedder.dimension }, silentLogger);
  return { sql: db.sql, embedder, jobs, log: silentLogger };
}

/** A territory, a verified association and `citizens` citizens with profiles (through the use cases). */
export async function buildWorld(deps: CoreDeps, options: { citizens: number; digest?: 'never' | 'daily' | 'weekly' }) {
  const ctx = { deps } as TestContext;
  const territory = await seedTerritory(ctx);
  const owner = await signIn(ctx);
  const association = await createAssociation(
    deps,
    await loadActor(deps.sql, owner.id),
    AssociationCreate.parse({ rna: `W67${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`, name: 'Les Amis du Quartier', purpose: 'Solidarité de proximité', communeInsee: territory.communes[0].insee, themes: ['solidarite'] }),
  );
  await deps.sql`UPDATE associations SET verification = 'verified' WHERE id = ${association.id}`;
  const ownerActor = await loadActor(deps.sql, owner.id);
  const wishes = ['aider des personnes âgées isolées', 'soutien scolaire pour des collégiens', 'distribution alimentaire le samedi', 'accompagner des sorties nature', 'réparer des vélos'];
  const citizenIds: string[] = [];
  const citizenUsers: string[] = [];
  for (let i = 0; i < options.citizens; i++) {
    const user = await signIn(ctx);
    const input = CitizenProfileCreate.parse({ firstName: `Camille${i}`, communeInsee: territory.communes[i % 3].insee, wish: wishes[i % wishes.length], radiusKm: 50, digest: options.digest ?? 'never' });
    citizenUsers.push(user.id);
    citizenIds.push((await createCitizenProfile(deps, await loadActor(deps.sql, user.id), input)).id);
  }
  const newMission = (title: string, description: string) =>
    createMission(deps, ownerActor, MissionCreate.parse({ associationId: association.id, title, description, communeInsee: territory.communes[0].insee }));
  return { territory, association, citizenIds, citizenUsers, newMission };
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `node --import tsx worker/src/main.ts` (what `npm run worker` runs) as a child process on the test's database, Redis prefix and SMTP sink. */
export function spawnWorker(env: { databaseUrl: string; redisUrl: string; prefix: string; smtpUrl?: string; lockMs?: number }) {
  // node with tsx's loader, not the tsx CLI: the CLI runs the script in a grandchild process, which a SIGKILL
  // sent to the CLI would leave running.
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'worker/src/main.ts', '--prefix', env.prefix, '--lock-ms', String(env.lockMs ?? 2000), '--no-schedules'],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'test',
        DATABASE_URL: env.databaseUrl,
        DATABASE_POOL_SIZE: '6',
        REDIS_URL: env.redisUrl,
        EMBEDDER: 'offline',
        LOG_LEVEL: 'debug',
        ...(env.smtpUrl ? { SMTP_URL: env.smtpUrl } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    /** Resolves when the worker logged that it started (queues listening). */
    ready: () => waitFor(() => output.includes('Maillage worker started'), 30_000, () => `worker did not start:\n${output}`),
    exited,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Polls `check` until true or the timeout (then throws with `describe()`). */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, describe: () => string = () => 'condition') {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out: ${describe()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
