import type postgres from 'postgres';
import type { PartnershipFilters, PendingInterestFilters } from '../../contract/partners.ts';
import type { Queryable } from '../../db/database.ts';

export type PartnershipRow = {
  id: string;
  status: 'proposed' | 'active' | 'ended';
  offer_id: string;
  offer_title: string;
  offer_kind: 'skills' | 'financial' | 'team_day' | 'in_kind' | 'board_member';
  company_id: string;
  company_name: string;
  association_id: string;
  association_name: string;
  fit_score: number | null;
  weights_version: string | null;
  hours: number | null;
  amount_eur: number | null;
  days: number | null;
  items: string;
  started_at: Date | null;
  ended_at: Date | null;
  created_at: Date;
};

const columns = (sql: Queryable) => sql`
  p.id, p.status, p.offer_id, o.title AS offer_title, o.kind AS offer_kind, p.company_id, co.name AS company_name,
  p.association_id, a.name AS association_name, p.fit_score, p.weights_version, p.hours, p.amount_eur, p.days, p.items,
  p.started_at, p.ended_at, p.created_at`;
const joins = (sql: Queryable) => sql`
  FROM partnerships p JOIN rse_offers o ON o.id = p.offer_id JOIN companies co ON co.id = p.company_id
  JOIN associations a ON a.id = p.association_id`;

/** Locks the offer row: interests in one offer are decided one at a time, so two sides saying yes at once still meet. */
export async function lockOffer(sql: Queryable, offerId: string) {
  await sql`SELECT id FROM rse_offers WHERE id = ${offerId} FOR UPDATE`;
}

/** Records an interest; false when this side already said it. */
export async function insertInterest(sql: Queryable, i: { offerId: string; associationId: string; side: string; userId: string }): Promise<boolean> {
  const rows = await sql`
    INSERT INTO partner_interests (offer_id, association_id, side, user_id) VALUES (${i.offerId}, ${i.associationId}, ${i.side}, ${i.userId})
    ON CONFLICT DO NOTHING RETURNING offer_id`;
  return rows.length > 0;
}

/** Takes one side's interest back; false when this side had not said it. */
export async function deleteInterest(sql: Queryable, i: { offerId: string; associationId: string; side: string }): Promise<boolean> {
  const rows = await sql`
    DELETE FROM partner_interests WHERE offer_id = ${i.offerId} AND association_id = ${i.associationId} AND side = ${i.side} RETURNING offer_id`;
  return rows.length > 0;
}

export async function selectInterestSides(sql: Queryable, offerId: string, associationId: string): Promise<string[]> {
  const rows = await sql<{ side: string }[]>`SELECT side FROM partner_interests WHERE offer_id = ${offerId} AND association_id = ${associationId}`;
  return rows.map((r) => r.side);
}

/** Opens the pair's partnership (once: a second call returns the existing id). */
export async function insertPartnership(
  sql: Queryable,
  p: { offerId: string; companyId: string; associationId: string; fitScore: number | null; weightsVersion: string },
): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    INSERT INTO partnerships (offer_id, company_id, association_id, fit_score, weights_version)
    VALUES (${p.offerId}, ${p.companyId}, ${p.associationId}, ${p.fitScore}, ${p.weightsVersion})
    ON CONFLICT (offer_id, association_id) DO UPDATE SET updated_at = partnerships.updated_at
    RETURNING id`;
  return row.id;
}

export async function selectPartnership(sql: Queryable, id: string): Promise<PartnershipRow | undefined> {
  const [row] = await sql<PartnershipRow[]>`SELECT ${columns(sql)} ${joins(sql)} WHERE p.id = ${id}`;
  return row;
}

export async function selectPartnershipOfPair(sql: Queryable, offerId: string, associationId: string): Promise<PartnershipRow | undefined> {
  const [row] = await sql<PartnershipRow[]>`SELECT ${columns(sql)} ${joins(sql)} WHERE p.offer_id = ${offerId} AND p.association_id = ${associationId}`;
  return row;
}

/** Who may see which pairs: staff all, others those of their associations and companies. */
export type PartnerScope = { associationIds: string[]; companyIds: string[] } | 'all';

/** The condition for rows a scope may see, given the rows' association and company id columns. */
function inScope(sql: Queryable, scope: PartnerScope, association: postgres.Fragment, company: postgres.Fragment) {
  if (scope === 'all') return sql`true`;
  return sql`(${association} = ANY(${scope.associationIds}::uuid[]) OR ${company} = ANY(${scope.companyIds}::uuid[]))`;
}

/** Partnerships of the given organisations ('all' for staff), newest first. */
export async function selectPartnerships(sql: Queryable, f: PartnershipFilters, scope: PartnerScope) {
  return sql<PartnershipRow[]>`
    SELECT ${columns(sql)} ${joins(sql)}
    WHERE ${inScope(sql, scope, sql`p.association_id`, sql`p.company_id`)}
      AND (${f.status ?? null}::text IS NULL OR p.status = ${f.status ?? null})
      AND (${f.association ?? null}::uuid IS NULL OR p.association_id = ${f.association ?? null})
      AND (${f.company ?? null}::uuid IS NULL OR p.company_id = ${f.company ?? null})
    ORDER BY p.created_at DESC, p.id
    LIMIT 200`;
}


export type PendingInterestRow = {
  offer_id: string;
  offer_title: string;
  offer_kind: PartnershipRow['offer_kind'];
  company_id: string;
  company_name: string;
  association_id: string;
  association_name: string;
  side: 'company' | 'association';
  created_at: Date;
};

/**
 * Interests the other side has not answered: no partnership yet (mutual interest opens one in the same transaction),
 * and a pair that can still become one (offer open with a place left, association verified, company not suspended).
 * Newest first.
 */
export async function selectPendingInterests(sql: Queryable, f: PendingInterestFilters, scope: PartnerScope) {
  return sql<PendingInterestRow[]>`
    SELECT i.offer_id, o.title AS offer_title, o.kind AS offer_kind, o.company_id, co.name AS company_name,
      i.association_id, a.name AS association_name, i.side, i.created_at
    FROM partner_interests i JOIN rse_offers o ON o.id = i.offer_id JOIN companies co ON co.id = o.company_id
      JOIN associations a ON a.id = i.association_id
    WHERE ${inScope(sql, scope, sql`i.association_id`, sql`o.company_id`)}
      AND (${f.association ?? null}::uuid IS NULL OR i.association_id = ${f.association ?? null})
      AND (${f.company ?? null}::uuid IS NULL OR o.company_id = ${f.company ?? null})
      AND (${f.offer ?? null}::uuid IS NULL OR i.offer_id = ${f.offer ?? null})
      AND (${f.interestedSide ?? null}::text IS NULL OR i.side = ${f.interestedSide ?? null})
      AND NOT EXISTS (SELECT 1 FROM partnerships p WHERE p.offer_id = i.offer_id AND p.association_id = i.association_id)
      AND o.status = 'open' AND o.capacity_left > 0 AND a.verification = 'verified' AND co.verification <> 'suspended'
    ORDER BY i.created_at DESC, i.offer_id, i.association_id
    LIMIT 200`;
}

/** Takes one place of the offer; false when none is left or the offer is no longer open. */
export async function takeOfferPlace(sql: Queryable, offerId: string): Promise<boolean> {
  const rows = await sql`
    UPDATE rse_offers SET capacity_left = capacity_left - 1, updated_at = now()
    WHERE id = ${offerId} AND status = 'open' AND capacity_left > 0 RETURNING id`;
  return rows.length > 0;
}

/** proposed -> active; false when the partnership was not proposed any more (a concurrent decision). */
export async function activatePartnershipRow(sql: Queryable, id: string): Promise<boolean> {
  const rows = await sql`
    UPDATE partnerships SET status = 'active', started_at = now(), updated_at = now() WHERE id = ${id} AND status = 'proposed' RETURNING id`;
  return rows.length > 0;
}

export type Contributions = { hours: number | null; amount_eur: number | null; days: number | null; items: string };

/** -> ended with what was given; false when it had already ended. */
export async function endPartnershipRow(sql: Queryable, id: string, given: Contributions): Promise<boolean> {
  const rows = await sql`
    UPDATE partnerships SET status = 'ended', ended_at = now(), updated_at = now(),
      hours = ${given.hours}, amount_eur = ${given.amount_eur}, days = ${given.days}, items = ${given.items}
    WHERE id = ${id} AND status <> 'ended' RETURNING id`;
  return rows.length > 0;
}

export type MessageRow = { id: string; side: 'company' | 'association'; author_id: string | null; author_name: string | null; body: string; created_at: Date };

export async function insertMessage(sql: Queryable, m: { partnershipId: string; authorId: string; side: string; body: string }): Promise<MessageRow> {
  const [row] = await sql<MessageRow[]>`
    WITH m AS (
      INSERT INTO partnership_messages (partnership_id, author_id, side, body) VALUES (${m.partnershipId}, ${m.authorId}, ${m.side}, ${m.body})
      RETURNING id, side, author_id, body, created_at)
    SELECT m.*, u.display_name AS author_name FROM m LEFT JOIN users u ON u.id = m.author_id`;
  return row;
}

export async function selectMessages(sql: Queryable, partnershipId: string): Promise<MessageRow[]> {
  return sql<MessageRow[]>`
    SELECT m.id, m.side, m.author_id, u.display_name AS author_name, m.body, m.created_at
    FROM partnership_messages m LEFT JOIN users u ON u.id = m.author_id
    WHERE m.partnership_id = ${partnershipId}
    ORDER BY m.created_at, m.id
    LIMIT 500`;
}
