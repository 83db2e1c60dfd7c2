import type { Queryable } from '../../db/database.ts';

export type CommuneRow = { insee: string; name: string; postal_code: string; territory_id: string; lat: number; lon: number };

export async function selectCommune(sql: Queryable, insee: string): Promise<CommuneRow | undefined> {
  const [row] = await sql<CommuneRow[]>`SELECT insee, name, postal_code, territory_id, lat, lon FROM communes WHERE insee = ${insee}`;
  return row;
}

export async function selectTerritories(sql: Queryable) {
  return sql<{ id: string; code: string; name: string; departement: string; communes: number }[]>`
    SELECT t.id, t.code, t.name, t.departement, (SELECT count(*)::int FROM communes c WHERE c.territory_id = t.id) AS communes
    FROM territories t ORDER BY t.name`;
}

export async function searchCommunes(sql: Queryable, q: string | undefined, territoryCode: string | undefined, limit: number) {
  const pattern = q ? q.toLowerCase().replace(/[%_\\]/g, '\\$&') + '%' : null;
  return sql<(CommuneRow & { territory_code: string })[]>`
    SELECT c.insee, c.name, c.postal_code, c.territory_id, c.lat, c.lon, t.code AS territory_code
    FROM communes c JOIN territories t ON t.id = c.territory_id
    WHERE (${pattern}::text IS NULL OR lower(c.name) LIKE ${pattern} OR c.postal_code LIKE ${pattern})
      AND (${territoryCode ?? null}::text IS NULL OR t.code = ${territoryCode ?? null})
    ORDER BY c.population DESC NULLS LAST, c.name LIMIT ${limit}`;
}

export async function selectVocabulary(sql: Queryable) {
  const [themes, skills, domains, boardRoles] = await Promise.all([
    sql<{ code: string; label: string }[]>`SELECT code, label FROM themes ORDER BY label`,
    sql<{ code: string; label: string; domain: string }[]>`SELECT code, label, domain FROM skills ORDER BY domain, label`,
    sql<{ code: string; label: string }[]>`SELECT code, label FROM skill_domains ORDER BY label`,
    sql<{ code: string; label: string }[]>`SELECT code, label FROM board_roles ORDER BY rank`,
  ]);
  return { themes, skills, skillDomains: domains, boardRoles };
}

export async function upsertTerritory(sql: Queryable, t: { code: string; name: string; departement: string }): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    INSERT INTO territories (code, name, departement) VALUES (${t.code}, ${t.name}, ${t.departement})
    ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, departement = EXCLUDED.departement
    RETURNING id`;
  return row.id;
}

export async function upsertCommunes(
  sql: Queryable,
  territoryId: string,
  communes: { insee: string; name: string; postalCode: string; lat: number; lon: number; population?: number }[],
) {
  if (communes.length === 0) return;
  await sql`
    INSERT INTO communes (insee, name, postal_code, territory_id, lat, lon, population)
    SELECT * FROM unnest(${communes.map((c) => c.insee)}::text[], ${communes.map((c) => c.name)}::text[],
                         ${communes.map((c) => c.postalCode)}::text[], ${communes.map(() => territoryId)}::uuid[],
                         ${communes.map((c) => c.lat)}::float8[], ${communes.map((c) => c.lon)}::float8[],
                         ${communes.map((c) => c.population ?? null)}::int[])
    ON CONFLICT (insee) DO UPDATE SET name = EXCLUDED.name, postal_code = EXCLUDED.postal_code,
      territory_id = EXCLUDED.territory_id, lat = EXCLUDED.lat, lon = EXCLUDED.lon, population = EXCLUDED.population`;
}
