import type { Queryable } from '../../db/database.ts';

/** Hard guard on distance: a board seat means monthly trips to the association's seat. */
export const BOARD_MAX_KM = 100;

export type BoardAssociationRow = { id: string; name: string; themes: string[]; lat: number; lon: number };

export async function selectBoardAssociation(sql: Queryable, associationId: string): Promise<BoardAssociationRow | undefined> {
  const [row] = await sql<BoardAssociationRow[]>`
    SELECT a.id, a.name, a.themes, co.lat, co.lon FROM associations a JOIN communes co ON co.insee = a.commune_insee WHERE a.id = ${associationId}`;
  return row;
}

export type CitizenBoardCandidateRow = {
  id: string;
  skills: string[];
  themes: string[];
  availability: number;
  distance_km: number;
  similarity: number;
  employer_ids: string[];
  board_association_ids: string[];
  contact_id: string | null;
  contact_status: string | null;
};

/**
 * Citizens who opted in to governance volunteering, nearest to the need's text first (HNSW on
 * citizen_profiles.embedding), within BOARD_MAX_KM, not already on this board. Their employers (company
 * memberships) and other board seats come along for the conflict flags.
 */
export async function selectCitizenBoardCandidates(sql: Queryable, a: BoardAssociationRow, vector: string, k: number): Promise<CitizenBoardCandidateRow[]> {
  return sql<CitizenBoardCandidateRow[]>`
    WITH ann AS (
      SELECT c.id FROM citizen_profiles c
      WHERE c.is_open_to_board_roles
        AND distance_km(c.lat, c.lon, ${a.lat}::float8, ${a.lon}::float8) <= ${BOARD_MAX_KM}
        AND NOT EXISTS (SELECT 1 FROM board_members b WHERE b.association_id = ${a.id}::uuid AND b.user_id = c.user_id)
      ORDER BY c.embedding <=> ${vector}::vector
      LIMIT ${k}
    )
    SELECT c.id, c.skills, c.themes, c.availability,
           distance_km(c.lat, c.lon, ${a.lat}::float8, ${a.lon}::float8) AS distance_km,
           COALESCE(1 - (c.embedding <=> ${vector}::vector), 0)::float8 AS similarity,
           COALESCE((SELECT array_agg(m.company_id) FROM memberships m WHERE m.user_id = c.user_id AND m.company_id IS NOT NULL), '{}') AS employer_ids,
           COALESCE((SELECT array_agg(DISTINCT b.association_id) FROM board_members b WHERE b.user_id = c.user_id), '{}') AS board_association_ids,
           r.id AS contact_id, r.status AS contact_status
    FROM ann JOIN citizen_profiles c ON c.id = ann.id
    LEFT JOIN LATERAL (
      SELECT id, status FROM board_contact_requests q WHERE q.association_id = ${a.id}::uuid AND q.citizen_id = c.id ORDER BY created_at DESC LIMIT 1
    ) r ON true`;
}

export type OfferBoardCandidateRow = { id: string; company_id: string; skills: string[]; themes: string[]; distance_km: number; similarity: number };

/** Open RSE offers of kind 'board_member' with capacity left: each stands for one employee the company lends. */
export async function selectOfferBoardCandidates(sql: Queryable, a: BoardAssociationRow, vector: string, k: number): Promise<OfferBoardCandidateRow[]> {
  return sql<OfferBoardCandidateRow[]>`
    WITH ann AS (
      SELECT o.id FROM rse_offers o
      WHERE o.kind = 'board_member' AND o.status = 'open' AND o.capacity_left > 0
      ORDER BY o.embedding <=> ${vector}::vector
      LIMIT ${k}
    )
    SELECT o.id, o.company_id, o.skills, o.themes,
           distance_km(co.lat, co.lon, ${a.lat}::float8, ${a.lon}::float8) AS distance_km,
           COALESCE(1 - (o.embedding <=> ${vector}::vector), 0)::float8 AS similarity
    FROM ann JOIN rse_offers o ON o.id = ann.id JOIN companies c ON c.id = o.company_id JOIN communes co ON co.insee = c.commune_insee
    WHERE distance_km(co.lat, co.lon, ${a.lat}::float8, ${a.lon}::float8) <= ${BOARD_MAX_KM}`;
}
