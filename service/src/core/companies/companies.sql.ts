import type { CompanyFilters } from '../../contract/companies.ts';
import type { Queryable } from '../../db/database.ts';

export type CompanyRow = {
  id: string;
  siren: string;
  name: string;
  sector: string;
  description: string;
  territory_id: string;
  territory_code: string;
  territory_name: string;
  commune_insee: string;
  commune_name: string;
  lat: number;
  lon: number;
  size: 'micro' | 'sme' | 'mid' | 'large';
  verification: 'pending' | 'verified' | 'suspended';
  open_offers: number;
  created_at: Date;
  total?: number;
};

const columns = (sql: Queryable) => sql`
  co.id, co.siren, co.name, co.sector, co.description, co.territory_id, t.code AS territory_code, t.name AS territory_name,
  co.commune_insee, c.name AS commune_name, c.lat, c.lon, co.size, co.verification,
  (SELECT count(*)::int FROM rse_offers o WHERE o.company_id = co.id AND o.status = 'open') AS open_offers, co.created_at`;

const joins = (sql: Queryable) => sql`
  FROM companies co JOIN territories t ON t.id = co.territory_id JOIN communes c ON c.insee = co.commune_insee`;

export async function selectCompany(sql: Queryable, id: string): Promise<CompanyRow | undefined> {
  const [row] = await sql<CompanyRow[]>`SELECT ${columns(sql)} ${joins(sql)} WHERE co.id = ${id}`;
  return row;
}

export async function selectCompanies(sql: Queryable, f: CompanyFilters, includeSuspended: boolean): Promise<CompanyRow[]> {
  // Companies have no tsvector: the directory is small, a substring match on name, sector and description is enough.
  // The page's ids first, so that the open-offer count runs for the rows shown only.
  const q = f.q ?? null;
  return sql<CompanyRow[]>`
    WITH page AS (
      SELECT co.id, co.name, count(*) OVER ()::int AS total FROM companies co JOIN territories t ON t.id = co.territory_id
      WHERE (${q}::text IS NULL OR co.name ILIKE '%' || ${q} || '%' OR co.sector ILIKE '%' || ${q} || '%' OR co.description ILIKE '%' || ${q} || '%')
        AND (${f.territory ?? null}::text IS NULL OR t.code = ${f.territory ?? null})
        AND (${f.sector ?? null}::text IS NULL OR lower(co.sector) = lower(${f.sector ?? null}))
        AND (${f.verification ?? null}::text IS NULL OR co.verification = ${f.verification ?? null})
        AND (${includeSuspended} OR co.verification <> 'suspended')
      ORDER BY co.name, co.id
      LIMIT ${f.limit} OFFSET ${f.offset})
    SELECT ${columns(sql)}, page.total FROM page JOIN companies co ON co.id = page.id
      JOIN territories t ON t.id = co.territory_id JOIN communes c ON c.insee = co.commune_insee
    ORDER BY page.name, page.id`;
}

export async function selectSirenTaken(sql: Queryable, siren: string): Promise<boolean> {
  const [row] = await sql<{ taken: boolean }[]>`SELECT EXISTS (SELECT 1 FROM companies WHERE siren = ${siren}) AS taken`;
  return row.taken;
}

export type CompanyWrite = {
  siren: string;
  name: string;
  sector: string;
  description: string;
  territory_id: string;
  commune_insee: string;
  size: string;
};

export async function insertCompany(sql: Queryable, c: CompanyWrite): Promise<string> {
  const [row] = await sql<{ id: string }[]>`INSERT INTO companies ${sql(c)} RETURNING id`;
  return row.id;
}

export async function updateCompanyRow(sql: Queryable, id: string, patch: Partial<Omit<CompanyWrite, 'siren'>>) {
  if (Object.keys(patch).length === 0) return;
  await sql`UPDATE companies SET ${sql(patch)}, updated_at = now() WHERE id = ${id}`;
}
