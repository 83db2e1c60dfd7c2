import type { Queryable } from '../../db/database.ts';

export type Verification = 'pending' | 'verified' | 'suspended';
export type ModerationRow = {
  kind: 'association' | 'company';
  id: string;
  name: string;
  rna: string | null;
  siren: string | null;
  verification: Verification;
  commune_insee: string;
  members: number;
  created_at: Date;
};

export async function selectOrganisationsForModeration(
  sql: Queryable,
  f: { state: Verification | null; kind: 'association' | 'company' | null; limit: number; offset: number },
): Promise<(ModerationRow & { total: number })[]> {
  return sql<(ModerationRow & { total: number })[]>`
    WITH orgs AS (
      SELECT 'association' AS kind, a.id, a.name, a.rna, a.siren, a.verification, a.commune_insee, a.created_at,
             (SELECT count(*)::int FROM memberships m WHERE m.association_id = a.id) AS members
      FROM associations a
      UNION ALL
      SELECT 'company', c.id, c.name, NULL, c.siren, c.verification, c.commune_insee, c.created_at,
             (SELECT count(*)::int FROM memberships m WHERE m.company_id = c.id)
      FROM companies c
    )
    SELECT *, count(*) OVER ()::int AS total FROM orgs
    WHERE (${f.state}::text IS NULL OR verification = ${f.state}) AND (${f.kind}::text IS NULL OR kind = ${f.kind})
    ORDER BY created_at, id LIMIT ${f.limit} OFFSET ${f.offset}`;
}

export async function selectOrganisationForModeration(sql: Queryable, kind: 'association' | 'company', id: string): Promise<ModerationRow | undefined> {
  const [row] =
    kind === 'association'
      ? await sql<ModerationRow[]>`
          SELECT 'association' AS kind, a.id, a.name, a.rna, a.siren, a.verification, a.commune_insee, a.created_at,
                 (SELECT count(*)::int FROM memberships m WHERE m.association_id = a.id) AS members
          FROM associations a WHERE a.id = ${id}`
      : await sql<ModerationRow[]>`
          SELECT 'company' AS kind, c.id, c.name, NULL AS rna, c.siren, c.verification, c.commune_insee, c.created_at,
                 (SELECT count(*)::int FROM memberships m WHERE m.company_id = c.id) AS members
          FROM companies c WHERE c.id = ${id}`;
  return row;
}

export async function updateVerification(sql: Queryable, kind: 'association' | 'company', id: string, state: Verification) {
  if (kind === 'association') await sql`UPDATE associations SET verification = ${state}, updated_at = now() WHERE id = ${id}`;
  else await sql`UPDATE companies SET verification = ${state}, updated_at = now() WHERE id = ${id}`;
}

export async function insertVerificationDecision(
  sql: Queryable,
  d: { kind: 'association' | 'company'; id: string; moderatorId: string; previous: Verification; next: Verification; reason: string },
) {
  await sql`
    INSERT INTO verification_decisions (association_id, company_id, moderator_id, previous_state, new_state, reason)
    VALUES (${d.kind === 'association' ? d.id : null}, ${d.kind === 'company' ? d.id : null}, ${d.moderatorId}, ${d.previous}, ${d.next}, ${d.reason})`;
}

export async function selectVerificationState(sql: Queryable, kind: 'association' | 'company', id: string): Promise<Verification | undefined> {
  const [row] =
    kind === 'association'
      ? await sql<{ verification: Verification }[]>`SELECT verification FROM associations WHERE id = ${id}`
      : await sql<{ verification: Verification }[]>`SELECT verification FROM companies WHERE id = ${id}`;
  return row?.verification;
}

export async function insertSupportOrganisation(sql: Queryable, name: string): Promise<{ id: string; name: string }> {
  const [row] = await sql<{ id: string; name: string }[]>`INSERT INTO support_organisations (name) VALUES (${name}) RETURNING id, name`;
  return row;
}

export async function selectSupportOrganisationExists(sql: Queryable, id: string): Promise<boolean> {
  const [row] = await sql<{ exists: boolean }[]>`SELECT EXISTS (SELECT 1 FROM support_organisations WHERE id = ${id}) AS exists`;
  return row.exists;
}
