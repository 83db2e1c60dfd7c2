import type { Queryable } from '../../db/database.ts';

export type ContactRow = {
  id: string;
  association_id: string;
  association_name: string;
  need_id: string | null;
  role: string | null;
  message: string;
  status: 'pending' | 'accepted' | 'declined';
  created_at: Date;
  answered_at: Date | null;
  citizen_id: string;
  first_name: string;
  email: string | null;
};

const contactView = (sql: Queryable) => sql`
  SELECT r.id, r.association_id, a.name AS association_name, r.need_id, n.role, r.message, r.status, r.created_at, r.answered_at,
         r.citizen_id, c.first_name, u.email
  FROM board_contact_requests r JOIN associations a ON a.id = r.association_id JOIN citizen_profiles c ON c.id = r.citizen_id
  LEFT JOIN board_needs n ON n.id = r.need_id LEFT JOIN users u ON u.id = c.user_id`;

export async function selectContact(sql: Queryable, id: string): Promise<ContactRow | undefined> {
  const [row] = await sql<ContactRow[]>`${contactView(sql)} WHERE r.id = ${id}`;
  return row;
}

export async function selectContactsOfAssociation(sql: Queryable, associationId: string): Promise<ContactRow[]> {
  return sql<ContactRow[]>`${contactView(sql)} WHERE r.association_id = ${associationId} ORDER BY r.created_at DESC, r.id LIMIT 200`;
}

export async function selectContactsOfCitizen(sql: Queryable, citizenId: string): Promise<ContactRow[]> {
  return sql<ContactRow[]>`${contactView(sql)} WHERE r.citizen_id = ${citizenId} ORDER BY r.created_at DESC, r.id LIMIT 200`;
}

/** Whether the citizen opted in to governance volunteering (the only citizens an association may contact). */
export async function selectIsOpenToBoardRoles(sql: Queryable, citizenId: string): Promise<boolean> {
  const [row] = await sql<{ open: boolean }[]>`SELECT is_open_to_board_roles AS open FROM citizen_profiles WHERE id = ${citizenId}`;
  return row?.open === true;
}

export async function countPendingContacts(sql: Queryable, associationId: string): Promise<number> {
  const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM board_contact_requests WHERE association_id = ${associationId} AND status = 'pending'`;
  return row.n;
}

export async function insertContact(sql: Queryable, c: { associationId: string; needId: string | null; citizenId: string; requestedBy: string; message: string }): Promise<string | null> {
  const [row] = await sql<{ id: string }[]>`
    INSERT INTO board_contact_requests (association_id, need_id, citizen_id, requested_by, message)
    VALUES (${c.associationId}, ${c.needId}, ${c.citizenId}, ${c.requestedBy}, ${c.message})
    ON CONFLICT (association_id, citizen_id) WHERE status = 'pending' DO NOTHING RETURNING id`;
  return row?.id ?? null;
}

export async function answerContact(sql: Queryable, id: string, status: 'accepted' | 'declined'): Promise<boolean> {
  const rows = await sql`UPDATE board_contact_requests SET status = ${status}, answered_at = now() WHERE id = ${id} AND status = 'pending' RETURNING id`;
  return rows.length > 0;
}
