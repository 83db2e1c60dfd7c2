import type { Queryable } from '../../db/database.ts';
import type { AssociationSizeCode, NeedFact, OfferKindCode } from './score.ts';

/** One (association, offer) pair with every fact the score and the explanation need. */
export type PairRow = {
  association_id: string;
  association_name: string;
  association_themes: string[];
  association_size: AssociationSizeCode;
  territory_code: string;
  territory_name: string;
  commune_name: string;
  offer_id: string;
  offer_title: string;
  offer_kind: OfferKindCode;
  offer_skills: string[];
  offer_themes: string[];
  budget_max_eur: number | null;
  capacity_left: number;
  company_id: string;
  company_name: string;
  similarity: number;
  distance_km: number | null;
  open_missions: number;
  idle_days: number;
  needs: NeedFact[];
  company_interested: boolean;
  association_interested: boolean;
  partnership_id: string | null;
  partnership_status: 'proposed' | 'active' | 'ended' | null;
};

/**
 * Open missions, days idle and open needs of `a`, read from `af` (association_facts, kept on write by the triggers
 * of sql/migrations/0016_association_facts.sql); no row there means no mission and no open need.
 */
const activityFacts = (sql: Queryable) => sql`
  COALESCE(af.open_missions, 0) AS open_missions,
  extract(epoch FROM now() - GREATEST(a.updated_at, af.last_mission_update))::float8 / 86400 AS idle_days,
  COALESCE(af.open_needs, '[]') AS needs`;

/** Facts of the pairs `a` x `o` (with `co` the offer's company); shared by both rankings and the speed-dating fit. */
const facts = (sql: Queryable) => sql`
  a.id AS association_id, a.name AS association_name, a.themes AS association_themes, a.size AS association_size,
  ta.code AS territory_code, ta.name AS territory_name, ca.name AS commune_name,
  o.id AS offer_id, o.title AS offer_title, o.kind AS offer_kind, o.skills AS offer_skills, o.themes AS offer_themes,
  o.budget_max_eur, o.capacity_left, co.id AS company_id, co.name AS company_name,
  COALESCE(1 - (a.embedding <=> o.embedding), 0)::float8 AS similarity,
  distance_km(cc.lat, cc.lon, ca.lat, ca.lon)::float8 AS distance_km,
  ${activityFacts(sql)},
  EXISTS (SELECT 1 FROM partner_interests i WHERE i.offer_id = o.id AND i.association_id = a.id AND i.side = 'company') AS company_interested,
  EXISTS (SELECT 1 FROM partner_interests i WHERE i.offer_id = o.id AND i.association_id = a.id AND i.side = 'association') AS association_interested,
  p.id AS partnership_id, p.status AS partnership_status`;

const placeJoins = (sql: Queryable) => sql`
  JOIN communes ca ON ca.insee = a.commune_insee JOIN territories ta ON ta.id = a.territory_id
  JOIN companies co ON co.id = o.company_id JOIN communes cc ON cc.insee = co.commune_insee
  LEFT JOIN association_facts af ON af.association_id = a.id
  LEFT JOIN partnerships p ON p.offer_id = o.id AND p.association_id = a.id`;

/** The territories an offer serves: its own list, or the company's territory when the list is empty (see 0006_rse.sql). */
const servedTerritories = (sql: Queryable) => sql`CASE WHEN cardinality(o.territory_ids) = 0 THEN ARRAY[co.territory_id] ELSE o.territory_ids END`;

export type RankedOfferSource = {
  id: string;
  company_id: string;
  kind: OfferKindCode;
  status: string;
  company_verification: string;
  /** pgvector literal of the offer's embedding; null until embedded. */
  vector: string | null;
  territory_ids: string[];
  skills: string[];
  themes: string[];
  budget_max_eur: number | null;
  company_lat: number;
  company_lon: number;
};

export async function selectOfferForRanking(sql: Queryable, offerId: string): Promise<RankedOfferSource | undefined> {
  const [row] = await sql<RankedOfferSource[]>`
    SELECT o.id, o.company_id, o.kind, o.status, co.verification AS company_verification, o.embedding::text AS vector,
           ${servedTerritories(sql)} AS territory_ids, o.skills, o.themes, o.budget_max_eur, cc.lat AS company_lat, cc.lon AS company_lon
    FROM rse_offers o JOIN companies co ON co.id = o.company_id JOIN communes cc ON cc.insee = co.commune_insee
    WHERE o.id = ${offerId}`;
  return row;
}

export type AssociationFilters = { territoryIds: string[]; themes: string[] | null; sizes: string[] | null; isNeedRequired: boolean; kind: OfferKindCode };

/** The hard filters on `a`: verified, in one of the offer's territories, the caller's filters. */
const associationFilters = (sql: Queryable, f: AssociationFilters) => sql`
  a.verification = 'verified' AND a.territory_id = ANY(${f.territoryIds}::uuid[])
  AND (${f.themes}::text[] IS NULL OR a.themes && ${f.themes}::text[])
  AND (${f.sizes}::text[] IS NULL OR a.size = ANY(${f.sizes}::text[]))
  AND (NOT ${f.isNeedRequired}::boolean OR EXISTS (
        SELECT 1 FROM association_needs n WHERE n.association_id = a.id AND n.status = 'open' AND n.kind = ${f.kind}))`;

/** What the score needs of an association; the offer's side is read once (RankedOfferSource), not per row. */
export type AssociationFactsRow = {
  association_id: string;
  association_themes: string[];
  association_size: AssociationSizeCode;
  similarity: number;
  distance_km: number | null;
  open_missions: number;
  idle_days: number;
  needs: NeedFact[];
};

/** Narrow facts of `a` (with `ca` its commune): what the score reads, nothing for display. */
const associationFacts = (sql: Queryable, o: RankedOfferSource, similarity = sql`COALESCE(1 - (a.embedding <=> ${o.vector}::vector), 0)`) => sql`
  a.id AS association_id, a.themes AS association_themes, a.size AS association_size, ${similarity}::float8 AS similarity,
  distance_km(${o.company_lat}::float8, ${o.company_lon}::float8, ca.lat, ca.lon)::float8 AS distance_km,
  ${activityFacts(sql)}`;

/** Commune and activity of `a`, for associationFacts. */
const associationJoins = (sql: Queryable) => sql`
  JOIN communes ca ON ca.insee = a.commune_insee LEFT JOIN association_facts af ON af.association_id = a.id`;

/** The candidates of a ranking, and what the near branch returned (for the similarity bound). */
export type AssociationCandidates = { candidates: AssociationFactsRow[]; near_count: number; near_max_dist: number | null };

/**
 * Candidates for an offer: the k associations nearest to the offer's text by cosine distance, merged with the
 * associations that published an open need of the offer's kind (the heaviest signal must not depend on the text
 * being close; nearest first, up to needK), hard filters applied; then their narrow facts.
 * Both branches are exact: an instance is one département, so the offer's territories hold a few thousand
 * associations, and computing all their distances costs less than a filtered HNSW search, which walks past the
 * other territories' associations (EXPLAIN ANALYZE, one of five territories at 10k: 11 ms for HNSW with k = 100,
 * 5 ms exact). `+ 0` keeps both branches off the HNSW index. The needs branch finds its ids in two indexes (open
 * needs of the kind, verified associations of the territories: the self-join on `t`) and reads the heap only for
 * the associations in both.
 * The candidates come back as one JSON array: one native JSON.parse instead of decoding ~400 rows column by column.
 */
export async function selectAssociationCandidates(sql: Queryable, o: RankedOfferSource, f: AssociationFilters, k: number, needK: number): Promise<AssociationCandidates> {
  const [row] = await sql<AssociationCandidates[]>`
    WITH q AS (SELECT ${o.vector}::vector AS v), near AS (
      SELECT a.id, (a.embedding <=> (SELECT v FROM q)) + 0 AS dist FROM associations a
      WHERE ${associationFilters(sql, f)}
      ORDER BY 2
      LIMIT ${k}
    ), needy AS (
      SELECT a.id, (a.embedding <=> (SELECT v FROM q)) + 0 AS dist FROM associations a
      WHERE a.id IN (SELECT t.id FROM associations t JOIN association_needs n ON n.association_id = t.id
                     WHERE n.status = 'open' AND n.kind = ${f.kind} AND t.verification = 'verified' AND t.territory_id = ANY(${f.territoryIds}::uuid[]))
        AND ${associationFilters(sql, f)}
      ORDER BY 2
      LIMIT ${needK}
    ), ids AS (SELECT id, dist FROM near UNION SELECT id, dist FROM needy)
    SELECT COALESCE((SELECT json_agg(c) FROM (
             SELECT ${associationFacts(sql, o, sql`COALESCE(1 - ids.dist, 0)`)} FROM ids JOIN associations a ON a.id = ids.id ${associationJoins(sql)}) c), '[]') AS candidates,
           (SELECT count(*) FROM near)::int AS near_count, (SELECT max(dist) FROM near)::float8 AS near_max_dist`;
  return row;
}

/** Every association passing the hard filters, with the same facts: the exact ranking (benchmark reference). */
export async function selectAllEligibleAssociations(sql: Queryable, o: RankedOfferSource, f: AssociationFilters) {
  return sql<AssociationFactsRow[]>`
    SELECT ${associationFacts(sql, o)} FROM associations a ${associationJoins(sql)}
    WHERE ${associationFilters(sql, f)}`;
}

export type AssociationCardRow = {
  association_id: string;
  association_name: string;
  territory_code: string;
  territory_name: string;
  commune_name: string;
  company_interested: boolean;
  association_interested: boolean;
  partnership_id: string | null;
  partnership_status: 'proposed' | 'active' | 'ended' | null;
};

/** What a page of the ranking shows of each association, and where the pair stands (read for the page only). */
export async function selectAssociationCards(sql: Queryable, offerId: string, associationIds: string[]) {
  return sql<AssociationCardRow[]>`
    SELECT a.id AS association_id, a.name AS association_name, ta.code AS territory_code, ta.name AS territory_name, ca.name AS commune_name,
      EXISTS (SELECT 1 FROM partner_interests i WHERE i.offer_id = ${offerId} AND i.association_id = a.id AND i.side = 'company') AS company_interested,
      EXISTS (SELECT 1 FROM partner_interests i WHERE i.offer_id = ${offerId} AND i.association_id = a.id AND i.side = 'association') AS association_interested,
      p.id AS partnership_id, p.status AS partnership_status
    FROM associations a JOIN communes ca ON ca.insee = a.commune_insee JOIN territories ta ON ta.id = a.territory_id
    LEFT JOIN partnerships p ON p.offer_id = ${offerId} AND p.association_id = a.id
    WHERE a.id = ANY(${associationIds}::uuid[])`;
}

export type OfferFiltersForAssociation = { kinds: string[] | null; themes: string[] | null };

/**
 * The open offers with capacity left that serve the association's territory, of companies not suspended, with
 * the pair facts. Exact (no index): a territory holds a few hundred offers at most.
 */
export async function selectOffersForAssociation(sql: Queryable, associationId: string, f: OfferFiltersForAssociation) {
  return sql<PairRow[]>`
    SELECT ${facts(sql)} FROM associations a CROSS JOIN rse_offers o ${placeJoins(sql)}
    WHERE a.id = ${associationId} AND o.status = 'open' AND o.capacity_left > 0 AND co.verification <> 'suspended'
      AND (o.ends_on IS NULL OR o.ends_on >= current_date)
      AND a.territory_id = ANY(${servedTerritories(sql)})
      AND (${f.kinds}::text[] IS NULL OR o.kind = ANY(${f.kinds}::text[]))
      AND (${f.themes}::text[] IS NULL OR o.themes && ${f.themes}::text[])`;
}

/** Pairs of the given associations with every open offer of the given companies (speed-dating fit). */
export async function selectPairsForCompanies(sql: Queryable, associationIds: string[], companyIds: string[]) {
  if (associationIds.length === 0 || companyIds.length === 0) return [];
  return sql<PairRow[]>`
    SELECT ${facts(sql)} FROM associations a CROSS JOIN rse_offers o ${placeJoins(sql)}
    WHERE a.id = ANY(${associationIds}::uuid[]) AND o.company_id = ANY(${companyIds}::uuid[]) AND o.status = 'open'`;
}

/** The facts of one pair (the fit recorded when a partnership opens). */
export async function selectPair(sql: Queryable, offerId: string, associationId: string): Promise<PairRow | undefined> {
  const [row] = await sql<PairRow[]>`
    SELECT ${facts(sql)} FROM associations a CROSS JOIN rse_offers o ${placeJoins(sql)}
    WHERE a.id = ${associationId} AND o.id = ${offerId}`;
  return row;
}

/** Whether the offer serves the association's territory. */
export async function isServedByOffer(sql: Queryable, offerId: string, associationId: string): Promise<boolean> {
  const [row] = await sql<{ ok: boolean }[]>`
    SELECT a.territory_id = ANY(${servedTerritories(sql)}) AS ok
    FROM associations a CROSS JOIN rse_offers o JOIN companies co ON co.id = o.company_id
    WHERE a.id = ${associationId} AND o.id = ${offerId}`;
  return row?.ok ?? false;
}
