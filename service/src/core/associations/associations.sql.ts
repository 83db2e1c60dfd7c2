import type { Queryable } from '../../db/database.ts';
import type { AssociationFilters } from '../../contract/associations.ts';

export type AssociationRow = {
  id: string;
  rna: string | null;
  siren: string | null;
  name: string;
  purpose: string;
  themes: string[];
  territory_id: string;
  territory_code: string;
  territory_name: string;
  commune_insee: string;
  commune_name: string;
  lat: number;
  lon: number;
  size: 'volunteers_only' | 'small' | 'medium' | 'large';
  verification: 'pending' | 'verified' | 'suspended';
  contact_email: string | null;
  website: string | null;
  response_hours: number | null;
  open_missions: number;
  created_at: Date;
  total?: number;
};

const columns = (sql: Queryable) => sql`
  a.id, a.rna, a.siren, a.name, a.purpose, a.themes, a.territory_id, t.code AS territory_code, t.name AS territory_name,
  a.commune_insee, c.name AS commune_name, c.lat, c.lon, a.size, a.verification, a.contact_email, a.website,
  a.response_hours, (SELECT count(*)::int FROM missions m WHERE m.association_id = a.id AND m.status = 'open') AS open_missions,
  a.created_at`;

export async function selectAssociation(sql: Queryable, id: string): Promise<AssociationRow | undefined> {
  const [row] = await sql<AssociationRow[]>`
    SELECT ${columns(sql)} FROM associations a
    JOIN territories t ON t.id = a.territory_id JOIN communes c ON c.insee = a.commune_insee
    WHERE a.id = ${id}`;
  return row;
}

export async function selectAssociations(sql: Queryable, f: AssociationFilters, includeSuspended: boolean): Promise<AssociationRow[]> {
  const q = f.q ?? null;
  return sql<AssociationRow[]>`
    SELECT ${columns(sql)}, count(*) OVER ()::int AS total FROM associations a
    JOIN territories t ON t.id = a.territory_id JOIN communes c ON c.insee = a.commune_insee
    WHERE (${q}::text IS NULL OR a.search @@ websearch_to_tsquery('french', ${q}) OR a.name ILIKE '%' || ${q} || '%')
      AND (${f.territory ?? null}::text IS NULL OR t.code = ${f.territory ?? null})
      AND (${f.theme ?? null}::text[] IS NULL OR a.themes && ${f.theme ?? null}::text[])
      AND (${f.verification ?? null}::text IS NULL OR a.verification = ${f.verification ?? null})
      AND (${includeSuspended} OR a.verification <> 'suspended')
    ORDER BY ${q ? sql`ts_rank(a.search, websearch_to_tsquery('french', ${q})) DESC,` : sql``} a.name, a.id
    LIMIT ${f.limit} OFFSET ${f.offset}`;
}

export async function insertAssociation(
  sql: Queryable,
  a: { rna: string | null; siren: string | null; name: string; purpose: string; themes: string[]; territoryId: string; communeInsee: string; size: string; contactEmail: string | null; website: string | null },
): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    INSERT INTO associations (rna, siren, name, purpose, themes, territory_id, commune_insee, size, contact_email, website)
    VALUES (${a.rna}, ${a.siren}, ${a.name}, ${a.purpose}, ${a.themes}, ${a.territoryId}, ${a.communeInsee}, ${a.size}, ${a.contactEmail}, ${a.website})
    RETURNING id`;
  return row.id;
}

export async function updateAssociationRow(sql: Queryable, id: string, patch: Record<string, unknown>) {
  if (Object.keys(patch).length === 0) return;
  await sql`UPDATE associations SET ${sql(patch)}, updated_at = now() WHERE id = ${id}`;
}

export async function selectRegistrationTaken(sql: Queryable, rna: string | null, siren: string | null) {
  const [row] = await sql<{ taken: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM associations WHERE (rna = ${rna} AND ${rna}::text IS NOT NULL) OR (siren = ${siren} AND ${siren}::text IS NOT NULL)) AS taken`;
  return row.taken;
}

export async function insertMembership(sql: Queryable, m: { userId: string; associationId?: string; companyId?: string; role: 'member' | 'admin' }) {
  await sql`
    INSERT INTO memberships (user_id, association_id, company_id, role)
    VALUES (${m.userId}, ${m.associationId ?? null}, ${m.companyId ?? null}, ${m.role})`;
}
