import type { OfferFilters } from '../../contract/offers.ts';
import type { Queryable } from '../../db/database.ts';

export type OfferRow = {
  id: string;
  company_id: string;
  company_name: string;
  company_verification: string;
  company_territory_id: string;
  kind: 'skills' | 'financial' | 'team_day' | 'in_kind' | 'board_member';
  title: string;
  description: string;
  skills: string[];
  themes: string[];
  territory_ids: string[];
  territories: { id: string; code: string; name: string }[];
  hours: number | null;
  budget_min_eur: number | null;
  budget_max_eur: number | null;
  people: number | null;
  capacity: number;
  capacity_left: number;
  starts_on: string | null;
  ends_on: string | null;
  status: 'draft' | 'open' | 'closed';
  created_at: Date;
  updated_at: Date;
  total?: number;
};

// An empty territory_ids means "the company's own territory" (see 0006_rse.sql): resolved here, on read.
const columns = (sql: Queryable) => sql`
  o.id, o.company_id, co.name AS company_name, co.verification AS company_verification, co.territory_id AS company_territory_id,
  o.kind, o.title, o.description, o.skills, o.themes, o.territory_ids,
  COALESCE((SELECT json_agg(json_build_object('id', t.id, 'code', t.code, 'name', t.name) ORDER BY t.name)
            FROM territories t
            WHERE t.id = ANY(CASE WHEN cardinality(o.territory_ids) = 0 THEN ARRAY[co.territory_id] ELSE o.territory_ids END)),
           '[]') AS territories,
  o.hours, o.budget_min_eur, o.budget_max_eur, o.people, o.capacity, o.capacity_left,
  o.starts_on::text AS starts_on, o.ends_on::text AS ends_on, o.status, o.created_at, o.updated_at`;

const joins = (sql: Queryable) => sql`FROM rse_offers o JOIN companies co ON co.id = o.company_id`;

export async function selectOffer(sql: Queryable, id: string): Promise<OfferRow | undefined> {
  const [row] = await sql<OfferRow[]>`SELECT ${columns(sql)} ${joins(sql)} WHERE o.id = ${id}`;
  return row;
}

export async function selectOffers(sql: Queryable, f: OfferFilters, visibleCompanyIds: string[] | 'all'): Promise<OfferRow[]> {
  const all = visibleCompanyIds === 'all';
  const own = all ? [] : visibleCompanyIds;
  const territory = f.territory ?? null;
  // The page's ids first (narrow rows to sort and count), then the columns, territories included, of those ids only.
  return sql<OfferRow[]>`
    WITH page AS (
      SELECT o.id, o.created_at, count(*) OVER ()::int AS total ${joins(sql)}
      WHERE (${f.kind ?? null}::text[] IS NULL OR o.kind = ANY(${f.kind ?? null}::text[]))
        AND (${f.theme ?? null}::text[] IS NULL OR o.themes && ${f.theme ?? null}::text[])
        AND (${f.skill ?? null}::text[] IS NULL OR o.skills && ${f.skill ?? null}::text[])
        AND (${f.company ?? null}::uuid IS NULL OR o.company_id = ${f.company ?? null})
        AND (${f.status ?? null}::text IS NULL OR o.status = ${f.status ?? null})
        AND (${territory}::text IS NULL OR EXISTS (
              SELECT 1 FROM territories t WHERE t.code = ${territory}
                AND (t.id = ANY(o.territory_ids) OR (cardinality(o.territory_ids) = 0 AND t.id = co.territory_id))))
        -- the public sees open offers of companies that are not suspended; members see all of their own
        AND (${all} OR (o.status = 'open' AND co.verification <> 'suspended') OR o.company_id = ANY(${own}::uuid[]))
      ORDER BY o.created_at DESC, o.id
      LIMIT ${f.limit} OFFSET ${f.offset})
    SELECT ${columns(sql)}, page.total FROM page JOIN rse_offers o ON o.id = page.id JOIN companies co ON co.id = o.company_id
    ORDER BY page.created_at DESC, page.id`;
}

/** Ids of the given territory codes; the caller compares lengths to name the unknown ones. */
export async function selectTerritoryIds(sql: Queryable, codes: string[]): Promise<{ id: string; code: string }[]> {
  return sql<{ id: string; code: string }[]>`SELECT id, code FROM territories WHERE code = ANY(${codes}::text[])`;
}

export type OfferWrite = {
  kind: string;
  title: string;
  description: string;
  skills: string[];
  themes: string[];
  territory_ids: string[];
  hours: number | null;
  budget_min_eur: number | null;
  budget_max_eur: number | null;
  people: number | null;
  capacity: number;
  capacity_left: number;
  starts_on: string | null;
  ends_on: string | null;
  status: string;
};

export async function insertOffer(sql: Queryable, companyId: string, o: OfferWrite): Promise<string> {
  const [row] = await sql<{ id: string }[]>`INSERT INTO rse_offers ${sql({ ...o, company_id: companyId })} RETURNING id`;
  return row.id;
}

export async function updateOfferRow(sql: Queryable, id: string, patch: Partial<OfferWrite>) {
  if (Object.keys(patch).length === 0) return;
  await sql`UPDATE rse_offers SET ${sql(patch)}, updated_at = now() WHERE id = ${id}`;
}

/**
 * Changes the capacity and shifts what is left by the same amount, in one statement so that a partnership
 * taken meanwhile is not lost; false when fewer places than partnerships already engaged would remain.
 */
export async function updateOfferCapacity(sql: Queryable, id: string, capacity: number): Promise<boolean> {
  const rows = await sql`
    UPDATE rse_offers SET capacity = ${capacity}, capacity_left = capacity_left + (${capacity} - capacity), updated_at = now()
    WHERE id = ${id} AND capacity_left + (${capacity} - capacity) >= 0
    RETURNING id`;
  return rows.length > 0;
}
