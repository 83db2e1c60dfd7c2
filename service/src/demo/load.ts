import type { CoreDeps } from '../core/deps.ts';
import { embedMissing } from '../core/embeddings/entities.ts';
import { upsertCommunes, upsertTerritory } from '../core/territories/territories.sql.ts';
import type { Queryable } from '../db/database.ts';
import type { Embedder } from '../core/embeddings/embedder.ts';
import { createEmbeddingIndexes, dropEmbeddingIndexes, EMBEDDED_TABLES, type EmbeddedTable } from '../db/embedding-columns.ts';
import type { Logger } from '../logger.ts';
import {
  countDomainRows, hasTerritory, insertApplications, insertAssociations, insertCitizens, insertCompanies, insertMemberships, insertMissions,
  insertNeeds, insertOffers, insertUsers, selectTerritoryIds, type DomainCounts,
} from './bulk.sql.ts';
import { DEMO_TERRITORIES } from './communes.ts';
import { chunked, DEFAULT_SEED, DEMO_SIZES, generateDataset, type DemoDataset, type DemoSize } from './dataset.ts';
import { createDemoAccounts } from './demo-accounts.ts';
import { associationText, citizenText, embedForInsert, missionText, offerText } from './embed.ts';
import type { GenUser } from './types.ts';

const BATCH = 1000;

/** Creates (or updates) the four territories of the Bas-Rhin and their communes; the same queries importTerritory runs. */
export async function importDemoTerritories(sql: Queryable): Promise<Map<string, string>> {
  for (const t of DEMO_TERRITORIES) {
    const id = await upsertTerritory(sql, t);
    await upsertCommunes(sql, id, t.communes);
  }
  return selectTerritoryIds(sql);
}

/** The accounts behind generated organisations and profiles: they exist, but cannot sign in (no password). */
export function usersOf(dataset: Pick<DemoDataset, 'associations' | 'companies' | 'citizens'>): GenUser[] {
  return [
    ...dataset.associations.map((a) => ({ id: a.adminUserId, email: `bureau.${a.rna.toLowerCase()}@associations.demo.invalid`, displayName: `Bureau – ${a.name}`.slice(0, 120), createdAt: a.createdAt })),
    ...dataset.companies.map((c) => ({ id: c.adminUserId, email: `rse.${c.siren}@entreprises.demo.invalid`, displayName: `RSE – ${c.name}`.slice(0, 120), createdAt: c.createdAt })),
    ...dataset.citizens.map((c) => ({ id: c.userId, email: c.email, displayName: `${c.firstName} ${c.lastName[0]}.`, createdAt: c.createdAt })),
  ];
}

/**
 * Writes a generated dataset with bulk inserts. With an embedder, embedded tables get their vectors in the same
 * insert (no second pass of updates); without, embedMissing fills them afterwards.
 */
export async function insertDataset(sql: Queryable, dataset: DemoDataset, territories: ReadonlyMap<string, string>, embedder?: Embedder) {
  const embed = async <T>(table: EmbeddedTable, rows: T[], text: (row: T) => string) => (embedder ? embedForInsert(embedder, table, rows.map(text)) : undefined);
  for (const batch of chunked(usersOf(dataset), BATCH)) await insertUsers(sql, batch);
  for (const batch of chunked(dataset.associations, BATCH)) await insertAssociations(sql, batch, territories, await embed('associations', batch, associationText));
  const memberships = [
    ...dataset.associations.map((a) => ({ userId: a.adminUserId, associationId: a.id, companyId: null, role: 'admin' as const })),
    ...dataset.companies.map((c) => ({ userId: c.adminUserId, associationId: null, companyId: c.id, role: 'admin' as const })),
  ];
  for (const batch of chunked(dataset.citizens, BATCH)) await insertCitizens(sql, batch, territories, await embed('citizen_profiles', batch, citizenText));
  for (const batch of chunked(dataset.missions, BATCH)) await insertMissions(sql, batch, territories, await embed('missions', batch, missionText));
  for (const batch of chunked(dataset.applications, BATCH)) await insertApplications(sql, batch);
  for (const batch of chunked(dataset.companies, BATCH)) await insertCompanies(sql, batch, territories);
  for (const batch of chunked(memberships, BATCH)) await insertMemberships(sql, batch);
  for (const batch of chunked(dataset.offers, BATCH)) await insertOffers(sql, batch, territories, await embed('rse_offers', batch, offerText));
  for (const batch of chunked(dataset.needs, BATCH)) await insertNeeds(sql, batch);
}

export type DemoLoadOptions = { seed?: number | string; size?: DemoSize; reference?: Date };
export type DemoLoadReport = { counts: DomainCounts; skippedAccounts: string[]; ms: { generate: number; insertAndEmbed: number } };

/**
 * Loads the demo territory: territories and communes, generated associations, missions, citizens, companies
 * and offers, the demo accounts — in one transaction, so a failed load leaves nothing behind — then embeds
 * every row that has no embedding yet.
 */
export async function loadDemo(deps: CoreDeps, log: Logger, options: DemoLoadOptions = {}): Promise<DemoLoadReport> {
  const reference = options.reference ?? new Date();
  let t = performance.now();
  const dataset = generateDataset({ seed: options.seed ?? DEFAULT_SEED, size: options.size ?? DEMO_SIZES.demo, reference });
  const generate = performance.now() - t;
  t = performance.now();
  // Inserting thousands of vectors under HNSW indexes is several times slower than building the indexes after
  // (a 3x difference on PGlite, where everything runs in WebAssembly).
  await dropEmbeddingIndexes(deps.sql);
  let skipped: string[];
  try {
    ({ skipped } = await deps.sql.begin(async (tx) => {
      const territories = await importDemoTerritories(tx);
      await insertDataset(tx, dataset, territories, deps.embedder);
      return createDemoAccounts(tx, dataset, territories, reference);
    }));
    log.info('demo data inserted and embedded', { ms: Math.round(performance.now() - t), associations: dataset.associations.length, missions: dataset.missions.length, citizens: dataset.citizens.length });
    // The demo accounts' own rows (a profile, missions, offers) go through the ordinary embedding path.
    await embedAll(deps, log);
  } finally {
    await createEmbeddingIndexes(deps.sql);
  }
  const insert = performance.now() - t;
  if (skipped.length) log.info('demo accounts skipped (no support organisations in this schema)', { skipped });
  return { counts: await countDomainRows(deps.sql), skippedAccounts: skipped, ms: { generate, insertAndEmbed: insert } };
}

/** Embeds every row without an embedding, table by table, logging progress. */
export async function embedAll(deps: Pick<CoreDeps, 'sql' | 'embedder'>, log: Logger, batchSize = 512): Promise<number> {
  let total = 0;
  for (const table of EMBEDDED_TABLES) {
    const started = performance.now();
    const done = await embedMissing(deps, table, { batchSize, onProgress: (n) => log.debug('embedding', { table, done: n }) });
    log.info('embedded', { table, rows: done, ms: Math.round(performance.now() - started) });
    total += done;
  }
  return total;
}

/** On an empty database (no territory), loads the demo territory and returns true; otherwise does nothing and returns false. */
export async function loadDemoIfEmpty(deps: CoreDeps, log: Logger, options: DemoLoadOptions = {}): Promise<boolean> {
  if (await hasTerritory(deps.sql)) return false;
  log.info('empty database: loading the demo territory (Bas-Rhin). Demo accounts use the password "maillage-demo".');
  const report = await loadDemo(deps, log, options);
  log.info('demo territory loaded', { ...report.counts, ms: Math.round(report.ms.generate + report.ms.insertAndEmbed) });
  return true;
}
