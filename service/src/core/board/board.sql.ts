import type { Queryable } from '../../db/database.ts';
import type { BoardMemberCreate, BoardNeedCreate, WeightedCompetency } from '../../contract/board.ts';

export type BoardMemberRow = { id: string; association_id: string; full_name: string; user_id: string | null; role: string; competencies: string[]; mandate_end: string | null; is_key_person: boolean };
export type BoardNeedRow = {
  id: string;
  association_id: string;
  role: string;
  description: string;
  competencies: WeightedCompetency[];
  meetings_per_month: number;
  mandate_years: number;
  priority: number;
  status: 'open' | 'filled' | 'closed';
};
export type TieRow = { id: string; kind: string; company_id: string | null; other_association_id: string | null; name: string };

export async function selectAssociationExists(sql: Queryable, associationId: string): Promise<boolean> {
  const [row] = await sql`SELECT 1 FROM associations WHERE id = ${associationId}`;
  return row !== undefined;
}

export async function selectBoardMembers(sql: Queryable, associationId: string): Promise<BoardMemberRow[]> {
  return sql<BoardMemberRow[]>`
    SELECT id, association_id, full_name, user_id, role, competencies, to_char(mandate_end, 'YYYY-MM-DD') AS mandate_end, is_key_person
    FROM board_members b WHERE association_id = ${associationId}
    ORDER BY (SELECT rank FROM board_roles r WHERE r.code = b.role), full_name, id`;
}

export async function insertBoardMember(sql: Queryable, associationId: string, m: BoardMemberCreate): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    INSERT INTO board_members (association_id, full_name, user_id, role, competencies, mandate_end, is_key_person)
    VALUES (${associationId}, ${m.fullName}, ${m.userId}, ${m.role}, ${m.competencies}::text[], ${m.mandateEnd}::date, ${m.isKeyPerson}) RETURNING id`;
  return row.id;
}

export async function selectIsAssociationMember(sql: Queryable, associationId: string, userId: string): Promise<boolean> {
  const [row] = await sql`SELECT 1 FROM memberships WHERE association_id = ${associationId} AND user_id = ${userId}`;
  return row !== undefined;
}

export async function deleteBoardMember(sql: Queryable, associationId: string, memberId: string): Promise<boolean> {
  const rows = await sql`DELETE FROM board_members WHERE id = ${memberId} AND association_id = ${associationId} RETURNING id`;
  return rows.length > 0;
}

export async function selectBoardNeeds(sql: Queryable, associationId: string, onlyOpen: boolean): Promise<BoardNeedRow[]> {
  return sql<BoardNeedRow[]>`
    SELECT id, association_id, role, description, competencies, meetings_per_month, mandate_years, priority, status
    FROM board_needs WHERE association_id = ${associationId} AND (NOT ${onlyOpen}::boolean OR status = 'open')
    ORDER BY priority, created_at, id`;
}

export async function selectBoardNeed(sql: Queryable, associationId: string, needId: string): Promise<BoardNeedRow | undefined> {
  const [row] = await sql<BoardNeedRow[]>`
    SELECT id, association_id, role, description, competencies, meetings_per_month, mandate_years, priority, status
    FROM board_needs WHERE id = ${needId} AND association_id = ${associationId}`;
  return row;
}

export async function insertBoardNeed(sql: Queryable, associationId: string, n: BoardNeedCreate): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    INSERT INTO board_needs (association_id, role, description, competencies, meetings_per_month, mandate_years, priority)
    VALUES (${associationId}, ${n.role}, ${n.description}, ${JSON.stringify(n.competencies)}::text::jsonb, ${n.meetingsPerMonth}, ${n.mandateYears}, ${n.priority})
    RETURNING id`;
  return row.id;
}

export async function updateBoardNeedStatus(sql: Queryable, associationId: string, needId: string, status: 'filled' | 'closed'): Promise<boolean> {
  const rows = await sql`UPDATE board_needs SET status = ${status} WHERE id = ${needId} AND association_id = ${associationId} AND status = 'open' RETURNING id`;
  return rows.length > 0;
}

/** Declared ties, and the platform's live partnerships with companies read as ties of kind 'partnership'. */
export async function selectTies(sql: Queryable, associationId: string): Promise<TieRow[]> {
  return sql<TieRow[]>`
    SELECT t.id, t.kind, t.company_id, t.other_association_id, COALESCE(c.name, a.name) AS name
    FROM board_declared_ties t LEFT JOIN companies c ON c.id = t.company_id LEFT JOIN associations a ON a.id = t.other_association_id
    WHERE t.association_id = ${associationId}
    UNION ALL
    SELECT p.id, 'partnership', p.company_id, NULL, c.name
    FROM partnerships p JOIN companies c ON c.id = p.company_id
    WHERE p.association_id = ${associationId} AND p.status IN ('proposed', 'active')`;
}

export async function insertTie(sql: Queryable, associationId: string, t: { kind: string; companyId: string | null; otherAssociationId: string | null }): Promise<string | null> {
  const [row] = await sql<{ id: string }[]>`
    INSERT INTO board_declared_ties (association_id, kind, company_id, other_association_id)
    VALUES (${associationId}, ${t.kind}, ${t.companyId}, ${t.otherAssociationId})
    ON CONFLICT DO NOTHING RETURNING id`;
  return row?.id ?? null;
}

export async function selectOrganisationExists(sql: Queryable, t: { companyId: string | null; otherAssociationId: string | null }): Promise<boolean> {
  const [row] = t.companyId ? await sql`SELECT 1 FROM companies WHERE id = ${t.companyId}` : await sql`SELECT 1 FROM associations WHERE id = ${t.otherAssociationId}`;
  return row !== undefined;
}
