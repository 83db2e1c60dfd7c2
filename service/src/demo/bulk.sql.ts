import type { Queryable } from '../db/database.ts';
import type { GenApplication, GenAssociation, GenCitizen, GenCompany, GenMission, GenNeed, GenOffer, GenUser } from './types.ts';

// Bulk inserts for generated rows: one statement per batch, every column passed as one array parameter and
// unnested (no string-built SQL, one round trip for thousands of rows, same SQL on PostgreSQL and PGlite).
// Text-array columns travel as comma-joined codes (codes never contain commas) and are split in SQL, because
// PostgreSQL arrays of arrays must be rectangular.

/** An embedding computed before the insert (scale mode): pgvector text literal and the hex hash of the embedded text. */
export type PrecomputedEmbedding = { literal: string; hash: string };

export type TerritoryIds = ReadonlyMap<string, string>;

const codes = (lists: readonly (readonly string[])[]) => lists.map((l) => l.join(','));
// postgres.js types a JS boolean array as a scalar boolean parameter: booleans travel as 't'/'f' text.
const flags = (values: readonly boolean[]) => values.map((v) => (v ? 't' : 'f'));
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const vectors = (n: number, e?: readonly PrecomputedEmbedding[]) => (e ? e.map((x) => x.literal) : new Array<string | null>(n).fill(null));
const hashes = (n: number, e?: readonly PrecomputedEmbedding[]) => (e ? e.map((x) => x.hash) : new Array<string | null>(n).fill(null));

export async function hasTerritory(sql: Queryable): Promise<boolean> {
  const [row] = await sql<{ found: boolean }[]>`SELECT EXISTS (SELECT 1 FROM territories) AS found`;
  return row.found;
}

export async function selectTerritoryIds(sql: Queryable): Promise<Map<string, string>> {
  const rows = await sql<{ id: string; code: string }[]>`SELECT id, code FROM territories`;
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function insertUsers(sql: Queryable, users: readonly GenUser[]) {
  if (users.length === 0) return;
  await sql`
    INSERT INTO users (id, email, display_name, created_at)
    SELECT * FROM unnest(${users.map((u) => u.id)}::uuid[], ${users.map((u) => u.email)}::text[],
                         ${users.map((u) => u.displayName)}::text[], ${users.map((u) => iso(u.createdAt))}::timestamptz[])`;
}

export async function insertMemberships(sql: Queryable, rows: readonly { userId: string; associationId: string | null; companyId: string | null; role: 'member' | 'admin' }[]) {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO memberships (user_id, association_id, company_id, role)
    SELECT * FROM unnest(${rows.map((r) => r.userId)}::uuid[], ${rows.map((r) => r.associationId)}::uuid[],
                         ${rows.map((r) => r.companyId)}::uuid[], ${rows.map((r) => r.role)}::text[])`;
}

export async function insertAssociations(sql: Queryable, rows: readonly GenAssociation[], territories: TerritoryIds, embeddings?: readonly PrecomputedEmbedding[]) {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO associations (id, rna, name, purpose, themes, territory_id, commune_insee, size, verification, contact_email,
                              website, response_hours, created_at, updated_at, embedding, embedding_hash)
    SELECT id, rna, name, purpose, string_to_array(themes, ','), territory_id, commune_insee, size, verification, contact_email,
           website, response_hours, created_at, created_at, e::vector, decode(h, 'hex')
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.rna)}::text[], ${rows.map((r) => r.name)}::text[],
                ${rows.map((r) => r.purpose)}::text[], ${codes(rows.map((r) => r.themes))}::text[],
                ${rows.map((r) => territories.get(r.territoryCode)!)}::uuid[], ${rows.map((r) => r.communeInsee)}::text[],
                ${rows.map((r) => r.size)}::text[], ${rows.map((r) => r.verification)}::text[], ${rows.map((r) => r.contactEmail)}::text[],
                ${rows.map((r) => r.website)}::text[], ${rows.map((r) => r.responseHours)}::real[],
                ${rows.map((r) => iso(r.createdAt))}::timestamptz[], ${vectors(rows.length, embeddings)}::text[], ${hashes(rows.length, embeddings)}::text[])
      AS u(id, rna, name, purpose, themes, territory_id, commune_insee, size, verification, contact_email, website, response_hours, created_at, e, h)`;
}

export async function insertCitizens(sql: Queryable, rows: readonly GenCitizen[], territories: TerritoryIds, embeddings?: readonly PrecomputedEmbedding[]) {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO citizen_profiles (id, user_id, first_name, birth_year, wish, skills, themes, availability, commune_insee, radius_km,
                                  languages, accessibility_needs, accepts_remote, is_visible_to_associations, is_open_to_board_roles,
                                  digest, lat, lon, territory_id, created_at, updated_at, embedding, embedding_hash)
    SELECT id, user_id, first_name, birth_year, wish, string_to_array(skills, ','), string_to_array(themes, ','), availability,
           commune_insee, radius_km, string_to_array(languages, ','), string_to_array(needs, ','), accepts_remote, is_visible,
           is_open_to_board, digest, lat, lon, territory_id, created_at, created_at, e::vector, decode(h, 'hex')
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.userId)}::uuid[], ${rows.map((r) => r.firstName)}::text[],
                ${rows.map((r) => r.birthYear)}::int[], ${rows.map((r) => r.wish)}::text[], ${codes(rows.map((r) => r.skills))}::text[],
                ${codes(rows.map((r) => r.themes))}::text[], ${rows.map((r) => r.availability)}::int[], ${rows.map((r) => r.communeInsee)}::text[],
                ${rows.map((r) => r.radiusKm)}::real[], ${codes(rows.map((r) => r.languages))}::text[],
                ${codes(rows.map((r) => r.accessibilityNeeds))}::text[], ${flags(rows.map((r) => r.acceptsRemote))}::text[]::bool[],
                ${flags(rows.map((r) => r.isVisibleToAssociations))}::text[]::bool[], ${flags(rows.map((r) => r.isOpenToBoardRoles))}::text[]::bool[],
                ${rows.map((r) => r.digest)}::text[], ${rows.map((r) => r.lat)}::float8[], ${rows.map((r) => r.lon)}::float8[],
                ${rows.map((r) => territories.get(r.territoryCode)!)}::uuid[], ${rows.map((r) => iso(r.createdAt))}::timestamptz[],
                ${vectors(rows.length, embeddings)}::text[], ${hashes(rows.length, embeddings)}::text[])
      AS u(id, user_id, first_name, birth_year, wish, skills, themes, availability, commune_insee, radius_km, languages, needs,
           accepts_remote, is_visible, is_open_to_board, digest, lat, lon, territory_id, created_at, e, h)`;
}

export async function insertMissions(sql: Queryable, rows: readonly GenMission[], territories: TerritoryIds, embeddings?: readonly PrecomputedEmbedding[]) {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO missions (id, association_id, title, description, skills, themes, is_remote, commune_insee, schedule, places,
                          accepted_count, pending_count, starts_on, ends_on, min_age, accessibility, status, lat, lon, territory_id,
                          published_at, created_at, updated_at, embedding, embedding_hash)
    SELECT id, association_id, title, description, string_to_array(skills, ','), string_to_array(themes, ','), is_remote, commune_insee,
           schedule, places, accepted_count, pending_count, starts_on, ends_on, min_age, string_to_array(accessibility, ','), status,
           lat, lon, territory_id, published_at, created_at, created_at, e::vector, decode(h, 'hex')
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.associationId)}::uuid[], ${rows.map((r) => r.title)}::text[],
                ${rows.map((r) => r.description)}::text[], ${codes(rows.map((r) => r.skills))}::text[], ${codes(rows.map((r) => r.themes))}::text[],
                ${flags(rows.map((r) => r.isRemote))}::text[]::bool[], ${rows.map((r) => r.communeInsee)}::text[], ${rows.map((r) => r.schedule)}::int[],
                ${rows.map((r) => r.places)}::int[], ${rows.map((r) => r.acceptedCount)}::int[], ${rows.map((r) => r.pendingCount)}::int[],
                ${rows.map((r) => r.startsOn)}::date[], ${rows.map((r) => r.endsOn)}::date[], ${rows.map((r) => r.minAge)}::int[],
                ${codes(rows.map((r) => r.accessibility))}::text[], ${rows.map((r) => r.status)}::text[], ${rows.map((r) => r.lat)}::float8[],
                ${rows.map((r) => r.lon)}::float8[], ${rows.map((r) => territories.get(r.territoryCode)!)}::uuid[],
                ${rows.map((r) => iso(r.publishedAt))}::timestamptz[], ${rows.map((r) => iso(r.createdAt))}::timestamptz[],
                ${vectors(rows.length, embeddings)}::text[], ${hashes(rows.length, embeddings)}::text[])
      AS u(id, association_id, title, description, skills, themes, is_remote, commune_insee, schedule, places, accepted_count,
           pending_count, starts_on, ends_on, min_age, accessibility, status, lat, lon, territory_id, published_at, created_at, e, h)`;
}

export async function insertApplications(sql: Queryable, rows: readonly GenApplication[]) {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO applications (id, mission_id, citizen_id, status, message, created_at, decided_at)
    SELECT * FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.missionId)}::uuid[], ${rows.map((r) => r.citizenId)}::uuid[],
                         ${rows.map((r) => r.status)}::text[], ${rows.map((r) => r.message)}::text[],
                         ${rows.map((r) => iso(r.createdAt))}::timestamptz[], ${rows.map((r) => iso(r.decidedAt))}::timestamptz[])`;
}

export async function insertCompanies(sql: Queryable, rows: readonly GenCompany[], territories: TerritoryIds) {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO companies (id, siren, name, sector, description, territory_id, commune_insee, size, verification, created_at, updated_at)
    SELECT id, siren, name, sector, description, territory_id, commune_insee, size, verification, created_at, created_at
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.siren)}::text[], ${rows.map((r) => r.name)}::text[],
                ${rows.map((r) => r.sector)}::text[], ${rows.map((r) => r.description)}::text[],
                ${rows.map((r) => territories.get(r.territoryCode)!)}::uuid[], ${rows.map((r) => r.communeInsee)}::text[],
                ${rows.map((r) => r.size)}::text[], ${rows.map((r) => r.verification)}::text[], ${rows.map((r) => iso(r.createdAt))}::timestamptz[])
      AS u(id, siren, name, sector, description, territory_id, commune_insee, size, verification, created_at)`;
}

export async function insertOffers(sql: Queryable, rows: readonly GenOffer[], territories: TerritoryIds, embeddings?: readonly PrecomputedEmbedding[]) {
  if (rows.length === 0) return;
  const territoryIds = rows.map((r) => r.territoryCodes.map((c) => territories.get(c)!).join(','));
  await sql`
    INSERT INTO rse_offers (id, company_id, kind, title, description, skills, themes, territory_ids, hours, budget_min_eur, budget_max_eur,
                            people, capacity, capacity_left, starts_on, ends_on, status, created_at, updated_at, embedding, embedding_hash)
    SELECT id, company_id, kind, title, description, string_to_array(skills, ','), string_to_array(themes, ','),
           string_to_array(territory_ids, ',')::uuid[], hours, budget_min, budget_max, people, capacity, capacity_left, starts_on, ends_on,
           status, created_at, created_at, e::vector, decode(h, 'hex')
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.companyId)}::uuid[], ${rows.map((r) => r.kind)}::text[],
                ${rows.map((r) => r.title)}::text[], ${rows.map((r) => r.description)}::text[], ${codes(rows.map((r) => r.skills))}::text[],
                ${codes(rows.map((r) => r.themes))}::text[], ${territoryIds}::text[], ${rows.map((r) => r.hours)}::int[],
                ${rows.map((r) => r.budgetMinEur)}::int[], ${rows.map((r) => r.budgetMaxEur)}::int[], ${rows.map((r) => r.people)}::int[],
                ${rows.map((r) => r.capacity)}::int[], ${rows.map((r) => r.capacityLeft)}::int[], ${rows.map((r) => r.startsOn)}::date[],
                ${rows.map((r) => r.endsOn)}::date[], ${rows.map((r) => r.status)}::text[], ${rows.map((r) => iso(r.createdAt))}::timestamptz[],
                ${vectors(rows.length, embeddings)}::text[], ${hashes(rows.length, embeddings)}::text[])
      AS u(id, company_id, kind, title, description, skills, themes, territory_ids, hours, budget_min, budget_max, people, capacity,
           capacity_left, starts_on, ends_on, status, created_at, e, h)`;
}

export async function insertNeeds(sql: Queryable, rows: readonly GenNeed[]) {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO association_needs (id, association_id, kind, title, description, skills, themes, amount_eur, status, created_at, updated_at)
    SELECT id, association_id, kind, title, description, string_to_array(skills, ','), string_to_array(themes, ','), amount_eur, status,
           created_at, created_at
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.associationId)}::uuid[], ${rows.map((r) => r.kind)}::text[],
                ${rows.map((r) => r.title)}::text[], ${rows.map((r) => r.description)}::text[], ${codes(rows.map((r) => r.skills))}::text[],
                ${codes(rows.map((r) => r.themes))}::text[], ${rows.map((r) => r.amountEur)}::int[], ${rows.map((r) => r.status)}::text[],
                ${rows.map((r) => iso(r.createdAt))}::timestamptz[])
      AS u(id, association_id, kind, title, description, skills, themes, amount_eur, status, created_at)`;
}

export type DomainCounts = Record<'territories' | 'communes' | 'users' | 'associations' | 'companies' | 'missions' | 'citizens' | 'applications' | 'offers' | 'needs', number>;

export async function countDomainRows(sql: Queryable): Promise<DomainCounts> {
  const [row] = await sql<DomainCounts[]>`
    SELECT (SELECT count(*)::int FROM territories) AS territories, (SELECT count(*)::int FROM communes) AS communes,
           (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM associations) AS associations,
           (SELECT count(*)::int FROM companies) AS companies, (SELECT count(*)::int FROM missions) AS missions,
           (SELECT count(*)::int FROM citizen_profiles) AS citizens, (SELECT count(*)::int FROM applications) AS applications,
           (SELECT count(*)::int FROM rse_offers) AS offers, (SELECT count(*)::int FROM association_needs) AS needs`;
  return row;
}

/**
 * Empties every domain table (territories, accounts, organisations, missions, profiles… and, through CASCADE,
 * whatever references them), keeping the vocabulary, the embedding bookkeeping and the embedding cache.
 */
export async function truncateDomainTables(sql: Queryable) {
  await sql`TRUNCATE territories, communes, users, associations, companies, citizen_profiles, missions, applications, dismissals,
                     rse_offers, association_needs, memberships, sessions CASCADE`;
}

export async function analyseDomainTables(sql: Queryable) {
  await sql`ANALYZE territories, communes, users, associations, companies, citizen_profiles, missions, applications, rse_offers,
                    association_needs, memberships`;
}
