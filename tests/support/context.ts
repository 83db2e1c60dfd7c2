import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApp } from '../../service/src/app.ts';
import { createSession } from '../../service/src/core/accounts/sessions.ts';
import { createUser, type NewUser } from '../../service/src/core/accounts/users.ts';
import type { NotifyDeps } from '../../service/src/core/accounts/notices.ts';
import type { CoreDeps } from '../../service/src/core/deps.ts';
import type { Embedder } from '../../service/src/core/embeddings/embedder.ts';
import { createOfflineEmbedder } from '../../service/src/core/embeddings/offline/index.ts';
import { createTransformersEmbedder } from '../../service/src/core/embeddings/transformers-provider.ts';
import { importTerritory } from '../../service/src/core/territories/territories.ts';
import type { Database } from '../../service/src/db/database.ts';
import { ensureEmbeddingColumns } from '../../service/src/db/embedding-columns.ts';
import { createLogger, silentLogger } from '../../service/src/logger.ts';
import { createInProcessQueue, type InProcessQueue } from '../../worker/src/in-process.ts';
import { openTestDatabase, type DatabaseTarget } from './databases.ts';

let sharedEmbedder: Promise<Embedder> | null = null;
const OFFLINE_WEIGHTS = fileURLToPath(new URL('../../service/models/offline-fr/manifest.json', import.meta.url));
const TINY_MODEL_DIR = fileURLToPath(new URL('../fixtures/tiny-bert/', import.meta.url));

/**
 * The embedder tests use: the real offline French embedder (read-only after loading, so one per test process).
 * While its trained weights are not in the tree yet, the tiny BERT fixture through transformers.js stands in
 * (a real embedder with untrained weights: fine for CRUD, meaningless for semantic ranking).
 */
export const testEmbedder = () =>
  (sharedEmbedder ??= existsSync(OFFLINE_WEIGHTS)
    ? createOfflineEmbedder()
    : createTransformersEmbedder({ modelDir: TINY_MODEL_DIR, modelId: 'maillage/tiny-bert-fr', dtype: 'fp32', threads: 1 }));

export type TestContext = {
  target: DatabaseTarget;
  db: Database;
  /** The use cases' dependencies, with the links e-mails carry (as the app has them). */
  deps: CoreDeps & NotifyDeps;
  jobs: InProcessQueue;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
};

/** A database of its own, the real offline embedder, the in-process queue and the HTTP app over them. */
export async function createTestContext(target: DatabaseTarget, options: { embedder?: Embedder } = {}): Promise<TestContext> {
  const db = await openTestDatabase(target);
  const embedder = options.embedder ?? (await testEmbedder());
  await ensureEmbeddingColumns(db.sql, { modelId: embedder.id, dimension: embedder.dimension }, silentLogger);
  const jobs = createInProcessQueue(() => deps, silentLogger);
  // TEST_LOG=debug shows what the service logs (unhandled errors included) while a test runs.
  const config = { env: 'test' as const, publicUrl: 'http://localhost' };
  const deps: CoreDeps & NotifyDeps = { sql: db.sql, embedder, jobs, log: process.env.TEST_LOG ? createLogger(process.env.TEST_LOG as 'debug') : silentLogger, config };
  const app = createApp({ ...deps, config, database: db });
  return {
    target,
    db,
    deps,
    jobs,
    app,
    async close() {
      await jobs.close();
      await db.close();
    },
  };
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

let territorySeq = 0;
/** A small territory with three communes (real coordinates in Bas-Rhin), made through the import use case. */
export async function seedTerritory(ctx: TestContext, code = `t-${unique()}`) {
  const k = territorySeq++ % 300;
  const insee = (i: number) => `67${String(k * 3 + i).padStart(3, '0')}`;
  const communes = [
    { insee: insee(0), name: `Haguenau ${k}`, postalCode: '67500', lat: 48.8156, lon: 7.7906, population: 35000 },
    { insee: insee(1), name: `Bischwiller ${k}`, postalCode: '67240', lat: 48.7667, lon: 7.8569, population: 12000 },
    { insee: insee(2), name: `Wissembourg ${k}`, postalCode: '67160', lat: 49.0372, lon: 7.9456, population: 7500 },
  ];
  const id = await importTerritory(ctx.deps, { code, name: `Territoire ${code}`, departement: '67', communes });
  return { id, code, communes };
}

/** A user with a live session; returns what an HTTP client needs to act as them (bearer token). */
export async function signIn(ctx: TestContext, overrides: Partial<NewUser> = {}) {
  const user = await createUser(ctx.deps, { email: `user-${unique()}@example.org`, displayName: 'Camille Test', emailVerified: true, ...overrides });
  const session = await createSession(ctx.deps.sql, user.id);
  return { ...user, token: session.token, csrfToken: session.csrfToken, headers: { authorization: `Bearer ${session.token}` } };
}

export function jsonRequest(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}
