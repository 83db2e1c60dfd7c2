import type { Queryable } from '../../db/database.ts';
import type { MissionFilters } from '../../contract/missions.ts';

export type MissionRow = {
  id: string;
  association_id: string;
  association_name: string;
  association_verification: string;
  response_hours: number | null;
  title: string;
  description: string;
  skills: string[];
  themes: string[];
  is_remote: boolean;
  commune_insee: string | null;
  commune_name: string | null;
  lat: number | null;
  lon: number | null;
  territory_id: string;
  territory_code: string;
  territory_name: string;
  schedule: number;
  places: number;
  accepted_count: number;
  pending_count: number;
  starts_on: string | null;
  ends_on: string | null;
  min_age: number;
  accessibility: string[];
  status: 'draft' | 'open' | 'closed';
  published_at: Date | null;
  created_at: Date;
  updated_at: Date;
  total?: number;
};

const columns = (sql: Queryable) => sql`
  m.id, m.association_id, a.name AS association_name, a.verification AS association_verification, a.response_hours,
  m.title, m.description, m.skills, m.themes, m.is_remote, m.commune_insee, c.name AS commune_name, m.lat, m.lon,
  m.territory_id, t.code AS territory_code, t.name AS territory_name, m.schedule, m.places, m.accepted_count,
  m.pending_count, m.starts_on::text AS starts_on, m.ends_on::text AS ends_on, m.min_age, m.accessibility, m.status,
  m.published_at, m.created_at, m.updated_at`;

const joins = (sql: Queryable) => sql`
  FROM missions m JOIN associations a ON a.id = m.association_id JOIN territories t ON t.id = m.territory_id
  LEFT JOIN communes c ON c.insee = m.commune_insee`;

export async function selectMission(sql: Queryable, id: string): Promise<MissionRow | undefined> {
  const [row] = await sql<MissionRow[]>`SELECT ${columns(sql)} ${joins(sql)} WHERE m.id = ${id}`;
  return row;
}

export async function selectMissions(sql: Queryable, f: MissionFilters, visibleAssociationIds: string[] | 'all'): Promise<MissionRow[]> {
  const q = f.q ?? null;
  const all = visibleAssociationIds === 'all';
  const own = all ? [] : visibleAssociationIds;
  return sql<MissionRow[]>`
    SELECT ${columns(sql)}, count(*) OVER ()::int AS total ${joins(sql)}
    WHERE (${q}::text IS NULL OR m.search @@ websearch_to_tsquery('french', ${q}))
      AND (${f.territory ?? null}::text IS NULL OR t.code = ${f.territory ?? null})
      AND (${f.association ?? null}::uuid IS NULL OR m.association_id = ${f.association ?? null})
      AND (${f.theme ?? null}::text[] IS NULL OR m.themes && ${f.theme ?? null}::text[])
      AND (${f.skill ?? null}::text[] IS NULL OR m.skills && ${f.skill ?? null}::text[])
      AND (${f.remote ?? null}::boolean IS NULL OR m.is_remote = ${f.remote ?? null})
      AND (${f.status ?? null}::text IS NULL OR m.status = ${f.status ?? null})
      -- drafts, and missions of suspended associations, only for their own members (or staff)
      AND (${all} OR (m.status <> 'draft' AND a.verification <> 'suspended') OR m.association_id = ANY(${own}::uuid[]))
    ORDER BY ${q ? sql`ts_rank(m.search, websearch_to_tsquery('french', ${q})) DESC,` : sql``} m.published_at DESC NULLS LAST, m.id
    LIMIT ${f.limit} OFFSET ${f.offset}`;
}

export type MissionWrite = {
  title: string;
  description: string;
  skills: string[];
  themes: string[];
  is_remote: boolean;
  commune_insee: string | null;
  lat: number | null;
  lon: number | null;
  territory_id: string;
  schedule: number;
  places: number;
  starts_on: string | null;
  ends_on: string | null;
  min_age: number;
  accessibility: string[];
  status: string;
};

export async function insertMission(sql: Queryable, associationId: string, m: MissionWrite): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    INSERT INTO missions ${sql({ ...m, association_id: associationId })}
    RETURNING id`;
  if (m.status === 'open') await sql`UPDATE missions SET published_at = now() WHERE id = ${row.id}`;
  return row.id;
}

export async function updateMissionRow(sql: Queryable, id: string, patch: Partial<MissionWrite>) {
  if (Object.keys(patch).length === 0) return;
  await sql`
    UPDATE missions SET ${sql(patch)}, updated_at = now(),
      published_at = CASE WHEN ${patch.status ?? null}::text = 'open' THEN COALESCE(published_at, now()) ELSE published_at END
    WHERE id = ${id}`;
}
