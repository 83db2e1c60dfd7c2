import type { NeedFilters } from '../../contract/needs.ts';
import type { Queryable } from '../../db/database.ts';

export type NeedRow = {
  id: string;
  association_id: string;
  association_name: string;
  association_verification: string;
  territory_id: string;
  territory_code: string;
  territory_name: string;
  kind: 'skills' | 'financial' | 'team_day' | 'in_kind' | 'board_member';
  title: string;
  description: string;
  skills: string[];
  themes: string[];
  amount_eur: number | null;
  status: 'open' | 'met' | 'closed';
  created_at: Date;
  updated_at: Date;
  total?: number;
};

const columns = (sql: Queryable) => sql`
  n.id, n.association_id, a.name AS association_name, a.verification AS association_verification,
  a.territory_id, t.code AS territory_code, t.name AS territory_name,
  n.kind, n.title, n.description, n.skills, n.themes, n.amount_eur, n.status, n.created_at, n.updated_at`;

const joins = (sql: Queryable) => sql`
  FROM association_needs n JOIN associations a ON a.id = n.association_id JOIN territories t ON t.id = a.territory_id`;

export async function selectNeed(sql: Queryable, id: string): Promise<NeedRow | undefined> {
  const [row] = await sql<NeedRow[]>`SELECT ${columns(sql)} ${joins(sql)} WHERE n.id = ${id}`;
  return row;
}

export async function selectNeeds(sql: Queryable, f: NeedFilters, visibleAssociationIds: string[] | 'all'): Promise<NeedRow[]> {
  const all = visibleAssociationIds === 'all';
  const own = all ? [] : visibleAssociationIds;
  // The page's ids first (narrow rows to sort and count), then the columns of those ids only.
  return sql<NeedRow[]>`
    WITH page AS (
      SELECT n.id, n.created_at, count(*) OVER ()::int AS total ${joins(sql)}
      WHERE (${f.association ?? null}::uuid IS NULL OR n.association_id = ${f.association ?? null})
        AND (${f.kind ?? null}::text[] IS NULL OR n.kind = ANY(${f.kind ?? null}::text[]))
        AND (${f.theme ?? null}::text[] IS NULL OR n.themes && ${f.theme ?? null}::text[])
        AND (${f.skill ?? null}::text[] IS NULL OR n.skills && ${f.skill ?? null}::text[])
        AND (${f.territory ?? null}::text IS NULL OR t.code = ${f.territory ?? null})
        AND (${f.status ?? null}::text IS NULL OR n.status = ${f.status ?? null})
        -- needs of suspended associations only for their own members (or staff)
        AND (${all} OR a.verification <> 'suspended' OR n.association_id = ANY(${own}::uuid[]))
      ORDER BY n.created_at DESC, n.id
      LIMIT ${f.limit} OFFSET ${f.offset})
    SELECT ${columns(sql)}, page.total FROM page JOIN association_needs n ON n.id = page.id
      JOIN associations a ON a.id = n.association_id JOIN territories t ON t.id = a.territory_id
    ORDER BY page.created_at DESC, page.id`;
}

export type NeedWrite = {
  kind: string;
  title: string;
  description: string;
  skills: string[];
  themes: string[];
  amount_eur: number | null;
  status: string;
};

export async function insertNeed(sql: Queryable, associationId: string, n: Omit<NeedWrite, 'status'>): Promise<string> {
  const [row] = await sql<{ id: string }[]>`INSERT INTO association_needs ${sql({ ...n, association_id: associationId })} RETURNING id`;
  return row.id;
}

export async function updateNeedRow(sql: Queryable, id: string, patch: Partial<NeedWrite>) {
  if (Object.keys(patch).length === 0) return;
  await sql`UPDATE association_needs SET ${sql(patch)}, updated_at = now() WHERE id = ${id}`;
}
