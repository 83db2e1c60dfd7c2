import type { Queryable } from '../../db/database.ts';

export type OrganisationKind = 'association' | 'company';

export type MemberRow = { user_id: string; display_name: string; role: 'member' | 'admin'; created_at: Date };
export type InvitationRow = {
  id: string;
  association_id: string | null;
  company_id: string | null;
  email: string;
  role: 'member' | 'admin';
  expires_at: Date;
  accepted_at: Date | null;
  created_at: Date;
};

const orgColumn = (sql: Queryable, kind: OrganisationKind) => (kind === 'association' ? sql`association_id` : sql`company_id`);

export async function selectOrganisationName(sql: Queryable, kind: OrganisationKind, id: string): Promise<string | undefined> {
  const [row] =
    kind === 'association'
      ? await sql<{ name: string }[]>`SELECT name FROM associations WHERE id = ${id}`
      : await sql<{ name: string }[]>`SELECT name FROM companies WHERE id = ${id}`;
  return row?.name;
}

export async function selectMembers(sql: Queryable, kind: OrganisationKind, id: string): Promise<MemberRow[]> {
  return sql<MemberRow[]>`
    SELECT m.user_id, u.display_name, m.role, m.created_at FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.${orgColumn(sql, kind)} = ${id} AND u.deleted_at IS NULL ORDER BY m.role, u.display_name, m.user_id`;
}

/** The admins of an organisation who can receive e-mail (accounts not deleted): who is told of its partners' news. */
export async function selectAdminRecipients(sql: Queryable, kind: OrganisationKind, id: string): Promise<{ user_id: string; email: string }[]> {
  return sql<{ user_id: string; email: string }[]>`
    SELECT m.user_id, u.email FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.${orgColumn(sql, kind)} = ${id} AND m.role = 'admin' AND u.deleted_at IS NULL`;
}

export async function selectPendingInvitations(sql: Queryable, kind: OrganisationKind, id: string): Promise<InvitationRow[]> {
  return sql<InvitationRow[]>`
    SELECT id, association_id, company_id, email, role, expires_at, accepted_at, created_at FROM organisation_invitations
    WHERE ${orgColumn(sql, kind)} = ${id} AND accepted_at IS NULL AND expires_at > now() ORDER BY created_at DESC`;
}

export async function selectIsMemberByEmail(sql: Queryable, kind: OrganisationKind, id: string, email: string): Promise<boolean> {
  const [row] = await sql<{ exists: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
                   WHERE m.${orgColumn(sql, kind)} = ${id} AND lower(u.email) = lower(${email}) AND u.deleted_at IS NULL) AS exists`;
  return row.exists;
}

export async function insertInvitation(
  sql: Queryable,
  i: { kind: OrganisationKind; organisationId: string; email: string; role: 'member' | 'admin'; tokenHash: string; invitedBy: string; expiresAt: Date },
): Promise<InvitationRow> {
  const [row] = await sql<InvitationRow[]>`
    INSERT INTO organisation_invitations (association_id, company_id, email, role, token_hash, invited_by, expires_at)
    VALUES (${i.kind === 'association' ? i.organisationId : null}, ${i.kind === 'company' ? i.organisationId : null},
            ${i.email}, ${i.role}, ${i.tokenHash}, ${i.invitedBy}, ${i.expiresAt})
    RETURNING id, association_id, company_id, email, role, expires_at, accepted_at, created_at`;
  return row;
}

export async function selectLiveInvitationByHash(sql: Queryable, tokenHash: string): Promise<InvitationRow | undefined> {
  const [row] = await sql<InvitationRow[]>`
    SELECT id, association_id, company_id, email, role, expires_at, accepted_at, created_at FROM organisation_invitations
    WHERE token_hash = ${tokenHash} AND accepted_at IS NULL AND expires_at > now() FOR UPDATE`;
  return row;
}

export async function markInvitationAccepted(sql: Queryable, id: string, userId: string) {
  await sql`UPDATE organisation_invitations SET accepted_at = now(), accepted_by = ${userId} WHERE id = ${id}`;
}

/** Adds a membership; an existing one keeps the higher of the two roles. */
export async function upsertMembership(sql: Queryable, m: { userId: string; kind: OrganisationKind; organisationId: string; role: 'member' | 'admin' }) {
  const [existing] = await sql<{ role: string }[]>`
    SELECT role FROM memberships WHERE user_id = ${m.userId} AND ${orgColumn(sql, m.kind)} = ${m.organisationId}`;
  if (existing) {
    if (m.role === 'admin') await sql`UPDATE memberships SET role = 'admin' WHERE user_id = ${m.userId} AND ${orgColumn(sql, m.kind)} = ${m.organisationId}`;
    return;
  }
  await sql`
    INSERT INTO memberships (user_id, association_id, company_id, role)
    VALUES (${m.userId}, ${m.kind === 'association' ? m.organisationId : null}, ${m.kind === 'company' ? m.organisationId : null}, ${m.role})`;
}

export async function deleteMembership(sql: Queryable, kind: OrganisationKind, organisationId: string, userId: string): Promise<boolean> {
  const rows = await sql`DELETE FROM memberships WHERE user_id = ${userId} AND ${orgColumn(sql, kind)} = ${organisationId} RETURNING user_id`;
  return rows.length > 0;
}

export async function countAdmins(sql: Queryable, kind: OrganisationKind, organisationId: string): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM memberships WHERE ${orgColumn(sql, kind)} = ${organisationId} AND role = 'admin'`;
  return row.n;
}
