import type { CoreDeps } from '../core/deps.ts';
import { rebuildMissionCells } from '../core/matching/cells.ts';
import { createEmbeddingIndexes, dropEmbeddingIndexes } from '../db/embedding-columns.ts';
import {
  analyseDomainTables, countDomainRows, hasTerritory, insertApplications, insertAssociations, insertCitizens, insertCompanies, insertMemberships,
  insertMissions, insertNeeds, insertOffers, insertUsers, selectTerritoryIds, type DomainCounts,
} from './bulk.sql.ts';
import { indexCitizens } from './generate-applications.ts';
import { chunked, createStreams, DEFAULT_SEED, generateAssociations, generateCitizens, generateCompanies, generateMissions, generateNeeds } from './dataset.ts';
import { associationText, citizenText, embedForInsert, missionText, offerText } from './embed.ts';
import { importDemoTerritories, usersOf } from './load.ts';
import type { GenApplication, GenAssociation } from './types.ts';

export type ScaleOptions = {
  missions: number;
  citizens: number;
  /** Default: one association per 8 missions. */
  associations?: number;
  /** Default: one company per 150 citizens. */
  companies?: number;
  seed?: number | string;
  batchSize?: number;
  reference?: Date;
  /** Batches written concurrently (default 2; PGlite has one connection and queues them). */
  writers?: number;
  /** maintenance_work_mem for the HNSW builds (PostgreSQL size string). */
  indexMemory?: string;
};

export type ScaleProgress = { phase: string; done: number; total: number; ms: number };
export type ScaleReport = { counts: DomainCounts; ms: Record<string, number> };

/**
 * Bulk-loads a large territory for benchmarks: HNSW indexes dropped, rows generated, embedded in JavaScript and
 * inserted in big batches (the next batch is embedded while the previous one is written), indexes rebuilt,
 * statistics refreshed. Expects no generated data yet (ids, RNA and SIREN numbers are seeded).
 */
export async function generateAtScale(
  deps: Pick<CoreDeps, 'sql' | 'embedder'>,
  options: ScaleOptions,
  onProgress: (p: ScaleProgress) => void = () => {},
): Promise<ScaleReport> {
  const { sql, embedder } = deps;
  const reference = options.reference ?? new Date();
  const batchSize = options.batchSize ?? 2000;
  const streams = createStreams(options.seed ?? DEFAULT_SEED);
  const associationCount = options.associations ?? Math.max(20, Math.round(options.missions / 8));
  const companyCount = options.companies ?? Math.max(10, Math.round(options.citizens / 150));
  const ms: Record<string, number> = {};
  const started = performance.now();
  let phaseStart = started;
  const report = (phase: string, done: number, total: number) => onProgress({ phase, done, total, ms: Math.round(performance.now() - phaseStart) });
  const endPhase = (phase: string) => {
    ms[phase] = Math.round(performance.now() - phaseStart);
    phaseStart = performance.now();
  };

  const territories = (await hasTerritory(sql)) ? await selectTerritoryIds(sql) : await importDemoTerritories(sql);
  await dropEmbeddingIndexes(sql);
  endPhase('prepare');

  // Up to `writers` batches are written at once (each on its own pooled connection, so PostgreSQL uses more
  // than one core) while the next batch is generated and embedded. A no-op catch keeps a failed write from
  // being reported as unhandled before it is awaited; phases await every write (later ones reference them).
  const writers = options.writers ?? 2;
  let inflight: Promise<unknown>[] = [];
  const write = async (job: () => Promise<unknown>) => {
    if (inflight.length >= writers) await inflight.shift();
    const next = job();
    next.catch(() => {});
    inflight.push(next);
  };
  const drain = async () => {
    const pending = inflight;
    inflight = [];
    await Promise.all(pending);
  };

  const associations: GenAssociation[] = [];
  for (const batch of chunked(generateAssociations(streams, associationCount, reference), batchSize)) {
    associations.push(...batch);
    const embeddings = await embedForInsert(embedder, 'associations', batch.map(associationText));
    await write(async () => {
      await insertUsers(sql, usersOf({ associations: batch, companies: [], citizens: [] }));
      await insertAssociations(sql, batch, territories, embeddings);
      await insertMemberships(sql, batch.map((a) => ({ userId: a.adminUserId, associationId: a.id, companyId: null, role: 'admin' as const })));
    });
    report('associations', associations.length, associationCount);
  }
  await drain();
  endPhase('associations');

  const citizenIndex = new Map<string, string[]>();
  let citizensDone = 0;
  for (const batch of chunked(generateCitizens(streams, options.citizens, reference), batchSize)) {
    indexCitizens(batch, citizenIndex);
    const embeddings = await embedForInsert(embedder, 'citizen_profiles', batch.map(citizenText));
    await write(async () => {
      await insertUsers(sql, usersOf({ associations: [], companies: [], citizens: batch }));
      await insertCitizens(sql, batch, territories, embeddings);
    });
    report('citizens', (citizensDone += batch.length), options.citizens);
  }
  await drain();
  endPhase('citizens');

  let missionsDone = 0;
  let applicationsDone = 0;
  for (const batch of chunked(generateMissions(streams, options.missions, associations, citizenIndex, reference), batchSize)) {
    const missions = batch.map((b) => b.mission);
    const applications: GenApplication[] = batch.flatMap((b) => b.applications);
    const embeddings = await embedForInsert(embedder, 'missions', missions.map(missionText));
    await write(async () => {
      await insertMissions(sql, missions, territories, embeddings);
      await insertApplications(sql, applications);
    });
    applicationsDone += applications.length;
    report('missions', (missionsDone += missions.length), options.missions);
  }
  await drain();
  endPhase('missions');

  const { companies, offers } = generateCompanies(streams, companyCount, reference);
  for (const batch of chunked(companies, batchSize)) {
    await insertUsers(sql, usersOf({ associations: [], companies: batch, citizens: [] }));
    await insertCompanies(sql, batch, territories);
    await insertMemberships(sql, batch.map((c) => ({ userId: c.adminUserId, associationId: null, companyId: c.id, role: 'admin' as const })));
  }
  for (const batch of chunked(offers, batchSize)) await insertOffers(sql, batch, territories, await embedForInsert(embedder, 'rse_offers', batch.map(offerText)));
  for (const batch of chunked(generateNeeds(streams, associations, reference), batchSize)) await insertNeeds(sql, batch);
  report('companies', companies.length, companyCount);
  endPhase('companies');

  report('indexes', 0, 1);
  await createEmbeddingIndexes(deps.sql, options.indexMemory ?? '1GB');
  endPhase('indexes');
  await analyseDomainTables(sql);
  endPhase('analyse');
  report('cells', 0, 1);
  await rebuildMissionCells(deps.sql);
  endPhase('cells');
  ms.total = Math.round(performance.now() - started);
  report('done', applicationsDone, applicationsDone);
  return { counts: await countDomainRows(sql), ms };
}
