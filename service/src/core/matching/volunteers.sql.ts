import type { Queryable } from '../../db/database.ts';

export type MissionForMatchingRow = {
  id: string;
  association_id: string;
  association_verification: string;
  title: string;
  status: string;
  skills: string[];
  themes: string[];
  is_remote: boolean;
  lat: number | null;
  lon: number | null;
  schedule: number;
  places_left: number;
  pending_count: number;
  min_age: number;
  accessibility: string[];
  response_hours: number | null;
  age_days: number | null;
  starts_in_days: number | null;
  embedding: string | null;
};

export async function selectMissionForMatching(sql: Queryable, missionId: string): Promise<MissionForMatchingRow | undefined> {
  const [row] = await sql<MissionForMatchingRow[]>`
    SELECT m.id, m.association_id, a.verification AS association_verification, m.title, m.status, m.skills, m.themes, m.is_remote,
           m.lat, m.lon, m.schedule, m.places - m.accepted_count AS places_left, m.pending_count, m.min_age, m.accessibility,
           a.response_hours, extract(epoch FROM now() - COALESCE(m.published_at, m.created_at))::float8 / 86400 AS age_days,
           (m.starts_on - current_date) AS starts_in_days, m.embedding::text AS embedding
    FROM missions m JOIN associations a ON a.id = m.association_id WHERE m.id = ${missionId}`;
  return row;
}

export type VolunteerCandidateRow = {
  id: string;
  first_name: string;
  commune_name: string;
  skills: string[];
  themes: string[];
  availability: number;
  radius_km: number;
  distance_km: number | null;
  similarity: number;
  invitation_id: string | null;
  invitation_status: 'pending' | 'accepted' | 'declined' | null;
};

/**
 * Visible citizens nearest to the mission's text, under the hard constraints seen from their side: the mission
 * is within their own radius (or remote and they accept remote), it offers every accessibility need they
 * declared, they are old enough, and they neither applied to nor dismissed it.
 */
export async function selectVolunteerCandidates(sql: Queryable, m: MissionForMatchingRow, vector: string, k: number): Promise<VolunteerCandidateRow[]> {
  return sql<VolunteerCandidateRow[]>`
    WITH ann AS (
      SELECT c.id FROM citizen_profiles c
      WHERE c.is_visible_to_associations
        AND ((${m.is_remote}::boolean AND c.accepts_remote)
          OR (NOT ${m.is_remote}::boolean AND distance_km(c.lat, c.lon, ${m.lat}::float8, ${m.lon}::float8) <= c.radius_km))
        AND c.accessibility_needs <@ ${m.accessibility}::text[]
        AND (${m.min_age}::int = 0 OR (c.birth_year IS NOT NULL AND extract(year FROM current_date)::int - c.birth_year >= ${m.min_age}::int))
        AND NOT EXISTS (SELECT 1 FROM applications p WHERE p.mission_id = ${m.id}::uuid AND p.citizen_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM dismissals d WHERE d.mission_id = ${m.id}::uuid AND d.citizen_id = c.id)
      ORDER BY c.embedding <=> ${vector}::vector
      LIMIT ${k}
    )
    SELECT c.id, c.first_name, co.name AS commune_name, c.skills, c.themes, c.availability, c.radius_km,
           CASE WHEN ${m.is_remote}::boolean THEN NULL ELSE distance_km(c.lat, c.lon, ${m.lat}::float8, ${m.lon}::float8) END AS distance_km,
           COALESCE(1 - (c.embedding <=> ${vector}::vector), 0)::float8 AS similarity,
           i.id AS invitation_id, i.status AS invitation_status
    FROM ann JOIN citizen_profiles c ON c.id = ann.id JOIN communes co ON co.insee = c.commune_insee
    LEFT JOIN invitations i ON i.mission_id = ${m.id}::uuid AND i.citizen_id = c.id`;
}

export type InvitationRow = {
  id: string;
  mission_id: string;
  mission_title: string;
  association_id: string;
  association_name: string;
  citizen_id: string;
  message: string;
  status: 'pending' | 'accepted' | 'declined';
  created_at: Date;
  answered_at: Date | null;
  application_id: string | null;
};

const invitationView = (sql: Queryable) => sql`
  SELECT i.id, i.mission_id, m.title AS mission_title, i.association_id, a.name AS association_name, i.citizen_id, i.message,
         i.status, i.created_at, i.answered_at, p.id AS application_id
  FROM invitations i JOIN missions m ON m.id = i.mission_id JOIN associations a ON a.id = i.association_id
  LEFT JOIN applications p ON p.mission_id = i.mission_id AND p.citizen_id = i.citizen_id`;

export async function selectInvitation(sql: Queryable, id: string): Promise<InvitationRow | undefined> {
  const [row] = await sql<InvitationRow[]>`${invitationView(sql)} WHERE i.id = ${id}`;
  return row;
}

export async function selectInvitationsOfCitizen(sql: Queryable, citizenId: string): Promise<InvitationRow[]> {
  return sql<InvitationRow[]>`${invitationView(sql)} WHERE i.citizen_id = ${citizenId} ORDER BY i.created_at DESC LIMIT 100`;
}

/** Locks the citizen's row (serialises invitations to one citizen) and says whether they are visible. */
export async function lockVisibleCitizen(sql: Queryable, citizenId: string): Promise<boolean> {
  const [row] = await sql<{ visible: boolean }[]>`
    SELECT is_visible_to_associations AS visible FROM citizen_profiles WHERE id = ${citizenId} FOR UPDATE`;
  return row?.visible === true;
}

/** Invitations the citizen received over the rolling window, oldest first, and whether this mission already invited them. */
export async function selectRecentInvitations(sql: Queryable, citizenId: string, missionId: string, windowDays: number) {
  const [row] = await sql<{ recent: Date[]; already: boolean }[]>`
    SELECT COALESCE(array_agg(created_at ORDER BY created_at) FILTER (WHERE created_at > now() - make_interval(days => ${windowDays})), '{}') AS recent,
           bool_or(mission_id = ${missionId}) IS TRUE AS already
    FROM invitations WHERE citizen_id = ${citizenId}`;
  return row;
}

export async function insertInvitation(sql: Queryable, i: { missionId: string; citizenId: string; associationId: string; invitedBy: string; message: string }) {
  const [row] = await sql<{ id: string }[]>`
    INSERT INTO invitations (mission_id, citizen_id, association_id, invited_by, message)
    VALUES (${i.missionId}, ${i.citizenId}, ${i.associationId}, ${i.invitedBy}, ${i.message}) RETURNING id`;
  return row.id;
}

export async function setInvitationStatus(sql: Queryable, id: string, status: 'declined') {
  await sql`UPDATE invitations SET status = ${status}, answered_at = now() WHERE id = ${id} AND status = 'pending'`;
}
